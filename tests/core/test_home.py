"""The registry of home-page panels: each app adds its panels, the home page asks for a
user's."""

from types import SimpleNamespace

import pytest

from core import home


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(home, "_panels", [])
    return home


def test_a_user_gets_the_panels_of_their_roles_only(registry):
    registry.panel("budget", roles={"office_staff", "official"})(lambda user: "figures")
    registry.panel("queue", roles={"broker"})(lambda user: None)
    office = SimpleNamespace(roles=["office_staff"])
    broker = SimpleNamespace(roles=["broker"])
    assert registry.panels_for(office) == {"budget": "figures"}
    assert registry.panels_for(broker) == {"queue": None}  # built, even when empty
    assert registry.panels_for(SimpleNamespace(roles=[])) == {}


def test_a_panel_with_a_condition_is_left_out_when_it_does_not_hold(registry):
    registry.panel("district", roles={"broker"}, when=lambda user: user.district_id)(
        lambda user: f"district {user.district_id}"
    )
    assert registry.panels_for(SimpleNamespace(roles=["broker"], district_id=3)) == {
        "district": "district 3"
    }
    assert registry.panels_for(SimpleNamespace(roles=["broker"], district_id=None)) == {}


def test_every_app_registers_its_panels():
    names = {name for name, *_rest in home._panels}
    assert {
        "people_by_role",  # accounts
        "cluster_overview",  # clusters
        "managed_cluster",
        "late_actions",  # programmes
        "awaiting_approval",
        "open_calls",  # brokers
        "network",
        "broker_district",
        "next_meeting",
        "coordination",
    } == names
