"""A report generated end to end: requested in the web process, sent through
Redis on commit, claimed and rendered by a real Celery worker on PostgreSQL."""

import hashlib
import time

import pytest

from accounts.roles import Role
from monitoring import reports
from monitoring.models import ReportStatus
from tests.monitoring.reporting import make_evaluation

pytestmark = pytest.mark.integration

# Enough for a worker to import WeasyPrint and render twenty pages on a slow machine.
RENDER_TIMEOUT = 240


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_generates_the_report(real_worker, people):
    office = people[Role.OFFICE_STAFF]
    evaluation = make_evaluation(by=office)

    started = time.monotonic()
    report = reports.request_report(evaluation=evaluation, language="en", by=office)
    # Asked again while the worker renders it: the same job, no second render.
    again = reports.request_report(evaluation=evaluation, language="en", by=office)
    assert (again.pk, again.already_requested) == (report.pk, True)
    deadline = started + RENDER_TIMEOUT
    while True:
        report.refresh_from_db()
        if report.status in (ReportStatus.DONE, ReportStatus.FAILED):
            break
        assert time.monotonic() < deadline, f"the report is still {report.status}"
        time.sleep(0.5)
    took = time.monotonic() - started

    try:
        assert report.status == ReportStatus.DONE, report.error
        assert report.attempts == 1
        content = report.file.read()
        assert content.startswith(b"%PDF-1.7")
        assert hashlib.sha256(content).hexdigest() == report.checksum
        assert report.size == len(content)
        assert report.pages > 10
        # A file of an earlier run may hold the name: the storage then adds a suffix.
        assert report.file.name.startswith("reports/2025/evaluation-2025-en-v1")
        print(f"rendered by the worker in {took:.1f} s: {report.pages} pages, {report.size} bytes")
    finally:
        if report.file:
            report.file.storage.delete(report.file.name)
