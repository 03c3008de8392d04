"""Multiplier's settings: one file, driven by environment variables.

Every setting has a default that works on a fresh clone (SQLite in ./data, a generated secret key,
e-mail printed to the console), so `make run` needs no configuration. Production sets at least
SECRET_KEY, ALLOWED_HOSTS, SITE_URL, DATABASE_URL and the EMAIL_* variables (see README.md).
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("MULTIPLIER_DATA_DIR", BASE_DIR / "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG")


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data folder."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    try:
        # O_EXCL: when web, worker and scheduler start together only the first one writes it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        key = secrets.token_urlsafe(50)
        f.write(key)
    return key


SECRET_KEY = _secret_key()

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "multiplier.core",
    "multiplier.accounts",
    "multiplier.program",
    "multiplier.content",
    "multiplier.tracking",
    "multiplier.sharing",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "multiplier.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "multiplier.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "multiplier.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "multiplier.core.middleware.OrganizationMiddleware",
]

ROOT_URLCONF = "multiplier.urls"
WSGI_APPLICATION = "multiplier.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "multiplier" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "multiplier.core.context_processors.tenancy",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'multiplier.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while the worker writes; IMMEDIATE takes the write lock at
        # the start of a transaction, so two writers queue up instead of failing half-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file (not :memory:) so that tests with several threads share one real database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
    # A SQLite connection is only an open file: keep it between requests unless told otherwise
    # (opening it and running the PRAGMAs above on every request costs ~25% of a page; see
    # docs/benchmarks.md). A server database keeps Django's default of one connection per request.
    if "CONN_MAX_AGE" not in os.environ:
        DATABASES["default"]["CONN_MAX_AGE"] = 60

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Background work ----------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# How often the scheduler loop wakes up to enqueue due periodic work.
SCHEDULER_INTERVAL_SECONDS = int(os.environ.get("SCHEDULER_INTERVAL_SECONDS", "30"))

# --- Accounts -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Django's checks, with short help texts in our own (informal Dutch) words. Our User has `name`
# where Django's default looks for first_name and last_name.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "multiplier.accounts.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "name")},
    },
    {"NAME": "multiplier.accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "multiplier.accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "multiplier.accounts.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "multiplier.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Multiplier] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Brute-force protection: allauth counts failed logins per IP and per account (cache-backed).
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_RATE_LIMIT", "10/m/ip,5/5m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Multiplier")

# --- Invitations --------------------------------------------------------------------------------
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))
# Expired invitations that nobody accepted are removed (with the invited account, when it has
# nothing else) this many days after they expired.
INVITATION_PRUNE_AFTER_DAYS = int(os.environ.get("INVITATION_PRUNE_AFTER_DAYS", "30"))
INVITATION_IMPORT_MAX_BYTES = int(os.environ.get("INVITATION_IMPORT_MAX_BYTES", str(5 * 2**20)))
INVITATION_IMPORT_MAX_ROWS = int(os.environ.get("INVITATION_IMPORT_MAX_ROWS", "20000"))

# --- Link cards: fetching the page behind a post's link (content/fetch.py guards it) -----------
LINK_CARD_MAX_BYTES = int(os.environ.get("LINK_CARD_MAX_BYTES", str(2 * 2**20)))
LINK_CARD_TIMEOUT_SECONDS = float(os.environ.get("LINK_CARD_TIMEOUT_SECONDS", "10"))
# Test-only: lets the fetcher reach 127.0.0.0/8 (the tests' local web server). Deliberately not
# read from the environment: production always refuses loopback addresses.
MULTIPLIER_FETCH_ALLOW_LOOPBACK = False
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 2**20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 2**20

# --- E-mail -------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Multiplier <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = 30
else:
    # Nothing configured: print e-mails where the developer can read them.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
# Our catalogue first (`make messages` writes to the first entry), then our wording for some of
# allauth's texts (locale_overrides/: "Log in" rather than "Sign In", no "afmelden" in Dutch).
LOCALE_PATHS = [BASE_DIR / "multiplier" / "locale", BASE_DIR / "multiplier" / "locale_overrides"]
LANGUAGE_COOKIE_NAME = "multiplier_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
FORMAT_MODULE_PATH = ["multiplier.formats"]
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "multiplier" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Media storage (posts' images) ---
# MEDIA_STORAGE=local (default) keeps uploads in DATA_DIR/media; MEDIA_STORAGE=s3 puts them in an
# S3-compatible bucket through django-storages (`pip install multiplier[s3]`), configured with
# S3_BUCKET, S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_CUSTOM_DOMAIN.
# SERVE_MEDIA: the app serves /media/ itself (safe headers) when no web server does.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local").strip().lower() or "local"


def media_storage(kind: str, environ: "os._Environ[str] | dict[str, str]") -> dict:
    """The STORAGES["default"] entry for MEDIA_STORAGE=`kind` (a function, so tests can try it)."""
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind == "s3":
        options = {
            "bucket_name": environ.get("S3_BUCKET", ""),
            "endpoint_url": environ.get("S3_ENDPOINT_URL") or None,
            "region_name": environ.get("S3_REGION") or None,
            "access_key": environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": environ.get("S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,  # images are shown in previews and fetched by networks
            "file_overwrite": False,
        }
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {k: v for k, v in options.items() if v is not None},
        }
    raise ValueError(f"MEDIA_STORAGE must be 'local' or 's3', not {kind!r}")


STORAGES["default"] = media_storage(MEDIA_STORAGE, os.environ)
SERVE_MEDIA = env_bool("SERVE_MEDIA", True) and MEDIA_STORAGE == "local"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy (the usual set-up; only without DEBUG): its X-Forwarded-* headers
# are trusted.
BEHIND_PROXY = not DEBUG and env_bool("BEHIND_PROXY", True)
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Health checks from the proxy itself come over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Tracked links ------------------------------------------------------------------------------
# Where web processes append their clicks until the worker reads them (docs/operations.md).
CLICK_SPOOL_DIR = Path(os.environ.get("CLICK_SPOOL_DIR", DATA_DIR / "clicks")).resolve()
# Codes each web process keeps in memory (about 300 bytes each).
LINK_CACHE_SIZE = int(os.environ.get("LINK_CACHE_SIZE", "100000"))
# The visitor's address is the last X-Forwarded-For entry when behind the proxy.
TRUST_X_FORWARDED_FOR = BEHIND_PROXY

CACHES = {
    "default": {
        # Rate limits (allauth) need a cache shared by all web processes of one machine; the
        # database cache is shared by all machines without adding a server.
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "multiplier_cache",
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "INFO"},
    },
}
