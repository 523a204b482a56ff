"""The region's broker network: service offers, service records, needs, offers,
matches and meetings."""

from bisect import bisect_right
from datetime import timedelta
from itertools import accumulate

from brokers.network.models import (
    DistrictService,
    DistrictServiceOffer,
    IndustryNeed,
    MatchResult,
    NeedOfferMatch,
    NeedStatus,
    NetworkMeeting,
    ServiceType,
    TechnologyArea,
    TechnologyOffer,
)
from demo.common import at, keeping_dates
from demo.large_region.base import batches, is_working_day, link_pairs, months_from, save_all
from demo.large_region.data import (
    ACTIVITIES,
    CHANNEL_WEIGHTS,
    CHANNELS,
    FIELDS,
    FIRST_DAY,
    FUNDING,
    HOUR_WEIGHTS,
    HOURS,
    LAST_DAY,
    MONTH_WEIGHT,
    NEW_DISTRICTS,
    OUTCOMES,
    SERVICE_TYPE_CODES,
    TYPE_WEIGHTS,
    YEAR_WEIGHT,
)


class Network:
    """The LargeRegion's broker network."""

    def service_offers(self):
        rng = self.rng
        types = list(ServiceType.objects.filter(code__in=SERVICE_TYPE_CODES).order_by("code"))
        offers = [
            DistrictServiceOffer(
                district=district,
                service_type=service_type,
                notes=f"Adaptado a las empresas de {district.name}.",
            )
            for district in self.districts
            if district.name in NEW_DISTRICTS
            for service_type in rng.sample(types, min(4, len(types)))
        ]
        save_all(DistrictServiceOffer, offers)
        self.say(f"{len(offers)} district service offers")

    def services(self):
        total = self.n["services"]
        types = dict(
            ServiceType.objects.filter(code__in=SERVICE_TYPE_CODES).values_list("code", "pk")
        )
        kinds = (
            [types[code] for code in SERVICE_TYPE_CODES],
            list(accumulate(TYPE_WEIGHTS)),
            list(accumulate(CHANNEL_WEIGHTS)),
            list(accumulate(HOUR_WEIGHTS)),
        )
        days, plan = self.service_days(total)
        fields = [
            DistrictService._meta.get_field("created_at"),
        ]
        withdrawn = led_to_membership = served_rows = 0
        with keeping_dates(*fields):
            for chunk in batches(plan, 5_000):
                services, served = [], []
                for day_index, d in chunk:
                    service, orgs = self.service_record(days[day_index], d, kinds)
                    led_to_membership += service.membership_id is not None
                    withdrawn += service.withdrawn_at is not None
                    services.append(service)
                    served.append(sorted(orgs))
                save_all(DistrictService, services)
                served_rows += link_pairs(
                    DistrictService,
                    "organisations",
                    [(s.pk, org) for s, orgs in zip(services, served, strict=True) for org in orgs],
                )
        self.counts["services"] = total
        self.say(
            f"{total:,} service records ({withdrawn:,} withdrawn, {led_to_membership:,} led to a "
            f"membership), {served_rows:,} organisations served"
        )

    def service_days(self, total):
        """The working days, and the (day index, district index) of every record, in
        order: busier months and the urban districts weigh more."""
        rng = self.rng
        days = [
            FIRST_DAY + timedelta(days=k)
            for k in range((LAST_DAY - FIRST_DAY).days + 1)
            if is_working_day(FIRST_DAY + timedelta(days=k))
        ]
        day_weights = list(
            accumulate(MONTH_WEIGHT.get(d.month, 1) * YEAR_WEIGHT[d.year] for d in days)
        )
        district_weights = list(
            accumulate((1 if d.is_rural else 2.5) * rng.uniform(0.7, 1.3) for d in self.districts)
        )
        plan = sorted(
            zip(
                rng.choices(range(len(days)), cum_weights=day_weights, k=total),
                rng.choices(range(len(self.districts)), cum_weights=district_weights, k=total),
                strict=True,
            )
        )
        return days, plan

    def service_record(self, day, d, kinds):
        """A record of district d's broker on day, and the organisations it served."""
        rng = self.rng
        type_pks, type_weights, channel_weights, hour_weights = kinds
        broker = self.brokers[d]
        local = self.by_district[d] or self.org_pks
        orgs = set()
        for _ in range(rng.choices([1, 2, 3], weights=[60, 30, 10])[0]):
            pool = local if rng.random() < 0.85 else self.org_pks
            orgs.add(rng.choice(pool))
        recorded = at(day, rng.randint(16, 19), rng.randint(0, 59))
        if rng.random() < 0.2:
            recorded += timedelta(days=1 if day.weekday() < 4 else 3)
        follow_up = done = None
        if rng.random() < 0.25:
            follow_up = day + timedelta(days=rng.randint(7, 60))
            if follow_up <= LAST_DAY and rng.random() < 0.8:
                done = at(follow_up, rng.randint(9, 13))
        service = DistrictService(
            broker=broker,
            district_id=broker.district_id,
            date=day,
            service_type_id=type_pks[
                rng.choices(range(len(type_pks)), cum_weights=type_weights)[0]
            ],
            channel=rng.choices(CHANNELS, cum_weights=channel_weights)[0],
            hours=rng.choices(HOURS, cum_weights=hour_weights)[0],
            outcome=rng.choice(OUTCOMES),
            follow_up_on=follow_up,
            follow_up_done_at=done,
            created_at=recorded,
            created_by=broker,
        )
        roll = rng.random()
        if roll < 0.08 and self.providers:
            service.knowledge_provider_id = rng.choice(self.providers)
        elif roll < 0.18:
            service.funding_programme = rng.choice(FUNDING)
        elif roll < 0.185:
            service.cluster_project_id = rng.choice(self.project_pks)
        elif roll < 0.19:
            starts = self.member_of.get(min(orgs), [])
            later = starts[bisect_right(starts, (day, 0)) :]
            if later:
                service.membership_id = later[0][1]
        if rng.random() < 0.01:
            service.withdrawn_at = recorded + timedelta(days=2, hours=1)
            service.withdrawn_by = broker if rng.random() < 0.7 else self.coordinator
            service.withdrawal_reason = "Registro duplicado."
        return service, orgs

    def needs_offers_matches(self):
        span = (LAST_DAY - FIRST_DAY).days
        areas = [a.value for a in TechnologyArea]
        offers = self.region_offers(areas, span)
        needs = self.region_needs(areas, span)
        matches = self.planned_matches(needs, offers)
        self.need_statuses(needs, matches)
        fields = [
            IndustryNeed._meta.get_field("created_at"),
            TechnologyOffer._meta.get_field("created_at"),
            NeedOfferMatch._meta.get_field("matched_at"),
        ]
        with keeping_dates(*fields):
            save_all(TechnologyOffer, offers)
            save_all(IndustryNeed, needs)
            objects = save_all(NeedOfferMatch, self.match_rows(needs, offers, matches))
        self.counts.update(needs=len(needs), offers=len(offers), matches=len(objects))
        self.say(f"{len(needs):,} needs, {len(offers):,} offers, {len(objects):,} matches")

    def region_offers(self, areas, span):
        """The providers' technology offers, by date."""
        rng = self.rng
        offers = []
        for _ in range(self.n["offers"]):
            area = rng.choice(areas)
            created = FIRST_DAY + timedelta(days=rng.randint(-365, span - 180))
            offers.append(
                TechnologyOffer(
                    provider_id=rng.choice(self.providers),
                    title=f"Capacidades en {TechnologyArea(area).label.lower()}: "
                    f"{rng.choice(ACTIVITIES).lower()}",
                    description="Servicios tecnológicos, ensayos y proyectos de I+D bajo contrato.",
                    technology_area=area,
                    contact=f"{' '.join(self.person_name())}, oficina de transferencia",
                    is_active=rng.random() < 0.9,
                    created_by=self.coordinator,
                    created_at=at(created, rng.randint(9, 14)),
                )
            )
        offers.sort(key=lambda o: o.created_at)
        return offers

    def region_needs(self, areas, span):
        """The needs brokers compiled, by date."""
        rng = self.rng
        needs = []
        for _ in range(self.n["needs"]):
            # A need is compiled in its organisation's district.
            i = rng.randrange(len(self.org_pks))
            d = self.org_district[i]
            area = rng.choice(areas)
            created = FIRST_DAY + timedelta(days=rng.randint(0, span))
            needs.append(
                IndustryNeed(
                    district=self.districts[d],
                    organisation_id=self.org_pks[i],
                    title=f"Necesidad de {TechnologyArea(area).label.lower()} en "
                    f"{rng.choice(ACTIVITIES).lower()}",
                    description="La empresa busca conocimiento o tecnología para mejorar su "
                    "proceso y sus productos.",
                    sector=rng.choice(FIELDS),
                    technology_area=area,
                    status=NeedStatus.OPEN,
                    compiled_by=self.brokers[d],
                    created_at=at(created, rng.randint(9, 18)),
                )
            )
        needs.sort(key=lambda n: n.created_at)
        return needs

    def planned_matches(self, needs, offers):
        """(need index, offer index, matched at, result, recorded at) of the matches: an
        offer there when the need is matched, each pair once, results up to LAST_DAY."""
        rng = self.rng
        offer_dates = [o.created_at for o in offers]
        matches, pairs = [], set()
        results = [MatchResult.PENDING, MatchResult.CONTACT_MADE, MatchResult.PROJECT,
                   MatchResult.NO_FIT]  # fmt: skip
        tries = 0
        while len(matches) < self.n["matches"] and tries < self.n["matches"] * 20:
            tries += 1
            k = rng.randrange(len(needs))
            need = needs[k]
            matched = need.created_at + timedelta(days=rng.randint(3, 90))
            if matched.date() > LAST_DAY:
                continue
            available = bisect_right(offer_dates, matched)
            if not available:
                continue
            o = rng.randrange(available)
            if (k, o) in pairs:
                continue
            pairs.add((k, o))
            result = rng.choices(results, weights=[30, 30, 15, 25])[0]
            recorded = matched + timedelta(days=rng.randint(10, 60))
            if result != MatchResult.PENDING and recorded.date() > LAST_DAY:
                result = MatchResult.PENDING
            matches.append((k, o, matched, result, recorded))
        return matches

    def need_statuses(self, needs, matches):
        """A few needs closed, those with a live match matched, the others open."""
        rng = self.rng
        live = {k for k, _o, _m, result, _r in matches if result != MatchResult.NO_FIT}
        for k, need in enumerate(needs):
            if rng.random() < 0.1:
                need.status = NeedStatus.CLOSED
            elif k in live:
                need.status = NeedStatus.MATCHED

    def match_rows(self, needs, offers, matches):
        rng = self.rng
        objects = []
        for k, o, matched, result, recorded in matches:
            need = needs[k]
            broker = need.compiled_by
            done = result != MatchResult.PENDING
            objects.append(
                NeedOfferMatch(
                    need=need,
                    offer=offers[o],
                    matched_by=broker,
                    matched_at=matched,
                    result=result,
                    result_notes="Reunión con el grupo de investigación." if done else "",
                    cluster_project_id=rng.choice(self.project_pks)
                    if result == MatchResult.PROJECT
                    else None,
                    result_recorded_at=recorded if done else None,
                    result_recorded_by=broker if done else None,
                )
            )
        return objects

    def meetings(self):
        rng = self.rng
        meetings = []
        for month in months_from(FIRST_DAY, 60):
            if (month.month - FIRST_DAY.month) % 2:
                continue
            day = month + timedelta(days=(1 - month.weekday()) % 7 + 7)  # the second Tuesday
            host = self.districts[len(meetings) % len(self.districts)]
            meetings.append(
                NetworkMeeting(
                    date=day,
                    location=f"Casa de cultura de {host.name}",
                    agenda="1. Actividad de cada comarca.\n2. Necesidades y retos.\n"
                    "3. Casos de éxito.\n4. Próximas convocatorias.",
                    minutes="Cada agente resume su actividad; se ponen en común las necesidades.",
                    needs_raised="Digitalización de pymes rurales; relevo generacional.",
                    success_stories="Dos empresas inician un proyecto con la universidad.",
                    created_by=self.coordinator,
                )
            )
        save_all(NetworkMeeting, meetings)
        attendees = [
            (meeting.pk, user.pk)
            for meeting in meetings
            for user in [self.coordinator, *self.brokers]
            if user is self.coordinator or rng.random() < 0.9
        ]
        link_pairs(NetworkMeeting, "attendees", attendees)
        self.counts["meetings"] = len(meetings)
        self.say(f"{len(meetings)} network meetings, {len(attendees):,} attendances")
