"""The public grant-call pages: reading calls without logging in, and registering."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from brokers.call import services
from brokers.call.models import EligibilityCriterion, GrantCall, GrantCallStatus
from clusters.models import Organisation
from districts.models import District
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Marea-Cantabrica-1987"


def make_call(coordinator, reference="CINB-P", publish=True):
    now = timezone.now()
    call = services.create_call(
        call=GrantCall(
            reference=reference,
            title="Convocatoria pública",
            purpose="Acercar la innovación a las comarcas",
            expected_services="Visitas a empresas",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
            total_budget=Decimal(84000),
        ),
        by=coordinator,
    )
    call.districts.set(District.objects.filter(slug__in=["besaya", "liebana"]))
    EligibilityCriterion.objects.create(call=call, text="Sede en la comarca")
    if publish:
        services.advance(call=call, stage=services.STAGES["publish"], by=coordinator)
        call.refresh_from_db()
    return call


def test_anonymous_people_see_the_list_and_a_published_call(client, coordinator):
    call = make_call(coordinator)
    draft = make_call(coordinator, reference="CINB-D", publish=False)

    response = client.get(reverse("calls:call_list"))
    assert response.status_code == 200
    assert response.context["open_calls"] == [call]
    assert draft not in response.context["open_calls"] + response.context["upcoming_calls"]

    response = client.get(reverse("calls:call_detail", args=[call.reference]))
    assert response.status_code == 200
    assert response.context["call"] == call
    assert len(response.context["evaluation_criteria"]) == 6
    assert reverse("calls:register") in response.content.decode()


def test_a_draft_call_is_not_public(client, coordinator):
    draft = make_call(coordinator, reference="CINB-D", publish=False)
    assert client.get(reverse("calls:call_detail", args=[draft.reference])).status_code == 404


def test_resolved_calls_are_listed_apart(client, coordinator):
    call = make_call(coordinator)
    GrantCall.objects.filter(pk=call.pk).update(status=GrantCallStatus.RESOLVED)
    response = client.get(reverse("calls:call_list"))
    assert response.context["resolved_calls"] == [call]
    assert response.context["open_calls"] == []


def test_the_login_page_links_the_calls(client):
    response = client.get(reverse("login"))
    assert reverse("calls:call_list") in response.content.decode()


def test_the_call_list_queries_do_not_grow_with_calls(client, coordinator):
    make_call(coordinator, reference="CINB-1")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("calls:call_list"))
    make_call(coordinator, reference="CINB-2")
    make_call(coordinator, reference="CINB-3")
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("calls:call_list"))
    assert len(response.context["open_calls"]) == 3
    # The public calls, then their districts (prefetched); no session for an anonymous visitor.
    assert len(three) == len(one) == 2


def _registration(**changes):
    data = {
        "account-first_name": "Lucía",
        "account-last_name": "Gómez",
        "account-email": "lucia@example.org",
        "account-username": "lucia",
        "account-password1": PASSWORD,
        "account-password2": PASSWORD,
        "organisation-legal_name": "Asociación Comarcal del Besaya",
        "organisation-tax_id": "G39000005",
        "organisation-helix_type": "association",
        "organisation-size_class": "",
        "organisation-district": District.objects.get(slug="besaya").pk,
        "organisation-municipality": "Torrelavega",
    }
    data.update(changes)
    return data


def test_registration_creates_the_applicant_and_organisation_and_logs_in(client):
    response = client.post(reverse("calls:register"), _registration())

    assert response.status_code == 302
    assert response.url == reverse("calls:call_list")
    user = User.objects.get(username="lucia")
    organisation = Organisation.objects.get(tax_id="G39000005")
    assert user.organisation == organisation
    assert user.groups.filter(name=Role.APPLICANT).exists()
    assert user.has_perm("brokers.add_application")
    assert user.check_password(PASSWORD)
    assert get_user(client).pk == user.pk


def test_an_existing_tax_id_is_refused(client):
    existing = OrganisationFactory()
    response = client.post(
        reverse("calls:register"), _registration(**{"organisation-tax_id": existing.tax_id})
    )
    assert response.status_code == 200
    errors = response.context["organisation_form"].errors.as_data()
    assert [e.code for e in errors["tax_id"]] == ["tax_id_taken"]
    assert not User.objects.filter(username="lucia").exists()
    assert Organisation.objects.count() == 1
    assert not get_user(client).is_authenticated


def test_an_invalid_tax_id_is_refused(client):
    response = client.post(
        reverse("calls:register"), _registration(**{"organisation-tax_id": "G39000006"})
    )
    assert response.status_code == 200
    assert "tax_id" in response.context["organisation_form"].errors
    assert not User.objects.filter(username="lucia").exists()
    assert not Organisation.objects.exists()


def test_the_tax_id_is_required_and_passwords_are_validated(client):
    response = client.post(
        reverse("calls:register"),
        _registration(
            **{
                "organisation-tax_id": "",
                "account-password1": "12345",
                "account-password2": "12345",
            }
        ),
    )
    assert response.status_code == 200
    assert "tax_id" in response.context["organisation_form"].errors
    assert "password2" in response.context["account_form"].errors
    assert not User.objects.filter(username="lucia").exists()


def test_the_service_refuses_a_taken_tax_id_again():
    from django.core.exceptions import ValidationError

    from brokers.call.applicants import register_applicant

    existing = OrganisationFactory()
    with pytest.raises(ValidationError) as refused:
        register_applicant(
            user=User(username="intruder", email="i@example.org"),
            organisation=Organisation(
                legal_name="Otra", tax_id=existing.tax_id, helix_type=existing.helix_type
            ),
        )
    assert "tax_id" in refused.value.message_dict
    assert not User.objects.filter(username="intruder").exists()
