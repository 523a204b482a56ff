"""The whole suite runs at one fixed instant, so that no test depends on the day it runs.

time-machine rather than freezegun: it moves the clock of the C library functions
that datetime, time and Django read, in every module at once (freezegun patches module
attributes one by one and misses what was imported before it started), and it costs
nothing per call. The clock ticks on from the fixed instant, so durations stay real.
The integration tests run real worker processes, which keep the real clock: their tests
run on the real clock too. Tests of other days travel from there (tests/demo's sweep).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from xdist.scheduler import LoadScopeScheduling

from accounts.roles import Role
from districts.models import District
from tests.factories import UserFactory

# Tests that share something costly run in one pytest-xdist process: (the start of) their
# node id, and what they share.
SHARED = {
    "tests/demo/story/": "the demo, seeded once",
    "tests/browser/": "one Chromium",
    "tests/integration/test_celery_worker.py": "one Celery worker on the shared Redis",
    "tests/integration/test_report_worker.py": "one Celery worker on the shared Redis",
    "tests/bad_input/test_forms.py": "the check after every group of forms",
}


class _SharedScheduling(LoadScopeScheduling):
    """Each test is a scope of its own, so tests spread over the processes one by one,
    except those of SHARED, whose scope is what they share. (pytest-xdist's loadgroup
    would do it with markers, but its group names do not reach pytest 9.2's node ids.)"""

    def __init__(self, config, log=None):
        super().__init__(config, log)
        # In the order pytest-django collected them: the tests that flush the database
        # last, not the largest scope first.
        config.option.loadscopereorder = False

    def _split_scope(self, nodeid):
        return next((group for start, group in SHARED.items() if nodeid.startswith(start)), nodeid)


def pytest_xdist_make_scheduler(config, log):
    return _SharedScheduling(config, log)


# A Friday in late November 2026: the demo's year is well advanced and its story complete.
FIXED_INSTANT = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Europe/Madrid"))
_clock = time_machine.travel(FIXED_INSTANT, tick=True)


def pytest_configure(config):
    _clock.start()


def pytest_unconfigure(config):
    _clock.stop()


@pytest.fixture(autouse=True)
def _real_clock_for_real_processes(request):
    """Integration tests share their data with worker processes on the real clock."""
    if request.node.get_closest_marker("integration") is None:
        yield
        return
    _clock.stop()
    try:
        yield
    finally:
        _clock.start()


@pytest.fixture
def besaya(db):
    return District.objects.get(slug="besaya")


@pytest.fixture
def people(db, besaya):
    """One person per role; the innovation broker works in Besaya."""
    return {
        role: UserFactory(role=role, district=besaya if role == Role.INNOVATION_BROKER else None)
        for role in Role
    }


@pytest.fixture
def client_for(client):
    """A test client logged in as the given user."""

    def log_in(user):
        client.force_login(user)
        return client

    return log_in
