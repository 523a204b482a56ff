"""An evaluator's steps on an application, one POST endpoint each: the
declaration of interest, the eligibility check, the scores.

The call's evaluators take them; someone who reads the application without
evaluating it (the official) is sent back to the page with a message, and
nothing is recorded; roles without access get 403, an evaluator not assigned
to the call 404; a GET is refused (405); a refused submission shows the page
again with the errors on that step's form.
"""

import pytest

from accounts.roles import Role
from brokers.call.models import EligibilityCheck, Review, Score
from tests.brokers.call.test_evaluation_pages import review_url, step_url
from tests.brokers.call.test_grant_call_rules import _eligible
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NO_ACCESS = [Role.INNOVATION_BROKER, Role.APPLICANT, Role.CLUSTER_MANAGER]


@pytest.fixture
def declared(application, evaluators):
    """The first evaluator has declared no conflict."""
    Review.objects.create(application=application, evaluator=evaluators[0], has_conflict=False)
    return application


@pytest.fixture
def eligible(declared, evaluators):
    _eligible(declared, evaluators[0])
    return declared


def _passed(call):
    return {f"passed_{c.pk}": "pass" for c in call.eligibility_criteria.all()}


def _scores(call, score="7"):
    data = {}
    for c in call.evaluation_criteria.all():
        data |= {f"score_{c.pk}": score, f"comment_{c.pk}": ""}
    return data


# Who may take the steps


@pytest.mark.parametrize(
    "name, fixture, data",
    [
        ("interest_declare", "application", lambda call: {"has_conflict": "no"}),
        ("eligibility_check", "declared", _passed),
        ("scores_submit", "eligible", _scores),
    ],
)
def test_the_evaluator_takes_each_step(request, evaluators, client_for, name, fixture, data):
    application = request.getfixturevalue(fixture)
    before = (Review.objects.count(), EligibilityCheck.objects.count(), Score.objects.count())
    response = client_for(evaluators[0]).post(step_url(name, application), data(application.call))
    assert response.status_code == 302
    assert response["Location"] == review_url(application)
    after = (Review.objects.count(), EligibilityCheck.objects.count(), Score.objects.count())
    assert after != before


@pytest.mark.parametrize("name", ["interest_declare", "eligibility_check", "scores_submit"])
def test_the_official_reads_but_takes_no_step(application, people, client_for, name):
    client = client_for(people[Role.GOVERNMENT_OFFICIAL])
    response = client.post(step_url(name, application), {"has_conflict": "no"})
    assert response.status_code == 302
    assert response["Location"] == review_url(application)
    assert not Review.objects.exists()


@pytest.mark.parametrize("role", NO_ACCESS)
@pytest.mark.parametrize("name", ["interest_declare", "eligibility_check", "scores_submit"])
def test_roles_without_access_get_403(application, people, client_for, role, name):
    response = client_for(people[role]).post(step_url(name, application), {"has_conflict": "no"})
    assert response.status_code == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize("name", ["interest_declare", "eligibility_check", "scores_submit"])
def test_an_unassigned_evaluator_gets_404(application, client_for, name):
    client = client_for(UserFactory(role=Role.EVALUATOR))
    assert client.post(step_url(name, application), {"has_conflict": "no"}).status_code == 404


@pytest.mark.parametrize("name", ["interest_declare", "eligibility_check", "scores_submit"])
def test_the_steps_are_post_only(application, evaluators, client_for, name):
    assert client_for(evaluators[0]).get(step_url(name, application)).status_code == 405


# Bad input


def test_a_declaration_without_an_answer_is_shown_with_its_error(
    application, evaluators, client_for
):
    response = client_for(evaluators[0]).post(
        step_url("interest_declare", application), {"has_conflict": "perhaps"}
    )
    assert response.status_code == 200
    assert "has_conflict" in response.context["declaration_form"].errors
    assert not Review.objects.exists()


def test_an_eligibility_check_without_an_answer_is_shown_with_its_error(
    declared, evaluators, client_for
):
    [criterion] = declared.call.eligibility_criteria.all()
    response = client_for(evaluators[0]).post(
        step_url("eligibility_check", declared), {f"note_{criterion.pk}": "…"}
    )
    assert response.status_code == 200
    assert f"passed_{criterion.pk}" in response.context["eligibility_form"].errors
    assert response.context["declaration_form"] is None
    assert not EligibilityCheck.objects.exists()


def test_scores_that_are_not_numbers_are_shown_with_their_error(eligible, evaluators, client_for):
    data = _scores(eligible.call, score="siete")
    response = client_for(evaluators[0]).post(step_url("scores_submit", eligible), data)
    assert response.status_code == 200
    form = response.context["score_form"]
    assert set(form.errors) == {k for k in data if k.startswith("score_")}
    assert not Score.objects.exists()
