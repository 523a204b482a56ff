"""The rules of matching needs with offers (brokers/matching.py)."""

import pytest
from django.core.exceptions import ValidationError

from brokers.network import matching
from brokers.network.models import IndustryNeed, MatchResult, NeedStatus, TechnologyOffer
from tests.brokers.network.matching_world import (
    district,
    make_match,
    make_need,
    make_offer,
)
from tests.factories import ClusterFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_new_need_is_open_and_compiled_by_its_author(broker):
    need = matching.create_need(
        need=IndustryNeed(
            district=district("besaya"),
            organisation=OrganisationFactory(district=district("besaya")),
            title="Envases compostables",
            description="…",
            technology_area="manufacturing",
            status=NeedStatus.CLOSED,
        ),
        by=broker,
    )
    assert (need.status, need.compiled_by) == (NeedStatus.OPEN, broker)


def test_a_needs_organisation_is_of_its_district(broker):
    need = IndustryNeed(
        district=district("besaya"),
        organisation=OrganisationFactory(district=district("liebana")),
        title="…",
        description="…",
        technology_area="ict",
    )
    with pytest.raises(ValidationError) as error:
        matching.create_need(need=need, by=broker)
    assert "organisation" in error.value.message_dict
    assert not IndustryNeed.objects.exists()


def test_matching_makes_the_need_matched(broker):
    need, offer = make_need(by=broker), make_offer(by=broker)
    match = matching.match_need(need=need, offer=offer, by=broker)
    assert (match.result, match.matched_by) == (MatchResult.PENDING, broker)
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED


def test_a_duplicate_match_is_refused_clearly(broker):
    need, offer = make_need(by=broker), make_offer(by=broker)
    matching.match_need(need=need, offer=offer, by=broker)
    with pytest.raises(ValidationError) as error:
        matching.match_need(need=need, offer=offer, by=broker)
    assert offer.title in error.value.messages[0]
    assert need.matches.count() == 1


def test_closed_needs_and_withdrawn_offers_are_not_matched(broker):
    with pytest.raises(ValidationError):
        matching.match_need(
            need=make_need(by=broker, status=NeedStatus.CLOSED),
            offer=make_offer(by=broker),
            by=broker,
        )
    with pytest.raises(ValidationError):
        matching.match_need(
            need=make_need(by=broker), offer=make_offer(by=broker, is_active=False), by=broker
        )


def test_the_last_no_fit_reopens_the_need(broker, coordinator):
    need = make_need(by=broker)
    first = make_match(need, make_offer(by=coordinator), by=broker)
    second = make_match(need, make_offer(by=coordinator, title="B"), by=broker)
    matching.record_match_result(match=first, result=MatchResult.NO_FIT, notes="", by=broker)
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED
    matching.record_match_result(match=second, result=MatchResult.NO_FIT, notes="", by=broker)
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_a_result_is_not_pending_and_a_project_only_for_a_project(broker):
    match = make_match(make_need(by=broker), make_offer(by=broker), by=broker)
    with pytest.raises(ValidationError):
        matching.record_match_result(match=match, result=MatchResult.PENDING, notes="", by=broker)
    with pytest.raises(ValidationError):
        matching.record_match_result(
            match=match,
            result=MatchResult.NO_FIT,
            notes="",
            by=broker,
            cluster_project=ProjectFactory(clusters=[ClusterFactory()]),
        )


def test_close_and_reopen(broker):
    need = make_need(by=broker)
    need = matching.close_need(need=need, by=broker)
    assert need.status == NeedStatus.CLOSED
    with pytest.raises(ValidationError):
        matching.close_need(need=need, by=broker)
    assert matching.reopen_need(need=need, by=broker).status == NeedStatus.OPEN
    with pytest.raises(ValidationError):
        matching.reopen_need(need=need, by=broker)


def test_an_offers_provider_is_a_knowledge_provider(broker):
    offer = TechnologyOffer(
        provider=OrganisationFactory(helix_type="company"),
        title="…",
        description="…",
        technology_area="ict",
    )
    with pytest.raises(ValidationError) as error:
        matching.save_offer(offer=offer, by=broker)
    assert "provider" in error.value.message_dict
    offer.provider = OrganisationFactory(helix_type="research_centre", size_class="")
    assert matching.save_offer(offer=offer, by=broker).created_by == broker
