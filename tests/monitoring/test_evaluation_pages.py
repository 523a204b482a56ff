"""The evaluation pages: list, start, detail, snapshot, manual values,
findings, corrective measures, follow-up and status changes, for every role.

Who may open each page (GET) is in tests/test_access.py; here: what each role
may do (POST), the whole workflow through the pages, the messages of the
guards, and the number of queries of the detail page.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from monitoring import services
from monitoring.models import (
    CorrectiveMeasure,
    CorrectiveStatus,
    Evaluation,
    EvaluationStatus,
    Finding,
)
from programmes.models import Measure
from tests.monitoring.evaluating import (
    MEMBERS,
    YEAR,
    add_corrective_measure,
    approve,
    client_for,
    evaluated_programme,
    indicator,
    ready_evaluation,
    set_target,
)

pytestmark = pytest.mark.django_db

EVERY_ROLE = list(Role)
READERS = {
    Role.OFFICE_STAFF,
    Role.CLUSTER_MANAGER,
    Role.NETWORK_COORDINATOR,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
}
ENTER = {Role.OFFICE_STAFF, Role.NETWORK_COORDINATOR}


@pytest.fixture
def office(people):
    return people[Role.OFFICE_STAFF]


@pytest.fixture
def official(people):
    return people[Role.GOVERNMENT_OFFICIAL]


@pytest.fixture
def programme():
    programme = evaluated_programme()
    set_target(programme, MEMBERS, 10, baseline=2)
    return programme


@pytest.fixture
def draft(programme, office):
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    return services.freeze_snapshot(evaluation=evaluation, by=office)


def _url(name, *args):
    return reverse(f"monitoring:{name}", args=args)


def _manual(evaluation):
    return evaluation.values.filter(indicator__computation="").order_by("pk").first()


def _measure_post(indicator_pk, **extra):
    return {
        "indicator": indicator_pk,
        "description": "Campaña de captación de socios",
        "owner": "Oficina",
        "deadline": f"{YEAR + 1}-06-30",
        "status": CorrectiveStatus.PLANNED,
        **extra,
    }


# The workflow through the pages ------------------------------------------------------


def test_the_whole_workflow_through_the_pages(people, programme, office, official):
    coordinator = people[Role.NETWORK_COORDINATOR]
    staff, coord, gov = client_for(office), client_for(coordinator), client_for(official)

    response = staff.post(_url("evaluation_create"), {"programme": programme.pk, "year": YEAR})
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("evaluation_detail", evaluation.pk)

    page = staff.get(_url("evaluation_detail", evaluation.pk)).content.decode()
    assert "Take the snapshot" in page
    assert "Take the snapshot of the portal&#x27;s data." in page  # the checklist

    response = staff.post(_url("evaluation_snapshot", evaluation.pk))
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.snapshot_taken_at is not None
    page = staff.get(_url("evaluation_detail", evaluation.pk)).content.decode()
    assert "Refresh the snapshot" in page
    assert "Off track" in page  # the status is written, not only coloured

    # the coordinator enters the manual values (as Spanish speakers type them),
    # writes the findings and agrees the corrective measure, but cannot submit
    spanish = client_for(coordinator, language="es")
    for value in evaluation.values.filter(indicator__computation=""):
        response = spanish.post(
            _url("indicator_value_edit", value.pk),
            {"actual": "82,5", "evidence": "Encuesta de satisfacción 2025"},
        )
        assert response.status_code == 302
        value.refresh_from_db()
        assert str(value.actual) == "82.50"
        assert value.entered_by == coordinator
    response = coord.post(
        _url("evaluation_findings", evaluation.pk),
        {Measure.CLUSTER_OFFICE: "La Oficina crece.", Measure.BROKER_NETWORK: "La red llega."},
    )
    assert response.status_code == 302
    assert Finding.objects.filter(evaluation=evaluation).count() == 2
    response = coord.post(
        _url("corrective_measure_create", evaluation.pk), _measure_post(indicator(MEMBERS).pk)
    )
    assert response.status_code == 302
    assert evaluation.corrective_measures.count() == 1
    assert coord.get(_url("evaluation_transition", evaluation.pk, "submit")).status_code == 403
    assert coord.post(_url("evaluation_transition", evaluation.pk, "submit")).status_code == 403

    page = staff.get(_url("evaluation_transition", evaluation.pk, "submit")).content.decode()
    assert "Please confirm" in page
    assert "cannot be submitted yet" not in page
    response = staff.post(_url("evaluation_transition", evaluation.pk, "submit"), {"comment": ""})
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED

    assert staff.post(_url("evaluation_transition", evaluation.pk, "approve")).status_code == 403
    response = gov.post(_url("evaluation_transition", evaluation.pk, "approve"), {"comment": ""})
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.APPROVED

    page = staff.get(_url("evaluation_detail", evaluation.pk)).content.decode()
    assert "Approved" in page
    assert "Refresh the snapshot" not in page
    assert "Change the value" not in page
    assert "its snapshot and values do not change" in page
    assert 'id="reports"' in page


def test_the_official_returns_it_with_a_comment(programme, office, official):
    evaluation = ready_evaluation(programme, office)
    services.change_status(
        evaluation=evaluation, transition=services.TRANSITIONS["submit"], by=office
    )
    gov = client_for(official)
    response = gov.post(_url("evaluation_transition", evaluation.pk, "return"), {"comment": " "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    response = gov.post(
        _url("evaluation_transition", evaluation.pk, "return"), {"comment": "Falta detalle"}
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT
    page = client_for(office).get(_url("evaluation_detail", evaluation.pk)).content.decode()
    assert "Falta detalle" in page


def test_the_submit_page_lists_what_is_missing_and_submitting_says_it_again(draft, office):
    staff = client_for(office)
    page = staff.get(_url("evaluation_transition", draft.pk, "submit")).content.decode()
    assert "It cannot be submitted yet" in page
    assert "Enter the value and its evidence of:" in page
    assert "Write the findings on the measure" in page
    assert "Agree a corrective measure for each off-track indicator:" in page

    response = staff.post(_url("evaluation_transition", draft.pk, "submit"), {"comment": ""})
    assert response.status_code == 200
    assert "Agree a corrective measure for each off-track indicator:" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == EvaluationStatus.DRAFT


def test_a_transition_that_does_not_apply_is_explained(draft, official):
    page = client_for(official).get(_url("evaluation_transition", draft.pk, "approve"))
    assert page.status_code == 200
    assert "it cannot be changed this way" in page.content.decode()
    response = client_for(official).post(_url("evaluation_transition", draft.pk, "approve"))
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == EvaluationStatus.DRAFT


def test_an_unknown_transition_is_not_found(draft, office):
    assert client_for(office).get(_url("evaluation_transition", draft.pk, "x")).status_code == 404


def test_a_second_evaluation_of_the_year_is_refused_with_a_message(draft, programme, office):
    response = client_for(office).post(
        _url("evaluation_create"), {"programme": programme.pk, "year": YEAR}
    )
    assert response.status_code == 200
    assert "already has its evaluation" in response.content.decode()
    assert Evaluation.objects.count() == 1


def test_the_snapshot_is_taken_by_post_only(draft, office):
    assert client_for(office).get(_url("evaluation_snapshot", draft.pk)).status_code == 405


def test_a_submitted_evaluations_pages_say_it_cannot_change(programme, office):
    evaluation = ready_evaluation(programme, office)
    services.change_status(
        evaluation=evaluation, transition=services.TRANSITIONS["submit"], by=office
    )
    staff = client_for(office)
    taken = Evaluation.objects.get(pk=evaluation.pk).snapshot_taken_at
    response = staff.post(_url("evaluation_snapshot", evaluation.pk), follow=True)
    assert "A submitted evaluation cannot be changed." in response.content.decode()
    assert Evaluation.objects.get(pk=evaluation.pk).snapshot_taken_at == taken
    for url in (
        _url("indicator_value_edit", _manual(evaluation).pk),
        _url("evaluation_findings", evaluation.pk),
        _url("corrective_measure_create", evaluation.pk),
        _url("corrective_measure_edit", evaluation.corrective_measures.get().pk),
    ):
        response = staff.post(url, {"actual": "1", "evidence": "…"})
        assert response.status_code == 302, url
        assert response["Location"] == _url("evaluation_detail", evaluation.pk)


# What each role may do ------------------------------------------------------------------


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_who_takes_the_snapshot(people, draft, role):
    response = client_for(people[role]).post(_url("evaluation_snapshot", draft.pk))
    assert response.status_code == (302 if role == Role.OFFICE_STAFF else 403)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_who_enters_a_manual_value(people, draft, role):
    value = _manual(draft)
    response = client_for(people[role]).post(
        _url("indicator_value_edit", value.pk), {"actual": "75", "evidence": "Encuesta"}
    )
    assert response.status_code == (302 if role in ENTER else 403)
    value.refresh_from_db()
    assert (value.actual is not None) == (role in ENTER)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_who_writes_findings(people, draft, role):
    response = client_for(people[role]).post(
        _url("evaluation_findings", draft.pk), {Measure.CLUSTER_OFFICE: "Hallazgo"}
    )
    assert response.status_code == (302 if role in ENTER else 403)
    assert Finding.objects.exists() == (role in ENTER)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_who_agrees_and_changes_corrective_measures(people, draft, office, role):
    client = client_for(people[role])
    response = client.post(
        _url("corrective_measure_create", draft.pk), _measure_post(indicator(MEMBERS).pk)
    )
    assert response.status_code == (302 if role in ENTER else 403)
    measure = add_corrective_measure(draft, MEMBERS, office, description="Antes")
    response = client.post(
        _url("corrective_measure_edit", measure.pk),
        _measure_post(indicator(MEMBERS).pk, description="Después"),
    )
    assert response.status_code == (302 if role in ENTER else 403)
    measure.refresh_from_db()
    assert (measure.description == "Después") == (role in ENTER)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_who_records_a_follow_up(people, programme, office, official, role):
    set_target(programme, MEMBERS, 10, year=YEAR - 1)
    previous = approve(ready_evaluation(programme, office, year=YEAR - 1), office, official)
    measure = previous.corrective_measures.get()
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    response = client_for(people[role]).post(
        _url("corrective_follow_up", evaluation.pk, measure.pk),
        {"status": CorrectiveStatus.DONE, "follow_up": "Hecho"},
    )
    assert response.status_code == (302 if role in ENTER else 403)
    measure.refresh_from_db()
    assert (measure.followed_up_in_id == evaluation.pk) == (role in ENTER)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_who_starts_an_evaluation(people, programme, role):
    response = client_for(people[role]).post(
        _url("evaluation_create"), {"programme": programme.pk, "year": YEAR}
    )
    assert response.status_code == (302 if role == Role.OFFICE_STAFF else 403)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_who_reads_the_evaluations(people, draft, role):
    client = client_for(people[role])
    for url in (_url("evaluation_list"), _url("evaluation_detail", draft.pk)):
        assert client.get(url).status_code == (200 if role in READERS else 403)


# The pages' content ----------------------------------------------------------------------


def test_the_follow_up_page_records_the_previous_years_measure(programme, office, official):
    set_target(programme, MEMBERS, 10, year=YEAR - 1)
    previous = approve(ready_evaluation(programme, office, year=YEAR - 1), office, official)
    measure = previous.corrective_measures.get()
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    staff = client_for(office)
    page = staff.get(_url("evaluation_detail", evaluation.pk)).content.decode()
    assert f"Follow-up of the corrective measures of {YEAR - 1}" in page
    assert "Record the follow-up" in page

    response = staff.post(
        _url("corrective_follow_up", evaluation.pk, measure.pk),
        {"status": CorrectiveStatus.IN_PROGRESS, "follow_up": ""},
    )
    assert response.status_code == 200  # the follow-up is required
    response = staff.post(
        _url("corrective_follow_up", evaluation.pk, measure.pk),
        {"status": CorrectiveStatus.IN_PROGRESS, "follow_up": "Mitad de la campaña"},
    )
    assert response.status_code == 302
    page = staff.get(_url("evaluation_detail", evaluation.pk)).content.decode()
    assert "Mitad de la campaña" in page
    # a measure of this same evaluation is not followed up here
    own = CorrectiveMeasure.objects.create(
        evaluation=evaluation,
        indicator=indicator(MEMBERS),
        description="…",
        owner="…",
        deadline=date(YEAR + 1, 1, 1),
    )
    assert staff.get(_url("corrective_follow_up", evaluation.pk, own.pk)).status_code == 404


def test_the_manual_value_page_validates_percentages_and_evidence(draft, office):
    value = _manual(draft)
    assert value.indicator.unit == "%"
    response = client_for(office).post(
        _url("indicator_value_edit", value.pk), {"actual": "120", "evidence": ""}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"actual", "evidence"}


def test_a_computed_value_has_no_manual_entry(draft, office):
    members = draft.values.get(indicator__code=MEMBERS)
    response = client_for(office).get(_url("indicator_value_edit", members.pk))
    assert response.status_code == 302


def test_a_corrective_measure_is_chosen_among_the_evaluations_indicators(draft, office):
    response = client_for(office).get(
        _url("corrective_measure_create", draft.pk), {"indicator": indicator(MEMBERS).pk}
    )
    form = response.context["form"]
    assert form.initial["indicator"] == str(indicator(MEMBERS).pk)
    assert set(form.fields["indicator"].queryset) == {v.indicator for v in draft.values.all()}


def test_the_list_filters_by_status(programme, office, official):
    approve(ready_evaluation(programme, office, year=2024), office, official)
    services.start_evaluation(programme=programme, year=YEAR, by=office)
    response = client_for(office).get(_url("evaluation_list"), {"status": "approved"})
    assert [e.year for e in response.context["page"].object_list] == [2024]


def _detail_queries(client, evaluation):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url("evaluation_detail", evaluation.pk)).status_code == 200
    return len(queries)


def test_the_detail_page_queries_do_not_grow_with_measures_and_history(
    programme, office, official, people
):
    set_target(programme, MEMBERS, 10, year=YEAR - 1)
    previous = approve(ready_evaluation(programme, office, year=YEAR - 1), office, official)
    evaluation = ready_evaluation(programme, office)
    staff = client_for(office)
    few = _detail_queries(staff, evaluation)

    for n in range(8):
        CorrectiveMeasure.objects.create(  # the approved year's, as a follow-up would find them
            evaluation=previous,
            indicator=indicator(MEMBERS),
            description=f"Antes {n}",
            owner="Oficina",
            deadline=date(YEAR, 6, 30),
            follow_up="Hecho",
            followed_up_in=evaluation,
        )
        add_corrective_measure(evaluation, "activities", office, description=f"Ahora {n}")
    for _ in range(3):
        services.change_status(
            evaluation=evaluation, transition=services.TRANSITIONS["submit"], by=office
        )
        services.change_status(
            evaluation=evaluation,
            transition=services.TRANSITIONS["return"],
            by=official,
            comment="Otra vez",
        )
    many = _detail_queries(staff, evaluation)
    assert many == few
