"""Who takes part in the calls: the applicant organisations, their
representatives, the evaluators, and what their applications say."""

import unicodedata
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import Role
from clusters.models import Organisation, name_key
from demo.clusters.data import DISTRICT_OF, INSTITUTIONS
from demo.common import acting, at, tax_id
from demo.grant_calls.data import (
    APPLICANT_ORGANISATION,
    APPLICATIONS,
    EVALUATORS,
    KIND_INTRO,
    NEW_ORGANISATIONS,
    ORGANISATIONS,
    PROFILES,
)
from demo.timeline import on, year
from districts.models import District


def _username(first, last, taken):
    plain = unicodedata.normalize("NFKD", f"{first.split()[0]}.{last.split()[0]}")
    base = plain.encode("ascii", "ignore").decode().lower()
    username, n = base, 1
    while username in taken:
        n += 1
        username = f"{base}{n}"
    taken.add(username)
    return username


# --- organisations and people ---------------------------------------------------------


def applicant_organisations(rng):
    """The organisations that apply, by key: the demo ones seed_clusters made, and those
    that are missing created with a valid CIF in their district."""
    districts = {d.slug: d for d in District.objects.all()}
    rows = {row[0]: row[:6] for row in INSTITUTIONS} | {row[0]: row for row in NEW_ORGANISATIONS}
    used = set(Organisation.objects.exclude(tax_id="").values_list("tax_id", flat=True))
    names = [name for _key, name, _kind, _rep in ORGANISATIONS]
    existing = {
        o.name_key: o for o in Organisation.objects.filter(name_key__in=map(name_key, names))
    }
    by_key = {}
    for key, name, _kind, _rep in ORGANISATIONS:
        organisation = existing.get(name_key(name))
        if organisation is None:
            _name, short, helix, letter, town, nace = rows[name]
            organisation = Organisation(
                legal_name=name,
                short_name=short,
                tax_id=tax_id(rng, letter, used),
                helix_type=helix,
                district=districts[DISTRICT_OF[town]],
                municipality=town,
                nace_code=nace,
                website=f"https://{slugify(short or name)[:50]}.example.org",
            )
            organisation.full_clean()
            organisation.save()
        by_key[key] = organisation
    return by_key


def create_user(username, first_name, last_name, role, password, joined, domain="cpo", **fields):
    user = User.objects.create(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@{domain}.example.org",
        password=password,
        date_joined=joined,
        **fields,
    )
    user.groups.add(Group.objects.get(name=role.value))
    return user


def create_representatives(organisations, applicant, coordinator):
    """The person who applied for each organisation, with a portal account tied to it
    (the demo user `applicant` for hers). Only `applicant` has the demo password."""
    taken = set(User.objects.values_list("username", flat=True))
    first_submission = {}
    for _district, key, *_rest, submitted in APPLICATIONS:
        first_submission[key] = min(first_submission.get(key, submitted), submitted)
    people = {}
    for key, _name, _kind, person in ORGANISATIONS:
        if person is None:
            continue
        joined = at(on(*first_submission[key][:3]) - timedelta(days=12), 9, 30)
        first, last = person
        with acting(coordinator, joined, dated=(User,)):
            people[key] = create_user(
                _username(first, last, taken),
                first,
                last,
                Role.APPLICANT,
                make_password(None),
                joined,
                domain=key,
                organisation=organisations[key],
            )
    if applicant.organisation != organisations[APPLICANT_ORGANISATION]:
        applicant.organisation = organisations[APPLICANT_ORGANISATION]
        applicant.save(update_fields=["organisation"])
    people[APPLICANT_ORGANISATION] = applicant
    return people


def create_evaluators(password, coordinator):
    appointed = at(on(2024, 9, 1), 12)
    evaluators = []
    for username, first, last, _bias in EVALUATORS:
        with acting(coordinator, appointed, dated=(User,)):
            evaluators.append(
                create_user(username, first, last, Role.EVALUATOR, password, appointed)
            )
    return evaluators


# --- texts of an application ----------------------------------------------------------


def statements_of(criteria, district, kind, organisation, broker, degree, years, quality):
    towns, sectors, needs, centres, clusters = PROFILES[district.slug]
    texts = [
        f"{KIND_INTRO[kind]}. {broker} lleva {years} años trabajando en {district.name} y "
        f"conoce a las empresas de {towns}: {sectors}.",
        f"Partimos del diagnóstico de necesidades de las empresas de la comarca que "
        f"{organisation} actualizó en {year(2024)}: {needs}.",
        f"{broker} tiene titulación en {degree} y conoce los grupos de investigación de la "
        f"Universidad de Cantabria y los servicios de {centres}.",
        "Experiencia en la tramitación de ayudas de SODERCAN, del CDTI, del Kit Digital y de "
        "los programas europeos para empresas de la comarca.",
        f"Relación estable con ayuntamientos, asociaciones y empresas de {district.name}, con "
        f"los clústeres {clusters} y con la OTRI de la Universidad de Cantabria.",
        f"{broker} ha organizado jornadas y encuentros con empresas; llegará a ellas con "
        "visitas, un boletín mensual y las redes sociales.",
    ]
    if quality < 7:  # weaker applications say less about what matters most
        texts[2] = (
            f"{broker} tiene titulación en {degree}; conocerá la oferta de la Universidad de "
            f"Cantabria y de {centres} en los primeros meses."
        )
        texts[3] = "Ha informado a empresas y vecinos de las ayudas municipales y regionales."
    return dict(zip(criteria, texts, strict=True))


def work_plan_of(district, rng):
    towns, sectors, needs, centres, _clusters = PROFILES[district.slug]
    visits = rng.choice([30, 40, 45, 50, 60])
    return (
        f"Meses 1 a 3: presentación del agente en {towns} y visita a {visits} empresas "
        f"({sectors}).\n"
        f"Meses 2 a 4: diagnóstico de necesidades de innovación ({needs}) y mapa de las "
        f"capacidades de la Universidad de Cantabria y de {centres} útiles para la comarca.\n"
        f"Desde el mes 4: {rng.randint(12, 25)} servicios al mes a empresas: contactos con la "
        "universidad y los centros tecnológicos, asesoramiento sobre ayudas y difusión de "
        "convocatorias.\n"
        f"Dos cursos para empresas de la comarca al año, sobre las carencias que detecte el "
        "diagnóstico.\n"
        "Reuniones bimestrales de la Red e informe trimestral de actividad a la DGIDTEI."
    )
