"""The coordinator's network page, the broker's home and the network's forms
in a real browser, checked with axe-core (no serious or critical violation)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from districts.models import District
from tests.brokers.network.network_world import log, meeting, organisations
from tests.browser.pages import assert_accessible, log_in
from tests.factories import PASSWORD, UserFactory

# live_server needs committed data; serialized_rollback keeps the districts
# and service types that data migrations created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def coordinator():
    return UserFactory(username="coordinator", role=Role.NETWORK_COORDINATOR)


@pytest.fixture
def broker():
    besaya = District.objects.get(slug="besaya")
    return UserFactory(username="broker", role=Role.INNOVATION_BROKER, district=besaya)


@pytest.fixture
def year_of_services(broker, coordinator):
    """Services this year in Besaya, Santander and two rural districts, an
    overdue follow-up and a meeting held last month."""
    today = timezone.localdate()
    year = today.year
    reached = organisations(3)
    for month in range(1, today.month + 1):
        log("besaya", date(year, month, 1), organisations=reached[:2], broker=broker)
        log("santander", date(year, month, 2), organisations=reached[1:])
        if month % 2:
            log("liebana", date(year, month, 3), organisations=organisations(1, "liebana"))
    log(
        "trasmiera",
        today - timedelta(days=40),
        follow_up_on=today - timedelta(days=3),
        organisations=reached[:1],
    )
    meeting(today - timedelta(days=30), by=coordinator, location="Torrelavega")
    return year


def test_the_network_page_is_accessible(page, live_server, coordinator, year_of_services):
    log_in(page, live_server.url, coordinator.username, PASSWORD)
    page.goto(f"{live_server.url}/brokers/network/?year={year_of_services}")

    assert page.locator("h1").inner_text().strip().endswith(str(year_of_services))
    totals = page.locator("section[aria-labelledby=totals-title]")
    # the map of the districts and the chart of the totals
    assert totals.locator("svg[role=img]").count() == 2
    besaya = totals.locator("tbody tr", has=page.locator("th a[href='/brokers/districts/besaya/']"))
    assert besaya.locator("td a[href^='/brokers/services/?district=besaya']").is_visible()
    assert page.locator("#inactive-title").is_visible()
    assert page.locator("#overdue-title").is_visible()
    assert_accessible(page)

    # A district's monthly chart, opened.
    page.locator("details summary").first.click()
    assert page.locator("details[open] svg[role=img]").count() == 1
    assert_accessible(page)


def test_the_broker_home_and_district_form_are_accessible(
    page, live_server, broker, year_of_services
):
    log_in(page, live_server.url, broker.username, PASSWORD)
    assert page.locator("a.btn[href='/brokers/services/new/']").is_visible()
    assert page.locator("#next-meeting-title").is_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/brokers/districts/besaya/services/")
    page.locator("input[type=checkbox]").first.check()
    page.locator("textarea").first.fill("Con la Cámara de Comercio de Torrelavega")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.url.endswith("/brokers/districts/besaya/")
    assert page.get_by_text("Con la Cámara de Comercio de Torrelavega").is_visible()
    assert_accessible(page)


def test_the_meeting_pages_are_accessible(page, live_server, coordinator, year_of_services):
    log_in(page, live_server.url, coordinator.username, PASSWORD)
    page.goto(f"{live_server.url}/brokers/meetings/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/brokers/meetings/new/")
    assert page.locator("#id_date").input_value()  # the proposed date
    assert_accessible(page)
