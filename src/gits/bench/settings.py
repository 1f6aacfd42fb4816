"""Settings for the server `make bench` measures: the production settings, plus a trivial
view (`/bench/trivial/`) as the yardstick. Only used by the bench (DJANGO_SETTINGS_MODULE)."""

from gits.settings import *  # noqa: F403

ROOT_URLCONF = "gits.bench.urls"
