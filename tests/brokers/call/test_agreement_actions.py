"""The coordinator's actions on a call's agreements, one POST endpoint each:
signing an agreement, appointing its broker, recording a payment.

Only the coordinator acts (the other grant readers and evaluators get 403, as do
roles without access); a GET is refused (405); a refused submission shows the
agreements page again with the errors on that form.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.roles import Role
from brokers.call import services
from brokers.call.models import GrantAgreement, Payment
from tests.brokers.call.test_call_pages import url

pytestmark = pytest.mark.django_db

REFUSED = [
    Role.GOVERNMENT_OFFICIAL,
    Role.OFFICE_STAFF,
    Role.EVALUATOR,
    Role.INNOVATION_BROKER,
    Role.APPLICANT,
    Role.CLUSTER_MANAGER,
]


@pytest.fixture
def agreement(selected, coordinator):
    return services.sign_agreement(
        selection=selected[0], start_date=date(2026, 1, 1), by=coordinator
    )


def _appointment(agreement, **changes):
    return {
        "agreement": agreement.pk,
        "first_name": "Lucía",
        "last_name": "Gómez",
        "email": "lucia@example.org",
        "username": "lucia.gomez",
        **changes,
    }


# Signing


def test_the_coordinator_signs_an_agreement(selected, call, coordinator, client_for):
    response = client_for(coordinator).post(
        url("agreement_sign", call.pk), {"selection": selected[0].pk, "start_date": "2026-01-01"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("agreements", call.pk)
    assert GrantAgreement.objects.get().selection == selected[0]


# One resolved call for every role: resolving it renders the resolution's PDF.
def test_other_roles_cannot_sign(selected, call, people, client_for):
    for role in REFUSED:
        response = client_for(people[role]).post(
            url("agreement_sign", call.pk),
            {"selection": selected[0].pk, "start_date": "2026-01-01"},
        )
        assert response.status_code == 403, role
    assert not GrantAgreement.objects.exists()


def test_the_actions_are_post_only_and_need_a_login(call, coordinator, client, client_for):
    for name in ("agreement_sign", "broker_appoint", "payment_record"):
        response = client.post(url(name, call.pk))
        assert response["Location"].startswith(reverse("login")), name
    for name in ("agreement_sign", "broker_appoint", "payment_record"):
        assert client_for(coordinator).get(url(name, call.pk)).status_code == 405, name


def test_a_sign_form_without_a_start_date_is_shown_with_its_error(
    selected, call, coordinator, client_for
):
    response = client_for(coordinator).post(
        url("agreement_sign", call.pk), {"selection": selected[0].pk, "start_date": "mañana"}
    )
    assert response.status_code == 200
    assert "start_date" in response.context["sign_form"].errors
    assert response.context["sign_form"].data["start_date"] == "mañana"
    assert not GrantAgreement.objects.exists()


# Appointing the broker


def test_the_coordinator_appoints_the_broker(
    agreement, call, coordinator, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            url("broker_appoint", call.pk), _appointment(agreement)
        )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.broker.username == "lucia.gomez"
    assert mailoutbox[0].to == ["lucia@example.org"]


def test_other_roles_cannot_appoint(agreement, call, people, client_for):
    for role in REFUSED:
        response = client_for(people[role]).post(
            url("broker_appoint", call.pk), _appointment(agreement)
        )
        assert response.status_code == 403, role
    assert not get_user_model().objects.filter(username="lucia.gomez").exists()


def test_an_appointment_with_a_bad_email_is_shown_with_its_error(
    agreement, call, coordinator, client_for
):
    response = client_for(coordinator).post(
        url("broker_appoint", call.pk), _appointment(agreement, email="lucia")
    )
    assert response.status_code == 200
    assert set(response.context["appoint_form"].errors) == {"email"}
    assert not get_user_model().objects.filter(username="lucia.gomez").exists()


# Recording payments


def test_the_coordinator_records_a_payment(agreement, call, coordinator, client_for):
    response = client_for(coordinator).post(
        url("payment_record", call.pk),
        {"agreement": agreement.pk, "month": "2026-01-01", "paid_on": "2026-02-10"},
    )
    assert response.status_code == 302
    assert Payment.objects.get().paid_on == date(2026, 2, 10)


def test_other_roles_cannot_record_a_payment(agreement, call, people, client_for):
    for role in REFUSED:
        response = client_for(people[role]).post(
            url("payment_record", call.pk),
            {"agreement": agreement.pk, "month": "2026-01-01", "paid_on": ""},
        )
        assert response.status_code == 403, role
    assert not Payment.objects.exists()


def test_a_payment_without_a_month_is_shown_with_its_error(
    agreement, call, coordinator, client_for
):
    response = client_for(coordinator).post(
        url("payment_record", call.pk), {"agreement": agreement.pk, "month": "", "paid_on": ""}
    )
    assert response.status_code == 200
    assert "month" in response.context["payment_form"].errors
    # The page around it is whole: the agreements and the other forms.
    assert response.context["agreements"] == [agreement]
    assert response.context["appoint_form"] is not None
    assert not Payment.objects.exists()
