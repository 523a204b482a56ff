"""The list of district service records: who sees which, filters, sorting,
export and bounded query counts."""

import csv
import io
from datetime import date, timedelta

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.roles import Role
from tests.brokers.network.test_service_records import make_service, service_type
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
URL = "/brokers/services/"
READERS = [
    Role.NETWORK_COORDINATOR,
    Role.OFFICE_STAFF,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
]
REFUSED = [Role.EVALUATOR, Role.APPLICANT, Role.CLUSTER_MANAGER]


@pytest.fixture
def records(broker):
    """One record in the broker's district (Besaya), one in Liébana."""
    return {
        "besaya": make_service(broker=broker),
        "liebana": make_service("liebana"),
    }


def listed(response):
    return list(response.context["page"].object_list)


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("role", READERS)
def test_readers_see_every_district(client_for, people, records, role):
    response = client_for(people[role]).get(URL)
    assert response.status_code == 200
    assert set(listed(response)) == set(records.values())
    assert b"/brokers/services/new/" not in response.content  # only brokers log


def test_a_broker_sees_their_own_district_only(client_for, broker, records):
    response = client_for(broker).get(URL)
    assert listed(response) == [records["besaya"]]
    assert b"/brokers/services/new/" in response.content
    # Asking for another district shows nothing of it.
    response = client_for(broker).get(URL, {"district": "liebana"})
    assert records["liebana"] not in listed(response)


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_are_refused(client_for, people, role):
    assert client_for(people[role]).get(URL).status_code == 403


def test_empty_state(client_for, broker):
    response = client_for(broker).get(URL)
    with translation.override("es"):
        assert gettext("No service has been logged yet.") in response.content.decode()
    response = client_for(broker).get(URL, {"channel": "phone"})
    with translation.override("es"):
        assert gettext("No service record matches these filters.") in response.content.decode()


# Filters


@pytest.fixture
def office(client_for, people):
    return client_for(people[Role.OFFICE_STAFF])


def test_filter_by_district_broker_type_and_channel(office, records, broker):
    extra = make_service(broker=broker, service_type=service_type("training"), channel="phone")
    assert listed(office.get(URL, {"district": "liebana"})) == [records["liebana"]]
    assert set(listed(office.get(URL, {"broker": broker.pk}))) == {records["besaya"], extra}
    assert listed(office.get(URL, {"service_type": service_type("training").pk})) == [extra]
    assert listed(office.get(URL, {"channel": "phone"})) == [extra]


def test_filter_by_period(office, broker):
    old = make_service(broker=broker, date=date(2024, 3, 10))
    new = make_service(broker=broker, date=date(2024, 6, 10))
    make_service(broker=broker, date=date(2024, 9, 10))
    response = office.get(URL, {"date_after": "2024-03-10", "date_before": "2024-06-10"})
    assert listed(response) == [new, old]


def test_filter_by_organisation_name_or_tax_id(office, broker):
    quesos = OrganisationFactory(legal_name="Quesos Cabrales S.L.", short_name="Quecab")
    served = make_service(broker=broker, organisations=[quesos, OrganisationFactory()])
    make_service(broker=broker)
    spaced = f"{quesos.tax_id[:1]}-{quesos.tax_id[1:5]} {quesos.tax_id[5:]}".lower()
    for text in ("cabrales", "QUECAB", quesos.tax_id.lower(), spaced):
        assert listed(office.get(URL, {"organisation": text})) == [served], text


def test_withdrawn_records_are_left_out_unless_asked_for(office, records):
    withdrawn = make_service(
        withdrawn_at=timezone.now(),
        withdrawal_reason="Twice",
        withdrawn_by=records["besaya"].broker,
    )
    assert withdrawn not in listed(office.get(URL))
    assert withdrawn not in listed(office.get(URL, {"withdrawn": "nonsense"}))
    assert withdrawn in listed(office.get(URL, {"withdrawn": "include"}))
    assert listed(office.get(URL, {"withdrawn": "only"})) == [withdrawn]
    assert "withdrawn" in office.get(URL, {"withdrawn": "only"}).content.decode()


def test_sorting(office, broker):
    short = make_service(broker=broker, hours=1, date=date(2024, 1, 2))
    long = make_service(broker=broker, hours=8, date=date(2024, 1, 1))
    liebana = make_service("liebana", hours=3, date=date(2024, 1, 3))
    assert listed(office.get(URL, {"o": "hours"})) == [short, liebana, long]
    assert listed(office.get(URL, {"o": "-hours"})) == [long, liebana, short]
    assert listed(office.get(URL, {"o": "date"})) == [long, short, liebana]
    assert listed(office.get(URL, {"o": "district"}))[-1] == liebana
    training = make_service(broker=broker, service_type=service_type("training"))
    assert listed(office.get(URL, {"o": "-type"}))[0] == training


def test_pagination(office, broker):
    for _number in range(27):
        make_service(broker=broker, organisations=[OrganisationFactory()])
    first = office.get(URL)
    assert len(listed(first)) == 25
    assert len(listed(office.get(URL, {"page": 2}))) == 2


# Export


# The export's columns, in order.
CSV_HEADER = [
    "Date",
    "District",
    "Broker",
    "Service",
    "Organisations served",
    "Channel",
    "Hours",
    "Outcome",
    "Follow-up date",
    "Follow-up done",
    "Knowledge provider",
    "Funding programme",
    "Cluster project",
    "Membership",
    "Withdrawn at",
    "Reason for withdrawal",
    "Record",
]


def test_the_csv_export_has_every_column_and_the_filters(office, records, broker):
    from tests.factories import MembershipFactory, ProjectFactory

    first, second = (
        OrganisationFactory(legal_name="Alfa S.L."),
        OrganisationFactory(legal_name="Beta S.A."),
    )
    provider = OrganisationFactory(
        legal_name="Universidad de Cantabria", helix_type="university", size_class=""
    )
    project = ProjectFactory(title="Gemelo digital", acronym="GEMDIG")
    membership = MembershipFactory(organisation=first)
    detailed = make_service(
        broker=broker,
        organisations=[first, second],
        date=date(2025, 2, 3),
        hours="1.5",
        outcome="=HYPERLINK()",
        follow_up_on=date(2025, 3, 1),
        knowledge_provider=provider,
        funding_programme="Horizon Europe",
        cluster_project=project,
        membership=membership,
        channel="email",
    )
    response = office.get(
        URL,
        {"export": "csv", "district": "besaya", "date_before": "2025-12-31"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = read_csv(response)
    assert header == CSV_HEADER
    assert len(rows) == 1
    row = dict(zip(range(17), rows[0], strict=True))
    assert row[0] == "2025-02-03"
    assert row[1] == "Besaya"
    assert row[2] == str(broker)
    assert row[4] == "Alfa S.L.; Beta S.A."
    assert row[6] == "1.50"
    assert row[7] == "'=HYPERLINK()"  # never run as a formula
    assert row[8] == "2025-03-01"
    assert row[10] == "Universidad de Cantabria"
    assert row[11] == "Horizon Europe"
    assert row[12] == "GEMDIG"
    assert row[13] == str(membership)
    assert row[16] == str(detailed.pk)


def test_the_export_includes_withdrawn_records_only_when_asked(office, records):
    withdrawn = make_service(
        withdrawn_at=timezone.now(),
        withdrawal_reason="Logged twice",
        withdrawn_by=records["besaya"].broker,
    )
    _header, *rows = read_csv(office.get(URL, {"export": "csv"}))
    assert len(rows) == 2
    _header, *rows = read_csv(office.get(URL, {"export": "csv", "withdrawn": "only"}))
    assert len(rows) == 1
    assert rows[0][15] == "Logged twice"
    assert rows[0][14]  # when
    assert rows[0][16] == str(withdrawn.pk)


def test_a_broker_exports_their_own_district_only(client_for, broker, records):
    _header, *rows = read_csv(client_for(broker).get(URL, {"export": "csv"}))
    assert [row[1] for row in rows] == ["Besaya"]


def test_the_xlsx_export(office, records):
    response = office.get(URL, {"export": "xlsx", "district": "liebana"})
    dataset = tablib.Dataset().load(response.content, format="xlsx")
    assert len(dataset) == 1
    assert dataset[0][1] == "Liébana"
    assert dataset[0][6] == 2


# Query counts


def _records(count):
    for number in range(count):
        where = "besaya" if number % 2 else "liebana"
        make_service(
            where,
            organisations=[OrganisationFactory(), OrganisationFactory()],
            knowledge_provider=OrganisationFactory(helix_type="university", size_class=""),
            follow_up_on=timezone.localdate() + timedelta(days=5),
        )


@pytest.mark.parametrize("params", [{}, {"export": "csv"}, {"export": "xlsx"}])
def test_queries_do_not_grow_with_rows(office, params):
    _records(3)
    with CaptureQueriesContext(connection) as few:
        response = office.get(URL, params)
    assert response.status_code == 200
    _records(30)
    with CaptureQueriesContext(connection) as many:
        response = office.get(URL, params)
    if params:
        # session, user, the user's own and group permissions, the records with
        # district, broker, type, provider, project, membership and who withdrew
        # them, their organisations
        expected = 6
        assert response.content
    else:
        # session, user, the user's own and group permissions, the filter
        # choices (districts, brokers, service types), count, the page of
        # records with district, broker and type, their organisations
        expected = 10
        assert len(listed(response)) == 25
    assert len(many) == len(few) == expected, [q["sql"] for q in many.captured_queries]


def test_a_brokers_page_has_as_many_queries(client_for, broker):
    client = client_for(broker)
    _records(3)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    _records(30)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)
