"""The evaluation report: a tagged PDF rendered in the background.

Requesting a report creates an EvaluationReport row (the job and the version)
and sends the render task once the transaction commits. The task claims the
row with a conditional update, so a message delivered twice (a worker lost, a
job sent again by the sweep) renders once; on PostgreSQL it holds the job's
render lock while it renders, so that a job left running by a worker that
died is recognised at once and rendered again. It renders from the evaluation's
snapshot and its own records (values, findings, corrective measures), never
from the portal's live data, stores the file with its SHA-256 and marks the
job done, or failed with the error and no file.

A failed job is retried as a new version: the failed row stays, with its
error, as the record of what happened, and every version keeps who asked for
it, when, and from which snapshot.

What the report says is monitoring.report_content; the PDF is drawn by
monitoring.report_pdf.
"""

import hashlib
import logging
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core.access import require
from monitoring.models import (
    ACTIVE_REPORT_STATUSES,
    Evaluation,
    EvaluationReport,
    ReportStatus,
)
from monitoring.report_pdf import render_report
from programmes.models import LOCKED_STATUSES, Programme, ProgrammeStatus

logger = logging.getLogger(__name__)

REQUEST = "monitoring.add_evaluationreport"
DOWNLOAD = "monitoring.download_evaluationreport"
# Without PostgreSQL's lock (below): a job running for longer than the task's
# hard time limit lost its worker.
RUNNING_GRACE = timedelta(minutes=5)
# On PostgreSQL the process that renders a job holds a session advisory lock
# (RENDER_LOCK_SPACE, job id) until it is done; PostgreSQL releases it when
# that process's connection ends, so a job still marked running whose lock is
# free has lost its worker (killed, out of memory, machine restarted). A
# redelivered message then renders it again at once, and the sweep puts it
# back in the queue, instead of waiting for the time limit. (Session locks
# need a direct connection, or a pooler in session mode.)
RENDER_LOCK_SPACE = 8301
# How long a delivery waits for the lock of a worker that has just died: its
# PostgreSQL session ends a moment after the process.
LOCK_WAIT = 2  # seconds
# Attempts at rendering one job (deliveries after a lost worker included).
MAX_ATTEMPTS = 3
ERROR_LENGTH = 4000


def has_snapshot(evaluation):
    return bool(evaluation.snapshot) and evaluation.snapshot_taken_at is not None


def active_report(evaluation, language):
    """The job queued or running for this evaluation and language, if any."""
    return EvaluationReport.objects.filter(
        evaluation=evaluation, language=language, status__in=ACTIVE_REPORT_STATUSES
    ).first()


def file_name(report):
    year = report.evaluation.year
    return f"reports/{year}/evaluation-{year}-{report.language}-v{report.version}.pdf"


# ---------------------------------------------------------------------------
# Requests and the queue
# ---------------------------------------------------------------------------


def _render_in_thread(report_pk):
    """Render the job in a daemon thread of this process (the embedded portal,
    without a broker): the request that asked for it returns at once. The
    thread has its own database connection, closed when it is done."""

    def render():
        try:
            run_report(report_pk)
        except Exception:  # run_report records its own failures; this is the rest
            logger.exception("Report job %s: the render thread stopped.", report_pk)
        finally:
            connections.close_all()

    thread = threading.Thread(target=render, name=f"report-render-{report_pk}", daemon=True)
    thread.start()
    return thread


def send(report_pk):
    """Hand a job to the workers, or without a broker render it in a thread of
    this process (REPORT_RENDER_IN_THREAD) or, that off, at once in-process.

    A broker that cannot be reached leaves the job queued: the sweep sends it
    again, so a request never fails because Redis is down.
    """
    from monitoring.tasks import render_evaluation_report

    if settings.CELERY_TASK_ALWAYS_EAGER and getattr(settings, "REPORT_RENDER_IN_THREAD", False):
        _render_in_thread(report_pk)
        return True
    try:
        render_evaluation_report.delay(report_pk)
    except Exception:  # the broker's errors are many; the sweep will try again
        logger.exception("Report job %s not sent; the sweep will send it again.", report_pk)
        return False
    return True


def _enqueue_on_commit(report):
    # render_evaluation_report.delay_on_commit, but robust: the job row is
    # committed whatever happens to the broker, and the sweep re-sends it.
    transaction.on_commit(partial(send, report.pk), robust=True)


@transaction.atomic
def request_report(*, evaluation, language, by, enqueue=True):
    """A new version of the evaluation's report in a language, rendered in the
    background once the transaction commits; the job already queued or
    running for that evaluation and language if there is one.

    by is None for the yearly schedule; enqueue=False leaves the job for the
    caller to run (the management command renders in-process).
    """
    if by is not None:
        require(by, REQUEST)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose one of the portal's languages."))
    if not has_snapshot(evaluation):
        raise ValidationError(
            _("The evaluation has no snapshot yet: take it before requesting the report."),
            code="no_snapshot",
        )
    existing = active_report(evaluation, language)
    if existing is not None:
        existing.already_requested = True
        return existing
    try:
        with transaction.atomic():
            latest = EvaluationReport.objects.filter(
                evaluation=evaluation, language=language
            ).aggregate(latest=Max("version"))["latest"]
            report = EvaluationReport.objects.create(
                evaluation=evaluation,
                language=language,
                version=(latest or 0) + 1,
                requested_by=by,
                snapshot_taken_at=evaluation.snapshot_taken_at,
            )
    except IntegrityError:
        # A request at the same moment won: its job is the one (the partial
        # unique constraint allows one queued or running job).
        existing = active_report(evaluation, language)
        if existing is None:
            raise
        existing.already_requested = True
        return existing
    report.already_requested = False
    if enqueue:
        _enqueue_on_commit(report)
    return report


def retry_report(*, report, by):
    """Render a failed report again, as a new version of the same evaluation
    and language (the failed one stays with its error)."""
    if report.status != ReportStatus.FAILED:
        raise ValidationError(_("Only a failed report is generated again."))
    return request_report(evaluation=report.evaluation, language=report.language, by=by)


def resend_stuck_jobs(*, now=None):
    """Every few minutes: send again the jobs still queued after
    REPORT_QUEUE_STALE_MINUTES (the broker was down when they were requested,
    or lost them), and put back in the queue the jobs whose worker died while
    rendering (on PostgreSQL: their render lock is free; elsewhere: running for
    longer than the hard time limit), or fail them after MAX_ATTEMPTS. The
    claim makes sending twice harmless. Returns the jobs sent."""
    now = now or timezone.now()
    running = EvaluationReport.objects.filter(status=ReportStatus.RUNNING)
    if not _has_render_lock():
        lost_since = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) - RUNNING_GRACE
        running = running.filter(started_at__lt=lost_since)
    again = []
    for pk in running.values_list("pk", flat=True):
        with render_lock(pk, wait=0) as held:
            if not held:
                continue  # its worker is rendering it
            lost = EvaluationReport.objects.filter(pk=pk, status=ReportStatus.RUNNING)
            if lost.filter(attempts__lt=MAX_ATTEMPTS).update(
                status=ReportStatus.QUEUED, started_at=None
            ):
                again.append(pk)
            else:
                lost.update(
                    status=ReportStatus.FAILED,
                    finished_at=now,
                    error=_("The worker stopped while rendering, %(attempts)s times.")
                    % {"attempts": MAX_ATTEMPTS},
                )
    stale_since = now - timedelta(minutes=settings.REPORT_QUEUE_STALE_MINUTES)
    stuck = EvaluationReport.objects.filter(
        status=ReportStatus.QUEUED, requested_at__lt=stale_since
    ).values_list("pk", flat=True)
    return sum(1 for pk in sorted({*again, *stuck}) if send(pk))


# ---------------------------------------------------------------------------
# The job
# ---------------------------------------------------------------------------


def _has_render_lock():
    return connection.vendor == "postgresql"


def _advisory(function, report_pk):
    with connection.cursor() as cursor:
        # Two int4 keys: the job ids of a few reports a year fit.
        cursor.execute(f"SELECT {function}(%s, %s)", [RENDER_LOCK_SPACE, report_pk % 2**31])
        return cursor.fetchone()[0]


@contextmanager
def render_lock(report_pk, *, wait=None):
    """Hold the job's render lock: yields True when this process holds it (or
    the database has no such lock), False when a live process holds it still
    after wait seconds (LOCK_WAIT by default)."""
    if not _has_render_lock():
        yield True
        return
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    held = _advisory("pg_try_advisory_lock", report_pk)
    while not held and time.monotonic() < deadline:
        time.sleep(0.2)
        held = _advisory("pg_try_advisory_lock", report_pk)
    try:
        yield held
    finally:
        if held:
            try:
                _advisory("pg_advisory_unlock", report_pk)
            except DatabaseError:
                logger.warning("Report job %s: the connection and its lock are gone.", report_pk)


def claim(report_pk):
    """Take the job for this worker, its render lock held: a queued job, or on
    PostgreSQL one that a dead worker left running (up to MAX_ATTEMPTS
    deliveries). False when it is done, failed or at its last attempt."""
    takeable = Q(status=ReportStatus.QUEUED)
    if _has_render_lock():
        takeable |= Q(status=ReportStatus.RUNNING, attempts__lt=MAX_ATTEMPTS)
    return bool(
        EvaluationReport.objects.filter(takeable, pk=report_pk).update(
            status=ReportStatus.RUNNING,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            error="",
        )
    )


def run_report(report_pk):
    """Claim, render, store and mark one job. Idempotent: a job that is not
    queued, or that another live worker renders, is left alone (returns None).
    Errors mark the job failed and are not raised, so the broker does not
    deliver the job again and again."""
    with render_lock(report_pk) as held:
        if not held or not claim(report_pk):
            logger.info("Report job %s is not queued any more: nothing to do.", report_pk)
            return None
        return _render_claimed(report_pk)


def _render_claimed(report_pk):
    report = EvaluationReport.objects.select_related("evaluation__programme").get(pk=report_pk)
    stored = None
    try:
        pdf, pages = render_report(report)
        stored = default_storage.save(file_name(report), ContentFile(pdf))
        finished = EvaluationReport.objects.filter(
            pk=report_pk, status=ReportStatus.RUNNING
        ).update(
            status=ReportStatus.DONE,
            file=stored,
            checksum=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
            pages=pages,
            snapshot_taken_at=report.evaluation.snapshot_taken_at,
            finished_at=timezone.now(),
        )
        if not finished:
            raise RuntimeError("The job was taken away from this worker while it rendered.")
    except Exception as error:
        logger.exception("Report job %s failed.", report_pk)
        if stored:
            default_storage.delete(stored)  # nothing half-written is offered
        EvaluationReport.objects.filter(pk=report_pk, status=ReportStatus.RUNNING).update(
            status=ReportStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:ERROR_LENGTH],
            finished_at=timezone.now(),
        )
        return ReportStatus.FAILED
    return ReportStatus.DONE


# ---------------------------------------------------------------------------
# The yearly report and the command line
# ---------------------------------------------------------------------------


def programme_for_year(year):
    """The approved programme that covers year, the running one first."""
    covering = [
        programme
        for programme in Programme.objects.filter(
            status__in=LOCKED_STATUSES, start_year__lte=year
        ).order_by("-start_year", "pk")
        if programme.end_year >= year
    ]
    covering.sort(key=lambda p: p.status != ProgrammeStatus.ACTIVE)
    return covering[0] if covering else None


def scheduled_author():
    """Who the yearly schedule starts an evaluation in the name of: the first
    office staff member (they start evaluations), else a superuser."""
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    return (
        users.filter(groups__name=Role.OFFICE_STAFF).first()
        or users.filter(is_superuser=True).first()
    )


def evaluation_for_year(*, programme, year, by=None):
    """The programme's evaluation of year, started as a draft and its snapshot
    taken if there is none yet (through monitoring.services)."""
    from monitoring import services

    evaluation = Evaluation.objects.filter(programme=programme, year=year).first()
    if evaluation is not None and has_snapshot(evaluation):
        return evaluation
    author = by or scheduled_author()
    if author is None:
        raise ValidationError(_("No office staff member to start the evaluation in the name of."))
    if evaluation is None:
        evaluation = services.start_evaluation(programme=programme, year=year, by=author)
    return services.freeze_snapshot(evaluation=evaluation, by=author)


def annual_reports(*, year=None, languages=None, by=None, enqueue=True):
    """The draft report of a year (the previous one by default) in each
    language: the yearly schedule and generate_annual_report."""
    year = year or timezone.localdate().year - 1
    languages = languages or settings.ANNUAL_REPORT_LANGUAGES
    programme = programme_for_year(year)
    if programme is None:
        raise ValidationError(
            _("No programme approved by the government covers %(year)s.") % {"year": year}
        )
    evaluation = evaluation_for_year(programme=programme, year=year, by=by)
    return [
        request_report(evaluation=evaluation, language=language, by=by, enqueue=enqueue)
        for language in languages
    ]


def stored_path(report):
    """Where the report's file is: a path on this machine, or its name in the bucket."""
    try:
        return report.file.path
    except NotImplementedError:
        return report.file.name
