"""Industry needs, technology offers and the matches between them."""

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from brokers.network.models import MatchResult, TechnologyOffer
from clusters.models import ClusterProject
from demo.common import keeping_dates
from demo.network.calendar import year_done
from demo.network.data import (
    FITS,
    LEAVE,
    NEEDS,
    NO_FIT_REASONS,
    OFFERS,
    OFFERS_AT_LAUNCH,
    PROVIDER_NAMES,
)
from demo.network.history import create_all, dated_fields
from demo.network.plan import Match, Need, fill, label


class NeedsAndOffers:
    """The Network's needs, offers and matches."""

    def technology_offers(self):
        rng = self.rng
        start = self.start
        brokers = {b.slug: b.user for b in self.brokers}
        offers = []
        for n, (short, title, description, area, contact) in enumerate(OFFERS):
            provider = self.providers.get(short)
            if provider is None:
                continue
            if n < OFFERS_AT_LAUNCH:
                day = start + timedelta(days=rng.randint(5, 25))
            else:
                day = start + timedelta(days=rng.randint(30, 330))  # the first year: always over
            author = {"LEIBE": brokers.get("besaya"), "CIPC Santoña": brokers.get("trasmiera")}
            created_by = author.get(short) or self.coordinator
            offer = TechnologyOffer(
                provider=provider,
                title=title,
                description=description,
                technology_area=area,
                contact=contact,
                created_by=created_by,
                created_at=self.working_time(min(day, self.yesterday), 10, 17),
            )
            offers.append(offer)
        offers.sort(key=lambda o: o.created_at)
        with keeping_dates(*dated_fields()):
            create_all(TechnologyOffer, offers)
        self.offers = offers

    def industry_needs(self):
        """Needs compiled from visits ('needs' records), more of them lately: half of each
        district's in the first year, the other half in the second."""
        rows = defaultdict(list)
        for row in NEEDS:
            rows[row[0]].append(row)
        for broker in self.brokers:
            mine, used = rows.get(broker.slug, []), set()
            for year, half in zip(self.years, (mine[::2], mine[1::2]), strict=False):
                share = year_done(year, self.today, LEAVE.get(broker.slug, 0))
                half = half[: round(len(half) * share)]
                days = [
                    d
                    for d in broker.days
                    if d.year == year and d >= broker.start + timedelta(days=14)
                ]
                if half and days:
                    self.compile_needs(broker, half, days, used)
        self.needs.sort(key=lambda n: n.created_at)

    def compile_needs(self, broker, rows, days, used):
        rng = self.rng
        weights = [0.4 + 1.2 * i / len(days) for i in range(len(days))]
        rows = rows[:]
        rng.shuffle(rows)
        for day, (_slug, prefixes, title, description, sector, area) in zip(
            sorted(rng.choices(days, weights, k=len(rows))), rows, strict=True
        ):
            organisation = self.company(broker.slug, prefixes.split(), used)
            service = self.service(
                broker,
                day,
                "needs",
                [organisation],
                outcome=f"Visita a {label(organisation)}: necesidad «{title}» registrada en "
                "la Red para buscar oferta.",
                anchored=True,
            )
            created_at = service.created_at + timedelta(minutes=rng.randint(3, 25))
            self.needs.append(
                Need(
                    broker=broker,
                    organisation=organisation,
                    title=title,
                    description=description,
                    sector=sector,
                    area=area,
                    created_at=min(created_at, self.now - timedelta(minutes=1)),
                )
            )

    def result(self, day):
        """What a match made on day leads to and when it is recorded: pending until then.
        Set from the day of the match, not of seeding, so that a year's matches tell the
        same story whenever the demo is seeded after it."""
        rng = self.rng
        result, (least, most) = rng.choices(
            [(MatchResult.PROJECT, (45, 100)), (MatchResult.CONTACT_MADE, (14, 60)),
             (MatchResult.NO_FIT, (20, 80))],
            [25, 40, 35],
        )[0]  # fmt: skip
        recorded_on = day + timedelta(days=rng.randint(least, most))
        if recorded_on >= self.today:
            return MatchResult.PENDING, None
        return result, self.working_time(recorded_on)

    def match(self, need, offer, day):
        rng = self.rng
        broker = need.broker
        service = self.service(
            broker,
            day,
            "matching",
            [need.organisation],
            outcome=f"Puesta en relación de {label(need.organisation)} con "
            f"{PROVIDER_NAMES.get(offer.provider.short_name, str(offer.provider))} por la "
            f"necesidad «{need.title}».",
            provider=offer.provider,
            anchored=True,
        )
        matched_at = max(self.working_time(day, 9, 12), need.created_at + timedelta(hours=1))
        matched_at = min(matched_at, service.created_at - timedelta(minutes=5))
        matched_at = max(matched_at, need.created_at + timedelta(minutes=5))
        user = broker.user if rng.random() < 0.75 else self.coordinator
        match = Match(need, offer, matched_at, user)
        result, recorded_at = self.result(day)
        if result != MatchResult.PENDING:
            org = label(need.organisation)
            provider = PROVIDER_NAMES.get(offer.provider.short_name, str(offer.provider))
            match.result, match.recorded_at = result, recorded_at
            match.recorded_by = broker.user if rng.random() < 0.85 else self.coordinator
            if result == MatchResult.CONTACT_MADE:
                match.notes = fill(
                    f"Primera reunión de {org} con {provider}: intercambian información técnica "
                    "y estudian una colaboración."
                )
            elif result == MatchResult.PROJECT:
                match.notes = f"{org} y {provider} firman un contrato de colaboración para la "
                match.notes += f"necesidad «{need.title}»."
                match.cluster_project = self.project_of(need.organisation, day)
            else:
                match.notes = f"La oferta no encaja: {rng.choice(NO_FIT_REASONS)}."
        need.matches.append(match)
        self.matches.append(match)
        return match

    def project_of(self, organisation, day):
        projects = [p for p in self.projects_of.get(organisation.pk, []) if p.start_date >= day]
        return projects[0] if projects else None

    def matching(self):
        """More than half the needs matched to an offer that answers them (a second one
        when the first does not fit), a few weeks after they are compiled or once such an
        offer is there; the needs' statuses follow brokers.network.matching's rules. Like the
        results, set from the need's day, not the day of seeding."""
        rng = self.rng
        self.projects_of = defaultdict(list)
        for project in ClusterProject.objects.prefetch_related("partners").order_by("start_date"):
            for partner in project.partners.all():
                self.projects_of[partner.pk].append(project)
        for need in self.needs:
            need_day = timezone.localdate(need.created_at)
            if rng.random() < 0.6:
                self.try_offers(need, need_day + timedelta(days=rng.randint(5, 35)))
            self.maybe_close(need)

    def try_offers(self, need, planned):
        """Match a need from the day planned on, if that has come by yesterday."""
        rng, broker = self.rng, need.broker
        need_day = timezone.localdate(need.created_at)
        tried = set()
        while True:
            fitting = [
                o for o in self.offers if o.title in FITS.get(need.title, ()) and o.pk not in tried
            ]
            if fitting and all(timezone.localdate(o.created_at) >= planned for o in fitting):
                # the need waits for an offer that answers it
                first = min(timezone.localdate(o.created_at) for o in fitting)
                planned = first + timedelta(days=rng.randint(3, 15))
            if planned > self.yesterday:
                return
            day = broker.on_or_before(planned)
            fitting = [o for o in fitting if timezone.localdate(o.created_at) < day]
            if not fitting or day <= need_day:
                return
            offer = rng.choice(fitting)
            tried.add(offer.pk)
            match = self.match(need, offer, day)
            if match.result != MatchResult.NO_FIT or rng.random() < 0.4:
                return
            planned = timezone.localdate(match.recorded_at) + timedelta(days=rng.randint(3, 20))

    def maybe_close(self, need):
        """Some needs are closed: solved with a project, solved some other way or, with
        nothing to answer them, given up within the year."""
        rng = self.rng
        results = [m.result for m in need.matches]
        live = [r for r in results if r != MatchResult.NO_FIT]
        if MatchResult.PROJECT in results and rng.random() < 0.5:
            last = max(m.recorded_at for m in need.matches if m.recorded_at)
            on = timezone.localdate(last) + timedelta(days=rng.randint(5, 25))
        elif not live:
            days = rng.randint(90, 140) if rng.random() < 0.6 else rng.randint(200, 330)
            on = timezone.localdate(need.created_at) + timedelta(days=days)
        else:
            return
        if on < self.yesterday:
            need.closed = (self.working_time(on), need.broker.user)
