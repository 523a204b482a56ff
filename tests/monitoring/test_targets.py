"""The targets grid: a baseline and a target per indicator in use and programme
year, typed as people type numbers in their language."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from monitoring import services
from monitoring.forms import TargetsForm
from monitoring.models import Indicator, IndicatorTarget
from tests.monitoring.evaluating import (
    MEMBERS,
    YEAR,
    client_for,
    evaluated_programme,
    indicator,
    set_target,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return evaluated_programme()


@pytest.fixture
def office(people):
    return people[Role.OFFICE_STAFF]


def _url(programme):
    return reverse("monitoring:targets", args=[programme.pk])


def _name(part, code, year):
    return TargetsForm.field_name(part, indicator(code), year)


def _post(client, programme, **figures):
    """Every field of the grid empty but those given (name → text)."""
    data = {
        TargetsForm.field_name(part, i, year): ""
        for i in Indicator.objects.active()
        for year in programme.year_range
        for part in ("baseline", "target")
    }
    data.update(figures)
    return client.post(_url(programme), data)


def _targets(programme):
    return set(
        IndicatorTarget.objects.filter(programme=programme).values_list(
            "indicator__code", "year", "baseline", "target"
        )
    )


def test_the_grid_has_every_indicator_in_use_and_every_programme_year(programme, office):
    Indicator.objects.filter(code="activities").update(is_active=False)
    response = client_for(office).get(_url(programme))
    assert response.status_code == 200
    fields = response.context["form"].fields
    active = Indicator.objects.active()
    assert len(fields) == active.count() * 4 * 2
    assert _name("target", MEMBERS, 2027) in fields
    assert TargetsForm.field_name("target", Indicator.objects.get(code="activities"), 2025) not in (
        fields
    )
    page = response.content.decode()
    for year in programme.year_range:
        assert f">{year}</th>" in page


def test_office_staff_save_figures_typed_in_spanish(programme, office):
    response = _post(
        client_for(office, language="es"),
        programme,
        **{
            _name("baseline", MEMBERS, 2025): "1.200",
            _name("target", MEMBERS, 2025): "1.500,5",
            _name("target", "joint_projects_budget", 2026): "250.000,00",
            _name("target", "sme_share", 2027): "66,7",
        },
    )
    assert response.status_code == 302
    assert _targets(programme) == {
        (MEMBERS, 2025, Decimal(1200), Decimal("1500.50")),
        ("joint_projects_budget", 2026, None, Decimal(250000)),
        ("sme_share", 2027, None, Decimal("66.70")),
    }


def test_and_in_english(programme, office):
    response = _post(
        client_for(office, language="en"),
        programme,
        **{_name("baseline", MEMBERS, 2025): "1,200", _name("target", MEMBERS, 2025): "1,500.5"},
    )
    assert response.status_code == 302
    assert _targets(programme) == {(MEMBERS, 2025, Decimal(1200), Decimal("1500.50"))}


def test_the_saved_figures_are_shown_again_in_the_grid(programme, office):
    set_target(programme, MEMBERS, Decimal("1500.5"), baseline=Decimal(1200))
    page = client_for(office, language="es").get(_url(programme)).content.decode()
    assert 'value="1.500,50"' in page
    assert 'value="1.200"' in page


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        (("target", "sme_share", 2025), "101", "less than or equal to 100"),
        (("target", "sme_share", 2025), "-1", "greater than or equal to 0"),
        (("target", MEMBERS, 2025), "muchos", "Enter a number."),
        (("baseline", MEMBERS, 2025), "10", "A baseline needs a target."),
    ],
)
def test_wrong_figures_are_refused_and_nothing_is_saved(programme, office, field, text, message):
    response = _post(
        client_for(office),
        programme,
        **{_name(*field): text, _name("target", "activities", 2026): "12"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    error_field = _name("target", *field[1:]) if field[0] == "baseline" else _name(*field)
    assert any(message in error for error in form.errors[error_field])
    assert _targets(programme) == set()


def test_both_figures_left_empty_remove_the_target(programme, office):
    set_target(programme, MEMBERS, 10, baseline=2)
    set_target(programme, "activities", 4, year=2026)
    response = _post(client_for(office), programme, **{_name("target", "activities", 2026): "5"})
    assert response.status_code == 302
    assert _targets(programme) == {("activities", 2026, None, 5)}


def test_a_draft_evaluation_follows_the_new_targets(programme, office):
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    services.freeze_snapshot(evaluation=evaluation, by=office)
    _post(client_for(office), programme, **{_name("target", MEMBERS, YEAR): "3"})
    assert evaluation.values.get(indicator__code=MEMBERS).target == 3


@pytest.mark.parametrize("role", list(Role))
def test_only_office_staff_set_targets(people, programme, role):
    client = client_for(people[role])
    expected = 200 if role == Role.OFFICE_STAFF else 403
    assert client.get(_url(programme)).status_code == expected
    response = _post(client, programme, **{_name("target", MEMBERS, 2025): "9"})
    assert response.status_code == (302 if role == Role.OFFICE_STAFF else 403)
    assert bool(_targets(programme)) == (role == Role.OFFICE_STAFF)


def test_the_grid_page_queries_do_not_grow_with_targets(programme, office):
    client = client_for(office)
    set_target(programme, MEMBERS, 9)
    with CaptureQueriesContext(connection) as few:
        client.get(_url(programme))
    for i in Indicator.objects.active():
        for year in programme.year_range:
            set_target(programme, i.code, 1, year=year, baseline=0)
    with CaptureQueriesContext(connection) as many:
        client.get(_url(programme))
    assert len(many) == len(few)
