"""The demo programme's tables: budget, objectives, reallocations, spending,
key results, action plan and governance, as written for the story's year."""

from datetime import date
from decimal import Decimal

from programmes.models import (
    ActionStatus,
    BodyKind,
    CostCategory,
    KeyResult,
    Measure,
    ResultStatus,
)

SEED = 740_000
TITLE = "Programa plurianual de clústeres 2024-2027"  # as written: title() is the seeded one
START_YEAR, YEARS = 2024, 4
CENT = Decimal("0.01")


HR, TRAVEL, FAIRS, CONSULTANCY, TRAINING, MARKETING, OTHER = (
    CostCategory.HUMAN_RESOURCES,
    CostCategory.TRAVEL,
    CostCategory.TRADESHOWS,
    CostCategory.CONSULTANCY,
    CostCategory.TRAINING,
    CostCategory.MARKETING,
    CostCategory.OTHER,
)

# Section 4.1.2 of the strategy. It calls the total "approximately EUR 740 000"; its seven
# lines add up to EUR 742,000, and the lines are what the programme plans.
ANNUAL_BUDGET = {
    HR: Decimal("242000"),
    TRAVEL: Decimal("60000"),
    FAIRS: Decimal("100000"),
    CONSULTANCY: Decimal("120000"),
    TRAINING: Decimal("100000"),
    MARKETING: Decimal("60000"),
    OTHER: Decimal("60000"),
}
# The first draft short-changed training; the government returned it on that point.
FIRST_DRAFT = {**ANNUAL_BUDGET, CONSULTANCY: Decimal("130000"), TRAINING: Decimal("90000")}

ACRONYMS = {
    "gira": "GIRA",
    "cinc": "CINC",
    "sea": "Sea of Innovation",
    "marca": "MARCA",
    "canex": "CANEX",
    "conservex": "CONSERVEX",
}

OBJECTIVES = """\
Primer programa plurianual de la Oficina de Promoción de Clústeres, dirigido a clústeres \
inmaduros: las cuatro organizaciones clúster (GIRA, CINC, Sea of Innovation y MARCA) y los dos \
consorcios de exportación (CANEX y CONSERVEX).

1. Desarrollar la gestión, las estrategias y los servicios de los clústeres inmaduros: un gestor \
dedicado por clúster, una estrategia y un catálogo de servicios (encuentros, proyectos de I+D \
conjuntos, formación, ferias, difusión de convocatorias).
2. Aumentar el número de socios de los clústeres entre las empresas de la región.
3. Integrar los clústeres en redes internacionales (ECCP, benchmarking ESCA y etiquetas de \
excelencia).
4. Impulsar su participación en proyectos interregionales y transnacionales.
5. Promover nuevas organizaciones clúster en TIC y biotecnología, sectores emergentes de la RIS3.

Presupuesto anual: la estrategia lo estima en "aproximadamente 740.000 EUR" (apartado 4.1.2); \
sus siete partidas suman exactamente 742.000 EUR y son las que planifica el programa.
"""

# Execution rate (% of the year's current budget) each category reaches by the end of the
# year. The year in progress is recorded only up to the day of seeding.
RATES = {
    2024: {HR: 97.2, TRAVEL: 68.4, FAIRS: 91.3, CONSULTANCY: 88.1, TRAINING: 61.2,
           MARKETING: 104.1, OTHER: 37.4},
    2025: {HR: 98.6, TRAVEL: 74.2, FAIRS: 95.6, CONSULTANCY: 93.0, TRAINING: 72.5,
           MARKETING: 96.3, OTHER: 44.8},
    2026: {HR: 98.5, TRAVEL: 66.0, FAIRS: 94.0, CONSULTANCY: 89.0, TRAINING: 96.0,
           MARKETING: 93.0, OTHER: 41.0},
}  # fmt: skip

# year, from, to, amount, requested on, decided on (None: awaiting approval), reason, comment
REALLOCATIONS = [
    (2025, OTHER, MARKETING, Decimal("8000"), date(2025, 9, 15), date(2025, 10, 6),
     "Marketing cerró 2024 al 104 % por la ampliación de la jornada anual de clústeres. En 2025 "
     "se suman la sección de captación de socios del portal y vídeos de casos de éxito, y la "
     "jornada anual tendrá de nuevo más aforo. Otros costes y contingencias se ejecuta por "
     "debajo del 50 %.",
     "Aprobada: el dinero se mueve dentro de 2025 y el presupuesto anual no cambia."),
    (2026, TRAVEL, TRAINING, Decimal("6000"), date(2026, 10, 22), None,
     "La demanda de formación dual y de cursos de industria 4.0 supera lo previsto: la partida "
     "de formación está comprometida casi por completo, mientras que viajes cerrará el año en "
     "torno al 66 %.", ""),
]  # fmt: skip


AGENCY_1, AGENCY_2 = "Viajes Besaya Business Travel, S.L.", "Cantábrico Viajes de Empresa, S.L."
STRATEGISTS = "Estrategia y Clústeres Consultores, S.L."
NORTE = "Norte Innovación Consulting, S.L."
CIC = "Consultoría de Innovación Cántabra, S.L."
LAWYERS = "Bufete Pombo Abogados, S.L.P."
ACADEMY = "Academia Industria 4.0 Cantabria, S.L."
FP_BESAYA = "Centro de Formación Profesional Besaya, S.L."
BUSINESS_SCHOOL = "Escuela de Negocios Bahía, S.L."
WEB = "Webs Cantábricas, S.L."
PRINTER = "Gráficas del Pas, S.L."
AGENCY = "Comunicación Sardinero, S.L."
VIDEO = "Estudio Audiovisual Puertochico, S.L."
EVENTS = "Eventos Magdalena, S.L."
STATIONERY = "Papelería Técnica Santander, S.L."

# What the Office pays every year. Descriptions may name {year} and {last} (the year before).
# category, month, day, supplier, description, cluster, weight
EVERY_YEAR = [
    (TRAVEL, 2, 20, AGENCY_1, "Viaje a Bilbao: intercambio con los clústeres vascos y su "
     "agencia de desarrollo ({year})", None, 0.6),
    (TRAVEL, 4, 9, AGENCY_2, "Viaje a Bruselas: reuniones en la European Cluster "
     "Collaboration Platform (ECCP) ({year})", None, 1.3),
    (TRAVEL, 6, 10, AGENCY_1, "European Cluster Conference {year}: Directora Ejecutiva y dos "
     "gestores de clúster", None, 1.8),
    (TRAVEL, 9, 24, AGENCY_2, "Viaje a Bilbao: encuentro intercluster de automoción y "
     "fabricación avanzada ({year})", "gira", 0.5),
    (TRAVEL, 10, 15, AGENCY_1, "Viaje a Madrid: reunión anual de Agrupaciones Empresariales "
     "Innovadoras ({year})", None, 0.5),
    (TRAVEL, 11, 18, AGENCY_2, "Viaje a Bruselas: European Cluster Week y matchmaking de la "
     "ECCP ({year})", None, 1.2),
    (CONSULTANCY, 3, 8, LAWYERS, "Asesoría jurídica: convenios de colaboración con los "
     "clústeres ({year})", None, 0.35),
    (CONSULTANCY, 4, 25, "Auditores Asociados del Cantábrico, S.L.P.", "Auditoría de las "
     "cuentas de la Oficina del ejercicio {last}", None, 0.5),
    (CONSULTANCY, 10, 10, LAWYERS, "Asesoría jurídica: pliegos de contratación de ferias y "
     "formación ({year})", None, 0.35),
    (TRAINING, 2, 26, ACADEMY, "Curso de industria 4.0: robótica colaborativa y visión "
     "artificial ({year})", "gira", 1.0),
    (TRAINING, 3, 20, FP_BESAYA, "Formación dual: tutorización de aprendices en empresas de "
     "GIRA y CANEX ({year})", "gira", 1.3),
    (TRAINING, 5, 16, "Calidad Industrial del Norte, S.L.", "Garantía de calidad nuclear para "
     "proveedores (ASME NQA-1), edición {year}", "cinc", 0.9),
    (TRAINING, 6, 12, "Instituto de Formación Náutica del Cantábrico, S.L.", "Eólica marina: "
     "operación y mantenimiento de parques, edición {year}", "sea", 0.9),
    (TRAINING, 9, 25, "Calidad Alimentaria del Norte, S.L.", "Seguridad alimentaria y "
     "certificación IFS Food, edición {year}", "marca", 0.8),
    (TRAINING, 10, 21, ACADEMY, "Curso de industria 4.0: mantenimiento predictivo y gemelo "
     "digital ({year})", "gira", 1.0),
    (TRAINING, 11, 12, BUSINESS_SCHOOL, "Comercio exterior y licitaciones internacionales para "
     "pymes ({year})", "canex", 0.7),
    (TRAINING, 12, 3, "Formación Técnica Besaya, S.L.", "Lean manufacturing para mandos "
     "intermedios ({year})", "gira", 0.8),
    (MARKETING, 3, 27, WEB, "Mantenimiento y alojamiento del portal web, 1.er trimestre de "
     "{year}", None, 0.15),
    (MARKETING, 6, 26, WEB, "Mantenimiento y alojamiento del portal web, 2.º trimestre de "
     "{year}", None, 0.15),
    (MARKETING, 9, 25, WEB, "Mantenimiento y alojamiento del portal web, 3.er trimestre de "
     "{year}", None, 0.15),
    (MARKETING, 12, 4, WEB, "Mantenimiento y alojamiento del portal web, 4.º trimestre de "
     "{year}", None, 0.15),
    (OTHER, 1, 15, "Correduría de Seguros Cántabra, S.L.", "Seguro de responsabilidad civil y "
     "de accidentes de la Oficina ({year})", None, 1.0),
    (OTHER, 2, 9, "Software de Gestión Norte, S.L.", "Licencias de software de gestión de "
     "proyectos y CRM ({year})", None, 0.8),
    (OTHER, 5, 7, STATIONERY, "Material de oficina y consumibles", None, 0.25),
    (OTHER, 7, 10, "Traducciones Lingua Cantabria, S.L.", "Traducción al inglés de propuestas "
     "europeas y materiales", None, 0.5),
    (OTHER, 10, 8, STATIONERY, "Material de oficina y consumibles", None, 0.25),
    (OTHER, 11, 5, "Centro de Negocios Bahía Santander, S.L.", "Alquiler de salas para "
     "reuniones y talleres con socios", None, 0.4),
    (OTHER, 12, 15, "Servicios Informáticos Pas, S.L.", "Imprevistos: sustitución de equipos "
     "informáticos averiados", None, 0.3),
]  # fmt: skip

ANNUAL_DAY = (
    "Jornada anual «Clústeres de Cantabria» {year}: sede, producción audiovisual y catering"
)
# What only happens in one year: category, month, day, supplier, description, cluster, weight
THIS_YEAR = {
    2024: [
        (CONSULTANCY, 2, 12, STRATEGISTS, "Diagnóstico, estrategia 2024-2027 y catálogo de "
         "servicios de GIRA", "gira", 1.2),
        (CONSULTANCY, 3, 4, NORTE, "Diagnóstico, estrategia 2024-2027 y catálogo de servicios "
         "de CINC", "cinc", 1.2),
        (CONSULTANCY, 3, 25, CIC, "Diagnóstico, estrategia 2024-2027 y catálogo de servicios "
         "de Sea of Innovation", "sea", 1.2),
        (CONSULTANCY, 4, 15, STRATEGISTS, "Diagnóstico, estrategia 2024-2027 y catálogo de "
         "servicios de MARCA", "marca", 1.2),
        (CONSULTANCY, 5, 6, NORTE, "Diagnóstico, estrategia 2024-2027 y catálogo de servicios "
         "de CANEX", "canex", 1.2),
        (CONSULTANCY, 5, 27, CIC, "Diagnóstico y plan de exportación de CONSERVEX",
         "conservex", 0.8),
        (MARKETING, 3, 5, WEB, "Rediseño del portal web de la Oficina y fichas de los seis "
         "clústeres", None, 2.0),
        (MARKETING, 4, 19, PRINTER, "Folletos y catálogo de servicios de los clústeres "
         "(impresión)", None, 0.8),
        (MARKETING, 6, 26, VIDEO, "Vídeo promocional «Clústeres de Cantabria»", None, 1.0),
        (MARKETING, 9, 12, AGENCY, "Campaña en LinkedIn para la captación de socios", None, 0.6),
        (MARKETING, 10, 3, PRINTER, "Roll-ups y material promocional para ferias", None, 0.4),
        (MARKETING, 12, 12, EVENTS, ANNUAL_DAY, None, 1.6),
    ],
    2025: [
        (CONSULTANCY, 4, 14, CIC, "Estrategia y catálogo de servicios de CONSERVEX",
         "conservex", 1.0),
        (CONSULTANCY, 5, 19, NORTE, "Estudio de mercados exteriores para bienes de equipo",
         "canex", 1.0),
        (CONSULTANCY, 6, 23, STRATEGISTS, "Diagnóstico de digitalización de las empresas de "
         "MARCA", "marca", 0.8),
        (CONSULTANCY, 7, 14, NORTE, "Hoja de ruta de proyectos de I+D del sector nuclear",
         "cinc", 0.8),
        (CONSULTANCY, 9, 22, CIC, "Plan de internacionalización de Sea of Innovation", "sea",
         0.8),
        (CONSULTANCY, 11, 14, "Evaluación de Políticas Públicas Norte, S.L.", "Evaluación "
         "intermedia del programa 2024-2027", None, 1.5),
        (TRAINING, 4, 10, BUSINESS_SCHOOL, "Etiquetado y exportación de conservas a Estados "
         "Unidos", "conservex", 0.6),
        (MARKETING, 2, 20, WEB, "Nueva sección de captación de socios en el portal web", None,
         0.8),
        (MARKETING, 4, 24, PRINTER, "Folletos del catálogo de servicios, edición 2025 "
         "(impresión)", None, 0.6),
        (MARKETING, 5, 22, AGENCY, "Boletín trimestral de convocatorias: diseño y envío", None,
         0.5),
        (MARKETING, 9, 18, AGENCY, "Campaña en LinkedIn y prensa regional para la captación "
         "de socios", None, 0.7),
        (MARKETING, 10, 16, VIDEO, "Vídeos de casos de éxito de empresas socias", None, 1.0),
        (MARKETING, 11, 20, EVENTS, ANNUAL_DAY, None, 1.8),
    ],
    2026: [
        (CONSULTANCY, 3, 3, NORTE, "Estudio de viabilidad de un clúster TIC en Cantabria",
         None, 1.6),
        (CONSULTANCY, 5, 5, STRATEGISTS, "Mapa de capacidades y empresas de biotecnología de "
         "Cantabria", None, 1.0),
        (CONSULTANCY, 6, 9, CIC, "Plan de servicios de proyectos de I+D de GIRA", "gira", 0.7),
        (CONSULTANCY, 9, 15, STRATEGISTS, "Acompañamiento a la renovación de la etiqueta de "
         "excelencia de GIRA", "gira", 0.6),
        (CONSULTANCY, 11, 30, NORTE, "Revisión de la estrategia de MARCA para 2027", "marca",
         0.8),
        (CONSULTANCY, 12, 10, CIC, "Preparación de la evaluación final del programa", None,
         1.0),
        (TRAINING, 4, 15, "Universidad de Cantabria", "Doctorados industriales: formación de "
         "doctorandos en empresas socias", None, 1.2),
        (TRAINING, 9, 10, FP_BESAYA, "Formación dual: segunda promoción de aprendices en "
         "empresas de GIRA", "gira", 1.1),
        (MARKETING, 2, 19, AGENCY, "Campaña «Únete a un clúster» en prensa regional y redes "
         "sociales", None, 0.9),
        (MARKETING, 4, 16, PRINTER, "Folletos del catálogo de servicios, edición 2026 "
         "(impresión)", None, 0.6),
        (MARKETING, 6, 11, VIDEO, "Vídeos de casos de éxito, segunda serie", None, 0.9),
        (MARKETING, 9, 17, AGENCY, "Campaña en LinkedIn para la captación de socios", None,
         0.6),
        (MARKETING, 11, 19, EVENTS, ANNUAL_DAY, None, 1.8),
    ],
}  # fmt: skip

# The one expenditure that took a category over its year's budget.
OVERSPEND = (date(2024, 12, 12), MARKETING)
OVERSPEND_JUSTIFICATION = (
    "La jornada anual reunió a 240 inscritos, el doble de lo previsto: se cambió de sede y se "
    "amplió la producción audiovisual. El exceso de marketing en 2024 lo compensa la baja "
    "ejecución de otros costes; en 2025 se pedirá una reasignación."
)

# Stands at fairs, with the trip to each: month, day, fair, city, cluster, size
FAIRS_BY_YEAR = {
    2024: [(3, 18, "Alimentaria Barcelona", "Barcelona", "marca", 1.1),
           (4, 22, "Hannover Messe", "Hannover", "canex", 1.2),
           (4, 23, "Seafood Expo Global", "Barcelona", "conservex", 0.9),
           (5, 14, "Navalia Vigo", "Vigo", "sea", 1.1),
           (6, 18, "Salón de Automoción de Vigo", "Vigo", "gira", 1.0)],
    2025: [(3, 31, "Hannover Messe", "Hannover", "canex", 1.2),
           (4, 7, "Salón Gourmets Madrid", "Madrid", "marca", 0.8),
           (5, 6, "Seafood Expo Global", "Barcelona", "conservex", 0.9),
           (6, 17, "Salón de Automoción de Vigo", "Vigo", "gira", 1.0),
           (11, 4, "World Nuclear Exhibition Paris", "París", "cinc", 1.6)],
    2026: [(3, 23, "Alimentaria Barcelona", "Barcelona", "marca", 1.1),
           (4, 20, "Hannover Messe", "Hannover", "canex", 1.2),
           (4, 21, "Seafood Expo Global", "Barcelona", "conservex", 0.9),
           (5, 12, "Navalia Vigo", "Vigo", "sea", 1.1),
           (6, 16, "Salón de Automoción de Vigo", "Vigo", "gira", 1.0)],
}  # fmt: skip
STAND_BUILDERS = ["Stands Atlántico Montajes, S.L.", "Montajes Feriales Cantabria, S.L."]

MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip


# --- key results ----------------------------------------------------------------------

A, P, N = ResultStatus.ACHIEVED, ResultStatus.IN_PROGRESS, ResultStatus.NOT_STARTED
# key result -> year -> status of gira, cinc, sea, marca, canex, conservex
RESULT_STATUSES = {
    KeyResult.DEDICATED_MANAGEMENT: {2024: "APPPPP", 2025: "APPPPP", 2026: "APPPPP"},
    KeyResult.STRATEGY: {2024: "APPPPN", 2025: "AAAAAP", 2026: "AAAAAA"},
    KeyResult.KEY_SERVICES: {2024: "PPPPPN", 2025: "APAPPP", 2026: "AAAAPP"},
    KeyResult.POSITIONING: {2024: "PPPPPN", 2025: "APPPPP", 2026: "APAPPP"},
}
CODES = {"A": A, "P": P, "N": N}

EVIDENCE = {
    (KeyResult.DEDICATED_MANAGEMENT, A): "Gestor de clúster a tiempo completo ({manager}) desde "
    "{since}; coordina la Junta Directiva y el catálogo de servicios.",
    (KeyResult.DEDICATED_MANAGEMENT, P): "{manager} atiende el clúster a media jornada desde "
    "{since}; la dedicación completa depende de la contratación prevista en el programa.",
    (KeyResult.DEDICATED_MANAGEMENT, "none"): "Sin gestor propio: lo atiende la Directora "
    "Ejecutiva mientras se cubre el puesto.",
    (KeyResult.STRATEGY, A): "Estrategia y catálogo de servicios aprobados por la Junta "
    "Directiva del clúster.",
    (KeyResult.STRATEGY, P): "Diagnóstico y talleres con los socios hechos con apoyo de "
    "consultora; falta la aprobación de la Junta Directiva.",
    (KeyResult.STRATEGY, N): "Pendiente de la incorporación de la gestora del consorcio.",
    (KeyResult.KEY_SERVICES, A): "Catálogo completo en marcha: encuentros, proyectos conjuntos, "
    "formación, ferias y boletín de convocatorias.",
    (KeyResult.KEY_SERVICES, P): "Ferias y difusión de convocatorias en marcha; encuentros y "
    "proyectos conjuntos todavía esporádicos.",
    (KeyResult.KEY_SERVICES, N): "Sin servicios propios todavía: solo ferias agrupadas puntuales.",
    (KeyResult.POSITIONING, A): "Perfil en la ECCP, etiqueta de excelencia y proyectos con la "
    "Universidad de Cantabria y el CTC.",
    (KeyResult.POSITIONING, P): "Presente en los foros de la RIS3; pocos proyectos con la "
    "universidad y los centros tecnológicos.",
    (KeyResult.POSITIONING, N): "Sin relación estable con la universidad ni con los centros "
    "tecnológicos.",
}


# --- action plan ----------------------------------------------------------------------

# The plan is the Office's, typed in Spanish with the English of the strategy's Table 5
# beside it: each title and owner is (Spanish, English).
GOVERNMENT = (
    "Gobierno de Cantabria (SODERCAN o DGIDTEI)",
    "Government of Cantabria (SODERCAN or DGIDTEI)",
)
OFFICE_ENTRUSTED = (
    "Equipo de la Oficina de Promoción de Clústeres (por encargo del Gobierno regional)",
    "Cluster Promotion Office team (entrusted by Regional Government)",
)
OFFICE_TEAM = ("Equipo de la Oficina de Promoción de Clústeres", "Cluster Promotion Office team")
DGIDTEI = ("DGIDTEI", "DGIDTEI")
MONITORING = (
    "Seguimiento, evaluación y medidas correctoras",
    "Monitoring, evaluation and corrective measures.",
)
DONE, LATE, PLANNED, RUNNING, CANCELLED = (
    ActionStatus.DONE,
    ActionStatus.LATE,
    ActionStatus.PLANNED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.CANCELLED,
)
OFFICE, NETWORK = Measure.CLUSTER_OFFICE, Measure.BROKER_NETWORK
ONWARDS = date(2027, 12, 1)  # the end of the current programme

# The network's actions are dated as they happened: the grant call CINB-2024 launched the
# network, whose brokers work from 1 January 2025.
# measure, title, start, end, owner, status, progress, deliverable, notes
TABLE_5 = [
    (OFFICE, ("Elaboración del plan estratégico", "Development of strategic plan."),
     date(2019, 7, 1), None, GOVERNMENT, DONE, 100,
     "Plan estratégico de la Oficina: visión, misión y objetivos estratégicos",
     "Elaborado con los clústeres en tres talleres de cocreación."),
    (OFFICE, ("Definición de la estructura de gobernanza y puesta en marcha de la Oficina",
              "Definition of governance structure and establishment of the Office."),
     date(2019, 10, 1), None, GOVERNMENT, DONE, 100,
     "Estructura de gobernanza aprobada y Directora Ejecutiva nombrada el 1/10/2019",
     "Consejo de Dirección y Comité Asesor constituidos."),
    (OFFICE, ("Elaboración de un programa de clústeres", "Development of a cluster programme."),
     date(2020, 1, 1), None, OFFICE_ENTRUSTED, DONE, 100,
     "Primer programa de clústeres con sus actividades, seguimiento y evaluación", ""),
    (OFFICE, ("Ejecución de las actividades de la Oficina de Promoción de Clústeres",
              "Implementation of Cluster Promotion Office activities."),
     date(2020, 1, 1), ONWARDS, OFFICE_TEAM, RUNNING, None, "",
     "Estrategias y catálogos de servicios de los clústeres, formación, ferias y captación de "
     "socios; continúa con el programa 2024-2027."),
    (NETWORK, ("Diseño y publicación de la convocatoria de ayudas para seleccionar a los "
               "agentes de innovación",
               "Definition and launch of grant call to select innovation brokers."),
     date(2024, 9, 1), None, DGIDTEI, DONE, 100,
     "Convocatoria CINB-2024, publicada en el Boletín Oficial de Cantabria en septiembre de 2024",
     ""),
    (NETWORK, ("Selección de los agentes de innovación", "Selection of innovation brokers."),
     date(2024, 12, 1), None, DGIDTEI, DONE, 100,
     "Resolución de la convocatoria CINB-2024 en diciembre de 2024: diez entidades de acogida, "
     "una por comarca", ""),
    (NETWORK, ("Definición de los servicios", "Definition of services."), date(2024, 12, 1), None,
     ("Todos los agentes implicados, bajo la dirección de la DGIDTEI",
      "All stakeholders involved led by DGIDTEI"), DONE, 100,
     "Catálogo de servicios de los agentes de innovación",
     "Acordado con la universidad, los centros tecnológicos y las entidades de acogida "
     "seleccionadas."),
    (NETWORK, ("Plan de comunicación para la difusión de la Red",
               "Communication plan for the dissemination of information on the Network."),
     date(2025, 1, 1), None,
     ("DGIDTEI en colaboración con los agentes implicados",
      "DGIDTEI in collaboration with stakeholders involved"), DONE, 100,
     "Plan de comunicación de la Red y presentación en las diez comarcas", ""),
    (NETWORK, ("Prestación de los servicios", "Provision of services."), date(2025, 1, 1),
     ONWARDS, ("Red de Agentes de Innovación", "Network of Innovation Brokers"), RUNNING, None,
     "",
     "Convenios de la convocatoria CINB-2024 del 1/1/2025 al 31/12/2026, a los que seguirán los "
     "de la segunda convocatoria; los agentes registran sus servicios en sus comarcas y se "
     "reúnen cada dos meses."),
]  # fmt: skip
MONITORING_OWNERS = {
    OFFICE: OFFICE_ENTRUSTED,
    NETWORK: (
        "DGIDTEI y Red de Agentes de Innovación",
        "DGIDTEI and Network of Innovation Brokers",
    ),
}

# Actions of the current programme as they stand in late autumn 2026: measure, title, start,
# end, owner, status, progress, notes. _as_of() tells how they stand on the day of seeding.
CURRENT_ACTIONS = [
    (OFFICE, ("Perfiles de MARCA y de los consorcios de exportación en la European Cluster "
              "Collaboration Platform",
              "Profiles of MARCA and the export consortia on the European Cluster "
              "Collaboration Platform."),
     date(2025, 3, 1), date(2025, 9, 1), OFFICE_TEAM, LATE, 60,
     "Los perfiles de MARCA y CANEX están en revisión en la plataforma; CONSERVEX preparará el "
     "suyo cuando complete su catálogo de servicios."),
    (OFFICE, ("Promoción de una nueva organización clúster TIC",
              "Promotion of a new ICT cluster organisation."),
     date(2026, 1, 1), date(2026, 9, 1), OFFICE_TEAM, LATE, 40,
     "Estudio de viabilidad entregado en marzo; falta el acuerdo fundacional de las empresas "
     "TIC, que se espera para el primer trimestre de 2027."),
    (OFFICE, ("Promoción de una nueva organización clúster de biotecnología",
              "Promotion of a new biotechnology cluster organisation."),
     date(2027, 1, 1), date(2027, 12, 1), OFFICE_TEAM, PLANNED, 0,
     "Partirá del mapa de capacidades y empresas de biotecnología de Cantabria."),
    (OFFICE, ("Renovación de la etiqueta de bronce de GIRA", "Renewal of GIRA's bronze label."),
     date(2026, 9, 1), date(2026, 12, 1), OFFICE_TEAM, RUNNING, 50,
     "Autoevaluación ESCA hecha; visita de evaluación pendiente."),
    (OFFICE, ("Evaluación final y planificación del próximo programa cuatrienal",
              "Final evaluation and planning of the next four-year programme."),
     date(2027, 9, 1), date(2027, 12, 1), OFFICE_ENTRUSTED, PLANNED, 0, ""),
    (NETWORK, ("Segunda convocatoria de ayudas para agentes de innovación",
               "Second grant call for innovation brokers."),
     date(2026, 10, 1), date(2026, 12, 1), DGIDTEI, RUNNING, 30,
     "Convocatoria abierta para los convenios de 2027 y 2028; se resolverá en diciembre, antes "
     "de que terminen los de la convocatoria CINB-2024."),
]  # fmt: skip

# The yearly monitoring of both measures: Table 5's rounds in June, the current programme's
# from February, when the evaluation of the year before starts, to June, when it is
# approved. The network works from 2025: its earlier rounds in Table 5 were cancelled.
# year of the round, title, status for the Office, for the network (None: no round), notes
YEARLY = (
    "Seguimiento, evaluación y medidas correctoras del año {last}",
    "Yearly monitoring, evaluation and corrective measures ({last}).",
)
MONITORING_ROUNDS = [
    (2020, MONITORING, DONE, CANCELLED, ""),
    (2021, MONITORING, DONE, CANCELLED, ""),
    (2022, MONITORING, DONE, CANCELLED, ""),
    (2024, YEARLY, DONE, None, ""),
    (2025, YEARLY, DONE, None, ""),
    # Done on any day: demo.monitoring always seeds the evaluation of 2025 approved.
    (2026, YEARLY, DONE, DONE, "Evaluación anual de 2025 hecha en el portal y aprobada por la "
     "DGIDTEI, con una medida correctora para cada indicador desviado."),
    (2027, YEARLY, PLANNED, PLANNED, ""),
]  # fmt: skip
NO_NETWORK = "Sin seguimiento: la Red empezó a funcionar en 2025, tras la convocatoria CINB-2024."
REPORT = "Informe de seguimiento y evaluación de {last} con medidas correctoras"


# --- governance -----------------------------------------------------------------------

OFFICE_NAME = "Oficina de Promoción de Clústeres de Cantabria"
DIRECTOR_GENERAL = "Alfonso Gutiérrez Pelayo"
# kind, name, description
BODIES = [
    (BodyKind.GOVERNMENT_DEPARTMENT,
     "Dirección General de Innovación, Desarrollo Tecnológico y Emprendimiento Industrial "
     "(DGIDTEI)",
     "Departamento del Gobierno de Cantabria al que está adscrita la Oficina: orienta su "
     "estrategia, aprueba los programas plurianuales y las reasignaciones de presupuesto y lleva "
     "su contabilidad."),
    (BodyKind.EXECUTIVE_DIRECTOR, "Dirección Ejecutiva de la Oficina",
     "Gestión diaria de la Oficina, de sus actividades y de su equipo; punto de contacto de "
     "todos los agentes del ecosistema regional de innovación."),
    (BodyKind.MANAGING_BOARD, "Consejo de Dirección de la Oficina",
     "La Directora Ejecutiva y los gestores de clúster. Planifica y ejecuta las actividades "
     "comunes de la red de clústeres y elabora los programas plurianuales bajo la supervisión "
     "del Gobierno regional."),
    (BodyKind.ADVISORY_COMMITTEE, "Comité Asesor de la Oficina",
     "Representantes de la universidad, los centros de investigación y tecnológicos y las "
     "empresas."),
]  # fmt: skip
GIRA_MANAGER_SINCE = date(2020, 2, 3)
# The cluster managers besides GIRA's (the demo user `manager`):
# cluster key, name, role, term from, term until
CLUSTER_MANAGERS = [
    ("cinc", "Fernando Quintana Ceballos", "Gestor de clúster – CINC", date(2020, 3, 2),
     date(2023, 6, 30)),
    ("cinc", "Lucía Portilla Arce", "Gestora de clúster – CINC", date(2023, 9, 1), None),
    ("sea", "Álvaro Setién Lavín", "Gestor de clúster – Sea of Innovation", date(2020, 3, 2),
     None),
    ("marca", "Beatriz Cobo Arronte", "Gestora de clúster – MARCA", date(2021, 1, 11), None),
    ("canex", "Sergio Villegas Mazón", "Gestor de clúster – CANEX", date(2024, 2, 1), None),
    ("conservex", "Nuria Pellón Incera", "Gestora de clúster – CONSERVEX", date(2025, 3, 3),
     None),
]  # fmt: skip
# Names in braces are the demo users'. body kind, name, role, organisation, term from, until
MEMBERS = [
    (BodyKind.GOVERNMENT_DEPARTMENT, DIRECTOR_GENERAL, "Director General", "DGIDTEI",
     date(2023, 7, 24), None),
    (BodyKind.GOVERNMENT_DEPARTMENT, "{official}", "Jefe de Servicio de Fomento de la "
     "Innovación", "DGIDTEI", date(2019, 6, 1), None),
    (BodyKind.EXECUTIVE_DIRECTOR, "{director}", "Directora Ejecutiva", OFFICE_NAME,
     date(2019, 10, 1), None),
    (BodyKind.MANAGING_BOARD, "{director}", "Presidenta (Directora Ejecutiva)", OFFICE_NAME,
     date(2019, 10, 1), None),
    (BodyKind.MANAGING_BOARD, "{manager}", "Gestor de clúster – GIRA", OFFICE_NAME,
     GIRA_MANAGER_SINCE, None),
    *[(BodyKind.MANAGING_BOARD, name, role, OFFICE_NAME, start, end)
      for _key, name, role, start, end in CLUSTER_MANAGERS],
    (BodyKind.ADVISORY_COMMITTEE, "{advisor}", "Vocal (universidad)", "Universidad de Cantabria",
     date(2020, 2, 1), None),
    (BodyKind.ADVISORY_COMMITTEE, "Ramón Echevarría Saiz", "Vocal (centro tecnológico)",
     "Fundación Centro Tecnológico de Componentes (CTC)", date(2020, 2, 1), None),
    (BodyKind.ADVISORY_COMMITTEE, "Isabel Cuesta Lavín", "Vocal (empresa)",
     "Forjas del Besaya, S.A.", date(2024, 1, 15), None),
    (BodyKind.ADVISORY_COMMITTEE, "Miguel Ángel Solana Mier", "Vocal (empresa)",
     "Lácteos Bahía de Santander, S.A.", date(2024, 1, 15), None),
    (BodyKind.ADVISORY_COMMITTEE, "Rosa Bárcena Velarde", "Vocal (SODERCAN)",
     "Sociedad para el Desarrollo Regional de Cantabria, S.A. (SODERCAN)", date(2020, 2, 1),
     None),
    (BodyKind.ADVISORY_COMMITTEE, "{director}", "Secretaria, sin voto (Directora Ejecutiva)",
     OFFICE_NAME, date(2020, 2, 1), None),
]  # fmt: skip
GOVERNMENT_ATTENDEES = (
    f"{DIRECTOR_GENERAL} (Director General)\n{{official}} (Jefe de Servicio)\n"
    "{director} (Directora Ejecutiva, invitada)"
)
COMMITTEE_ATTENDEES = (
    "{advisor} (Universidad de Cantabria)\nRamón Echevarría Saiz (CTC)\n"
    "Isabel Cuesta Lavín (Forjas del Besaya)\nMiguel Ángel Solana Mier (Lácteos Bahía)\n"
    "Rosa Bárcena Velarde (SODERCAN)\n{director} (secretaria)"
)
# A decision that approves something names it: "approval" (the programme's approval)
# or "reallocation" (the reallocation approved in 2025).
# body kind, date, attendees (None: the Managing Board's members that day), agenda, minutes,
# decisions
MEETINGS = [
    (BodyKind.MANAGING_BOARD, date(2023, 9, 20), None,
     "1. Borrador del Programa plurianual de clústeres 2024-2027.\n"
     "2. Presupuesto anual por partidas.\n3. Calendario de presentación a la DGIDTEI.",
     "La Directora Ejecutiva presenta el borrador, preparado con los gestores: cuatro años, "
     "clústeres inmaduros, los cuatro clústeres y los dos consorcios de exportación. Se discute "
     "el reparto entre consultoría y formación.",
     ["Aprobar el borrador del programa y presentarlo a la DGIDTEI antes del 20 de octubre de "
      "2023.",
      "Mantener las siete partidas anuales de la estrategia: 742.000 EUR al año."]),
    (BodyKind.MANAGING_BOARD, date(2023, 11, 13), None,
     "1. Observaciones de la DGIDTEI al programa (6/11/2023).\n"
     "2. Detalle de las acciones de formación.",
     "La DGIDTEI devuelve el programa pidiendo detallar la formación. Cada gestor propone sus "
     "cursos: industria 4.0 y formación dual (GIRA), calidad nuclear (CINC), eólica marina (Sea "
     "of Innovation), seguridad alimentaria (MARCA) y comercio exterior (CANEX).",
     ["Subir formación a 100.000 EUR anuales y bajar consultoría a 120.000 EUR.",
      "Volver a presentar el programa el 20 de noviembre de 2023."]),
    (BodyKind.MANAGING_BOARD, date(2024, 4, 16), None,
     "1. Arranque del programa 2024-2027.\n2. Estrategias de los clústeres.\n"
     "3. Ferias de 2024.",
     "Se revisan las estrategias contratadas en febrero y marzo; GIRA aprobará la suya en mayo. "
     "Se confirma el stand agrupado en Navalia y en el Salón de Automoción de Vigo.",
     ["Encargar las estrategias y catálogos de servicios pendientes antes de junio.",
      "Compartir un único proveedor de stands para todas las ferias de 2024."]),
    (BodyKind.MANAGING_BOARD, date(2024, 11, 12), None,
     "1. Ejecución presupuestaria a octubre.\n2. Jornada anual de clústeres.\n"
     "3. Plan de ferias 2025.",
     "Viajes y formación van por debajo de lo previsto. La jornada anual tiene el doble de "
     "inscritos de lo esperado.",
     ["Ampliar el aforo de la jornada anual y justificar el posible exceso de marketing.",
      "Incluir la World Nuclear Exhibition 2025 en el plan de ferias de CINC."]),
    (BodyKind.MANAGING_BOARD, date(2025, 3, 11), None,
     "1. Cierre de la ejecución de 2024.\n2. Gestora de CONSERVEX.\n3. Estrategias pendientes.",
     "Ejecución de 2024 cerrada: marketing al 104 %, otros costes por debajo del 40 %. Nuria "
     "Pellón Incera se incorpora como gestora de CONSERVEX a media jornada.",
     ["Dar por cerrada la ejecución de 2024 e informar a la DGIDTEI.",
      "Encargar la estrategia de CONSERVEX en abril."]),
    (BodyKind.MANAGING_BOARD, date(2025, 9, 9), None,
     "1. Ejecución a agosto.\n2. Reasignación de otros costes a marketing.\n"
     "3. Promoción de un clúster TIC.",
     "Marketing necesitará más de lo planificado por la jornada anual y los vídeos de casos de "
     "éxito; otros costes sigue por debajo del 50 %.",
     ["Pedir a la DGIDTEI la reasignación de 8.000 EUR de otros costes y contingencias a "
      "marketing en 2025.",
      "Encargar un estudio de viabilidad de un clúster TIC para 2026."]),
    (BodyKind.MANAGING_BOARD, date(2026, 4, 14), None,
     "1. Evaluación anual de 2025.\n2. Estudio de viabilidad del clúster TIC.\n"
     "3. Renovación de la etiqueta de GIRA.",
     "La evaluación de 2025 sigue el calendario: las encuestas a los socios y a las "
     "organizaciones atendidas por la Red se cerraron en marzo, y la auditoría de las cuentas "
     "de 2025 llegará a finales de abril. El estudio TIC recomienda seguir adelante.",
     ["Cerrar en mayo los indicadores de 2025, con sus conclusiones y medidas correctoras, y "
      "presentar la evaluación a la DGIDTEI para que la apruebe en junio.",
      "Preparar la renovación de la etiqueta bronce de GIRA en el último cuatrimestre."]),
    (BodyKind.MANAGING_BOARD, date(2026, 10, 20), None,
     "1. Ejecución a septiembre.\n2. Reasignación de viajes a formación.\n"
     "3. Segunda convocatoria de agentes de innovación.",
     "La formación dual y los cursos de industria 4.0 agotan la partida de formación; viajes va "
     "por debajo de lo previsto. La DGIDTEI tramita la segunda convocatoria de agentes de "
     "innovación, para 2027 y 2028: los convenios de la convocatoria CINB-2024 terminan en "
     "diciembre.",
     ["Pedir a la DGIDTEI la reasignación de 6.000 EUR de viajes a formación en 2026.",
      "Difundir la segunda convocatoria de agentes de innovación entre los socios de los "
      "clústeres."]),
    (BodyKind.GOVERNMENT_DEPARTMENT, date(2023, 12, 18), GOVERNMENT_ATTENDEES,
     "1. Programa plurianual de clústeres 2024-2027 (segunda presentación).",
     "Las acciones de formación están detalladas y su dotación, corregida.",
     [("Aprobar el Programa plurianual de clústeres 2024-2027: 742.000 EUR anuales, 2.968.000 "
       "EUR en cuatro años.", "approval")]),
    (BodyKind.GOVERNMENT_DEPARTMENT, date(2025, 10, 6), GOVERNMENT_ATTENDEES,
     "1. Reasignación de 8.000 EUR de otros costes y contingencias a marketing (2025).",
     "La reasignación no cambia el presupuesto anual.",
     [("Aprobar la reasignación de 8.000 EUR de otros costes y contingencias a acciones y "
       "materiales de marketing en 2025.", "reallocation")]),
    (BodyKind.ADVISORY_COMMITTEE, date(2024, 6, 25), COMMITTEE_ATTENDEES,
     "1. Presentación del programa 2024-2027.\n2. Informe de seguimiento de 2023.\n"
     "3. Aportaciones del comité.",
     "El comité valora el programa y pide más proyectos conjuntos con la universidad y los "
     "centros tecnológicos.",
     ["Recomendar proyectos conjuntos de I+D con la Universidad de Cantabria y el CTC en cada "
      "clúster."]),
    (BodyKind.ADVISORY_COMMITTEE, date(2025, 6, 24), COMMITTEE_ATTENDEES,
     "1. Resultados de 2024.\n2. Nuevos clústeres en TIC y biotecnología.",
     "Los socios crecen en casi todos los clústeres. Las empresas del comité ofrecen su "
     "experiencia a los nuevos clústeres.",
     ["Apoyar la promoción de un clúster TIC en 2026 y de uno de biotecnología en 2027."]),
]  # fmt: skip
