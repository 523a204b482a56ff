"""The yearly draft report: the beat entry, its task, and the command line
`generate_annual_report --year YYYY [--language es|en]`."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.roles import Role
from cpo_portal.celery import app as celery_app
from monitoring import reports, services
from monitoring.models import Evaluation, EvaluationReport, ReportStatus
from monitoring.tasks import generate_annual_report, render_evaluation_report
from programmes.models import Programme, ProgrammeStatus
from tests.monitoring import reporting
from tests.monitoring.reporting import FAKE_PDF, make_evaluation, snapshot

# The shared fixtures.
evaluation, fake_render, media = reporting.evaluation, reporting.fake_render, reporting.media


def _generate(*args):
    out = StringIO()
    call_command("generate_annual_report", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def with_a_broker(monkeypatch):
    """As with Redis configured: tasks would go to the workers, and must not."""
    celery_app.conf.task_always_eager = False

    def refuse(*args, **kwargs):
        raise AssertionError("the command renders in-process, it sends nothing to the workers")

    monkeypatch.setattr(render_evaluation_report, "delay", refuse)
    yield
    celery_app.conf.task_always_eager = True


@pytest.mark.django_db
def test_the_command_renders_in_process_and_prints_the_path(
    evaluation, fake_render, media, with_a_broker
):
    paths = _generate("--year", "2025", "--language", "en")

    report = EvaluationReport.objects.get()
    assert (report.language, report.version, report.status) == ("en", 1, ReportStatus.DONE)
    assert report.requested_by is None
    assert paths == [report.file.path]
    assert Path(paths[0]).read_bytes() == FAKE_PDF
    assert paths[0].endswith("reports/2025/evaluation-2025-en-v1.pdf")


@pytest.mark.django_db
def test_without_a_language_every_configured_one(evaluation, fake_render, media, settings):
    settings.ANNUAL_REPORT_LANGUAGES = ["es", "en"]
    paths = _generate("--year", "2025")
    assert [Path(path).name for path in paths] == [
        "evaluation-2025-es-v1.pdf",
        "evaluation-2025-en-v1.pdf",
    ]
    assert all(Path(path).exists() for path in paths)


@pytest.mark.django_db
def test_a_job_queued_from_the_page_is_rendered_by_the_command(
    people, evaluation, fake_render, media, monkeypatch
):
    monkeypatch.setattr(render_evaluation_report, "delay", lambda pk: None)  # the broker is down
    queued = reports.request_report(
        evaluation=evaluation, language="es", by=people[Role.OFFICE_STAFF]
    )

    paths = _generate("--year", "2025", "--language", "es")

    queued.refresh_from_db()
    assert queued.status == ReportStatus.DONE
    assert paths == [queued.file.path]
    assert EvaluationReport.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_render_stops_the_command_with_its_error(evaluation, media, monkeypatch):
    def broken(report):
        raise OSError("disk full")

    monkeypatch.setattr(reports, "render_report", broken)
    with pytest.raises(CommandError, match="disk full"):
        _generate("--year", "2025", "--language", "es")


@pytest.mark.django_db
def test_a_year_no_programme_covers(fake_render):
    with pytest.raises(CommandError, match="2019"):
        _generate("--year", "2019")


@pytest.mark.django_db
def test_the_requester_can_be_named(people, evaluation, fake_render, media):
    office = people[Role.OFFICE_STAFF]
    _generate("--year", "2025", "--language", "es", "--user", office.username)
    assert EvaluationReport.objects.get().requested_by == office
    with pytest.raises(CommandError, match="nobody"):
        _generate("--year", "2025", "--user", "nobody")


# The yearly schedule


def test_beat_produces_the_draft_report_on_the_configured_date():
    entry = django_settings.CELERY_BEAT_SCHEDULE["generate-annual-report"]
    assert entry["task"] == "monitoring.tasks.generate_annual_report"
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].month_of_year == {django_settings.ANNUAL_REPORT_MONTH}
    assert entry["schedule"].day_of_month == {django_settings.ANNUAL_REPORT_DAY}
    assert (django_settings.ANNUAL_REPORT_MONTH, django_settings.ANNUAL_REPORT_DAY) == (2, 1)
    sweep = django_settings.CELERY_BEAT_SCHEDULE["resend-stuck-report-jobs"]
    assert sweep["task"] == "monitoring.tasks.resend_stuck_report_jobs"
    for name in ("generate_annual_report", "resend_stuck_report_jobs", "render_evaluation_report"):
        assert f"monitoring.tasks.{name}" in celery_app.tasks


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"ANNUAL_REPORT_MONTH": "13"}, "ANNUAL_REPORT_MONTH"),
        ({"ANNUAL_REPORT_MONTH": "2", "ANNUAL_REPORT_DAY": "30"}, "ANNUAL_REPORT_DAY"),
        ({"ANNUAL_REPORT_LANGUAGES": "es,fr"}, "ANNUAL_REPORT_LANGUAGES"),
    ],
)
def test_a_date_or_language_that_does_not_exist_stops_start_up(variables, message):
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "cpo_portal.settings.base", **variables}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=django_settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr.splitlines()[-1]


@pytest.mark.django_db
def test_the_yearly_task_starts_the_evaluation_and_requests_each_language(
    people, fake_render, media, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The previous year's evaluation does not exist yet: the task starts it and
    takes its snapshot (monitoring.services), then requests the reports."""
    settings.ANNUAL_REPORT_LANGUAGES = ["es", "en"]
    year = timezone.localdate().year - 1
    programme = Programme.objects.create(
        title="En curso", start_year=year - 1, objectives="…", status=ProgrammeStatus.ACTIVE
    )
    office = people[Role.OFFICE_STAFF]
    calls = []

    def start_evaluation(*, programme, year, by):
        calls.append(("start", programme, year, by))
        return Evaluation.objects.create(programme=programme, year=year, created_by=by)

    def freeze_snapshot(*, evaluation, by):
        calls.append(("snapshot", evaluation.programme, evaluation.year, by))
        evaluation.snapshot, evaluation.snapshot_taken_at = snapshot(year), timezone.now()
        evaluation.save()
        return evaluation

    monkeypatch.setattr(services, "start_evaluation", start_evaluation)
    monkeypatch.setattr(services, "freeze_snapshot", freeze_snapshot)

    with django_capture_on_commit_callbacks(execute=True):
        jobs = generate_annual_report.apply().get()

    assert calls == [
        ("start", programme, year, office),
        ("snapshot", programme, year, office),
    ]
    done = EvaluationReport.objects.filter(pk__in=jobs).order_by("language")
    assert [(r.language, r.status, r.requested_by) for r in done] == [
        ("en", ReportStatus.DONE, None),
        ("es", ReportStatus.DONE, None),
    ]
    assert done[0].evaluation.year == year


@pytest.mark.django_db
def test_the_yearly_task_uses_the_evaluation_already_there(people, fake_render, media):
    existing = make_evaluation(by=people[Role.OFFICE_STAFF])
    [job] = reports.annual_reports(year=2025)
    assert job.evaluation == existing
    assert job.requested_by is None


@pytest.mark.django_db
def test_the_yearly_task_without_a_programme_does_nothing(fake_render):
    assert generate_annual_report.apply().get() == []
    assert not EvaluationReport.objects.exists()
