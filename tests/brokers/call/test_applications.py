"""An applicant drafts, edits and submits an application on the public pages."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from brokers.call.models import Application, ApplicationStatus, GrantCall
from districts.models import District
from tests.brokers.call.test_public_calls import make_call
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def call(people):
    return make_call(people[Role.NETWORK_COORDINATOR])


@pytest.fixture
def applicant(db):
    return UserFactory(role=Role.APPLICANT, organisation=OrganisationFactory())


def _form(call, amount="3.500,00", statement="Experiencia acreditada", **changes):
    data = {
        "district": District.objects.get(slug="besaya").pk,
        "broker_name": "Lucía Gómez",
        "requested_monthly_amount": amount,
        "work_plan": "Visitas a empresas de la comarca",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-title": "",
    }
    for criterion in call.evaluation_criteria.all():
        data[f"statement_{criterion.pk}"] = statement
    data.update(changes)
    return data


def _draft(client, call, **changes):
    return client.post(reverse("calls:apply", args=[call.reference]), _form(call, **changes))


def test_an_applicant_drafts_edits_and_submits(client_for, call, applicant):
    client = client_for(applicant)
    assert client.get(reverse("calls:apply", args=[call.reference])).status_code == 200
    response = _draft(
        client,
        call,
        statement="",
        broker_cv=SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf"),
        **{
            "documents-0-title": "Estatutos",
            "documents-0-file": SimpleUploadedFile("e.pdf", PDF, content_type="application/pdf"),
        },
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("calls:application_detail", args=[application.pk])
    assert application.organisation == applicant.organisation
    assert application.created_by == applicant
    assert application.status == ApplicationStatus.DRAFT
    assert str(application.requested_monthly_amount) == "3500.00"
    document = application.documents.get()

    # Documents and CV are downloaded through the access check.
    cv = client.get(reverse("calls:application_cv", args=[application.pk]))
    assert cv.status_code == 200 and b"".join(cv.streaming_content) == PDF
    url = reverse("calls:application_document", args=[application.pk, document.pk])
    assert client.get(url).status_code == 200

    # Submitting without the statements is refused: it stays a draft.
    client.post(reverse("calls:application_submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT

    edit_url = reverse("calls:application_edit", args=[application.pk])
    response = client.get(edit_url)
    assert response.status_code == 200
    data = _form(call, amount="3.000", broker_name="Pedro Ruiz")
    data.update({"documents-TOTAL_FORMS": "2", "documents-INITIAL_FORMS": "1"})
    data.update({"documents-0-id": document.pk, "documents-0-title": "Estatutos"})
    data.update({"documents-1-title": ""})
    response = client.post(edit_url, data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.broker_name == "Pedro Ruiz"
    assert str(application.requested_monthly_amount) == "3000.00"
    assert application.statements.exclude(text="").count() == 6

    submit_url = reverse("calls:application_submit", args=[application.pk])
    assert client.get(submit_url).status_code == 200
    response = client.post(submit_url)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None

    detail = client.get(reverse("calls:application_detail", args=[application.pk]))
    assert detail.status_code == 200
    assert detail.context["can_change"] is False


def test_a_submitted_application_cannot_be_edited(client_for, call, applicant):
    client = client_for(applicant)
    _draft(client, call)
    application = Application.objects.get()
    client.post(reverse("calls:application_submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    edit_url = reverse("calls:application_edit", args=[application.pk])
    detail_url = reverse("calls:application_detail", args=[application.pk])
    response = client.get(edit_url)
    assert response.status_code == 302 and response.url == detail_url
    response = client.post(edit_url, _form(call, broker_name="Otro"))
    assert response.status_code == 302 and response.url == detail_url
    application.refresh_from_db()
    assert application.broker_name == "Lucía Gómez"


def test_a_late_submission_is_refused_and_stays_a_draft(client_for, call, applicant):
    client = client_for(applicant)
    _draft(client, call)
    application = Application.objects.get()
    GrantCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))

    response = client.post(reverse("calls:application_submit", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.submitted_at is None
    # Nor can a new application be started once the call is closed.
    response = client.get(reverse("calls:apply", args=[call.reference]))
    assert response.status_code == 302
    assert response.url == reverse("calls:call_detail", args=[call.reference])


def test_an_amount_over_the_maximum_is_a_form_error(client_for, call, applicant):
    response = _draft(client_for(applicant), call, amount="3.500,01")
    assert response.status_code == 200
    assert "requested_monthly_amount" in response.context["form"].errors
    assert not Application.objects.exists()


def test_a_district_outside_the_call_is_refused(client_for, call, applicant):
    outside = District.objects.exclude(slug__in=["besaya", "liebana"]).first()
    response = _draft(client_for(applicant), call, district=outside.pk)
    assert response.status_code == 200
    assert "district" in response.context["form"].errors
    assert not Application.objects.exists()


def test_another_organisations_applicant_gets_404(client, client_for, call, applicant):
    _draft(client_for(applicant), call, broker_cv=SimpleUploadedFile("cv.pdf", PDF))
    application = Application.objects.get()
    document = application.documents.create(
        title="Estatutos", file=SimpleUploadedFile("e.pdf", PDF)
    )
    stranger = UserFactory(role=Role.APPLICANT, organisation=OrganisationFactory())
    client = client_for(stranger)
    for name, args in [
        ("calls:application_detail", [application.pk]),
        ("calls:application_edit", [application.pk]),
        ("calls:application_submit", [application.pk]),
        ("calls:application_cv", [application.pk]),
        ("calls:application_document", [application.pk, document.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert (
        client.post(reverse("calls:application_submit", args=[application.pk])).status_code == 404
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_staff_may_read_and_download_but_not_edit(client_for, call, applicant, people):
    _draft(client_for(applicant), call, broker_cv=SimpleUploadedFile("cv.pdf", PDF))
    application = Application.objects.get()
    client = client_for(people[Role.NETWORK_COORDINATOR])
    assert client.get(reverse("calls:application_detail", args=[application.pk])).status_code == 200
    assert client.get(reverse("calls:application_cv", args=[application.pk])).status_code == 200
    assert client.get(reverse("calls:application_edit", args=[application.pk])).status_code == 403


def test_other_roles_may_not_apply(client_for, call, people):
    client = client_for(people[Role.OFFICE_STAFF])
    assert client.get(reverse("calls:apply", args=[call.reference])).status_code == 403
    assert client.get(reverse("calls:my_applications")).status_code == 403
    # An applicant account not yet tied to an organisation cannot apply either.
    client = client_for(people[Role.APPLICANT])
    assert client.get(reverse("calls:apply", args=[call.reference])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in_to_apply(client, call):
    response = client.get(reverse("calls:apply", args=[call.reference]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_my_applications_lists_the_organisations_applications(client_for, people, applicant):
    coordinator = people[Role.NETWORK_COORDINATOR]
    client = client_for(applicant)
    first = make_call(coordinator, reference="CINB-1")
    _draft(client, first)
    with CaptureQueriesContext(connection) as one:
        response = client.get(reverse("calls:my_applications"))
    assert [a.call for a in response.context["page"]] == [first]

    for reference in ("CINB-2", "CINB-3"):
        _draft(client, make_call(coordinator, reference=reference))
    colleague = UserFactory(role=Role.APPLICANT, organisation=applicant.organisation)
    other = UserFactory(role=Role.APPLICANT, organisation=OrganisationFactory())
    _draft(client_for(other), first)
    client = client_for(colleague)
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("calls:my_applications"))
    assert response.status_code == 200
    assert {a.organisation_id for a in response.context["page"]} == {applicant.organisation_id}
    assert len(response.context["page"]) == 3
    # The session, the user, their permissions (user and group), the count of
    # the page and the applications with their call and district.
    assert len(three) == len(one) == 6
    assert reverse("calls:my_applications") in client.get(reverse("home")).content.decode()
