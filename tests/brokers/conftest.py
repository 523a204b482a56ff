"""The network people most broker tests act as: the Besaya broker, the
coordinator, and a broker of another district (Liébana)."""

import pytest

from accounts.roles import Role
from tests.brokers.network.matching_world import district
from tests.factories import UserFactory


@pytest.fixture
def broker(people):
    return people[Role.INNOVATION_BROKER]


@pytest.fixture
def coordinator(people):
    return people[Role.NETWORK_COORDINATOR]


@pytest.fixture
def liebana_broker(db):
    return UserFactory(role=Role.INNOVATION_BROKER, district=district("liebana"))
