"""Helpers of the evaluation, target, indicator-page and dashboard tests: a
running programme with one cluster and its committed members, targets, and an
evaluation brought to the point where it can be submitted.

The indicator catalogue is the one migration 0002 installs: committed_members
is computed (3 members in the programme's cluster on 31 December YEAR unless a
test adds more); the indicators without a computation are entered by hand.
"""

from datetime import date
from decimal import Decimal

from django.test import Client

from monitoring import services
from monitoring.models import CorrectiveMeasure, Indicator, IndicatorTarget, Progress
from programmes.models import Measure, Programme, ProgrammeStatus
from tests.factories import ClusterFactory, MembershipFactory

YEAR = 2025
MEMBERS = "committed_members"


def client_for(user, language="en"):
    """A logged-in client that reads the pages in one language."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def evaluated_programme(*, members=3, title="Programa de Clústeres 2024-2027"):
    """A running programme 2024–2027 supporting one cluster with `members`
    committed members since 2023."""
    cluster = ClusterFactory()
    programme = Programme.objects.create(
        title=title, start_year=2024, objectives="…", status=ProgrammeStatus.ACTIVE
    )
    programme.clusters.set([cluster])
    add_members(programme, members)
    return programme


def add_members(programme, n, *, start=date(2023, 1, 1)):
    cluster = programme.clusters.first()
    return [MembershipFactory(cluster=cluster, start_date=start) for _ in range(n)]


def indicator(code):
    return Indicator.objects.get(code=code)


def manual_indicators():
    return list(Indicator.objects.active().filter(computation=""))


def set_target(programme, code, target, *, year=YEAR, baseline=None):
    return IndicatorTarget.objects.update_or_create(
        indicator=indicator(code),
        programme=programme,
        year=year,
        defaults={"baseline": baseline, "target": target},
    )[0]


def enter_manual_values(evaluation, by, actual=Decimal(80)):
    for value in evaluation.values.filter(indicator__computation=""):
        services.enter_value(value=value, actual=actual, evidence="Encuesta anual", by=by)


def write_findings(evaluation, by):
    services.save_findings(
        evaluation=evaluation,
        texts={measure.value: f"Hallazgos de {measure.label}" for measure in Measure},
        by=by,
    )


def add_corrective_measure(evaluation, code, by, *, description="Campaña de captación"):
    return services.save_corrective_measure(
        measure=CorrectiveMeasure(
            evaluation=evaluation,
            indicator=indicator(code),
            description=description,
            owner="Oficina de Promoción",
            deadline=date(evaluation.year + 1, 6, 30),
        ),
        by=by,
    )


def cover_off_track(evaluation, by):
    for value in evaluation.values.select_related("indicator"):
        if value.status == Progress.OFF_TRACK:
            add_corrective_measure(evaluation, value.indicator.code, by)


def ready_evaluation(programme, office, *, year=YEAR):
    """Started, snapshot taken, manual values entered, findings written,
    off-track indicators covered: ready to submit."""
    evaluation = services.start_evaluation(programme=programme, year=year, by=office)
    services.freeze_snapshot(evaluation=evaluation, by=office)
    enter_manual_values(evaluation, office)
    write_findings(evaluation, office)
    cover_off_track(evaluation, office)
    evaluation.refresh_from_db()
    return evaluation


def approve(evaluation, office, official):
    services.change_status(
        evaluation=evaluation, transition=services.TRANSITIONS["submit"], by=office
    )
    services.change_status(
        evaluation=evaluation, transition=services.TRANSITIONS["approve"], by=official
    )
    evaluation.refresh_from_db()
    return evaluation
