"""Uploaded files and generated reports in S3-compatible object storage.

Web servers and workers on different machines share files through a bucket.
These tests run the portal against a local S3-compatible server (moto in
server mode, on a free port of 127.0.0.1; no internet) configured the way
production is: from the environment variables that cpo_portal/env.py reads.
"""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import date
from decimal import Decimal
from itertools import count
from urllib.parse import urlsplit

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from accounts.roles import Role
from clusters.models import ClusterOrganisation, ImportStatus, MemberImport, Organisation
from cpo_portal.env import Env
from programmes import services as programme_services
from programmes.models import Expenditure, Programme
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%strategy\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
_buckets = count(1)


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_environment(s3_endpoint):
    """The variables a web server or worker is given, naming a new empty bucket."""
    environment = {
        "AWS_STORAGE_BUCKET_NAME": f"cpo-portal-test-{os.getpid()}-{next(_buckets)}",
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "portal-test-key",
        "AWS_SECRET_ACCESS_KEY": "portal-test-secret",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    s3_client(environment).create_bucket(Bucket=environment["AWS_STORAGE_BUCKET_NAME"])
    return environment


@pytest.fixture
def bucket(settings, s3_environment):
    """The portal's default storage switched to the bucket, as its settings would."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": Env(s3_environment).file_storage("DJANGO_STORAGE_BACKEND"),
    }
    return s3_environment["AWS_STORAGE_BUCKET_NAME"]


def s3_client(environment):
    return boto3.client(
        "s3",
        endpoint_url=environment["AWS_S3_ENDPOINT_URL"],
        region_name=environment["AWS_S3_REGION_NAME"],
        aws_access_key_id=environment["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=environment["AWS_SECRET_ACCESS_KEY"],
    )


def keys_in(environment):
    listing = s3_client(environment).list_objects_v2(Bucket=environment["AWS_STORAGE_BUCKET_NAME"])
    return sorted(item["Key"] for item in listing.get("Contents", []))


def unsigned_get(url):
    """The status of a plain GET, as a browser given the URL would make it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def downloaded(response):
    assert response.status_code == 200, response
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content)


# The settings


def test_the_settings_select_a_private_bucket(bucket, s3_environment):
    storage = storages["default"]
    assert isinstance(storage, S3Storage)
    assert storage.bucket_name == bucket
    assert storage.endpoint_url == s3_environment["AWS_S3_ENDPOINT_URL"]
    assert storage.default_acl == "private"
    assert storage.querystring_auth is True
    assert storage.custom_domain is None
    assert storage.file_overwrite is False


def test_without_storage_variables_files_stay_in_the_media_folder():
    assert Env({}).file_storage("DJANGO_STORAGE_BACKEND") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    explicit = Env({"DJANGO_STORAGE_BACKEND": "local", "AWS_STORAGE_BUCKET_NAME": "cpo-files"})
    assert explicit.file_storage("DJANGO_STORAGE_BACKEND")["BACKEND"].endswith("FileSystemStorage")


# Saving and reading back


def test_a_file_saved_through_default_storage_is_read_back_from_the_bucket(bucket, s3_environment):
    name = default_storage.save("reports/2026/annual-report.pdf", ContentFile(PDF))

    assert keys_in(s3_environment) == [name]
    assert default_storage.exists(name)
    assert default_storage.size(name) == len(PDF)
    with default_storage.open(name, "rb") as stored:
        assert stored.read() == PDF
    default_storage.delete(name)
    assert not default_storage.exists(name)


def test_a_second_file_with_the_same_name_does_not_replace_the_first(bucket, s3_environment):
    first = default_storage.save("clusters/strategies/strategy.pdf", ContentFile(b"%PDF-1 one"))
    second = default_storage.save("clusters/strategies/strategy.pdf", ContentFile(b"%PDF-1 two"))

    assert first != second
    assert keys_in(s3_environment) == sorted([first, second])
    with default_storage.open(first) as stored:
        assert stored.read() == b"%PDF-1 one"


def test_a_file_saved_by_a_worker_is_served_by_the_web_server(
    bucket, s3_environment, people, client_for
):
    """A worker on another machine (here: another process, configured only by
    environment variables) writes a file; the web server streams it to a user
    entitled to it."""
    worker_code = (
        "import django; django.setup()\n"
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage\n"
        f"print(default_storage.save('clusters/strategies/strategy.pdf', ContentFile({PDF!r})))\n"
    )
    environment = {
        **{
            key: value
            for key, value in os.environ.items()
            if not key.startswith("AWS_") and key != "DJANGO_STORAGE_BACKEND"
        },
        "DJANGO_SETTINGS_MODULE": "cpo_portal.settings.base",
        **s3_environment,
    }
    worker = subprocess.run(
        [sys.executable, "-c", worker_code],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr
    name = worker.stdout.strip().splitlines()[-1]
    assert keys_in(s3_environment) == [name]

    cluster = ClusterFactory(slug="gira")
    cluster.strategy_document.name = name
    cluster.save()
    response = client_for(people[Role.GOVERNMENT_OFFICIAL]).get("/clusters/gira/strategy/")
    assert downloaded(response) == PDF


# Uploads and downloads through the portal's views


def _new_cluster_form(**changes):
    data = {
        "name": "Clúster TIC",
        "acronym": "TIC",
        "slug": "tic",
        "kind": "cluster",
        "sector": "TIC",
        "ris3_priority": "ict",
        "development_stage": "immature",
        "status": "active",
        "cluster_manager": "",
    }
    for prefix in ("services", "labels", "board", "networks"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_a_strategy_document_uploaded_through_the_portal_is_kept_in_the_bucket(
    bucket, s3_environment, people, client_for
):
    office = client_for(people[Role.OFFICE_STAFF])
    response = office.post(
        "/clusters/new/",
        _new_cluster_form(
            strategy_document=SimpleUploadedFile("strategy.pdf", PDF, "application/pdf"),
        ),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors

    document = ClusterOrganisation.objects.get(slug="tic").strategy_document
    assert keys_in(s3_environment) == [document.name]
    assert document.name.startswith("clusters/strategies/")

    # Streamed by the permission-checked view: no redirect to the bucket.
    assert downloaded(office.get("/clusters/tic/strategy/")) == PDF
    response = Client().get("/clusters/tic/strategy/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    applicant = client_for(people[Role.APPLICANT])
    assert applicant.get("/clusters/tic/strategy/").status_code == 403


def test_an_expenditure_document_is_uploaded_and_downloaded_through_the_bucket(
    bucket, s3_environment, people, client_for
):
    programme = Programme.objects.create(title="Programa", start_year=2024, objectives="…")
    programme.clusters.set([ClusterFactory()])
    programme_services.save_budget(
        programme=programme,
        amounts={(y, c): Decimal(10000) for y in programme.year_range for c in ("travel",)},
    )
    for name, role in (
        ("submit", Role.OFFICE_STAFF),
        ("approve", Role.GOVERNMENT_OFFICIAL),
        ("activate", Role.OFFICE_STAFF),
    ):
        programme_services.change_status(
            programme=programme, transition=programme_services.TRANSITIONS[name], by=people[role]
        )
    office = client_for(people[Role.OFFICE_STAFF])
    response = office.post(
        "/programmes/spending/new/",
        {
            "programme": programme.pk,
            "date": "2025-03-10",
            "category": "travel",
            "amount": "120",
            "supplier": "Viajes S.L.",
            "description": "Misión a Bruselas",
            "document": SimpleUploadedFile("factura.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    expenditure = Expenditure.objects.get()
    assert keys_in(s3_environment) == [expenditure.document.name]

    url = f"/programmes/spending/{expenditure.pk}/document/"
    assert downloaded(office.get(url)) == PDF
    broker = client_for(people[Role.INNOVATION_BROKER])
    assert broker.get(url).status_code == 403


def test_a_member_import_file_is_read_back_from_the_bucket(
    bucket, s3_environment, people, client_for
):
    """The import is uploaded in one request and read again from storage in the
    next ones (preview, confirm), possibly on another web server."""
    cluster = ClusterFactory(slug="marcan")
    office = client_for(people[Role.OFFICE_STAFF])
    rows = (
        "legal_name,type,size_class,start_date\nTalleres del Besaya S.L.,company,small,2024-01-15\n"
    )
    response = office.post(
        "/clusters/marcan/members/import/",
        {"file": SimpleUploadedFile("members.csv", rows.encode(), "text/csv")},
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    member_import = MemberImport.objects.get()
    assert keys_in(s3_environment) == [member_import.file.name]

    preview = office.get(response["Location"])
    assert [row.line for row in preview.context["results"]] == [2]
    assert office.post(response["Location"]).status_code == 302
    member_import.refresh_from_db()
    assert member_import.status == ImportStatus.IMPORTED
    assert Organisation.objects.get(legal_name="Talleres del Besaya S.L.").memberships.get(
        cluster=cluster
    ).start_date == date(2024, 1, 15)


def test_a_missing_stored_file_is_not_found_rather_than_an_error(bucket, people, client_for):
    cluster = ClusterFactory(slug="gira")
    cluster.strategy_document.name = "clusters/strategies/gone.pdf"
    cluster.save()
    response = client_for(people[Role.OFFICE_STAFF]).get("/clusters/gira/strategy/")
    assert response.status_code == 404


# Nothing public


def test_no_stored_file_can_be_fetched_without_a_signature(bucket, s3_environment, people):
    name = default_storage.save("clusters/agreements/agreement.pdf", ContentFile(PDF))
    endpoint = s3_environment["AWS_S3_ENDPOINT_URL"]

    # The object carries no grant to anyone but its owner.
    grants = s3_client(s3_environment).get_object_acl(Bucket=bucket, Key=name)["Grants"]
    assert [grant["Grantee"]["Type"] for grant in grants] == ["CanonicalUser"]
    # Its plain address is refused; the server would serve it if it were public.
    assert unsigned_get(f"{endpoint}/{bucket}/{name}") == 403
    s3_client(s3_environment).put_object(
        Bucket=bucket, Key="control/public.txt", Body=b"x", ACL="public-read"
    )
    assert unsigned_get(f"{endpoint}/{bucket}/control/public.txt") == 200

    # A URL from the storage is signed and short-lived; the portal's views
    # never hand one out (they stream the file), but even so it would expire.
    url = default_storage.url(name)
    query = urlsplit(url).query
    assert "X-Amz-Signature=" in query and "X-Amz-Expires=300" in query
    assert unsigned_get(url) == 200


def test_portal_pages_never_expose_the_bucket(bucket, s3_environment, people, client_for):
    cluster = ClusterFactory(slug="gira")
    cluster.strategy_document.save("strategy.pdf", ContentFile(PDF))
    office = client_for(people[Role.OFFICE_STAFF])

    page = office.get("/clusters/gira/").content.decode()
    download = office.get("/clusters/gira/strategy/")

    endpoint_host = urlsplit(s3_environment["AWS_S3_ENDPOINT_URL"]).netloc
    assert "/clusters/gira/strategy/" in page
    assert endpoint_host not in page and "X-Amz" not in page
    assert download.status_code == 200 and not download.has_header("Location")
    assert endpoint_host not in str(download.headers)
