"""The network's panels of the home page: a broker's district this month and
year with the next network meeting; the coordinator's inactive districts and
overdue follow-ups."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from brokers.network import figures, meetings
from brokers.network.models import IndustryNeed, NeedStatus
from tests.brokers.network.network_world import district, log, meeting, organisations, service_type
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = date(2025, 5, 20)


@pytest.fixture
def broker(people):
    return people[Role.INNOVATION_BROKER]


@pytest.fixture
def coordinator(people):
    return people[Role.NETWORK_COORDINATOR]


def need(slug, status=NeedStatus.OPEN, *, by):
    return IndustryNeed.objects.create(
        district=district(slug),
        organisation=OrganisationFactory(district=district(slug)),
        title="Sensorización",
        description="…",
        technology_area="ict",
        status=status,
        compiled_by=by,
    )


# The broker's district, figures against a hand-built month and year


def test_the_district_this_month_and_this_year(broker):
    a, b, c, d, e = organisations(5)
    log("besaya", date(2025, 5, 2), organisations=[a, b], hours="2", broker=broker)
    log("besaya", date(2025, 5, 10), organisations=[a], hours="1", code="calls", broker=broker)
    log("besaya", date(2025, 3, 1), organisations=[c], hours="3", broker=broker)
    log("besaya", date(2025, 5, 11), organisations=[d], hours="5", withdrawn=True, broker=broker)
    log("besaya", date(2024, 12, 31), organisations=[e], hours="8", broker=broker)
    log("liebana", date(2025, 5, 3), organisations=[a], hours="4", code="training")

    panel = figures.district_panel(district("besaya"), today=TODAY)

    assert (panel["services_month"], panel["services_year"]) == (2, 3)
    assert (panel["organisations_month"], panel["organisations_year"]) == (2, 3)
    assert (panel["hours_month"], panel["hours_year"]) == (Decimal("3"), Decimal("6"))
    assert [(t.code, t.month_count, t.year_count) for t in panel["by_type"]] == [
        ("advice", 1, 2),
        ("calls", 1, 1),
    ]


def test_follow_ups_due_and_open_needs(broker, coordinator):
    due_today = log("besaya", date(2025, 4, 1), follow_up_on=TODAY, broker=broker)
    late = log("besaya", date(2025, 3, 1), follow_up_on=date(2025, 5, 1), broker=broker)
    log("besaya", date(2025, 3, 1), follow_up_on=date(2025, 5, 1), follow_up_done=True)
    log("besaya", date(2025, 3, 1), follow_up_on=date(2025, 6, 1))
    log("besaya", date(2025, 3, 1), follow_up_on=date(2025, 5, 1), withdrawn=True)
    log("liebana", date(2025, 3, 1), follow_up_on=date(2025, 5, 1))
    need("besaya", by=broker)
    need("besaya", by=broker)
    need("besaya", NeedStatus.CLOSED, by=broker)
    need("liebana", by=coordinator)

    panel = figures.district_panel(district("besaya"), today=TODAY)

    assert panel["follow_ups"] == [late, due_today]
    assert panel["follow_up_count"] == 2
    assert panel["open_needs"] == 2
    assert panel["open_needs_url"] == "/brokers/needs/?district=besaya&status=open"


def test_the_broker_home_shows_the_panel_with_its_links(client_for, broker, coordinator):
    today = timezone.localdate()
    service = log("besaya", today, organisations=organisations(2), follow_up_on=today)
    need("besaya", by=broker)
    meeting(today - timedelta(days=15), by=coordinator)
    planned = meeting(today + timedelta(days=45), by=coordinator, location="Potes")

    response = client_for(broker).get("/")
    content = response.content.decode()

    panel = response.context["broker_district"]
    assert (panel["services_month"], panel["organisations_month"]) == (1, 2)
    assert 'href="/brokers/services/new/"' in content  # Log a service
    assert f'href="/brokers/services/{service.pk}/"' in content  # the follow-up due
    assert 'href="/brokers/needs/?district=besaya&amp;status=open"' in content
    year = today.year
    assert (
        f'href="/brokers/services/?district=besaya&amp;date_after={year}-01-01'
        f'&amp;date_before={year}-12-31"'
    ) in content
    assert service_type("advice").name in content
    assert response.context["next_meeting"].meeting == planned
    assert f'href="/brokers/meetings/{planned.pk}/"' in content
    assert "Potes" in content


def test_the_broker_sees_the_proposed_next_meeting(client_for, broker, coordinator):
    last = meeting(timezone.localdate() - timedelta(days=15), by=coordinator)
    response = client_for(broker).get("/")
    proposal = response.context["next_meeting"]
    assert proposal.proposed
    assert proposal.date == meetings.add_months(last.date, 2)


def test_a_broker_without_a_district_sees_no_district_figures(client_for, coordinator):
    newcomer = UserFactory(role=Role.INNOVATION_BROKER)
    meeting(timezone.localdate() - timedelta(days=15), by=coordinator)
    response = client_for(newcomer).get("/")
    assert response.status_code == 200
    assert "broker_district" not in response.context
    assert response.context["next_meeting"].proposed
    assert "/brokers/services/new/" not in response.content.decode()


@pytest.mark.parametrize(
    "role", [r for r in Role if r not in (Role.INNOVATION_BROKER, Role.NETWORK_COORDINATOR)]
)
def test_other_roles_get_neither_panel(client_for, people, role):
    response = client_for(people[role]).get("/")
    assert "broker_district" not in response.context
    assert "coordination" not in response.context
    main = response.content.decode().split("<main", 1)[1]
    assert "/brokers/network/" not in main  # the navigation may link to it


def _grow(count, broker):
    today = timezone.localdate()
    for n in range(count):
        log(
            ["besaya", "liebana"][n % 2],
            today - timedelta(days=n % 40),
            organisations=[OrganisationFactory(), OrganisationFactory()],
            code=["advice", "calls", "training"][n % 3],
            follow_up_on=today - timedelta(days=n % 3),
            withdrawn=n % 9 == 0,
            broker=broker if n % 2 == 0 else None,
        )
        need(["besaya", "liebana"][n % 2], by=broker)


def test_the_broker_home_queries_do_not_grow_with_records(client_for, broker, coordinator):
    client = client_for(broker)
    meeting(timezone.localdate() - timedelta(days=15), by=coordinator)
    _grow(3, broker)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    _grow(40, broker)
    # session, user, roles, the user's district, services by type, services
    # and hours, organisations reached, follow-ups due and their count, open
    # needs, the planned then the last meeting, districts and their brokers
    # (network coverage), the user's own and group permissions (navigation)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few) == 16, [q["sql"] for q in many]


# The coordinator's panel


def test_the_coordinator_home_links_to_the_network_page(client_for, coordinator):
    content = client_for(coordinator).get("/").content.decode()
    assert 'href="/brokers/network/"' in content
    assert 'href="/brokers/meetings/"' in content


def test_the_coordinator_sees_inactive_districts_and_overdue_follow_ups(
    client_for, broker, coordinator
):
    today = timezone.localdate()
    for slug in ["besaya", "santander", "liebana", "trasmiera", "saja-nansa"]:
        log(slug, today - timedelta(days=5))
    log("ason-aguera", today - timedelta(days=45))
    late = log("liebana", today - timedelta(days=40), follow_up_on=today - timedelta(days=2))
    log("liebana", today - timedelta(days=40), follow_up_on=today)  # due today: not overdue

    response = client_for(coordinator).get("/")
    coordination = response.context["coordination"]
    inactive = {d.slug for d in coordination["inactive"]}
    assert inactive == {
        "ason-aguera",
        "campoo-los-valles",
        "costa-occidental",
        "costa-oriental",
        "valles-pasiegos",
    }
    assert coordination["overdue"]["per_district"] == [
        {"district__name": "Liébana", "district__slug": "liebana", "count": 1}
    ]
    content = response.content.decode()
    assert f'href="/brokers/services/{late.pk}/"' in content
    assert 'href="/brokers/districts/ason-aguera/"' in content


def test_the_coordinator_home_queries_do_not_grow_with_records(client_for, broker, coordinator):
    client = client_for(coordinator)
    _grow(3, broker)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    _grow(40, broker)
    # session, user, roles, inactive districts and their brokers, overdue
    # follow-ups per district and the oldest, districts and their brokers
    # (network coverage), the user's own and group permissions (navigation)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few) == 11, [q["sql"] for q in many]
