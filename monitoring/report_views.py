"""The evaluation reports: request, follow, retry, download, and every version.

Officials, office staff and the coordinator request reports, in either
language, from the evaluation's page or the list of reports; whoever reads
the monitoring follows their status; officials, office staff, cluster
managers, the coordinator and the advisory committee download them, each
download recorded. Brokers, evaluators and applicants get 403.

A request answers at once: the job renders in the background. The page's
script (static/js/report-status.js) posts the form asking for JSON and then
follows the job through report_status; without it, the form posts and comes
back to the page (POST-redirect-GET) with a message.
"""

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from core.access import require
from core.downloads import protected_download
from core.exports import requested_format
from core.lists import list_page
from monitoring import access, reports
from monitoring.models import (
    ACTIVE_REPORT_STATUSES,
    Evaluation,
    EvaluationReport,
    ReportDownload,
    ReportStatus,
)
from monitoring.templatetags.report_timing import duration_seconds, report_duration
from programmes.filters import YearFilter

# Evaluations offered on the list of reports for a new request.
REQUESTABLE_EVALUATIONS = 10


def _wants_json(request):
    """The page's script asks for JSON; a plain form post does not."""
    return "application/json" in request.headers.get("Accept", "")


def _summary(report):
    """The job's state in one sentence, for the page's live region."""
    values = {"version": report.version, "language": report.get_language_display()}
    if report.status == ReportStatus.QUEUED:
        return _("%(language)s, version %(version)s: waiting to be generated.") % values
    if report.status == ReportStatus.RUNNING:
        return _("%(language)s, version %(version)s: being generated.") % values
    if report.status == ReportStatus.DONE:
        duration = report_duration(report)
        if not duration:
            return _("%(language)s, version %(version)s: ready.") % values
        return _("%(language)s, version %(version)s: ready, generated in %(duration)s.") % {
            **values,
            "duration": duration,
        }
    return _("%(language)s, version %(version)s: failed. You can generate it again.") % values


def _status_data(report, user):
    data = {
        "id": report.pk,
        "status": report.status,
        "status_label": report.get_status_display(),
        "version": report.version,
        "language": report.language,
        "active": report.status in ACTIVE_REPORT_STATUSES,
        "status_url": reverse("monitoring:report_status", args=[report.pk]),
        "started_at": report.started_at.isoformat() if report.started_at else None,
        "finished_at": report.finished_at.isoformat() if report.finished_at else None,
        "duration_seconds": duration_seconds(report),
        "duration": report_duration(report),
        "summary": _summary(report),
    }
    if report.status == ReportStatus.DONE:
        data.update(
            pages=report.pages,
            size=report.size,
            checksum=report.checksum,
            pages_label=ngettext("%(count)s page", "%(count)s pages", report.pages or 0)
            % {"count": report.pages or 0},
        )
        if user.has_perm(reports.DOWNLOAD):
            data["download_url"] = reverse("monitoring:report_download", args=[report.pk])
            data["download_label"] = _("Download version %(version)s (PDF)") % {
                "version": report.version
            }
    elif report.status == ReportStatus.FAILED:
        data["error"] = report.error
    return data


def _json(data, status=200):
    response = JsonResponse(data, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _back(request, evaluation):
    """Where the form was (the evaluation's page), else the reports of its year."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect(f"{reverse('monitoring:report_list')}?year={evaluation.year}")


class RequestForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)


@require_POST
def report_request(request, pk):
    """Ask for a new version of the report in a language; while one is queued
    or running, that one is the answer (a second click renders nothing more).
    JSON for the page's script (202 when a job was created), else back to
    the page with a message."""
    require(request.user, reports.REQUEST)
    evaluation = access.get_evaluation(request, pk)
    form = RequestForm(request.POST)
    if not form.is_valid():
        return _request_refused(request, evaluation, _("Choose the language of the report."))
    try:
        report = reports.request_report(
            evaluation=evaluation, language=form.cleaned_data["language"], by=request.user
        )
    except ValidationError as error:
        return _request_refused(request, evaluation, " ".join(error.messages))
    if report.already_requested:
        message = _(
            "Version %(version)s of this report is already being generated: "
            "no other one is started."
        ) % {"version": report.version}
    else:
        message = _(
            "Version %(version)s of the report is being generated; you can go on working."
        ) % {"version": report.version}
    if _wants_json(request):
        data = {
            **_status_data(report, request.user),
            "already_requested": report.already_requested,
            "message": message,
        }
        return _json(data, status=200 if report.already_requested else 202)
    if report.already_requested:
        messages.info(request, message)
    else:
        messages.success(request, message)
    return _back(request, evaluation)


def _request_refused(request, evaluation, message):
    if _wants_json(request):
        return _json({"error": message, "message": message}, status=400)
    messages.error(request, message)
    return _back(request, evaluation)


@require_POST
def report_retry(request, pk):
    report = access.get_report(request, pk, for_change=True)
    try:
        retried = reports.retry_report(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The report is being generated again as version %(version)s.")
            % {"version": retried.version},
        )
    return _back(request, report.evaluation)


def report_status(request, pk):
    """The job's status as JSON, for the page that polls it
    (static/js/report-status.js): queued, running, done with the time it took
    and its download, or failed with its error."""
    report = access.get_report(request, pk)
    return _json(_status_data(report, request.user))


def report_download(request, pk):
    require(request.user, reports.DOWNLOAD)
    report = access.get_report(request, pk)
    if report.status != ReportStatus.DONE or not report.file:
        raise Http404
    response = protected_download(report.file)
    ReportDownload.objects.create(report=report, user=request.user)
    return response


class ReportFilter(django_filters.FilterSet):
    year = YearFilter(field_name="evaluation__year")
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=settings.LANGUAGES
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=ReportStatus.choices)

    class Meta:
        model = EvaluationReport
        fields = ["year", "language", "status"]


EXPORT_COLUMNS = [
    (gettext_lazy("Year"), lambda r: r.evaluation.year),
    (gettext_lazy("Programme"), lambda r: r.evaluation.programme.title),
    (gettext_lazy("Language"), lambda r: r.get_language_display()),
    (gettext_lazy("Version"), lambda r: r.version),
    (gettext_lazy("Status"), lambda r: r.get_status_display()),
    (gettext_lazy("Requested by"), lambda r: str(r.requested_by or _("Yearly schedule"))),
    (gettext_lazy("Requested at"), lambda r: r.requested_at),
    (gettext_lazy("Snapshot taken at"), lambda r: r.snapshot_taken_at),
    (gettext_lazy("Pages"), lambda r: r.pages),
    (gettext_lazy("Size (bytes)"), lambda r: r.size),
    (gettext_lazy("SHA-256"), lambda r: r.checksum),
]


def requestable(*, year=None):
    """The evaluations whose report can be requested (they have a snapshot),
    newest first, each with `languages`: code, name and the job queued or
    running in that language (`job`, None if there is none). Two queries."""
    evaluations = Evaluation.objects.select_related("programme").exclude(snapshot_taken_at=None)
    if year:
        evaluations = evaluations.filter(year=year)
    evaluations = [
        evaluation
        for evaluation in evaluations.order_by("-year", "-pk")[:REQUESTABLE_EVALUATIONS]
        if reports.has_snapshot(evaluation)
    ]
    active = {
        (job.evaluation_id, job.language): job
        for job in EvaluationReport.objects.filter(
            evaluation__in=evaluations, status__in=ACTIVE_REPORT_STATUSES
        )
    }
    for evaluation in evaluations:
        evaluation.languages = []
        for code, name in settings.LANGUAGES:
            job = active.get((evaluation.pk, code))
            if job is not None:
                job.status_url = reverse("monitoring:report_status", args=[job.pk])
            evaluation.languages.append({"code": code, "name": name, "job": job})
    return evaluations


def report_list(request):
    require(request.user, access.REPORT_READ)
    versions = ReportFilter(request.GET, queryset=EvaluationReport.objects.for_list())
    can_request = request.user.has_perm(reports.REQUEST)
    if can_request and not requested_format(request):
        year = versions.form.cleaned_data.get("year") if versions.is_valid() else None
        to_request = requestable(year=year)
    else:
        to_request = []
    return list_page(
        request,
        versions,
        "monitoring/reports/report_list.html",
        export={"columns": EXPORT_COLUMNS, "filename": "evaluation-reports"},
        extra={
            "can_download": request.user.has_perm(reports.DOWNLOAD),
            "can_request": can_request,
            "to_request": to_request,
        },
    )
