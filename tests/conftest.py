import pytest

from accounts.roles import Role
from brokers.models import District
from tests.factories import UserFactory


@pytest.fixture
def besaya(db):
    return District.objects.get(slug="besaya")


@pytest.fixture
def people(db, besaya):
    """One person per role; the innovation broker works in Besaya."""
    return {
        role: UserFactory(role=role, district=besaya if role == Role.INNOVATION_BROKER else None)
        for role in Role
    }


@pytest.fixture
def client_for(client):
    """A test client logged in as the given user."""

    def log_in(user):
        client.force_login(user)
        return client

    return log_in
