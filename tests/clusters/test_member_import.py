"""Importing a cluster's members from a CSV or XLSX file."""

import csv
import io
from datetime import date, timedelta
from itertools import count
from pathlib import Path

import pytest
import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from stdnum.es import cif

from accounts.roles import Role
from clusters.member_import import (
    COLUMN_NAMES,
    ERROR,
    MAX_ROWS,
    NEW,
    UPDATE,
    SourceRow,
    preview,
    read_rows,
    run_import,
)
from clusters.models import (
    ClusterOrganisation,
    ClusterProject,
    FeeStatus,
    HelixType,
    ImportStatus,
    MemberImport,
    Membership,
    MembershipKind,
    Organisation,
    Ris3Priority,
    SizeClass,
)
from districts.models import District
from tests.factories import UserFactory

# Small local factories (tests/factories.py is shared and extended elsewhere).

_numbers = count(1)


def company_tax_id(number):
    """A valid CIF of a Cantabrian limited company (B39…)."""
    base = f"B39{number:05d}"
    return base + cif.calc_check_digits(base)[0]


def make_cluster(**values):
    n = next(_numbers)
    defaults = {
        "name": f"Cluster {n}",
        "acronym": f"CL{n}",
        "slug": f"cluster-{n}",
        "sector": "Industry",
        "ris3_priority": Ris3Priority.ADVANCED_MANUFACTURING,
    }
    return ClusterOrganisation.objects.create(**{**defaults, **values})


def make_organisation(**values):
    n = next(_numbers)
    defaults = {
        "legal_name": f"Organisation {n} S.L.",
        "helix_type": HelixType.COMPANY,
        "size_class": SizeClass.SMALL,
    }
    organisation = Organisation(**{**defaults, **values})
    organisation.save()
    return organisation


def make_membership(organisation, cluster, start_date, **values):
    return Membership.objects.create(
        organisation=organisation, cluster=cluster, start_date=start_date, **values
    )


def member(**values):
    """A row of the file, as column name → text."""
    row = dict.fromkeys(COLUMN_NAMES, "")
    row.update(
        legal_name="Talleres del Besaya S.L.",
        type="company",
        size_class="small",
        district="Besaya",
        municipality="Torrelavega",
        nace_code="25.62",
        start_date="2024-01-15",
    )
    row.update(values)
    return row


def csv_upload(rows, *, delimiter=",", name="members.csv", bom=False, columns=COLUMN_NAMES):
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    text = ("\ufeff" if bom else "") + stream.getvalue()
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def xlsx_upload(rows, name="members.xlsx"):
    dataset = tablib.Dataset(headers=list(COLUMN_NAMES))
    for row in rows:
        dataset.append([row.get(column, "") for column in COLUMN_NAMES])
    return SimpleUploadedFile(name, dataset.export("xlsx"))


def source_rows(*rows):
    return [SourceRow(line, row) for line, row in enumerate(rows, start=2)]


def form_error_codes(response):
    return [error.code for error in response.context["form"].errors.as_data()["file"]]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def manager(people):
    return people[Role.CLUSTER_MANAGER]


@pytest.fixture
def cluster(manager):
    return make_cluster(
        name="Cantabria Maritime Cluster", acronym="MARCAN", cluster_manager=manager
    )


@pytest.fixture
def office(people, client_for):
    return client_for(people[Role.OFFICE_STAFF])


@pytest.fixture
def existing(cluster):
    """A current member (fee pending) and an organisation not yet in the cluster."""
    astilleros = make_organisation(
        legal_name="Astilleros del Norte S.A.",
        tax_id=company_tax_id(1),
        size_class=SizeClass.MEDIUM,
        municipality="Santander",
    )
    membership = make_membership(astilleros, cluster, date(2020, 1, 1))
    frutas = make_organisation(legal_name="Frutas del Pas S.L.", tax_id=company_tax_id(2))
    return {"astilleros": astilleros, "membership": membership, "frutas": frutas}


def file_rows(bad_tax_id=False):
    """Two new organisations, a current member's fee and an organisation joining."""
    return [
        member(
            legal_name="Conservas de Santoña S.L.",
            tax_id=company_tax_id(3),
            district="Trasmiera",
            municipality="Santoña",
            website="www.conservas-santona.example",
            fee_status="paid",
        ),
        member(legal_name="Astilleros del Norte S.A.", tax_id=company_tax_id(1), fee_status="Paid"),
        member(
            legal_name="Frutas del Pas S.L.",
            tax_id=company_tax_id(2),
            size_class="Micro",
            district="valles-pasiegos",
            start_date="01/03/2024",
        ),
        member(
            legal_name="Quesería de Liébana S.L.",
            tax_id="B39000000" if bad_tax_id else company_tax_id(4),
            size_class="micro",
            district="liebana",
            municipality="Potes",
        ),
    ]


def upload_url(cluster):
    return reverse("clusters:member_import", args=[cluster.slug])


def preview_url(member_import):
    return reverse("clusters:member_import_preview", args=[member_import.pk])


def upload(client, cluster, file):
    response = client.post(upload_url(cluster), {"file": file})
    assert response.status_code == 302, response.context and response.context["form"].errors
    member_import = MemberImport.objects.latest("pk")
    assert response["Location"] == preview_url(member_import)
    return member_import


# The acceptance: one bad row writes nothing; the corrected file imports every row.


def test_a_file_with_one_bad_row_writes_nothing_and_shows_the_error(office, cluster, existing):
    organisations, memberships = Organisation.objects.count(), Membership.objects.count()
    member_import = upload(office, cluster, csv_upload(file_rows(bad_tax_id=True)))

    response = office.get(preview_url(member_import))
    assert response.status_code == 200
    results = response.context["results"]
    assert [r.action for r in results] == [NEW, UPDATE, UPDATE, ERROR]
    bad = results[3]
    assert bad.line == 5
    assert len(bad.messages) == 1
    assert "B39000000" in bad.messages[0] and "tax_id" in bad.messages[0]
    assert response.context["counts"] == {NEW: 1, UPDATE: 2, ERROR: 1}
    assert response.context["can_confirm"] is False
    assert bad.messages[0] in response.content.decode()
    assert reverse("clusters:member_import", args=[cluster.slug]) in response.content.decode()

    # A confirm attempt anyway (a stale page, a crafted request) is refused.
    response = office.post(preview_url(member_import))
    assert response.status_code == 200
    assert response.context["results"][3].messages == bad.messages
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    member_import.refresh_from_db()
    assert member_import.status == ImportStatus.PREVIEWED
    assert Organisation.objects.count() == organisations
    assert Membership.objects.count() == memberships
    existing["membership"].refresh_from_db()
    assert existing["membership"].fee_status == FeeStatus.PENDING


def test_the_corrected_file_imports_every_row(office, cluster, existing):
    member_import = upload(office, cluster, csv_upload(file_rows()))
    response = office.get(preview_url(member_import))
    assert [r.action for r in response.context["results"]] == [NEW, UPDATE, UPDATE, NEW]
    assert response.context["can_confirm"] is True

    response = office.post(preview_url(member_import))

    assert response.status_code == 302
    assert response["Location"] == f"/clusters/{cluster.slug}/" == cluster.get_absolute_url()
    member_import.refresh_from_db()
    assert member_import.status == ImportStatus.IMPORTED
    assert member_import.imported_at is not None
    assert (member_import.created_count, member_import.updated_count) == (2, 2)

    conservas = Organisation.objects.get(tax_id=company_tax_id(3))
    assert conservas.legal_name == "Conservas de Santoña S.L."
    assert conservas.district.slug == "trasmiera"
    assert conservas.website == "https://www.conservas-santona.example"
    assert conservas.nace_code == "25.62"
    membership = conservas.memberships.get(cluster=cluster)
    assert membership.kind == MembershipKind.FULL
    assert membership.start_date == date(2024, 1, 15)
    assert membership.fee_status == FeeStatus.PAID
    queseria = Organisation.objects.get(tax_id=company_tax_id(4))
    assert queseria.district.slug == "liebana"
    assert queseria.memberships.get(cluster=cluster).fee_status == FeeStatus.PENDING

    # The current member keeps its membership; only the fee changes.
    astilleros = existing["astilleros"]
    assert astilleros.memberships.count() == 1
    existing["membership"].refresh_from_db()
    assert existing["membership"].fee_status == FeeStatus.PAID
    assert existing["membership"].start_date == date(2020, 1, 1)
    astilleros.refresh_from_db()
    assert astilleros.municipality == "Torrelavega"  # given in the file
    assert astilleros.size_class == SizeClass.SMALL

    # The organisation that was not a member joins on the file's date.
    frutas = existing["frutas"]
    frutas.refresh_from_db()
    assert frutas.size_class == SizeClass.MICRO
    assert frutas.district.slug == "valles-pasiegos"
    assert frutas.memberships.get(cluster=cluster).start_date == date(2024, 3, 1)
    assert Membership.objects.filter(cluster=cluster).count() == 4


def test_confirming_twice_does_not_import_twice(office, cluster, existing):
    member_import = upload(office, cluster, csv_upload(file_rows()))
    assert office.post(preview_url(member_import), follow=True).status_code == 200
    organisations, memberships = Organisation.objects.count(), Membership.objects.count()

    response = office.post(preview_url(member_import), follow=True)

    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert response.context["imported"] is True
    assert response.context["can_confirm"] is False
    assert (Organisation.objects.count(), Membership.objects.count()) == (
        organisations,
        memberships,
    )
    member_import.refresh_from_db()
    assert (member_import.created_count, member_import.updated_count) == (2, 2)
    with pytest.raises(ValidationError) as error:
        run_import(member_import=member_import, update_organisations=True)
    assert error.value.code == "imported"


def test_an_xlsx_file_imports(office, cluster):
    rows = [
        member(legal_name="Conservas de Santoña S.L.", tax_id=company_tax_id(10)),
        member(
            legal_name="Universidad Atlántica",
            type="university",
            size_class="",
            start_date=date(2024, 2, 1),
        ),
    ]
    rows[0]["nace_code"] = 62  # a number cell
    member_import = upload(office, cluster, xlsx_upload(rows))

    response = office.get(preview_url(member_import))
    results = response.context["results"]
    assert [(r.line, r.action) for r in results] == [(2, NEW), (3, NEW)]
    assert results[0].values["nace_code"] == "62"
    assert results[1].values["start_date"] == date(2024, 2, 1)

    assert office.post(preview_url(member_import)).status_code == 302
    assert Organisation.objects.get(legal_name="Universidad Atlántica").helix_type == (
        HelixType.UNIVERSITY
    )
    assert cluster.memberships.count() == 2


def test_a_semicolon_csv_with_a_byte_order_mark_and_labels_imports(office, cluster):
    rows = [
        member(
            legal_name="Ingeniería Campurriana S.L.",
            tax_id=f" {company_tax_id(11).lower()} ",
            type=" COMPANY ",
            size_class="Medium",
            district="CAMPOO-LOS VALLES",
            fee_status="exempt",
        ),
        member(
            legal_name="Asociación de Pescadores",
            type="Association or other",
            size_class="",
            district="Costa Occidental",
        ),
    ]
    upload_file = csv_upload(rows, delimiter=";", bom=True)
    # Headers in another case and with spaces are the same columns.
    upload_file = SimpleUploadedFile(
        "Members.CSV",
        upload_file.read().replace(b"legal_name", b" Legal_Name "),
    )
    member_import = upload(office, cluster, upload_file)
    results = office.get(preview_url(member_import)).context["results"]
    assert [r.action for r in results] == [NEW, NEW], [r.messages for r in results]
    assert results[0].values["tax_id"] == company_tax_id(11)
    assert results[0].values["size_class"] == SizeClass.MEDIUM
    assert results[1].values["helix_type"] == HelixType.ASSOCIATION

    assert office.post(preview_url(member_import)).status_code == 302
    ingenieria = Organisation.objects.get(tax_id=company_tax_id(11))
    assert ingenieria.district.slug == "campoo-los-valles"
    assert ingenieria.memberships.get().fee_status == FeeStatus.EXEMPT


def test_the_sample_file_is_valid(cluster):
    path = Path(settings.BASE_DIR) / "static" / "samples" / "members-import.csv"
    rows = read_rows(SimpleUploadedFile(path.name, path.read_bytes()))

    results = preview(update_organisations=True, cluster=cluster, rows=rows)

    assert len(results) >= 5
    assert all(r.action == NEW for r in results), [(r.line, r.messages) for r in results]


def test_the_upload_page_lists_the_columns_and_links_the_sample(office, cluster):
    response = office.get(upload_url(cluster))

    assert response.status_code == 200
    content = response.content.decode()
    for column in COLUMN_NAMES:
        assert f"<code>{column}</code>" in content
    assert "samples/members-import.csv" in content
    assert 'type="file"' in content and 'id="id_file"' in content and 'for="id_file"' in content
    assert cluster.get_absolute_url() in content


# Refusals of the whole file: a form error, nothing saved.

TOO_MANY_ROWS = [member(legal_name=f"Organisation {n}") for n in range(MAX_ROWS + 1)]


@pytest.mark.parametrize(
    ("file", "code"),
    [
        (
            SimpleUploadedFile("members.txt", b"legal_name,type,start_date\nA,company,2024-01-01"),
            "file_type",
        ),
        (SimpleUploadedFile("members.csv", b""), "file_empty"),
        (
            SimpleUploadedFile(
                "members.csv", b"legal_name,type,start_date\n" + b"x" * (2 * 1024 * 1024)
            ),
            "file_size",
        ),
        (SimpleUploadedFile("members.csv", bytes(range(256)) * 4), "file_encoding"),
        (
            SimpleUploadedFile(
                "members.csv", b"legal_name,type,start_date\nA\x00,company,2024-01-01\n"
            ),
            "file_content",
        ),
        (SimpleUploadedFile("members.xlsx", b"PK\x03\x04 not really a workbook"), "file_content"),
        (SimpleUploadedFile("members.xlsx", b"legal_name,type,start_date\n"), "file_content"),
        (
            SimpleUploadedFile(
                "members.csv", b"legal_name,type,start_date\nA,company,2024-01-01,extra\n"
            ),
            "file_content",
        ),
        (SimpleUploadedFile("members.csv", b"name,kind\nA,company\n"), "missing_columns"),
        (SimpleUploadedFile("members.csv", b"legal_name,type,start_date\n\n,,\n"), "no_rows"),
        (SimpleUploadedFile("members.csv", b"\n\n"), "no_header"),
    ],
    ids=[
        "not-csv-or-xlsx",
        "empty",
        "over-2-mb",
        "binary-as-csv",
        "nul-bytes",
        "corrupt-xlsx",
        "csv-as-xlsx",
        "row-wider-than-header",
        "missing-columns",
        "no-data-rows",
        "no-header",
    ],
)
def test_a_file_that_cannot_be_imported_is_refused(office, cluster, file, code):
    file.seek(0)
    response = office.post(upload_url(cluster), {"file": file})

    assert response.status_code == 200
    assert form_error_codes(response) == [code]
    assert not MemberImport.objects.exists()


def test_more_than_the_maximum_rows_is_refused(office, cluster):
    response = office.post(upload_url(cluster), {"file": csv_upload(TOO_MANY_ROWS)})

    assert form_error_codes(response) == ["too_many_rows"]
    assert not MemberImport.objects.exists()


def test_the_refusal_names_the_missing_columns(office, cluster):
    file = csv_upload([member()], columns=["legal_name", "short_name"])

    response = office.post(upload_url(cluster), {"file": file})

    message = response.context["form"].errors["file"][0]
    assert "type" in message and "start_date" in message and "legal_name" not in message


def test_the_maximum_rows_is_accepted():
    rows = read_rows(csv_upload([member(legal_name=f"Org {n}") for n in range(MAX_ROWS)]))
    assert len(rows) == MAX_ROWS


# Checks of single rows


@pytest.mark.parametrize(
    ("values", "column", "value"),
    [
        ({"legal_name": ""}, "legal_name", None),
        ({"start_date": ""}, "start_date", None),
        ({"type": ""}, "type", None),
        ({"tax_id": "12345678A"}, "tax_id", "12345678A"),
        ({"type": "multinational"}, "type", "multinational"),
        ({"size_class": "huge"}, "size_class", "huge"),
        ({"size_class": ""}, "size_class", None),
        ({"district": "Madrid"}, "district", "Madrid"),
        ({"nace_code": "6201"}, "nace_code", "6201"),
        ({"website": "not a site"}, "website", "not a site"),
        ({"start_date": "2024-13-01"}, "start_date", "2024-13-01"),
        ({"start_date": "15.01.2024"}, "start_date", "15.01.2024"),
        ({"fee_status": "maybe"}, "fee_status", "maybe"),
        ({"short_name": "x" * 101}, "short_name", None),
    ],
)
def test_a_bad_value_is_an_error_naming_the_column_and_value(cluster, values, column, value):
    [result] = preview(
        update_organisations=True, cluster=cluster, rows=source_rows(member(**values))
    )

    assert result.action == ERROR
    assert any(column in message for message in result.messages), result.messages
    if value:
        assert any(value in message for message in result.messages)


def test_a_row_may_have_several_errors(cluster):
    [result] = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(member(tax_id="X", district="Nowhere", start_date="soon")),
    )
    assert len(result.messages) == 3


def test_no_size_class_is_needed_for_other_types(cluster):
    [result] = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(member(type="research_centre", size_class="")),
    )
    assert result.action == NEW
    assert result.values["size_class"] == ""


def test_an_empty_district_is_outside_the_region(cluster):
    [result] = preview(
        update_organisations=True, cluster=cluster, rows=source_rows(member(district=""))
    )
    assert result.action == NEW
    assert result.values["district"] is None


def test_the_same_tax_id_or_name_twice_in_the_file_is_an_error(cluster):
    tax_id = company_tax_id(20)
    results = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(
            member(legal_name="Uno S.L.", tax_id=tax_id),
            member(legal_name="Dos S.L.", tax_id=f"{tax_id[:3]}-{tax_id[3:]}"),
            member(legal_name="Tres S.L."),
            member(legal_name="TRES, SL"),
            # Same name, but different tax ids: two organisations.
            member(legal_name="Cuatro S.L.", tax_id=company_tax_id(21)),
            member(legal_name="Cuatro S.L.", tax_id=company_tax_id(22)),
        ),
    )
    assert [r.action for r in results] == [NEW, ERROR, NEW, ERROR, NEW, NEW]
    assert "2" in results[1].messages[0] and "tax_id" in results[1].messages[0]
    assert "4" in results[3].messages[0] and "legal_name" in results[3].messages[0]


def test_an_organisation_without_tax_id_is_found_by_its_name(cluster):
    organisation = make_organisation(legal_name="Cooperativa Láctea del Pas S.Coop.")

    [result] = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(member(legal_name="COOPERATIVA LACTEA DEL PAS")),
    )

    assert result.action == UPDATE
    assert result.organisation == organisation


def test_a_name_shared_by_several_organisations_is_an_error(cluster):
    make_organisation(legal_name="Talleres García S.L.", tax_id=company_tax_id(30))
    make_organisation(legal_name="Talleres Garcia SA", tax_id=company_tax_id(31))

    [result] = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(member(legal_name="Talleres García")),
    )

    assert result.action == ERROR
    assert "tax_id" in result.messages[0]


def test_two_rows_of_the_same_existing_organisation_is_an_error(cluster):
    make_organisation(legal_name="Pesquerías Reunidas S.L.", tax_id=company_tax_id(32))

    results = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(
            member(legal_name="Pesquerías Reunidas S.L.", tax_id=company_tax_id(32)),
            member(legal_name="Pesquerias Reunidas"),
        ),
    )

    assert [r.action for r in results] == [UPDATE, ERROR]


def test_an_overlapping_membership_is_an_error(cluster):
    organisation = make_organisation(tax_id=company_tax_id(40))
    make_membership(
        organisation, cluster, date(2020, 1, 1), end_date=date(2023, 12, 31), end_reason="left"
    )

    overlapping, after = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(
            member(tax_id=company_tax_id(40), start_date="2023-06-01"),
            member(legal_name="Other", tax_id=company_tax_id(41), start_date="2024-01-01"),
        ),
    )
    [rejoining] = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(member(tax_id=company_tax_id(40), start_date="2024-01-01")),
    )

    assert overlapping.action == ERROR
    assert "start_date" in overlapping.messages[0]
    assert after.action == NEW
    assert rejoining.action == UPDATE


def test_a_membership_starting_later_overlaps(cluster):
    organisation = make_organisation(tax_id=company_tax_id(42))
    make_membership(organisation, cluster, timezone.localdate() + timedelta(days=30))

    [result] = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(member(tax_id=company_tax_id(42))),
    )

    assert result.action == ERROR


def test_a_current_provisional_partner_is_an_error(cluster):
    project = ClusterProject.objects.create(
        title="Green ports",
        scope="regional",
        funding_programme="regional",
        budget=0,
        start_date=date(2024, 1, 1),
        end_date=timezone.localdate() + timedelta(days=365),
    )
    organisation = make_organisation(tax_id=company_tax_id(43))
    make_membership(
        organisation,
        cluster,
        date(2024, 1, 1),
        kind=MembershipKind.PROVISIONAL,
        project=project,
        fee_status=FeeStatus.EXEMPT,
    )

    [result] = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(member(tax_id=company_tax_id(43))),
    )

    assert result.action == ERROR


def test_membership_of_another_cluster_does_not_matter(cluster):
    organisation = make_organisation(tax_id=company_tax_id(44))
    make_membership(organisation, make_cluster(), date(2020, 1, 1))

    [result] = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(member(tax_id=company_tax_id(44))),
    )

    assert result.action == UPDATE
    assert result.membership is None


def test_line_numbers_are_those_of_the_file():
    text = (
        "\n"
        "legal_name,type,start_date,municipality\n"
        "Uno,company,2024-01-01,Santander\n"
        "\n"
        'Dos,company,2024-01-01,"Two\nlines"\n'
        "Tres,company,2024-01-01,Laredo\n"
        ",,,\n"
        "Cuatro,company,2024-01-01,Potes\n"
    )
    rows = read_rows(SimpleUploadedFile("m.csv", text.encode()))
    assert [(r.line, r.values["legal_name"]) for r in rows] == [
        (3, "Uno"),
        (5, "Dos"),
        (7, "Tres"),
        (9, "Cuatro"),
    ]


# Who may import


def test_the_clusters_own_manager_may_import(client_for, manager, cluster):
    client = client_for(manager)
    assert client.get(upload_url(cluster)).status_code == 200
    member_import = upload(client, cluster, csv_upload([member(tax_id=company_tax_id(50))]))
    assert member_import.uploaded_by == manager
    assert client.get(preview_url(member_import)).status_code == 200
    assert client.post(preview_url(member_import)).status_code == 302
    assert cluster.memberships.count() == 1


def test_a_manager_cannot_change_an_existing_organisation_by_import(
    client_for, manager, cluster, existing
):
    """A shared organisation's details are the Office's: a manager's import of it
    only adds the membership."""
    frutas = existing["frutas"]
    row = member(
        legal_name="Renamed by the manager S.L.",
        tax_id=frutas.tax_id,
        size_class="large",
        website="https://evil.example",
    )
    client = client_for(manager)
    member_import = upload(client, cluster, csv_upload([row]))
    preview_page = client.get(preview_url(member_import))
    [result] = preview_page.context["results"]
    assert result.action == "update"
    assert client.post(preview_url(member_import)).status_code == 302

    frutas.refresh_from_db()
    assert (frutas.legal_name, frutas.size_class, frutas.website) == (
        "Frutas del Pas S.L.",
        "small",
        "",
    )
    assert cluster.memberships.filter(organisation=frutas).exists()


@pytest.mark.parametrize("who", ["other_manager", "government_official"])
def test_others_may_not_import(people, client_for, office, cluster, who):
    if who == "other_manager":
        user = UserFactory(role=Role.CLUSTER_MANAGER)
        make_cluster(cluster_manager=user)
    else:
        user = people[Role.GOVERNMENT_OFFICIAL]
    member_import = upload(office, cluster, csv_upload([member(tax_id=company_tax_id(51))]))
    client = client_for(user)

    assert client.get(upload_url(cluster)).status_code == 403
    assert client.post(upload_url(cluster), {"file": csv_upload([member()])}).status_code == 403
    assert client.get(preview_url(member_import)).status_code == 403
    assert client.post(preview_url(member_import)).status_code == 403
    assert MemberImport.objects.count() == 1
    assert not cluster.memberships.exists()


def test_anonymous_is_sent_to_log_in(client, cluster):
    response = client.get(upload_url(cluster))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_import_is_not_found(office):
    assert office.get(reverse("clusters:member_import_preview", args=[999999])).status_code == 404


# Performance: the preview reads the database in bulk.


def _file_of(cluster, size):
    """size new rows, size updates found by tax id and size found by name."""
    rows = []
    for n in range(size):
        by_tax = make_organisation(tax_id=company_tax_id(1000 * size + n))
        make_membership(by_tax, cluster, date(2020, 1, 1))
        make_organisation(legal_name=f"Named {size} {n} S.L.")
        rows += [
            member(
                legal_name=f"New {size} {n}",
                tax_id=company_tax_id(1000 * size + 500 + n),
                district="Liébana",
            ),
            member(legal_name=by_tax.legal_name, tax_id=by_tax.tax_id, district="santander"),
            member(legal_name=f"Named {size} {n}", district="Besaya"),
        ]
    return rows


def test_the_preview_queries_do_not_grow_with_the_rows(office, cluster):
    small_rows, large_rows = _file_of(cluster, 1), _file_of(cluster, 20)
    small, large = source_rows(*small_rows), source_rows(*large_rows)

    with CaptureQueriesContext(connection) as small_queries:
        small_results = preview(update_organisations=True, cluster=cluster, rows=small)
    with CaptureQueriesContext(connection) as large_queries:
        large_results = preview(update_organisations=True, cluster=cluster, rows=large)

    assert {r.action for r in small_results + large_results} == {NEW, UPDATE}
    # 1. the districts; 2. the organisations with the file's tax ids or names;
    # 3. those organisations' memberships of the cluster.
    assert len(small_queries) == len(large_queries) == 3, [q["sql"] for q in large_queries]

    # The preview page as a whole, too.
    small_import = upload(office, cluster, csv_upload(small_rows))
    large_import = upload(office, cluster, csv_upload(large_rows))
    with CaptureQueriesContext(connection) as small_page:
        assert office.get(preview_url(small_import)).status_code == 200
    with CaptureQueriesContext(connection) as large_page:
        assert office.get(preview_url(large_import)).status_code == 200
    assert len(small_page) == len(large_page)


def test_districts_are_matched_by_name_or_slug_without_accents(cluster):
    results = preview(
        update_organisations=True,
        cluster=cluster,
        rows=source_rows(
            *[
                member(legal_name=f"Org {d.slug}", district=d.name.upper())
                for d in District.objects.all()
            ],
            *[
                member(legal_name=f"Other {d.slug}", district=d.slug)
                for d in District.objects.all()
            ],
        ),
    )
    assert all(r.action == NEW for r in results)
