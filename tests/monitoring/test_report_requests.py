"""The report is easy to get: a "Reports" link for whoever downloads them, a
panel on the official's home, requests in either language from the list and
the evaluation's page answered at once (JSON for the page's script), the
button disabled while a job is on its way, and without a broker the render in
a background thread."""

import re
import threading
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.roles import Role
from monitoring import reports
from monitoring.models import EvaluationReport, ReportStatus
from tests.monitoring import reporting
from tests.monitoring.reporting import FAKE_PDF, make_evaluation, make_report

evaluation, fake_render, media, sent = (
    reporting.evaluation,
    reporting.fake_render,
    reporting.media,
    reporting.sent,
)

pytestmark = pytest.mark.django_db

DOWNLOADERS = {
    Role.OFFICE_STAFF,
    Role.CLUSTER_MANAGER,
    Role.NETWORK_COORDINATOR,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
}
REQUESTERS = {Role.OFFICE_STAFF, Role.NETWORK_COORDINATOR, Role.GOVERNMENT_OFFICIAL}
JSON = {"HTTP_ACCEPT": "application/json"}
# The new sentences in English: what they say does not wait for the catalogue.
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _request_url(evaluation):
    return reverse("monitoring:report_request", args=[evaluation.pk])


def _button(html, evaluation, language):
    """The submit button of the request form of an evaluation and language."""
    match = re.search(
        r'<form[^>]*action="' + re.escape(_request_url(evaluation)) + r'"[^>]*>.*?'
        r'name="language" value="' + language + r'">\s*(<button[^>]*>)',
        html,
        re.S,
    )
    assert match, f"no request form in {language}"
    return match.group(1)


# The way in: the navigation and the official's home


@pytest.mark.parametrize("role", list(Role))
def test_the_reports_are_in_the_navigation_of_those_who_download_them(client, people, role):
    client.force_login(people[role])
    page = client.get(reverse("home")).content.decode()
    link = f'href="{reverse("monitoring:report_list")}" data-nav="reports"'
    if role in DOWNLOADERS:
        assert link in page
        assert ">Informes</a>" in page
    else:
        assert link not in page


def test_the_nav_link_is_current_on_the_reports_page(client, people):
    client.force_login(people[Role.CLUSTER_MANAGER])
    page = client.get(reverse("monitoring:report_list")).content.decode()
    assert 'aria-current="page" href="/monitoring/reports/" data-nav="reports"' in page


def test_the_officials_home_leads_to_the_reports(client, people):
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    page = client.get(reverse("home")).content.decode()
    section = page[page.index("data-home-reports") :]
    section = section[: section.index("</section>")]
    assert f'href="{reverse("monitoring:report_list")}"' in section
    assert "Informes de evaluación" in section


def test_other_homes_have_no_reports_panel(client, people):
    client.force_login(people[Role.CLUSTER_MANAGER])
    assert "data-home-reports" not in client.get(reverse("home")).content.decode()


# Requests answered at once, for the page's script


@pytest.mark.parametrize("role", list(Role))
def test_a_request_in_json_is_answered_at_once_for_those_who_request(
    client, people, evaluation, sent, role, django_capture_on_commit_callbacks
):
    client.force_login(people[role])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_request_url(evaluation), {"language": "en"}, **JSON)

    if role in REQUESTERS:
        assert response.status_code == 202
        assert response["Cache-Control"] == "no-store"
        report = EvaluationReport.objects.get()
        data = response.json()
        assert data["id"] == report.pk
        assert (data["status"], data["active"], data["already_requested"]) == (
            "queued",
            True,
            False,
        )
        assert data["status_url"] == reverse("monitoring:report_status", args=[report.pk])
        assert data["message"] and data["summary"]
        assert (report.language, report.requested_by) == ("en", people[role])
        assert sent == [report.pk]
    else:
        assert response.status_code == 403
        assert not EvaluationReport.objects.exists()


def test_a_second_click_gets_the_job_on_its_way_and_renders_nothing_more(
    client, people, evaluation, sent, django_capture_on_commit_callbacks
):
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(_request_url(evaluation), {"language": "es"}, **JSON)
        second = client.post(_request_url(evaluation), {"language": "es"}, **JSON, **ENGLISH)

    assert (first.status_code, second.status_code) == (202, 200)
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["already_requested"] is True
    assert "already being generated" in second.json()["message"]
    assert EvaluationReport.objects.count() == 1
    assert len(sent) == 1


def test_the_other_language_is_a_job_of_its_own(
    client, people, evaluation, sent, django_capture_on_commit_callbacks
):
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_request_url(evaluation), {"language": "es"}, **JSON)
        client.post(_request_url(evaluation), {"language": "en"}, **JSON)
    assert sorted(EvaluationReport.objects.values_list("language", flat=True)) == ["en", "es"]
    assert len(sent) == 2


def test_a_refused_request_says_why_in_json(client, people, sent):
    official = people[Role.GOVERNMENT_OFFICIAL]
    no_snapshot = make_evaluation(by=official)
    no_snapshot.snapshot = {}
    no_snapshot.save()
    client.force_login(official)

    response = client.post(_request_url(no_snapshot), {"language": "es"}, **JSON)
    assert response.status_code == 400
    assert "instantánea" in response.json()["message"]
    response = client.post(_request_url(no_snapshot), {"language": "fr"}, **JSON)
    assert response.status_code == 400
    assert not EvaluationReport.objects.exists()


def test_without_javascript_the_request_comes_back_to_the_page(
    client, people, evaluation, sent, django_capture_on_commit_callbacks
):
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    back = reverse("monitoring:report_list")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_request_url(evaluation), {"language": "en", "next": back})
    assert response.status_code == 302
    assert response["Location"] == back


# The status, with the time the render took


def test_the_status_of_a_done_job_says_how_long_it_took(client, people, evaluation, media):
    started = evaluation.snapshot_taken_at + timedelta(days=1)
    report = make_report(
        evaluation,
        status=ReportStatus.DONE,
        file=ContentFile(FAKE_PDF, name="r.pdf"),
        checksum="a" * 64,
        size=10,
        pages=4,
        started_at=started,
        finished_at=started + timedelta(seconds=75),
    )
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    data = client.get(reverse("monitoring:report_status", args=[report.pk]), **ENGLISH).json()

    assert data["duration_seconds"] == 75
    assert data["duration"] == "1 minute 15 seconds"
    assert data["started_at"] and data["finished_at"]
    assert data["summary"] == "Spanish, version 1: ready, generated in 1 minute 15 seconds."
    assert data["download_label"]
    assert data["pages_label"]

    panel = client.get(reverse("monitoring:evaluation_detail", args=[evaluation.pk]), **ENGLISH)
    assert "Generated in 1 minute 15 seconds" in panel.content.decode()
    listing = client.get(reverse("monitoring:report_list"), **ENGLISH).content.decode()
    assert "Generated in 1 minute 15 seconds" in listing


@pytest.mark.parametrize(
    ("status", "active"),
    [(ReportStatus.QUEUED, True), (ReportStatus.RUNNING, True), (ReportStatus.FAILED, False)],
)
def test_the_status_says_each_state_in_a_sentence(client, people, evaluation, status, active):
    report = make_report(evaluation, status=status, error="boom" if not active else "")
    client.force_login(people[Role.OFFICE_STAFF])
    data = client.get(reverse("monitoring:report_status", args=[report.pk]), **ENGLISH).json()
    assert data["active"] is active
    assert data["duration_seconds"] is None
    assert data["summary"].startswith("Spanish, version 1: ")


# The button, disabled while a job is on its way (rendered by the server)


def test_the_evaluation_page_disables_the_button_of_the_language_on_its_way(
    client, people, evaluation
):
    queued = make_report(evaluation, language="en")
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    page = client.get(reverse("monitoring:evaluation_detail", args=[evaluation.pk]))
    html = page.content.decode()

    assert "disabled" in _button(html, evaluation, "en")
    assert "disabled" not in _button(html, evaluation, "es")
    status_url = reverse("monitoring:report_status", args=[queued.pk])
    assert re.search(
        r'role="status" aria-live="polite" data-report-live data-report-status-url="'
        + re.escape(status_url),
        html,
    )


def test_the_list_offers_the_requests_with_the_same_state(client, people, evaluation):
    make_report(evaluation, language="es", status=ReportStatus.RUNNING)
    other = make_evaluation(by=people[Role.OFFICE_STAFF], year=2026)
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    html = client.get(reverse("monitoring:report_list")).content.decode()

    assert "disabled" in _button(html, evaluation, "es")
    assert "disabled" not in _button(html, evaluation, "en")
    assert "disabled" not in _button(html, other, "es")
    assert "js/report-status.js" in html
    # The year filter narrows the evaluations offered.
    narrowed = client.get(reverse("monitoring:report_list"), {"year": 2026}).content.decode()
    assert _request_url(other) in narrowed and _request_url(evaluation) not in narrowed


@pytest.mark.parametrize("role", [Role.CLUSTER_MANAGER, Role.ADVISORY_COMMITTEE])
def test_readers_get_no_request_forms(client, people, evaluation, role):
    client.force_login(people[role])
    html = client.get(reverse("monitoring:report_list")).content.decode()
    assert _request_url(evaluation) not in html
    page = client.get(reverse("monitoring:evaluation_detail", args=[evaluation.pk]))
    assert _request_url(evaluation) not in page.content.decode()


def test_the_script_posts_the_form_and_follows_the_answer():
    from django.conf import settings

    script = (settings.BASE_DIR / "static/js/report-status.js").read_text()
    for needle in (
        "data-report-request",
        "data-report-live",
        'method: "POST"',
        "application/json",
        "button.disabled = true",
        "data.status_url",
        "data.summary",
        "data.message",
        "form.submit()",
    ):
        assert needle in script


# Without a broker: the render runs in a background thread


def test_in_thread_mode_send_returns_before_the_render(settings, monkeypatch):
    """Without a broker and with REPORT_RENDER_IN_THREAD, send() hands the job to a
    daemon thread and returns at once; the thread renders it and closes its database
    connections. (No database here: a transactional test would flush the tables that
    the other processes of the suite share.)"""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REPORT_RENDER_IN_THREAD = True
    started, release, done = threading.Event(), threading.Event(), []

    def slow_run(report_pk):
        started.set()
        assert release.wait(10), "the test never let the render finish"
        done.append(report_pk)

    monkeypatch.setattr(reports, "run_report", slow_run)
    closed = []
    monkeypatch.setattr(reports.connections, "close_all", lambda: closed.append(True))

    assert reports.send(41) is True

    assert started.wait(10), "the render started in the background"
    assert done == [], "send returned while the render still waits"
    (thread,) = [t for t in threading.enumerate() if t.name == "report-render-41"]
    assert thread.daemon
    release.set()
    thread.join(10)
    assert not thread.is_alive()
    assert done == [41] and closed == [True]


def test_with_the_setting_off_the_render_runs_within_the_request(
    client, people, evaluation, fake_render, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_RENDER_IN_THREAD = False
    client.force_login(people[Role.GOVERNMENT_OFFICIAL])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_request_url(evaluation), {"language": "es"}, **JSON)
    assert EvaluationReport.objects.get().status == ReportStatus.DONE
    assert len(fake_render) == 1


def test_with_a_broker_the_thread_setting_changes_nothing(
    people, evaluation, sent, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REPORT_RENDER_IN_THREAD = True
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(
            evaluation=evaluation, language="es", by=people[Role.OFFICE_STAFF]
        )
    assert sent == [report.pk]
