"""Saving the planned network with its history."""

from datetime import timedelta

from django.utils import timezone

from brokers.network.models import (
    DistrictService,
    IndustryNeed,
    MatchResult,
    NeedOfferMatch,
    NeedStatus,
    TechnologyOffer,
)
from clusters.models import Organisation
from demo.common import keeping_dates
from demo.network.data import QUICK_ADD_REASON
from demo.network.history import Event, create_all, dated_fields, write_history


class Saving:
    """Saving the Network's records, each with its audit trail."""

    def save_organisations(self):
        """The local companies brokers quick-added: those served, each dated and
        attributed to the record where it first appears."""
        candidates = {id(o): o for pool in self.pool.values() for o in pool if o.pk is None}
        first = {}
        for service in sorted(self.services, key=lambda s: s.created_at):
            for organisation in service.organisations:
                if id(organisation) in candidates and id(organisation) not in first:
                    first[id(organisation)] = service
        new = []
        for key, service in sorted(first.items(), key=lambda item: item[1].created_at):
            organisation = candidates[key]
            organisation.created_at = service.created_at - timedelta(minutes=1)
            new.append((organisation, service.broker.user))
        with keeping_dates(*dated_fields()):
            create_all(Organisation, [o for o, _user in new])
        write_history(
            Organisation,
            [(o, [Event(o.created_at, user, reason=QUICK_ADD_REASON)]) for o, user in new],
        )
        self.new_organisations = [o for o, _user in new]

    def save_services(self):
        self.services.sort(key=lambda s: (s.created_at, s.broker.slug))
        objects, records = [], []
        for s in self.services:
            withdrawn_at, withdrawn_by, reason = s.withdrawn or (None, None, "")
            record = DistrictService(
                broker=s.broker.user,
                district=s.broker.district,
                date=s.day,
                service_type=self.types[s.code],
                channel=s.channel,
                hours=s.hours,
                outcome=s.outcome,
                follow_up_on=s.follow_up_on,
                follow_up_done_at=s.follow_up_done_at,
                knowledge_provider=s.provider,
                funding_programme=s.programme,
                cluster_project=s.cluster_project,
                membership=s.membership,
                created_at=s.created_at,
                created_by=s.broker.user,
                withdrawn_at=withdrawn_at,
                withdrawn_by=withdrawn_by,
                withdrawal_reason=reason,
            )
            events = [Event(s.created_at, s.broker.user), *s.corrections]
            if s.follow_up_done_at:
                events.append(
                    Event(s.follow_up_done_at, s.broker.user, {"follow_up_done_at": None})
                )
            if withdrawn_at:
                events.append(
                    Event(
                        withdrawn_at,
                        withdrawn_by,
                        {"withdrawn_at": None, "withdrawn_by_id": None, "withdrawal_reason": ""},
                    )
                )
            objects.append(record)
            records.append((record, events))
        with keeping_dates(*dated_fields()):
            create_all(DistrictService, objects)
        through = DistrictService.organisations.through
        through.objects.bulk_create(
            [
                through(districtservice_id=record.pk, organisation_id=organisation.pk)
                for record, s in zip(objects, self.services, strict=True)
                for organisation in s.organisations
            ],
            batch_size=1000,
        )
        return write_history(DistrictService, records)

    def save_offers_history(self):
        """Offers nobody matched since long ago are withdrawn by the coordinator."""
        matched = {m.offer.pk for m in self.matches}
        records = []
        stale = [
            o
            for o in self.offers
            if o.pk not in matched and o.created_at < self.now - timedelta(days=150)
        ]
        withdrawn = {o.pk for o in stale[:2]}
        TechnologyOffer.objects.filter(pk__in=withdrawn).update(is_active=False)
        for offer in stale[:2]:
            offer.is_active = False
        for offer in self.offers:
            events = [Event(offer.created_at, offer.created_by)]
            if offer.pk in withdrawn:
                when = self.working_time(
                    timezone.localdate(offer.created_at)
                    + timedelta(days=self.rng.randint(100, 140))
                )
                events.append(Event(when, self.coordinator, {"is_active": True}))
            records.append((offer, events))
        write_history(TechnologyOffer, records)
        return len(withdrawn)

    def save_needs_and_matches(self):
        needs, need_records = [], []
        for need in self.needs:
            status, events = need_history(need)
            need.instance = IndustryNeed(
                district=need.broker.district,
                organisation=need.organisation,
                title=need.title,
                description=need.description,
                sector=need.sector,
                technology_area=need.area,
                status=status,
                compiled_by=need.broker.user,
                created_at=need.created_at,
            )
            needs.append(need.instance)
            need_records.append((need.instance, events))
        self.matches.sort(key=lambda m: m.matched_at)
        match_records = [match_record(m) for m in self.matches]
        with keeping_dates(*dated_fields()):
            create_all(IndustryNeed, needs)
            create_all(NeedOfferMatch, [match for match, _events in match_records])
        write_history(IndustryNeed, need_records)
        write_history(NeedOfferMatch, match_records)


def need_history(need):
    """A need's status now and the events that led to it, by brokers.network.matching's
    rules: matched while a match is live, open again when the last one does not fit."""
    events, status, live = [Event(need.created_at, need.broker.user)], NeedStatus.OPEN, set()
    changes = []
    for m in need.matches:
        changes.append((m.matched_at, m.matched_by, "match", m))
        if m.recorded_at:
            changes.append((m.recorded_at, m.recorded_by, "result", m))
    if need.closed:
        changes.append((*need.closed, "close", None))
    for when, user, kind, m in sorted(changes, key=lambda c: c[0]):
        before = status
        if kind == "match":
            live.add(id(m))
            status = NeedStatus.MATCHED
        elif kind == "close":
            status = NeedStatus.CLOSED
        elif m.result == MatchResult.NO_FIT:
            live.discard(id(m))
            if status == NeedStatus.MATCHED and not live:
                status = NeedStatus.OPEN
        elif status == NeedStatus.OPEN:
            status = NeedStatus.MATCHED
        if status != before:
            events.append(Event(when, user, {"status": before}))
    return status, events


def match_record(m):
    """The match to save (its need saved first) and its events: made, then its result."""
    match = NeedOfferMatch(
        need=m.need.instance,
        offer=m.offer,
        matched_by=m.matched_by,
        matched_at=m.matched_at,
        result=m.result,
        result_notes=m.notes,
        cluster_project=m.cluster_project,
        result_recorded_at=m.recorded_at,
        result_recorded_by=m.recorded_by,
    )
    events = [Event(m.matched_at, m.matched_by)]
    if m.recorded_at:
        pending = {
            "result": MatchResult.PENDING,
            "result_notes": "",
            "cluster_project_id": None,
            "result_recorded_at": None,
            "result_recorded_by_id": None,
        }
        events.append(Event(m.recorded_at, m.recorded_by, pending))
    return match, events
