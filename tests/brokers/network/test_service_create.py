"""The broker's quick-log form: who may use it, its defaults and choices, the
quick-add of an organisation, and errors that keep what was typed."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from brokers.network.models import DistrictService
from clusters.models import Organisation
from tests.brokers.network.test_service_records import district, service_type
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
URL = "/brokers/services/new/"
# A valid CIF no factory hands out (they make B39…).
NEW_TAX_ID = "A39777776"


@pytest.fixture
def as_broker(client_for, broker):
    client = client_for(broker)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def company(besaya):
    return OrganisationFactory(legal_name="Sniace Química S.A.", district=besaya)


def data(**values):
    return {
        "service_type": service_type().pk,
        "organisations": [],
        "channel": "visit",
        "hours": "1.5",
        "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "outcome": "Presentado el programa de cheques de innovación.",
        **values,
    }


def form_of(response):
    return response.context["form"]


# Who may log


def test_a_broker_opens_the_form(as_broker):
    assert as_broker.get(URL).status_code == 200


@pytest.mark.parametrize("role", [r for r in Role if r != Role.INNOVATION_BROKER])
def test_every_other_role_is_refused(client_for, people, role):
    # The coordinator corrects records but does not log them.
    assert client_for(people[role]).get(URL).status_code == 403
    assert client_for(people[role]).post(URL, data()).status_code == 403


def test_a_broker_without_a_district_is_refused(client_for):
    assert client_for(UserFactory(role=Role.INNOVATION_BROKER)).get(URL).status_code == 403


# The form


def test_defaults_and_the_order_of_the_fields(as_broker):
    response = as_broker.get(URL)
    form = form_of(response)
    assert form["date"].value() == timezone.localdate()
    assert form["channel"].value() == "visit"
    assert form["hours"].value() == 1
    assert [f.name for f in form.main_fields] == [
        "service_type",
        "organisations",
        "channel",
        "hours",
        "date",
        "outcome",
    ]
    html = response.content.decode()
    # The rest is folded away under "More details", closed by default; no
    # district or broker to type.
    more = html[html.index('<details class="mb-3" id="more-details">') :]
    for name in ("follow_up_on", "knowledge_provider", "funding_programme", "cluster_project"):
        assert f'name="{name}"' in more
    assert 'name="district"' not in html
    assert 'name="broker"' not in html
    assert 'value=""  id="id_channel_0"' not in html  # no empty channel


def test_the_organisations_offered_are_the_districts(as_broker, company):
    OrganisationFactory(legal_name="Lejana S.L.", district=district("liebana"))
    choices = form_of(as_broker.get(URL)).fields["organisations"].queryset
    assert list(choices) == [company]


def test_knowledge_providers_are_universities_and_centres(as_broker):
    university = OrganisationFactory(helix_type="university", size_class="")
    centre = OrganisationFactory(helix_type="research_centre", size_class="")
    OrganisationFactory(helix_type="company")
    choices = form_of(as_broker.get(URL)).fields["knowledge_provider"].queryset
    assert set(choices) == {university, centre}


def test_projects_and_memberships_offered_are_bounded(as_broker, company):
    today = timezone.localdate()
    running = ProjectFactory()
    ended_long_ago = ProjectFactory(
        start_date=date(2019, 1, 1), end_date=date(2020, 1, 1), status="completed"
    )
    recent = MembershipFactory(organisation=company, start_date=today - timedelta(days=30))
    MembershipFactory(organisation=company, start_date=today - timedelta(days=800))
    MembershipFactory(
        organisation=OrganisationFactory(district=district("liebana")),
        start_date=today - timedelta(days=30),
    )
    form = form_of(as_broker.get(URL))
    projects = set(form.fields["cluster_project"].queryset)
    assert running in projects
    assert ended_long_ago not in projects
    assert list(form.fields["membership"].queryset) == [recent]


def test_the_choices_are_labelled_and_escaped(as_broker, besaya):
    # The lists are written by core/widgets.py, not Django's templates.
    odd = OrganisationFactory(legal_name="<script>alert(1)</script> S.L.", district=besaya)
    start = timezone.localdate() - timedelta(days=30)
    membership = MembershipFactory(organisation=odd, start_date=start)
    cluster = membership.cluster.acronym
    html = as_broker.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert f'<option value="{odd.pk}">&lt;script&gt;alert(1)&lt;/script&gt; S.L.</option>' in html
    assert (
        f'<option value="{membership.pk}">&lt;script&gt;alert(1)&lt;/script&gt; S.L. – '
        f"{cluster} ({start:%m/%Y})</option>"
    ) in html
    # What crispy adds stays: Bootstrap's class, the help text's id, the label's.
    select = re.search(r'<select name="organisations"[^>]*>', html).group(0)
    for attribute in (
        'size="6"',
        "form-select",
        'aria-describedby="id_organisations_helptext"',
        'id="id_organisations"',
        " multiple>",
    ):
        assert attribute in select


def test_the_form_takes_a_fixed_number_of_queries(as_broker, besaya, django_assert_num_queries):
    as_broker.get(URL)
    for _ in range(5):
        MembershipFactory(
            organisation=OrganisationFactory(district=besaya, helix_type="university"),
            start_date=timezone.localdate() - timedelta(days=30),
        )
    # session, user, the user's permissions and group permissions, the district,
    # then one per list: service types, organisations, knowledge providers,
    # projects, memberships
    with django_assert_num_queries(10):
        as_broker.get(URL)


# Logging


def test_a_broker_logs_a_service(as_broker, broker, besaya, company):
    response = as_broker.post(URL, data(organisations=[company.pk]), follow=True)
    service = DistrictService.objects.get()
    assert response.redirect_chain[-1][0] == f"/brokers/services/{service.pk}/"
    assert (service.broker, service.district, service.created_by) == (broker, besaya, broker)
    assert list(service.organisations.all()) == [company]
    assert service.hours == 1.5
    html = response.content.decode()
    assert "The service has been logged." in html
    assert 'href="/brokers/services/new/"' in html  # log another


def test_a_typed_district_is_ignored(as_broker, besaya, company):
    as_broker.post(URL, data(organisations=[company.pk], district=district("liebana").pk))
    assert DistrictService.objects.get().district == besaya


def test_another_districts_organisation_cannot_be_picked(as_broker):
    other = OrganisationFactory(district=district("liebana"))
    response = as_broker.post(URL, data(organisations=[other.pk]))
    assert response.status_code == 200
    assert form_of(response).errors["organisations"]
    assert not DistrictService.objects.exists()


def test_quick_add_a_new_organisation(as_broker, besaya):
    response = as_broker.post(
        URL,
        data(
            **{
                "new-legal_name": "Anchoas del Cantábrico S.L.",
                "new-tax_id": "a-3977 7776",
                "new-helix_type": "company",
                "new-size_class": "micro",
            }
        ),
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(legal_name="Anchoas del Cantábrico S.L.")
    assert (organisation.tax_id, organisation.district) == (NEW_TAX_ID, besaya)
    assert list(DistrictService.objects.get().organisations.all()) == [organisation]


def test_quick_add_with_a_known_tax_id_links_the_existing_organisation(as_broker, company):
    elsewhere = OrganisationFactory(legal_name="Textil Santanderina S.A.", district=None)
    response = as_broker.post(
        URL,
        data(
            organisations=[company.pk],
            **{
                "new-legal_name": "Textil Santanderina",
                "new-tax_id": elsewhere.tax_id.lower(),
                "new-helix_type": "company",
            },
        ),
        follow=True,
    )
    assert Organisation.objects.filter(legal_name__startswith="Textil").count() == 1
    assert set(DistrictService.objects.get().organisations.all()) == {company, elsewhere}
    assert elsewhere.tax_id in response.content.decode()  # says so


def test_quick_add_alone_is_enough_with_a_known_tax_id(as_broker, company):
    as_broker.post(URL, data(**{"new-tax_id": company.tax_id}))
    assert list(DistrictService.objects.get().organisations.all()) == [company]


# Errors keep what was typed


def test_at_least_one_organisation(as_broker):
    response = as_broker.post(URL, data())
    assert "organisations" in form_of(response).errors
    assert not DistrictService.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"date": (timezone.localdate() + timedelta(days=1)).isoformat()}, "date"),
        ({"date": "2018-12-31"}, "date"),
        ({"date": "not a date"}, "date"),
        ({"follow_up_on": (timezone.localdate() - timedelta(days=1)).isoformat()}, "follow_up_on"),
        ({"follow_up_on": (timezone.localdate() - timedelta(days=5)).isoformat()}, "follow_up_on"),
        ({"hours": "0.1"}, "hours"),
        ({"hours": "201"}, "hours"),
        ({"hours": ""}, "hours"),
        ({"service_type": ""}, "service_type"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_invalid_input_is_refused_and_kept(as_broker, company, values, field):
    response = as_broker.post(URL, data(organisations=[company.pk], **values))
    assert response.status_code == 200
    form = form_of(response)
    assert field in form.errors
    assert not DistrictService.objects.exists()
    # Nothing typed is lost.
    assert form["outcome"].value() == data()["outcome"]
    assert form["organisations"].value() == [str(company.pk)]
    assert "nothing has been saved yet" in response.content.decode()


def test_errors_in_more_details_open_it(as_broker, company):
    response = as_broker.post(
        URL,
        data(organisations=[company.pk], follow_up_on="2019-01-01", funding_programme="FEDER"),
    )
    html = response.content.decode()
    assert '<details class="mb-3" id="more-details" open>' in html
    assert 'value="FEDER"' in html


def test_choices_stay_selected_after_errors(as_broker, company, besaya):
    other = OrganisationFactory(legal_name="Cuétara S.A.", district=besaya)
    unchosen = OrganisationFactory(legal_name="Ferroatlántica S.L.", district=besaya)
    membership = MembershipFactory(
        organisation=company, start_date=timezone.localdate() - timedelta(days=30)
    )
    response = as_broker.post(
        URL,
        data(organisations=[company.pk, other.pk], membership=membership.pk, hours="0.1"),
    )
    assert "hours" in form_of(response).errors
    html = response.content.decode()
    assert f'<option value="{company.pk}" selected>' in html
    assert f'<option value="{other.pk}" selected>' in html
    assert f'<option value="{unchosen.pk}">' in html
    assert f'<option value="{membership.pk}" selected>' in html


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"new-legal_name": "Sin NIF S.L.", "new-helix_type": "company"}, "tax_id"),
        ({"new-tax_id": "B12345678", "new-legal_name": "Mal NIF"}, "tax_id"),
        ({"new-tax_id": NEW_TAX_ID, "new-helix_type": "company"}, "legal_name"),
        ({"new-tax_id": NEW_TAX_ID, "new-legal_name": "Sin tipo S.L."}, "helix_type"),
        (
            {"new-tax_id": NEW_TAX_ID, "new-legal_name": "Sin tamaño", "new-helix_type": "company"},
            "size_class",
        ),
    ],
)
def test_a_quick_add_with_errors_keeps_the_block_open_and_filled(as_broker, values, field):
    response = as_broker.post(URL, data(**values))
    assert response.status_code == 200
    form = form_of(response)
    assert field in form.new_organisation.errors
    assert not Organisation.objects.exists()
    assert not DistrictService.objects.exists()
    html = response.content.decode()
    assert '<details class="card mb-3" id="new-organisation" open>' in html
    for key, value in values.items():
        if key != "new-helix_type":
            assert f'value="{value}"' in html


def test_a_university_needs_no_size(as_broker):
    response = as_broker.post(
        URL,
        data(
            **{
                "new-tax_id": "Q3918001C",
                "new-legal_name": "Universidad de Cantabria",
                "new-helix_type": "university",
                "new-size_class": "large",
            }
        ),
    )
    assert response.status_code == 302
    assert Organisation.objects.get().size_class == ""
