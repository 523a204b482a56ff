"""The evaluation's workflow in monitoring/services.py: start, snapshot, manual
values, findings, corrective measures and their follow-up, submit, approve,
return; and the targets."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.roles import Role
from monitoring import services
from monitoring.models import (
    CorrectiveMeasure,
    CorrectiveStatus,
    Evaluation,
    EvaluationStatus,
    EvaluationTransition,
    Finding,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Progress,
)
from programmes.models import Measure, Programme, ProgrammeStatus
from tests.monitoring.evaluating import (
    MEMBERS,
    YEAR,
    add_corrective_measure,
    add_members,
    approve,
    enter_manual_values,
    evaluated_programme,
    indicator,
    manual_indicators,
    ready_evaluation,
    set_target,
    write_findings,
)

pytestmark = pytest.mark.django_db

UNCOVERED = "Agree a corrective measure for each off-track indicator:"
SUBMIT, APPROVE, RETURN = (services.TRANSITIONS[n] for n in ("submit", "approve", "return"))


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, whatever the portal's default language."""
    with translation.override("en"):
        yield


@pytest.fixture
def office(people):
    return people[Role.OFFICE_STAFF]


@pytest.fixture
def coordinator(people):
    return people[Role.NETWORK_COORDINATOR]


@pytest.fixture
def official(people):
    return people[Role.GOVERNMENT_OFFICIAL]


@pytest.fixture
def programme():
    programme = evaluated_programme()
    set_target(programme, MEMBERS, 10, baseline=2)  # 3 members: off track
    return programme


@pytest.fixture
def evaluation(programme, office):
    return services.start_evaluation(programme=programme, year=YEAR, by=office)


def _messages(error):
    return " ".join(error.value.messages)


# Start ---------------------------------------------------------------------


def test_starting_creates_the_rows_of_the_indicators_entered_by_hand(evaluation, programme):
    assert evaluation.status == EvaluationStatus.DRAFT
    manual = {i.pk for i in manual_indicators()}
    assert manual
    assert set(evaluation.values.values_list("indicator", flat=True)) == manual
    assert not evaluation.values.exclude(actual=None).exists()
    assert evaluation.snapshot_taken_at is None


def test_one_evaluation_per_programme_year(evaluation, programme, office):
    with pytest.raises(ValidationError, match="already has its evaluation"):
        services.start_evaluation(programme=programme, year=YEAR, by=office)
    assert Evaluation.objects.count() == 1


@pytest.mark.parametrize("year", [2023, 2028])
def test_only_the_programmes_years_are_evaluated(programme, office, year):
    with pytest.raises(ValidationError, match="outside the programme's period"):
        services.start_evaluation(programme=programme, year=year, by=office)


def test_a_year_not_yet_started_is_not_evaluated(office):
    from django.utils import timezone

    this_year = timezone.localdate().year
    programme = Programme.objects.create(
        title="Futuro", start_year=this_year, objectives="…", status=ProgrammeStatus.ACTIVE
    )
    with pytest.raises(ValidationError, match="once it has started"):
        services.start_evaluation(programme=programme, year=this_year + 1, by=office)


def test_a_programme_not_approved_is_not_evaluated(office):
    draft = Programme.objects.create(title="Borrador", start_year=2024, objectives="…")
    with pytest.raises(ValidationError, match="approved by the government"):
        services.start_evaluation(programme=draft, year=YEAR, by=office)


def test_only_office_staff_start_evaluations(programme, coordinator, official):
    for person in (coordinator, official):
        with pytest.raises(PermissionDenied):
            services.start_evaluation(programme=programme, year=YEAR, by=person)


# Snapshot --------------------------------------------------------------------


def test_the_snapshot_freezes_computed_values_with_the_years_targets(evaluation, office):
    services.freeze_snapshot(evaluation=evaluation, by=office)
    evaluation.refresh_from_db()

    members = evaluation.values.get(indicator__code=MEMBERS)
    assert members.actual == 3
    assert members.breakdown["by_type"]  # the parts of the value are kept too
    assert (members.baseline, members.target) == (2, 10)
    assert members.status == Progress.OFF_TRACK
    # every active computed indicator has its row; values without a target have no status
    computed = Indicator.objects.active().exclude(computation="")
    assert evaluation.values.filter(indicator__in=computed).count() == computed.count()
    assert evaluation.values.get(indicator__code="activities").status == Progress.NO_TARGET
    # the data of the report, where it came from, when and by whom
    assert evaluation.snapshot["schema"] == 2
    assert evaluation.snapshot["year"] == YEAR
    assert evaluation.snapshot["programme"]["title"] == "Programa de Clústeres 2024-2027"
    assert evaluation.snapshot["corrective_follow_up"] == []
    assert evaluation.snapshot_sources["rows"]
    assert evaluation.snapshot_taken_by == office
    assert evaluation.snapshot_taken_at is not None


def test_taking_it_again_replaces_computed_values_and_keeps_manual_ones(
    evaluation, programme, office
):
    services.freeze_snapshot(evaluation=evaluation, by=office)
    enter_manual_values(evaluation, office, actual=Decimal("72.5"))
    first = Evaluation.objects.get(pk=evaluation.pk).snapshot_taken_at
    add_members(programme, 2)
    set_target(programme, MEMBERS, 5)

    services.freeze_snapshot(evaluation=evaluation, by=office)
    evaluation.refresh_from_db()

    members = evaluation.values.get(indicator__code=MEMBERS)
    assert (members.actual, members.target, members.status) == (5, 5, Progress.ON_TRACK)
    for value in evaluation.values.filter(indicator__computation=""):
        assert value.actual == Decimal("72.5")
        assert value.evidence == "Encuesta anual"
    assert evaluation.snapshot_taken_at > first
    assert (
        IndicatorValue.objects.filter(evaluation=evaluation, indicator__code=MEMBERS).count() == 1
    )


def test_an_indicator_no_longer_in_use_leaves_the_draft_at_the_next_snapshot(evaluation, office):
    services.freeze_snapshot(evaluation=evaluation, by=office)
    Indicator.objects.filter(code="activities").update(is_active=False)
    services.freeze_snapshot(evaluation=evaluation, by=office)
    assert not evaluation.values.filter(indicator__code="activities").exists()


def test_an_unknown_computation_stops_the_snapshot_with_a_clear_message(evaluation, office):
    Indicator.objects.filter(code="activities").update(computation="no_such_thing")
    with pytest.raises(ValidationError, match="no_such_thing"):
        services.freeze_snapshot(evaluation=evaluation, by=office)
    evaluation.refresh_from_db()
    assert evaluation.snapshot_taken_at is None
    assert not evaluation.values.filter(indicator__computation__gt="").exists()


def test_the_snapshot_follows_up_the_previous_years_corrective_measures(programme, office):
    previous = services.start_evaluation(programme=programme, year=YEAR - 1, by=office)
    services.freeze_snapshot(evaluation=previous, by=office)
    measure = add_corrective_measure(previous, MEMBERS, office, description="Captar socios")
    # another programme's measures are not this one's to follow up
    other = evaluated_programme(title="Otro")
    other_previous = services.start_evaluation(programme=other, year=YEAR - 1, by=office)
    services.freeze_snapshot(evaluation=other_previous, by=office)
    add_corrective_measure(other_previous, MEMBERS, office, description="Ajeno")

    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    services.freeze_snapshot(evaluation=evaluation, by=office)
    evaluation.refresh_from_db()

    assert evaluation.snapshot["corrective_follow_up"] == [
        {
            "indicator": MEMBERS,
            "indicator_name": measure.indicator.name,
            "indicator_name_en": measure.indicator.name_en,
            "description": "Captar socios",
            "description_en": "",
            "owner": "Oficina de Promoción",
            "owner_en": "",
            "deadline": date(YEAR, 6, 30).isoformat(),
            "status": CorrectiveStatus.PLANNED,
            "follow_up": "",
            "follow_up_en": "",
            "year": YEAR - 1,
        }
    ]


def test_only_office_staff_take_the_snapshot(evaluation, coordinator, official):
    for person in (coordinator, official):
        with pytest.raises(PermissionDenied):
            services.freeze_snapshot(evaluation=evaluation, by=person)


@pytest.mark.parametrize("status", [EvaluationStatus.SUBMITTED, EvaluationStatus.APPROVED])
def test_the_snapshot_of_a_submitted_or_approved_evaluation_is_not_taken_again(
    evaluation, office, status
):
    Evaluation.objects.filter(pk=evaluation.pk).update(status=status)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.freeze_snapshot(evaluation=evaluation, by=office)


# Manual values ---------------------------------------------------------------


@pytest.fixture
def manual_value(evaluation):
    return evaluation.values.select_related("indicator").get(indicator__code="member_satisfaction")


def test_the_coordinator_enters_a_manual_value_with_its_evidence(manual_value, coordinator):
    services.enter_value(
        value=manual_value, actual=Decimal("81.25"), evidence=" Encuesta ", by=coordinator
    )
    manual_value.refresh_from_db()
    assert manual_value.actual == Decimal("81.25")
    assert manual_value.evidence == "Encuesta"
    assert manual_value.entered_by == coordinator
    assert manual_value.entered_at is not None


@pytest.mark.parametrize(
    ("actual", "evidence", "field"),
    [
        (Decimal(80), "  ", "evidence"),
        (None, "Encuesta", "actual"),
        (Decimal(101), "Encuesta", "actual"),  # a percentage
        (Decimal(-1), "Encuesta", "actual"),
    ],
)
def test_a_manual_value_needs_a_value_and_evidence(manual_value, office, actual, evidence, field):
    with pytest.raises(ValidationError) as error:
        services.enter_value(value=manual_value, actual=actual, evidence=evidence, by=office)
    assert field in error.value.message_dict
    manual_value.refresh_from_db()
    assert manual_value.actual is None


def test_a_computed_value_is_not_entered_by_hand(evaluation, office):
    services.freeze_snapshot(evaluation=evaluation, by=office)
    members = evaluation.values.select_related("indicator").get(indicator__code=MEMBERS)
    with pytest.raises(ValidationError, match="computed from the portal's data"):
        services.enter_value(value=members, actual=Decimal(99), evidence="…", by=office)


def test_readers_do_not_enter_values(manual_value, people):
    for role in (Role.GOVERNMENT_OFFICIAL, Role.CLUSTER_MANAGER, Role.ADVISORY_COMMITTEE):
        with pytest.raises(PermissionDenied):
            services.enter_value(
                value=manual_value, actual=Decimal(1), evidence="…", by=people[role]
            )


def test_values_of_a_submitted_evaluation_are_not_entered(manual_value, evaluation, office):
    Evaluation.objects.filter(pk=evaluation.pk).update(status=EvaluationStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.enter_value(value=manual_value, actual=Decimal(1), evidence="…", by=office)


# Findings and corrective measures ------------------------------------------------


def test_findings_are_written_changed_and_removed_per_measure(evaluation, coordinator):
    write_findings(evaluation, coordinator)
    assert evaluation.findings.count() == 2
    services.save_findings(
        evaluation=evaluation,
        texts={Measure.CLUSTER_OFFICE: "Otra conclusión", Measure.BROKER_NETWORK: " "},
        by=coordinator,
    )
    assert list(evaluation.findings.values_list("measure", "text")) == [
        (Measure.CLUSTER_OFFICE, "Otra conclusión")
    ]


def test_the_official_does_not_write_findings(evaluation, official):
    with pytest.raises(PermissionDenied):
        write_findings(evaluation, official)


def test_a_corrective_measure_is_for_an_indicator_of_the_evaluation(evaluation, office):
    # before the snapshot only the manual indicators have a value
    with pytest.raises(ValidationError) as error:
        add_corrective_measure(evaluation, MEMBERS, office)
    assert "indicator" in error.value.message_dict
    services.freeze_snapshot(evaluation=evaluation, by=office)
    measure = add_corrective_measure(evaluation, MEMBERS, office)
    assert measure.pk and measure.evaluation == evaluation


def test_corrective_measures_of_a_submitted_evaluation_do_not_change(evaluation, office):
    services.freeze_snapshot(evaluation=evaluation, by=office)
    measure = add_corrective_measure(evaluation, MEMBERS, office)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=EvaluationStatus.SUBMITTED)
    measure.refresh_from_db()
    measure.owner = "Otro"
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.save_corrective_measure(measure=measure, by=office)
    with pytest.raises(ValidationError, match="cannot be changed"):
        add_corrective_measure(evaluation, MEMBERS, office)


# Follow-up -------------------------------------------------------------------------


@pytest.fixture
def previous_measure(programme, office, official):
    set_target(programme, MEMBERS, 10, year=YEAR - 1)  # off track: a corrective measure
    previous = ready_evaluation(programme, office, year=YEAR - 1)
    approve(previous, office, official)
    return previous.corrective_measures.get()


def test_the_next_year_records_the_follow_up_of_a_corrective_measure(
    previous_measure, programme, office, coordinator
):
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    services.freeze_snapshot(evaluation=evaluation, by=office)

    services.record_follow_up(
        measure=previous_measure,
        evaluation=evaluation,
        status=CorrectiveStatus.DONE,
        follow_up="Campaña hecha: 12 socios nuevos",
        by=coordinator,
    )

    previous_measure.refresh_from_db()
    assert previous_measure.status == CorrectiveStatus.DONE
    assert previous_measure.follow_up == "Campaña hecha: 12 socios nuevos"
    assert previous_measure.followed_up_in == evaluation
    evaluation.refresh_from_db()
    [row] = evaluation.snapshot["corrective_follow_up"]
    assert (row["status"], row["follow_up"]) == ("done", "Campaña hecha: 12 socios nuevos")


def test_the_previous_evaluation_keeps_the_measures_as_it_submitted_them(
    previous_measure, programme, office, coordinator
):
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    services.record_follow_up(
        measure=previous_measure,
        evaluation=evaluation,
        status=CorrectiveStatus.DROPPED,
        follow_up="Ya no hace falta",
        by=coordinator,
    )
    previous = previous_measure.evaluation
    previous.refresh_from_db()
    [row] = previous.snapshot["corrective_measures"]
    assert (row["status"], row["follow_up"]) == ("planned", "")


def test_only_the_previous_years_measures_are_followed_up(programme, office, coordinator):
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    services.freeze_snapshot(evaluation=evaluation, by=office)
    own = add_corrective_measure(evaluation, MEMBERS, office)
    with pytest.raises(ValidationError, match="previous year"):
        services.record_follow_up(
            measure=own, evaluation=evaluation, status="done", follow_up="…", by=coordinator
        )


def test_a_follow_up_says_what_has_been_done(previous_measure, programme, office):
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    with pytest.raises(ValidationError) as error:
        services.record_follow_up(
            measure=previous_measure, evaluation=evaluation, status="done", follow_up=" ", by=office
        )
    assert "follow_up" in error.value.message_dict


def test_a_submitted_evaluation_records_no_follow_up(previous_measure, programme, office):
    evaluation = ready_evaluation(programme, office)
    services.change_status(evaluation=evaluation, transition=SUBMIT, by=office)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.record_follow_up(
            measure=previous_measure, evaluation=evaluation, status="done", follow_up="…", by=office
        )


# Submit, approve, return -----------------------------------------------------------


def test_submitting_needs_the_snapshot_first(evaluation, office):
    with pytest.raises(ValidationError) as error:
        services.change_status(evaluation=evaluation, transition=SUBMIT, by=office)
    assert error.value.messages == ["Take the snapshot of the portal's data."]


def test_each_missing_step_is_named_before_submitting(evaluation, office):
    services.freeze_snapshot(evaluation=evaluation, by=office)
    with pytest.raises(ValidationError) as error:
        services.change_status(evaluation=evaluation, transition=SUBMIT, by=office)
    messages = error.value.messages
    assert len(messages) == 4
    manual_names = [i.localised_name for i in manual_indicators()]
    assert messages[0].startswith("Enter the value and its evidence of:")
    assert all(name in messages[0] for name in manual_names)
    assert str(Measure.CLUSTER_OFFICE.label) in messages[1]
    assert str(Measure.BROKER_NETWORK.label) in messages[2]
    assert messages[3] == f"{UNCOVERED} {indicator(MEMBERS).localised_name}."
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT
    assert not EvaluationTransition.objects.exists()


def test_each_guard_passes_on_its_own(evaluation, office):
    evaluation = services.freeze_snapshot(evaluation=evaluation, by=office)
    enter_manual_values(evaluation, office)
    write_findings(evaluation, office)
    assert services.submission_problems(evaluation) == [
        f"{UNCOVERED} {indicator(MEMBERS).localised_name}."
    ]
    add_corrective_measure(evaluation, MEMBERS, office)
    assert services.submission_problems(evaluation) == []


def test_an_evaluation_ready_is_submitted_approved_and_recorded(programme, office, official):
    evaluation = ready_evaluation(programme, office)
    services.change_status(evaluation=evaluation, transition=SUBMIT, by=office)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED
    [frozen] = evaluation.snapshot["corrective_measures"]
    assert frozen["indicator"] == MEMBERS

    services.change_status(evaluation=evaluation, transition=APPROVE, by=official)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.APPROVED
    assert list(
        evaluation.transitions.order_by("at").values_list("from_status", "to_status", "by")
    ) == [("draft", "submitted", office.pk), ("submitted", "approved", official.pk)]


def test_the_coordinator_cannot_submit_and_office_staff_cannot_approve(
    programme, office, coordinator
):
    evaluation = ready_evaluation(programme, office)
    with pytest.raises(PermissionDenied):
        services.change_status(evaluation=evaluation, transition=SUBMIT, by=coordinator)
    services.change_status(evaluation=evaluation, transition=SUBMIT, by=office)
    for person in (office, coordinator):
        with pytest.raises(PermissionDenied):
            services.change_status(evaluation=evaluation, transition=APPROVE, by=person)


def test_the_official_returns_it_to_draft_with_a_comment(programme, office, official):
    evaluation = ready_evaluation(programme, office)
    services.change_status(evaluation=evaluation, transition=SUBMIT, by=office)
    with pytest.raises(ValidationError, match="comment is required"):
        services.change_status(evaluation=evaluation, transition=RETURN, by=official, comment=" ")
    services.change_status(
        evaluation=evaluation, transition=RETURN, by=official, comment="Revisad los hallazgos"
    )
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT
    assert evaluation.transitions.first().comment == "Revisad los hallazgos"
    # back in draft it can be worked on and submitted again
    services.freeze_snapshot(evaluation=evaluation, by=office)
    services.change_status(evaluation=evaluation, transition=SUBMIT, by=office)


def test_a_draft_is_not_approved_and_an_approved_one_not_returned(programme, office, official):
    evaluation = ready_evaluation(programme, office)
    with pytest.raises(ValidationError, match="cannot be changed this way"):
        services.change_status(evaluation=evaluation, transition=APPROVE, by=official)
    approve(evaluation, office, official)
    with pytest.raises(ValidationError, match="cannot be changed this way"):
        services.change_status(evaluation=evaluation, transition=RETURN, by=official, comment="x")


def test_available_transitions_follow_status_and_role(programme, office, official, coordinator):
    evaluation = ready_evaluation(programme, office)
    names = lambda user: [t.name for t in services.available_transitions(evaluation, user)]  # noqa: E731
    assert (names(office), names(coordinator), names(official)) == (["submit"], [], [])
    services.change_status(evaluation=evaluation, transition=SUBMIT, by=office)
    evaluation.refresh_from_db()
    assert (names(office), names(official)) == ([], ["approve", "return"])


# Targets -------------------------------------------------------------------------


def test_targets_are_created_changed_and_removed(programme, office):
    members, share = indicator(MEMBERS), indicator("sme_share")
    services.save_targets(
        programme=programme,
        targets={
            (members, 2025): (Decimal(2), Decimal(12)),
            (members, 2026): (None, Decimal(15)),
            (share, 2025): (None, None),
        },
        by=office,
    )
    assert set(
        IndicatorTarget.objects.filter(programme=programme).values_list(
            "indicator__code", "year", "baseline", "target"
        )
    ) == {(MEMBERS, 2025, 2, 12), (MEMBERS, 2026, None, 15)}
    services.save_targets(programme=programme, targets={(members, 2026): (None, None)}, by=office)
    assert not IndicatorTarget.objects.filter(programme=programme, year=2026).exists()


def test_a_baseline_needs_a_target_and_a_year_of_the_programme(programme, office):
    members = indicator(MEMBERS)
    with pytest.raises(ValidationError, match="needs a target"):
        services.save_targets(
            programme=programme, targets={(members, 2026): (Decimal(1), None)}, by=office
        )
    with pytest.raises(ValidationError, match="outside the programme's period"):
        services.save_targets(
            programme=programme, targets={(members, 2030): (None, Decimal(1))}, by=office
        )


def test_drafts_follow_new_targets_and_approved_evaluations_keep_theirs(
    programme, office, official
):
    approved = approve(ready_evaluation(programme, office, year=2024), office, official)
    set_target(programme, MEMBERS, 4, year=2024)
    draft = services.start_evaluation(programme=programme, year=YEAR, by=office)
    services.freeze_snapshot(evaluation=draft, by=office)
    members = indicator(MEMBERS)

    services.save_targets(
        programme=programme,
        targets={(members, 2024): (None, Decimal(40)), (members, 2025): (Decimal(1), Decimal(3))},
        by=office,
    )

    frozen = approved.values.get(indicator=members)
    assert frozen.target is None  # 2024 had no target when it was approved
    following = draft.values.get(indicator=members)
    assert (following.baseline, following.target, following.status) == (1, 3, Progress.ON_TRACK)


def test_only_office_staff_set_targets(programme, coordinator, official):
    for person in (coordinator, official):
        with pytest.raises(PermissionDenied):
            services.save_targets(programme=programme, targets={}, by=person)


def test_measures_and_findings_stay_with_their_evaluation(programme, office):
    evaluation = ready_evaluation(programme, office)
    assert Finding.objects.filter(evaluation=evaluation).count() == 2
    assert CorrectiveMeasure.objects.filter(evaluation=evaluation).count() == 1
