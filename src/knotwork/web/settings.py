"""Django settings, driven by environment variables (KNOTWORK_*) through small typed helpers.

Defaults suit a private local run: SQLite in the user's data folder, no account, nothing
sent anywhere. See docs/deploy.md for every setting.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from pathlib import Path

from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


def user_data_dir() -> Path:
    """Where a local install keeps its database: the platform's per-user data folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "knotwork"


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(envstr("KNOTWORK_DATA_DIR", str(user_data_dir())))

DEBUG = envbool("KNOTWORK_DEBUG", False)
HTTPS = envbool("KNOTWORK_HTTPS", False)


def _secret_key() -> str:
    configured = os.environ.get("KNOTWORK_SECRET_KEY")
    if configured:
        return configured
    # a local install makes its own key once and keeps it beside the database
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    try:
        key = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    # written whole and private from the first byte (0600, then renamed into place), so no
    # other user can read it and a crash never leaves half a key; an empty one is replaced
    key = secrets.token_urlsafe(50)
    partial = path.with_name(f".secret_key.{os.getpid()}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key)
    try:
        if path.exists():
            os.replace(partial, path)  # an empty key file is replaced, never kept
        else:
            with contextlib.suppress(FileExistsError):
                os.link(partial, path)  # first writer wins when several start at once
    finally:
        partial.unlink(missing_ok=True)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("KNOTWORK_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
# the diary: a local install (every host loopback) has one local person and no password;
# any other host needs accounts
REQUIRE_LOGIN = envbool("KNOTWORK_REQUIRE_LOGIN", not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS)
LOGIN_URL = "/accounts/login/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# accounts (hosted installs): email and password, optional TOTP with recovery codes;
# django-axes locks a login out after repeated failures on every form and backend
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = envstr("KNOTWORK_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_ENABLED = envbool("KNOTWORK_SIGNUP", True)
LOGIN_REDIRECT_URL = "/diary/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# a wrong password locks an account out through django-axes (five, for an hour, with our
# own page); allauth's limit on failures then only guards two-step codes (ten in a quarter
# of an hour per account) and many accounts tried from one address
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip,10/15m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Knotwork"
USERSESSIONS_TRACK_ACTIVITY = True
AXES_FAILURE_LIMIT = envint("KNOTWORK_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "knotwork.web.accounts.limits.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
EMAIL_BACKEND = envstr("KNOTWORK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
SESSION_COOKIE_SAMESITE = "Lax"
# a sign-in ends after this long without a request, and this long after it began
# (knotwork.web.accounts.limits; docs/security.md)
SESSION_IDLE_SECONDS = envint("KNOTWORK_SESSION_IDLE_MINUTES", 30) * 60
SESSION_COOKIE_AGE = envint("KNOTWORK_SESSION_MAX_DAYS", 30) * 24 * 3600
# allauth's rate limits (sign-in, two-step codes, password resets) must hold across
# every worker, so they live in the database (`knotwork serve` makes the table)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "knotwork_cache",
    }
}
CSRF_COOKIE_SAMESITE = "Lax"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "django_htmx",
    "knotwork.web.finder",
    "knotwork.web.library",
    "knotwork.web.routines",
    "knotwork.web.diary",
    "knotwork.web.accounts",  # before allauth: its templates dress allauth's pages
    "django.contrib.messages",
    "django.contrib.humanize",  # allauth's session list
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "knotwork.web.api.views.json_only",
    "django.middleware.locale.LocaleMiddleware",  # each request in its own language
    "knotwork.web.finder.apps.request_language",  # ... and core's messages in it too
    "django.middleware.common.CommonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "knotwork.web.accounts.limits.session_limits",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "knotwork.web.api.views.PageCSPMiddleware",  # django-csp's, skipped for JSON
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login
]

ROOT_URLCONF = "knotwork.web.urls"
WSGI_APPLICATION = "knotwork.web.wsgi.application"

TEMPLATES = [
    {
        # our own pages (docs/decisions.md: Jinja2 for the pages)
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "knotwork.web.jinja.environment",
            "context_processors": ["knotwork.web.jinja.translations"],
        },
    },
    {
        # third-party templates: form errors, the API's documentation page
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_from_url(url: str) -> dict[str, object]:
    """A Django database from ``postgresql://user:password@host:port/name?host=/socket/dir``."""
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"KNOTWORK_DATABASE_URL must start with postgresql://, not {parts.scheme or url!r}"
        )
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(
            "KNOTWORK_DATABASE_URL has a port that is not a number"
        ) from None
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "knotwork",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        # a unix socket folder may come as ?host=/path (no host in the address)
        "HOST": query.pop("host", None) or parts.hostname or "",
        "PORT": str(port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": query,
    }


DATABASE_URL = os.environ.get("KNOTWORK_DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": envstr("KNOTWORK_DB_PATH", str(DATA_DIR / "knotwork.sqlite3")),
            # concurrent writers wait instead of failing; readers never block writers
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL;",
            },
            # tests use a real file too (an in-memory database locks whole tables)
            "TEST": {"NAME": str(DATA_DIR / "test-knotwork.sqlite3")},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = envstr("KNOTWORK_LANGUAGE", "en")
# the languages offered (a clinic may serve two at once); each request gets the one its
# browser asks for, else LANGUAGE_CODE
LANGUAGES = [
    (code, LANG_INFO.get(code, {}).get("name", code))
    for code in envlist("KNOTWORK_LANGUAGES", LANGUAGE_CODE)
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# files are served straight from the apps (no collectstatic step for a local install);
# a deployment behind a proxy may still collect them into KNOTWORK_STATIC_ROOT
STATIC_ROOT = os.environ.get("KNOTWORK_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --------------------------------------------------------------------- security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    },
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if HTTPS:
    SECURE_SSL_REDIRECT = envbool("KNOTWORK_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("KNOTWORK_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("KNOTWORK_LOG_LEVEL", "WARNING")},
}
