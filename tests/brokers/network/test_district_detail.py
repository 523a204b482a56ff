import pytest

from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/brokers/districts/besaya/"


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.EVALUATOR, Role.APPLICANT)])
def test_readers_see_the_district_and_its_broker(client_for, people, role):
    response = client_for(people[role]).get(URL)
    assert response.status_code == 200
    assert response.context["district"].name == "Besaya"
    assert str(people[Role.INNOVATION_BROKER]) in response.content.decode()


def test_evaluator_is_refused(client_for, people):
    assert client_for(people[Role.EVALUATOR]).get(URL).status_code == 403


def test_unknown_district_is_404(client_for, people):
    assert (
        client_for(people[Role.OFFICE_STAFF]).get("/brokers/districts/atlantis/").status_code == 404
    )


def test_office_staff_see_who_changed_the_district(client, client_for, people, besaya):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        f"/admin/districts/district/{besaya.pk}/change/",
        {"name": "Besaya", "slug": "besaya", "is_rural": "on"},
    )
    assert response.status_code == 302

    trail = client_for(people[Role.OFFICE_STAFF]).get(URL).context["audit_trail"]
    assert trail[0].who == admin
    assert [(c["field"], c["old"], c["new"]) for c in trail[0].changes] == [("rural", False, True)]


@pytest.mark.parametrize(
    "role", [r for r in Role if r not in (Role.OFFICE_STAFF, Role.EVALUATOR, Role.APPLICANT)]
)
def test_other_roles_do_not_see_the_audit_trail(client_for, people, role):
    response = client_for(people[role]).get(URL)
    assert "audit_trail" not in response.context
    assert "Historial de cambios" not in response.content.decode()
