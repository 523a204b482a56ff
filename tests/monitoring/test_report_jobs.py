"""The report job: requested on commit, claimed once, failed without a file,
retried as a new version, sent again when stuck."""

from contextlib import contextmanager
from datetime import timedelta

import psycopg2
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import Role
from monitoring import reports
from monitoring.models import Evaluation, EvaluationReport, ReportStatus
from monitoring.tasks import render_evaluation_report, resend_stuck_report_jobs
from tests.monitoring import reporting
from tests.monitoring.reporting import FAKE_PDF, make_report, stored_files

# The shared fixtures.
evaluation, fake_render, media, sent = (
    reporting.evaluation,
    reporting.fake_render,
    reporting.media,
    reporting.sent,
)

pytestmark = pytest.mark.django_db

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the render lock is PostgreSQL's"
)


@contextmanager
def rendered_elsewhere(report):
    """Another live worker renders the job: on PostgreSQL it holds the job's
    render lock, from a connection of its own."""
    if connection.vendor != "postgresql":
        yield
        return
    db = connection.settings_dict
    other = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"],
        port=db["PORT"] or 5432,
    )
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_lock(%s, %s)", [reports.RENDER_LOCK_SPACE, report.pk]
            )
            assert cursor.fetchone()[0]
        yield
    finally:
        other.close()


# Requests


def test_a_request_creates_a_job_and_sends_it_once_committed(
    people, evaluation, sent, django_capture_on_commit_callbacks
):
    office = people[Role.OFFICE_STAFF]
    with django_capture_on_commit_callbacks() as callbacks:
        report = reports.request_report(evaluation=evaluation, language="en", by=office)
        assert sent == [], "nothing is sent before the transaction commits"

    assert (report.status, report.version, report.language) == (ReportStatus.QUEUED, 1, "en")
    assert report.requested_by == office
    assert report.snapshot_taken_at == evaluation.snapshot_taken_at
    assert report.attempts == 0
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [report.pk]


def test_requested_in_process_without_a_broker_the_report_is_done_on_commit(
    people, evaluation, fake_render, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(
            evaluation=evaluation, language="es", by=people[Role.NETWORK_COORDINATOR]
        )

    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.file.name == "reports/2025/evaluation-2025-es-v1.pdf"
    assert report.file.read() == FAKE_PDF
    assert report.checksum == __import__("hashlib").sha256(FAKE_PDF).hexdigest()
    assert (report.size, report.pages, report.attempts) == (len(FAKE_PDF), 3, 1)
    assert report.started_at <= report.finished_at
    assert stored_files(media) == ["reports/2025/evaluation-2025-es-v1.pdf"]


@pytest.mark.parametrize("status", [ReportStatus.QUEUED, ReportStatus.RUNNING])
def test_a_second_request_while_one_is_on_its_way_returns_that_job(
    people, evaluation, sent, status, django_capture_on_commit_callbacks
):
    first = make_report(evaluation, status=status)
    with django_capture_on_commit_callbacks() as callbacks:
        again = reports.request_report(
            evaluation=evaluation, language="es", by=people[Role.OFFICE_STAFF]
        )

    assert again == first
    assert again.already_requested
    assert callbacks == [], "no second render is sent"
    assert EvaluationReport.objects.count() == 1


def test_the_other_language_or_a_finished_job_gives_a_new_version(people, evaluation, sent):
    office = people[Role.OFFICE_STAFF]
    make_report(evaluation, status=ReportStatus.DONE, file="reports/x.pdf", checksum="a" * 64)
    make_report(evaluation, status=ReportStatus.FAILED, version=2, error="boom")

    spanish = reports.request_report(evaluation=evaluation, language="es", by=office)
    english = reports.request_report(evaluation=evaluation, language="en", by=office)

    assert (spanish.version, english.version) == (3, 1)
    assert not spanish.already_requested


def test_two_requests_at_the_same_moment_render_once(people, evaluation, sent, monkeypatch):
    """The partial unique constraint catches the request that lost the race."""
    first = make_report(evaluation)
    looked = []

    def not_seen_yet(evaluation, language):
        looked.append(language)
        if len(looked) == 1:
            return None  # the race: the other request has not committed yet
        return EvaluationReport.objects.get(pk=first.pk)

    monkeypatch.setattr(reports, "active_report", not_seen_yet)
    again = reports.request_report(
        evaluation=evaluation, language="es", by=people[Role.OFFICE_STAFF]
    )

    assert again.pk == first.pk
    assert EvaluationReport.objects.count() == 1


def test_only_an_evaluation_with_its_snapshot_has_a_report(people, evaluation, sent):
    Evaluation.objects.filter(pk=evaluation.pk).update(snapshot={}, snapshot_taken_at=None)
    evaluation.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        reports.request_report(evaluation=evaluation, language="es", by=people[Role.OFFICE_STAFF])
    assert refused.value.code == "no_snapshot"
    assert not EvaluationReport.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.INNOVATION_BROKER, Role.ADVISORY_COMMITTEE, Role.CLUSTER_MANAGER]
)
def test_only_officials_office_staff_and_the_coordinator_request_reports(
    people, evaluation, sent, role
):
    with pytest.raises(PermissionDenied):
        reports.request_report(evaluation=evaluation, language="es", by=people[role])


def test_a_broker_that_cannot_be_reached_leaves_the_job_queued(
    people, evaluation, monkeypatch, django_capture_on_commit_callbacks
):
    def down(pk):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(render_evaluation_report, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(
            evaluation=evaluation, language="es", by=people[Role.OFFICE_STAFF]
        )

    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED


# The task: claim, render, store


def test_the_claim_lets_one_run_render_a_job(evaluation, fake_render):
    report = make_report(evaluation)

    assert render_evaluation_report.apply(args=[report.pk]).get() == ReportStatus.DONE
    assert render_evaluation_report.apply(args=[report.pk]).get() is None

    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.attempts == 1
    assert fake_render == [report.pk], "the done job is not rendered again"


def test_a_job_running_elsewhere_is_left_alone(evaluation, fake_render, monkeypatch):
    monkeypatch.setattr(reports, "LOCK_WAIT", 0.3)
    report = make_report(
        evaluation, status=ReportStatus.RUNNING, started_at=timezone.now(), attempts=1
    )

    with rendered_elsewhere(report):
        assert reports.run_report(report.pk) is None

    report.refresh_from_db()
    assert (report.status, report.attempts) == (ReportStatus.RUNNING, 1)
    assert fake_render == []


@only_on_postgresql
def test_a_job_left_running_by_a_dead_worker_is_rendered_by_the_next_delivery(
    evaluation, fake_render
):
    """Its worker was killed: its connection, and the render lock, are gone."""
    report = make_report(
        evaluation, status=ReportStatus.RUNNING, started_at=timezone.now(), attempts=1
    )

    assert render_evaluation_report.apply(args=[report.pk]).get() == ReportStatus.DONE

    report.refresh_from_db()
    assert (report.status, report.attempts) == (ReportStatus.DONE, 2)
    assert fake_render == [report.pk]


@only_on_postgresql
def test_a_job_lost_at_its_last_attempt_is_not_rendered_again(evaluation, fake_render):
    report = make_report(
        evaluation,
        status=ReportStatus.RUNNING,
        started_at=timezone.now(),
        attempts=reports.MAX_ATTEMPTS,
    )

    assert reports.run_report(report.pk) is None
    assert fake_render == []


def test_a_failed_render_marks_the_job_failed_with_its_error_and_no_file(
    evaluation, media, monkeypatch
):
    def broken(report):
        raise RuntimeError("the chart has no data")

    monkeypatch.setattr(reports, "render_report", broken)
    report = make_report(evaluation)

    result = render_evaluation_report.apply(args=[report.pk])

    assert result.successful(), "the error is recorded, not raised for the broker to redeliver"
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.error == "RuntimeError: the chart has no data"
    assert (report.file.name, report.checksum, report.size, report.pages) == ("", "", None, None)
    assert report.finished_at is not None
    assert stored_files(media) == []


def test_a_job_taken_away_while_rendering_leaves_no_file(evaluation, media, monkeypatch):
    """The sweep gave up on the job: what this worker wrote is removed."""
    report = make_report(evaluation)

    def slow(job):
        EvaluationReport.objects.filter(pk=job.pk).update(status=ReportStatus.FAILED)
        return FAKE_PDF, 1

    monkeypatch.setattr(reports, "render_report", slow)
    assert reports.run_report(report.pk) == ReportStatus.FAILED

    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert not report.file
    assert stored_files(media) == []


def test_the_report_records_the_snapshot_it_was_rendered_from(evaluation, fake_render):
    report = make_report(evaluation)
    retaken = evaluation.snapshot_taken_at + timedelta(days=2)
    Evaluation.objects.filter(pk=evaluation.pk).update(snapshot_taken_at=retaken)

    reports.run_report(report.pk)

    report.refresh_from_db()
    assert report.snapshot_taken_at == retaken


# Retry


def test_a_failed_report_is_retried_as_a_new_version(
    people, evaluation, fake_render, django_capture_on_commit_callbacks
):
    failed = make_report(evaluation, status=ReportStatus.FAILED, attempts=1, error="boom")
    coordinator = people[Role.NETWORK_COORDINATOR]

    with django_capture_on_commit_callbacks(execute=True):
        retried = reports.retry_report(report=failed, by=coordinator)

    retried.refresh_from_db()
    failed.refresh_from_db()
    assert (retried.version, retried.status, retried.requested_by) == (
        2,
        ReportStatus.DONE,
        coordinator,
    )
    assert (failed.status, failed.error) == (ReportStatus.FAILED, "boom"), "the failure is kept"


@pytest.mark.parametrize("status", [ReportStatus.DONE, ReportStatus.QUEUED])
def test_only_a_failed_report_is_retried(people, evaluation, sent, status):
    fields = {"file": "reports/x.pdf", "checksum": "a" * 64} if status == ReportStatus.DONE else {}
    report = make_report(evaluation, status=status, **fields)
    with pytest.raises(ValidationError):
        reports.retry_report(report=report, by=people[Role.OFFICE_STAFF])


# The sweep


def test_the_sweep_sends_again_the_jobs_queued_for_too_long(evaluation, sent, settings):
    settings.REPORT_QUEUE_STALE_MINUTES = 10
    now = timezone.now()
    stuck = make_report(evaluation, requested_at=now - timedelta(minutes=11))
    make_report(evaluation, language="en", requested_at=now - timedelta(minutes=2))

    assert resend_stuck_report_jobs.apply().get() == 1
    assert sent == [stuck.pk]


def test_the_sweep_puts_back_a_job_whose_worker_died(evaluation, sent, settings):
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) * 3
    lost = make_report(evaluation, status=ReportStatus.RUNNING, started_at=long_ago, attempts=1)
    given_up = make_report(
        evaluation,
        language="en",
        status=ReportStatus.RUNNING,
        started_at=long_ago,
        attempts=reports.MAX_ATTEMPTS,
    )

    # The error is written in the language active where the sweep runs.
    with translation.override(settings.LANGUAGE_CODE):
        reports.resend_stuck_jobs()
        stopped = _("The worker stopped while rendering, %(attempts)s times.")

    lost.refresh_from_db()
    given_up.refresh_from_db()
    assert lost.status == ReportStatus.QUEUED
    assert sent == [lost.pk]
    assert given_up.status == ReportStatus.FAILED
    assert given_up.error == stopped % {"attempts": reports.MAX_ATTEMPTS}


def test_the_sweep_leaves_alone_a_job_that_its_worker_renders(evaluation, sent):
    report = make_report(
        evaluation, status=ReportStatus.RUNNING, started_at=timezone.now(), attempts=1
    )

    with rendered_elsewhere(report):
        reports.resend_stuck_jobs()

    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING
    assert sent == []


@only_on_postgresql
def test_on_postgresql_the_sweep_puts_back_at_once_a_job_whose_worker_died(evaluation, sent):
    """No need to wait for the time limit: the job's render lock is free."""
    report = make_report(
        evaluation, status=ReportStatus.RUNNING, started_at=timezone.now(), attempts=1
    )

    assert reports.resend_stuck_jobs() == 1

    report.refresh_from_db()
    assert (report.status, report.started_at) == (ReportStatus.QUEUED, None)
    assert sent == [report.pk]


def test_a_job_sent_twice_renders_once(evaluation, fake_render, settings):
    report = make_report(evaluation, requested_at=timezone.now() - timedelta(hours=1))
    reports.resend_stuck_jobs()  # eager: renders now
    reports.resend_stuck_jobs()  # done: nothing to send
    render_evaluation_report.apply(args=[report.pk])  # the original message, late

    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert fake_render == [report.pk]
