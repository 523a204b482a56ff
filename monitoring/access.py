"""Who may see and change the monitoring: every view fetches through these.

Office staff, cluster managers, the coordinator, officials and the advisory
committee read the indicators, targets and evaluations; office staff keep the
catalogue and the targets, start evaluations, take their snapshot and submit
them; office staff and the coordinator enter manual values, findings and
corrective measures; only government officials approve or return an
evaluation. Brokers, evaluators and applicants get 403.
"""

from django.shortcuts import get_object_or_404

from core.access import require
from monitoring.models import CorrectiveMeasure, Evaluation, Indicator, IndicatorValue
from programmes.models import Programme

READ = "monitoring.view_evaluation"


def get_indicator(request, pk, *, permission="monitoring.view_indicator"):
    require(request.user, permission)
    return get_object_or_404(Indicator, pk=pk)


def get_programme(request, pk, *, permission="monitoring.view_indicatortarget"):
    require(request.user, permission)
    return get_object_or_404(Programme, pk=pk)


def get_evaluation(request, pk, *, permission=READ):
    require(request.user, permission)
    return get_object_or_404(
        Evaluation.objects.select_related("programme", "snapshot_taken_by", "created_by"), pk=pk
    )


def get_indicator_value(request, pk, *, permission="monitoring.view_indicatorvalue"):
    require(request.user, permission)
    return get_object_or_404(
        IndicatorValue.objects.select_related("evaluation__programme", "indicator"), pk=pk
    )


def get_corrective_measure(request, pk, *, permission="monitoring.view_correctivemeasure"):
    require(request.user, permission)
    return get_object_or_404(
        CorrectiveMeasure.objects.select_related("evaluation__programme", "indicator"), pk=pk
    )
