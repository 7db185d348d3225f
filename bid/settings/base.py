"""Every setting of the BID Platform, read from the environment in one place.

dev.py, test.py and production.py only override what differs. Integrations
(Stripe, Elasticsearch, Redis, SMTP) stay off until their variable is present.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def require(name: str) -> str:
    """Return the variable's value, or refuse to start without it."""
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


DJANGO_ENV = env.str("DJANGO_ENV", default="dev")
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "home",
    "search",
    "members.accounts",
    "members.organisations",
    "members.enrolment",
    "members.contributions",
    "members.proposals",
    "members.meetings",
    "members.areas",
    "members.projects",
    "members.agreements",
    "members.premises",
    "members.auditing",
    "members.notifications",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_ratelimit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bid.middleware.CleanQueryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "bid.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff reach the admin only with two-factor authentication.
    "members.accounts.middleware.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "bid.cache.PageCacheMiddleware",
]

ROOT_URLCONF = "bid.urls"
WSGI_APPLICATION = "bid.wsgi.application"
ASGI_APPLICATION = "bid.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "members.notifications.context_processors.unread",
            ],
            # Tag libraries every layer's templates may load; bid is not an app.
            "libraries": {
                "admin_header_tags": "bid.templatetags.admin_header_tags",
                "format_tags": "bid.templatetags.format_tags",
                "fragment_tags": "bid.templatetags.fragment_tags",
                "language_tags": "bid.templatetags.language_tags",
            },
        },
    },
]

# Forms render through bid/templates/forms/ (Designsystemet's pattern); the
# "django.forms" app lets that renderer find Django's own widget templates.
FORM_RENDERER = "bid.forms.FormRenderer"

# Database: the embedded SQLite file by default, PostgreSQL in CI and production.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'bid.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, process memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="bid"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# django-ratelimit's checks name django-redis's backend, not Django's own RedisCache
# (W001), whose incr() is Redis's atomic INCR; and they refuse process memory
# (E003), which counts per process: right for one development or test process,
# while docs/deployment.md asks for REDIS_URL wherever several processes serve.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
# Public Wagtail pages are kept this long for anonymous visitors (bid/cache.py);
# a change purges at once the pages that show what changed. 0: off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# What many pages show alike (menus, the home page's sections), kept apart from
# the page cache and purged the same way, for every visitor. 0: off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=600)

# Background work (Wagtail's own tasks included): run inline unless the database
# queue is chosen, which needs `manage.py db_worker` running beside the web server.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, "
        f"not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# A module path, not a password (bandit B105).
PASSWORD_VALIDATION = "django.contrib.auth.password_validation"  # nosec B105
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{PASSWORD_VALIDATION}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{PASSWORD_VALIDATION}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": f"{PASSWORD_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{PASSWORD_VALIDATION}.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "members.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up also asks for the name everyone is shown by.
ACCOUNT_SIGNUP_FORM_CLASS = "members.accounts.forms.SignupForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Adding or changing an email address (the way to a password reset) asks for
# the password again when the last sign-in is older than five minutes.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
# allauth's defaults, spelled out: failed logins and resets are throttled.
# (Rates, not passwords: the nosec markers answer bandit's B105.)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",  # nosec B105
    "reset_password_from_key": "20/m/ip",  # nosec B105
    "confirm_email": "1/3m/key",
}
# Behind a reverse proxy every request comes from the proxy's address: allauth
# (and bid/ratelimit.py) then read the client from X-Forwarded-For, trusting as
# many hops as there are proxies of ours. 0 trusts REMOTE_ADDR alone.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Member write endpoints (bid/ratelimit.py, counted by django-ratelimit): requests
# per user and period. A scope left out has no limit.
RATE_LIMITS = {
    "proposal_create": "20/h",
    "proposal_comment": "20/10m",
    "proposal_support": "30/10m",
    "proposal_attachment": "30/h",
    "situation_report": "60/h",
    "observation_create": "60/h",
    "action_create": "30/h",
    "follow": "60/10m",
    "organisation_create": "10/h",
    "invitation": "20/h",
    "enrolment_send": "10/h",
    "contribution_pay": "10/10m",
    "premises_request": "10/h",
}
RATELIMIT_CACHE_PREFIX = "ratelimit:"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Authenticator apps name the district (the issuer).
MFA_ADAPTER = "members.accounts.adapter.MFAAdapter"
# One 30-second step either side, for phones whose clocks drift.
MFA_TOTP_TOLERANCE = 1

# Internationalisation: Swedish first, then Danish, Norwegian Bokmål and English.
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", _("Swedish")),
    ("da", _("Danish")),
    ("nb", _("Norwegian Bokmål")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Stockholm")
USE_I18N = True
USE_TZ = True
# Off: with it on, every integer a template prints is grouped ("1 234"), ids in
# form values and links included, which then no longer parse. Amounts, areas and
# counts meant for reading are grouped by the `money` and `number` filters.
USE_THOUSAND_SEPARATOR = False
# Dates, times and numbers where Django's own locale formats are wrong for the
# district: English with the 24-hour clock, "kl." in Danish and Norwegian.
FORMAT_MODULE_PATH = ["bid.formats"]
LANGUAGE_COOKIE_NAME = "bid_language"
LANGUAGE_COOKIE_SECURE = False
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

# Static and uploaded files; whitenoise serves static files in every profile.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files on S3-compatible storage once AWS_STORAGE_BUCKET_NAME is set, so
# that app servers keep nothing on disk. The bucket stays private: URLs are signed
# and expire, and files whose visibility is checked (proposal and meeting
# attachments, observation photos, documents) are read by their views through the
# storage API, never linked.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": require("AWS_S3_REGION_NAME"),
            "access_key": require("AWS_ACCESS_KEY_ID"),
            "secret_key": require("AWS_SECRET_ACCESS_KEY"),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o640

# Email: the console in development, SMTP (or any backend) through EMAIL_URL.
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://")
vars().update(env.email_url_config(EMAIL_URL))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="BID <noreply@bid.example>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Operator", a) for a in env.list("ADMINS", default=[])]

# Wagtail
WAGTAIL_SITE_NAME = env.str("SITE_NAME", default="BID Platform")
WAGTAILADMIN_BASE_URL = BASE_URL
# bid.views.admin_login: the sign-in for whoever has none, a refusal in words
# for whoever is signed in without access to the admin.
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login_redirect"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Uploaded images are re-encoded without their metadata (bid.images), which
# takes these formats only.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "bid.image_forms.ImageForm"
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"}
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars fetched from a third party: it would leak who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# Search (issue "Search" plugs its backends in here): the database by default,
# Elasticsearch once ELASTICSEARCH_URL is set.
# Weekly reports and safety walk observations older than this lose their free
# text and authors (manage.py anonymise_situation_reports).
SITUATION_RETENTION_DAYS = env.int("SITUATION_RETENTION_DAYS", default=730)

ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="bid")
# Seconds the client waits for an answer (the server stops a search at half of
# it); after ELASTICSEARCH_BREAKER_FAILURES failures in a row the database
# answers searches for ELASTICSEARCH_BREAKER_COOLDOWN seconds without trying.
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=5.0)
ELASTICSEARCH_BREAKER_FAILURES = env.int("ELASTICSEARCH_BREAKER_FAILURES", default=3)
ELASTICSEARCH_BREAKER_COOLDOWN = env.float(
    "ELASTICSEARCH_BREAKER_COOLDOWN", default=30.0
)

# Stripe: off until STRIPE_SECRET_KEY is set; then the other keys are required.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
if STRIPE_SECRET_KEY:
    STRIPE_PUBLISHABLE_KEY = require("STRIPE_PUBLISHABLE_KEY")
    STRIPE_WEBHOOK_SECRET = require("STRIPE_WEBHOOK_SECRET")

# Peppol access point: e-invoices are written (and downloadable) always, sent only
# once a backend is chosen: "directory" (a folder the provider picks up), "http"
# (the provider's API) or a dotted path; each then requires its companions.
PEPPOL_ACCESS_POINT_BACKENDS = {
    "directory": "members.contributions.access_point.DirectoryAccessPoint",
    "http": "members.contributions.access_point.HttpAccessPoint",
}
PEPPOL_ACCESS_POINT = {}
if PEPPOL_ACCESS_POINT_BACKEND := env.str("PEPPOL_ACCESS_POINT_BACKEND", default=""):
    if PEPPOL_ACCESS_POINT_BACKEND == "directory":
        _peppol_options = {"DIRECTORY": require("PEPPOL_ACCESS_POINT_DIRECTORY")}
    elif PEPPOL_ACCESS_POINT_BACKEND == "http":
        _peppol_options = {
            "URL": require("PEPPOL_ACCESS_POINT_URL"),
            "TOKEN": require("PEPPOL_ACCESS_POINT_TOKEN"),
            "TIMEOUT": env.float("PEPPOL_ACCESS_POINT_TIMEOUT", default=30),
        }
    elif "." in PEPPOL_ACCESS_POINT_BACKEND:
        _peppol_options = {}
    else:
        raise ImproperlyConfigured(
            "PEPPOL_ACCESS_POINT_BACKEND must be directory, http or a dotted "
            f"path, not {PEPPOL_ACCESS_POINT_BACKEND!r}."
        )
    PEPPOL_ACCESS_POINT = {
        "BACKEND": PEPPOL_ACCESS_POINT_BACKENDS.get(
            PEPPOL_ACCESS_POINT_BACKEND, PEPPOL_ACCESS_POINT_BACKEND
        ),
        "OPTIONS": _peppol_options,
    }

# Security headers every profile sends; production.py turns on the HTTPS-only ones.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        # The portal's service worker (/sw.js) and web app manifest.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# The base map under the area maps: a tile URL template with {z}, {x} and {y}
# (e.g. OpenStreetMap's https://tile.openstreetmap.org/{z}/{x}/{y}.png) and the
# attribution its terms ask for. Unset, the maps stay server-drawn SVG only.
# The CSP's img-src gains exactly the tile host (bid.middleware).
MAP_TILES_URL = env.str("MAP_TILES_URL", default="")
MAP_TILES_ATTRIBUTION = env.str("MAP_TILES_ATTRIBUTION", default="")
if MAP_TILES_URL:
    if not MAP_TILES_URL.startswith(("https://", "http://")) or not all(
        part in MAP_TILES_URL for part in ("{z}", "{x}", "{y}")
    ):
        raise ImproperlyConfigured(
            "MAP_TILES_URL is an http(s) URL template with {z}, {x} and {y}."
        )
    if not MAP_TILES_ATTRIBUTION:
        raise ImproperlyConfigured(
            "MAP_TILES_ATTRIBUTION must be set with MAP_TILES_URL: "
            "the tiles' terms ask for it."
        )
# The district's extent as west,south,east,north in degrees (WGS 84): an
# area's boundary must lie inside it. Unset, any place on earth will do; areas
# may still not overlap each other (members.areas.geo).
DISTRICT_BOUNDS = env.list("DISTRICT_BOUNDS", cast=float, default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # fpdf2 subsets the invoice font with fontTools, which narrates each step.
        "fontTools": {"level": "WARNING"},
    },
}
