"""The reports panel of an evaluation in a real browser: the status of a job
being generated updates by itself, and the download appears when it is done."""

import pytest
from django.core.files.base import ContentFile

from accounts.roles import Role
from monitoring.models import EvaluationReport, ReportStatus
from tests.browser.pages import assert_accessible, log_in
from tests.factories import PASSWORD, UserFactory
from tests.monitoring.reporting import FAKE_PDF, make_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_status_updates_without_a_reload(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    office = UserFactory(username="office", role=Role.OFFICE_STAFF)
    evaluation = make_evaluation(by=office)
    job = EvaluationReport.objects.create(
        evaluation=evaluation,
        language="en",
        version=1,
        requested_by=office,
        snapshot_taken_at=evaluation.snapshot_taken_at,
    )

    log_in(page, live_server.url, "office", PASSWORD)
    page.goto(f"{live_server.url}/monitoring/evaluations/{evaluation.pk}/")
    badge = page.locator(f'.report-status[data-report-status-url$="/{job.pk}/status/"]')
    assert badge.get_attribute("data-status") == "queued"
    assert page.locator("[data-report-refresh]").is_hidden(), "the script replaces the link"
    assert_accessible(page)
    page.evaluate("window.notReloaded = true")

    # The worker finishes the job while the page is open.
    job.status = ReportStatus.DONE
    job.file.save("evaluation-2025-en-v1.pdf", ContentFile(FAKE_PDF), save=False)
    job.checksum, job.size, job.pages = "e" * 64, len(FAKE_PDF), 3
    job.save()

    page.wait_for_selector(
        f'.report-status[data-report-status-url$="/{job.pk}/status/"][data-status="done"]'
    )
    link = page.locator(f'[data-report-row] a[href$="/monitoring/reports/{job.pk}/download/"]')
    link.wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert link.inner_text().strip(), "the link says what it downloads"
