"""Organisations: creating and editing them, and their contact persons' personal data."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from stdnum.es import cif

from accounts.roles import Role
from clusters.models import ContactPerson, HelixType, Organisation, SizeClass
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
CREATE_URL = "/clusters/organisations/new/"


def company_tax_id(number):
    """A valid CIF of a Cantabrian limited company (B39…), outside the factory's range."""
    body = f"B39{number:05d}"
    return body + cif.calc_check_digits(body)[0]


def organisation_data(district, **values):
    return {
        "legal_name": "Conservas del Cantábrico S.A.",
        "short_name": "",
        "tax_id": company_tax_id(91001),
        "helix_type": HelixType.COMPANY,
        "size_class": SizeClass.SMALL,
        "district": district.pk,
        "municipality": "Santoña",
        "nace_code": "",
        "website": "",
        **values,
    }


@pytest.fixture
def office(client_for, people):
    return client_for(people[Role.OFFICE_STAFF])


@pytest.fixture
def managed_cluster(people):
    return ClusterFactory(cluster_manager=people[Role.CLUSTER_MANAGER])


# Creating an organisation


def test_office_staff_create_a_company_with_the_tax_id_normalised(office, besaya):
    tax_id = company_tax_id(91234)
    typed = f"{tax_id[0].lower()}-{tax_id[1:8]}-{tax_id[8]}"
    response = office.post(CREATE_URL, organisation_data(besaya, tax_id=typed))
    organisation = Organisation.objects.get(legal_name="Conservas del Cantábrico S.A.")
    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert organisation.tax_id == tax_id
    assert organisation.size_class == SizeClass.SMALL
    assert organisation.district == besaya


def test_a_cluster_manager_with_a_cluster_may_create_an_organisation(
    client_for, people, managed_cluster, besaya
):
    client = client_for(people[Role.CLUSTER_MANAGER])
    assert client.get(CREATE_URL).status_code == 200
    response = client.post(CREATE_URL, organisation_data(besaya))
    assert response.status_code == 302
    assert Organisation.objects.filter(legal_name="Conservas del Cantábrico S.A.").exists()


def test_a_cluster_manager_without_a_cluster_may_not(client_for, people, besaya):
    client = client_for(people[Role.CLUSTER_MANAGER])
    assert client.post(CREATE_URL, organisation_data(besaya)).status_code == 403
    assert not Organisation.objects.exists()


def test_an_invalid_tax_id_is_refused(office, besaya):
    valid = company_tax_id(91234)
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    response = office.post(CREATE_URL, organisation_data(besaya, tax_id=wrong))
    assert response.status_code == 200
    assert "tax_id" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_the_tax_id_of_an_existing_organisation_is_refused(office, besaya):
    existing = OrganisationFactory(tax_id=company_tax_id(91234))
    response = office.post(CREATE_URL, organisation_data(besaya, tax_id=existing.tax_id.lower()))
    assert response.status_code == 200
    assert not response.context["form"].is_valid()
    assert list(Organisation.objects.all()) == [existing]


def test_the_duplicate_tax_id_error_is_shown_on_the_tax_id(office, besaya):
    existing = OrganisationFactory(tax_id=company_tax_id(91234))
    response = office.post(CREATE_URL, organisation_data(besaya, tax_id=existing.tax_id))
    assert list(response.context["form"].errors) == ["tax_id"]


def test_a_very_similar_name_asks_for_confirmation(office, besaya):
    existing = OrganisationFactory(legal_name="Industrias Montañesas 0 S.L.")
    data = organisation_data(besaya, legal_name="Industrias Montañesas 0 SL")
    response = office.post(CREATE_URL, data)
    form = response.context["form"]
    assert response.status_code == 200
    assert "legal_name" in form.errors
    assert form.similar == [existing]
    assert Organisation.objects.count() == 1

    response = office.post(CREATE_URL, {**data, "confirm_not_duplicate": "on"})
    assert response.status_code == 302
    assert Organisation.objects.filter(legal_name="Industrias Montañesas 0 SL").exists()


def test_a_different_name_needs_no_confirmation(office, besaya):
    OrganisationFactory(legal_name="Industrias Montañesas 0 S.L.")
    response = office.post(CREATE_URL, organisation_data(besaya))
    assert response.status_code == 302
    assert Organisation.objects.count() == 2


def test_a_company_needs_a_size_class(office, besaya):
    response = office.post(CREATE_URL, organisation_data(besaya, size_class=""))
    assert response.status_code == 200
    assert "size_class" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_other_organisations_are_saved_without_a_size_class(office, besaya):
    data = organisation_data(
        besaya,
        legal_name="Universidad de Cantabria",
        tax_id="",
        helix_type=HelixType.UNIVERSITY,
        size_class=SizeClass.LARGE,
    )
    assert office.post(CREATE_URL, data).status_code == 302
    university = Organisation.objects.get(legal_name="Universidad de Cantabria")
    assert university.size_class == ""
    assert university.tax_id == ""


def test_next_returns_to_the_asking_page_with_the_organisation_chosen(office, besaya):
    cluster = ClusterFactory()
    next_url = f"/clusters/{cluster.slug}/members/add/"
    assert office.get(CREATE_URL, {"next": next_url}).context["next"] == next_url
    response = office.post(CREATE_URL, {**organisation_data(besaya), "next": next_url})
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == f"{next_url}?organisation={organisation.pk}"


def test_an_off_site_next_is_ignored(office, besaya):
    response = office.post(
        CREATE_URL, {**organisation_data(besaya), "next": "https://evil.example/"}
    )
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()


# Editing an organisation and its contact persons


def contacts_management(total, initial):
    return {
        "contacts-TOTAL_FORMS": str(total),
        "contacts-INITIAL_FORMS": str(initial),
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }


def test_office_staff_edit_an_organisation_and_add_a_contact(office, besaya):
    organisation = OrganisationFactory(legal_name="Conservas del Cantábrico S.A.")
    kept = ContactPerson.objects.create(organisation=organisation, name="Ana Ruiz")
    data = {
        **organisation_data(besaya, tax_id=organisation.tax_id, short_name="Conservas"),
        **contacts_management(total=2, initial=1),
        "contacts-0-id": kept.pk,
        "contacts-0-name": "Ana Ruiz",
        "contacts-0-role": "",
        "contacts-0-email": "",
        "contacts-0-phone": "",
        "contacts-1-name": "Luis Gómez",
        "contacts-1-role": "Gerente",
        "contacts-1-email": "luis@conservas.example",
        "contacts-1-phone": "942 000 000",
    }
    response = office.post(f"/clusters/organisations/{organisation.pk}/edit/", data)
    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    organisation.refresh_from_db()
    assert organisation.short_name == "Conservas"
    contacts = {c.name: c for c in organisation.contacts.all()}
    assert set(contacts) == {"Ana Ruiz", "Luis Gómez"}
    assert contacts["Luis Gómez"].email == "luis@conservas.example"
    assert contacts["Luis Gómez"].role == "Gerente"


def test_editing_keeps_a_similar_name_without_confirmation(office, besaya):
    OrganisationFactory(legal_name="Industrias Montañesas 0 S.L.")
    organisation = OrganisationFactory(legal_name="Industrias Montañesas 0 S.A.")
    data = {
        **organisation_data(besaya, legal_name=organisation.legal_name, tax_id=organisation.tax_id),
        **contacts_management(total=0, initial=0),
    }
    response = office.post(f"/clusters/organisations/{organisation.pk}/edit/", data)
    assert response.status_code == 302


# Who sees the contact persons


@pytest.fixture
def organisation_with_contact():
    organisation = OrganisationFactory()
    ContactPerson.objects.create(
        organisation=organisation, name="Ana Ruiz", email="ana@example.org"
    )
    return organisation


def contacts_seen_by(client, organisation):
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    return response.context["contacts"]


def test_office_staff_see_the_contacts(office, organisation_with_contact):
    contacts = contacts_seen_by(office, organisation_with_contact)
    assert [c.name for c in contacts] == ["Ana Ruiz"]


def test_the_manager_of_a_cluster_it_belongs_to_sees_the_contacts(
    client_for, people, managed_cluster, organisation_with_contact
):
    MembershipFactory(organisation=organisation_with_contact, cluster=managed_cluster)
    client = client_for(people[Role.CLUSTER_MANAGER])
    contacts = contacts_seen_by(client, organisation_with_contact)
    assert [c.name for c in contacts] == ["Ana Ruiz"]


def test_the_manager_of_another_cluster_does_not(
    client_for, people, managed_cluster, organisation_with_contact
):
    MembershipFactory(organisation=organisation_with_contact, cluster=ClusterFactory())
    client = client_for(people[Role.CLUSTER_MANAGER])
    assert contacts_seen_by(client, organisation_with_contact) is None


def test_the_manager_of_a_cluster_it_has_left_does_not(
    client_for, people, managed_cluster, organisation_with_contact
):
    today = timezone.localdate()
    MembershipFactory(
        organisation=organisation_with_contact,
        cluster=managed_cluster,
        start_date=today - timedelta(days=400),
        end_date=today - timedelta(days=1),
        end_reason="left",
    )
    client = client_for(people[Role.CLUSTER_MANAGER])
    assert contacts_seen_by(client, organisation_with_contact) is None


@pytest.mark.parametrize(
    "role",
    [
        Role.GOVERNMENT_OFFICIAL,
        Role.NETWORK_COORDINATOR,
        Role.ADVISORY_COMMITTEE,
        Role.INNOVATION_BROKER,
    ],
)
def test_other_roles_do_not_see_the_contacts(client_for, people, organisation_with_contact, role):
    MembershipFactory(organisation=organisation_with_contact)
    assert contacts_seen_by(client_for(people[role]), organisation_with_contact) is None


# Exporting and erasing a contact's personal data


@pytest.fixture
def contact(managed_cluster):
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, cluster=managed_cluster)
    person = ContactPerson.objects.create(
        organisation=organisation, name="Ana Ruiz", email="ana@example.org", phone="600000000"
    )
    person.email = "ana.ruiz@example.org"
    person.role = "Directora"
    person.save()
    return person


def test_office_staff_export_a_contacts_data(office, contact):
    assert office.get(f"/clusters/contacts/{contact.pk}/export/").status_code == 405
    response = office.post(f"/clusters/contacts/{contact.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (f'attachment; filename="contact-{contact.pk}.json"')
    data = json.loads(response.content)
    assert data["name"] == "Ana Ruiz"
    assert data["email"] == "ana.ruiz@example.org"
    assert [row["email"] for row in data["history"]] == ["ana@example.org", "ana.ruiz@example.org"]
    latest = contact.history.latest()
    assert latest.history_change_reason == "Personal data exported"
    assert contact.history.count() == 3


def test_a_cluster_manager_may_not_export_a_contact(client_for, people, contact):
    client = client_for(people[Role.CLUSTER_MANAGER])
    assert client.post(f"/clusters/contacts/{contact.pk}/export/").status_code == 403
    assert contact.history.count() == 2


def test_erasing_asks_for_confirmation_first(office, contact):
    response = office.get(f"/clusters/contacts/{contact.pk}/erase/")
    assert response.status_code == 200
    assert response.context["contact"] == contact
    contact.refresh_from_db()
    assert contact.name == "Ana Ruiz"
    assert contact.erased_at is None
    assert contact.history.count() == 2


def test_erasing_anonymises_the_contact_and_its_history(office, contact):
    office.post(f"/clusters/contacts/{contact.pk}/export/")
    response = office.post(f"/clusters/contacts/{contact.pk}/erase/")
    assert response.status_code == 302
    assert response.url == contact.organisation.get_absolute_url()
    contact.refresh_from_db()
    assert (contact.name, contact.email, contact.phone, contact.role) == ("—", "", "", "")
    assert contact.erased_at is not None
    history = list(contact.history.all())
    assert len(history) == 4
    for record in history:
        assert record.name == "—"
        assert "ana" not in record.email
        assert record.phone == ""
        assert record.role == ""
    assert contact.history.filter(history_change_reason="Personal data erased").exists()


def test_only_office_staff_erase_contacts(client_for, people, contact):
    # Even the manager of the organisation's own cluster is refused.
    client = client_for(people[Role.CLUSTER_MANAGER])
    assert client.get(f"/clusters/contacts/{contact.pk}/erase/").status_code == 403
    assert client.post(f"/clusters/contacts/{contact.pk}/erase/").status_code == 403
    contact.refresh_from_db()
    assert contact.name == "Ana Ruiz"
    assert contact.erased_at is None


def test_contacts_cannot_be_deleted_only_erased(office):
    from clusters.forms import ContactFormSet

    assert not ContactFormSet.can_delete
