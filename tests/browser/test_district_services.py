"""A broker logs a service from their phone, adding a new organisation on the way.

The acceptance test of the issue: "A broker logs a service with a new
organisation from the quick-log form in a browser test (phone-sized
viewport), and cannot open another district's record", and axe-core finds no
serious or critical violation on the quick-log form. Elements are found by id
or address, not by their text, which depends on the browser's language.
"""

import pytest
from django.utils import timezone

from accounts.roles import Role
from brokers.network.models import DistrictService
from clusters.models import Organisation
from districts.models import District
from tests.browser.pages import assert_accessible, log_in
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

# live_server needs committed data; serialized_rollback keeps the districts
# and service types that data migrations created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
LIST_URL = "/brokers/services/"
NEW_URL = "/brokers/services/new/"
NEW_ORGANISATION = "Anchoas Artesanas del Besaya S.L."
NEW_TAX_ID = "A39777776"  # a valid CIF that the factories never hand out


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def broker():
    besaya = District.objects.get(slug="besaya")
    OrganisationFactory(legal_name="Sniace Química S.A.", district=besaya)
    return UserFactory(username="besaya-broker", role=Role.INNOVATION_BROKER, district=besaya)


@pytest.fixture
def other_districts_record():
    from tests.brokers.network.test_service_records import make_service

    return make_service("liebana")


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_broker_logs_a_service_with_a_new_organisation_on_a_phone(
    phone, live_server, broker, other_districts_record
):
    page = phone
    log_in(page, live_server.url, broker.username, PASSWORD)

    # From the list, the "Log a service" button.
    page.goto(f"{live_server.url}{LIST_URL}")
    with page.expect_navigation():
        page.locator(f"main a[href='{NEW_URL}']").first.click()
    assert page.url == f"{live_server.url}{NEW_URL}"
    assert fits_the_screen(page)
    # The defaults: today, a visit, one hour; the rest folded away.
    assert page.locator("#id_date").input_value() == timezone.localdate().isoformat()
    assert page.locator("input[name=channel][value=visit]").is_checked()
    assert page.locator("#id_hours").input_value() == "1"
    assert not page.locator("#id_follow_up_on").is_visible()
    assert not page.locator("#id_new-legal_name").is_visible()
    assert_accessible(page)

    page.select_option("#id_service_type", label="Tailored advice, including funding programmes")
    page.locator("#new-organisation summary").click()
    page.fill("#id_new-legal_name", NEW_ORGANISATION)
    page.fill("#id_new-tax_id", NEW_TAX_ID)
    page.select_option("#id_new-helix_type", "company")
    page.select_option("#id_new-size_class", "micro")
    page.locator("input[name=channel][value=phone]").check()
    page.fill("#id_hours", "1.5")
    page.fill("#id_outcome", "Cheques de innovación: solicitud en preparación.")
    page.locator("#more-details summary").click()
    assert fits_the_screen(page)
    assert_accessible(page)  # with both folded blocks open
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()

    # The record's page, with the new organisation.
    service = DistrictService.objects.get(broker=broker)
    assert page.url == f"{live_server.url}/brokers/services/{service.pk}/"
    assert page.locator("main .alert-success").is_visible()
    organisation = Organisation.objects.get(tax_id=NEW_TAX_ID)
    assert organisation.district.slug == "besaya"
    assert page.locator(f"main a[href='/clusters/organisations/{organisation.pk}/']").is_visible()
    assert (service.broker, service.district.slug, service.channel) == (broker, "besaya", "phone")
    assert list(service.organisations.all()) == [organisation]
    assert page.locator(f"main a[href='{NEW_URL}']").is_visible()  # log another
    assert fits_the_screen(page)
    assert_accessible(page)

    # The list shows it, and only their own district's records.
    page.goto(f"{live_server.url}{LIST_URL}")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    assert rows.locator(f"a[href='/brokers/services/{service.pk}/']").is_visible()
    assert_accessible(page)

    # Another district's record is not theirs to know about.
    response = page.goto(f"{live_server.url}/brokers/services/{other_districts_record.pk}/")
    assert response.status == 404


def test_a_quick_log_with_errors_keeps_what_was_typed(phone, live_server, broker):
    page = phone
    log_in(page, live_server.url, broker.username, PASSWORD)
    page.goto(f"{live_server.url}{NEW_URL}")
    page.locator("#new-organisation summary").click()
    page.fill("#id_new-legal_name", NEW_ORGANISATION)
    page.fill("#id_new-tax_id", "B12345678")  # not a valid tax id
    page.fill("#id_outcome", "Visita a planta")
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()

    assert page.url == f"{live_server.url}{NEW_URL}"
    assert page.locator("#form-errors").is_visible()
    assert page.locator("#id_new-legal_name").is_visible()  # the block stays open
    assert page.locator("#id_new-legal_name").input_value() == NEW_ORGANISATION
    assert page.locator("#id_new-tax_id").input_value() == "B12345678"
    assert page.locator("#id_outcome").input_value() == "Visita a planta"
    assert not DistrictService.objects.exists()
    assert_accessible(page)
