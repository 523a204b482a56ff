"""A real Celery worker, started for the integration tests.

They run when CELERY_BROKER_URL points at Redis and the tests use PostgreSQL,
so that the worker process can reach the test database.
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from cpo_portal.celery import app as celery_app


def _test_database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs CELERY_BROKER_URL (a real Redis broker)")
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL=postgres://… so the worker can reach the test database")
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cpo_portal.settings.test",
        "DATABASE_URL": _test_database_url(),
    }
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cpo_portal",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--hostname",
            f"test-{os.getpid()}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=environ,
    )
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(timeout=1):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the Celery worker did not start")
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.fixture
def real_worker(celery_worker_process):
    """Send tasks to the broker for this test instead of running them in-process."""
    celery_app.conf.task_always_eager = False
    yield celery_worker_process
    celery_app.conf.task_always_eager = True
