"""The fixes the hostile-input tests led to, each pinned by a direct test.

test_forms.py finds these by chance of its examples; here each is asked for
on purpose, so a regression names itself.
"""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from programmes.models import Body, BodyKind, Programme, ProgrammeStatus
from tests.factories import ClusterFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

BEYOND_ANY_COLUMN = 10**23
# str.isdigit() says yes, int() says no: once a server error wherever a view
# checked a query parameter with isdigit() before int().
SUPERSCRIPT_TWO = "²"


@pytest.fixture
def office(client, people):
    client.force_login(people[Role.OFFICE_STAFF])
    return client


def test_a_number_no_column_holds_matches_nothing_in_a_list_of_ids(people):
    """SQLite raised OverflowError for pk__in=[10**23]: a multiple choice of such
    a number was a server error (core/lookups.py)."""
    user = people[Role.OFFICE_STAFF]
    assert not User.objects.filter(pk__in=[BEYOND_ANY_COLUMN]).exists()
    assert list(User.objects.filter(pk__in=[BEYOND_ANY_COLUMN, user.pk])) == [user]
    assert not User.objects.filter(pk__in=[-BEYOND_ANY_COLUMN]).exists()


@pytest.fixture
def programme():
    return Programme.objects.create(
        title="En marcha", start_year=2024, objectives="…", status=ProgrammeStatus.ACTIVE
    )


def test_unicode_digits_in_the_query_are_ignored(office, programme):
    for url, parameters in (
        (reverse("programmes:programme_detail", args=[programme.pk]), ["year"]),
        (reverse("monitoring:dashboard"), ["programme", "year"]),
        (reverse("monitoring:evaluation_create"), ["programme", "year"]),
        (reverse("programmes:meeting_create"), ["body"]),
    ):
        response = office.get(url, dict.fromkeys(parameters, SUPERSCRIPT_TWO))
        assert response.status_code == 200, url


def test_a_budget_for_a_cluster_that_is_not_a_number_is_not_found(office):
    draft = Programme.objects.create(title="Borrador", start_year=2024, objectives="…")
    url = reverse("programmes:programme_budget", args=[draft.pk])
    assert office.get(url, {"cluster": SUPERSCRIPT_TWO}).status_code == 404
    assert office.get(url, {"cluster": "x"}).status_code == 404


def test_adding_a_member_without_a_real_organisation_is_refused(office):
    url = reverse("clusters:membership_add", args=[ClusterFactory().slug])
    assert office.get(url, {"organisation": SUPERSCRIPT_TWO}).status_code == 404
    assert office.get(url, {"organisation": "-1"}).status_code == 404
    # The form always sends the organisation it is for: without one, a bad request.
    response = office.post(url, {"kind": "full", "start_date": date.today().isoformat()})
    assert response.status_code == 400
    organisation = OrganisationFactory()
    assert office.get(url, {"organisation": organisation.pk}).status_code == 200


def test_a_tampered_form_count_builds_at_most_100_forms(office):
    """Django's default bound is 2,000 forms: one request built and rendered them all."""
    response = office.post(
        reverse("programmes:body_create"),
        {
            "kind": BodyKind.MANAGING_BOARD,
            "name": "Junta",
            "members-TOTAL_FORMS": "1000000",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    members = response.context["members"]
    assert len(members.forms) == 100
    assert [e.code for e in members.non_form_errors().as_data()] == ["too_many_forms"]
    assert not Body.objects.filter(name="Junta").exists()


def test_an_error_on_a_hidden_field_of_a_formset_row_is_shown(office):
    body = Body.objects.create(kind=BodyKind.MANAGING_BOARD, name="Junta")
    response = office.post(
        reverse("programmes:body_edit", args=[body.pk]),
        {
            "kind": BodyKind.MANAGING_BOARD,
            "name": "Junta",
            "members-TOTAL_FORMS": "1",
            "members-INITIAL_FORMS": "0",
            "members-0-name": "Ana",
            "members-0-body": str(body.pk + 1),  # another body's
        },
    )
    assert response.status_code == 200
    hidden_errors = response.context["members"].forms[0].errors["body"]
    assert hidden_errors
    assert hidden_errors[0] in response.content.decode()


def test_the_key_results_form_builds_no_more_forms_than_results(office, programme):
    from programmes.models import ClusterResult

    ClusterResult.objects.create(
        programme=programme, cluster=ClusterFactory(), year=2025, result="strategy"
    )
    url = reverse("programmes:results_edit", args=[programme.pk])
    response = office.post(
        f"{url}?year=2025", {"form-TOTAL_FORMS": "1000000", "form-INITIAL_FORMS": "1000000"}
    )
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 1


def test_a_sort_of_empty_fields_keeps_the_list_in_a_stable_order(office):
    """?o=, cleared the list's order: its pages could repeat and skip rows."""
    ClusterFactory(), ClusterFactory()
    response = office.get(reverse("clusters:cluster_list"), {"o": ","})
    assert response.context["page"].paginator.object_list.ordered


def test_a_nul_in_the_organisation_search_is_dropped(office):
    """On PostgreSQL a NUL in the search was a server error."""
    OrganisationFactory(legal_name="Astilleros del Norte S.A.")
    url = reverse("clusters:membership_add", args=[ClusterFactory().slug])
    response = office.get(url, {"q": "Astill\x00eros"})
    assert response.status_code == 200
    assert [o.legal_name for o in response.context["results"]] == ["Astilleros del Norte S.A."]
