import datetime as dt

import pytest

from tests.sealing import make_seal_ca

TODAY = dt.date.today()
YEAR = TODAY.year


@pytest.fixture
def seal_ca(tmp_path, settings):
    return make_seal_ca(tmp_path, settings)


@pytest.fixture(autouse=True)
def _meetings_seal(seal_ca):
    """Every meetings test seals with a CA of its own, never with a key under var/."""
    return seal_ca
