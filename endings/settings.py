"""Settings for Endings, read from the environment.

With nothing set this is the embedded default: SQLite under var/, a local-memory
cache, Celery tasks run in-process and email written to files under var/mail/.
Setting DATABASE_URL, REDIS_URL, EMAIL_URL and SECRET_KEY turns each part into
its production counterpart. The README lists every variable.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from dotenv import load_dotenv

from endings.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    redis_db_of,
    redis_url_with_db,
    smtp_mailer_from_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
# ENV_FILE names the file of settings to read ("" reads none; `make run` does
# that so a production .env beside the checkout never leaks into a trial run).
_env_file = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if _env_file:
    load_dotenv(_env_file, override=False)

VAR_DIR = Path(env_str("VAR_DIR") or BASE_DIR / "var")

# --- Core -----------------------------------------------------------------

# The public address of the site: its host is allowed, and https:// turns on
# the HTTPS protections below.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
HTTPS = _site.scheme == "https"
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

EMBEDDED_SECRET_KEY = "embedded-default-only-never-in-production-7f3c9a"
SECRET_KEY = env_str("SECRET_KEY") or EMBEDDED_SECRET_KEY
DEBUG = env_bool("DEBUG", default=SECRET_KEY == EMBEDDED_SECRET_KEY)
if SECRET_KEY == EMBEDDED_SECRET_KEY and (not DEBUG or _site.hostname not in _LOCAL_HOSTS):
    raise ImproperlyConfigured(
        "Endings will not start with DEBUG off, or on a public address, with the built-in "
        "secret key. Set SECRET_KEY to a long random value (python -c 'import secrets; "
        "print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = [_site.hostname, "localhost", "127.0.0.1", *env_list("ALLOWED_HOSTS")]
if DEBUG:
    ALLOWED_HOSTS += ["[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]

# Behind a reverse proxy, how many proxies add to X-Forwarded-For. Zero means
# the site is reached directly, and forwarded headers are not trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "helplines",
    "accounts",
    "forum",
    "endings",
    "endings.articles",
    "endings.digests",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "endings.middleware.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SuspendedMemberMiddleware",
    "accounts.middleware.MemberTimezoneMiddleware",
]

ROOT_URLCONF = "endings.urls"
CSRF_FAILURE_VIEW = "endings.views.csrf_failure"
WSGI_APPLICATION = "endings.wsgi.application"
ASGI_APPLICATION = "endings.asgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "helplines.context_processors.help_lines",
                "forum.context_processors.notifications",
            ],
        },
    },
]
# Project templates may override Django's form templates (labels, errors, checkboxes).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database ---------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    import dj_database_url

    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            # Persistent connections, checked before reuse so a restarted
            # PostgreSQL is reconnected to without restarting the site.
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "endings.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

# --- Cache, rate limits and Celery ------------------------------------------

# REDIS_URL's database number holds the cache; the Celery broker uses the next
# one, so clearing the cache never drops queued work.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, except that a Redis outage degrades (nothing cached, rate
            # limits not counted) instead of failing every page: endings/cache.py.
            "BACKEND": "endings.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "endings",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or (
    redis_url_with_db(REDIS_URL, redis_db_of(REDIS_URL) + 1) if REDIS_URL else "memory://"
)
# Without a broker, tasks run in-process when their transaction commits.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
# acks_late is switched on per task, only for tasks that are safe to repeat.
CELERY_TASK_ACKS_LATE = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "UTC"

# --- Email ------------------------------------------------------------------

EMAIL_URL = env_str("EMAIL_URL")
if EMAIL_URL:
    MAILERS = {"default": smtp_mailer_from_url(EMAIL_URL)}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": VAR_DIR / "mail"},
        }
    }
# Digests (bulk mail) go through a mailer of their own, so they can use another
# provider; without DIGEST_EMAIL_URL they go the same way as everything else.
# Reply emails and moderator alerts use "default".
DIGEST_EMAIL_URL = env_str("DIGEST_EMAIL_URL")
MAILERS["digests"] = (
    smtp_mailer_from_url(DIGEST_EMAIL_URL, name="DIGEST_EMAIL_URL")
    if DIGEST_EMAIL_URL
    else dict(MAILERS["default"])
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Endings <no-reply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who receives error reports by email ("Name <addr>" or addr, comma-separated).
ADMINS = env_list("ADMINS")
# Shown on the privacy page: where members write about their data.
CONTACT_EMAIL = env_str("CONTACT_EMAIL")

# --- Accounts (django-allauth) ----------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# The join form with its one email question (endings.digests stores the answer).
ACCOUNT_FORMS = {"signup": "endings.digests.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Endings: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Endings"

# Bump when the privacy page changes in substance; consent records the version.
PRIVACY_POLICY_VERSION = "2026-11-22"

# Moderation: a new member's first posts wait for a moderator (0 turns this off),
# and links from members in their first days are held as possible spam.
MODERATION_HOLD_FIRST_POSTS = env_int("MODERATION_HOLD_FIRST_POSTS", 2)
MODERATION_HOLD_LINKS_DAYS = env_int("MODERATION_HOLD_LINKS_DAYS", 3)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Security headers --------------------------------------------------------

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# --- Help lines --------------------------------------------------------------

# A request header set by a CDN or proxy that carries the reader's country
# (for example CF-IPCountry). Empty: guess from Accept-Language only.
HELPLINE_COUNTRY_HEADER = env_str("HELPLINE_COUNTRY_HEADER")

# --- Internationalisation and static files -----------------------------------

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Members' data exports: files under VAR_DIR/private with no URL at all; they
    # are read only by the signed download view (accounts.views.data_download).
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": VAR_DIR / "private",
            "base_url": None,
            "directory_permissions_mode": 0o700,
            "file_permissions_mode": 0o600,
        },
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# In development, serve files straight from static/ without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own default handler would print every django.* record a second time.
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Tasks run in-process (no broker) would log a line for every reply posted.
        **({"celery.app.trace": {"level": "WARNING"}} if CELERY_TASK_ALWAYS_EAGER else {}),
        # The in-memory broker of the embedded default has no host, which kombu warns about.
        **({"kombu.connection": {"level": "ERROR"}} if CELERY_BROKER_URL == "memory://" else {}),
    },
}
