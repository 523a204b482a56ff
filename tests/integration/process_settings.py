"""Settings of the workers and web servers that the fault scenarios start as
processes of their own: the test settings, but tasks go through the broker
as in production (the test settings run them in-process), and generated
files go to DJANGO_MEDIA_ROOT when it is given, so that the process that
checks them reads the same folder.
"""

from cpo_portal.settings.test import *  # noqa: F403
from cpo_portal.settings.test import DATABASES, MEDIA_ROOT, Path, env

CELERY_TASK_ALWAYS_EAGER = False
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", str(MEDIA_ROOT)))
# Off only for the control run of bench/faults/postgres_restart.py.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("FAULTS_CONN_HEALTH_CHECKS", True)
