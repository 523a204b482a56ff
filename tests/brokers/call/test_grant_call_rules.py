"""The grant call's rules: each test fails when its rule is removed."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import Role
from brokers.call import access, services
from brokers.call.models import (
    Application,
    ApplicationStatus,
    EligibilityCriterion,
    GrantCall,
    GrantCallStatus,
    Selection,
)
from districts.models import District
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
STAGES = services.STAGES


@pytest.fixture
def evaluators(people):
    return [people[Role.EVALUATOR], UserFactory(role=Role.EVALUATOR)]


@pytest.fixture
def call(coordinator, evaluators):
    now = timezone.now()
    call = services.create_call(
        call=GrantCall(
            reference="CINB-T",
            title="Convocatoria de prueba",
            purpose="…",
            expected_services="…",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
            total_budget=Decimal(84000),
        ),
        by=coordinator,
    )
    call.districts.set(District.objects.filter(slug__in=["besaya", "liebana"]))
    call.evaluators.set(evaluators)
    EligibilityCriterion.objects.create(call=call, text="Sede en la comarca")
    return call


def _publish(call, coordinator):
    services.advance(call=call, stage=STAGES["publish"], by=coordinator)
    call.refresh_from_db()


def _apply(call, district="besaya", amount=3500, submit=True):
    application = services.save_application(
        application=Application(
            call=call,
            district=District.objects.get(slug=district),
            organisation=OrganisationFactory(),
            created_by=UserFactory(role=Role.APPLICANT),
            broker_name="Lucía Gómez",
            requested_monthly_amount=Decimal(amount),
            work_plan="Visitas a empresas de la comarca",
        ),
        statements=dict.fromkeys(call.evaluation_criteria.all(), "Experiencia acreditada"),
    )
    if submit:
        services.submit_application(application=application)
    return application


def test_default_criteria_are_the_strategys_broker_requirements(call):
    criteria = list(call.evaluation_criteria.all())
    assert len(criteria) == 6
    assert sum(c.weight for c in criteria) == 100


def test_weights_must_add_up_to_100_to_publish(call, coordinator):
    criterion = call.evaluation_criteria.first()
    criterion.weight += 5
    criterion.save()
    with pytest.raises(ValidationError, match="105"):
        services.advance(call=call, stage=STAGES["publish"], by=coordinator)
    assert GrantCall.objects.get(pk=call.pk).status == GrantCallStatus.DRAFT


def test_only_the_coordinator_moves_a_call(call, people):
    with pytest.raises(PermissionDenied):
        services.advance(call=call, stage=STAGES["publish"], by=people[Role.EVALUATOR])


def test_a_late_submission_is_refused(call, coordinator):
    _publish(call, coordinator)
    application = _apply(call, submit=False)
    after_closing = call.closes_at + timedelta(seconds=1)
    with pytest.raises(ValidationError):
        services.submit_application(application=application, now=after_closing)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_the_amount_cannot_exceed_the_maximum(call, coordinator):
    _publish(call, coordinator)
    with pytest.raises(ValidationError) as refused:
        _apply(call, amount=3500.01)
    assert "requested_monthly_amount" in refused.value.message_dict
    _apply(call, amount=3500)


def test_a_submitted_application_is_read_only(call, coordinator):
    _publish(call, coordinator)
    application = _apply(call)
    application.work_plan = "Cambiado"
    with pytest.raises(ValidationError):
        services.save_application(application=application, statements={})


def test_every_requirement_needs_a_statement(call, coordinator):
    _publish(call, coordinator)
    application = _apply(call, submit=False)
    application.statements.first().delete()
    with pytest.raises(ValidationError):
        services.submit_application(application=application)


def test_the_call_closes_by_itself_at_its_closing_time(call, coordinator):
    _publish(call, coordinator)
    assert services.close_due_calls() == 0
    GrantCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert services.close_due_calls() == 1
    assert services.close_due_calls() == 0  # idempotent
    call.refresh_from_db()
    assert call.status == GrantCallStatus.CLOSED
    assert call.transitions.first().by is None  # closed by the schedule


def _to_evaluation(call, coordinator):
    GrantCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    services.close_due_calls()
    services.advance(call=call, stage=STAGES["evaluate"], by=coordinator)
    call.refresh_from_db()


def _eligible(application, evaluator, passed=True):
    criterion = application.call.eligibility_criteria.get()
    return services.check_eligibility(
        application=application,
        results={criterion: (passed, "" if passed else "Sin sede")},
        by=evaluator,
    )


def _score(application, evaluator, value):
    review = services.declare_interest(
        application=application, evaluator=evaluator, has_conflict=False
    )
    services.submit_scores(
        review=review,
        scores={
            c: (value, "" if value * 2 >= c.max_score else "Flojo")
            for c in application.call.evaluation_criteria.all()
        },
    )


@pytest.fixture
def evaluated(call, coordinator, evaluators):
    _publish(call, coordinator)
    strong, weak = _apply(call), _apply(call)
    _to_evaluation(call, coordinator)
    for application in (strong, weak):
        _eligible(application, evaluators[0])
    _score(strong, evaluators[0], 9)
    _score(strong, evaluators[1], 7)
    _score(weak, evaluators[0], 5)
    return strong, weak


def test_weighted_total_and_spread(evaluated, call):
    strong, weak = evaluated
    [first, second] = services.ranking(call)[strong.district]
    assert first.application == strong
    assert first.total == Decimal("80.00")  # mean 8 of 10 on every criterion
    assert first.spread == Decimal("20.00")  # 90 and 70
    assert (second.application, second.total, second.reviews) == (weak, Decimal("50.00"), 1)


def test_an_ineligible_application_leaves_the_evaluation_with_its_reason(
    call, coordinator, evaluators
):
    _publish(call, coordinator)
    application = _apply(call)
    _to_evaluation(call, coordinator)
    _eligible(application, evaluators[0], passed=False)
    application.refresh_from_db()
    assert application.eligibility == "ineligible"
    assert "Sin sede" in application.ineligibility_reason
    assert services.ranking(call) == {}


def test_an_evaluator_with_a_conflict_cannot_score(call, coordinator, evaluators):
    _publish(call, coordinator)
    application = _apply(call)
    _to_evaluation(call, coordinator)
    _eligible(application, evaluators[0])
    review = services.declare_interest(
        application=application, evaluator=evaluators[1], has_conflict=True
    )
    with pytest.raises(PermissionDenied):
        services.submit_scores(
            review=review, scores=dict.fromkeys(call.evaluation_criteria.all(), (5, ""))
        )


def test_an_evaluator_not_assigned_to_the_call_cannot_review(call, coordinator, evaluators):
    _publish(call, coordinator)
    application = _apply(call)
    _to_evaluation(call, coordinator)
    with pytest.raises(PermissionDenied):
        services.declare_interest(
            application=application, evaluator=UserFactory(role=Role.EVALUATOR), has_conflict=False
        )


def test_a_low_score_needs_a_comment(call, coordinator, evaluators):
    _publish(call, coordinator)
    application = _apply(call)
    _to_evaluation(call, coordinator)
    _eligible(application, evaluators[0])
    review = services.declare_interest(
        application=application, evaluator=evaluators[0], has_conflict=False
    )
    with pytest.raises(ValidationError):
        services.submit_scores(
            review=review, scores=dict.fromkeys(call.evaluation_criteria.all(), (4, ""))
        )


def test_a_second_selection_in_a_district_is_refused(evaluated, coordinator):
    strong, weak = evaluated
    services.select(application=strong, by=coordinator)
    with pytest.raises(ValidationError):
        services.select(application=weak, by=coordinator, reason="Mejor plan de trabajo")
    assert Selection.objects.count() == 1


def test_not_choosing_the_top_ranked_needs_a_reason(evaluated, coordinator):
    strong, weak = evaluated
    with pytest.raises(ValidationError):
        services.select(application=weak, by=coordinator)
    services.select(application=weak, by=coordinator, reason="Conoce mejor el territorio")


def test_agreements_cannot_exceed_the_calls_budget(call, coordinator, evaluators):
    _publish(call, coordinator)
    besaya, liebana = _apply(call, "besaya"), _apply(call, "liebana")
    _to_evaluation(call, coordinator)
    selections = []
    for application in (besaya, liebana):
        _eligible(application, evaluators[0])
        _score(application, evaluators[0], 8)
        selections.append(services.select(application=application, by=coordinator))
    services.advance(call=call, stage=STAGES["resolve"], by=coordinator)
    GrantCall.objects.filter(pk=call.pk).update(total_budget=Decimal(42000 + 41999))
    first = services.sign_agreement(
        selection=selections[0], start_date=date(2026, 1, 1), by=coordinator
    )
    assert (first.total, first.end_date) == (Decimal(42000), date(2026, 12, 31))
    with pytest.raises(ValidationError):
        services.sign_agreement(
            selection=selections[1], start_date=date(2026, 1, 1), by=coordinator
        )


def test_payments_are_recorded_against_the_agreement(evaluated, call, coordinator):
    strong, _weak = evaluated
    selection = services.select(application=strong, by=coordinator)
    services.advance(call=call, stage=STAGES["resolve"], by=coordinator)
    agreement = services.sign_agreement(
        selection=selection, start_date=date(2026, 1, 1), by=coordinator
    )
    services.record_payment(agreement=agreement, month=date(2026, 1, 1), paid_on=date(2026, 2, 10))
    services.record_payment(agreement=agreement, month=date(2026, 2, 1))
    assert services.paid_total(agreement) == Decimal(3500)
    with pytest.raises(ValidationError):
        services.record_payment(agreement=agreement, month=date(2027, 1, 1))
    with pytest.raises(ValidationError):  # a paid month stays paid
        services.record_payment(agreement=agreement, month=date(2026, 1, 1))


def test_resolving_tells_every_applicant_their_outcome(
    evaluated, call, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    strong, weak = evaluated
    strong.created_by.email = "ganador@example.org"
    strong.created_by.save()
    weak.created_by.email = "otro@example.org"
    weak.created_by.save()
    services.select(application=strong, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.advance(call=call, stage=STAGES["resolve"], by=coordinator)
    assert sorted(m.to[0] for m in mailoutbox) == ["ganador@example.org", "otro@example.org"]


def test_agreements_wait_for_the_resolution(evaluated, coordinator):
    strong, _weak = evaluated
    selection = services.select(application=strong, by=coordinator)
    with pytest.raises(ValidationError):
        services.sign_agreement(selection=selection, start_date=date(2026, 1, 1), by=coordinator)


def test_the_named_broker_gets_an_account_and_an_invitation(
    evaluated, call, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    strong, _weak = evaluated
    selection = services.select(application=strong, by=coordinator)
    services.advance(call=call, stage=STAGES["resolve"], by=coordinator)
    agreement = services.sign_agreement(
        selection=selection, start_date=date(2026, 1, 1), by=coordinator
    )
    with django_capture_on_commit_callbacks(execute=True):
        broker = services.appoint_broker(
            agreement=agreement,
            username="lucia",
            email="lucia@example.org",
            first_name="Lucía",
            last_name="Gómez",
            by=coordinator,
            site_url="https://portal.example.org",
        )
    assert broker.district == strong.district
    assert broker.has_role(Role.INNOVATION_BROKER)
    assert not broker.has_usable_password()
    assert "https://portal.example.org/accounts/password/reset/" in mailoutbox[0].body


def test_an_applicant_reads_only_their_own_organisations_applications(evaluated, call, people, rf):
    from django.http import Http404

    from brokers.call import access

    strong, weak = evaluated
    applicant = UserFactory(role=Role.APPLICANT, organisation=strong.organisation)
    request = rf.get("/")
    request.user = applicant
    assert access.get_application(request, strong.pk) == strong
    with pytest.raises(Http404):
        access.get_application(request, weak.pk)


def test_an_evaluator_sees_nothing_of_an_application_with_a_conflict(
    call, coordinator, evaluators, rf
):
    from django.http import Http404

    from brokers.call import access

    _publish(call, coordinator)
    application = _apply(call)
    _to_evaluation(call, coordinator)
    request = rf.get("/")
    request.user = evaluators[1]
    assert access.get_application(request, application.pk) == application
    services.declare_interest(application=application, evaluator=evaluators[1], has_conflict=True)
    with pytest.raises(Http404):
        access.get_application(request, application.pk)
    request.user = UserFactory(role=Role.EVALUATOR)  # not assigned to the call
    with pytest.raises(Http404):
        access.get_application(request, application.pk)


def test_evaluators_see_each_others_scores_only_after_submitting_their_own(
    call, coordinator, evaluators, people
):
    _publish(call, coordinator)
    application = _apply(call)
    _to_evaluation(call, coordinator)
    _eligible(application, evaluators[0])
    _score(application, evaluators[0], 8)
    assert not access.scores_visible_to(evaluators[1], application).exists()
    _score(application, evaluators[1], 6)
    assert access.scores_visible_to(evaluators[1], application).count() == 2 * 6
    official = people[Role.GOVERNMENT_OFFICIAL]
    assert access.scores_visible_to(official, application).count() == 2 * 6


def test_resolving_writes_the_resolution_with_the_ranking_per_district(
    evaluated, call, coordinator, client
):
    strong, weak = evaluated
    services.select(application=strong, by=coordinator)
    services.advance(call=call, stage=STAGES["resolve"], by=coordinator)
    call.refresh_from_db()
    with call.resolution_document.open("rb") as document:
        assert document.read(5) == b"%PDF-"
    response = client.get(f"/calls/{call.reference}/resolution/")  # public
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_the_resolution_lists_every_ranked_organisation(evaluated, call, coordinator):
    from django.template.loader import render_to_string

    strong, weak = evaluated
    services.select(application=strong, by=coordinator)
    ranked = services.ranking(call)
    html = render_to_string(
        "brokers/pdf/resolution.html",
        {
            "call": call,
            "ranking": list(ranked.items()),
            "resolved_on": timezone.now(),
            "committed": Decimal(3500),
            "ineligible": [],
            "language": "es",
        },
    )
    assert strong.organisation.legal_name in html
    assert weak.organisation.legal_name in html


def test_a_conflict_hides_the_application_only_from_who_declared_it(
    call, coordinator, evaluators, rf
):
    from django.http import Http404

    from brokers.call import access

    _publish(call, coordinator)
    application = _apply(call)
    draft = _apply(call, "liebana", submit=False)
    _to_evaluation(call, coordinator)
    services.declare_interest(application=application, evaluator=evaluators[1], has_conflict=True)
    services.declare_interest(application=application, evaluator=evaluators[0], has_conflict=False)
    request = rf.get("/")
    request.user = evaluators[0]
    assert access.get_application(request, application.pk) == application
    with pytest.raises(Http404):  # evaluators never see drafts
        access.get_application(request, draft.pk)


def test_a_tie_at_the_top_needs_no_reason(call, coordinator, evaluators):
    _publish(call, coordinator)
    first, second = _apply(call), _apply(call)
    _to_evaluation(call, coordinator)
    for application in (first, second):
        _eligible(application, evaluators[0])
        _score(application, evaluators[0], 7)
    services.select(application=second, by=coordinator)
