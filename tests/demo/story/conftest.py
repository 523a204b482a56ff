"""The demo seeded once for every test of this package, as `make demo` seeds it.

seed_demo runs once, at the suite's fixed instant (tests/conftest.py), inside a
transaction that stays open while the package's tests run and is rolled back after
them; each test runs in a savepoint on top of it, so what one test changes the next
does not see. The annual report is rendered as the commit would render it, into a media
folder of the package's own. The package's tests run in one pytest-xdist process
(tests/conftest.py), so the demo is seeded once per run.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings


@pytest.fixture(scope="package")
def demo_output(django_db_setup, django_db_blocker, tmp_path_factory):
    """What seed_demo printed; its records stay until the package's tests are done."""
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        out = StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", force=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_output, db):
    """The demo, for one test: seed_demo's output; the test runs in a savepoint."""
    return demo_output


@pytest.fixture
def seed(seeded):
    """seed_demo once more, on top of the demo: what it prints."""

    def run():
        out = StringIO()
        call_command("seed_demo", force=True, stdout=out)
        return out.getvalue()

    return run
