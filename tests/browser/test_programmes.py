"""A programme goes from office staff to a government official in a real browser.

The acceptance test of the issue: "a browser test walks submit → approve".
The interface's language depends on the browser and the catalogue, so links
and buttons are found by their address rather than by their text.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from programmes import services
from programmes.models import (
    Action,
    ActionStatus,
    Expenditure,
    Measure,
    Programme,
    ProgrammeStatus,
    ProgrammeTransition,
)
from tests.browser.pages import assert_accessible, log_in
from tests.factories import PASSWORD, ClusterFactory, UserFactory

# live_server needs committed data; serialized_rollback keeps the districts
# that a data migration created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ACTION_LIST_URL = "/programmes/actions/"
TIMELINE_URL = "/programmes/actions/timeline/"
SPENDING_URL = "/programmes/spending/"
BUDGET = {
    (2026, "human_resources"): Decimal("40000"),
    (2026, "travel"): Decimal("5000"),
    (2027, "training"): Decimal("12000"),
    (2028, "consultancy"): Decimal("8000"),
}


@pytest.fixture
def office():
    return UserFactory(username="office", role=Role.OFFICE_STAFF)


@pytest.fixture
def official():
    return UserFactory(username="official", role=Role.GOVERNMENT_OFFICIAL)


@pytest.fixture
def cluster():
    return ClusterFactory(name="Clúster de Automoción de Cantabria", acronym="GIRA", slug="gira")


@pytest.fixture
def programme(cluster):
    """A draft programme, ready to be submitted: clusters chosen, budget planned."""
    programme = Programme.objects.create(
        title="Programa de prueba 2026-2029",
        start_year=2026,
        objectives="Consolidar los clústeres inmaduros.\nAbrirlos a mercados exteriores.",
    )
    programme.clusters.set([cluster])
    services.save_budget(programme=programme, amounts=BUDGET)
    return programme


@pytest.fixture
def submitted(programme, office):
    services.change_status(
        programme=programme, transition=services.TRANSITIONS["submit"], by=office
    )
    programme.refresh_from_db()
    return programme


def programme_url(programme):
    return f"/programmes/{programme.pk}/"


def transition_url(programme, name):
    return f"/programmes/{programme.pk}/status/{name}/"


def budget_url(programme):
    return f"/programmes/{programme.pk}/budget/"


def main_link(page, href):
    return page.locator(f"main a[href='{href}']")


def submit(page):
    """Submit the page's main form and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()


def log_out(page):
    """Log out with the form in the nav's user menu."""
    menu = page.locator("nav .dropdown:has(form[action='/accounts/logout/'])")
    menu.locator(".dropdown-toggle").click()
    with page.expect_navigation():
        menu.locator("form [type=submit]").click()
    assert "/accounts/login/" in page.url


def take_transition(page, base_url, programme, name):
    """From the programme page, follow a transition's button and confirm it."""
    page.goto(f"{base_url}{programme_url(programme)}")
    with page.expect_navigation():
        main_link(page, transition_url(programme, name)).click()
    assert page.url == f"{base_url}{transition_url(programme, name)}"
    assert page.locator("main form[method=post] #id_comment").is_visible()
    assert_accessible(page)
    submit(page)
    assert page.url == f"{base_url}{programme_url(programme)}"
    assert page.locator("main .alert-success").is_visible()


def test_office_submits_and_official_approves(page, live_server, office, official, programme):
    base = live_server.url

    # Office staff: the draft offers "submit" and the budget, never "approve".
    log_in(page, base, office.username, PASSWORD)
    page.goto(f"{base}{programme_url(programme)}")
    assert page.locator("main h1").inner_text().strip() == programme.title
    assert main_link(page, transition_url(programme, "submit")).is_visible()
    assert main_link(page, transition_url(programme, "approve")).count() == 0
    assert main_link(page, transition_url(programme, "return")).count() == 0
    assert main_link(page, budget_url(programme)).is_visible()
    assert_accessible(page)

    take_transition(page, base, programme, "submit")
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.SUBMITTED
    assert ProgrammeTransition.objects.filter(
        programme=programme, from_status="draft", to_status="submitted", by=office
    ).exists()
    # Submitted, it waits for the official: office staff can neither submit again nor approve.
    assert main_link(page, transition_url(programme, "submit")).count() == 0
    assert main_link(page, transition_url(programme, "approve")).count() == 0
    assert page.locator("section[aria-labelledby=transitions-title] li").count() == 1
    assert_accessible(page)
    # Nor can they open the approval by its address.
    response = page.goto(f"{base}{transition_url(programme, 'approve')}")
    assert response.status == 403
    log_out(page)

    # The official finds it on their home page, waiting for a decision.
    log_in(page, base, official.username, PASSWORD)
    waiting = page.locator("section[aria-labelledby=approval-title]")
    link = waiting.locator(f"a[href='{programme_url(programme)}']")
    assert link.inner_text().strip() == programme.title
    with page.expect_navigation():
        link.click()
    assert main_link(page, transition_url(programme, "approve")).is_visible()
    assert main_link(page, transition_url(programme, "return")).is_visible()
    assert main_link(page, transition_url(programme, "submit")).count() == 0
    assert main_link(page, budget_url(programme)).count() == 0
    assert_accessible(page)

    take_transition(page, base, programme, "approve")
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.APPROVED
    approval = programme.transitions.get(to_status=ProgrammeStatus.APPROVED)
    assert (approval.from_status, approval.by) == (ProgrammeStatus.SUBMITTED, official)
    assert main_link(page, transition_url(programme, "approve")).count() == 0
    assert main_link(page, transition_url(programme, "return")).count() == 0
    assert page.locator("section[aria-labelledby=transitions-title] li").count() == 2
    assert_accessible(page)

    # Nothing waits for the official any more.
    page.goto(f"{base}/")
    waiting = page.locator("section[aria-labelledby=approval-title]")
    assert waiting.locator(f"a[href='{programme_url(programme)}']").count() == 0
    log_out(page)

    # Approved, the figures are locked: no budget editing for office staff.
    log_in(page, base, office.username, PASSWORD)
    page.goto(f"{base}{programme_url(programme)}")
    assert main_link(page, budget_url(programme)).count() == 0
    assert main_link(page, f"/programmes/{programme.pk}/edit/").count() == 0
    assert main_link(page, transition_url(programme, "activate")).is_visible()
    page.goto(f"{base}{budget_url(programme)}")
    assert page.url == f"{base}{programme_url(programme)}"
    assert page.locator("main .alert-danger[role=alert]").is_visible()
    assert programme.budget_lines.count() == len(BUDGET)


def test_official_returns_a_programme_only_with_a_comment(page, live_server, official, submitted):
    base = live_server.url
    log_in(page, base, official.username, PASSWORD)
    page.goto(f"{base}{transition_url(submitted, 'return')}")

    # Without a comment: the same page, with the error, and nothing recorded.
    submit(page)
    assert page.url == f"{base}{transition_url(submitted, 'return')}"
    assert page.locator("main #form-errors").is_visible()
    comment = page.locator("main #id_comment")
    assert comment.get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    submitted.refresh_from_db()
    assert submitted.status == ProgrammeStatus.SUBMITTED
    assert not submitted.transitions.filter(to_status=ProgrammeStatus.RETURNED).exists()

    reason = "Detallar el presupuesto de formación de 2027."
    comment.fill(reason)
    submit(page)
    assert page.url == f"{base}{programme_url(submitted)}"
    submitted.refresh_from_db()
    assert submitted.status == ProgrammeStatus.RETURNED
    returned = submitted.transitions.get(to_status=ProgrammeStatus.RETURNED)
    assert (returned.by, returned.comment) == (official, reason)
    history = page.locator("section[aria-labelledby=transitions-title]")
    assert reason in history.inner_text()
    assert_accessible(page)


def _month(today, shift):
    """The first day of the month `shift` months from today's."""
    index = today.year * 12 + today.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


@pytest.fixture
def actions():
    today = timezone.localdate()
    return [
        Action.objects.create(
            measure=Measure.CLUSTER_OFFICE,
            title="Diagnóstico de los clústeres inmaduros",
            planned_start=_month(today, -6),
            planned_end=_month(today, -2),
            owner="Oficina de Clústeres",
            status=ActionStatus.IN_PROGRESS,
            progress=60,
        ),
        Action.objects.create(
            measure=Measure.CLUSTER_OFFICE,
            title="Plan de internacionalización",
            planned_start=_month(today, -1),
            planned_end=_month(today, 5),
            owner="Oficina de Clústeres",
            status=ActionStatus.IN_PROGRESS,
            progress=20,
        ),
        Action.objects.create(
            measure=Measure.BROKER_NETWORK,
            title="Visitas de los agentes a las comarcas",
            planned_start=_month(today, 1),
            planned_end=_month(today, 8),
            owner="Red de Agentes de Innovación",
        ),
    ]


@pytest.fixture
def spending(programme, office, cluster):
    programme.status = ProgrammeStatus.ACTIVE
    programme.save(update_fields=["status"])
    return [
        services.record_expenditure(
            expenditure=Expenditure(
                programme=programme,
                date=date(2026, 3, 10),
                category="travel",
                amount=Decimal("1250.40"),
                supplier="Viajes Cantabria S.L.",
                description="Misión comercial a Stuttgart",
                cluster=cluster,
            ),
            by=office,
        ),
        services.record_expenditure(
            expenditure=Expenditure(
                programme=programme,
                date=date(2026, 5, 4),
                category="human_resources",
                amount=Decimal("3200"),
                supplier="Oficina de Clústeres",
                description="Técnica de dinamización, abril",
            ),
            by=office,
        ),
    ]


def test_action_plan_pages_are_accessible(page, live_server, office, actions):
    log_in(page, live_server.url, office.username, PASSWORD)
    page.goto(f"{live_server.url}{ACTION_LIST_URL}")
    assert page.locator("main table tbody tr").count() == len(actions)
    assert_accessible(page)

    page.goto(f"{live_server.url}{TIMELINE_URL}")
    chart = page.locator("main svg")
    assert chart.count() >= 1
    for action in actions:
        assert action.title in page.locator("main").inner_text()
    assert_accessible(page)


def test_spending_list_is_accessible(page, live_server, office, spending):
    log_in(page, live_server.url, office.username, PASSWORD)
    page.goto(f"{live_server.url}{SPENDING_URL}")
    rows = page.locator("main table tbody tr")
    assert rows.count() == len(spending)
    for expenditure in spending:
        assert rows.locator(f"a[href='{SPENDING_URL}{expenditure.pk}/']").count() == 1
    assert_accessible(page)


PHONE_PAGES = {
    "programme": programme_url,
    "timeline": lambda programme: TIMELINE_URL,
    "spending": lambda programme: SPENDING_URL,
}


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_programme_pages_fit_a_phone_screen(
    page, live_server, office, actions, spending, programme, name
):
    """Wide tables scroll inside their wrapper; the page itself never scrolls sideways."""
    log_in(page, live_server.url, office.username, PASSWORD)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}{PHONE_PAGES[name](programme)}")
    assert page.locator("main table tbody tr").count() >= 1
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page is {widths[0]}px wide on a {widths[1]}px screen"
