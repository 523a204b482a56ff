"""The evaluation reports: request, follow, retry, download, and every version.

Office staff and the coordinator request reports; whoever reads the
monitoring follows their status; officials, office staff, cluster managers,
the coordinator and the advisory committee download them, each download
recorded. Brokers, evaluators and applicants get 403.
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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import require
from core.downloads import protected_download
from core.lists import list_page
from monitoring import access, reports
from monitoring.models import (
    ACTIVE_REPORT_STATUSES,
    EvaluationReport,
    ReportDownload,
    ReportStatus,
)
from programmes.filters import YearFilter


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
    require(request.user, reports.REQUEST)
    evaluation = access.get_evaluation(request, pk)
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the report."))
        return _back(request, evaluation)
    try:
        report = reports.request_report(
            evaluation=evaluation, language=form.cleaned_data["language"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if report.already_requested:
            messages.info(
                request,
                _("Version %(version)s of this report is already being generated.")
                % {"version": report.version},
            )
        else:
            messages.success(
                request,
                _("Version %(version)s of the report is being generated.")
                % {"version": report.version},
            )
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
    """The job's status, for the page that polls it (static/js/report-status.js)."""
    report = access.get_report(request, pk)
    data = {
        "id": report.pk,
        "status": report.status,
        "status_label": report.get_status_display(),
        "version": report.version,
        "language": report.language,
        "active": report.status in ACTIVE_REPORT_STATUSES,
    }
    if report.status == ReportStatus.DONE:
        data.update(pages=report.pages, size=report.size, checksum=report.checksum)
        if request.user.has_perm(reports.DOWNLOAD):
            data["download_url"] = reverse("monitoring:report_download", args=[report.pk])
    elif report.status == ReportStatus.FAILED:
        data["error"] = report.error
    response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response


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


def report_list(request):
    require(request.user, access.REPORT_READ)
    versions = ReportFilter(request.GET, queryset=EvaluationReport.objects.for_list())
    return list_page(
        request,
        versions,
        "monitoring/reports/report_list.html",
        export={"columns": EXPORT_COLUMNS, "filename": "evaluation-reports"},
        extra={"can_download": request.user.has_perm(reports.DOWNLOAD)},
    )
