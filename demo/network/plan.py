"""What is planned before anything is saved: the brokers, their records, and
the network's calendars, catalogue and organisations."""

import bisect
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils.text import slugify

from accounts.models import User
from brokers.network.models import (
    DistrictServiceOffer,
    IndustryNeed,
    MatchResult,
    ServiceType,
    TechnologyOffer,
)
from clusters.models import (
    ClusterProject,
    HelixType,
    Membership,
    Organisation,
    SizeClass,
    name_key,
)
from clusters.validators import validate_nace_code, validate_tax_id
from demo.clusters.data import MUNICIPALITIES
from demo.common import at, tax_id
from demo.network.calendar import is_working_day, next_working_day, yearly_services
from demo.network.data import (
    LEAVE,
    LOCAL_NOTES,
    NEW_LOCAL,
    NOT_OFFERED,
    ORGANISATION_WEIGHTS,
    PLACE_IN_NAME,
    PROVIDER_TYPES,
    PROVIDERS,
    RURAL_SIZES,
    SEED,
    SURNAMES,
    TRADES,
    TYPE_WEIGHTS,
    URBAN_SIZES,
)
from demo.network.history import Event, create_all, write_history
from districts.models import District

# --- what is planned before anything is saved -----------------------------------------


@dataclass
class Broker:
    user: User
    district: District
    host: Organisation
    start: date
    end: date
    days: list = field(default_factory=list)  # the days at work
    away: dict = field(default_factory=dict)  # day: "holidays" or "leave"

    @property
    def slug(self):
        return self.district.slug

    def on_or_before(self, day):
        """The last day at work on or before day (the first day at work if none)."""
        return self.days[max(bisect.bisect_right(self.days, day) - 1, 0)]


@dataclass
class Service:
    broker: Broker
    day: date
    code: str
    organisations: list
    channel: str
    hours: Decimal
    outcome: str
    created_at: datetime
    provider: Organisation | None = None
    programme: str = ""
    follow_up_on: date | None = None
    follow_up_done_at: datetime | None = None
    cluster_project: ClusterProject | None = None
    membership: Membership | None = None
    withdrawn: tuple | None = None  # (at, by, reason)
    corrections: list = field(default_factory=list)  # _Event
    anchored: bool = False  # stands for a need, a match or a link: never corrected


@dataclass
class Need:
    broker: Broker
    organisation: Organisation
    title: str
    description: str
    sector: str
    area: str
    created_at: datetime
    matches: list = field(default_factory=list)
    closed: tuple | None = None  # (at, by)
    instance: IndustryNeed | None = None


@dataclass
class Match:
    need: Need
    offer: TechnologyOffer
    matched_at: datetime
    matched_by: User
    result: str = MatchResult.PENDING
    notes: str = ""
    recorded_at: datetime | None = None
    recorded_by: User | None = None
    cluster_project: ClusterProject | None = None


def label(organisation):
    return organisation.short_name or organisation.legal_name.split(",")[0]


def fill(template, **values):
    return template.format(**values).replace(" de el ", " del ").replace(" a el ", " al ")


class NetworkPlan:
    """The network being planned: its brokers, their calendars and the organisations
    they serve."""

    def __init__(self, brokers, coordinator, today, now):
        self.rng = random.Random(SEED)  # noqa: S311 - demo data, not security
        self.brokers = brokers
        self.coordinator = coordinator
        self.today, self.now = today, now
        self.yesterday = today - timedelta(days=1)
        self.types = {t.code: t for t in ServiceType.objects.filter(code__in=TYPE_WEIGHTS)}
        self.services = []
        self.needs = []
        self.matches = []
        self.new_organisations = []
        self.offered = {}
        providers = Organisation.objects.filter(helix_type__in=PROVIDER_TYPES).order_by("pk")
        self.providers = {o.short_name: o for o in providers if o.short_name}
        self.any_provider = list(providers)

    # time

    def logged_at(self, day):
        """When a service delivered on day is logged: that afternoon or the next working
        morning, never after the time of seeding."""
        rng = self.rng
        if rng.random() < 0.65:
            when = at(day, rng.randint(13, 19), rng.choice([0, 5, 10, 20, 30, 40, 45, 50]))
        else:
            when = at(next_working_day(day), rng.randint(8, 10), rng.choice([0, 15, 30, 45]))
        return min(when, self.now - timedelta(minutes=rng.randint(5, 90)))

    def working_time(self, day, first=9, last=18):
        """A time of a working day on or after day, before the time of seeding."""
        while not is_working_day(day):
            day += timedelta(days=1)
        when = at(day, self.rng.randint(first, last), self.rng.choice([0, 15, 30, 45]))
        return min(when, self.now - timedelta(minutes=self.rng.randint(10, 120)))

    # the brokers' calendars, catalogue and organisations

    def calendars(self):
        rng = self.rng
        for broker in self.brokers:
            working, day = [], broker.start
            while day <= broker.end:
                if is_working_day(day):
                    working.append(day)
                day += timedelta(days=1)
            for year in sorted({d.year for d in working}):
                summer = [
                    i for i, d in enumerate(working) if date(year, 7, 20) <= d <= date(year, 8, 14)
                ]
                if summer:
                    first = rng.choice(summer)
                    broker.away.update(dict.fromkeys(working[first : first + 10], "holidays"))
            leave = LEAVE.get(broker.slug)
            if leave and broker.end == self.yesterday:
                since = self.yesterday - timedelta(days=leave)
                broker.away.update({d: "leave" for d in working if d > since})
            broker.days = [d for d in working if d not in broker.away]
        self.brokers = [b for b in self.brokers if b.days]
        if self.brokers:
            self.start = min(b.start for b in self.brokers)
            self.quotas = yearly_services(self.start, self.today)
            self.years = list(self.quotas)

    def tailoring(self):
        """Each district's catalogue: the types it offers, with local notes for a few,
        chosen by its broker in their first weeks."""
        offers, records = [], []
        for broker in self.brokers:
            skipped = NOT_OFFERED.get(broker.slug, set())
            codes = [c for c in TYPE_WEIGHTS if c in self.types and c not in skipped]
            self.offered[broker.slug] = codes
            when = self.working_time(broker.start + timedelta(days=self.rng.randint(3, 12)), 10, 13)
            for code in codes:
                offer = DistrictServiceOffer(
                    district=broker.district,
                    service_type=self.types[code],
                    notes=LOCAL_NOTES.get((broker.slug, code), ""),
                )
                offers.append(offer)
                records.append((offer, [Event(when, broker.user)]))
        create_all(DistrictServiceOffer, offers)
        write_history(DistrictServiceOffer, records)
        return len(offers)

    def local_candidates(self):
        """Companies of each district that brokers may quick-add, with a valid CIF."""
        rng = self.rng
        used = set(Organisation.objects.exclude(tax_id="").values_list("tax_id", flat=True))
        taken = set(Organisation.objects.values_list("name_key", flat=True))
        candidates = {}
        for broker in self.brokers:
            slug = broker.slug
            towns = MUNICIPALITIES[slug]  # those demo.clusters places in the district
            sizes = URBAN_SIZES if not broker.district.is_rural else RURAL_SIZES
            candidates[slug] = []
            for _ in range(NEW_LOCAL.get(slug, 0)):
                while True:
                    trade, nace = rng.choice(TRADES[slug])
                    town, surname, pattern = rng.choice(towns), rng.choice(SURNAMES), rng.random()
                    size = rng.choices(list(sizes), list(sizes.values()))[0]
                    place = PLACE_IN_NAME.get(town, town)
                    if trade.startswith("Cooperativa"):
                        base, form, letter, size = (
                            f"{trade} de {place}",
                            "S. Coop.",
                            "F",
                            SizeClass.SMALL,
                        )
                    else:
                        if pattern < 0.45:
                            base = f"{trade} {surname}"
                        elif pattern < 0.8:
                            base = f"{trade} de {place}"
                        else:
                            base = f"{trade} Hermanos {surname}"
                        big = size in (SizeClass.MEDIUM, SizeClass.LARGE) and rng.random() < 0.6
                        form, letter = ("S.A.", "A") if big else ("S.L.", "B")
                    name = f"{base}, {form}"
                    if name_key(name) not in taken:
                        break
                taken.add(name_key(name))
                cif = tax_id(rng, letter, used)
                validate_tax_id(cif)
                validate_nace_code(nace)
                candidates[slug].append(
                    Organisation(
                        legal_name=name,
                        name_key=name_key(name),
                        tax_id=cif,
                        helix_type=HelixType.COMPANY,
                        size_class=size,
                        district=broker.district,
                        municipality=town,
                        nace_code=nace,
                        website=(
                            f"https://{slugify(base)[:50].strip('-')}.example.org"
                            if rng.random() < 0.35
                            else ""
                        ),
                    )
                )
        return candidates

    def pools(self, candidates):
        """The organisations each broker serves, the regulars first (weights)."""
        existing = defaultdict(list)
        hosts = {b.host.pk for b in self.brokers}
        for organisation in (
            Organisation.objects.filter(district__in=[b.district for b in self.brokers])
            .exclude(helix_type__in=PROVIDER_TYPES)
            .exclude(pk__in=hosts)
            .select_related("district")
            .order_by("legal_name", "pk")
        ):
            existing[organisation.district.slug].append(organisation)
        self.pool, self.weights = {}, {}
        for broker in self.brokers:
            pool = existing[broker.slug] + candidates[broker.slug]
            self.rng.shuffle(pool)
            self.pool[broker.slug] = pool
            self.weights[broker.slug] = [
                ORGANISATION_WEIGHTS.get(o.helix_type, 0.25) / (rank + 2) ** 0.7
                for rank, o in enumerate(pool)
            ]

    def pick(self, slug, k):
        chosen = []
        pool, weights = self.pool[slug], self.weights[slug]
        while len(chosen) < min(k, len(pool)):
            organisation = self.rng.choices(pool, weights)[0]
            if organisation not in chosen:
                chosen.append(organisation)
        return chosen

    def company(self, slug, prefixes, used):
        companies = [o for o in self.pool[slug] if o.helix_type == HelixType.COMPANY]
        fitting = [o for o in companies if o.nace_code.startswith(tuple(prefixes))]
        fresh = [o for o in fitting if id(o) not in used]
        choices = fresh or [o for o in companies if id(o) not in used] or companies
        organisation = self.rng.choice(choices)
        used.add(id(organisation))
        return organisation

    def provider(self, slug):
        names = [n for n in PROVIDERS.get(slug, []) if n in self.providers]
        if not names:
            return self.rng.choice(self.any_provider) if self.any_provider else None
        weights = [max(6 - 2 * i, 1) for i in range(len(names))]
        return self.providers[self.rng.choices(names, weights)[0]]
