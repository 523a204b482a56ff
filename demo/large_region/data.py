"""The large region's tables: volumes, names, clusters, districts, weights of the
services, spending and the calls."""

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from brokers.network.models import ContactChannel
from clusters.models import HelixType, SizeClass
from programmes.models import CostCategory

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
