"""The report pages: request, status for the page's script, retry, download
per role, the list of every version, and the panel on the evaluation page."""

import json

import pytest
from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from monitoring.models import EvaluationReport, ReportDownload, ReportStatus
from tests.monitoring import reporting
from tests.monitoring.reporting import FAKE_PDF, make_evaluation, make_report

# The shared fixtures.
evaluation, fake_render, media, sent = (
    reporting.evaluation,
    reporting.fake_render,
    reporting.media,
    reporting.sent,
)

pytestmark = pytest.mark.django_db

# Who downloads reports (and reads the list and statuses).
READERS = {
    Role.OFFICE_STAFF,
    Role.CLUSTER_MANAGER,
    Role.NETWORK_COORDINATOR,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
}
# Who requests them, in either language (and tries a failed one again).
REQUESTERS = {Role.OFFICE_STAFF, Role.NETWORK_COORDINATOR, Role.GOVERNMENT_OFFICIAL}


@pytest.fixture
def done(evaluation, media):
    return make_report(
        evaluation,
        status=ReportStatus.DONE,
        file=ContentFile(FAKE_PDF, name="evaluation-2025-es-v1.pdf"),
        checksum="c" * 64,
        size=len(FAKE_PDF),
        pages=3,
    )


# Download


@pytest.mark.parametrize("role", list(Role))
def test_download_per_role_and_every_download_recorded(client, people, done, role):
    client.force_login(people[role])
    response = client.get(reverse("monitoring:report_download", args=[done.pk]))

    if role in READERS:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            'attachment; filename="evaluation-2025-es-v1.pdf"'
        )
        assert b"".join(response.streaming_content) == FAKE_PDF
        download = ReportDownload.objects.get()
        assert (download.report, download.user) == (done, people[role])
    else:
        assert response.status_code == 403
        assert not ReportDownload.objects.exists()


def test_a_report_not_done_has_nothing_to_download(client, people, evaluation):
    report = make_report(evaluation)
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    assert client.get(reverse("monitoring:report_download", args=[report.pk])).status_code == 404
    assert not ReportDownload.objects.exists()


def test_anonymous_visitors_log_in_first(client, done):
    response = client.get(reverse("monitoring:report_download", args=[done.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Status for the page's script


def test_status_of_a_job_on_its_way(client, people, evaluation):
    report = make_report(evaluation, status=ReportStatus.RUNNING)
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    response = client.get(reverse("monitoring:report_status", args=[report.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    assert data["status"] == "running"
    assert data["active"] is True
    assert "download_url" not in data


def test_status_of_a_done_job_gives_its_download(client, people, done):
    client.force_login(people[Role.ADVISORY_COMMITTEE])
    data = client.get(reverse("monitoring:report_status", args=[done.pk])).json()

    assert data["status"] == "done"
    assert data["active"] is False
    assert data["download_url"] == reverse("monitoring:report_download", args=[done.pk])
    assert (data["pages"], data["checksum"]) == (3, "c" * 64)


def test_status_of_a_failed_job_gives_its_error(client, people, evaluation):
    report = make_report(evaluation, status=ReportStatus.FAILED, error="RuntimeError: no fonts")
    client.force_login(people[Role.OFFICE_STAFF])
    data = client.get(reverse("monitoring:report_status", args=[report.pk])).json()
    assert (data["status"], data["error"]) == ("failed", "RuntimeError: no fonts")


@pytest.mark.parametrize("role", [Role.INNOVATION_BROKER, Role.EVALUATOR, Role.APPLICANT])
def test_status_is_not_for_roles_without_the_monitoring(client, people, done, role):
    client.force_login(people[role])
    assert client.get(reverse("monitoring:report_status", args=[done.pk])).status_code == 403


# Request and retry


@pytest.mark.parametrize("role", list(Role))
def test_officials_office_staff_and_the_coordinator_request_reports(
    client, people, evaluation, sent, role, django_capture_on_commit_callbacks
):
    client.force_login(people[role])
    back = f"/monitoring/evaluations/{evaluation.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("monitoring:report_request", args=[evaluation.pk]),
            {"language": "en", "next": back},
        )

    if role in REQUESTERS:
        assert response.status_code == 302
        assert response["Location"] == back
        report = EvaluationReport.objects.get()
        assert (report.language, report.requested_by) == ("en", people[role])
        assert sent == [report.pk]
    else:
        assert response.status_code == 403
        assert not EvaluationReport.objects.exists()


def test_a_request_while_one_is_queued_says_so_and_sends_nothing(
    client, people, evaluation, sent, django_capture_on_commit_callbacks
):
    make_report(evaluation)
    client.force_login(people[Role.OFFICE_STAFF])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("monitoring:report_request", args=[evaluation.pk]),
            {"language": "es"},
            follow=True,
        )

    assert [m.level for m in response.context["messages"]] == [messages.INFO]
    assert EvaluationReport.objects.count() == 1
    assert sent == []


def test_a_request_goes_back_only_to_the_portal(client, people, evaluation, sent):
    client.force_login(people[Role.OFFICE_STAFF])
    response = client.post(
        reverse("monitoring:report_request", args=[evaluation.pk]),
        {"language": "es", "next": "https://elsewhere.example.com/"},
    )
    assert response["Location"] == f"{reverse('monitoring:report_list')}?year=2025"


def test_requesting_needs_a_post_and_a_language(client, people, evaluation, sent):
    client.force_login(people[Role.OFFICE_STAFF])
    url = reverse("monitoring:report_request", args=[evaluation.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"language": "fr"})
    assert not EvaluationReport.objects.exists()


def test_a_failed_report_is_retried_from_the_page(
    client, people, evaluation, fake_render, django_capture_on_commit_callbacks
):
    failed = make_report(evaluation, status=ReportStatus.FAILED, error="boom")
    client.force_login(people[Role.NETWORK_COORDINATOR])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:report_retry", args=[failed.pk]))

    assert response.status_code == 302
    retried = EvaluationReport.objects.get(version=2)
    assert retried.status == ReportStatus.DONE
    assert retried.requested_by == people[Role.NETWORK_COORDINATOR]


@pytest.mark.parametrize("role", [Role.ADVISORY_COMMITTEE, Role.INNOVATION_BROKER])
def test_retrying_is_for_those_who_request(client, people, evaluation, sent, role):
    failed = make_report(evaluation, status=ReportStatus.FAILED, error="boom")
    client.force_login(people[role])
    assert client.post(reverse("monitoring:report_retry", args=[failed.pk])).status_code == 403
    assert EvaluationReport.objects.count() == 1


def test_a_done_report_is_not_retried(client, people, done, sent):
    client.force_login(people[Role.OFFICE_STAFF])
    client.post(reverse("monitoring:report_retry", args=[done.pk]))
    assert EvaluationReport.objects.count() == 1
    assert sent == []


# The list of every version


def test_the_list_shows_who_when_and_from_which_snapshot(client, people, done, evaluation):
    make_report(evaluation, language="en", status=ReportStatus.FAILED, error="RuntimeError: boom")
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    response = client.get(reverse("monitoring:report_list"))

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("monitoring:report_download", args=[done.pk]) in page
    assert "c" * 64 in page
    assert "RuntimeError: boom" in page
    assert page.count("Evaluation 2025") >= 2 or page.count("Evaluación 2025") >= 2


def test_the_list_filters_by_year_and_language(client, people, done, evaluation):
    english = make_report(evaluation, language="en")
    client.force_login(people[Role.OFFICE_STAFF])
    url = reverse("monitoring:report_list")

    page = client.get(url, {"language": "en"}).content.decode()
    # The job on its way is followed without a reload (its row and its request form).
    assert reverse("monitoring:report_status", args=[english.pk]) in page
    assert reverse("monitoring:report_download", args=[done.pk]) not in page
    assert client.get(url, {"year": 2025}).context["page"].paginator.count == 2
    assert client.get(url, {"year": 2024}).context["page"].paginator.count == 0


def test_the_list_exports_every_version(client, people, done):
    client.force_login(people[Role.OFFICE_STAFF])
    response = client.get(reverse("monitoring:report_list"), {"export": "csv"})
    assert response.status_code == 200
    assert "c" * 64 in response.content.decode("utf-8-sig")


def test_the_list_reads_a_constant_number_of_queries(client, people, evaluation):
    client.force_login(people[Role.OFFICE_STAFF])
    url = reverse("monitoring:report_list")
    make_report(evaluation)
    client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for version in range(2, 12):
        make_report(evaluation, version=version, status=ReportStatus.FAILED, error="x")
    other = make_evaluation(by=people[Role.NETWORK_COORDINATOR], year=2026)
    make_report(other, requested_by=people[Role.NETWORK_COORDINATOR])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)


# The panel on the evaluation's page


def _panel(user, evaluation):
    request = RequestFactory().get(f"/monitoring/evaluations/{evaluation.pk}/")
    request.user = user
    return render_to_string(
        "monitoring/reports/_panel.html", {"evaluation": evaluation}, request=request
    )


def test_the_panel_follows_the_jobs_and_offers_what_each_may_do(people, evaluation, media):
    done = make_report(
        evaluation,
        status=ReportStatus.DONE,
        file=ContentFile(FAKE_PDF, name="r.pdf"),
        checksum="d" * 64,
        size=10,
        pages=2,
    )
    failed = make_report(evaluation, version=2, status=ReportStatus.FAILED, error="Boom")
    queued = make_report(evaluation, language="en", requested_by=people[Role.NETWORK_COORDINATOR])

    html = _panel(people[Role.OFFICE_STAFF], evaluation)
    assert f'data-report-status-url="{reverse("monitoring:report_status", args=[queued.pk])}"' in (
        html
    )
    assert reverse("monitoring:report_status", args=[done.pk]) not in html
    assert reverse("monitoring:report_download", args=[done.pk]) in html
    assert "d" * 64 in html
    assert reverse("monitoring:report_retry", args=[failed.pk]) in html
    assert "Boom" in html
    assert reverse("monitoring:report_request", args=[evaluation.pk]) in html
    assert "data-report-refresh" in html, "without JavaScript, a link to refresh"
    assert "js/report-status.js" in html
    assert "<script>" not in html, "no inline script"
    assert str(people[Role.NETWORK_COORDINATOR]) in html

    reader = _panel(people[Role.ADVISORY_COMMITTEE], evaluation)
    assert reverse("monitoring:report_download", args=[done.pk]) in reader
    assert reverse("monitoring:report_retry", args=[failed.pk]) not in reader
    assert reverse("monitoring:report_request", args=[evaluation.pk]) not in reader


def test_the_panel_reads_every_version_in_one_query(people, evaluation, media):
    for version in range(1, 6):
        make_report(evaluation, version=version, status=ReportStatus.FAILED, error="x")
    make_report(evaluation, version=6, requested_by=people[Role.OFFICE_STAFF])
    user = people[Role.OFFICE_STAFF]
    _panel(user, evaluation)  # warm the permission cache
    with CaptureQueriesContext(connection) as queries:
        _panel(user, evaluation)
    assert len(queries) == 1


def test_the_page_script_follows_the_status_json(client, people, evaluation):
    """The script reads the fields the status view gives."""
    from django.conf import settings

    script = (settings.BASE_DIR / "static/js/report-status.js").read_text()
    report = make_report(evaluation)
    client.force_login(people[Role.OFFICE_STAFF])
    data = json.loads(client.get(reverse("monitoring:report_status", args=[report.pk])).content)
    for field in ("status", "status_label"):
        assert field in data and f"data.{field}" in script
    assert "data.download_url" in script
    assert "data-report-status-url" in script and "data-report-refresh" in script
