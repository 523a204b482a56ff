"""The indicator catalogue: list, detail (definition, targets per programme
year, values in past evaluations) and editing by office staff."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from monitoring import services
from monitoring.indicators import COMPUTATIONS
from monitoring.models import Direction, Indicator
from programmes.models import Measure
from tests.monitoring.evaluating import (
    MEMBERS,
    YEAR,
    approve,
    client_for,
    evaluated_programme,
    indicator,
    ready_evaluation,
    set_target,
)

pytestmark = pytest.mark.django_db

READERS = {
    Role.OFFICE_STAFF,
    Role.CLUSTER_MANAGER,
    Role.NETWORK_COORDINATOR,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
}


def _url(name, *args):
    return reverse(f"monitoring:{name}", args=args)


def _form_data(indicator, **changes):
    data = {
        "code": indicator.code,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "definition": indicator.definition,
        "definition_en": indicator.definition_en,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "measure": indicator.measure,
        "computation": indicator.computation,
        "position": indicator.position,
        "is_active": "on" if indicator.is_active else "",
    }
    data.update(changes)
    return data


@pytest.fixture
def office(people):
    return client_for(people[Role.OFFICE_STAFF])


@pytest.mark.parametrize("role", list(Role))
def test_readers_read_the_catalogue(people, role):
    client = client_for(people[role])
    expected = 200 if role in READERS else 403
    assert client.get(_url("indicator_list")).status_code == expected
    assert client.get(_url("indicator_detail", indicator(MEMBERS).pk)).status_code == expected


@pytest.mark.parametrize("role", list(Role))
def test_only_office_staff_edit_it(people, role):
    members = indicator(MEMBERS)
    response = client_for(people[role]).post(
        _url("indicator_edit", members.pk), _form_data(members, name_en="Members")
    )
    assert response.status_code == (302 if role == Role.OFFICE_STAFF else 403)
    members.refresh_from_db()
    assert (members.name_en == "Members") == (role == Role.OFFICE_STAFF)


def test_the_list_groups_indicators_by_measure_and_says_how_each_is_obtained(office):
    response = office.get(_url("indicator_list"))
    groups = dict(response.context["groups"])
    assert [i.code for i in groups[Measure.CLUSTER_OFFICE.label]][0] == MEMBERS
    assert all(i.measure == Measure.BROKER_NETWORK for i in groups[Measure.BROKER_NETWORK.label])
    page = response.content.decode()
    assert "Computed" in page and "Entered with evidence" in page
    # office staff reach each programme's targets from here
    programme = evaluated_programme()
    assert _url("targets", programme.pk) in office.get(_url("indicator_list")).content.decode()


def test_the_detail_shows_targets_and_values_of_submitted_and_approved_evaluations(people, office):
    staff, gov = people[Role.OFFICE_STAFF], people[Role.GOVERNMENT_OFFICIAL]
    programme = evaluated_programme()
    set_target(programme, MEMBERS, 10, baseline=2, year=2024)
    set_target(programme, MEMBERS, 12, year=2025)
    approved = approve(ready_evaluation(programme, staff, year=2024), staff, gov)
    draft = services.start_evaluation(programme=programme, year=YEAR, by=staff)
    services.freeze_snapshot(evaluation=draft, by=staff)

    response = office.get(_url("indicator_detail", indicator(MEMBERS).pk))
    page = response.content.decode()
    assert [(t.year, t.target) for t in response.context["targets"]] == [(2024, 10), (2025, 12)]
    assert [v.evaluation for v in response.context["values"]] == [approved]  # not the draft
    assert "Off track" in page
    assert indicator(MEMBERS).localised_definition[:40] in page
    assert "Computed from the portal" in page


def test_the_computation_is_a_registered_code_or_none(office):
    members = indicator(MEMBERS)
    form = office.get(_url("indicator_edit", members.pk)).context["form"]
    codes = [code for code, _label in form.fields["computation"].choices]
    assert codes == ["", *sorted(COMPUTATIONS)]

    response = office.post(
        _url("indicator_edit", members.pk), _form_data(members, computation="rm -rf")
    )
    assert response.status_code == 200
    assert "computation" in response.context["form"].errors

    response = office.post(_url("indicator_edit", members.pk), _form_data(members, computation=""))
    assert response.status_code == 302
    members.refresh_from_db()
    assert not members.is_computed


def test_office_staff_add_an_indicator_entered_by_hand(office):
    response = office.post(
        _url("indicator_create"),
        {
            "code": "trainings",
            "name": "Formaciones",
            "definition": "Acciones formativas.",
            "unit": "trainings",
            "direction": Direction.HIGHER,
            "measure": Measure.BROKER_NETWORK,
            "computation": "",
            "position": 99,
            "is_active": "on",
        },
    )
    created = Indicator.objects.get(code="trainings")
    assert response["Location"] == _url("indicator_detail", created.pk)
    assert not created.is_computed


def test_what_evaluations_rely_on_cannot_be_changed_under_them(people, office):
    staff, gov = people[Role.OFFICE_STAFF], people[Role.GOVERNMENT_OFFICIAL]
    programme = evaluated_programme()
    members = indicator(MEMBERS)
    assert not any(
        field.disabled
        for field in office.get(_url("indicator_edit", members.pk)).context["form"].fields.values()
    )

    approve(ready_evaluation(programme, staff, year=2024), staff, gov)
    form = office.get(_url("indicator_edit", members.pk)).context["form"]
    assert {name for name, field in form.fields.items() if field.disabled} == {
        "code",
        "unit",
        "direction",
        "measure",
    }
    office.post(
        _url("indicator_edit", members.pk),
        _form_data(members, code="x", direction=Direction.LOWER, name_en="Members at year end"),
    )
    members.refresh_from_db()
    assert (members.code, members.direction, members.name_en) == (
        MEMBERS,
        Direction.HIGHER,
        "Members at year end",
    )


def test_the_detail_page_queries_do_not_grow_with_evaluations(people, office):
    staff, gov = people[Role.OFFICE_STAFF], people[Role.GOVERNMENT_OFFICIAL]
    members = indicator(MEMBERS)
    first = evaluated_programme(title="Primero")
    approve(ready_evaluation(first, staff, year=2024), staff, gov)
    with CaptureQueriesContext(connection) as few:
        office.get(_url("indicator_detail", members.pk))
    for title in ("Segundo", "Tercero"):
        programme = evaluated_programme(title=title)
        for year in (2024, 2025):
            set_target(programme, MEMBERS, 5, year=year)
            approve(ready_evaluation(programme, staff, year=year), staff, gov)
    with CaptureQueriesContext(connection) as many:
        office.get(_url("indicator_detail", members.pk))
    assert len(many) == len(few)
