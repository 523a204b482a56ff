"""The evaluators' pages: the work list of a call and the staff view of an application.

Access: grant readers and the assigned evaluators; other roles 403; an
evaluator not assigned to the call, or who declared a conflict, 404.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from brokers.call.models import Eligibility, EligibilityCheck, Review
from tests.brokers.call.test_grant_call_rules import (
    _apply,
    _eligible,
    _publish,
    _score,
    _to_evaluation,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# The call, its evaluators and the application: conftest.py.


def review_url(application):
    return reverse("brokers:application_review", args=[application.pk])


def step_url(name, application):
    return reverse(f"brokers:{name}", args=[application.pk])


def work_url(call):
    return reverse("brokers:evaluation", args=[call.pk])


def _todo(client, call):
    return {r["application"].pk: r["todo"] for r in client.get(work_url(call)).context["rows"]}


@pytest.mark.parametrize(
    "role, status",
    [
        (Role.NETWORK_COORDINATOR, 200),
        (Role.GOVERNMENT_OFFICIAL, 200),
        (Role.EVALUATOR, 200),  # people[EVALUATOR] is assigned to the call
        (Role.INNOVATION_BROKER, 403),
        (Role.APPLICANT, 403),
        (Role.CLUSTER_MANAGER, 403),
    ],
)
def test_roles_on_the_application_page(application, people, client_for, role, status):
    assert client_for(people[role]).get(review_url(application)).status_code == status


def test_an_unassigned_evaluator_gets_404(application, client_for):
    client = client_for(UserFactory(role=Role.EVALUATOR))
    assert client.get(review_url(application)).status_code == 404
    assert client.get(work_url(application.call)).status_code == 404


def test_the_applicants_own_application_is_not_shown_on_the_staff_page(application, client_for):
    applicant = UserFactory(role=Role.APPLICANT, organisation=application.organisation)
    assert client_for(applicant).get(review_url(application)).status_code == 403


def test_the_work_list_follows_each_step(application, call, evaluators, client_for):
    client = client_for(evaluators[0])
    assert _todo(client, call) == {application.pk: "declaration"}
    page = client.get(review_url(application))
    assert page.context["declaration_form"] is not None
    assert page.context["eligibility_form"] is None
    response = client.post(step_url("interest_declare", application), {"has_conflict": "no"})
    assert response.status_code == 302
    assert _todo(client, call) == {application.pk: "eligibility"}

    criterion = call.eligibility_criteria.get()
    # Not met without a note: the service's refusal is shown on the form.
    refused = client.post(
        step_url("eligibility_check", application),
        {f"passed_{criterion.pk}": "fail", f"note_{criterion.pk}": ""},
    )
    assert refused.status_code == 200
    assert refused.context["eligibility_form"].non_field_errors()
    assert not EligibilityCheck.objects.exists()
    client.post(
        step_url("eligibility_check", application),
        {f"passed_{criterion.pk}": "pass", f"note_{criterion.pk}": ""},
    )
    application.refresh_from_db()
    assert application.eligibility == Eligibility.ELIGIBLE
    assert _todo(client, call) == {application.pk: "scores"}

    criteria = list(call.evaluation_criteria.all())
    low = {}
    for c in criteria:
        low |= {f"score_{c.pk}": "4", f"comment_{c.pk}": ""}
    refused = client.post(step_url("scores_submit", application), low)
    assert refused.status_code == 200
    form = refused.context["score_form"]
    assert f"score_{criteria[0].pk}" in form.errors  # below half the maximum, no comment
    assert Review.objects.get(evaluator=evaluators[0]).submitted_at is None
    too_high = {**low, f"score_{criteria[0].pk}": "11"}
    assert (
        f"score_{criteria[0].pk}"
        in client.post(step_url("scores_submit", application), too_high)
        .context["score_form"]
        .errors
    )
    good = {**low}
    for c in criteria:
        good[f"score_{c.pk}"] = "7"
    assert client.post(step_url("scores_submit", application), good).status_code == 302
    assert Review.objects.get(evaluator=evaluators[0]).scores.count() == len(criteria)
    assert _todo(client, call) == {application.pk: "done"}
    # Scores are submitted once: the form is gone, a replayed post changes nothing.
    assert client.get(review_url(application)).context["score_form"] is None
    assert client.post(step_url("scores_submit", application), good).status_code == 302
    assert Review.objects.get(evaluator=evaluators[0]).scores.count() == len(criteria)


def test_a_conflict_hides_the_application(application, call, evaluators, client_for):
    client = client_for(evaluators[1])
    response = client.post(step_url("interest_declare", application), {"has_conflict": "yes"})
    assert response.status_code == 302
    assert response["Location"] == work_url(call)
    assert _todo(client, call) == {}
    assert client.get(review_url(application)).status_code == 404


def test_scoring_is_blind_until_the_evaluator_submits(application, call, evaluators, client_for):
    _eligible(application, evaluators[0])
    _score(application, evaluators[0], 8)
    client = client_for(evaluators[1])
    client.post(step_url("interest_declare", application), {"has_conflict": "no"})
    page = client.get(review_url(application))
    assert page.context["scores"] == []
    assert page.context["scores_hidden"]
    data = {}
    for c in call.evaluation_criteria.all():
        data |= {f"score_{c.pk}": "6", f"comment_{c.pk}": ""}
    client.post(step_url("scores_submit", application), data)
    page = client.get(review_url(application))
    assert not page.context["scores_hidden"]
    assert {r.evaluator for r, _scores in page.context["reviews"]} == set(evaluators)


def test_the_official_sees_all_submitted_scores(application, evaluators, people, client_for):
    _eligible(application, evaluators[0])
    _score(application, evaluators[0], 8)
    page = client_for(people[Role.GOVERNMENT_OFFICIAL]).get(review_url(application))
    assert len(page.context["reviews"]) == 1
    assert page.context["declaration_form"] is None  # not an evaluator of the call


def test_a_step_that_is_not_open_is_refused(application, evaluators, client_for):
    client = client_for(evaluators[0])
    # Scores before any declaration: nothing is recorded.
    response = client.post(step_url("scores_submit", application))
    assert response.status_code == 302
    assert not Review.objects.exists()


def test_work_list_queries_do_not_grow_with_applications(call, coordinator, evaluators, client_for):
    _publish(call, coordinator)
    first = _apply(call)
    more = [_apply(call, "liebana"), _apply(call), _apply(call)]
    _to_evaluation(call, coordinator)
    _eligible(first, evaluators[0])
    _score(first, evaluators[0], 8)
    client = client_for(evaluators[0])
    client.get(work_url(call))
    Review.objects.filter(application__in=more).delete()
    # Hide the others first to measure one row, then show them all.
    from brokers.call.models import Application

    Application.objects.filter(pk__in=[a.pk for a in more]).update(status="draft")
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(work_url(call)).context["rows"]) == 1
    Application.objects.filter(pk__in=[a.pk for a in more]).update(status="submitted")
    _eligible(more[0], evaluators[0])
    _score(more[0], evaluators[0], 6)
    _score(more[0], evaluators[1], 7)
    # session, user, the call, the applications with their submitted reviews counted,
    # the evaluator's own reviews (one prefetch), whether they are assigned: the same
    # for one application or four.
    with CaptureQueriesContext(connection) as four:
        response = client.get(work_url(call))
    assert [r["todo"] for r in response.context["rows"]].count("done") == 2
    assert len(four) == len(one)
