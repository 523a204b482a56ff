"""A grant call from an applicant's application to an evaluator's scores, in a real browser.

The acceptance test of the issue: "A browser test submits an application as an
applicant and scores it as an evaluator; axe-core finds no serious or critical
violation on the public call page and the application form." Links, fields and
buttons are found by their address, name or id, never by their translated text.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from brokers.call import services
from brokers.call.models import (
    Application,
    ApplicationStatus,
    Eligibility,
    EligibilityCriterion,
    GrantCall,
    GrantCallStatus,
    Review,
)
from districts.models import District
from tests.browser.pages import assert_accessible, log_in
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

# live_server needs committed data; serialized_rollback keeps the districts
# that a data migration created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STAGES = services.STAGES
REFERENCE = "CINB-B"
CALL_LIST_URL = "/calls/"
CALL_URL = f"/calls/{REFERENCE}/"
APPLY_URL = f"{CALL_URL}apply/"
SCORE = 8


@pytest.fixture
def coordinator():
    return UserFactory(username="coordinator", role=Role.NETWORK_COORDINATOR)


@pytest.fixture
def evaluator():
    return UserFactory(username="evaluator", role=Role.EVALUATOR)


@pytest.fixture
def applicant():
    return UserFactory(
        username="applicant", role=Role.APPLICANT, organisation=OrganisationFactory()
    )


@pytest.fixture
def call(coordinator, evaluator):
    """A published call, open now, with one eligibility criterion."""
    now = timezone.now()
    call = services.create_call(
        call=GrantCall(
            reference=REFERENCE,
            title="Convocatoria de agentes de innovación",
            purpose="Dinamizar la innovación en las comarcas.",
            expected_services="Visitas a empresas y diagnósticos de innovación.",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
            total_budget=Decimal(84000),
        ),
        by=coordinator,
    )
    call.districts.set(District.objects.filter(slug__in=["besaya", "liebana"]))
    call.evaluators.set([evaluator])
    EligibilityCriterion.objects.create(call=call, text="Sede en la comarca")
    services.advance(call=call, stage=STAGES["publish"], by=coordinator)
    call.refresh_from_db()
    assert call.status == GrantCallStatus.PUBLISHED
    return call


def submit(page, form="main form[method=post]"):
    """Submit a form of the page and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(f"{form} [type=submit]").click()


def follow(page, href):
    with page.expect_navigation():
        page.locator(f"main a[href='{href}']").first.click()


def to_evaluation(call, coordinator):
    """The call closes at its time and the coordinator starts the evaluation."""
    GrantCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert services.close_due_calls() == 1
    services.advance(call=call, stage=STAGES["evaluate"], by=coordinator)
    call.refresh_from_db()
    assert call.status == GrantCallStatus.UNDER_EVALUATION


def test_applicant_submits_and_evaluator_scores(
    browser, page, live_server, call, coordinator, applicant, evaluator
):
    base = live_server.url

    # Anyone: from the login page to the public list, then to the call's page.
    page.goto(f"{base}/accounts/login/")
    follow(page, CALL_LIST_URL)
    assert page.url == f"{base}{CALL_LIST_URL}"
    follow(page, CALL_URL)
    assert page.url == f"{base}{CALL_URL}"
    assert page.locator("main h1").is_visible()
    assert_accessible(page)

    # The applicant logs in and fills the application form.
    log_in(page, base, applicant.username, PASSWORD)
    page.goto(f"{base}{APPLY_URL}")
    assert page.url == f"{base}{APPLY_URL}"
    assert_accessible(page)
    form = page.locator("main form[method=post][enctype='multipart/form-data']")
    besaya = District.objects.get(slug="besaya")
    form.locator("#id_district").select_option(str(besaya.pk))
    form.locator("#id_broker_name").fill("Lucía Gómez")
    form.locator("#id_broker_cv").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%test\n"}
    )
    form.locator("#id_requested_monthly_amount").fill("3500")
    form.locator("#id_work_plan").fill("Visitas a empresas de la comarca.\nDiagnósticos.")
    statements = form.locator("textarea[name^=statement_]")
    assert statements.count() == call.evaluation_criteria.count() == 6
    for i in range(statements.count()):
        statements.nth(i).fill(f"Experiencia acreditada en el requisito {i + 1}.")
    submit(page)

    application = Application.objects.get(call=call, organisation=applicant.organisation)
    assert application.status == ApplicationStatus.DRAFT
    assert application.district == besaya
    assert application.requested_monthly_amount == Decimal("3500")
    assert application.broker_cv
    assert application.statements.count() == 6
    detail_url = f"/calls/applications/{application.pk}/"
    submit_url = f"{detail_url}submit/"
    assert page.url == f"{base}{detail_url}"

    # From the application's page, through the confirmation page.
    follow(page, submit_url)
    assert page.url == f"{base}{submit_url}"
    submit(page)
    assert page.url == f"{base}{detail_url}"
    assert page.locator("main a[href$='/submit/']").count() == 0
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None

    # The call closes and its evaluation starts.
    to_evaluation(call, coordinator)

    # The evaluator, in a browser of their own.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        evaluator_page = context.new_page()
        log_in(evaluator_page, base, evaluator.username, PASSWORD)
        evaluation_url = f"/brokers/calls/{call.pk}/evaluation/"
        review_url = f"/brokers/calls/applications/{application.pk}/"
        evaluator_page.goto(f"{base}{evaluation_url}")
        assert_accessible(evaluator_page)
        follow(evaluator_page, review_url)
        assert evaluator_page.url == f"{base}{review_url}"
        assert_accessible(evaluator_page)

        # No conflict of interest, first.
        declaration = "main form[action$='/declaration/']"
        evaluator_page.locator(f"{declaration} input[name=has_conflict][value=no]").check()
        submit(evaluator_page, declaration)
        review = Review.objects.get(application=application, evaluator=evaluator)
        assert review.has_conflict is False
        assert review.submitted_at is None

        # Then eligibility: every criterion met.
        eligibility = "main form[action$='/eligibility/']"
        criterion = call.eligibility_criteria.get()
        evaluator_page.locator(
            f"{eligibility} input[name=passed_{criterion.pk}][value=pass]"
        ).check()
        submit(evaluator_page, eligibility)
        application.refresh_from_db()
        assert application.eligibility == Eligibility.ELIGIBLE

        # Then a score for every criterion.
        scores = "main form[action$='/scores/']"
        assert_accessible(evaluator_page)
        criteria = list(call.evaluation_criteria.all())
        for criterion in criteria:
            evaluator_page.locator(f"{scores} input[name=score_{criterion.pk}]").fill(str(SCORE))
        submit(evaluator_page, scores)
        assert evaluator_page.url == f"{base}{review_url}"
        assert evaluator_page.locator(scores).count() == 0
        assert_accessible(evaluator_page)
    finally:
        context.close()

    review.refresh_from_db()
    assert review.submitted_at is not None
    assert {s.criterion_id: s.score for s in review.scores.all()} == {c.pk: SCORE for c in criteria}
