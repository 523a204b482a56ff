"""What each role sees, logged in through the real form in a real browser."""

import pytest

from accounts.roles import Role
from districts.models import District
from tests.browser.pages import assert_accessible, log_in, switch_language
from tests.factories import PASSWORD, UserFactory

# live_server needs committed data; serialized_rollback keeps the districts
# that a data migration created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PEOPLE_URL = "/accounts/people/"
DISTRICTS_URL = "/brokers/districts/"


@pytest.fixture
def office_staff():
    return UserFactory(username="office", role=Role.OFFICE_STAFF)


@pytest.fixture
def broker():
    besaya = District.objects.get(slug="besaya")
    return UserFactory(username="broker", role=Role.INNOVATION_BROKER, district=besaya)


def nav_link(page, href):
    return page.locator(f"nav a.nav-link[href='{href}']")


def menu_link(page, href):
    """A link inside one of the navigation's drop-down menus."""
    return page.locator(f"nav a.dropdown-item[href='{href}']")


def menu_of(page, href):
    """The drop-down menu (its toggle button) that holds the link to href."""
    item = page.locator(f"a.dropdown-item[href='{href}']")
    return page.locator("nav .dropdown", has=item).locator("button")


def open_menu_of(page, href):
    menu_of(page, href).click()


def test_login_page_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("#id_username").is_visible()
    assert_accessible(page)


def test_office_staff_sees_people_and_districts(page, live_server, office_staff, broker):
    log_in(page, live_server.url, office_staff.username, PASSWORD)

    assert nav_link(page, PEOPLE_URL).is_visible()
    assert menu_link(page, DISTRICTS_URL).count() == 1
    panel = page.locator("section[aria-labelledby=people-title]")
    assert panel.is_visible()
    # One card per role, each counting that role's people and opening their list.
    cards = panel.locator(f"a[href^='{PEOPLE_URL}?role=']")
    assert cards.count() == len(Role)
    staff_card = panel.locator(f"a[href='{PEOPLE_URL}?role={Role.OFFICE_STAFF.value}']")
    assert staff_card.locator(".display-6").inner_text().strip() == "1"
    assert_accessible(page)

    switch_language(page, "en")
    assert nav_link(page, PEOPLE_URL).inner_text().strip() == "People"
    assert menu_link(page, DISTRICTS_URL).text_content().strip() == "Districts"
    assert page.locator("#people-title").inner_text().strip() == "People in the portal"

    open_menu_of(page, DISTRICTS_URL)
    menu_link(page, DISTRICTS_URL).click()
    page.wait_for_url(f"**{DISTRICTS_URL}")
    assert page.locator("h1").inner_text().strip() == "Districts"
    assert page.get_by_role("link", name="Besaya").is_visible()
    # The menu holding the current page is marked active.
    assert "active" in menu_of(page, DISTRICTS_URL).get_attribute("class")
    assert_accessible(page)

    nav_link(page, PEOPLE_URL).click()
    page.wait_for_url(f"**{PEOPLE_URL}")
    assert page.locator("h1").inner_text().strip() == "People"
    rows = page.locator("main table tbody tr")
    assert rows.count() == 2
    assert page.locator("main table tbody", has_text=broker.username).is_visible()
    assert_accessible(page)


def test_broker_sees_their_district_but_not_people(page, live_server, broker):
    log_in(page, live_server.url, broker.username, PASSWORD)

    your_district = page.locator("section[aria-labelledby=district-title]")
    assert your_district.get_by_role("link", name="Besaya").get_attribute("href") == (
        "/brokers/districts/besaya/"
    )
    # In the network table their own district's row stands out and names them.
    own_row = page.locator("section[aria-labelledby=network-title] tr.table-primary")
    assert own_row.count() == 1
    assert "Besaya" in own_row.inner_text()
    assert broker.get_full_name() in own_row.inner_text()
    assert menu_link(page, DISTRICTS_URL).count() == 1
    assert nav_link(page, PEOPLE_URL).count() == 0
    assert page.locator("section[aria-labelledby=people-title]").count() == 0
    assert_accessible(page)

    response = page.goto(f"{live_server.url}{PEOPLE_URL}")
    assert response.status == 403
    assert page.locator("main a[href='/']").is_visible()
    assert page.locator("main table").count() == 0
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/", DISTRICTS_URL], ids=["home", "districts"])
def test_first_tab_focuses_the_skip_link(page, live_server, office_staff, path):
    # Not on the login page: Django autofocuses its user name field there.
    log_in(page, live_server.url, office_staff.username, PASSWORD)
    page.goto(f"{live_server.url}{path}")

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.get_attribute("href") == "#main"
    box = focused.bounding_box()
    assert box["width"] > 10 and box["height"] > 10, "the focused skip link must be shown"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_login_page_focuses_the_user_name(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.evaluate("document.activeElement.id") == "id_username"
