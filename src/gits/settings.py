"""GITS settings. Everything that differs between machines comes from environment variables
(documented in README.md); the defaults are for a developer's machine."""

import datetime as dt
import os
import sys
from pathlib import Path

import dj_database_url
from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("GITS_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("GITS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("GITS_DEBUG", False)
TESTING = env_bool("GITS_TESTING", "pytest" in sys.modules)

SECRET_KEY = os.environ.get("GITS_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "gits-insecure-development-key-do-not-use-in-production"
    else:
        # Fail fast: a production server must never run on a known key.
        raise ImproperlyConfigured(
            "GITS_SECRET_KEY saknas. Sätt miljövariabeln (eller GITS_DEBUG=1 för utveckling)."
        )

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("GITS_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("GITS_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "ninja",  # serves the API docs' Swagger UI from the app, not from a CDN
    "axes",  # login throttling and lockout (gits.accounts.throttle)
    "django_q",  # the task queue of `gits worker` (gits.operations)
    "gits.core",
    "gits.accounts",
    "gits.organisations",
    "gits.bodies",
    "gits.portfolio",
    "gits.meetings",
    "gits.plans",
    "gits.finance",
    "gits.reviews",
    "gits.sso",
    "gits.operations",
]

MIDDLEWARE = [
    "gits.operations.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gits.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "gits.core.middleware.RequestIdMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page or JSON
]

ROOT_URLCONF = "gits.urls"
WSGI_APPLICATION = "gits.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gits.core.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gits.sqlite3'}"),
        conn_max_age=int(os.environ.get("GITS_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Several gunicorn workers share one file: a write transaction takes the lock when it
    # begins (so two writers queue instead of failing with "database is locked" when one
    # upgrades a read lock), waits for it up to 20 s, and readers do not block writers (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if TESTING:
    # Tests make thousands of accounts and logins; a strong hash (PBKDF2, about 0.25 s each here)
    # would be most of their time. New hashes are MD5 there only; stored ones of every kind check.
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *global_settings.PASSWORD_HASHERS,
    ]
# Login throttling first (django-axes' AxesStandaloneBackend, gits.accounts.throttle): a locked
# account or address is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "gits.accounts.throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Swedish is the language of the users and the source language of the UI texts;
# English is a translation.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GITS_STATIC_ROOT", VAR_DIR / "static"))
# Front-end libraries come from npm (package.json at the repository root) and are served by
# the app itself: nothing is loaded from a CDN.
NODE_MODULES = Path(os.environ.get("GITS_NODE_MODULES", BASE_DIR / "node_modules"))
STATICFILES_DIRS = [("vendor/htmx", NODE_MODULES / "htmx.org" / "dist")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if DEBUG or TESTING:
    # Serve straight from the finders, so tests and development need no collectstatic.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(os.environ.get("GITS_MEDIA_ROOT", VAR_DIR / "media"))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("GITS_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS in production (README "Produktion"): HSTS, redirect and the proxy's header.
SECURE_HSTS_SECONDS = int(os.environ.get("GITS_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GITS_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("GITS_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("GITS_SSL_REDIRECT", False)
# A load balancer and Prometheus ask the app servers directly over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^halsa/$", r"^metrics$"]
if env_bool("GITS_BEHIND_PROXY", False):
    # The proxy terminates TLS and says so in X-Forwarded-Proto; only trust it behind one.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# Login protection (README "Inloggningsskydd"): after GITS_LOGIN_FAILURE_LIMIT failed logins
# within the cool-off period, the account and the address are each locked for
# GITS_LOGIN_COOLOFF_MINUTES, on the login form, /admin/ and API tokens alike.
GITS_BEHIND_PROXY = env_bool("GITS_BEHIND_PROXY", False)
GITS_PROXY_COUNT = int(os.environ.get("GITS_PROXY_COUNT", "1"))
AXES_FAILURE_LIMIT = int(os.environ.get("GITS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("GITS_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = "gits.accounts.throttle.lockout_parameters"  # account, address
AXES_CLIENT_IP_CALLABLE = "gits.accounts.throttle.client_ip"
AXES_USERNAME_CALLABLE = "gits.accounts.throttle.client_username"
AXES_LOCKOUT_CALLABLE = "gits.accounts.throttle.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock ends when it said it would
AXES_ENABLE_ADMIN = False  # lift a lock with `gits axes_reset_username NAME` (README)
AXES_VERBOSE = False

# Content-Security-Policy: only the app's own scripts and styles, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "GITS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("GITS_DEFAULT_FROM_EMAIL", "gits@localhost")

# The organisation's seal for locked records (PEM files); without them a self-signed seal is
# made under VAR_DIR/seal (see gits.core.archive).
GITS_SEAL_CERT = os.environ.get("GITS_SEAL_CERT", "")
GITS_SEAL_KEY = os.environ.get("GITS_SEAL_KEY", "")
GITS_SEAL_KEY_PASSWORD = os.environ.get("GITS_SEAL_KEY_PASSWORD", "")
GITS_SEAL_NAME = os.environ.get("GITS_SEAL_NAME", "GITS")

# The embedded data set of a region and its municipalities: a folder name under
# gits/data/ or a path to a folder of the same shape.
GITS_DATASET = os.environ.get("GITS_DATASET", "vastra_gotaland")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # GITS_LOG_FORMAT=json: one JSON object a line (time, level, logger, message, request id).
    "formatters": {"json": {"()": "gits.operations.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if os.environ.get("GITS_LOG_FORMAT") == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("GITS_LOG_LEVEL", "INFO")},
}

# SMTP for the e-mail notifications (with GITS_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = os.environ.get("GITS_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GITS_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("GITS_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GITS_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GITS_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("GITS_EMAIL_USE_SSL", False)

# Background work (gits.operations, docs/deploy.md): `gits worker` runs django-q2 with the
# database as its queue, so the same worker runs on SQLite and PostgreSQL. A failed job is
# not acknowledged and is delivered again after `retry` seconds, at most `max_attempts` times.
GITS_JOB_TIMEOUT = int(os.environ.get("GITS_JOB_TIMEOUT", "1800"))
Q_CLUSTER = {
    "name": "gits",
    "orm": "default",
    "workers": int(os.environ.get("GITS_WORKER_PROCESSES", "2")),
    "timeout": GITS_JOB_TIMEOUT,
    "retry": GITS_JOB_TIMEOUT + 300,
    "max_attempts": 3,
    "ack_failures": False,
    "catch_up": False,
    "save_limit": 100,
    "save_limit_per": "group",
    "poll": 1,
    "label": "Bakgrundsjobb",
}
# Links in e-mail point here (the address users open GITS on).
GITS_BASE_URL = os.environ.get("GITS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
GITS_BACKUP_DIR = Path(os.environ.get("GITS_BACKUP_DIR", VAR_DIR / "backups"))
GITS_BACKUP_KEEP = int(os.environ.get("GITS_BACKUP_KEEP", "14"))
# The health check fails when no worker has reported for this many seconds.
GITS_WORKER_HEARTBEAT_MAX = int(os.environ.get("GITS_WORKER_HEARTBEAT_MAX", "180"))
# /metrics: a bearer token if set; the directory the server's processes share their counts in
# (prometheus-client's multi-process mode; it must be set before the library is imported).
GITS_METRICS_TOKEN = os.environ.get("GITS_METRICS_TOKEN", "")
GITS_METRICS_DIR = os.environ.get("GITS_METRICS_DIR", "" if TESTING else str(VAR_DIR / "metrics"))
if GITS_METRICS_DIR:
    Path(GITS_METRICS_DIR).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", GITS_METRICS_DIR)
