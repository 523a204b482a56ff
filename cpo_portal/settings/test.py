"""Settings for the test suite: the base settings with fast, local defaults.

DATABASE_URL and CELERY_BROKER_URL still apply, so CI runs the same suite
against PostgreSQL and Redis.
"""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# One folder per pytest-xdist worker: workers render the same reports at the same time.
MEDIA_ROOT = VAR_DIR / "test-media" / env.str("PYTEST_XDIST_WORKER", "main")
# Serve static files from static/ directly, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Unit tests run tasks in-process; the integration tests start a real worker
# and switch this off for themselves.
CELERY_TASK_ALWAYS_EAGER = True
# ... and within the request, so the suite stays synchronous (the thread mode
# is tested with it switched on).
REPORT_RENDER_IN_THREAD = False
AXES_VERBOSE = False
# Tests see the data they have just changed; tests/cpo_portal/test_dashboards.py
# switches the figures' cache on for itself.
DASHBOARD_CACHE_SECONDS = 0
