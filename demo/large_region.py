"""A large region on demand, about twenty times the demo, for the benchmarks (issue 8).

`python manage.py seed_demo --scale large` seeds the regular demo first (it is
idempotent, so an existing demo is left as it is) and then ADDS this region to it:
the demo's people (director, broker, …) log in to a portal twenty times fuller.
The region's records are its own: its clusters, organisations, brokers, calls and
programme never mix with the demo's, so the demo stays exactly as it is seeded.

At records=1 (the default) the region is:

- 50 districts: the ten of the migrations and 40 more; 50 innovation brokers, one
  per district (lr-broker-01 … lr-broker-50), and the people who record the rest:
  lr-director (office staff), lr-coordinator, lr-official, lr-evaluator-1 … 3,
  lr-manager-01 … 25 (one per cluster) and an lr-applicant-NNNNN per applying
  organisation; all with the demo password, hashed once;
- 25 cluster organisations (20 clusters, 5 export consortia) with labels, networks,
  service catalogue and board; 10,000 organisations of the triple helix with valid
  CIFs; 40,000 memberships over five years (leavers, members who came back,
  provisional partners of 300 joint projects, some converted to full members); 600
  activities;
- 100,000 district service records with 1 to 3 organisations served each (about
  150,000 rows of the many-to-many), on working days, with follow-ups, referrals,
  funding programmes, a few withdrawn; 160 district service offers of the new districts;
- 1,200 industry needs, 400 technology offers, 500 matches, 30 network meetings;
- the programme 2022–2026 of the 25 clusters: 910 budget lines, 5,000 expenditures
  within them, key results; an indicator target per indicator and year;
- 3 grant calls for the 50 districts (2021, 2023, 2025, all resolved) with 400
  applications, selections, agreements with the brokers and monthly payments.

`records` (above 0, at most MAX_RECORDS) multiplies every count of records
(organisations, memberships, projects, activities, services, needs, offers, matches,
expenditures, applications) and keeps the structure (25 clusters, 50 districts and
brokers, 3 calls, 30 meetings, the programme's lines): 0.01 builds a tiny region for
the tests, 10 a region with ten times the records at equal clusters and districts.

Deterministic: one random.Random(SEED) and fixed dates. The region's five years run
from 1 November 2021 to 31 October 2026 (LAST_DAY, the anchor): nothing depends on
the day of seeding or on what the database already holds, so two builds give the same
data; region_digest() hashes it, whatever the primary keys and the database (SQLite
and PostgreSQL give the same digest). Pages that look at "today" see the region as
it was on the anchor: no service after it, provisional partners of projects that
ended since still open until end_expired_provisional_partnerships runs.

The region's records are told apart by their keys: usernames starting with "lr-",
its cluster acronyms, project acronyms "LRP-…", calls "LR-CINB-…", the programme's
title, and CIFs registered in provinces 01–09 (the demo's and the tests' are 39).

Idempotent: once the region's first cluster exists, the build is skipped. Everything
is bulk-created in one transaction, in batches saved as they are made (the service
records 5,000 at a time), keeping only ids: under 200 MB at records=1. On PostgreSQL
the tables are ANALYZEd at the end, so the benchmarks that follow get plans for their
real size. About 30 s on SQLite and 20 s on PostgreSQL on the 2-core machine, plus
the demo's 10 s.

Not generated, on purpose: the audit trail (simple_history) of the bulk-created
records (only the programme and the calls, saved one by one, have a history row) —
the region is there to measure pages, not the history of each record — and the
applications' requirement statements, reviews and scores, contact persons,
reallocations and evaluations.
"""

import hashlib
import random
import time as clock
from bisect import bisect_right
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import translation
from django.utils.text import slugify
from stdnum.es import cif

from accounts.models import User
from accounts.roles import Role, sync_role_groups
from brokers.models import (
    DEFAULT_EVALUATION_CRITERIA,
    Application,
    ApplicationStatus,
    ContactChannel,
    DistrictService,
    DistrictServiceOffer,
    Eligibility,
    EligibilityCriterion,
    EvaluationCriterion,
    GrantAgreement,
    GrantCall,
    GrantCallStatus,
    GrantCallTransition,
    IndustryNeed,
    MatchResult,
    NeedOfferMatch,
    NeedStatus,
    NetworkMeeting,
    Payment,
    PaymentStatus,
    Selection,
    ServiceType,
    TechnologyArea,
    TechnologyOffer,
)
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
from demo.clusters import MUNICIPALITIES
from demo.common import keeping_dates
from demo.people import DEMO_PASSWORD
from districts.models import District
from monitoring.models import Indicator, IndicatorTarget
from programmes.models import (
    BudgetLine,
    ClusterResult,
    CostCategory,
    Expenditure,
    KeyResult,
    Programme,
    ProgrammeStatus,
    ProgrammeTransition,
    ResultStatus,
)

SEED = 8_000_020  # issue 8, twenty times the demo
FIRST_DAY = date(2021, 11, 1)
LAST_DAY = date(2026, 10, 31)  # the anchor: nothing in the region happens after it
TZ = ZoneInfo("Europe/Madrid")
BATCH = 2_000
LINKS_PER_INSERT = 400  # 800 parameters: under SQLite's oldest limit of 999
PREFIX = "lr-"  # the usernames of the region's people
PROJECT_PREFIX = "LRP-"  # the acronyms of its joint projects
PASSWORD_SALT = "largeregion2026"  # noqa: S105 - a fixed salt: the same hash in every build

# What the region holds at records=1; every count scales with `records`.
VOLUMES = {
    "organisations": 10_000,
    "memberships": 40_000,
    "projects": 300,
    "activities": 600,
    "services": 100_000,
    "needs": 1_200,
    "offers": 400,
    "matches": 500,
    "expenditures": 5_000,
    "applications": 400,
}
MAX_RECORDS = 50  # the CIFs of tax_id() run out at 900,000 organisations
# The structure, the same at every size.
PROGRAMME_YEARS = (2022, 2023, 2024, 2025, 2026)
PROGRAMME_TITLE = "Programa de clústeres de la región grande 2022-2026"
SERVICE_TYPE_CODES = [  # the migrations' types (brokers 0006), whatever was added since
    "matching",
    "contacts",
    "needs",
    "research_offer",
    "advice",
    "calls",
    "training",
    "good_practice",
    "other",
]

# acronym, name, sector, RIS3 priority, kind, size weight
CLUSTERS = [
    ("CMETAL", "Clúster del Metal", "Metal y transformados metálicos", "advanced_manufacturing"),
    ("AUTOCAN", "Clúster de Automoción de la Región", "Automoción", "advanced_manufacturing"),
    ("NAVALCAN", "Clúster Naval y Marítimo", "Construcción naval", "maritime"),
    ("EOLMAR", "Clúster de Energías Marinas", "Energías marinas", "maritime"),
    ("AGROCAN", "Clúster Agroalimentario", "Agroalimentación", "agri_food"),
    ("LACTEO", "Clúster Lácteo", "Industria láctea", "agri_food"),
    ("CONSERVA", "Clúster de la Pesca y la Conserva", "Pesca y conserva", "agri_food"),
    ("BIOSALUD", "Clúster de Biotecnología y Salud", "Biotecnología", "health_biotech"),
    ("SENIOR", "Clúster de Envejecimiento Activo", "Servicios sociosanitarios", "health_biotech"),
    ("TICCAN", "Clúster TIC", "Tecnologías de la información", "ict"),
    ("CIBERCAN", "Clúster de Ciberseguridad", "Ciberseguridad", "ict"),
    ("AEROCAN", "Clúster Aeroespacial", "Aeronáutica y espacio", "advanced_manufacturing"),
    ("TURISCAN", "Clúster de Turismo", "Turismo", "tourism_culture"),
    ("PATRIMON", "Clúster de Patrimonio Cultural", "Patrimonio y cultura", "tourism_culture"),
    ("ENERCAN", "Clúster de la Energía", "Energía", "energy_environment"),
    ("HIDROCAN", "Clúster del Hidrógeno", "Hidrógeno verde", "energy_environment"),
    ("CIRCULA", "Clúster de Economía Circular", "Reciclaje y valorización", "energy_environment"),
    ("MADERCAN", "Clúster de la Madera y el Hábitat", "Madera y mueble", "advanced_manufacturing"),
    ("PORTLOG", "Clúster de Logística Portuaria", "Logística", "maritime"),
    ("QUIMICAN", "Clúster de la Química", "Química", "advanced_manufacturing"),
    ("EXPOALIM", "Consorcio de Exportación Alimentaria", "Alimentación", "agri_food"),
    ("EXPOIND", "Consorcio de Exportación Industrial", "Bienes de equipo",
     "advanced_manufacturing"),
    ("EXPOSOFT", "Consorcio de Exportación de Software", "Software", "ict"),
    ("EXPOMAR", "Consorcio de Exportación de Productos del Mar", "Productos del mar", "maritime"),
    ("EXPOSAN", "Consorcio de Exportación de Tecnología Sanitaria", "Tecnología sanitaria",
     "health_biotech"),
]  # fmt: skip
CONSORTIA = 5  # the last five rows

# The 40 districts added to the ten of the migrations; the first six are not rural.
NEW_DISTRICTS = [
    "Miengo", "Puente Viesgo", "Liérganes", "Castañeda", "Penagos", "Entrambasaguas",
    "Arnuero", "Bárcena de Cicero", "Bareyo", "Cabezón de Liébana", "Camaleño", "Cieza",
    "Escalante", "Hazas de Cesto", "Lamasón", "Luena", "Meruelo", "Miera", "Pesaguero",
    "Riotuerto", "Ruente", "Ruesga", "Ruiloba", "San Miguel de Aguayo",
    "San Pedro del Romeral", "San Roque de Riomiera", "Santiurde de Reinosa",
    "Santiurde de Toranzo", "Saro", "Soba", "Solórzano", "Tudanca", "Udías",
    "Val de San Vicente", "Valdeolea", "Valdeprado del Río", "Voto", "Anievas",
    "Bárcena de Pie de Concha", "Herrerías",
]  # fmt: skip
NOT_RURAL_NEW = 6

FIRST_NAMES = [
    "Ana", "Antonio", "Beatriz", "Carlos", "Carmen", "Cristina", "David", "Elena", "Fernando",
    "Francisco", "Isabel", "Javier", "Jesús", "Jorge", "José", "Juan", "Laura", "Lucía", "Luis",
    "Manuel", "María", "Marta", "Miguel", "Natalia", "Pablo", "Patricia", "Pedro", "Pilar",
    "Raquel", "Rocío", "Rosa", "Sara", "Sergio", "Silvia", "Teresa", "Víctor",
]  # fmt: skip
SURNAMES = [
    "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
    "Gómez", "Martín", "Ruiz", "Díaz", "Hernández", "Álvarez", "Moreno", "Muñoz", "Romero",
    "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil",
    "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz",
    "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés", "Castillo",
    "Santos", "Lozano", "Cano", "Prieto", "Méndez", "Calvo", "Gallego", "Vidal", "León",
    "Herrera", "Peña", "Cabrera", "Campos", "Vega", "Fuentes", "Carrasco", "Caballero",
    "Nieto", "Pascual", "Herrero", "Lorenzo", "Montero", "Hidalgo", "Ibáñez", "Ferrer",
    "Bustamante", "Revuelta", "Cobo", "Saiz", "Cuesta", "Sainz", "Pernía", "Velarde", "Setién",
    "Quintana", "Arce", "Villegas",
]  # fmt: skip
ACTIVITIES = [
    "Talleres", "Construcciones", "Transportes", "Industrias", "Conservas", "Servicios",
    "Ingeniería", "Mecanizados", "Suministros", "Estructuras", "Soluciones", "Distribuciones",
    "Fundiciones", "Plásticos", "Maderas", "Lácteos", "Embutidos", "Electricidad",
    "Instalaciones", "Automatismos", "Sistemas", "Consultoría", "Laboratorios", "Ediciones",
    "Hoteles", "Reformas", "Forjas", "Calderería", "Montajes", "Logística", "Energías",
    "Recambios", "Pinturas", "Cerámicas", "Quesos", "Sidras", "Anchoas", "Vinos",
    "Aplicaciones", "Tecnologías",
]  # fmt: skip
NETWORKS = ["ECCP", "Enterprise Europe Network", "TCI Network", "Cluster Excellence Programme"]
FIELDS = [
    "la Automoción", "la Alimentación", "la Energía", "el Mar", "la Salud", "la Madera",
    "el Metal", "el Turismo", "la Química", "la Logística", "los Materiales", "el Software",
    "la Robótica", "el Medio Ambiente", "la Construcción", "el Comercio", "la Cultura",
    "el Deporte", "la Ganadería", "la Pesca",
]  # fmt: skip
# (weight, helix type, CIF letter, NACE code, name head) of the organisations
HELIX_MIX = [
    (880, HelixType.COMPANY, None, None, None),
    (60, HelixType.ASSOCIATION, "G", "94.11", "Asociación de Empresas de"),
    (35, HelixType.PUBLIC_ADMINISTRATION, "P", "84.13", "Agencia de Desarrollo de"),
    (20, HelixType.RESEARCH_CENTRE, "G", "72.19", "Centro Tecnológico de"),
    (5, HelixType.UNIVERSITY, "Q", "85.42", "Escuela Universitaria de"),
]
SIZES = [
    (45, SizeClass.MICRO),
    (30, SizeClass.SMALL),
    (17, SizeClass.MEDIUM),
    (8, SizeClass.LARGE),
]
NACE_CODES = [
    "10.51", "10.20", "10.13", "11.03", "16.23", "20.14", "22.29", "24.10", "25.11", "25.62",
    "27.11", "28.41", "29.32", "30.11", "33.12", "35.11", "38.32", "41.20", "43.22", "46.39",
    "47.11", "49.41", "52.24", "55.10", "56.10", "58.29", "62.01", "63.11", "71.12", "72.11",
]  # fmt: skip

HOLIDAYS = {(1, 1), (1, 6), (5, 1), (7, 28), (8, 15), (9, 15), (10, 12), (11, 1), (12, 6),
            (12, 8), (12, 25)}  # fmt: skip
MONTH_WEIGHT = {7: 0.85, 8: 0.45, 12: 0.75}
YEAR_WEIGHT = {2021: 0.6, 2022: 0.8, 2023: 0.9, 2024: 1.0, 2025: 1.1, 2026: 1.2}
TYPE_WEIGHTS = [4, 6, 3, 2, 7, 6, 2, 1, 1]  # in SERVICE_TYPE_CODES' order
HOURS = [Decimal(h) for h in ("0.50", "0.75", "1.00", "1.50", "2.00", "2.50", "3.00", "4.00",
                              "6.00", "8.00")]  # fmt: skip
HOUR_WEIGHTS = [8, 6, 20, 18, 20, 8, 8, 6, 4, 2]
CHANNELS = [c.value for c in ContactChannel]
CHANNEL_WEIGHTS = [30, 20, 25, 20, 5]
OUTCOMES = [
    "Se identifican necesidades de digitalización y se propone un diagnóstico.",
    "Se facilita el contacto con un grupo de investigación de la universidad.",
    "Se informa de la convocatoria abierta y de los requisitos para solicitarla.",
    "La empresa prepara una solicitud con el apoyo del agente.",
    "Se acuerda una visita a un centro tecnológico.",
    "Se presenta la oferta de formación de la comarca.",
    "Se comparte una buena práctica de otra empresa de la red.",
    "",
]
FUNDING = [
    "Kit Digital", "CDTI Proyectos de I+D", "Horizonte Europa", "Innova Cantabria",
    "Industria Conectada 4.0", "Cheques de innovación", "Interreg Atlantic Area",
]  # fmt: skip
CATEGORY_AMOUNTS = {  # (weight, lowest, highest) of one expenditure, EUR
    CostCategory.HUMAN_RESOURCES: (30, 1500, 9000),
    CostCategory.TRAVEL: (15, 80, 1800),
    CostCategory.TRADESHOWS: (8, 1200, 15000),
    CostCategory.CONSULTANCY: (15, 900, 18000),
    CostCategory.TRAINING: (12, 300, 6000),
    CostCategory.MARKETING: (12, 200, 5000),
    CostCategory.OTHER: (8, 50, 2500),
}
SUPPLIERS = [
    "Viajes Cantábrico S.L.", "Feria Internacional de Bilbao", "Consultores del Norte S.L.",
    "Imprenta Pasiega S.L.", "Formación Montañesa S.L.", "Nóminas y Seguros Sociales",
    "Hotel Bahía", "IFEMA Madrid", "Estudio de Diseño Sardinero", "Gestoría Besaya S.L.",
    "Agencia de Comunicación Magdalena", "Traducciones Atlántico",
]  # fmt: skip
# code: (target of the first programme year at records=1, yearly step, scales with records)
TARGETS = {
    "committed_members": (18000, 1200, True),
    "member_growth": (1000, 100, True),
    "member_growth_rate": (5, 0.5, False),
    "sme_share": (80, 0.5, False),
    "provisional_converted": (300, 30, True),
    "new_clusters": (1, 0, False),
    "labelled_clusters": (6, 1, False),
    "clusters_in_networks": (10, 1, False),
    "joint_projects_started": (50, 5, True),
    "joint_projects_budget": (15_000_000, 1_000_000, True),
    "activities": (110, 10, True),
    "activity_attendees": (8000, 500, True),
    "key_results_achieved": (80, 5, False),
    "budget_execution": (85, 2, False),
    "member_satisfaction": (75, 1, False),
    "services_delivered": (18000, 1000, True),
    "organisations_reached": (5000, 300, True),
    "organisations_reached_rural": (2000, 150, True),
    "rural_service_share": (60, 1, False),
    "needs_matched": (80, 10, True),
    "matches_successful": (40, 5, True),
    "grants_paid_rate": (95, 1, False),
    "service_user_satisfaction": (80, 1, False),
}
# reference, opens, closes, resolved, agreements start, share of the applications
CALLS = [
    ("LR-CINB-2021", date(2021, 9, 15), date(2021, 10, 29), date(2021, 12, 17),
     date(2022, 1, 1), 0.375),
    ("LR-CINB-2023", date(2023, 9, 15), date(2023, 10, 31), date(2023, 12, 15),
     date(2024, 1, 1), 0.325),
    ("LR-CINB-2025", date(2025, 9, 15), date(2025, 10, 31), date(2025, 12, 17),
     date(2026, 1, 1), 0.3),
]  # fmt: skip


def volumes(records=1.0):
    """The number of each kind of record at this size (at least one each)."""
    return {kind: max(1, round(n * records)) for kind, n in VOLUMES.items()}


def _at(day, hour=10, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _batches(items, size=BATCH):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _save(model, objects):
    """bulk_create in batches; the objects get their primary keys."""
    for batch in _batches(objects):
        model.objects.bulk_create(batch, batch_size=BATCH)
    return objects


def _link(model, name, pairs):
    """Insert the rows of a many-to-many field from (owner id, target id) pairs.

    Plain multi-row INSERTs: no model instance per row, which is most of the time
    bulk_create takes for 150,000 rows of two ids."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(through._meta.get_field(f).column)
        for f in (field.m2m_field_name(), field.m2m_reverse_field_name())
    )
    insert = f"INSERT INTO {quote(through._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    count = 0
    with connection.cursor() as cursor:
        for batch in _batches(pairs, LINKS_PER_INSERT):
            # Table and columns from the model, values as parameters (noqa above).
            sql = insert + ", ".join(["(%s, %s)"] * len(batch))
            cursor.execute(sql, [value for pair in batch for value in pair])
            count += len(batch)
    return count


def _months(start, count):
    year, month = start.year, start.month
    for _ in range(count):
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _is_working_day(day):
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def tax_id(n, letter):
    """The n-th organisation's CIF: valid, registered outside Cantabria (province
    01–09), so it never meets the demo's and the tests' (province 39)."""
    body = f"{letter}0{1 + n % 9}{(n // 9 * 7919 + 12345) % 100_000:05d}"
    digit, check_letter = cif.calc_check_digits(body)
    return body + (check_letter if letter in "KPQSNW" else digit)


def is_built():
    return ClusterOrganisation.objects.filter(acronym=CLUSTERS[0][0]).exists()


class LargeRegion:
    def __init__(self, records=1.0, stdout=None):
        self.records = records
        self.n = volumes(records)
        self.rng = random.Random(SEED)  # noqa: S311 - demo data, not security
        self.stdout = stdout
        self.counts = {}
        self.started = clock.monotonic()

    def say(self, text):
        if self.stdout is not None:
            self.stdout.write(f"  large region [{clock.monotonic() - self.started:6.1f} s] {text}")

    # --- people and districts ---------------------------------------------------------

    def _name(self):
        rng = self.rng
        return rng.choice(FIRST_NAMES), f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"

    def _users(self, rows, role):
        """Create users from (username, first, last, extra fields) rows with a role."""
        users = [
            User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@region.example.org",
                password=self.password,
                date_joined=_at(FIRST_DAY - timedelta(days=60), 9),
                **fields,
            )
            for username, first, last, fields in rows
        ]
        _save(User, users)
        _link(User, "groups", [(u.pk, self.groups[role]) for u in users])
        return users

    def people_and_districts(self):
        sync_role_groups()
        self.password = make_password(DEMO_PASSWORD, salt=PASSWORD_SALT)
        self.groups = dict(Group.objects.values_list("name", "pk"))
        new = _save(
            District,
            [
                District(name=name, slug=slugify(name), is_rural=k >= NOT_RURAL_NEW)
                for k, name in enumerate(NEW_DISTRICTS)
            ],
        )
        existing = list(District.objects.filter(slug__in=MUNICIPALITIES).order_by("slug"))
        self.districts = existing + new
        self.towns = [MUNICIPALITIES.get(d.slug, [d.name]) for d in self.districts]

        def one(username, role):
            first, last = self._name()
            return self._users([(PREFIX + username, first, last, {})], role)[0]

        self.director = one("director", Role.OFFICE_STAFF)
        self.coordinator = one("coordinator", Role.NETWORK_COORDINATOR)
        self.official = one("official", Role.GOVERNMENT_OFFICIAL)
        self.evaluators = self._users(
            [(f"{PREFIX}evaluator-{k}", *self._name(), {}) for k in (1, 2, 3)], Role.EVALUATOR
        )
        self.managers = self._users(
            [(f"{PREFIX}manager-{k:02d}", *self._name(), {}) for k in range(1, len(CLUSTERS) + 1)],
            Role.CLUSTER_MANAGER,
        )
        self.brokers = self._users(
            [
                (f"{PREFIX}broker-{k:02d}", *self._name(), {"district": district})
                for k, district in enumerate(self.districts, start=1)
            ],
            Role.INNOVATION_BROKER,
        )
        self.say(f"{len(self.districts)} districts ({len(new)} new), {len(self.brokers)} brokers")

    # --- organisations ----------------------------------------------------------------

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

        def build(i):
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
                    website=f"https://{slugify(name)[:50].strip('-')}.example.org"
                    if with_site
                    else "",
                    created_at=_at(joined, rng.randint(8, 19), rng.randint(0, 59)),
                ),
            )

        created_at = Organisation._meta.get_field("created_at")
        with keeping_dates(created_at):
            for chunk in _batches(range(count)):
                rows = [build(i) for i in chunk]
                _save(Organisation, [org for _d, _h, org in rows])
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
        _save(ClusterOrganisation, clusters)
        self.clusters_ = clusters
        self.cluster_weights = list(accumulate(rng.choice([1, 1.5, 2, 3]) for _ in clusters))
        labels, networks, services, board = [], [], [], []
        for cluster in clusters:
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
                first, last = self._name()
                board.append(
                    BoardMember(
                        cluster=cluster,
                        name=f"{first} {last}",
                        position=position,
                        organisation_id=rng.choice(self.org_pks),
                        started_on=date(rng.randint(2019, 2025), rng.randint(1, 12), 1),
                    )
                )
        _save(ClusterLabel, labels)
        _save(NetworkParticipation, networks)
        _save(ClusterService, services)
        _save(BoardMember, board)
        self.cluster_services = {}
        for service in services:
            self.cluster_services.setdefault(service.cluster_id, []).append(service.pk)
        self.say(f"{len(clusters)} clusters, {len(labels)} labels, {len(services)} services")

    def projects(self):
        rng, count = self.rng, max(len(self.clusters_), self.n["projects"])
        projects, cluster_links, partner_links = [], [], []
        self.projects_of = {c.pk: [] for c in self.clusters_}
        for k in range(count):
            first = self.clusters_[k] if k < len(self.clusters_) else self._cluster()
            members = {first}
            if rng.random() < 0.3:
                members.update(self._cluster() for _ in range(rng.randint(1, 2)))
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
        _save(ClusterProject, [p for p, _members in projects])
        for project, members in projects:
            for cluster in members:
                cluster_links.append((project.pk, cluster.pk))
                self.projects_of[cluster.pk].append(project)
            for org in rng.sample(self.org_pks, min(len(self.org_pks), rng.randint(3, 12))):
                partner_links.append((project.pk, org))
        _link(ClusterProject, "clusters", cluster_links)
        partners = _link(ClusterProject, "partners", partner_links)
        self.project_pks = [p.pk for p, _members in projects]
        self.counts["projects"] = len(projects)
        self.say(f"{len(projects):,} joint projects, {partners:,} partners")

    def _cluster(self):
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
            for chunk in _batches(order, 500):
                first, second = [], []
                for i in chunk:
                    org = self.org_pks[i]
                    for _ in range(rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6, 8])):
                        if made >= total:
                            break
                        cluster = self._cluster()
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
                _save(Membership, first)
                for membership, provisional in second:
                    membership.converted_from_id = provisional.pk
                _save(Membership, [m for m, _provisional in second])
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
            cluster = self._cluster()
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
        _save(Activity, activities)
        partners, participants = [], []
        for activity in activities:
            if rng.random() < 0.2:
                others = {self._cluster() for _ in range(rng.randint(1, 2))} - {activity.cluster}
                partners.extend((activity.pk, c.pk) for c in sorted(others, key=lambda c: c.pk))
            for org in rng.sample(self.org_pks, min(len(self.org_pks), rng.randint(3, 10))):
                participants.append((activity.pk, org))
        _link(Activity, "partner_clusters", partners)
        _link(Activity, "participants", participants)
        self.counts["activities"] = count
        self.say(f"{count:,} activities, {len(participants):,} participations")

    # --- the broker network -----------------------------------------------------------

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
        _save(DistrictServiceOffer, offers)
        self.say(f"{len(offers)} district service offers")

    def services(self):
        rng, total = self.rng, self.n["services"]
        types = dict(
            ServiceType.objects.filter(code__in=SERVICE_TYPE_CODES).values_list("code", "pk")
        )
        type_pks = [types[code] for code in SERVICE_TYPE_CODES]
        type_weights = list(accumulate(TYPE_WEIGHTS))
        hour_weights = list(accumulate(HOUR_WEIGHTS))
        channel_weights = list(accumulate(CHANNEL_WEIGHTS))
        days = [
            FIRST_DAY + timedelta(days=k)
            for k in range((LAST_DAY - FIRST_DAY).days + 1)
            if _is_working_day(FIRST_DAY + timedelta(days=k))
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
        fields = [
            DistrictService._meta.get_field("created_at"),
        ]
        withdrawn = led_to_membership = served_rows = 0
        with keeping_dates(*fields):
            for chunk in _batches(plan, 5_000):
                services, served = [], []
                for day_index, d in chunk:
                    day = days[day_index]
                    broker = self.brokers[d]
                    local = self.by_district[d] or self.org_pks
                    orgs = set()
                    for _ in range(rng.choices([1, 2, 3], weights=[60, 30, 10])[0]):
                        pool = local if rng.random() < 0.85 else self.org_pks
                        orgs.add(rng.choice(pool))
                    recorded = _at(day, rng.randint(16, 19), rng.randint(0, 59))
                    if rng.random() < 0.2:
                        recorded += timedelta(days=1 if day.weekday() < 4 else 3)
                    follow_up = done = None
                    if rng.random() < 0.25:
                        follow_up = day + timedelta(days=rng.randint(7, 60))
                        if follow_up <= LAST_DAY and rng.random() < 0.8:
                            done = _at(follow_up, rng.randint(9, 13))
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
                            led_to_membership += 1
                    if rng.random() < 0.01:
                        service.withdrawn_at = recorded + timedelta(days=2, hours=1)
                        service.withdrawn_by = broker if rng.random() < 0.7 else self.coordinator
                        service.withdrawal_reason = "Registro duplicado."
                        withdrawn += 1
                    services.append(service)
                    served.append(sorted(orgs))
                _save(DistrictService, services)
                served_rows += _link(
                    DistrictService,
                    "organisations",
                    [(s.pk, org) for s, orgs in zip(services, served, strict=True) for org in orgs],
                )
        self.counts["services"] = total
        self.say(
            f"{total:,} service records ({withdrawn:,} withdrawn, {led_to_membership:,} led to a "
            f"membership), {served_rows:,} organisations served"
        )

    def needs_offers_matches(self):
        rng = self.rng
        span = (LAST_DAY - FIRST_DAY).days
        areas = [a.value for a in TechnologyArea]
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
                    contact=f"{' '.join(self._name())}, oficina de transferencia",
                    is_active=rng.random() < 0.9,
                    created_by=self.coordinator,
                    created_at=_at(created, rng.randint(9, 14)),
                )
            )
        offers.sort(key=lambda o: o.created_at)
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
                    created_at=_at(created, rng.randint(9, 18)),
                )
            )
        needs.sort(key=lambda n: n.created_at)
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
        live = {k for k, _o, _m, result, _r in matches if result != MatchResult.NO_FIT}
        for k, need in enumerate(needs):
            if rng.random() < 0.1:
                need.status = NeedStatus.CLOSED
            elif k in live:
                need.status = NeedStatus.MATCHED
        fields = [
            IndustryNeed._meta.get_field("created_at"),
            TechnologyOffer._meta.get_field("created_at"),
            NeedOfferMatch._meta.get_field("matched_at"),
        ]
        with keeping_dates(*fields):
            _save(TechnologyOffer, offers)
            _save(IndustryNeed, needs)
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
            _save(NeedOfferMatch, objects)
        self.counts.update(needs=len(needs), offers=len(offers), matches=len(objects))
        self.say(f"{len(needs):,} needs, {len(offers):,} offers, {len(objects):,} matches")

    def meetings(self):
        rng = self.rng
        meetings = []
        for month in _months(FIRST_DAY, 60):
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
        _save(NetworkMeeting, meetings)
        attendees = [
            (meeting.pk, user.pk)
            for meeting in meetings
            for user in [self.coordinator, *self.brokers]
            if user is self.coordinator or rng.random() < 0.9
        ]
        _link(NetworkMeeting, "attendees", attendees)
        self.counts["meetings"] = len(meetings)
        self.say(f"{len(meetings)} network meetings, {len(attendees):,} attendances")

    # --- the programme ----------------------------------------------------------------

    def programme(self):
        rng = self.rng
        programme = Programme.objects.create(
            title=PROGRAMME_TITLE,
            start_year=PROGRAMME_YEARS[0],
            years=len(PROGRAMME_YEARS),
            target_stage=DevelopmentStage.MATURE,
            objectives="Consolidar las 25 organizaciones clúster de la región y ampliar su base "
            "de socios.",
            status=ProgrammeStatus.ACTIVE,
        )
        programme.clusters.set(self.clusters_)
        steps = [
            (ProgrammeStatus.DRAFT, ProgrammeStatus.SUBMITTED, self.director, date(2021, 10, 4)),
            (
                ProgrammeStatus.SUBMITTED,
                ProgrammeStatus.APPROVED,
                self.official,
                date(2021, 11, 15),
            ),
            (ProgrammeStatus.APPROVED, ProgrammeStatus.ACTIVE, self.director, date(2022, 1, 10)),
        ]
        _save(
            ProgrammeTransition,
            [
                ProgrammeTransition(
                    programme=programme, from_status=a, to_status=b, by=by, at=_at(day, 11)
                )
                for a, b, by, day in steps
            ],
        )
        categories = list(CATEGORY_AMOUNTS)
        weights = list(accumulate(CATEGORY_AMOUNTS[c][0] for c in categories))
        first = date(PROGRAMME_YEARS[0], 1, 1)
        spent = {}
        expenditures = []
        for n in range(self.n["expenditures"]):
            day = first + timedelta(days=rng.randint(0, (LAST_DAY - first).days))
            category = rng.choices(categories, cum_weights=weights)[0]
            _w, low, high = CATEGORY_AMOUNTS[category]
            cluster = self._cluster() if rng.random() < 0.75 else None
            amount = Decimal(rng.randint(low * 100, high * 100)) / 100
            key = (day.year, category, cluster.pk if cluster else None)
            spent[key] = spent.get(key, 0) + amount
            expenditures.append(
                Expenditure(
                    programme=programme,
                    date=day,
                    category=category,
                    cluster=cluster,
                    amount=amount,
                    supplier=rng.choice(SUPPLIERS),
                    description=f"{category.label} {cluster.acronym if cluster else 'OPC'}",
                    document_reference=f"LR-{day.year}-{n + 1:06d}",
                    recorded_by=self.director,
                )
            )
        expenditures.sort(key=lambda e: e.date)
        _save(Expenditure, expenditures)
        lines = []
        for year in PROGRAMME_YEARS:
            for category in categories:
                for cluster in [None, *self.clusters_]:
                    used = spent.get((year, category, cluster.pk if cluster else None), 0)
                    margin = (
                        rng.uniform(1.1, 1.4) if year < LAST_DAY.year else rng.uniform(1.3, 1.6)
                    )
                    planned = max(1000, int(used * Decimal(margin) / 1000 + 1) * 1000)
                    lines.append(
                        BudgetLine(
                            programme=programme,
                            year=year,
                            category=category,
                            cluster=cluster,
                            amount=Decimal(planned),
                        )
                    )
        _save(BudgetLine, lines)
        results = []
        for cluster in self.clusters_:
            for year in PROGRAMME_YEARS:
                for result in KeyResult:
                    if year < LAST_DAY.year:
                        status = rng.choices(
                            [ResultStatus.ACHIEVED, ResultStatus.NOT_ACHIEVED], weights=[8, 2]
                        )[0]
                    else:
                        status = rng.choice([ResultStatus.IN_PROGRESS, ResultStatus.NOT_STARTED])
                    results.append(
                        ClusterResult(
                            programme=programme,
                            cluster=cluster,
                            year=year,
                            result=result,
                            status=status,
                        )
                    )
        _save(ClusterResult, results)
        targets = []
        for indicator in Indicator.objects.filter(code__in=TARGETS).order_by("code"):
            base, step, scales = TARGETS[indicator.code]
            factor = self.records if scales else 1
            for k, year in enumerate(PROGRAMME_YEARS):
                target = Decimal(str(round((base + step * k) * factor, 2)))
                baseline = Decimal(str(round((base + step * (k - 1)) * factor, 2)))
                targets.append(
                    IndicatorTarget(
                        indicator=indicator,
                        programme=programme,
                        year=year,
                        baseline=baseline,
                        target=target,
                    )
                )
        _save(IndicatorTarget, targets)
        self.programme_ = programme
        self.counts["expenditures"] = len(expenditures)
        self.say(
            f"programme {PROGRAMME_YEARS[0]}–{PROGRAMME_YEARS[-1]}: {len(lines)} budget lines, "
            f"{len(expenditures):,} expenditures, {len(results)} key results, "
            f"{len(targets)} indicator targets"
        )

    # --- the grant calls --------------------------------------------------------------

    def grant_calls(self):
        rng, total = self.rng, self.n["applications"]
        shares = [round(total * share) for *_rest, share in CALLS]
        shares = [max(1, n) for n in shares]
        shares[-1] = max(1, total - sum(shares[:-1]))
        broker_of = {b.district_id: b for b in self.brokers}
        applicants = {}  # organisation index -> user
        plans, transitions = [], []
        for (reference, opens, closes, resolved, starts, _share), count in zip(
            CALLS, shares, strict=True
        ):
            call = GrantCall(
                reference=reference,
                title=f"Convocatoria de agentes de innovación {starts.year}-{starts.year + 1}",
                purpose="Seleccionar una entidad de acogida del agente de innovación en cada una "
                "de las comarcas de la región.",
                expected_services="Visitas a empresas, puesta en relación con la oferta de "
                "conocimiento, asesoramiento sobre ayudas y difusión de convocatorias.",
                opens_at=_at(opens, 9),
                closes_at=_at(closes, 14),
                total_budget=Decimal(3500 * 24 * len(self.districts)),
                duration_months=24,
                status=GrantCallStatus.RESOLVED,
            )
            call.save()
            call.districts.set(self.districts)
            call.evaluators.set(self.evaluators)
            chain = [GrantCallStatus.DRAFT, GrantCallStatus.PUBLISHED, GrantCallStatus.CLOSED,
                     GrantCallStatus.UNDER_EVALUATION, GrantCallStatus.RESOLVED]  # fmt: skip
            days = [opens - timedelta(days=1), closes, closes + timedelta(days=7), resolved]
            transitions += [
                GrantCallTransition(
                    call=call, from_status=a, to_status=b, by=self.coordinator, at=_at(day, 12)
                )
                for a, b, day in zip(chain[:-1], chain[1:], days, strict=True)
            ]
            EvaluationCriterion.objects.bulk_create(
                EvaluationCriterion(call=call, name=str(name), weight=weight, position=position)
                for position, (name, weight) in enumerate(DEFAULT_EVALUATION_CRITERIA)
            )
            EligibilityCriterion.objects.bulk_create(
                EligibilityCriterion(call=call, text=text, position=position)
                for position, text in enumerate(
                    [
                        "Entidad con sede o delegación en la comarca.",
                        "Al corriente de sus obligaciones tributarias y con la Seguridad Social.",
                        "Agente propuesto con titulación universitaria.",
                    ]
                )
            )
            taken = set()
            for k in range(count):
                d = k if k < len(self.districts) else rng.randrange(len(self.districts))
                pool = self.by_district[d] or self.org_pks
                for _ in range(20):
                    org = rng.choice(pool)
                    if (d, org) not in taken:
                        break
                else:
                    continue
                taken.add((d, org))
                plans.append((call, d, org, opens, closes))
        _save(GrantCallTransition, transitions)
        index_of = {pk: i for i, pk in enumerate(self.org_pks)}
        rows = []
        for _call, _d, org, _opens, _closes in plans:
            if org not in applicants:
                applicants[org] = None
                first, last = self._name()
                rows.append(
                    (f"{PREFIX}applicant-{index_of[org] + 1:05d}", first, last,
                     {"organisation_id": org})
                )  # fmt: skip
        for user in self._users(rows, Role.APPLICANT):
            applicants[user.organisation_id] = user
        applications = []
        for call, d, org, opens, closes in plans:
            submitted = opens + timedelta(days=rng.randint(1, (closes - opens).days))
            eligible = rng.random() < 0.92
            applications.append(
                Application(
                    call=call,
                    district=self.districts[d],
                    organisation_id=org,
                    created_by=applicants[org],
                    broker_name=" ".join(self._name()),
                    requested_monthly_amount=Decimal(rng.randrange(2800, 3501, 50)),
                    work_plan="Meses 1 a 3: presentación del agente y visitas a empresas.\n"
                    "Desde el mes 4: servicios a empresas y difusión de convocatorias.",
                    status=ApplicationStatus.SUBMITTED,
                    submitted_at=_at(submitted, rng.randint(9, 13)),
                    eligibility=Eligibility.ELIGIBLE if eligible else Eligibility.INELIGIBLE,
                    ineligibility_reason="" if eligible else "Sin sede en la comarca.",
                )
            )
        _save(Application, applications)
        selections, chosen = [], set()
        for application in applications:
            key = (application.call.pk, application.district.pk)
            if application.eligibility == Eligibility.ELIGIBLE and key not in chosen:
                chosen.add(key)
                resolved = next(c[3] for c in CALLS if c[0] == application.call.reference)
                selections.append(
                    Selection(
                        call=application.call,
                        district=application.district,
                        application=application,
                        selected_by=self.coordinator,
                        selected_at=_at(resolved, 10),
                    )
                )
        _save(Selection, selections)
        agreements = []
        for selection in selections:
            application = selection.application
            starts = next(c[4] for c in CALLS if c[0] == application.call.reference)
            agreements.append(
                GrantAgreement(
                    selection=selection,
                    call=selection.call,
                    organisation_id=application.organisation_id,
                    district=selection.district,
                    monthly_amount=application.requested_monthly_amount,
                    start_date=starts,
                    end_date=starts.replace(year=starts.year + 2) - timedelta(days=1),
                    broker=broker_of[selection.district.pk],
                    signed_at=_at(starts - timedelta(days=10), 12),
                )
            )
        _save(GrantAgreement, agreements)
        payments = []
        for agreement in agreements:
            for month in _months(agreement.start_date, 24):
                paid_on = month + timedelta(days=27)
                paid = paid_on <= LAST_DAY
                payments.append(
                    Payment(
                        agreement=agreement,
                        month=month,
                        amount=agreement.monthly_amount,
                        status=PaymentStatus.PAID if paid else PaymentStatus.PENDING,
                        paid_on=paid_on if paid else None,
                    )
                )
        _save(Payment, payments)
        self.counts["applications"] = len(applications)
        self.say(
            f"{len(CALLS)} grant calls, {len(applications):,} applications, "
            f"{len(selections)} agreements, {len(payments):,} payments"
        )

    # --- all together -----------------------------------------------------------------

    def build(self):
        # Labels stored in texts are in the portal's language, whatever is active.
        with translation.override("es"):
            return self._build()

    def _build(self):
        self.people_and_districts()
        self.organisations()
        self.clusters()
        self.projects()
        self.memberships()
        self.activities()
        self.service_offers()
        self.services()
        self.needs_offers_matches()
        self.meetings()
        self.programme()
        self.grant_calls()
        return self.counts


@transaction.atomic
def build_large_region(stdout=None, records=1.0):
    """Add the large region unless it is there already; return the counts made
    (None when skipped)."""
    if is_built():
        if stdout is not None:
            stdout.write("  large region: already built, left as it is")
        return None
    counts = LargeRegion(records=records, stdout=stdout).build()
    if connection.vendor == "postgresql":
        # Statistics for the planner now, not when autovacuum comes by: the
        # benchmarks run right after.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return counts


# --- the digest -----------------------------------------------------------------------


def _region_querysets():
    """The region's records, each with the fields hashed (relations by natural key)."""
    clusters = ClusterOrganisation.objects.filter(acronym__in=[row[0] for row in CLUSTERS])
    people = User.objects.filter(username__startswith=PREFIX)
    organisations = Organisation.objects.filter(tax_id__regex=r"^[A-Z]0[1-9]")
    services = DistrictService.objects.filter(broker__username__startswith=PREFIX)
    calls = GrantCall.objects.filter(reference__in=[row[0] for row in CALLS])
    programme = Programme.objects.filter(title=PROGRAMME_TITLE)
    through = DistrictService.organisations.through.objects.filter(
        districtservice__broker__username__startswith=PREFIX
    )
    return [
        District.objects.values_list("slug", "name", "is_rural"),
        people.values_list(
            "username", "first_name", "last_name", "email", "district__slug",
            "organisation__tax_id", "date_joined",
        ),
        people.values_list("username", "groups__name").order_by("username", "groups__name"),
        organisations.values_list(
            "legal_name", "name_key", "tax_id", "helix_type", "size_class", "district__slug",
            "municipality", "nace_code", "website", "created_at",
        ),
        clusters.values_list(
            "acronym", "name", "slug", "kind", "sector", "ris3_priority", "development_stage",
            "founded_on", "cluster_manager__username",
        ),
        ClusterProject.objects.filter(acronym__startswith=PROJECT_PREFIX).values_list(
            "acronym", "title", "scope", "budget", "start_date", "end_date", "status"
        ),
        Membership.objects.filter(cluster__in=clusters).values_list(
            "organisation__tax_id", "cluster__acronym", "kind", "start_date", "end_date",
            "end_reason", "fee_status", "project__acronym", "converted_from__start_date",
        ),
        Activity.objects.filter(cluster__in=clusters).values_list(
            "cluster__acronym", "title", "date", "attendees", "is_international"
        ),
        services.values_list(
            "broker__username", "district__slug", "date", "service_type__code", "channel",
            "hours", "outcome", "follow_up_on", "follow_up_done_at", "knowledge_provider__tax_id",
            "funding_programme", "cluster_project__acronym", "membership__start_date",
            "created_at", "withdrawn_at", "withdrawn_by__username",
        ),
        through.values_list("districtservice__date", "organisation__tax_id").order_by(
            "districtservice_id", "organisation__tax_id"
        ),
        IndustryNeed.objects.filter(compiled_by__username__startswith=PREFIX).values_list(
            "district__slug", "organisation__tax_id", "title", "technology_area", "status",
            "created_at",
        ),
        NeedOfferMatch.objects.filter(matched_by__username__startswith=PREFIX).values_list(
            "need__title", "offer__provider__tax_id", "matched_at", "result", "result_recorded_at"
        ),
        NetworkMeeting.objects.filter(created_by__username__startswith=PREFIX).values_list(
            "date", "location"
        ),
        Expenditure.objects.filter(programme__in=programme).values_list(
            "date", "category", "cluster__acronym", "amount", "supplier", "document_reference"
        ),
        BudgetLine.objects.filter(programme__in=programme).values_list(
            "year", "category", "cluster__acronym", "amount"
        ),
        IndicatorTarget.objects.filter(programme__in=programme).values_list(
            "indicator__code", "year", "baseline", "target"
        ),
        Application.objects.filter(call__in=calls).values_list(
            "call__reference", "district__slug", "organisation__tax_id", "created_by__username",
            "broker_name", "requested_monthly_amount", "submitted_at", "eligibility",
        ),
        GrantAgreement.objects.filter(call__in=calls).values_list(
            "call__reference", "district__slug", "organisation__tax_id", "broker__username",
            "monthly_amount", "start_date", "end_date",
        ),
        Payment.objects.filter(agreement__call__in=calls).values_list(
            "agreement__district__slug", "month", "amount", "status", "paid_on"
        ),
    ]  # fmt: skip


def region_digest():
    """A SHA-256 of the region's records in the order they were made, by their values
    and natural keys only: equal for two builds whatever the primary keys."""
    digest = hashlib.sha256()
    for queryset in _region_querysets():
        if not queryset.query.order_by:
            queryset = queryset.order_by("pk")
        digest.update(f"{queryset.model._meta.label}\n".encode())
        for row in queryset.iterator(chunk_size=5_000):
            digest.update(repr(tuple(str(v) for v in row)).encode())
    return digest.hexdigest()
