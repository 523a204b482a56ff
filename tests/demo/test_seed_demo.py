import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role
from demo.people import DEMO_PASSWORD, DEMO_PEOPLE
from districts.models import District

pytestmark = pytest.mark.django_db


def _state():
    """Everything seed_demo touches, to compare two runs."""
    return {
        "districts": list(District.objects.values_list("slug", "name", "is_rural")),
        "people": list(
            User.objects.order_by("username").values_list(
                "username", "first_name", "last_name", "email", "district__slug", "password"
            )
        ),
        "roles": sorted(User.objects.values_list("username", "groups__name")),
        "history": User.history.count() + District.history.count(),
    }


def test_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_creates_the_ten_districts_and_one_user_per_role(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    assert District.objects.count() == 10
    assert set(District.objects.filter(is_rural=False).values_list("name", flat=True)) == {
        "Santander",
        "Besaya",
    }
    # One demo user per role (the grant-call demo adds more brokers, evaluators
    # and applicants).
    assert len(DEMO_PEOPLE) == len(Role)
    assert {person[1] for person in DEMO_PEOPLE} == set(Role)
    for username, role, *_names, district in DEMO_PEOPLE:
        user = User.objects.get(username=username)
        assert user.roles == [role]
        assert user.check_password(DEMO_PASSWORD)
        assert (user.district.slug if user.district else None) == district
    assert User.objects.get(username="broker").district.name == "Besaya"


def test_running_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = _state()
    call_command("seed_demo")
    assert _state() == first


def test_keeps_a_changed_demo_password(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    director = User.objects.get(username="director")
    director.set_password("Another-Password-77")
    director.save()
    call_command("seed_demo")
    director.refresh_from_db()
    assert director.check_password("Another-Password-77")


def test_force_runs_without_debug(settings):
    settings.DEBUG = False
    call_command("seed_demo", force=True)
    assert User.objects.filter(username="director").exists()
