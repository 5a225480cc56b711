"""
Settings for Bilateral, read from the environment.

Secure by default: DEBUG is off unless DEBUG=1, and without DEBUG a SECRET_KEY must be
given. The defaults suit production behind a TLS proxy; the Makefile's development targets
set what development needs. Every variable read here is listed in the README ("Deploying").
"""

import datetime
import os
import sys
import warnings
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.deprecation import RemovedInDjango60Warning

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (or true/false, yes/no, on/off).")


def env_number(name, default, kind=int):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ImproperlyConfigured(f"{name} must be {what}, not {value!r}.") from None


def env_int(name, default):
    return env_number(name, default)


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-development-only-key"  # only ever used with DEBUG=1

# Where the admin lives: "admin/" unless ADMIN_URL says otherwise ("/back-office/" works too).
ADMIN_URL = os.environ.get("ADMIN_URL", "").strip().strip("/") + "/"
if ADMIN_URL == "/":
    ADMIN_URL = "admin/"

# "Name <address>, ..." who get an e-mail for each server error.
ADMINS = [(name, address) for name, address in getaddresses(env_list("ADMINS")) if address]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The client's own address, not the proxy's, so one visitor's failures lock out only them.
AXES_CLIENT_IP_CALLABLE = "meetings.project.middleware.client_ip"

AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)

# Locked out when one account has failed too often from one address, or one address has
# failed too often across accounts (password spraying). Never by the username alone: a
# stranger elsewhere cannot lock an editor out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]

AXES_LOCKOUT_TEMPLATE = "lockout.html"

# A sign-in succeeds when both steps do: the second step clears the failures, not the password
# alone (meetings/twofactor/throttle.py), so failed codes keep counting across password sign-ins.
AXES_RESET_ON_SUCCESS = False

AXES_VERBOSE = False  # failures and lockouts are still logged

# A cache that does not answer within REDIS_TIMEOUT_MS is a miss (meetings/versioning.py).
_redis_timeout = env_int("REDIS_TIMEOUT_MS", 500) / 1000
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {
                "socket_connect_timeout": _redis_timeout,
                "socket_timeout": _redis_timeout,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Nothing inline, nothing from elsewhere, never framed. Django's admin needs no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "base-uri": [NONE],
        "connect-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "img-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        **(
            {"report-uri": [os.environ["CSP_REPORT_URI"]]}
            if os.environ.get("CSP_REPORT_URI")
            else {}
        ),
    },
}

CSRF_COOKIE_HTTPONLY = True

CSRF_COOKIE_SECURE = not DEBUG

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


def running_command(argv=sys.argv):
    """True in `manage.py <command>` (an import, a backup), except the development server."""
    return (
        len(argv) > 1
        and Path(argv[0]).name in {"manage.py", "django-admin"}
        and argv[1] not in {"runserver"}
    )


# No statement runs longer than this (milliseconds; 0: no bound): PostgreSQL's
# statement_timeout, and on SQLite a progress handler (meetings/dbguard.py). The site's
# bound by default; management commands (imports, backups) have their own, off by default.
# Commands that write in bulk set theirs for their own transaction however they are called
# (manage.py or call_command): meetings/project/dbguard.command_bound.
DATABASE_COMMAND_TIMEOUT_MS = env_int("DATABASE_COMMAND_TIMEOUT_MS", 0)
DATABASE_STATEMENT_TIMEOUT_MS = (
    DATABASE_COMMAND_TIMEOUT_MS
    if running_command()
    else env_int("DATABASE_STATEMENT_TIMEOUT_MS", 5000)
)

# The exports' statements (streamed, in constant memory) have their own bound: exporting every
# meeting sorts all their rows before the first one (at 1,000,000 meetings, past 5 s).
EXPORT_STATEMENT_TIMEOUT_MS = env_int("EXPORT_STATEMENT_TIMEOUT_MS", 120_000)

# PostgreSQL's planner's cost of reading a page out of order, against 1 for the next page.
# Its default, 4, is meant for spinning disks: with it, a search's timeline at 100,000 meetings
# read every meeting (43 ms) rather than its 3,577 matches by their ids (17 ms). 1.1 is the
# usual setting for SSDs or a database held in memory; set it for the server, or here.
DATABASE_RANDOM_PAGE_COST = env_number("DATABASE_RANDOM_PAGE_COST", 1.1, float)
# The processes PostgreSQL may add to one statement (its own default is 2). With reads out of
# order priced as above, it planned a topic's latest agreements at 1,000,000 meetings as a
# parallel walk of the newest meetings: 66 to 94 ms, against 16 ms alone. A site's requests
# already keep every core busy with their own.
DATABASE_PARALLEL_WORKERS = env_int("DATABASE_PARALLEL_WORKERS", 0)
# PostgreSQL's compilation of a costly statement to machine code (its own default: on). The
# site's statements are costly in the planner's estimate and short in fact: a search's count
# at 1,000,000 meetings took 200 ms to run and 525 ms to compile.
DATABASE_JIT = env_bool("DATABASE_JIT", False)

# Persistent connections (CONN_MAX_AGE seconds), checked before reuse.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # A database that does not answer: an error in seconds (a 503), not a hung worker.
            "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 3),
            "options": (
                f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS} "
                f"-c random_page_cost={DATABASE_RANDOM_PAGE_COST} "
                f"-c max_parallel_workers_per_gather={DATABASE_PARALLEL_WORKERS} "
                f"-c jit={'on' if DATABASE_JIT else 'off'}"
            ),
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bilateral@localhost")

# SMTP when EMAIL_HOST is set; otherwise messages are written to the log (standard error).
# Seconds before the same server error is mailed to ADMINS again.
ERROR_MAIL_INTERVAL = env_int("ERROR_MAIL_INTERVAL", 600)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")

EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")

EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")

EMAIL_PORT = env_int("EMAIL_PORT", 587)

EMAIL_TIMEOUT = 10

EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")

EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Django 6.0's default, today: a URL typed without a scheme is taken as https. Django warns
# that this transitional setting goes away in 6.0; it (and the filter) go then too.
FORMS_URLFIELD_ASSUME_HTTPS = True
warnings.filterwarnings(
    "ignore", "The FORMS_URLFIELD_ASSUME_HTTPS transitional setting", RemovedInDjango60Warning
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "meetings",
]

# English, the default, at the URLs as they are; Spanish under /es/ (meetings/project/urls.py).
LANGUAGE_CODE = "en"

LANGUAGES = [("en", "English"), ("es", "Español")]

LOCALE_PATHS = [BASE_DIR / "locale"]

# The site's own date formats where they differ from Django's (e.g. English "3 May 2018").
FORMAT_MODULE_PATH = ["meetings.languages.formats"]

# Everything to standard error (gunicorn's log, the journal); server errors also to ADMINS.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        # No mail for a 503 (the database is down), one per distinct error per interval.
        "skip_unavailable": {"()": "meetings.project.logfilters.SkipUnavailable"},
        "rate_limit_errors": {"()": "meetings.project.logfilters.RateLimitErrors"},
    },
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "skip_unavailable", "rate_limit_errors"],
            "level": "ERROR",
        },
    },
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
        # Scanners send any Host header: worth a line in the log, not an e-mail each.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "meetings.project.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL: /es/... is Spanish, every other address English.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff reach the admin only with a second factor (meetings/twofactor/).
    "django_otp.middleware.OTPMiddleware",
    "meetings.twofactor.gate.SecondFactorMiddleware",
    # Who made a change, for the records' history (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# How many proxies (nginx, a load balancer) add themselves to X-Forwarded-For before Django.
PROXY_COUNT = env_int("PROXY_COUNT", 0 if DEBUG else 1)

ROOT_URLCONF = "meetings.project.urls"

SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

SECURE_CONTENT_TYPE_NOSNIFF = True

SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)

SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)

# The TLS proxy says the original request was HTTPS in this header ("" if there is no proxy).
_proxy_ssl_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None
)

# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

SECURE_REFERRER_POLICY = "same-origin"

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)

SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

SESSION_COOKIE_AGE = 60 * 60 * 12  # an editor's working day

SESSION_COOKIE_HTTPONLY = True

SESSION_COOKIE_SECURE = not DEBUG

STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")

STATIC_URL = "static/"

STATICFILES_DIRS = [BASE_DIR / "static"]

# Hashed, compressed copies made by collectstatic, served with a year's cache by WhiteNoise.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.i18n",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

TIME_ZONE = "UTC"

USE_TZ = True

WSGI_APPLICATION = "meetings.project.wsgi.application"

# ---------------------------------------------------------------- two-factor sign-in, cookies
# Staff sign in with a password, then a code from an authenticator app (TOTP) or one of ten
# recovery codes (django-otp; meetings/twofactor/). Never skipped, DEBUG or not.

OTP_TOTP_ISSUER = "Bilateral"

# Over HTTPS (production) the cookies carry the __Host- prefix: browsers then accept them only
# Secure, for Path=/ and without Domain, so no subdomain can set or shadow them.
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"

CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"

SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
