"""The grant call most page tests act on: two districts (Besaya and Liébana),
one eligibility criterion and two evaluators, the first of them the demo's."""

import pytest

from accounts.roles import Role
from brokers.call import services
from brokers.call.models import EligibilityCriterion
from tests.brokers.call.test_call_pages import _new_call
from tests.brokers.call.test_grant_call_rules import (
    _apply,
    _eligible,
    _publish,
    _score,
    _to_evaluation,
)
from tests.factories import UserFactory


@pytest.fixture
def evaluators(people):
    return [people[Role.EVALUATOR], UserFactory(role=Role.EVALUATOR)]


@pytest.fixture
def call(coordinator, evaluators):
    call = _new_call(coordinator, "CINB-T")
    call.evaluators.set(evaluators)
    EligibilityCriterion.objects.create(call=call, text="Sede en la comarca")
    return call


@pytest.fixture
def application(call, coordinator):
    """A submitted application of the call, now under evaluation."""
    _publish(call, coordinator)
    application = _apply(call)
    _to_evaluation(call, coordinator)
    return application


@pytest.fixture
def selected(call, coordinator, evaluators):
    """The call resolved, with one application selected in each district."""
    _publish(call, coordinator)
    besaya, liebana = _apply(call, "besaya"), _apply(call, "liebana")
    _to_evaluation(call, coordinator)
    selections = []
    for application in (besaya, liebana):
        _eligible(application, evaluators[0])
        _score(application, evaluators[0], 8)
        selections.append(services.select(application=application, by=coordinator))
    # Agreements follow the published resolution.
    services.advance(call=call, stage=services.STAGES["resolve"], by=coordinator)
    return selections
