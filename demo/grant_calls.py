"""Demo grant calls of the Network of Innovation Brokers (strategy, section 4.2).

Written, as the whole demo, as if seeded in 2026 and moved whole to the year of seeding
Y by demo.timeline: below, 2024 reads Y - 2, 2025 Y - 1 and 2026 Y.

One resolved call, CINB-2024, for the 10 districts: published in September 2024, closed
on 31 October, evaluated in November and resolved in December. 19 applications from
chambers of commerce, local action groups for rural development, business associations,
town councils and the directorate itself (DGIDTEI), each submitted by the
organisation's representative; eligibility checked (one application ineligible: its
broker is already publicly funded for the same work), a conflict of interest declared
by one evaluator, scores from three evaluators, one host organisation selected per
district (in Trasmiera the second-ranked, with the reason), 10 grant agreements at
EUR 3,500 a month for 24 months from 1 January 2025, the whole of Y - 1 and of Y
(EUR 840,000, the call's budget: EUR 420,000 a year), a broker account per district
(`broker` is Besaya's) and the monthly payments up to the day of seeding. Besides, an
open call for 2027 and 2028 in the three districts whose host organisations leave when
their agreements end, where the demo user `applicant` has a draft application, and the
draft of the next general call, for 2029 and 2030.

Every step goes through brokers.services, as a person would in the portal: the resolved
call is run while it is open and then dated when it happened, so its transitions,
dates and audit trail read as they would have. Everything derives from a fixed random
seed. Idempotent: once the resolved call exists, whatever the year it was seeded in,
the whole part is skipped.
"""

import random
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import Role
from brokers.models import (
    Application,
    Eligibility,
    EligibilityCheck,
    EligibilityCriterion,
    GrantAgreement,
    GrantCall,
    GrantCallTransition,
    Payment,
    PaymentStatus,
    Review,
    Selection,
)
from brokers.services import (
    STAGES,
    advance,
    check_eligibility,
    create_call,
    declare_interest,
    ranking,
    record_payment,
    save_application,
    select,
    sign_agreement,
    submit_application,
    submit_scores,
)
from clusters.models import HelixType, Organisation, name_key
from demo.clusters import DISTRICT_OF, INSTITUTIONS
from demo.common import acting, tax_id, workday
from demo.people import DEMO_PASSWORD
from demo.timeline import moved, on, year
from districts.models import District

SEED = 420_000
# The references as written; reference() gives them in the year of seeding.
REFERENCE = "CINB-2024"
OPEN_REFERENCE = "CINB-2026-V"
DRAFT_REFERENCE = "CINB-2026-R"
SEEDED = r"^CINB-\d{4}$"  # the resolved call, whatever the year it was seeded in
MONTHLY = Decimal("3500.00")
AGREEMENTS_START = date(2025, 1, 1)
DURATION_MONTHS = 24


def reference(written=REFERENCE):
    """The reference of a demo call (the resolved one unless told), moved to the year
    of seeding."""
    return moved(written)


ELIGIBILITY_CRITERIA = [
    "Entidad legalmente constituida, con sede o delegación en la comarca a la que se presenta",
    "Al corriente de sus obligaciones tributarias y con la Seguridad Social",
    "Agente propuesto con titulación universitaria y al menos tres años de experiencia profesional",
    "Sin otra financiación pública para la misma actividad",
]

PURPOSE = """\
Seleccionar, en cada una de las diez comarcas de Cantabria, una entidad que acoja a un agente \
de innovación durante veinticuatro meses, desde el 1 de enero de 2025, y ponga en marcha la Red \
de Agentes de Innovación prevista en la estrategia regional (apartado 4.2).

La Red quiere llevar la innovación a todo el territorio, sobre todo a las comarcas rurales, \
mediante la colaboración entre la universidad, la industria y la administración. Pueden \
presentarse cámaras de comercio, grupos de acción local de la Red Cántabra de Desarrollo Rural, \
asociaciones empresariales y entidades públicas. La DGIDTEI coordina la Red y puede acoger al \
agente de Santander.

Subvención: hasta 3.500 EUR al mes por entidad durante veinticuatro meses; 840.000 EUR en total, \
420.000 EUR al año. Los convenios pueden prorrogarse una vez, por otros veinticuatro meses."""

EXPECTED_SERVICES = """\
- Casar las necesidades de la industria con la oferta de conocimiento y tecnología de la \
Universidad de Cantabria y de los centros tecnológicos.
- Facilitar el contacto entre los agentes del ecosistema regional de innovación.
- Recoger las necesidades de las empresas y trasladarlas a la universidad, a los centros de \
investigación y a la administración.
- Difundir entre las empresas la oferta de investigación y tecnología.
- Asesorar a las empresas a su medida, también sobre cómo aprovechar los programas de ayudas.
- Difundir convocatorias y oportunidades regionales, nacionales y europeas.
- Detectar carencias de formación y organizar cursos para empresas y trabajadores.
- Compartir buenas prácticas de innovación.
- Participar en las reuniones bimestrales de la Red."""

OPEN_PURPOSE = """\
Cubrir durante veinticuatro meses, desde la firma de los convenios a comienzos de 2027, las \
comarcas de Campoo-Los Valles, Costa Occidental y Liébana, cuyas entidades de acogida han \
comunicado que no prorrogarán sus convenios de la convocatoria CINB-2024 cuando terminen \
(31 de diciembre de 2026); las otras siete los prorrogan para 2027 y 2028.

Mismas condiciones que la convocatoria CINB-2024: hasta 3.500 EUR al mes por entidad; 252.000 \
EUR en total."""

DRAFT_PURPOSE = """\
Segunda convocatoria general de la Red de Agentes de Innovación: una entidad de acogida por \
comarca para 2029 y 2030, cuando terminen las prórrogas de los convenios de la convocatoria \
CINB-2024 y los de las comarcas vacantes, con las medidas correctoras de la evaluación anual \
de la Red (más peso de las comarcas rurales y de los servicios de formación).

Hasta 3.500 EUR al mes por entidad durante veinticuatro meses; 840.000 EUR en total."""

OPEN_DISTRICTS = ["campoo-los-valles", "costa-occidental", "liebana"]

# Organisations that seed_clusters does not create:
# legal name, short name, type, CIF letter, municipality, NACE
NEW_ORGANISATIONS = [
    ("Asociación de Empresarios de Campoo-Los Valles", "AE Campoo", HelixType.ASSOCIATION, "G",
     "Reinosa", "94.11"),
    ("Asociación de Empresarios de la Costa Occidental de Cantabria", "AE Costa Occidental",
     HelixType.ASSOCIATION, "G", "San Vicente de la Barquera", "94.11"),
]  # fmt: skip
APPLICANT_ORGANISATION = "ae-campoo"  # the demo user `applicant` represents it

# key, legal name, kind, the representative who applies (first name, last name)
ORGANISATIONS = [
    ("dgidtei", "Dirección General de Innovación, Desarrollo Tecnológico y Emprendimiento "
     "Industrial", "administration", ("Susana", "Lavín Gutiérrez")),
    ("camara-cantabria", "Cámara Oficial de Comercio, Industria y Navegación de Cantabria",
     "chamber", ("Jaime", "Arce Villegas")),
    ("ceoe", "CEOE-CEPYME Cantabria", "association", ("Mercedes", "Gandarillas Pérez")),
    ("camara-torrelavega", "Cámara Oficial de Comercio e Industria de Torrelavega", "chamber",
     ("Francisco", "Bolado Sierra")),
    ("ae-besaya", "Asociación Empresarial del Besaya", "association",
     ("Rosa María", "Cianca Ortiz")),
    ("adt-campoo", "Asociación de Desarrollo Territorial Campoo-Los Valles", "rural",
     ("Pilar", "Fernández Argüeso")),
    ("ae-campoo", "Asociación de Empresarios de Campoo-Los Valles", "association", None),
    ("ae-costa-occidental", "Asociación de Empresarios de la Costa Occidental de Cantabria",
     "association", ("Julio", "Gómez Noriega")),
    ("ayto-san-vicente", "Ayuntamiento de San Vicente de la Barquera", "council",
     ("Lorena", "Cuétara Sánchez")),
    ("ae-castro", "Asociación de Empresarios de Castro-Urdiales", "association",
     ("Iñigo", "Echevarría Llano")),
    ("ayto-laredo", "Ayuntamiento de Laredo", "council", ("Sonia", "Fernández Vela")),
    ("gal-liebana", "Grupo de Acción Local de Liébana", "rural", ("Ernesto", "Bedoya Campo")),
    ("gal-saja-nansa", "Grupo de Acción Local Saja-Nansa", "rural",
     ("Manuel", "Cossío Bárcena")),
    ("ayto-cabezon", "Ayuntamiento de Cabezón de la Sal", "council",
     ("Teresa", "Sobrino Ruiz")),
    ("gal-ason", "Grupo de Acción Local Asón-Agüera-Trasmiera", "rural",
     ("Carlos", "Ortiz Ruiloba")),
    ("conserveros", "Asociación de Conserveros de Anchoa de Santoña", "association",
     ("Juan Carlos", "Aja Trueba")),
    ("ayto-santona", "Ayuntamiento de Santoña", "council", ("Amaia", "Ruiz Ocejo")),
    ("gal-pasiegos", "Grupo de Acción Local Valles Pasiegos", "rural",
     ("Vanesa", "Ruiz Pereda")),
]  # fmt: skip

# What each kind of organisation does best, per evaluation criterion (territory, needs,
# university and technology offer, grants, contact network, communication).
STRENGTHS = {
    "administration": (0.0, -0.3, 1.4, 1.4, 1.0, -0.4),
    "chamber": (0.0, 0.4, 0.0, 1.0, 1.0, 0.2),
    "association": (0.4, 1.0, -1.0, 0.0, 0.5, 0.0),
    "rural": (1.2, 1.0, -1.0, 0.6, 0.2, 0.3),
    "council": (1.0, 0.0, -1.5, 0.0, -0.6, 0.0),
}

# district slug: municipalities, sectors, needs, centres, clusters
PROFILES = {
    "santander": ("Santander, Camargo, El Astillero y Piélagos",
                  "TIC, biotecnología, economía azul e industria metalmecánica de la bahía",
                  "acceso a talento tecnológico, digitalización y proyectos con la universidad",
                  "el CTC, IH Cantabria, el IDIVAL y el IFCA", "GIRA, Sea of Innovation y MARCA"),
    "besaya": ("Torrelavega, Los Corrales de Buelna, Reocín y Cartes",
               "automoción, forja y mecanizado, química y lácteos",
               "automatización, relevo del personal técnico y eficiencia energética",
               "el CTC y el Laboratorio de Ensayos Industriales del Besaya", "GIRA y CANEX"),
    "campoo-los-valles": ("Reinosa, Campoo de Enmedio y Valderredible",
                          "bienes de equipo y grandes forjas, componentes para la energía y "
                          "agroalimentación",
                          "diversificar la industria pesada, fijar población y formar técnicos",
                          "el CTC y la Escuela de Ingenieros Industriales de la UC",
                          "CINC y GIRA"),
    "costa-occidental": ("San Vicente de la Barquera, Comillas, Valdáliga y Alfoz de Lloredo",
                         "conservas y productos del mar, lácteos, embutidos y turismo",
                         "venta en línea, seguridad alimentaria y transformar la producción "
                         "primaria", "el CIFA y la Universidad Europea del Atlántico",
                         "MARCA y CONSERVEX"),
    "costa-oriental": ("Castro-Urdiales, Laredo y Colindres",
                       "conservas de anchoa, metal y reparación naval, frío industrial y turismo",
                       "automatizar las conserveras, internacionalización y formación técnica",
                       "el CTC e IH Cantabria", "CONSERVEX, Sea of Innovation y CINC"),
    "liebana": ("Potes, Cillorigo de Liébana y Tresviso", "orujo, quesos, miel y turismo rural",
                "comercialización, conectividad y cooperación entre pequeños productores",
                "el CIFA y la Universidad de Cantabria", "MARCA"),
    "saja-nansa": ("Cabezón de la Sal, Cabuérniga, Mazcuerras y Rionansa",
                   "madera, carne de razas autóctonas y componentes metálicos",
                   "dar valor a la madera y a la carne de Tudanca y digitalizar las micropymes",
                   "el CIFA y el CTC", "MARCA y GIRA"),
    "trasmiera": ("Santoña, Noja, Argoños y Medio Cudeyo",
                  "conservas de anchoa, acuicultura, envases metálicos y quesería",
                  "trazabilidad, automatización y relevo generacional en las conserveras",
                  "el Centro de Innovación Pesquera y Conservera de Santoña e IH Cantabria",
                  "MARCA, CONSERVEX y Sea of Innovation"),
    "valles-pasiegos": ("Villacarriedo, Vega de Pas, Selaya y Santa María de Cayón",
                        "lácteos, sobaos y quesadas, cárnicos, agua mineral y madera",
                        "seguridad alimentaria, envases y venta en línea",
                        "el CIFA y la Universidad de Cantabria", "MARCA"),
    "ason-aguera": ("Ramales de la Victoria, Ampuero, Limpias y Rasines",
                    "mecanizado y calderería, mueble y embutidos",
                    "proveedores tecnológicos, formación en industria 4.0 y nuevos mercados",
                    "el CTC y la Escuela de Ingenieros Industriales de la UC", "GIRA y CINC"),
}  # fmt: skip

# district, organisation, proposed broker (first name, last name; None: the demo user
# `broker`), degree, years of experience, quality (0-10), monthly amount, submitted on
APPLICATIONS = [
    ("santander", "dgidtei", ("Laura", "Gutiérrez Bustamante"), "Ingeniería Industrial", 9, 8.3,
     3500, (2024, 10, 29, 11, 40)),
    ("santander", "camara-cantabria", ("Pablo", "Mier Castanedo"),
     "Administración y Dirección de Empresas", 12, 7.0, 3500, (2024, 10, 30, 13, 5)),
    ("santander", "ceoe", ("Nerea", "Sainz Trápaga"), "Economía", 6, 6.2, 3200,
     (2024, 10, 24, 9, 15)),
    ("besaya", "camara-torrelavega", None, "Ingeniería Química", 8, 8.0, 3500,
     (2024, 10, 21, 12, 30)),
    ("besaya", "ae-besaya", ("Héctor", "Calderón Ruiz"), "Ingeniería Técnica Industrial", 5,
     6.3, 3300, (2024, 10, 31, 10, 55)),
    ("campoo-los-valles", "adt-campoo", ("Diego", "Fernández Mantecón"),
     "Geografía y Ordenación del Territorio", 10, 7.9, 3500, (2024, 10, 14, 10, 20)),
    ("campoo-los-valles", "ae-campoo", ("Alicia", "Ruiz Gil"), "Relaciones Laborales", 4, 6.0,
     3000, (2024, 10, 31, 13, 42)),
    ("costa-occidental", "ae-costa-occidental", ("Rubén", "Pombo Celis"),
     "Ciencia y Tecnología de los Alimentos", 7, 7.8, 3500, (2024, 10, 27, 16, 10)),
    ("costa-occidental", "ayto-san-vicente", ("Clara", "Linares Díaz"), "Turismo", 6, 5.6, 3250,
     (2024, 10, 30, 9, 35)),
    ("costa-oriental", "ae-castro", ("Itziar", "Salazar Ruiz"), "Ingeniería Mecánica", 8, 7.7,
     3500, (2024, 10, 22, 12, 0)),
    ("costa-oriental", "ayto-laredo", ("Patricia", "Incera Ortiz"), "Economía", 11, 6.8, 3500,
     (2024, 10, 28, 10, 5)),
    ("liebana", "gal-liebana", ("Marcos", "Rábago Briz"), "Ingeniería Agronómica", 7, 7.6, 3500,
     (2024, 10, 8, 11, 25)),
    ("saja-nansa", "gal-saja-nansa", ("Lidia", "Pacheco Terán"), "Ingeniería de Montes", 9, 8.0,
     3500, (2024, 10, 17, 13, 50)),
    ("saja-nansa", "ayto-cabezon", ("Adrián", "Sánchez Bárcena"), "Derecho", 4, 5.4, 3100,
     (2024, 10, 31, 12, 18)),
    ("trasmiera", "gal-ason", ("Olga", "Gándara Ruiz"), "Ciencias Ambientales", 8, 8.5, 3500,
     (2024, 10, 20, 10, 45)),
    ("trasmiera", "conserveros", ("Iván", "Lastra Hoz"), "Ciencias del Mar", 6, 7.6, 3500,
     (2024, 10, 29, 17, 20)),
    ("trasmiera", "ayto-santona", ("Noelia", "Ribas Gómez"), "Biología", 3, 5.5, 3000,
     (2024, 10, 31, 11, 3)),
    ("valles-pasiegos", "gal-pasiegos", ("Jesús", "Abascal Cayón"), "Veterinaria", 10, 7.9,
     3500, (2024, 10, 9, 12, 40)),
    ("ason-aguera", "gal-ason", ("Eva", "Carral Ortiz"), "Ingeniería Industrial", 7, 8.2, 3500,
     (2024, 10, 20, 10, 30)),
]  # fmt: skip

# The host organisation selected in each district.
SELECTED = {
    "santander": "dgidtei",
    "besaya": "camara-torrelavega",
    "campoo-los-valles": "adt-campoo",
    "costa-occidental": "ae-costa-occidental",
    "costa-oriental": "ae-castro",
    "liebana": "gal-liebana",
    "saja-nansa": "gal-saja-nansa",
    "trasmiera": "conserveros",
    "valles-pasiegos": "gal-pasiegos",
    "ason-aguera": "gal-ason",
}
# Trasmiera's top-ranked application is the local action group's, selected in Asón-Agüera.
TRASMIERA_REASON = (
    "El Grupo de Acción Local Asón-Agüera-Trasmiera, primero en Trasmiera y en Asón-Agüera, "
    "comunicó por escrito el 1 de diciembre de 2024 que con su estructura solo puede acoger "
    "a uno de los dos agentes y ha optado por Asón-Agüera. Se selecciona la siguiente "
    "solicitud de Trasmiera."
)
INELIGIBLE = ("costa-oriental", "ayto-laredo")
INELIGIBLE_NOTE = (
    "La agente propuesta ocupa el puesto de Agente de Empleo y Desarrollo Local del "
    "Ayuntamiento, subvencionado por el Servicio Cántabro de Empleo para las mismas funciones "
    "de dinamización empresarial."
)
CONFLICT = ("besaya", "camara-torrelavega")  # evaluator2 worked there until 2023

# username, first name, last name, bias of their scores
EVALUATORS = [
    ("evaluator2", "Silvia", "Obregón Mier", 0.3),
    ("evaluator3", "Gonzalo", "Peña Trueba", -0.4),
]

LOW_SCORE_COMMENTS = [
    "El agente propuesto apenas ha trabajado en la comarca.",
    "No aporta un diagnóstico propio de las necesidades de las empresas.",
    "Apenas menciona la oferta de la Universidad de Cantabria y de los centros tecnológicos.",
    "Experiencia en ayudas limitada a subvenciones municipales.",
    "Red de contactos centrada en el ámbito municipal, con pocos vínculos con empresas y centros.",
    "La propuesta no concreta cómo llegará a las empresas.",
]

KIND_INTRO = {
    "administration": "La Dirección General coordina la política regional de innovación",
    "chamber": "La Cámara presta sus servicios a las empresas de la comarca",
    "association": "La asociación agrupa a empresas de la comarca",
    "rural": "El grupo de acción local gestiona las ayudas LEADER de la comarca",
    "council": "El Ayuntamiento atiende a las empresas desde su Agencia de Desarrollo Local",
}


# --- who did it, and when -------------------------------------------------------------


def _copy_to_history(model, history, field):
    """Give the history rows the value a field has now in their record (set by .update())."""
    live = model.objects.filter(pk=OuterRef("id")).values(field)[:1]
    history.update(**{field: Subquery(live)})


def _at(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _next_month(day):
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


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


def _organisations(rng):
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


def _create_user(username, first_name, last_name, role, password, joined, domain="cpo", **fields):
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


def _representatives(organisations, applicant, coordinator):
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
        joined = _at(on(*first_submission[key][:3]) - timedelta(days=12), 9, 30)
        first, last = person
        with acting(coordinator, joined, dated=(User,)):
            people[key] = _create_user(
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


def _evaluators(password, coordinator):
    appointed = _at(on(2024, 9, 1), 12)
    evaluators = []
    for username, first, last, _bias in EVALUATORS:
        with acting(coordinator, appointed, dated=(User,)):
            evaluators.append(
                _create_user(username, first, last, Role.EVALUATOR, password, appointed)
            )
    return evaluators


# --- texts of an application ----------------------------------------------------------


def _statements(criteria, district, kind, organisation, broker, degree, years, quality):
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


def _work_plan(district, rng):
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


# --- the resolved call ----------------------------------------------------------------


def _new_call(coordinator, when, districts, **fields):
    with acting(coordinator, when, dated=(GrantCall,)):
        call = create_call(call=GrantCall(**fields), by=coordinator)
        call.districts.set(districts)
        EligibilityCriterion.objects.bulk_create(
            EligibilityCriterion(call=call, text=text, position=position)
            for position, text in enumerate(ELIGIBILITY_CRITERIA)
        )
    return call


def _advance(call, stage, by, when, comment=""):
    with acting(by, when, dated=(GrantCall,)):
        record = advance(call=call, stage=STAGES[stage], by=by, comment=comment)
    GrantCallTransition.objects.filter(pk=record.pk).update(at=when)
    call.refresh_from_db()
    return record


def _apply(call, rng, organisations, kinds, representatives, broker_user):
    """Save and submit every application while the call is open; return them by
    (district slug, organisation key)."""
    districts = {d.slug: d for d in District.objects.all()}
    criteria = list(call.evaluation_criteria.all())
    applications = {}
    for row in sorted(APPLICATIONS, key=lambda row: row[-1]):
        district_slug, key, person, degree, years, quality, amount, submitted = row
        district = districts[district_slug]
        broker = broker_user.get_full_name() if person is None else " ".join(person)
        submitted_at = _at(on(*submitted[:3]), *submitted[3:])
        saved_on = on(*submitted[:3]) - timedelta(days=rng.randint(2, 9))
        while saved_on.weekday() >= 5:  # drafted on a working day before submitting
            saved_on -= timedelta(days=1)
        saved_at = _at(saved_on, rng.randint(9, 18), rng.choice([0, 10, 25, 40, 55]))
        rep = representatives[key]
        with acting(rep, saved_at, dated=(Application,)):
            application = save_application(
                application=Application(
                    call=call,
                    district=district,
                    organisation=organisations[key],
                    created_by=rep,
                    broker_name=broker,
                    requested_monthly_amount=Decimal(amount),
                    work_plan=_work_plan(district, rng),
                ),
                statements=_statements(
                    criteria,
                    district,
                    kinds[key],
                    organisations[key],
                    broker,
                    degree,
                    years,
                    quality,
                ),
            )
        with acting(rep, submitted_at, dated=(Application,)):
            submit_application(application=application)
        Application.objects.filter(pk=application.pk).update(submitted_at=submitted_at)
        Application.history.filter(id=application.pk).exclude(submitted_at=None).update(
            submitted_at=submitted_at
        )
        application.refresh_from_db()
        applications[district_slug, key] = application
    return applications


def _eligibility(call, applications, evaluator, rng, evaluated_on):
    """Checked from the working day after the evaluation started; returns the last day."""
    criteria = list(call.eligibility_criteria.all())
    day = evaluated_on + timedelta(days=1)
    for (district_slug, key), application in sorted(applications.items()):
        row = next(r for r in APPLICATIONS if (r[0], r[1]) == (district_slug, key))
        degree, years = row[3], row[4]
        organisation = application.organisation
        seat = f"Sede en {organisation.municipality}"
        if organisation.district_id != application.district_id:
            seat += f"; delegación en {PROFILES[district_slug][0].split(',')[0]}"
        notes = [
            f"{seat}.",
            "Certificados de la AEAT y de la TGSS vigentes.",
            f"Titulación en {degree}; {years} años de experiencia según la vida laboral.",
            "Declaración responsable aportada.",
        ]
        results = {criterion: (True, note) for criterion, note in zip(criteria, notes, strict=True)}
        if (district_slug, key) == INELIGIBLE:
            results[criteria[3]] = (False, INELIGIBLE_NOTE)
        day = workday(day)
        checked_at = _at(day, rng.randint(9, 13), rng.choice([0, 15, 30, 45]))
        with acting(evaluator, checked_at, dated=(Application,)):
            check_eligibility(application=application, results=results, by=evaluator)
        EligibilityCheck.objects.filter(application=application).update(checked_at=checked_at)
        application.refresh_from_db()
        day += timedelta(days=rng.choice([0, 1]))
    checks = EligibilityCheck.history.filter(
        application_id__in=[a.pk for a in applications.values()]
    )
    _copy_to_history(EligibilityCheck, checks, "checked_at")
    checks.update(history_date=F("checked_at"))
    return checked_at.date()


def _reviews(call, applications, evaluators, kinds, rng, checked_on):
    """Each evaluator declares and scores every eligible application once all are
    checked (the weekdays move with the year); evaluator2 has a conflict with one.
    Returns the number of conflicts."""
    criteria = list(call.evaluation_criteria.all())
    biases = [0.0] + [bias for *_names, bias in EVALUATORS]
    quality = {(row[0], row[1]): row[5] for row in APPLICATIONS}
    conflicts = 0
    for evaluator, bias, first_day in zip(
        evaluators,
        biases,
        [on(2024, 11, 17), on(2024, 11, 18), on(2024, 11, 19)],
        strict=True,
    ):
        day = max(first_day, checked_on + timedelta(days=1))
        for (district_slug, key), application in sorted(applications.items()):
            if application.eligibility != Eligibility.ELIGIBLE:
                continue
            declared_at = _at(workday(day), rng.randint(9, 16), rng.choice([0, 20, 40]))
            conflict = evaluator.username == "evaluator2" and (district_slug, key) == CONFLICT
            with acting(evaluator):
                review = declare_interest(
                    application=application, evaluator=evaluator, has_conflict=conflict
                )
            if conflict:
                Review.objects.filter(pk=review.pk).update(declared_at=declared_at)
                conflicts += 1
                continue
            scores = {}
            for criterion, strength in zip(criteria, STRENGTHS[kinds[key]], strict=True):
                value = quality[district_slug, key] + strength + bias + rng.gauss(0, 0.6)
                score = max(0, min(criterion.max_score, round(value)))
                comment = LOW_SCORE_COMMENTS[criterion.position] if score * 2 < 10 else ""
                scores[criterion] = (score, comment)
            submitted_at = declared_at + timedelta(minutes=rng.randint(25, 70))
            with acting(evaluator):
                submit_scores(review=review, scores=scores)
            Review.objects.filter(pk=review.pk).update(
                declared_at=declared_at, submitted_at=submitted_at
            )
            day += timedelta(days=rng.choice([0, 0, 1]))
    # The declaration's history row is dated when declared, the scores' when submitted.
    history = Review.history.filter(application__call=call)
    _copy_to_history(Review, history, "declared_at")
    _copy_to_history(Review, history.exclude(submitted_at=None), "submitted_at")
    history.filter(submitted_at=None).update(history_date=F("declared_at"))
    history.exclude(submitted_at=None).update(history_date=F("submitted_at"))
    return conflicts


def _select(call, applications, coordinator):
    ranked = ranking(call)
    selections = {}
    for district, rows in ranked.items():
        chosen = applications[district.slug, SELECTED[district.slug]]
        top = rows[0].application
        reason = ""
        if top != chosen:
            if district.slug != "trasmiera":
                raise AssertionError(f"the demo scores put another application first in {district}")
            reason = moved(TRASMIERA_REASON)
        elif district.slug == "trasmiera":
            raise AssertionError("the demo scores should put the local action group first")
        selected_at = _at(workday(on(2024, 12, 10)), 10, len(selections) * 3)
        with acting(coordinator, selected_at, dated=(Selection,)):
            selection = select(application=chosen, by=coordinator, reason=reason)
        Selection.objects.filter(pk=selection.pk).update(selected_at=selected_at)
        Selection.history.filter(id=selection.pk).update(selected_at=selected_at)
        selections[district.slug] = selection
    return selections


def _agreements(call, selections, coordinator, besaya_broker, password):
    taken = set(User.objects.values_list("username", flat=True))
    start = moved(AGREEMENTS_START)
    agreements = []
    for n, (slug, selection) in enumerate(sorted(selections.items())):
        signed_at = _at(workday(on(2024, 12, 15) + timedelta(days=n // 2)), 11 + n % 2 * 2)
        if slug == "besaya":
            broker = besaya_broker
        else:
            username = f"broker_{slug.replace('-', '_')}"
            if username in taken:
                raise AssertionError(f"{username} already exists")
            first, last = next(r[2] for r in APPLICATIONS if (r[0], r[1]) == (slug, SELECTED[slug]))
            with acting(coordinator, signed_at, dated=(User,)):
                broker = _create_user(
                    username,
                    first,
                    last,
                    Role.INNOVATION_BROKER,
                    password,
                    signed_at,
                    district=selection.district,
                )
        with acting(coordinator, signed_at, dated=(GrantAgreement,)):
            agreement = sign_agreement(
                selection=selection, start_date=start, by=coordinator, broker=broker
            )
        GrantAgreement.objects.filter(pk=agreement.pk).update(signed_at=signed_at)
        GrantAgreement.history.filter(id=agreement.pk).update(signed_at=signed_at)
        agreements.append(agreement)
    return agreements


def _payments(agreements, coordinator, today):
    """Paid around the 10th of the following month for every month before this one;
    this month's pending."""
    count = 0
    month = agreements[0].start_date
    this_month = today.replace(day=1)
    while month <= this_month and month <= agreements[0].end_date:
        paid_on = min(workday(_next_month(month).replace(day=10)), today)
        when = _at(paid_on, 12) if month < this_month else timezone.now()
        with acting(coordinator, when, dated=(Payment,)):
            for agreement in agreements:
                record_payment(
                    agreement=agreement,
                    month=month,
                    paid_on=paid_on if month < this_month else None,
                )
                count += 1
        month = _next_month(month)
    return count


def _resolved_call(rng, people, organisations, evaluators, now):
    coordinator = people["coordinator"]
    kinds = {key: kind for key, _name, kind, _rep in ORGANISATIONS}
    # Run while open (the services refuse applications otherwise), then dated in 2024.
    # The steps of the office fall on working days, which move with the year.
    call = _new_call(
        coordinator,
        _at(on(2024, 9, 1), 11),
        District.objects.all(),
        reference=reference(),
        title=moved("Convocatoria de agentes de innovación 2025-2026"),
        purpose=moved(PURPOSE),
        expected_services=EXPECTED_SERVICES,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        total_budget=Decimal("840000"),
        max_monthly_grant=MONTHLY,
        duration_months=DURATION_MONTHS,
    )
    call.evaluators.set(evaluators)
    _advance(
        call,
        "publish",
        coordinator,
        _at(workday(on(2024, 9, 12)), 12),
        moved(
            "Extracto publicado en el Boletín Oficial de Cantabria: plazo del 15 de septiembre "
            "al 31 de octubre de 2024."
        ),
    )
    applications = _apply(
        call, rng, organisations, kinds, people["representatives"], people["broker"]
    )
    opens_at, closes_at = _at(on(2024, 9, 15), 9), _at(on(2024, 10, 31), 14)
    GrantCall.objects.filter(pk=call.pk).update(opens_at=opens_at, closes_at=closes_at)
    GrantCall.history.filter(id=call.pk).update(opens_at=opens_at, closes_at=closes_at)
    call.refresh_from_db()
    _advance(call, "close", None, closes_at)
    evaluated_on = workday(on(2024, 11, 4))
    _advance(
        call,
        "evaluate",
        coordinator,
        _at(evaluated_on, 9, 30),
        f"{len(applications)} solicitudes presentadas en plazo.",
    )
    checked_on = _eligibility(call, applications, people["evaluator"], rng, evaluated_on)
    conflicts = _reviews(call, applications, evaluators, kinds, rng, checked_on)
    selections = _select(call, applications, coordinator)
    _advance(
        call,
        "resolve",
        coordinator,
        _at(workday(on(2024, 12, 12)), 13),
        moved(
            "Resolución publicada en el Boletín Oficial de Cantabria: diez entidades de acogida, "
            "una por comarca, 840.000 EUR para 2025 y 2026."
        ),
    )
    return call, applications, selections, conflicts


# --- the open call and the draft ------------------------------------------------------


def _open_call(people, evaluators, today, rng):
    coordinator, applicant = people["coordinator"], people["applicant"]
    districts = District.objects.filter(slug__in=OPEN_DISTRICTS)
    call = _new_call(
        coordinator,
        _at(today - timedelta(days=14), 12),
        districts,
        reference=reference(OPEN_REFERENCE),
        title=moved("Convocatoria de agentes de innovación — vacantes 2027-2028"),
        purpose=moved(OPEN_PURPOSE),
        expected_services=EXPECTED_SERVICES,
        opens_at=_at(today - timedelta(days=7), 9),
        closes_at=_at(today + timedelta(days=42), 14),
        total_budget=Decimal("252000"),
        max_monthly_grant=MONTHLY,
        duration_months=DURATION_MONTHS,
    )
    call.evaluators.set([evaluators[0], evaluators[2]])
    _advance(
        call,
        "publish",
        coordinator,
        _at(today - timedelta(days=8), 12),
        "Extracto publicado en el Boletín Oficial de Cantabria.",
    )
    district = districts.get(slug="campoo-los-valles")
    # The association that lost in 2024 tries again with the same broker, two years on.
    _slug, _key, person, degree, years, quality, _amount, _submitted = next(
        row for row in APPLICATIONS if row[1] == APPLICANT_ORGANISATION
    )
    broker = " ".join(person)
    statements = _statements(
        list(call.evaluation_criteria.all()),
        district,
        "association",
        applicant.organisation,
        broker,
        degree,
        years + 2,
        quality,
    )
    drafted = dict(list(statements.items())[:4])  # two requirements still to write
    with acting(applicant, _at(today - timedelta(days=2), 17, 20), dated=(Application,)):
        save_application(
            application=Application(
                call=call,
                district=district,
                organisation=applicant.organisation,
                created_by=applicant,
                broker_name=broker,
                requested_monthly_amount=MONTHLY,
                work_plan=_work_plan(district, rng),
            ),
            statements=drafted,
        )
    return call


def _draft_call(coordinator, today):
    return _new_call(
        coordinator,
        _at(today - timedelta(days=5), 11),
        District.objects.all(),
        reference=reference(DRAFT_REFERENCE),
        title=moved("Convocatoria de agentes de innovación 2029-2030"),
        purpose=moved(DRAFT_PURPOSE),
        expected_services=EXPECTED_SERVICES,
        opens_at=_at(on(2028, 9, 15), 9),
        closes_at=_at(on(2028, 10, 31), 14),
        total_budget=Decimal("840000"),
        max_monthly_grant=MONTHLY,
        duration_months=DURATION_MONTHS,
    )


# --- all together ---------------------------------------------------------------------


@transaction.atomic
def seed_grant_calls(stdout):
    """Create the demo grant calls and everything around them unless they already exist."""
    if GrantCall.objects.filter(reference__regex=SEEDED).exists():
        stdout.write("  grant calls: already seeded, left as they are")
        return
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=["coordinator", "evaluator", "broker", "applicant"]
        )
    }
    if len(people) < 4:
        stdout.write("  grant calls: skipped, the demo people are missing")
        return
    today, now = timezone.localdate(), timezone.now()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    password = make_password(DEMO_PASSWORD)  # hashed once: the same for every demo account
    coordinator = people["coordinator"]
    organisations = _organisations(random.Random(SEED + 1))  # noqa: S311
    people["representatives"] = _representatives(organisations, people["applicant"], coordinator)
    evaluators = [people["evaluator"], *_evaluators(password, coordinator)]

    call, applications, selections, conflicts = _resolved_call(
        rng, people, organisations, evaluators, now
    )
    agreements = _agreements(call, selections, coordinator, people["broker"], password)
    payments = _payments(agreements, coordinator, today)
    _open_call(people, evaluators, today, rng)
    _draft_call(coordinator, today)

    ineligible = sum(1 for a in applications.values() if a.eligibility == Eligibility.INELIGIBLE)
    paid = Payment.objects.filter(agreement__call=call, status=PaymentStatus.PAID).count()
    committed = sum(a.total for a in agreements)
    stdout.write(
        f"  grant calls: 3 calls ({call.reference} resolved, {reference(OPEN_REFERENCE)} open, "
        f"{reference(DRAFT_REFERENCE)} draft); {len(applications)} applications to "
        f"{call.reference} ({len(applications) - ineligible} eligible, {ineligible} "
        f"ineligible), {conflicts} conflict of interest, {len(selections)} selections, "
        f"{len(agreements)} agreements from {agreements[0].start_date} to "
        f"{agreements[0].end_date} committing EUR {committed:,.0f} (EUR "
        f"{committed * 12 / DURATION_MONTHS:,.0f} a year), {payments} payments ({paid} paid); "
        f"broker accounts broker and broker_<district>, evaluators evaluator2 and evaluator3"
    )
