"""Requesting a report in a real browser: the click answers at once, the
button stays disabled while the job is on its way, and the live region says
queued or running, then done with the download, without a reload. The
embedded portal's render thread is on, held by the test until it lets go."""

import threading

import pytest

from accounts.roles import Role
from monitoring import reports
from monitoring.models import EvaluationReport, ReportStatus
from tests.browser.pages import assert_accessible, log_in
from tests.factories import PASSWORD, UserFactory
from tests.monitoring.reporting import FAKE_PDF, make_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_official_requests_the_english_report_without_a_reload(
    page, live_server, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REPORT_RENDER_IN_THREAD = True
    release = threading.Event()

    def held_render(report):
        assert release.wait(30), "the test never let the render finish"
        return FAKE_PDF, 2

    monkeypatch.setattr(reports, "render_report", held_render)
    official = UserFactory(username="official", role=Role.GOVERNMENT_OFFICIAL)
    evaluation = make_evaluation(by=UserFactory(role=Role.OFFICE_STAFF))

    log_in(page, live_server.url, "official", PASSWORD)
    page.goto(f"{live_server.url}/monitoring/evaluations/{evaluation.pk}/")
    form = page.locator("form[data-report-request]:has(input[name=language][value=en])")
    button = form.locator("button[type=submit]")
    live = form.locator("[data-report-live]")
    assert button.is_enabled()
    page.evaluate("window.notReloaded = true")

    button.click()
    page.wait_for_function(
        "el => el.getAttribute('data-report-status-url')", arg=live.element_handle()
    )
    assert button.is_disabled(), "no second render while this one is on its way"
    assert live.inner_text().strip()
    job = EvaluationReport.objects.get()
    assert (job.language, job.requested_by) == ("en", official)
    assert job.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)
    assert_accessible(page)

    release.set()
    form.locator("[data-report-live][data-status=done]").wait_for()
    link = live.locator(f'a[href$="/monitoring/reports/{job.pk}/download/"]')
    link.wait_for()
    assert button.is_enabled()
    assert page.evaluate("window.notReloaded") is True
    assert EvaluationReport.objects.count() == 1
