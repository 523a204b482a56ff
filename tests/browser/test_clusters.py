"""A cluster manager adds members to their cluster in a real browser.

The acceptance test of the issue: "A browser test adds a member to a cluster
as the cluster manager and sees it in the member directory". The interface's
language depends on the browser and the catalogue, so links and buttons are
found by their address or role rather than by their text.
"""

import pytest
from django.utils import timezone
from stdnum.es import cif

from accounts.roles import Role
from tests.browser.pages import assert_accessible, log_in
from tests.factories import (
    PASSWORD,
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

# live_server needs committed data; serialized_rollback keeps the districts
# that a data migration created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLUSTER_LIST_URL = "/clusters/"
DIRECTORY_URL = "/clusters/members/"
EXISTING_MEMBERS = ["Aceros de Reinosa S.A.", "Universidad de Cantabria"]


@pytest.fixture
def manager():
    return UserFactory(username="manager", role=Role.CLUSTER_MANAGER)


@pytest.fixture
def cluster(manager):
    cluster = ClusterFactory(
        name="Clúster de Automoción de Cantabria",
        acronym="GIRA",
        slug="gira",
        cluster_manager=manager,
    )
    for legal_name in EXISTING_MEMBERS:
        MembershipFactory(cluster=cluster, organisation=OrganisationFactory(legal_name=legal_name))
    return cluster


@pytest.fixture
def other_cluster():
    return ClusterFactory(name="Clúster Agroalimentario", acronym="AGRO")


@pytest.fixture
def newcomer():
    """An organisation already in the portal, not yet a member of any cluster."""
    return OrganisationFactory(legal_name="Conservas del Cantábrico S.L.")


def cluster_url(cluster):
    return f"/clusters/{cluster.slug}/"


def add_member_url(cluster):
    return f"/clusters/{cluster.slug}/members/add/"


def submit(page):
    """Submit the page's main form and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()


def members_table(page):
    return page.locator("section[aria-labelledby=members-title] table tbody")


def directory_row(page, legal_name):
    return page.locator("main table tbody tr", has_text=legal_name)


def fill_start_date(page, date):
    start_date = page.locator("#id_start_date")
    assert start_date.get_attribute("type") == "date"
    start_date.fill(date.isoformat())


def open_member_search(page, base_url, cluster):
    """From the cluster page, follow the "Add a member" button to step 1."""
    page.goto(f"{base_url}{cluster_url(cluster)}")
    with page.expect_navigation():
        page.locator(f"main a[href='{add_member_url(cluster)}']").click()
    assert page.url == f"{base_url}{add_member_url(cluster)}"


def test_manager_adds_an_organisation_and_sees_it_in_the_directory(
    page, live_server, manager, cluster, newcomer
):
    log_in(page, live_server.url, manager.username, PASSWORD)
    page.goto(f"{live_server.url}{cluster_url(cluster)}")
    for legal_name in EXISTING_MEMBERS:
        assert members_table(page).get_by_role("link", name=legal_name, exact=True).is_visible()
    assert newcomer.legal_name not in members_table(page).inner_text()
    assert_accessible(page)

    # Step 1: find the organisation.
    open_member_search(page, live_server.url, cluster)
    assert_accessible(page)
    page.fill("#organisation-search", "Conservas")
    with page.expect_navigation():
        page.locator("form[role=search] [type=submit]").click()
    results = page.locator("main .list-group-item")
    assert results.count() == 1
    assert newcomer.legal_name in results.inner_text()
    assert_accessible(page)
    with page.expect_navigation():
        results.locator(f"a[href*='organisation={newcomer.pk}']").click()

    # Step 2: the membership.
    assert page.locator("main strong", has_text=newcomer.legal_name).is_visible()
    assert_accessible(page)
    start = timezone.localdate().replace(day=1)
    fill_start_date(page, start)
    submit(page)

    assert page.url == f"{live_server.url}{cluster_url(cluster)}"
    assert newcomer.legal_name in page.locator("main .alert-success").inner_text()
    row = members_table(page).locator("tr", has_text=newcomer.legal_name)
    assert row.count() == 1
    assert members_table(page).locator("tr").count() == len(EXISTING_MEMBERS) + 1
    assert_accessible(page)
    membership = newcomer.memberships.get()
    assert (membership.cluster, membership.kind, membership.start_date) == (cluster, "full", start)

    page.goto(f"{live_server.url}{DIRECTORY_URL}?cluster={cluster.pk}")
    row = directory_row(page, newcomer.legal_name)
    assert row.count() == 1
    assert row.get_by_role("link", name=newcomer.legal_name, exact=True).get_attribute("href") == (
        f"/clusters/organisations/{newcomer.pk}/"
    )
    assert row.get_by_role("link", name=cluster.acronym, exact=True).is_visible()
    assert page.locator("main table tbody tr").count() == len(EXISTING_MEMBERS) + 1
    assert_accessible(page)


def test_manager_adds_a_new_organisation_then_its_membership(page, live_server, manager, cluster):
    legal_name = "Talleres Mecánicos del Besaya S.L."
    body = "B3971234"
    tax_id = body + cif.calc_check_digits(body)[0]
    log_in(page, live_server.url, manager.username, PASSWORD)
    open_member_search(page, live_server.url, cluster)

    new_organisation = page.locator("main a[href^='/clusters/organisations/new/']")
    assert new_organisation.get_attribute("href") == (
        f"/clusters/organisations/new/?next={add_member_url(cluster)}"
    )
    with page.expect_navigation():
        new_organisation.click()
    assert_accessible(page)
    page.fill("#id_legal_name", legal_name)
    page.fill("#id_tax_id", tax_id)
    page.select_option("#id_helix_type", "company")
    page.select_option("#id_size_class", "micro")
    page.select_option("#id_district", label="Besaya")
    page.fill("#id_municipality", "Los Corrales de Buelna")
    submit(page)

    # Back on step 2 with the new organisation chosen.
    assert page.url.startswith(f"{live_server.url}{add_member_url(cluster)}?organisation=")
    assert page.locator("main strong", has_text=legal_name).is_visible()
    assert page.locator("#id_start_date").input_value() == timezone.localdate().isoformat()
    assert_accessible(page)
    submit(page)

    assert page.url == f"{live_server.url}{cluster_url(cluster)}"
    assert members_table(page).locator("tr", has_text=legal_name).count() == 1

    page.goto(f"{live_server.url}{DIRECTORY_URL}?cluster={cluster.pk}")
    row = directory_row(page, legal_name)
    assert row.count() == 1
    assert "Besaya" in row.inner_text()
    assert row.get_by_role("link", name=cluster.acronym, exact=True).is_visible()


@pytest.mark.parametrize(
    "path", [CLUSTER_LIST_URL, DIRECTORY_URL], ids=["cluster-list", "member-directory"]
)
def test_cluster_lists_are_accessible(page, live_server, manager, cluster, other_cluster, path):
    log_in(page, live_server.url, manager.username, PASSWORD)
    page.goto(f"{live_server.url}{path}")
    assert page.locator("main table tbody tr").count() >= 1
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [CLUSTER_LIST_URL, "/clusters/gira/", DIRECTORY_URL],
    ids=["cluster-list", "cluster-page", "member-directory"],
)
def test_cluster_pages_fit_a_phone_screen(page, live_server, manager, cluster, path):
    """Wide tables scroll inside their wrapper; the page itself never scrolls sideways."""
    log_in(page, live_server.url, manager.username, PASSWORD)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}{path}")
    assert page.locator("main table tbody tr").count() >= 1
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page is {widths[0]}px wide on a {widths[1]}px screen"


def test_manager_cannot_edit_another_cluster(page, live_server, manager, cluster, other_cluster):
    log_in(page, live_server.url, manager.username, PASSWORD)

    # They may read the other cluster's page, but it offers them no changes.
    page.goto(f"{live_server.url}{cluster_url(other_cluster)}")
    assert page.locator(f"main a[href='{add_member_url(other_cluster)}']").count() == 0
    assert page.locator(f"main a[href='/clusters/{other_cluster.slug}/edit/']").count() == 0

    response = page.goto(f"{live_server.url}/clusters/{other_cluster.slug}/edit/")
    assert response.status == 403
    assert page.locator("main form[method=post]").count() == 0
    assert_accessible(page)

    response = page.goto(f"{live_server.url}{add_member_url(other_cluster)}")
    assert response.status == 403
