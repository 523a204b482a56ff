"""Settings for every way of running the portal, read from the environment.

With no variables set the portal runs embedded: a SQLite file in var/, Celery
tasks run in-process, e-mail printed to the console. DATABASE_URL and
CELERY_BROKER_URL switch to PostgreSQL and a Redis broker with workers.
The README lists every variable.
"""

from calendar import monthrange
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cpo_portal.env import Env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
env = Env()

DEBUG = env.bool("DJANGO_DEBUG", False)
SECRET_KEY = env.secret_key("DJANGO_SECRET_KEY", VAR_DIR / "secret_key")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "cpo_portal",
    "core",
    "districts",
    "accounts",
    "brokers",
    "clusters",
    "programmes",
    "monitoring",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires, so it sees the outcome of every login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cpo_portal.urls"
WSGI_APPLICATION = "cpo_portal.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {"default": env.database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# People, roles and log-in
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling: a username is locked out from one address after repeated
# failures, so an attacker elsewhere cannot lock a colleague out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", 0)

# Languages, dates and money
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Europe/Madrid"
USE_I18N = True
USE_TZ = True

# Static and uploaded files; whitenoise serves static files in every mode so
# that no CDN or separate web server is needed.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
# Never served as such: uploaded files reach users through views that check
# their right to them.
MEDIA_URL = "/protected-media/"
STORAGES = {
    # Uploaded files and generated reports: the MEDIA_ROOT folder, or an
    # S3-compatible bucket shared by every web server and worker when
    # DJANGO_STORAGE_BACKEND=s3 or AWS_STORAGE_BUCKET_NAME is set.
    "default": env.file_storage("DJANGO_STORAGE_BACKEND"),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The network page and the monitoring dashboard compute their figures at most
# once in this many seconds (0: on every request), in each process's memory:
# no CACHES is set, so Django's default cache is local to the process.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", 120)

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_HOST = env.str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env.int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "portal@cpo.example.org")

# Security. Without DEBUG the portal expects HTTPS terminated by a proxy that
# sets X-Forwarded-Proto; `manage.py check --deploy` reports no warnings.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Every script and style comes from static/: no inline code, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Celery. Without a broker, tasks run in-process (eagerly) so the embedded
# portal needs no server; with one, workers pick them up.
CELERY_BROKER_URL = env.broker_url("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
# Without a broker a report is rendered in a background thread of the web
# process, once the request has committed, so requesting one never holds the
# page (monitoring.reports.send). Off: rendered within the request.
REPORT_RENDER_IN_THREAD = env.bool("REPORT_RENDER_IN_THREAD", True)
CELERY_RESULT_BACKEND = (
    env.str("CELERY_RESULT_BACKEND", "" if CELERY_TASK_ALWAYS_EAGER else CELERY_BROKER_URL) or None
)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 60
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# A task not acknowledged within this time (its whole worker died) is
# delivered again; it must exceed the longest task. Every worker looks for
# such tasks every 10 s, so a task comes back at most CELERY_VISIBILITY_TIMEOUT
# + 10 s after its worker took it, once a worker runs. (A pool process killed
# alone gives its task back at once.) Report jobs come back sooner: the sweep
# below puts a job whose worker died back in the queue (README, "Faults and
# recovery").
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
}
CELERY_TIMEZONE = TIME_ZONE
# The yearly draft evaluation report: its date (1 February by default) and
# languages; a report job waiting longer than REPORT_QUEUE_STALE_MINUTES is
# sent to the workers again.
ANNUAL_REPORT_MONTH = env.int("ANNUAL_REPORT_MONTH", 2, minimum=1)
ANNUAL_REPORT_DAY = env.int("ANNUAL_REPORT_DAY", 1, minimum=1)
if ANNUAL_REPORT_MONTH > 12 or monthrange(2001, ANNUAL_REPORT_MONTH)[1] < ANNUAL_REPORT_DAY:
    raise ImproperlyConfigured("ANNUAL_REPORT_MONTH and ANNUAL_REPORT_DAY are not a date.")
ANNUAL_REPORT_LANGUAGES = env.list("ANNUAL_REPORT_LANGUAGES", ["es"])
if not ANNUAL_REPORT_LANGUAGES or set(ANNUAL_REPORT_LANGUAGES) - set(dict(LANGUAGES)):
    raise ImproperlyConfigured("ANNUAL_REPORT_LANGUAGES lists languages of LANGUAGES, e.g. es,en.")
REPORT_QUEUE_STALE_MINUTES = env.int("REPORT_QUEUE_STALE_MINUTES", 10, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "end-expired-provisional-partnerships": {
        "task": "clusters.tasks.end_expired_provisional_partnerships",
        "schedule": crontab(hour=2, minute=15),
    },
    "close-due-grant-calls": {
        "task": "brokers.tasks.close_due_grant_calls",
        "schedule": crontab(minute="*/5"),
    },
    # Report jobs still queued after REPORT_QUEUE_STALE_MINUTES are sent again,
    # and those whose worker died are put back in the queue.
    "resend-stuck-report-jobs": {
        "task": "monitoring.tasks.resend_stuck_report_jobs",
        "schedule": crontab(minute="*/5"),
    },
    # The previous year's draft evaluation report, on a configurable date.
    "generate-annual-report": {
        "task": "monitoring.tasks.generate_annual_report",
        "schedule": crontab(
            minute=0,
            hour=6,
            day_of_month=ANNUAL_REPORT_DAY,
            month_of_year=ANNUAL_REPORT_MONTH,
        ),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every page it lays out and fontTools every glyph it keeps.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
