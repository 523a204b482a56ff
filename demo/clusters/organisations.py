"""The region's organisations and its cluster organisations with their
services."""

from datetime import timedelta

from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from clusters.models import (
    ClusterLabel,
    ClusterOrganisation,
    ClusterService,
    ClusterStatus,
    DevelopmentStage,
    HelixType,
    LabelLevel,
    NetworkParticipation,
    Organisation,
    SizeClass,
    name_key,
)
from demo.clusters.data import (
    CLUSTERS,
    COMPANIES,
    DISTRICT_OF,
    INSTITUTIONS,
    NETWORKS,
    SECTORS_EN,
    SERVICES,
    STRATEGY,
)
from demo.common import tax_id
from demo.timeline import moved, on
from districts.models import District


def _website(name):
    base = name.split(",")[0]
    return f"https://{slugify(base)[:50].strip('-')}.example.org"


def create_organisations(rng):
    """Create the demo organisations that are missing; return them all by legal name."""
    districts = {d.slug: d for d in District.objects.all()}
    used = set(Organisation.objects.exclude(tax_id="").values_list("tax_id", flat=True))
    existing = {o.name_key: o for o in Organisation.objects.all()}
    rows = [
        (name, short, helix, "", letter, town, nace, tags)
        for name, short, helix, letter, town, nace, tags in INSTITUTIONS
    ] + [
        (name, "", HelixType.COMPANY, size, "A" if name.endswith("S.A.") else "B", town, nace, tags)
        for name, size, town, nace, tags in COMPANIES
    ]
    new, by_name, tags_of = [], {}, {}
    for name, short, helix, size, letter, town, nace, tags in rows:
        cif = tax_id(rng, letter, used)  # drawn for every row, so the sequence is stable
        with_site = helix != HelixType.COMPANY or size != SizeClass.MICRO or rng.random() < 0.5
        tags_of[name] = tags.split()
        key = name_key(name)
        if key in existing:
            by_name[name] = existing[key]
            continue
        org = Organisation(
            legal_name=name,
            short_name=short,
            name_key=key,
            tax_id=cif,
            helix_type=helix,
            size_class=size,
            district=districts[DISTRICT_OF[town]],
            municipality=town,
            nace_code=nace,
            website=_website(name) if with_site else "",
        )
        new.append(org)
        by_name[name] = org
    bulk_create_with_history(new, Organisation, batch_size=500)
    return by_name, tags_of, len(new)


def create_clusters(today, manager):
    clusters, strategy = {}, moved(STRATEGY)
    for key, acronym, name, slug, kind, sector, ris3, founded, _leavers in moved(CLUSTERS):
        clusters[key] = ClusterOrganisation.objects.create(
            name=name,
            acronym=acronym,
            slug=slug,
            kind=kind,
            sector=sector,
            sector_en=SECTORS_EN[key],
            ris3_priority=ris3,
            development_stage=DevelopmentStage.IMMATURE,
            founded_on=founded,
            status=ClusterStatus.ACTIVE,
            website=f"https://{slug.replace('-', '')}.example.org",
            cluster_manager=manager if key == "gira" else None,
            strategy=strategy[key],
            esca_benchmarked_on={
                "gira": today - timedelta(days=640),
                "sea": today - timedelta(days=130),
                "cinc": on(2023, 5, 10),
            }.get(key),
            eccp_profile_url=(
                f"https://eccp.example.org/cluster-organisations/{slug}"
                if key in ("gira", "cinc", "sea")
                else ""
            ),
        )
    # Bronze labels last two years: GIRA's expires within the year, Sea of Innovation's later.
    for key, awarded_days_ago in (("gira", 610), ("sea", 90)):
        awarded = today - timedelta(days=awarded_days_ago)
        ClusterLabel.objects.create(
            cluster=clusters[key],
            level=LabelLevel.BRONZE,
            awarded_on=awarded,
            expires_on=awarded + timedelta(days=730),
        )
    for key, network, joined, left in moved(NETWORKS):
        NetworkParticipation.objects.create(
            cluster=clusters[key], network=network, joined_on=joined, left_on=left
        )
    services = {}
    for key, rows in SERVICES.items():
        for kind, title, description, audience in rows:
            services[key, kind] = ClusterService.objects.create(
                cluster=clusters[key],
                kind=kind,
                title=title,
                description=description,
                audience=audience,
            )
    return clusters, services
