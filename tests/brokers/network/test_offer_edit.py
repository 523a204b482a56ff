"""Editing a technology offer: whoever added it, or the coordinator."""

import pytest

from brokers.network.models import TechnologyOffer
from tests.brokers.network.matching_world import (
    OUTSIDERS,
    READ_ONLY,
    make_offer,
)

pytestmark = pytest.mark.django_db


def url(offer):
    return f"/brokers/offers/{offer.pk}/edit/"


def edit_data(offer, **values):
    return {
        "provider": offer.provider_id,
        "title": "Visión artificial y aprendizaje profundo",
        "description": offer.description,
        "technology_area": offer.technology_area,
        "contact": "",
        "is_active": "on",
        **values,
    }


def test_the_broker_who_added_it_edits_it(client_for, broker):
    offer = make_offer(by=broker)
    response = client_for(broker).post(url(offer), edit_data(offer))
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/offers/{offer.pk}/"
    offer.refresh_from_db()
    assert offer.title == "Visión artificial y aprendizaje profundo"
    assert offer.created_by == broker


def test_the_coordinator_edits_any_offer_and_withdraws_it(client_for, broker, coordinator):
    offer = make_offer(by=broker)
    client = client_for(coordinator)
    assert "is_active" in client.get(url(offer)).context["form"].fields
    client.post(url(offer), edit_data(offer, is_active=""))
    offer.refresh_from_db()
    assert offer.is_active is False
    # Still recorded as the broker's offer.
    assert offer.created_by == broker


def test_another_broker_may_not_edit_it(client_for, broker, liebana_broker):
    offer = make_offer(by=broker)
    client = client_for(liebana_broker)
    assert client.get(url(offer)).status_code == 403
    assert client.post(url(offer), edit_data(offer)).status_code == 403
    assert TechnologyOffer.objects.get().title == offer.title


@pytest.mark.parametrize("role", READ_ONLY + OUTSIDERS)
def test_other_roles_are_refused(client_for, people, broker, role):
    offer = make_offer(by=broker)
    client = client_for(people[role])
    assert client.get(url(offer)).status_code == 403
    assert client.post(url(offer), edit_data(offer)).status_code == 403
    assert TechnologyOffer.objects.get().title == offer.title


def test_a_missing_offer_is_not_found(client_for, coordinator):
    assert client_for(coordinator).get("/brokers/offers/999999/edit/").status_code == 404
