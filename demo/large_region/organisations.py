"""The region's organisations, cluster organisations, projects, memberships and
activities."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from django.utils.text import slugify

from clusters.models import (
    Activity,
    BoardMember,
    ClusterKind,
    ClusterLabel,
    ClusterOrganisation,
    ClusterProject,
    ClusterService,
    DevelopmentStage,
    EndReason,
    FeeStatus,
    FundingProgramme,
    HelixType,
    LabelLevel,
    Membership,
    MembershipKind,
    NetworkParticipation,
    Organisation,
    ProjectScope,
    ProjectStatus,
    Ris3Priority,
    ServiceKind,
    SizeClass,
    name_key,
)
from demo.common import at, keeping_dates
from demo.large_region.base import batches, link_pairs, save_all, tax_id
from demo.large_region.data import (
    ACTIVITIES,
    CLUSTERS,
    CONSORTIA,
    FIELDS,
    FIRST_DAY,
    HELIX_MIX,
    LAST_DAY,
    NACE_CODES,
    NETWORKS,
    NEW_DISTRICTS,
    PROJECT_PREFIX,
    SIZES,
    SURNAMES,
)


class Organisations:
    """The LargeRegion's organisations and clusters."""

    def organisations(self):
        rng, count = self.rng, self.n["organisations"]
        helix_weights = list(accumulate(w for w, *_rest in HELIX_MIX))
        size_weights = list(accumulate(w for w, _size in SIZES))
        district_weights = list(
            accumulate((1 if d.is_rural else 4) * rng.uniform(0.7, 1.3) for d in self.districts)
        )
        combos = len(ACTIVITIES) * len(SURNAMES) ** 2
        names = rng.sample(range(combos), min(count, combos))
        self.org_pks, self.org_district = [], []
        self.by_district = [[] for _ in self.districts]
        self.providers = []  # universities and research centres
        self.companies = []
        weights = (helix_weights, size_weights, district_weights)
        created_at = Organisation._meta.get_field("created_at")
        with keeping_dates(created_at):
            for chunk in batches(range(count)):
                rows = [self.organisation(i, names, weights) for i in chunk]
                save_all(Organisation, [org for _d, _h, org in rows])
                for d, helix, org in rows:
                    self.org_pks.append(org.pk)
                    self.org_district.append(d)
                    self.by_district[d].append(org.pk)
                    if helix in (HelixType.UNIVERSITY, HelixType.RESEARCH_CENTRE):
                        self.providers.append(org.pk)
                    elif helix == HelixType.COMPANY:
                        self.companies.append(org.pk)
        self.counts["organisations"] = count
        self.say(f"{count:,} organisations ({len(self.providers):,} knowledge providers)")

    def organisation(self, i, names, weights):
        """The i-th organisation (the first three a university and two centres, to refer
        to at every size), with its district index and helix."""
        rng = self.rng
        helix_weights, size_weights, district_weights = weights
        _w, helix, letter, nace, head = rng.choices(HELIX_MIX, cum_weights=helix_weights)[0]
        if i < 3:  # at every size, a university and two centres to refer to
            _w, helix, letter, nace, head = HELIX_MIX[4] if i == 0 else HELIX_MIX[3]
        d = rng.choices(range(len(self.districts)), cum_weights=district_weights)[0]
        a, rest = divmod(names[i % len(names)], len(SURNAMES) ** 2)
        b, c = divmod(rest, len(SURNAMES))
        size = ""
        if helix == HelixType.COMPANY:
            size = rng.choices(SIZES, cum_weights=size_weights)[0][1]
            big = size in (SizeClass.MEDIUM, SizeClass.LARGE) and rng.random() < 0.6
            letter, legal = ("A", "S.A.") if big else ("B", "S.L.")
            name = f"{ACTIVITIES[a]} {SURNAMES[b]} {SURNAMES[c]} {legal}"
            nace = rng.choice(NACE_CODES)
        else:
            name = f"{head} {FIELDS[a % len(FIELDS)]} {SURNAMES[b]} {SURNAMES[c]}"
        if i >= len(names):
            name = f"{name} ({i // len(names) + 1})"
        with_site = helix != HelixType.COMPANY or rng.random() < 0.6
        joined = (
            FIRST_DAY - timedelta(days=rng.randint(1, 3000))
            if rng.random() < 0.75
            else FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        )
        return (
            d,
            helix,
            Organisation(
                legal_name=name,
                name_key=name_key(name),
                tax_id=tax_id(i, letter),
                helix_type=helix,
                size_class=size,
                district_id=self.districts[d].pk,
                municipality=rng.choice(self.towns[d]),
                nace_code=nace,
                website=f"https://{slugify(name)[:50].strip('-')}.example.org" if with_site else "",
                created_at=at(joined, rng.randint(8, 19), rng.randint(0, 59)),
            ),
        )

    # --- clusters, projects, memberships, activities ----------------------------------

    def clusters(self):
        rng = self.rng
        clusters = []
        for k, (acronym, name, sector, ris3) in enumerate(CLUSTERS):
            consortium = k >= len(CLUSTERS) - CONSORTIA
            clusters.append(
                ClusterOrganisation(
                    name=name,
                    acronym=acronym,
                    slug=slugify(acronym),
                    kind=ClusterKind.EXPORT_CONSORTIUM if consortium else ClusterKind.CLUSTER,
                    sector=sector,
                    ris3_priority=Ris3Priority(ris3),
                    development_stage=rng.choice(list(DevelopmentStage)),
                    founded_on=date(rng.randint(2004, 2020), rng.randint(1, 12), 1),
                    website=f"https://{slugify(acronym)}.example.org",
                    cluster_manager=self.managers[k],
                    strategy=f"Estrategia de {name} para {sector.lower()}: internacionalización, "
                    "innovación y cooperación entre las empresas socias.",
                )
            )
        save_all(ClusterOrganisation, clusters)
        self.clusters_ = clusters
        self.cluster_weights = list(accumulate(rng.choice([1, 1.5, 2, 3]) for _ in clusters))
        labels, networks, services, board = [], [], [], []
        for cluster in clusters:
            self.cluster_extras(cluster, labels, networks, services, board)
        save_all(ClusterLabel, labels)
        save_all(NetworkParticipation, networks)
        save_all(ClusterService, services)
        save_all(BoardMember, board)
        self.cluster_services = {}
        for service in services:
            self.cluster_services.setdefault(service.cluster_id, []).append(service.pk)
        self.say(f"{len(clusters)} clusters, {len(labels)} labels, {len(services)} services")

    def cluster_extras(self, cluster, labels, networks, services, board):
        """A cluster's label (for some), networks, services and board, added to the lists."""
        rng = self.rng
        if rng.random() < 0.45:
            awarded = date(rng.randint(2021, 2025), rng.randint(1, 12), 1)
            labels.append(
                ClusterLabel(
                    cluster=cluster,
                    level=rng.choice(list(LabelLevel)),
                    awarded_on=awarded,
                    expires_on=awarded.replace(year=awarded.year + 2),
                )
            )
        for network in rng.sample(NETWORKS, rng.randint(0, 2)):
            networks.append(
                NetworkParticipation(
                    cluster=cluster,
                    network=network,
                    joined_on=date(rng.randint(2015, 2024), rng.randint(1, 12), 1),
                )
            )
        for kind in rng.sample(list(ServiceKind), 4):
            services.append(
                ClusterService(
                    cluster=cluster,
                    kind=kind,
                    title=f"{kind.label} – {cluster.acronym}",
                    audience="Empresas socias",
                )
            )
        for position in ("Presidencia", "Vicepresidencia", "Secretaría", "Tesorería"):
            first, last = self.person_name()
            board.append(
                BoardMember(
                    cluster=cluster,
                    name=f"{first} {last}",
                    position=position,
                    organisation_id=rng.choice(self.org_pks),
                    started_on=date(rng.randint(2019, 2025), rng.randint(1, 12), 1),
                )
            )

    def projects(self):
        rng, count = self.rng, max(len(self.clusters_), self.n["projects"])
        projects, cluster_links, partner_links = [], [], []
        self.projects_of = {c.pk: [] for c in self.clusters_}
        for k in range(count):
            first = self.clusters_[k] if k < len(self.clusters_) else self.random_cluster()
            members = {first}
            if rng.random() < 0.3:
                members.update(self.random_cluster() for _ in range(rng.randint(1, 2)))
            start = FIRST_DAY + timedelta(days=rng.randint(-400, (LAST_DAY - FIRST_DAY).days - 60))
            start = start.replace(day=1)
            end = start + timedelta(days=30 * rng.choice([12, 18, 24, 30, 36]) - 1)
            status = (
                ProjectStatus.COMPLETED
                if end <= LAST_DAY
                else ProjectStatus.RUNNING
                if start <= LAST_DAY
                else ProjectStatus.PLANNED
            )
            if status == ProjectStatus.RUNNING and rng.random() < 0.03:
                status = ProjectStatus.CANCELLED
            scope = (
                ProjectScope.INTER_CLUSTER
                if len(members) > 1
                else rng.choice(
                    [ProjectScope.REGIONAL, ProjectScope.INTERREGIONAL, ProjectScope.TRANSNATIONAL]
                )
            )
            topic = rng.choice(FIELDS)
            project = ClusterProject(
                title=f"Innovación en {topic} {rng.choice(SURNAMES)} {k + 1}",
                acronym=f"{PROJECT_PREFIX}{k + 1:04d}",
                scope=scope,
                funding_programme=rng.choice(list(FundingProgramme)),
                budget=Decimal(rng.randint(40, 2500) * 1000),
                start_date=start,
                end_date=end,
                status=status,
            )
            projects.append((project, sorted(members, key=lambda c: c.acronym)))
        save_all(ClusterProject, [p for p, _members in projects])
        for project, members in projects:
            for cluster in members:
                cluster_links.append((project.pk, cluster.pk))
                self.projects_of[cluster.pk].append(project)
            for org in rng.sample(self.org_pks, min(len(self.org_pks), rng.randint(3, 12))):
                partner_links.append((project.pk, org))
        link_pairs(ClusterProject, "clusters", cluster_links)
        partners = link_pairs(ClusterProject, "partners", partner_links)
        self.project_pks = [p.pk for p, _members in projects]
        self.counts["projects"] = len(projects)
        self.say(f"{len(projects):,} joint projects, {partners:,} partners")

    def random_cluster(self):
        """A cluster, the larger ones more often."""
        return self.rng.choices(self.clusters_, cum_weights=self.cluster_weights)[0]

    def _periods(self, cluster, room):
        """The memberships of one organisation in one cluster: (kind, start, end,
        end reason, project, converted from the previous one), in order."""
        rng = self.rng
        span = (LAST_DAY - FIRST_DAY).days
        roll = rng.random()
        if room >= 2 and roll < 0.06:  # a provisional partner converted to full member
            project = rng.choice(self.projects_of[cluster.pk])
            start = max(project.start_date, FIRST_DAY)
            last = min(project.end_date, LAST_DAY - timedelta(days=1))
            if (last - start).days >= 30:
                joined = start + timedelta(days=rng.randint(0, (last - start).days // 2))
                on = joined + timedelta(days=rng.randint(15, (last - joined).days + 1))
                return [
                    (MembershipKind.PROVISIONAL, joined, on - timedelta(days=1),
                     EndReason.CONVERTED, project, False),
                    (MembershipKind.FULL, on, None, "", None, True),
                ]  # fmt: skip
        if roll < 0.14:  # a provisional partner of a project
            project = rng.choice(self.projects_of[cluster.pk])
            start = max(project.start_date, FIRST_DAY)
            if start <= min(project.end_date, LAST_DAY):
                last = min(project.end_date, LAST_DAY)
                joined = start + timedelta(days=rng.randint(0, (last - start).days))
                ended = project.end_date <= LAST_DAY
                return [
                    (MembershipKind.PROVISIONAL, joined, project.end_date if ended else None,
                     EndReason.PROJECT_ENDED if ended else "", project, False)
                ]  # fmt: skip
        start = FIRST_DAY + timedelta(days=rng.randint(0, span))
        if roll < 0.40:  # left, and perhaps came back
            end = start + timedelta(days=rng.randint(120, 1200))
            if end < LAST_DAY - timedelta(days=30):
                periods = [(MembershipKind.FULL, start, end, EndReason.LEFT, None, False)]
                back = end + timedelta(days=rng.randint(30, 500))
                if room >= 2 and roll < 0.28 and back <= LAST_DAY:
                    periods.append((MembershipKind.FULL, back, None, "", None, False))
                return periods
        return [(MembershipKind.FULL, start, None, "", None, False)]

    def memberships(self):
        rng, total = self.rng, self.n["memberships"]
        fees = [FeeStatus.PAID] * 7 + [FeeStatus.PENDING] * 2 + [FeeStatus.OVERDUE]
        used, made = set(), 0
        self.member_of = {}  # organisation pk -> [(start, membership pk)]
        order = list(range(len(self.org_pks)))
        while made < total:
            rng.shuffle(order)
            for chunk in batches(order, 500):
                first, second = [], []
                for i in chunk:
                    org = self.org_pks[i]
                    for _ in range(rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6, 8])):
                        if made >= total:
                            break
                        cluster = self.random_cluster()
                        if (org, cluster.pk) in used:
                            continue
                        used.add((org, cluster.pk))
                        previous = None
                        for kind, start, end, reason, project, converted in self._periods(
                            cluster, total - made
                        ):
                            membership = Membership(
                                organisation_id=org,
                                cluster=cluster,
                                kind=kind,
                                start_date=start,
                                end_date=end,
                                end_reason=reason,
                                fee_status=FeeStatus.EXEMPT
                                if kind == MembershipKind.PROVISIONAL
                                else rng.choice(fees),
                                project=project,
                                agreement_signed_on=start
                                if kind == MembershipKind.PROVISIONAL
                                else None,
                            )
                            if converted:
                                second.append((membership, previous))
                            else:
                                first.append(membership)
                            previous = membership
                            made += 1
                save_all(Membership, first)
                for membership, provisional in second:
                    membership.converted_from_id = provisional.pk
                save_all(Membership, [m for m, _provisional in second])
                for membership in [*first, *(m for m, _p in second)]:
                    self.member_of.setdefault(membership.organisation_id, []).append(
                        (membership.start_date, membership.pk)
                    )
                if made >= total:
                    break
        for starts in self.member_of.values():
            starts.sort()
        self.counts["memberships"] = made
        self.say(f"{made:,} memberships of {len(self.member_of):,} organisations")

    def activities(self):
        rng, count = self.rng, self.n["activities"]
        activities = []
        for _ in range(count):
            cluster = self.random_cluster()
            day = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
            service = rng.choice(self.cluster_services[cluster.pk] + [None])
            activities.append(
                Activity(
                    cluster=cluster,
                    service_id=service,
                    title=f"Jornada de {rng.choice(FIELDS)} en {rng.choice(NEW_DISTRICTS)}",
                    date=day,
                    attendees=rng.randint(8, 150),
                    is_international=rng.random() < 0.1,
                    description="Encuentro de empresas socias, centros y universidad.",
                )
            )
        save_all(Activity, activities)
        partners, participants = [], []
        for activity in activities:
            if rng.random() < 0.2:
                drawn = {self.random_cluster() for _ in range(rng.randint(1, 2))}
                others = drawn - {activity.cluster}
                partners.extend((activity.pk, c.pk) for c in sorted(others, key=lambda c: c.pk))
            for org in rng.sample(self.org_pks, min(len(self.org_pks), rng.randint(3, 10))):
                participants.append((activity.pk, org))
        link_pairs(Activity, "partner_clusters", partners)
        link_pairs(Activity, "participants", participants)
        self.counts["activities"] = count
        self.say(f"{count:,} activities, {len(participants):,} participations")
