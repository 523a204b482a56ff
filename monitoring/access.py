"""Who may see and change the monitoring: every view fetches through these.

Office staff, cluster managers, the coordinator, officials and the advisory
committee read the indicators, targets, evaluations and reports; office staff
keep the catalogue and the targets, start evaluations, take their snapshot and
submit them; office staff and the coordinator enter manual values, findings and
corrective measures and request reports; only government officials approve or
return an evaluation. Brokers, evaluators and applicants get 403.

Every reader sees every record: there is nothing per row to filter. A page that
needs another permission on an evaluation or a report (its findings, its
corrective measures, a download) checks it with require() before get_evaluation()
or get_report().
"""

from django.shortcuts import get_object_or_404

from core.access import require
from monitoring import reports, services
from monitoring.models import (
    CorrectiveMeasure,
    Evaluation,
    EvaluationReport,
    Indicator,
    IndicatorValue,
)
from programmes.models import Programme

READ = "monitoring.view_evaluation"
REPORT_READ = "monitoring.view_evaluationreport"


def _get(request, queryset, pk, *, view, change, for_change):
    """The record, for a user with the view permission and, for_change, the change
    permission (else 403); 404 when there is none."""
    require(request.user, view)
    if for_change:
        require(request.user, change)
    return get_object_or_404(queryset, pk=pk)


def get_indicator(request, pk, *, for_change=False):
    return _get(
        request,
        Indicator,
        pk,
        view="monitoring.view_indicator",
        change="monitoring.change_indicator",
        for_change=for_change,
    )


def get_programme(request, pk, *, for_change=False):
    """A programme as the monitoring sees it: its targets, for_change to set them."""
    return _get(
        request,
        Programme,
        pk,
        view="monitoring.view_indicatortarget",
        change=services.TARGETS,
        for_change=for_change,
    )


def get_evaluation(request, pk, *, for_change=False):
    """for_change: to take its snapshot (what changing an evaluation itself means)."""
    evaluations = Evaluation.objects.select_related("programme", "snapshot_taken_by", "created_by")
    return _get(
        request,
        evaluations,
        pk,
        view=READ,
        change=services.REFRESH,
        for_change=for_change,
    )


def get_indicator_value(request, pk, *, for_change=False):
    values = IndicatorValue.objects.select_related("evaluation__programme", "indicator")
    return _get(
        request,
        values,
        pk,
        view="monitoring.view_indicatorvalue",
        change=services.ENTER_VALUES,
        for_change=for_change,
    )


def get_corrective_measure(request, pk, *, for_change=False):
    measures = CorrectiveMeasure.objects.select_related("evaluation__programme", "indicator")
    return _get(
        request,
        measures,
        pk,
        view="monitoring.view_correctivemeasure",
        change=services.CHANGE_MEASURE,
        for_change=for_change,
    )


def get_report(request, pk, *, for_change=False):
    """for_change: to generate it again (a new version, as requesting one)."""
    versions = EvaluationReport.objects.select_related("evaluation__programme", "requested_by")
    return _get(
        request,
        versions,
        pk,
        view=REPORT_READ,
        change=reports.REQUEST,
        for_change=for_change,
    )
