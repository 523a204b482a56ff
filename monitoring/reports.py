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
"""

import hashlib
import logging
import time
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import Role
from brokers.models import GrantCallStatus
from clusters.models import DevelopmentStage, LabelLevel, ProjectScope
from monitoring import charts
from monitoring.charts import decimal, label_of
from monitoring.models import (
    ACTIVE_REPORT_STATUSES,
    CorrectiveStatus,
    Direction,
    Evaluation,
    EvaluationReport,
    EvaluationStatus,
    Progress,
    ReportStatus,
)
from programmes.models import (
    LOCKED_STATUSES,
    ActionStatus,
    CostCategory,
    Measure,
    Programme,
    ProgrammeStatus,
)

logger = logging.getLogger(__name__)

REQUEST = "monitoring.add_evaluationreport"
DOWNLOAD = "monitoring.download_evaluationreport"
# Tagged and accessible: structure, document title and language in the file.
PDF_VARIANT = "pdf/ua-1"
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


def send(report_pk):
    """Hand a job to the workers (or render it in-process without a broker).

    A broker that cannot be reached leaves the job queued: the sweep sends it
    again, so a request never fails because Redis is down.
    """
    from monitoring.tasks import render_evaluation_report

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
    if by is not None and not by.has_perm(REQUEST):
        raise PermissionDenied
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


def render_report(report):
    """The report as PDF bytes and its number of pages, in the report's language."""
    from weasyprint import HTML

    with translation.override(report.language):
        html = render_to_string("monitoring/pdf/report.html", report_context(report))
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(pdf_variant=PDF_VARIANT)
    pages = len(document.pages)
    return document.write_pdf(pdf_variant=PDF_VARIANT), pages


# ---------------------------------------------------------------------------
# What the report says: the snapshot, read in the report's language
# ---------------------------------------------------------------------------


def _date(value):
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _rate(part, whole):
    """part as a percentage of whole, one decimal; None without a whole."""
    part, whole = decimal(part), decimal(whole)
    if part is None or not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def _localised(row, field):
    """row[field], or row[field_en] in an English report when there is one."""
    english = row.get(f"{field}_en")
    return english if english and translation.get_language() == "en" else row.get(field, "")


def report_context(report):
    """Everything the template shows, with labels in the active language."""
    evaluation = report.evaluation
    snapshot = evaluation.snapshot
    # The measures in the strategy's order: the Office first, then the brokers.
    order = {measure.value: position for position, measure in enumerate(Measure)}
    values = sorted(
        evaluation.values.select_related("indicator"),
        key=lambda v: (order.get(v.indicator.measure, len(order)), v.indicator.position, v.pk),
    )
    title = _("Annual evaluation report %(year)s") % {"year": evaluation.year}
    budget = _budget(snapshot.get("budget") or {})
    network = _network(snapshot.get("network") or {})
    clusters = [_cluster(row) for row in snapshot.get("clusters", [])]
    indicators = _indicators(values)
    return {
        "title": title,
        "language": report.language,
        "report": report,
        "evaluation": evaluation,
        "status_label": label_of(EvaluationStatus, evaluation.status),
        "is_draft": evaluation.status != EvaluationStatus.APPROVED,
        "programme": snapshot.get("programme") or {"title": evaluation.programme.title},
        "year": evaluation.year,
        "snapshot_taken_at": evaluation.snapshot_taken_at,
        "generated_at": timezone.now(),
        "summary": _summary(indicators, budget, clusters, network, snapshot),
        "findings": [
            (label_of(Measure, finding.measure), finding.text)
            # The Office's measure first, as everywhere in the portal.
            for finding in sorted(
                evaluation.findings.all(), key=lambda f: Measure.values.index(f.measure)
            )
        ],
        "indicators": indicators,
        "indicator_charts": charts.indicator_charts(values),
        "budget": budget,
        "budget_chart": charts.budget_chart(snapshot.get("budget") or {}),
        "budget_years_chart": charts.budget_years_chart(snapshot.get("budget") or {}),
        "clusters": clusters,
        "network": network,
        "network_chart": charts.network_chart(snapshot.get("network") or {}),
        "grant_chart": charts.grant_chart(snapshot.get("network") or {}),
        "grant_call": _grant_call(snapshot.get("grant_call")),
        "action_plan": _action_plan(snapshot.get("action_plan") or []),
        "corrective_measures": _corrective_measures(evaluation, snapshot),
        "follow_up": [_measure(row) for row in snapshot.get("corrective_follow_up") or []],
        "definitions": [
            {
                "code": value.indicator.code,
                "name": value.indicator.localised_name,
                "definition": value.indicator.localised_definition,
                "unit": value.indicator.localised_unit,
                "direction": label_of(Direction, value.indicator.direction),
                "measure": label_of(Measure, value.indicator.measure),
                "source": _("Computed from the portal's data")
                if value.indicator.is_computed
                else _("Entered with evidence: %(evidence)s") % {"evidence": value.evidence or "—"},
            }
            for value in values
        ],
    }


def _indicators(values):
    """The indicators table per measure, status in words."""
    sections = {}
    for value in values:
        indicator = value.indicator
        status = value.status
        sections.setdefault(indicator.measure, []).append(
            {
                "name": indicator.localised_name,
                "unit": indicator.localised_unit,
                "baseline": charts.quantity(value.baseline, indicator.unit),
                "target": charts.quantity(value.target, indicator.unit),
                "actual": charts.quantity(value.actual, indicator.unit),
                "status": status,
                "status_label": label_of(Progress, status),
                "direction": label_of(Direction, indicator.direction),
            }
        )
    return [(label_of(Measure, measure), rows) for measure, rows in sections.items()]


def _budget(budget):
    """The seven cost categories in the strategy's order, planned against actual."""
    by_category = {row.get("category"): row for row in budget.get("rows", [])}
    rows = []
    for category in CostCategory:
        row = by_category.get(category.value, {})
        planned, actual = decimal(row.get("planned")) or 0, decimal(row.get("actual")) or 0
        # Execution is measured against the budget after approved reallocations,
        # as on the programme's page and in the budget execution indicator.
        current = decimal(row.get("current"))
        current = planned if current is None else current
        rows.append(
            {
                "label": str(category.label),
                "planned": planned,
                "current": current,
                "actual": actual,
                "rate": _rate(actual, current),
            }
        )
    planned = decimal(budget.get("total_planned"))
    current = decimal(budget.get("total_current"))
    actual = decimal(budget.get("total_actual"))
    planned = sum((r["planned"] for r in rows), Decimal(0)) if planned is None else planned
    current = sum((r["current"] for r in rows), Decimal(0)) if current is None else current
    actual = sum((r["actual"] for r in rows), Decimal(0)) if actual is None else actual
    return {
        "rows": rows,
        "total_planned": planned,
        "total_current": current,
        "total_actual": actual,
        "total_rate": _rate(actual, current),
        "by_year": [
            {
                "year": row.get("year"),
                "planned": decimal(row.get("planned")) or 0,
                "actual": decimal(row.get("actual")) or 0,
                "rate": _rate(row.get("actual"), row.get("planned")),
            }
            for row in budget.get("by_year", [])
        ],
    }


def _cluster(row):
    members = row.get("members_by_year", [])
    label = row.get("label")
    if label:
        label_status = (
            _("%(level)s label, valid") if row.get("label_valid") else _("%(level)s label, expired")
        ) % {"level": label_of(LabelLevel, label)}
    else:
        label_status = _("No cluster excellence label")
    activities = row.get("activities") or {}
    started = row.get("projects_started") or {}
    return {
        "name": row.get("name", ""),
        "short_name": row.get("short_name", ""),
        "slug": row.get("slug", ""),
        "sector": row.get("sector", ""),
        "stage": label_of(DevelopmentStage, row.get("stage")),
        "label_status": label_status,
        "networks": row.get("networks") or [],
        "members_total": members[-1].get("total", 0) if members else 0,
        "members_chart": charts.members_chart(row),
        "projects": [
            {
                "title": project.get("title", ""),
                "scope": label_of(ProjectScope, project.get("scope")),
                "start_date": _date(project.get("start_date")),
                "budget": decimal(project.get("budget")),
            }
            for project in row.get("projects", [])
        ],
        "projects_started": started.get("count", len(row.get("projects", []))),
        "projects_budget": decimal(started.get("budget")),
        "activities": activities.get("count", 0),
        "attendees": activities.get("attendees", 0),
    }


def _network(network):
    total = network.get("total") or {}
    rural = network.get("rural") or {}
    districts = [
        {
            "name": d.get("name", ""),
            "is_rural": d.get("is_rural", False),
            "services": d.get("services", 0),
            "organisations": d.get("organisations", 0),
            "hours": decimal(d.get("hours")),
            "grant_committed": decimal(d.get("grant_committed")),
            "grant_paid": decimal(d.get("grant_paid")),
            "by_type": d.get("by_type") or {},
        }
        for d in network.get("districts", [])
    ]
    types = network.get("service_types", [])
    by_type = [
        {
            "name": _localised(kind, "name"),
            "services": sum(d["by_type"].get(kind.get("code"), 0) for d in districts),
        }
        for kind in types
    ]
    return {
        "districts": districts,
        "by_type": [row for row in by_type if row["services"]],
        "total": {
            "services": total.get("services", sum(d["services"] for d in districts)),
            "organisations": total.get("organisations", 0),
            "grant_committed": decimal(total.get("grant_committed")),
            "grant_paid": decimal(total.get("grant_paid")),
        },
        "rural": {
            "services": rural.get("services", 0),
            "organisations": rural.get("organisations", 0),
            "share_services": _rate(rural.get("services", 0), total.get("services")),
            "share_organisations": _rate(rural.get("organisations", 0), total.get("organisations")),
        },
        "grant_rate": _rate(total.get("grant_paid"), total.get("grant_committed")),
    }


def _grant_call(call):
    if not call:
        return None
    return {
        "reference": call.get("reference", ""),
        "title": call.get("title", ""),
        "status": label_of(GrantCallStatus, call.get("status")),
        "applications": call.get("applications", 0),
        "eligible": call.get("eligible", 0),
        "selected": [
            {
                "district": row.get("district", ""),
                "organisation": row.get("organisation", ""),
                "monthly_amount": decimal(row.get("monthly_amount")),
                "months": row.get("months"),
                "total": decimal(row.get("total")),
            }
            for row in call.get("selected", [])
        ],
        "committed": decimal(call.get("committed")),
        "paid": decimal(call.get("paid")),
    }


def _action_plan(actions):
    return [
        {
            "title": action.get("title", ""),
            "measure": label_of(Measure, action.get("measure")),
            "owner": action.get("owner", ""),
            "planned_start": _date(action.get("planned_start")),
            "planned_end": _date(action.get("planned_end")),
            "status": label_of(ActionStatus, action.get("status")),
            "late": bool(action.get("late")),
        }
        for action in actions
    ]


def _measure(row):
    """A corrective measure from the snapshot, in the report's language."""
    return {
        "indicator": _localised(row, "indicator_name") or row.get("indicator", ""),
        "description": row.get("description", ""),
        "owner": row.get("owner", ""),
        "deadline": _date(row.get("deadline")),
        "status": label_of(CorrectiveStatus, row.get("status")),
        "follow_up": row.get("follow_up", ""),
        "year": row.get("year"),
    }


def _corrective_measures(evaluation, snapshot):
    """As submitted (frozen into the snapshot), or as they stand in a draft."""
    if snapshot.get("corrective_measures") is not None:
        return [_measure(row) for row in snapshot["corrective_measures"]]
    return [
        {
            "indicator": measure.indicator.localised_name,
            "description": measure.description,
            "owner": measure.owner,
            "deadline": measure.deadline,
            "status": measure.get_status_display(),
            "follow_up": measure.follow_up,
        }
        for measure in evaluation.corrective_measures.select_related("indicator")
    ]


def _summary(indicators, budget, clusters, network, snapshot):
    counts = dict.fromkeys(Progress, 0)
    for _measure_label, rows in indicators:
        for row in rows:
            counts[row["status"]] += 1
    return {
        "indicators": sum(counts.values()),
        "statuses": [(label_of(Progress, status), n) for status, n in counts.items() if n],
        "off_track": counts[Progress.OFF_TRACK],
        "clusters": len(clusters),
        "members": sum(c["members_total"] for c in clusters),
        "projects": sum(c["projects_started"] for c in clusters),
        "districts": len(network["districts"]),
        "late_actions": sum(1 for a in snapshot.get("action_plan") or [] if a.get("late")),
    }


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
