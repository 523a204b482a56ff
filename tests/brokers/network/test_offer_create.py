"""Adding a technology offer: brokers and the coordinator."""

import pytest

from accounts.roles import Role
from brokers.network.models import TechnologyOffer
from tests.brokers.network.matching_world import OUTSIDERS, READ_ONLY
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
URL = "/brokers/offers/new/"


def offer_data(provider, **values):
    return {
        "provider": provider.pk,
        "title": "Ensayos de fatiga de materiales",
        "description": "Laboratorio acreditado.",
        "technology_area": "manufacturing",
        "contact": "lab@example.org",
        **values,
    }


@pytest.fixture
def university(db):
    return OrganisationFactory(helix_type="university", size_class="", district=None)


@pytest.mark.parametrize("role", [Role.INNOVATION_BROKER, Role.NETWORK_COORDINATOR])
def test_brokers_and_the_coordinator_add_offers(client_for, people, university, role):
    client = client_for(people[role])
    assert client.get(URL).status_code == 200
    response = client.post(URL, offer_data(university, is_active=""))
    offer = TechnologyOffer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/offers/{offer.pk}/"
    assert (offer.provider, offer.created_by) == (university, people[role])
    # A new offer is available.
    assert offer.is_active is True
    messages = client.get(response["Location"]).context["messages"]
    assert [m.level_tag for m in messages] == ["success"]


def test_providers_are_universities_and_technology_centres(client_for, people, university):
    centre = OrganisationFactory(helix_type="research_centre", size_class="")
    company = OrganisationFactory(helix_type="company")
    client = client_for(people[Role.INNOVATION_BROKER])
    form = client.get(URL).context["form"]
    assert set(form.fields["provider"].queryset) == {university, centre}
    assert "is_active" not in form.fields
    response = client.post(URL, offer_data(company))
    assert "provider" in response.context["form"].errors
    assert not TechnologyOffer.objects.exists()


def test_required_fields(client_for, people):
    response = client_for(people[Role.INNOVATION_BROKER]).post(URL, {})
    assert set(response.context["form"].errors) == {
        "provider",
        "title",
        "description",
        "technology_area",
    }


@pytest.mark.parametrize("role", READ_ONLY + OUTSIDERS)
def test_other_roles_are_refused(client_for, people, university, role):
    client = client_for(people[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, offer_data(university)).status_code == 403
    assert not TechnologyOffer.objects.exists()
