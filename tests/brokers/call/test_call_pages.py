"""The staff pages of the grant calls: list, rules, stages, ranking, agreements, paper entry.

Access, as documented in brokers/call/access.py: the grant readers (coordinator,
official) and the evaluators use the pages; other roles get 403; an evaluator
not assigned to the call gets 404; changes need the coordinator (else 403).
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from brokers.call import services
from brokers.call.models import (
    Application,
    GrantAgreement,
    GrantCall,
    GrantCallStatus,
    Payment,
    Selection,
)
from districts.models import District
from tests.brokers.call.test_grant_call_rules import (
    _apply,
    _eligible,
    _publish,
    _score,
    _to_evaluation,
)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


# The call, its evaluators and selections: conftest.py.


def url(name, *args):
    return reverse(f"brokers:{name}", args=args)


def _new_call(by, reference):
    now = timezone.now()
    new = services.create_call(
        call=GrantCall(
            reference=reference,
            title="Otra convocatoria",
            purpose="…",
            expected_services="…",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
            total_budget=Decimal(84000),
        ),
        by=by,
    )
    new.districts.set(District.objects.filter(slug__in=["besaya", "liebana"]))
    return new


# Who may see what


@pytest.mark.parametrize(
    "role, status",
    [
        (Role.NETWORK_COORDINATOR, 200),
        (Role.GOVERNMENT_OFFICIAL, 200),
        (Role.INNOVATION_BROKER, 403),
        (Role.APPLICANT, 403),
        (Role.CLUSTER_MANAGER, 403),
    ],
)
def test_roles_on_the_call_pages(call, people, client_for, role, status):
    client = client_for(people[role])
    for name in ("call_detail", "evaluation", "ranking", "agreements"):
        assert client.get(url(name, call.pk)).status_code == status, name
    assert client.get(url("call_list")).status_code == status


def test_an_assigned_evaluator_sees_the_call_and_an_unassigned_one_gets_404(
    call, evaluators, client_for
):
    client = client_for(evaluators[0])
    response = client.get(url("call_list"))
    assert [c.pk for c in response.context["page"].object_list] == [call.pk]
    for name in ("call_detail", "evaluation"):
        assert client.get(url(name, call.pk)).status_code == 200, name
    # Everyone's totals and the money are not for evaluators.
    for name in ("ranking", "agreements"):
        assert client.get(url(name, call.pk)).status_code == 403, name
    outsider = client_for(UserFactory(role=Role.EVALUATOR))
    assert not outsider.get(url("call_list")).context["page"].object_list
    for name in ("call_detail", "evaluation"):
        assert outsider.get(url(name, call.pk)).status_code == 404, name


def test_only_the_coordinator_changes_a_call(call, people, evaluators, client_for):
    for user in (people[Role.GOVERNMENT_OFFICIAL], evaluators[0]):
        client = client_for(user)
        assert client.get(url("call_create")).status_code == 403
        assert client.get(url("call_edit", call.pk)).status_code == 403
        assert client.get(url("call_stage", call.pk, "publish")).status_code == 403
        assert client.get(url("paper_application", call.pk)).status_code == 403
        assert client.post(url("ranking", call.pk), {"application": 1}).status_code == 403
        assert client.post(url("agreement_sign", call.pk)).status_code == 403


# The list


def test_call_list_shows_counts_in_constant_queries(call, coordinator, client_for):
    _publish(call, coordinator)
    _apply(call)
    _apply(call, submit=False)  # drafts are not counted
    client = client_for(coordinator)
    client.get(url("call_list"))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as one:
        response = client.get(url("call_list"))
    [row] = response.context["page"].object_list
    assert (row.application_count, row.district_count) == (1, 2)
    for n in range(3):
        _new_call(coordinator, f"CINB-{n}")
    # session, user, permissions (cached after the first), count for the paginator,
    # the page of calls with both counts annotated: the same whatever the number of calls.
    with CaptureQueriesContext(connection) as four:
        response = client.get(url("call_list"))
    assert len(response.context["page"].object_list) == 4
    assert len(four) == len(one)


# Create and edit the rules


def _call_data(**overrides):
    now = timezone.localtime()
    data = {
        "reference": "CINB-NEW",
        "title": "Nueva convocatoria",
        "purpose": "Acercar la innovación",
        "expected_services": "Visitas",
        "districts": [District.objects.get(slug="besaya").pk],
        "opens_at": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=31)).strftime("%Y-%m-%dT%H:%M"),
        "total_budget": "84000",
        "max_monthly_grant": "3500",
        "duration_months": "12",
        "eligibility-TOTAL_FORMS": "1",
        "eligibility-INITIAL_FORMS": "0",
        "eligibility-0-text": "Sede en la comarca",
        "eligibility-0-position": "0",
    }
    data.update(overrides)
    return data


def test_the_coordinator_drafts_a_call_with_the_default_criteria(coordinator, client_for):
    client = client_for(coordinator)
    assert client.get(url("call_create")).status_code == 200
    response = client.post(url("call_create"), _call_data())
    call = GrantCall.objects.get(reference="CINB-NEW")
    assert response.status_code == 302
    assert response["Location"] == url("call_edit", call.pk)
    assert call.status == GrantCallStatus.DRAFT
    assert call.evaluation_criteria.count() == 6
    assert list(call.eligibility_criteria.values_list("text", flat=True)) == ["Sede en la comarca"]
    assert list(call.districts.values_list("slug", flat=True)) == ["besaya"]


def test_a_call_that_closes_before_it_opens_is_refused(coordinator, client_for):
    now = timezone.localtime()
    response = client_for(coordinator).post(
        url("call_create"),
        _call_data(closes_at=(now - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")),
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not GrantCall.objects.filter(reference="CINB-NEW").exists()


def _edit_data(call, **weights):
    data = _call_data(reference=call.reference)
    eligibility = list(call.eligibility_criteria.all())
    data.update(
        {
            "eligibility-TOTAL_FORMS": str(len(eligibility)),
            "eligibility-INITIAL_FORMS": str(len(eligibility)),
        }
    )
    for i, criterion in enumerate(eligibility):
        data.update(
            {
                f"eligibility-{i}-id": criterion.pk,
                f"eligibility-{i}-text": criterion.text,
                f"eligibility-{i}-position": i,
            }
        )
    criteria = list(call.evaluation_criteria.all())
    data.update(
        {
            "evaluation-TOTAL_FORMS": str(len(criteria)),
            "evaluation-INITIAL_FORMS": str(len(criteria)),
        }
    )
    for i, criterion in enumerate(criteria):
        data.update(
            {
                f"evaluation-{i}-id": criterion.pk,
                f"evaluation-{i}-name": criterion.name,
                f"evaluation-{i}-weight": weights.get(f"w{i}", criterion.weight),
                f"evaluation-{i}-max_score": criterion.max_score,
                f"evaluation-{i}-position": i,
            }
        )
    return data


def test_weights_not_adding_to_100_are_shown_and_block_publishing(call, coordinator, client_for):
    client = client_for(coordinator)
    response = client.post(url("call_edit", call.pk), _edit_data(call, w0=25))  # 105
    assert response.status_code == 302
    assert call.evaluation_criteria.order_by("position").first().weight == 25
    page = client.get(url("call_edit", call.pk))
    assert any("105" in problem for problem in page.context["problems"])
    assert client.get(url("call_detail", call.pk)).context["problems"]
    confirm = client.get(url("call_stage", call.pk, "publish"))
    assert confirm.context["problems"]
    refused = client.post(url("call_stage", call.pk, "publish"), {"comment": ""})
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors()
    call.refresh_from_db()
    assert call.status == GrantCallStatus.DRAFT
    # Put the weights right, then publish with a comment.
    client.post(url("call_edit", call.pk), _edit_data(call, w0=20))
    response = client.post(url("call_stage", call.pk, "publish"), {"comment": "Aprobada"})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == GrantCallStatus.PUBLISHED
    assert call.transitions.get().comment == "Aprobada"


def test_a_published_calls_rules_cannot_change(call, coordinator, client_for):
    _publish(call, coordinator)
    client = client_for(coordinator)
    response = client.post(url("call_edit", call.pk), _edit_data(call, w0=25))
    assert response.status_code == 302
    assert response["Location"] == url("call_detail", call.pk)
    assert call.evaluation_criteria.order_by("position").first().weight == 20


def test_the_detail_offers_only_the_stages_due(call, coordinator, client_for):
    client = client_for(coordinator)
    assert [s.name for s in client.get(url("call_detail", call.pk)).context["stages"]] == [
        "publish"
    ]
    _publish(call, coordinator)
    # Before its closing time the call closes by itself: no button, and no way round.
    assert client.get(url("call_detail", call.pk)).context["stages"] == []
    assert client.post(url("call_stage", call.pk, "close")).status_code == 302
    call.refresh_from_db()
    assert call.status == GrantCallStatus.PUBLISHED
    GrantCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert [s.name for s in client.get(url("call_detail", call.pk)).context["stages"]] == ["close"]
    assert client.get(url("call_stage", call.pk, "nonsense")).status_code == 404


def test_the_detail_counts_applications_per_district(
    call, coordinator, evaluators, people, client_for
):
    _publish(call, coordinator)
    ok, ko = _apply(call), _apply(call)
    _apply(call, "liebana")
    _to_evaluation(call, coordinator)
    _eligible(ok, evaluators[0])
    _eligible(ko, evaluators[0], passed=False)
    response = client_for(people[Role.GOVERNMENT_OFFICIAL]).get(url("call_detail", call.pk))
    rows = {r["district__name"]: r for r in response.context["per_district"]}
    besaya = rows["Besaya"]
    assert (besaya["submitted"], besaya["eligible"], besaya["ineligible"]) == (2, 1, 1)
    assert rows["Liébana"]["submitted"] == 1
    assert len(response.context["applications"]) == 3
    assert [t.to_status for t in response.context["transitions"]] == [
        "under_evaluation",
        "closed",
        "published",
    ]


# Ranking and selection


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


def test_the_ranking_page_and_selection(evaluated, call, coordinator, client_for):
    strong, weak = evaluated
    client = client_for(coordinator)
    response = client.get(url("ranking", call.pk))
    [block] = response.context["districts"]
    assert [(r["rank"], r["entry"].application, r["entry"].total) for r in block["rows"]] == [
        (1, strong, Decimal("80.00")),
        (2, weak, Decimal("50.00")),
    ]
    assert all(r["form"] is not None for r in block["rows"])
    # Not the top-ranked one without a reason: refused, the error on its form.
    refused = client.post(url("ranking", call.pk), {"application": weak.pk, "reason": ""})
    assert refused.status_code == 200
    assert "reason" in refused.context["error_form"].errors
    assert not Selection.objects.exists()
    assert client.post(url("ranking", call.pk), {"application": strong.pk}).status_code == 302
    # A second selection in the district is refused.
    second = client.post(url("ranking", call.pk), {"application": weak.pk, "reason": "Mejor"})
    assert second.status_code == 200
    assert second.context["error_form"].non_field_errors()
    assert Selection.objects.get().application == strong
    [block] = client.get(url("ranking", call.pk)).context["districts"]
    assert block["selection"].application == strong
    assert all(r["form"] is None for r in block["rows"])


def test_the_official_reads_the_ranking_without_forms(evaluated, call, people, client_for):
    response = client_for(people[Role.GOVERNMENT_OFFICIAL]).get(url("ranking", call.pk))
    assert not response.context["can_select"]
    assert all(r["form"] is None for r in response.context["districts"][0]["rows"])


def test_ranking_queries_do_not_grow_with_applications(call, coordinator, evaluators, client_for):
    _publish(call, coordinator)
    first = _apply(call)
    more = [_apply(call, "liebana"), _apply(call), _apply(call, "liebana")]
    _to_evaluation(call, coordinator)
    _eligible(first, evaluators[0])
    _score(first, evaluators[0], 8)
    client = client_for(coordinator)
    client.get(url("ranking", call.pk))
    with CaptureQueriesContext(connection) as one:
        client.get(url("ranking", call.pk))
    for application in more:
        _eligible(application, evaluators[0])
        _score(application, evaluators[0], 6)
        _score(application, evaluators[1], 7)
    # session, user, the call, the selections, the criteria, the applications,
    # the scores: seven whatever the number of applications and reviews.
    with CaptureQueriesContext(connection) as four:
        response = client.get(url("ranking", call.pk))
    assert sum(len(d["rows"]) for d in response.context["districts"]) == 4
    assert len(four) == len(one)


# Agreements and payments


def test_signing_agreements_and_recording_payments(selected, call, coordinator, client_for):
    GrantCall.objects.filter(pk=call.pk).update(total_budget=Decimal(42000 + 41999))
    client = client_for(coordinator)
    response = client.post(
        url("agreement_sign", call.pk),
        {"selection": selected[0].pk, "start_date": "2026-01-15"},
    )
    assert response.status_code == 302
    agreement = GrantAgreement.objects.get()
    assert (agreement.start_date, agreement.end_date) == (date(2026, 1, 1), date(2026, 12, 31))
    # Over the budget: refused, with the error on the form.
    refused = client.post(
        url("agreement_sign", call.pk),
        {"selection": selected[1].pk, "start_date": "2026-01-01"},
    )
    assert refused.status_code == 200
    assert refused.context["sign_form"].non_field_errors()
    assert GrantAgreement.objects.count() == 1
    paid = client.post(
        url("payment_record", call.pk),
        {
            "agreement": agreement.pk,
            "month": "2026-01-01",
            "paid_on": "2026-02-10",
        },
    )
    assert paid.status_code == 302
    client.post(
        url("payment_record", call.pk),
        {"agreement": agreement.pk, "month": "2026-02-01", "paid_on": ""},
    )
    outside = client.post(
        url("payment_record", call.pk),
        {"agreement": agreement.pk, "month": "2027-03-01", "paid_on": ""},
    )
    assert outside.context["payment_form"].non_field_errors()
    assert Payment.objects.count() == 2
    page = client.get(url("agreements", call.pk))
    [row] = page.context["agreements"]
    assert (row.total, row.paid, row.remaining) == (Decimal(42000), Decimal(3500), Decimal(38500))
    assert page.context["committed"] == Decimal(42000)
    assert page.context["uncommitted"] == Decimal(41999)


def test_agreements_export(selected, call, coordinator, client_for):
    services.sign_agreement(selection=selected[0], start_date=date(2026, 1, 1), by=coordinator)
    client = client_for(coordinator)
    csv = client.get(url("agreements", call.pk), {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "42000" in csv.content.decode()
    xlsx = client.get(url("agreements", call.pk), {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_agreement_queries_do_not_grow_with_agreements(selected, call, coordinator, client_for):
    client = client_for(coordinator)
    first = services.sign_agreement(
        selection=selected[0], start_date=date(2026, 1, 1), by=coordinator
    )
    services.record_payment(agreement=first, month=date(2026, 1, 1), paid_on=date(2026, 2, 1))
    client.get(url("agreements", call.pk))
    with CaptureQueriesContext(connection) as one:
        client.get(url("agreements", call.pk))
    second = services.sign_agreement(
        selection=selected[1], start_date=date(2026, 1, 1), by=coordinator
    )
    for month in (1, 2, 3):
        services.record_payment(
            agreement=second, month=date(2026, month, 1), paid_on=date(2026, month, 20)
        )
    # Both agreements and their payments; no selection waits any more, so the
    # sign form's (empty) list costs no row query but keeps its one query.
    # session, user, permissions (2), the call, the agreements with the paid sum
    # annotated, the agreements without a broker, the selections without an
    # agreement, the agreements of the payment form.
    with CaptureQueriesContext(connection) as two:
        response = client.get(url("agreements", call.pk))
    assert [a.paid for a in response.context["agreements"]] == [Decimal(3500), Decimal(10500)]
    assert len(two) <= len(one)


def _apply_late(call, district):
    """An application entered on paper once the call is under evaluation (tests only)."""
    return Application.objects.create(
        call=call,
        district=district,
        organisation=OrganisationFactory(),
        created_by=UserFactory(role=Role.APPLICANT),
        broker_name="Eva",
        requested_monthly_amount=Decimal(3000),
        work_plan="Plan",
        status="submitted",
        submitted_at=timezone.now(),
    )


# Paper applications


def test_the_coordinator_enters_a_paper_application(call, coordinator, client_for):
    _publish(call, coordinator)
    GrantCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    services.close_due_calls()
    call.refresh_from_db()
    organisation = OrganisationFactory()
    criteria = list(call.evaluation_criteria.all())
    data = {
        "organisation": organisation.pk,
        "district": District.objects.get(slug="besaya").pk,
        "broker_name": "Ana Ruiz",
        "requested_monthly_amount": "3000",
        "work_plan": "Plan",
        # Shortly before closing, in local time as the form is typed.
        "received_at": timezone.localtime(call.closes_at - timedelta(minutes=5)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        **{f"statement_{c.pk}": "Experiencia" for c in criteria},
    }
    client = client_for(coordinator)
    assert client.get(url("paper_application", call.pk)).status_code == 200
    too_much = client.post(
        url("paper_application", call.pk), {**data, "requested_monthly_amount": "4000"}
    )
    assert "requested_monthly_amount" in too_much.context["form"].errors
    assert not Application.objects.exists()
    late = client.post(
        url("paper_application", call.pk),
        {**data, "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
    )
    assert "received_at" in late.context["form"].errors  # arrived after closing
    assert not Application.objects.exists()
    response = client.post(url("paper_application", call.pk), data)
    application = Application.objects.get()
    assert response["Location"] == url("application_review", application.pk)
    assert application.on_paper and application.status == "submitted"
    assert application.submitted_at < call.closes_at
    assert application.statements.count() == len(criteria)


def test_no_paper_application_for_a_draft_call(call, coordinator, client_for):
    organisation = OrganisationFactory()
    data = {
        "organisation": organisation.pk,
        "district": District.objects.get(slug="besaya").pk,
        "broker_name": "Ana Ruiz",
        "requested_monthly_amount": "3000",
        "work_plan": "Plan",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        **{f"statement_{c.pk}": "Experiencia" for c in call.evaluation_criteria.all()},
    }
    response = client_for(coordinator).post(url("paper_application", call.pk), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Application.objects.exists()


def test_appointing_the_broker_of_an_agreement(
    selected, call, coordinator, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    client.post(
        url("agreement_sign", call.pk),
        {"selection": selected[0].pk, "start_date": "2026-01-01"},
    )
    agreement = GrantAgreement.objects.get()
    data = {
        "agreement": agreement.pk,
        "first_name": "Lucía",
        "last_name": "Gómez",
        "email": "lucia@example.org",
        "username": "lucia.gomez",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("broker_appoint", call.pk), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.broker.username == "lucia.gomez"
    assert agreement.broker.district == agreement.district
    assert mailoutbox[0].to == ["lucia@example.org"]
    # The agreement has its broker now: appointing again is refused on the form.
    again = client.post(url("broker_appoint", call.pk), data)
    assert again.status_code == 200
    assert set(again.context["appoint_form"].errors) == {"agreement", "username"}


def test_evaluators_can_be_named_after_publication(call, coordinator, client_for, people):
    services.advance(call=call, stage=services.STAGES["publish"], by=coordinator)
    newcomer = UserFactory(role=Role.EVALUATOR)
    client = client_for(coordinator)
    response = client.post(url("call_evaluators", call.pk), {"evaluators": [newcomer.pk]})
    assert response.status_code == 302
    assert list(call.evaluators.all()) == [newcomer]
    official = client_for(people[Role.GOVERNMENT_OFFICIAL])
    assert official.get(url("call_evaluators", call.pk)).status_code == 403
