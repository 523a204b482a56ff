"""The service records: delivered, followed up, withdrawn and corrected, and
those that led to a cluster membership or project."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from clusters.models import ClusterProject, HelixType, Membership, MembershipKind
from demo.clusters.data import MUNICIPALITIES
from demo.network.calendar import activity_weight, is_working_day, year_done
from demo.network.data import (
    CHANNEL_OF,
    CHANNELS,
    CLUSTERS,
    CORRECTIONS,
    COURSES,
    EVENT_TYPES,
    FOLLOW_UP,
    FOLLOW_UP_DAYS,
    HOURS,
    NEIGHBOURS,
    OUTCOMES,
    PROGRAMMES,
    PROVIDER_NAMES,
    PROVIDER_TYPES,
    TOPICS,
    TYPE_WEIGHTS,
    WITHDRAWAL_REASONS,
    WITHDRAWN,
)
from demo.network.history import Event
from demo.network.plan import Service, fill, label


class ServiceRecords:
    """The Network's service records."""

    def service(self, broker, day, code, organisations=None, outcome=None, **fields):
        rng, slug = self.rng, broker.slug
        if organisations is None:
            weights = [35, 35, 30] if code in EVENT_TYPES else [72, 21, 7]
            organisations = self.pick(slug, rng.choices([1, 2, 3], weights)[0])
        channels = CHANNELS[code]
        low, usual, high = HOURS[code]
        hours = Decimal(str(round(rng.triangular(low, high, usual) * 2) / 2))
        provider, programme = fields.pop("provider", None), ""
        if outcome is None:
            templates = OUTCOMES[code]
            template = rng.choices([t for t, _w in templates], [w for _t, w in templates])[0]
            if "{provider}" in template:
                provider = self.provider(slug)
            if "{programme}" in template:
                programme = rng.choice(PROGRAMMES[slug])
            outcome = fill(
                template,
                org=label(organisations[0]),
                provider=PROVIDER_NAMES.get(provider.short_name, str(provider)) if provider else "",
                programme=programme,
                topic=rng.choice(TOPICS[slug]),
                course=rng.choice(COURSES.get(slug, ["gestión de la innovación"])),
                town=rng.choice(MUNICIPALITIES[slug]),
                cluster=rng.choice(CLUSTERS[slug]),
            )
        service = Service(
            broker=broker,
            day=day,
            code=code,
            organisations=organisations,
            channel=next(
                (c for start, c in CHANNEL_OF.items() if outcome.startswith(start)),
                rng.choices(list(channels), list(channels.values()))[0],
            ),
            hours=hours,
            outcome=outcome,
            created_at=self.logged_at(day),
            provider=provider,
            programme=programme,
            **fields,
        )
        if rng.random() < FOLLOW_UP[code]:
            self.follow_up(service)
        self.services.append(service)
        return service

    def follow_up(self, service):
        """A follow-up date; those due are mostly done, the recent ones less often."""
        rng = self.rng
        on = service.day + timedelta(days=rng.choice(FOLLOW_UP_DAYS))
        while not is_working_day(on):
            on += timedelta(days=1)
        service.follow_up_on = on
        if on > self.today:
            return
        late = (self.today - on).days
        if rng.random() < (0.5 if late <= 14 else 0.8 if late <= 45 else 0.96):
            done_on = on + timedelta(days=rng.choice([0, 0, 0, 1, 2, 3, 5, 8]))
            done = min(self.working_time(done_on), self.now - timedelta(minutes=10))
            service.follow_up_done_at = max(done, service.created_at + timedelta(hours=1))

    def random_services(self):
        """The everyday records: the rest of each district's records of each year."""
        planned = Counter((s.broker.slug, s.day.year) for s in self.services)
        withdrawn = Counter((slug, year) for year, slug, _kind in self.withdrawals())
        for broker in self.brokers:
            slug = broker.slug
            codes = self.offered[slug]
            weights = [TYPE_WEIGHTS[c] for c in codes]
            for year, quotas in self.quotas.items():
                days = [d for d in broker.days if d.year == year]
                count = quotas.get(slug, 0) - planned[slug, year] - withdrawn[slug, year]
                # In the first days of a year a match or a link may already have filled it.
                if not days or count <= 0:
                    continue
                activity = [activity_weight(d, broker.start) for d in days]
                for day in sorted(self.rng.choices(days, activity, k=count)):
                    self.service(broker, day, self.rng.choices(codes, weights)[0])

    def withdrawals(self):
        """The records withdrawn in each year, (year, district, kind): the list for a
        year that is over (its trials only in the first), in proportion in this one."""
        plan = []
        for year in self.years:
            kinds = [w for w in WITHDRAWN if year == self.start.year or w[1] != "trial"]
            kinds = kinds[: round(len(kinds) * year_done(year, self.today))]
            plan += [(year, slug, kind) for slug, kind in kinds]
        return plan

    def withdrawn(self):
        """Records withdrawn with a reason: trials, duplicates, cancelled visits..."""
        rng = self.rng
        brokers = {b.slug: b for b in self.brokers}
        for year, slug, kind in self.withdrawals():
            broker = brokers.get(slug)
            days = [d for d in broker.days if d.year == year] if broker else []
            if not days:
                continue
            reason = WITHDRAWAL_REASONS[kind].format(other=NEIGHBOURS.get(slug, "otra comarca"))
            by, after = broker.user, timedelta(minutes=rng.randint(10, 300))
            if kind == "trial":
                day = days[rng.randrange(min(8, len(days)))]
                code = "other" if "other" in self.offered[slug] else "advice"
                service = self.service(
                    broker, day, code, [broker.host], outcome="Prueba del registro rápido."
                )
                service.created_at = self.working_time(day, 11, 12)
                after = timedelta(minutes=rng.randint(20, 90))
            elif kind == "duplicate":
                service = self.duplicate(broker, year)
                if service is None:  # a year just begun
                    continue
            else:
                recent = [d for d in days if d < self.yesterday - timedelta(days=3)]
                if kind == "coordinator":
                    recent = [d for d in recent if d < self.today - timedelta(days=60)]
                    by = self.coordinator
                    after = timedelta(days=rng.randint(32, 50), hours=rng.randint(0, 5))
                elif kind == "cancelled":
                    after = timedelta(days=rng.randint(1, 2), hours=rng.randint(0, 5))
                else:
                    after = timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 5))
                day = rng.choice(recent or days)
                code = "advice" if kind == "cancelled" else rng.choice(self.offered[slug])
                service = self.service(broker, day, code)
            service.follow_up_on = service.follow_up_done_at = None
            withdrawn_at = min(service.created_at + after, self.now - timedelta(minutes=5))
            service.withdrawn = (withdrawn_at, by, reason)

    def duplicate(self, broker, year):
        """A record of the broker's logged twice, a few minutes after the first."""
        rng = self.rng
        sources = [
            s
            for s in self.services
            if s.broker is broker
            and s.day.year == year
            and not s.anchored
            and s.withdrawn is None
            and s.created_at < self.now - timedelta(days=2)
        ]
        if not sources:
            return None
        source = rng.choice(sources)
        service = Service(
            broker=broker,
            day=source.day,
            code=source.code,
            organisations=source.organisations,
            channel=source.channel,
            hours=source.hours,
            outcome=source.outcome,
            created_at=source.created_at + timedelta(minutes=rng.randint(1, 20)),
            provider=source.provider,
            programme=source.programme,
        )
        self.services.append(service)
        return service

    def corrections(self):
        """Some records of each year corrected by their broker within the 30 days, a few
        later by the coordinator (the history shows what they said before)."""
        for year in self.years:
            old = [
                s
                for s in self.services
                if s.day.year == year
                and not s.anchored
                and s.withdrawn is None
                and s.created_at < self.now - timedelta(days=3)
            ]
            count = round(CORRECTIONS * year_done(year, self.today))
            self.correct(self.rng.sample(old, min(len(old), count)))

    def correct(self, chosen):
        rng = self.rng
        for n, service in enumerate(chosen):
            age = (self.now - service.created_at).days
            if n < 6 and age > 40:
                user = self.coordinator
                when = service.created_at + timedelta(days=rng.randint(31, min(80, age - 1)))
                what = rng.choice(["hours", "channel"])
            else:
                user = service.broker.user
                when = service.created_at + timedelta(
                    days=rng.randint(1, min(25, age - 1)), hours=rng.randint(0, 6)
                )
                what = rng.choice(["hours", "outcome", "follow_up_on", "channel"])
            when = min(when, self.now - timedelta(minutes=30))
            done = service.follow_up_done_at
            if what == "follow_up_on" and (
                service.follow_up_on is None or (done is not None and done <= when)
            ):
                what = "hours"
            if what == "outcome" and ";" not in service.outcome:
                what = "hours"
            if what == "hours":
                before = {"hours": service.hours + (Decimal("-0.5") if service.hours > 1 else 1)}
            elif what == "channel":
                before = {
                    "channel": next(c for c in CHANNELS[service.code] if c != service.channel)
                }
            elif what == "outcome":
                before = {"outcome": service.outcome.split(";")[0] + "."}
            else:
                before = {"follow_up_on": None}
            service.corrections.append(Event(when, user, before))

    # links to cluster memberships and projects

    def links(self):
        """A few records that led to a cluster membership or a project partnership."""
        brokers = {b.slug: b for b in self.brokers}
        end = max(b.end for b in self.brokers)
        return self.membership_links(brokers, end) + self.project_links(brokers, end)

    def membership_links(self, brokers, end):
        """A presentation of a cluster to a company that joins it, one in each of the
        first six districts where one joined after its broker started."""
        memberships = (
            Membership.objects.filter(
                kind=MembershipKind.FULL,
                start_date__gte=self.start + timedelta(days=14),
                start_date__lte=end,
                organisation__district__slug__in=list(brokers),
            )
            .exclude(organisation__helix_type__in=PROVIDER_TYPES)  # brokers serve the others
            .select_related("organisation__district", "cluster")
            .order_by("start_date", "pk")
        )
        seen, linked = set(), 0
        for membership in memberships:
            broker = brokers[membership.organisation.district.slug]
            if broker.slug in seen or membership.start_date < broker.start + timedelta(days=14):
                continue
            seen.add(broker.slug)
            day = broker.on_or_before(
                membership.start_date - timedelta(days=self.rng.randint(7, 30))
            )
            org, cluster = label(membership.organisation), membership.cluster.acronym
            self.service(
                broker,
                day,
                "contacts",
                [membership.organisation],
                outcome=f"Presentación de {cluster} a {org}: servicios, proyectos en marcha y "
                f"cuota de socio. {org} decide incorporarse al clúster.",
                membership=membership,
                anchored=True,
            )
            linked += 1
            if linked == 6:
                break
        return linked

    def project_links(self, brokers, end):
        """Up to two local partners of each project begun under the agreements, met by
        their broker before it started."""
        rng, linked = self.rng, 0
        projects = ClusterProject.objects.filter(
            start_date__gt=self.start + timedelta(days=30),
            start_date__lte=end + timedelta(days=60),
        ).order_by("start_date", "pk")
        for project in projects:
            partners = [
                o
                for o in project.partners.select_related("district").order_by("legal_name")
                if o.helix_type == HelixType.COMPANY and o.district and o.district.slug in brokers
            ]
            for partner in rng.sample(partners, min(2, len(partners))):
                broker = brokers[partner.district.slug]
                day = broker.on_or_before(
                    min(project.start_date - timedelta(days=rng.randint(20, 50)), broker.end)
                )
                org = label(partner)
                self.service(
                    broker,
                    day,
                    "contacts",
                    [partner],
                    outcome=f"Reunión de {org} con los socios del proyecto {project.acronym}; "
                    f"{org} se incorpora al consorcio.",
                    cluster_project=project,
                    anchored=True,
                )
                linked += 1
        return linked
