"""Demo broker network: the services the ten brokers delivered, needs, offers, matches
and the bimonthly meetings (issue 6, point 8).

The network works under the grant agreements of the resolved call CINB-2024
(demo.grant_calls), which run from 1 January of the year before the year of seeding Y to
the end of Y (demo.timeline moves the story to the year of seeding): each
broker logs services from the first day of their agreement up to yesterday. So the
network has worked the whole of Y - 1, the last complete year, and the months of Y so
far, and each year holds the same story whatever the day of seeding: a year that is
over has its districts' full shares, the current one the shares in proportion to its
working days elapsed (none on 1 January). The proportion is counted on the calendar of
the story's own year (demo.timeline.REFERENCE_YEAR), so the demo seeded on the same day
of the year has the same counts in any year.

- 1,500 service records a full year, withdrawn ones included: Santander 300 and
  Besaya 270, 105 to 135 in each rural district; on working days only (weekends,
  Cantabria's holidays and each broker's summer holidays excepted), fewer in the first
  months while the brokers present themselves, in August and at Christmas; service
  types weighted (advice, contacts and calls first), 1 to 3 organisations each,
  channel, hours, outcome, follow-ups (done, overdue and upcoming), referrals to the
  university and technology centres, funding programmes, a few that led to a cluster
  membership or project. Logged the same or the next working day by the broker; 51 a
  year corrected by the broker within the 30-day window or, 6 of them, later by the
  coordinator. 15 withdrawn with a reason in Y - 1 (two of them trials of the brokers'
  first days), the others of the list in proportion in Y.
- The local organisations brokers added from the quick-log form: companies of each
  district's municipalities with a valid CIF, dated and attributed to the service
  where they first appear.
- Each district's tailoring of the service catalogue, with local notes.
- 60 industry needs, half of each district's compiled in Y - 1 and the other half in Y
  in proportion (more of them open in the last months), 21 technology offers of the
  knowledge providers presented in Y - 1, and the matches followed to their result;
  need statuses follow the rules of brokers.matching.
- A meeting every two months from the agreements' start (six in Y - 1), with
  attendees, agenda, minutes, needs and challenges, success stories drawn from the
  data, and the next meeting planned (agenda only).
- The Costa Occidental broker has been on leave for the last five weeks, so the
  coordinator's page shows a district without recent activity (Y counts their share
  up to the leave).

Everything derives from a fixed random seed and the day of seeding. The audit trail
reads as it happened: history rows are written with the date and person of each
change. Idempotent: once the demo brokers have a service record or the demo coordinator
a meeting, the whole part is skipped.
"""

import bisect
import functools
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from brokers.models import (
    DistrictService,
    DistrictServiceOffer,
    GrantAgreement,
    IndustryNeed,
    MatchResult,
    NeedOfferMatch,
    NeedStatus,
    NetworkMeeting,
    ServiceType,
    TechnologyArea,
    TechnologyOffer,
)
from clusters.models import (
    ClusterProject,
    HelixType,
    Membership,
    MembershipKind,
    Organisation,
    SizeClass,
    name_key,
)
from clusters.validators import validate_nace_code, validate_tax_id
from demo.clusters import MUNICIPALITIES
from demo.common import keeping_dates, tax_id
from demo.grant_calls import reference
from demo.timeline import REFERENCE_YEAR, moved
from districts.models import District

SEED = 1_500
YEAR_SERVICES = 1_500  # in a full year of work
CORRECTIONS = 51  # records corrected in a full year of work
COORDINATOR = "coordinator"

# Records per district in a full year of work (1,500 in all): the two urban districts
# lead, every rural one has its share.
SHARES = {
    "santander": 300,
    "besaya": 270,
    "trasmiera": 135,
    "campoo-los-valles": 127,
    "costa-oriental": 127,
    "ason-aguera": 112,
    "valles-pasiegos": 112,
    "costa-occidental": 106,
    "saja-nansa": 106,
    "liebana": 105,
}
# A broker on sick leave for the last days up to yesterday (while the network runs).
LEAVE = {"costa-occidental": 36}

# code: weight among the types a district offers
TYPE_WEIGHTS = {
    "advice": 21,
    "contacts": 17,
    "calls": 17,
    "needs": 9,
    "matching": 8,
    "research_offer": 8,
    "training": 7,
    "good_practice": 6,
    "other": 5,
}
# The types each district does not offer (every district offers all the others).
NOT_OFFERED = {
    "campoo-los-valles": {"other"},
    "costa-occidental": {"other"},
    "costa-oriental": {"other"},
    "liebana": {"other", "training"},
    "saja-nansa": {"other", "training"},
    "trasmiera": {"other"},
    "valles-pasiegos": {"other"},
    "ason-aguera": {"other"},
}
LOCAL_NOTES = {
    ("santander", "matching"): "Con la OTRI de la Universidad de Cantabria y el CTC; prioridad "
    "a las empresas TIC, de biotecnología y de economía azul de la bahía.",
    ("santander", "calls"): "Boletín quincenal de convocatorias regionales, nacionales y "
    "europeas, con una sesión informativa al mes en la sede de la DGIDTEI.",
    ("besaya", "training"): "Cursos de automatización y robótica colaborativa con los centros "
    "de formación profesional de Torrelavega y Los Corrales de Buelna.",
    ("besaya", "needs"): "Diagnóstico de innovación en las empresas de los polígonos de "
    "Torrelavega, Reocín y Cartes.",
    ("campoo-los-valles", "needs"): "Diagnóstico compartido con las grandes forjas de Reinosa y "
    "sus proveedores; visitas también a las explotaciones de Valderredible.",
    ("costa-occidental", "advice"): "Atención en San Vicente de la Barquera y, cada quince días, "
    "en Comillas.",
    ("costa-oriental", "training"): "Formación técnica para conserveras y talleres navales de "
    "Castro-Urdiales, Laredo y Colindres.",
    ("liebana", "calls"): "Atención presencial los martes en Potes; las ayudas LEADER se tramitan "
    "con el Grupo de Acción Local.",
    ("liebana", "needs"): "Las carencias formativas que se detectan pasan al plan de formación "
    "del Grupo de Acción Local de Liébana.",
    ("saja-nansa", "needs"): "Las carencias formativas que se detectan pasan al plan de "
    "formación del Grupo de Acción Local Saja-Nansa.",
    ("saja-nansa", "contacts"): "Visitas concertadas en Cabezón de la Sal, Cabuérniga y "
    "Rionansa; muchas empresas no tienen sede abierta todo el día.",
    ("trasmiera", "matching"): "Con el Centro de Innovación Pesquera y Conservera de Santoña e "
    "IH Cantabria para conserveras y acuicultura.",
    ("valles-pasiegos", "advice"): "Seguridad alimentaria, envases y venta en línea para "
    "obradores y queserías.",
    ("ason-aguera", "research_offer"): "Presentación de la oferta del CTC y de la Escuela de "
    "Ingenieros Industriales en los talleres de Ampuero y Ramales.",
}

# The channels and hours usual for each type of service.
CHANNELS = {
    "advice": {"visit": 35, "meeting": 30, "phone": 25, "email": 10},
    "contacts": {"email": 35, "phone": 30, "meeting": 25, "visit": 10},
    "calls": {"email": 60, "event": 20, "phone": 15, "meeting": 5},
    "needs": {"visit": 60, "meeting": 30, "phone": 10},
    "matching": {"meeting": 55, "visit": 30, "email": 15},
    "research_offer": {"email": 40, "event": 35, "meeting": 25},
    "training": {"event": 70, "meeting": 30},
    "good_practice": {"event": 50, "visit": 30, "meeting": 20},
    "other": {"meeting": 30, "phone": 30, "email": 25, "visit": 15},
}
HOURS = {  # least, usual, most
    "advice": (1, 2, 3.5),
    "contacts": (0.5, 1, 2),
    "calls": (0.5, 0.5, 1.5),
    "needs": (1.5, 2, 4),
    "matching": (1.5, 2.5, 4.5),
    "research_offer": (0.5, 1, 2.5),
    "training": (3, 4, 6),
    "good_practice": (2, 3, 5),
    "other": (0.5, 1, 3),
}
FOLLOW_UP = {  # share of records with a follow-up date
    "advice": 0.35,
    "contacts": 0.3,
    "calls": 0.1,
    "needs": 0.4,
    "matching": 0.5,
    "research_offer": 0.2,
    "training": 0.2,
    "good_practice": 0.1,
    "other": 0.15,
}
FOLLOW_UP_DAYS = [7, 10, 14, 14, 15, 21, 30, 30, 45, 60]

# Outcomes: (template, weight). A template naming {provider} refers the organisation
# to that knowledge provider; one naming {programme} records the funding programme.
OUTCOMES = {
    "advice": [
        ("Asesoramiento sobre {programme}: {org} encaja en la línea de ayudas y prepara la "
         "solicitud con el apoyo del agente.", 4),
        ("Revisión del proyecto de {topic} de {org}; se le orienta hacia {programme} y se "
         "acuerda un calendario.", 3),
        ("Diagnóstico de innovación en {org}: prioridades acordadas en {topic}.", 3),
        ("Dudas resueltas sobre la justificación de {programme}; {org} envía la documentación "
         "pendiente.", 2),
        ("Orientación a {org} para financiar su proyecto de {topic}; se descarta {programme} por "
         "los plazos y se estudian alternativas.", 1),
        ("Asesoramiento a {org} sobre protección de resultados y acuerdos de confidencialidad "
         "antes de colaborar con {provider}.", 1),
    ],
    "contacts": [
        ("Puesta en contacto de {org} con {provider} para hablar de {topic}; primera reunión "
         "fijada.", 3),
        ("Se presenta a {org} una empresa de la comarca que puede ser su proveedora en "
         "{topic}.", 3),
        ("Contacto facilitado entre {org} y el clúster {cluster} para conocer sus servicios.", 2),
        ("{org} recibe el contacto del grupo de investigación de {provider} que trabaja en "
         "{topic}.", 1),
        ("Presentación de {org} al ayuntamiento para resolver un trámite de su ampliación.", 1),
    ],
    "calls": [
        ("Difusión de {programme} a {org}; pide información sobre plazos y gastos "
         "subvencionables.", 4),
        ("Envío del boletín mensual de convocatorias; {org} se interesa por {programme}.", 3),
        ("Sesión informativa sobre {programme} en {town}; {org} asiste y pide una reunión.", 2),
        ("Aviso a {org} del plazo de {programme}; decide no presentarse este año.", 1),
    ],
    "needs": [
        ("Visita a {org} para recoger sus necesidades de innovación en {topic}; se trasladan a "
         "la Red.", 3),
        ("Entrevista con la gerencia de {org}: necesidades en {topic} anotadas para buscar "
         "oferta.", 2),
        ("Necesidades de {org} en {topic} trasladadas a {provider} para su valoración.", 1),
    ],
    "matching": [
        ("Reunión de {org} con {provider} para estudiar su oferta en {topic}; se acuerda una "
         "propuesta técnica.", 3),
        ("Presentada a {org} la oferta de {provider} en {topic}; queda en valorarla con su "
         "equipo técnico.", 2),
    ],
    "research_offer": [
        ("Presentación a {org} de la oferta de {provider} en {topic}.", 3),
        ("Difusión de las capacidades de {provider} en {topic} entre empresas de la comarca; "
         "{org} pide más información.", 2),
    ],
    "training": [
        ("Detectada en {org} una carencia formativa en {course}; se propone un curso comarcal.", 3),
        ("Curso de {course} en {town} con {provider}; participa personal de {org}.", 2),
        ("Taller práctico de {course} para el personal de {org}.", 2),
    ],
    "good_practice": [
        ("Visita de {org} a otra empresa de la Red para conocer su experiencia en {topic}.", 3),
        ("Jornada de buenas prácticas en {topic} en {town}; {org} presenta su caso.", 2),
    ],
    "other": [
        ("Apoyo a {org} en la preparación de su candidatura a un premio regional de "
         "innovación.", 2),
        ("Acompañamiento a {org} en una reunión con el ayuntamiento sobre suelo industrial.", 2),
        ("Información a {org} sobre certificaciones de calidad y medio ambiente.", 2),
    ],
}  # fmt: skip

# What the brokers talk about with the companies of each district.
TOPICS = {
    "santander": ["digitalización de procesos", "inteligencia artificial aplicada",
                  "ciberseguridad", "economía azul", "biotecnología", "fabricación aditiva",
                  "eficiencia energética", "captación de talento tecnológico"],
    "besaya": ["automatización de líneas", "robótica colaborativa", "eficiencia energética",
               "control de calidad", "relevo del personal técnico", "recubrimientos",
               "economía circular"],
    "campoo-los-valles": ["diversificación industrial", "ensayos no destructivos",
                          "eficiencia energética", "formación de técnicos",
                          "transformación agroalimentaria", "componentes para la energía"],
    "costa-occidental": ["venta en línea", "seguridad alimentaria", "trazabilidad",
                         "transformación de la producción primaria", "turismo sostenible",
                         "envases"],
    "costa-oriental": ["automatización de las conserveras", "internacionalización",
                       "frío industrial", "formación técnica", "reparación naval",
                       "turismo activo"],
    "liebana": ["comercialización", "conectividad", "cooperación entre productores",
                "calidad diferenciada", "turismo rural", "envases y etiquetado"],
    "saja-nansa": ["valorización de la madera", "carne de razas autóctonas",
                   "digitalización de micropymes", "turismo de naturaleza",
                   "mecanizado de precisión"],
    "trasmiera": ["trazabilidad", "automatización", "relevo generacional", "acuicultura",
                  "seguridad alimentaria", "eficiencia energética"],
    "valles-pasiegos": ["seguridad alimentaria", "envases", "venta en línea",
                        "vida útil de los productos", "tratamiento de aguas", "madera local"],
    "ason-aguera": ["proveedores tecnológicos", "industria 4.0", "nuevos mercados",
                    "control dimensional", "turismo de cuevas", "acabados del mueble"],
}  # fmt: skip
COURSES = {
    "santander": ["ciberseguridad básica", "herramientas de inteligencia artificial",
                  "gestión de proyectos de I+D", "marketing digital"],
    "besaya": ["robótica colaborativa", "lean manufacturing", "gestión energética",
               "ciberseguridad básica"],
    "campoo-los-valles": ["soldadura", "ensayos no destructivos", "gestión energética"],
    "costa-occidental": ["seguridad alimentaria y APPCC", "comercio electrónico",
                         "etiquetado"],
    "costa-oriental": ["seguridad alimentaria y APPCC", "frío industrial", "exportación"],
    "trasmiera": ["seguridad alimentaria y APPCC", "automatización de procesos",
                  "exportación"],
    "valles-pasiegos": ["seguridad alimentaria y APPCC", "comercio electrónico",
                        "etiquetado"],
    "ason-aguera": ["lean manufacturing", "metrología", "marketing digital"],
}  # fmt: skip
CLUSTERS = {
    "santander": ["GIRA", "Sea of Innovation", "MARCA"],
    "besaya": ["GIRA"],
    "campoo-los-valles": ["CINC", "GIRA"],
    "costa-occidental": ["MARCA"],
    "costa-oriental": ["Sea of Innovation", "CINC"],
    "liebana": ["MARCA"],
    "saja-nansa": ["MARCA", "GIRA"],
    "trasmiera": ["MARCA", "Sea of Innovation"],
    "valles-pasiegos": ["MARCA"],
    "ason-aguera": ["GIRA", "CINC"],
}
# The knowledge providers each district works with, by short name (the first most).
PROVIDERS = {
    "santander": ["UC", "CTC", "IH Cantabria", "IDIVAL", "IBBTEC", "IFCA", "UNEATLÁNTICO"],
    "besaya": ["CTC", "UC", "LEIBE"],
    "campoo-los-valles": ["CTC", "UC"],
    "costa-occidental": ["CIFA", "UNEATLÁNTICO", "UC"],
    "costa-oriental": ["CTC", "IH Cantabria", "UC"],
    "liebana": ["CIFA", "UC"],
    "saja-nansa": ["CIFA", "CTC", "UC"],
    "trasmiera": ["CIPC Santoña", "IH Cantabria", "UC"],
    "valles-pasiegos": ["CIFA", "UC"],
    "ason-aguera": ["CTC", "UC"],
}
# How the text names a provider.
PROVIDER_NAMES = {
    "UC": "la Universidad de Cantabria",
    "CTC": "el CTC",
    "IH Cantabria": "IH Cantabria",
    "IDIVAL": "el IDIVAL",
    "IBBTEC": "el IBBTEC",
    "IFCA": "el IFCA",
    "UNEATLÁNTICO": "la Universidad Europea del Atlántico",
    "LEIBE": "el LEIBE",
    "CIFA": "el CIFA",
    "CIPC Santoña": "el Centro de Innovación Pesquera y Conservera de Santoña",
}
KIT_DIGITAL, INNOVA, I40, CHEQUES = (
    "Kit Digital",
    "Innova Cantabria (SODERCAN)",
    "Industria 4.0 (SODERCAN)",
    "Cheques de innovación (SODERCAN)",
)
CDTI, IDAE, LEADER, FEMPA, PERTE = (
    "Proyectos de I+D del CDTI",
    "Eficiencia energética en la industria (IDAE)",
    "Ayudas LEADER a proyectos productivos",
    "FEMPA: transformación de productos de la pesca",
    "PERTE Agroalimentario",
)
PROGRAMMES = {
    "santander": [KIT_DIGITAL, INNOVA, CDTI, "Neotec (CDTI)", "EIC Accelerator (Horizonte "
                  "Europa)", I40, CHEQUES],
    "besaya": [I40, KIT_DIGITAL, INNOVA, CDTI, IDAE, CHEQUES],
    "campoo-los-valles": [I40, IDAE, LEADER, KIT_DIGITAL, CDTI],
    "costa-occidental": [KIT_DIGITAL, LEADER, FEMPA, PERTE],
    "costa-oriental": [FEMPA, KIT_DIGITAL, I40, INNOVA],
    "liebana": [LEADER, KIT_DIGITAL, PERTE],
    "saja-nansa": [LEADER, KIT_DIGITAL, CHEQUES],
    "trasmiera": [FEMPA, KIT_DIGITAL, PERTE, INNOVA],
    "valles-pasiegos": [LEADER, KIT_DIGITAL, PERTE],
    "ason-aguera": [I40, KIT_DIGITAL, LEADER, CHEQUES],
}  # fmt: skip

# --- the local organisations brokers add from the quick-log form ---------------------

# How a company named after its municipality shortens the name.
PLACE_IN_NAME = {
    "Hermandad de Campoo de Suso": "Campoo de Suso", "San Vicente de la Barquera": "San Vicente",
    "Los Corrales de Buelna": "Buelna", "Ramales de la Victoria": "Ramales",
    "Cillorigo de Liébana": "Cillorigo", "Santa María de Cayón": "Cayón",
    "Santa Cruz de Bezana": "Bezana", "Corvera de Toranzo": "Toranzo",
    "Marina de Cudeyo": "Cudeyo", "Medio Cudeyo": "Cudeyo", "Cabezón de la Sal": "Cabezón",
    "Campoo de Enmedio": "Campoo", "San Felices de Buelna": "Buelna",
    "Arenas de Iguña": "Iguña", "Alfoz de Lloredo": "Lloredo",
}  # fmt: skip
# trade, NACE code
TRADES = {
    "santander": [("Ingeniería", "71.12"), ("Software", "62.01"), ("Consultoría Tecnológica",
                  "70.22"), ("Instalaciones Eléctricas", "43.21"), ("Talleres", "33.12"),
                  ("Transportes", "49.41"), ("Comercial Alimentaria", "46.39"),
                  ("Laboratorio", "71.20"), ("Climatización", "43.22"),
                  ("Construcciones Metálicas", "25.11"), ("Artes Gráficas", "18.12"),
                  ("Diseño Industrial", "74.10")],
    "besaya": [("Mecanizados", "25.62"), ("Talleres", "33.12"), ("Calderería", "25.29"),
               ("Transportes", "49.41"), ("Electricidad Industrial", "43.21"),
               ("Recubrimientos", "25.61"), ("Matricería", "25.73"), ("Plásticos", "22.29"),
               ("Automatización", "28.99"), ("Quesería", "10.51"),
               ("Carpintería Metálica", "25.12")],
    "campoo-los-valles": [("Mecanizados", "25.62"), ("Calderería", "25.29"),
                          ("Embutidos", "10.13"), ("Quesería", "10.51"), ("Miel", "01.49"),
                          ("Transportes", "49.41"), ("Turismo Rural", "55.20"),
                          ("Instalaciones", "43.21"), ("Carpintería", "16.23"),
                          ("Cooperativa Ganadera", "01.41")],
    "costa-occidental": [("Conservas", "10.20"), ("Pescados", "46.38"), ("Quesería", "10.51"),
                         ("Embutidos", "10.13"), ("Turismo", "79.90"), ("Hotel", "55.10"),
                         ("Carpintería", "16.23"), ("Construcciones", "41.20"),
                         ("Viveros", "01.30"), ("Talleres", "33.12")],
    "costa-oriental": [("Conservas", "10.20"), ("Anchoas", "10.20"), ("Talleres Navales",
                       "33.15"), ("Frío", "28.25"), ("Mecanizados", "25.62"),
                       ("Turismo Activo", "93.29"), ("Hotel", "55.10"), ("Pescados", "46.38"),
                       ("Construcciones", "41.20")],
    "liebana": [("Orujos", "11.01"), ("Quesería", "10.51"), ("Miel", "01.49"),
                ("Embutidos", "10.13"), ("Casa Rural", "55.20"), ("Hotel", "55.10"),
                ("Turismo Activo", "93.29"), ("Bodega", "11.02"), ("Carpintería", "16.23"),
                ("Conservas Vegetales", "10.39")],
    "saja-nansa": [("Aserradero", "16.10"), ("Carpintería", "16.23"), ("Cárnicas", "10.11"),
                   ("Embutidos", "10.13"), ("Mecanizados", "25.62"), ("Casa Rural", "55.20"),
                   ("Turismo Activo", "93.29"), ("Cooperativa Ganadera", "01.42"),
                   ("Miel", "01.49")],
    "trasmiera": [("Conservas", "10.20"), ("Salazones", "10.20"), ("Quesería", "10.51"),
                  ("Acuicultura", "03.21"), ("Envases", "25.92"), ("Hotel", "55.10"),
                  ("Camping", "55.30"), ("Talleres", "33.12"), ("Viveros", "01.30"),
                  ("Restaurante", "56.10")],
    "valles-pasiegos": [("Obrador", "10.71"), ("Quesería", "10.51"), ("Lácteos", "10.51"),
                        ("Cárnicas", "10.13"), ("Carpintería", "16.23"),
                        ("Turismo Rural", "55.20"), ("Maquinaria Agrícola", "46.61"),
                        ("Cooperativa Ganadera", "01.41"), ("Construcciones", "41.20")],
    "ason-aguera": [("Mecanizados", "25.62"), ("Calderería", "25.29"), ("Muebles", "31.09"),
                    ("Embutidos", "10.13"), ("Carpintería", "16.23"), ("Turismo Activo",
                    "93.29"), ("Casa Rural", "55.20"), ("Transportes", "49.41"),
                    ("Quesería", "10.51")],
}  # fmt: skip
# How many local companies each broker may add (only those served are created).
NEW_LOCAL = {
    "santander": 14,
    "besaya": 12,
    "campoo-los-valles": 12,
    "costa-occidental": 14,
    "costa-oriental": 12,
    "liebana": 12,
    "saja-nansa": 14,
    "trasmiera": 12,
    "valles-pasiegos": 14,
    "ason-aguera": 14,
}
SURNAMES = [
    "Abascal", "Arce", "Argüeso", "Bárcena", "Bedoya", "Bolado", "Bustamante", "Cagigas",
    "Calderón", "Campuzano", "Cayón", "Ceballos", "Cianca", "Cobo", "Cossío", "Cuesta",
    "Cuétara", "Diestro", "Escalante", "Gandarillas", "Gándara", "Haya", "Herrán", "Incera",
    "Lastra", "Lavín", "Llano", "Mantecón", "Mazón", "Mier", "Noriega", "Obregón", "Pacheco",
    "Pellón", "Pereda", "Quintana", "Rábago", "Revilla", "Rueda", "Sañudo", "Setién",
    "Sierra", "Solana", "Terán", "Toca", "Trueba", "Velarde", "Villegas",
]  # fmt: skip
URBAN_SIZES = {SizeClass.MICRO: 45, SizeClass.SMALL: 38, SizeClass.MEDIUM: 14, SizeClass.LARGE: 3}
RURAL_SIZES = {SizeClass.MICRO: 72, SizeClass.SMALL: 23, SizeClass.MEDIUM: 5}

# --- needs, offers and matches ---------------------------------------------------------

ICT, MANUFACTURING, ENERGY, BIOTECH, AGRIFOOD, MARINE, TOURISM, OTHER = (
    TechnologyArea.ICT,
    TechnologyArea.ADVANCED_MANUFACTURING,
    TechnologyArea.ENERGY,
    TechnologyArea.BIOTECHNOLOGY,
    TechnologyArea.AGRIFOOD,
    TechnologyArea.MARINE,
    TechnologyArea.TOURISM,
    TechnologyArea.OTHER,
)

# district, NACE prefixes of the company, title, description, sector, technology area
NEEDS = [
    ("santander", "62", "Analítica de datos para mantenimiento predictivo",
     "Pyme de software que quiere incorporar modelos de aprendizaje automático a su producto de "
     "mantenimiento industrial y busca un grupo de investigación que valide los algoritmos.",
     "Software industrial", ICT),
    ("santander", "30 33 71", "Ensayos de fatiga en uniones soldadas para estructuras flotantes",
     "Empresa que fabrica componentes para eólica marina flotante y necesita caracterizar la "
     "fatiga de uniones soldadas en ambiente marino.", "Construcción naval", MARINE),
    ("santander", "10", "Reducción del consumo de agua en la limpieza de líneas",
     "Industria láctea que busca tecnologías para reutilizar el agua de limpieza CIP y reducir "
     "el vertido.", "Lácteos", ENERGY),
    ("santander", "72 21", "Validación clínica de un biomarcador",
     "Empresa de biotecnología que necesita acceso a muestras y a un grupo clínico para validar "
     "un biomarcador de sepsis.", "Biotecnología", BIOTECH),
    ("santander", "25 28", "Fabricación aditiva de repuestos metálicos",
     "Taller que quiere fabricar repuestos descatalogados por fabricación aditiva y necesita "
     "cualificar el material.", "Metalmecánica", MANUFACTURING),
    ("santander", "52", "Gemelo digital de la operativa portuaria",
     "Empresa de servicios portuarios que quiere simular la ocupación de los muelles para "
     "planificar la estiba.", "Logística portuaria", ICT),
    ("santander", "35 43", "Almacenamiento térmico para autoconsumo industrial",
     "Instaladora que busca soluciones de almacenamiento térmico para clientes industriales "
     "con autoconsumo fotovoltaico.", "Energía", ENERGY),
    ("santander", "62", "Ciberseguridad en redes de planta",
     "Empresa TIC que necesita un banco de pruebas para validar su solución de ciberseguridad "
     "en redes industriales (OT).", "Ciberseguridad", ICT),
    ("santander", "46 10", "Envases compostables para producto fresco",
     "Distribuidora alimentaria que busca envases compostables con barrera suficiente para "
     "producto fresco.", "Distribución alimentaria", AGRIFOOD),
    ("besaya", "25", "Visión artificial para detectar defectos en piezas forjadas",
     "Forja que quiere inspeccionar el 100 % de las piezas a la salida de la prensa.", "Forja",
     MANUFACTURING),
    ("besaya", "29", "Alternativas al cromo hexavalente en recubrimientos",
     "Proveedor de automoción que necesita sustituir el cromo hexavalente en el recubrimiento "
     "de ejes.", "Automoción", MANUFACTURING),
    ("besaya", "20", "Valorización de un subproducto salino",
     "Química que busca usos para un subproducto que hoy gestiona como residuo.", "Química",
     ENERGY),
    ("besaya", "10", "Vida útil de postres lácteos sin conservantes",
     "Láctea que quiere alargar la vida útil de una gama sin conservantes artificiales.",
     "Lácteos", AGRIFOOD),
    ("besaya", "27", "Ensayos de compatibilidad electromagnética",
     "Fabricante de electrónica de potencia que necesita ensayos previos a la certificación.",
     "Electrónica", MANUFACTURING),
    ("besaya", "28 62", "Robots colaborativos en pequeñas series",
     "Empresa de automatismos que busca apoyo técnico para desplegar robots colaborativos en "
     "pymes con series cortas.", "Automatización", MANUFACTURING),
    ("besaya", "24 25", "Recuperación del calor residual de los hornos",
     "Fundición que quiere aprovechar el calor de los hornos para precalentar la carga.",
     "Fundición", ENERGY),
    ("besaya", "49", "Optimización de rutas de transporte frigorífico",
     "Transportista que busca un sistema de planificación de rutas con restricciones de "
     "temperatura.", "Transporte", ICT),
    ("campoo-los-valles", "24 25", "Inspección por ultrasonidos de grandes piezas forjadas",
     "Forja de grandes piezas que necesita automatizar la inspección de ejes de más de diez "
     "metros.", "Siderometalurgia", MANUFACTURING),
    ("campoo-los-valles", "28", "Recubrimientos resistentes a la erosión para turbinas",
     "Fabricante de componentes de turbinas que busca recubrimientos para sus álabes.",
     "Bienes de equipo", MANUFACTURING),
    ("campoo-los-valles", "10.1", "Secaderos de embutidos con menos consumo",
     "Cárnica que quiere reducir el consumo energético de sus secaderos sin perder calidad.",
     "Cárnicos", ENERGY),
    ("campoo-los-valles", "10.5", "Nuevo producto con mantequilla de Campoo",
     "Quesería que quiere desarrollar un untable y necesita apoyo para formularlo.", "Lácteos",
     AGRIFOOD),
    ("campoo-los-valles", "01", "Conservación de la patata de Valderredible",
     "Productor que busca cómo alargar la campaña sin antigerminantes químicos.", "Agricultura",
     AGRIFOOD),
    ("campoo-los-valles", "43 35", "Microrred eléctrica para un polígono industrial",
     "Instaladora que estudia con varias empresas del polígono una microrred con "
     "almacenamiento.", "Energía", ENERGY),
    ("costa-occidental", "10.2 46", "Trazabilidad del bocarte desde la lonja",
     "Conservera que quiere seguir cada lote desde la lonja de San Vicente hasta la lata.",
     "Conservas", MARINE),
    ("costa-occidental", "10.1", "Embutidos con menos sal",
     "Fabricante de embutidos que quiere reducir la sal un 25 % sin perder seguridad "
     "alimentaria.", "Cárnicos", AGRIFOOD),
    ("costa-occidental", "62", "Tienda en línea compartida para productores",
     "Empresa de software que propone una tienda en línea común para los productores de la "
     "comarca.", "Comercio electrónico", ICT),
    ("costa-occidental", "10.5", "Aprovechamiento del lactosuero",
     "Láctea que busca salidas para el suero de su quesería.", "Lácteos", AGRIFOOD),
    ("costa-occidental", "79 55 93", "Visitas de turismo industrial y marinero",
     "Empresa turística que quiere diseñar visitas a conserveras y a la lonja.", "Turismo",
     TOURISM),
    ("costa-oriental", "10.2", "Automatización del fileteado de anchoa",
     "Conservera que quiere automatizar parte del fileteado manual sin dañar el producto.",
     "Conservas", AGRIFOOD),
    ("costa-oriental", "33 30", "Mantenimiento predictivo de motores de pesqueros",
     "Varadero que quiere monitorizar los motores de la flota para anticipar averías.",
     "Reparación naval", MARINE),
    ("costa-oriental", "28", "Frío industrial con refrigerantes naturales",
     "Empresa de frío que necesita validar instalaciones con CO2 para sus clientes "
     "conserveros.", "Frío industrial", ENERGY),
    ("costa-oriental", "25", "Soldadura de aceros dúplex",
     "Metalúrgica que necesita cualificar procedimientos de soldadura para el sector "
     "offshore.", "Metal", MANUFACTURING),
    ("costa-oriental", "13", "Redes de pesca con materiales reciclados",
     "Fabricante de redes que busca un material reciclado con la resistencia necesaria.",
     "Pesca", MARINE),
    ("costa-oriental", "79 93 55", "Reservas conjuntas de turismo activo",
     "Empresa de turismo activo que quiere una plataforma común de reservas con los "
     "alojamientos de la comarca.", "Turismo", TOURISM),
    ("trasmiera", "10.2", "Control rápido de histamina en la recepción de pescado",
     "Conservera que busca un método rápido para controlar la histamina de cada partida.",
     "Conservas", AGRIFOOD),
    ("trasmiera", "03", "Cultivo de algas junto a las bateas",
     "Empresa de acuicultura que estudia cultivar algas en la bahía.", "Acuicultura", MARINE),
    ("trasmiera", "25.9", "Barniz interior sin bisfenol para latas",
     "Fabricante de envases metálicos que necesita validar un barniz sin bisfenol A.",
     "Envases", MANUFACTURING),
    ("trasmiera", "10.5", "Maduración controlada de quesos",
     "Quesería artesana que quiere seguir la maduración con sensores de bajo coste.",
     "Quesería", AGRIFOOD),
    ("trasmiera", "10.2", "Aprovechamiento de cabezas y espinas de anchoa",
     "Conservera que busca un uso para los subproductos del fileteado.", "Conservas", MARINE),
    ("trasmiera", "55 56", "Eficiencia energética de alojamientos de costa",
     "Hotel que quiere reducir su factura energética fuera de temporada.", "Turismo", ENERGY),
    ("ason-aguera", "25.6", "Medición en máquina para reducir rechazos",
     "Taller de mecanizado que necesita control dimensional automático.", "Mecanizado",
     MANUFACTURING),
    ("ason-aguera", "31 16", "Barnices al agua para muebles",
     "Fábrica de muebles que quiere sustituir los barnices con disolventes.", "Mueble",
     MANUFACTURING),
    ("ason-aguera", "10.1", "Etiquetado y venta a distancia de embutidos",
     "Fabricante de embutidos que necesita apoyo con el etiquetado y la venta en línea.",
     "Cárnicos", AGRIFOOD),
    ("ason-aguera", "25.2", "Homologación como proveedor del sector energético",
     "Calderería que quiere homologarse para fabricar para centrales y parques eólicos.",
     "Calderería", ENERGY),
    ("ason-aguera", "93 55 79", "Visita virtual a las cuevas del Asón",
     "Empresa turística que quiere digitalizar la visita a las cuevas.", "Turismo", TOURISM),
    ("valles-pasiegos", "10.7", "Vida útil de los sobaos sin aditivos",
     "Obrador que quiere alargar la vida útil de sus sobaos sin conservantes.", "Obradores",
     AGRIFOOD),
    ("valles-pasiegos", "10.5", "Ordeño automático para explotaciones pequeñas",
     "Láctea que busca soluciones de ordeño asequibles para sus ganaderos.", "Lácteos",
     AGRIFOOD),
    ("valles-pasiegos", "11 46", "Envases más ligeros con material reciclado",
     "Embotelladora que quiere reducir el peso de sus envases.", "Bebidas", MANUFACTURING),
    ("valles-pasiegos", "10.1", "Depuración de las aguas de la cárnica",
     "Cárnica que necesita mejorar el tratamiento de sus aguas residuales.", "Cárnicos",
     ENERGY),
    ("valles-pasiegos", "16", "Madera de la comarca para uso estructural",
     "Carpintería que quiere certificar madera local para construcción.", "Madera",
     MANUFACTURING),
    ("saja-nansa", "16", "Secado de madera para usos estructurales",
     "Aserradero que busca un proceso de secado para producir madera estructural.", "Madera",
     MANUFACTURING),
    ("saja-nansa", "10.1", "Trazabilidad de la carne de Tudanca",
     "Empresa cárnica que quiere garantizar el origen de la carne de raza tudanca con una "
     "etiqueta digital.", "Cárnicos", AGRIFOOD),
    ("saja-nansa", "25", "Mecanizado de piezas de aluminio para automoción",
     "Taller que quiere ampliar su oferta a piezas de aluminio y necesita validar el "
     "proceso.", "Metal", MANUFACTURING),
    ("saja-nansa", "10.1 01", "Venta directa de carne por internet",
     "Productor que quiere vender carne envasada al vacío en línea.", "Cárnicos", ICT),
    ("saja-nansa", "55 93", "Rutas micológicas sostenibles",
     "Empresa de turismo que quiere organizar rutas micológicas con criterios de "
     "sostenibilidad.", "Turismo", TOURISM),
    ("liebana", "11", "Control del metanol en la destilación del orujo",
     "Destilería que quiere controlar mejor el metanol en cada destilación.", "Orujo",
     AGRIFOOD),
    ("liebana", "10.5", "Maduración en cueva del queso picón",
     "Quesería que quiere monitorizar la temperatura y la humedad de su cueva.", "Quesería",
     AGRIFOOD),
    ("liebana", "10.8 01", "Caracterización de la miel de Liébana",
     "Productor que quiere acreditar el origen botánico de su miel para diferenciarla.",
     "Miel", AGRIFOOD),
    ("liebana", "55 93 79", "Conectividad para alojamientos rurales",
     "Alojamiento rural sin cobertura suficiente que busca soluciones de conectividad.",
     "Turismo", ICT),
    ("liebana", "11 10", "Envases y etiquetas para vender en Europa",
     "Productor que quiere adaptar envases y etiquetas a la venta en otros países.",
     "Agroalimentación", OTHER),
]  # fmt: skip

# provider (short name), title, description, technology area, contact
OFFERS = [
    ("UC", "Aprendizaje automático para mantenimiento predictivo",
     "Modelos de predicción de fallos a partir de los datos de sensores de máquinas y "
     "procesos.", ICT, "OTRI de la Universidad de Cantabria"),
    ("UC", "Ciberseguridad de sistemas de control industrial",
     "Auditoría y pruebas de seguridad de redes de planta en un laboratorio propio.", ICT,
     "OTRI de la Universidad de Cantabria"),
    ("UC", "Ensayos de materiales y fatiga (LADICIM)",
     "Caracterización mecánica, fatiga y fractura de materiales y uniones soldadas.",
     MANUFACTURING, "OTRI de la Universidad de Cantabria"),
    ("UC", "Planificación de rutas y logística",
     "Algoritmos de optimización para rutas de reparto y planificación de flotas.", ICT,
     "OTRI de la Universidad de Cantabria"),
    ("CTC", "Fabricación aditiva metálica",
     "Diseño, fabricación y cualificación de piezas metálicas por fabricación aditiva.",
     MANUFACTURING, "Área de fabricación avanzada del CTC"),
    ("CTC", "Visión artificial para el control de calidad",
     "Sistemas de inspección en línea con visión artificial e inteligencia artificial.",
     MANUFACTURING, "Área de digitalización del CTC"),
    ("CTC", "Ensayos de compatibilidad electromagnética",
     "Preensayos de compatibilidad electromagnética y prototipado electrónico.",
     MANUFACTURING, "Laboratorio de electrónica del CTC"),
    ("CTC", "Eficiencia energética en procesos industriales",
     "Auditorías energéticas, recuperación de calor y almacenamiento térmico.", ENERGY,
     "Área de energía del CTC"),
    ("IH Cantabria", "Ensayos en el Gran Tanque de Ingeniería Marítima",
     "Ensayos de estructuras flotantes, amarres y componentes en oleaje y corriente.", MARINE,
     "Unidad de transferencia de IH Cantabria"),
    ("IH Cantabria", "Calidad del agua y tratamiento de vertidos",
     "Diagnóstico de vertidos, reutilización de agua y soluciones de depuración.", ENERGY,
     "Unidad de transferencia de IH Cantabria"),
    ("IH Cantabria", "Cultivos marinos sostenibles",
     "Estudios de emplazamiento y diseño de cultivos de algas y bivalvos.", MARINE,
     "Unidad de transferencia de IH Cantabria"),
    ("CIFA", "Tecnología de productos lácteos",
     "Formulación, vida útil y planta piloto para queserías y obradores.", AGRIFOOD,
     "Servicio de transferencia del CIFA"),
    ("CIFA", "Trazabilidad y calidad de razas autóctonas",
     "Identificación genética y calidad de la carne de razas autóctonas de Cantabria.",
     AGRIFOOD, "Servicio de transferencia del CIFA"),
    ("CIFA", "Caracterización de mieles",
     "Análisis polínico y fisicoquímico para acreditar el origen de la miel.", AGRIFOOD,
     "Servicio de transferencia del CIFA"),
    ("CIPC Santoña", "Seguridad y calidad del pescado en conserva",
     "Métodos rápidos de control de histamina y de calidad de la materia prima.", AGRIFOOD,
     "Laboratorio del CIPC de Santoña"),
    ("CIPC Santoña", "Valorización de subproductos pesqueros",
     "Aprovechamiento de cabezas, espinas y aceites para alimentación animal y cosmética.",
     MARINE, "Laboratorio del CIPC de Santoña"),
    ("LEIBE", "Ensayos de recubrimientos y corrosión",
     "Cámaras de niebla salina y ensayos de adherencia y espesor de recubrimientos.",
     MANUFACTURING, "Laboratorio de Ensayos Industriales del Besaya"),
    ("IDIVAL", "Biobanco y validación clínica",
     "Acceso a muestras y a grupos clínicos del Hospital Valdecilla para validar productos "
     "sanitarios y biomarcadores.", BIOTECH, "Unidad de innovación del IDIVAL"),
    ("IBBTEC", "Fermentaciones y biotecnología microbiana",
     "Control de fermentaciones y selección de levaduras para bebidas y alimentos.", BIOTECH,
     "Unidad de transferencia del IBBTEC"),
    ("UNEATLÁNTICO", "Comercio electrónico para pequeños productores",
     "Diseño de tiendas en línea, logística de envío y marketing digital.", ICT,
     "Oficina de transferencia de la Universidad Europea del Atlántico"),
    ("UNEATLÁNTICO", "Diseño de productos turísticos sostenibles",
     "Diseño y digitalización de experiencias turísticas y estudios de demanda.", TOURISM,
     "Oficina de transferencia de la Universidad Europea del Atlántico"),
]  # fmt: skip
# The offers that can answer each need (needs not named here have none yet).
FITS = {
    "Analítica de datos para mantenimiento predictivo": [
        "Aprendizaje automático para mantenimiento predictivo"],
    "Ensayos de fatiga en uniones soldadas para estructuras flotantes": [
        "Ensayos de materiales y fatiga (LADICIM)",
        "Ensayos en el Gran Tanque de Ingeniería Marítima"],
    "Reducción del consumo de agua en la limpieza de líneas": [
        "Calidad del agua y tratamiento de vertidos"],
    "Validación clínica de un biomarcador": ["Biobanco y validación clínica"],
    "Fabricación aditiva de repuestos metálicos": ["Fabricación aditiva metálica"],
    "Gemelo digital de la operativa portuaria": [
        "Planificación de rutas y logística",
        "Aprendizaje automático para mantenimiento predictivo"],
    "Almacenamiento térmico para autoconsumo industrial": [
        "Eficiencia energética en procesos industriales"],
    "Ciberseguridad en redes de planta": ["Ciberseguridad de sistemas de control industrial"],
    "Visión artificial para detectar defectos en piezas forjadas": [
        "Visión artificial para el control de calidad"],
    "Alternativas al cromo hexavalente en recubrimientos": [
        "Ensayos de recubrimientos y corrosión"],
    "Vida útil de postres lácteos sin conservantes": ["Tecnología de productos lácteos"],
    "Ensayos de compatibilidad electromagnética": ["Ensayos de compatibilidad electromagnética"],
    "Robots colaborativos en pequeñas series": ["Visión artificial para el control de calidad"],
    "Recuperación del calor residual de los hornos": [
        "Eficiencia energética en procesos industriales"],
    "Optimización de rutas de transporte frigorífico": ["Planificación de rutas y logística"],
    "Inspección por ultrasonidos de grandes piezas forjadas": [
        "Visión artificial para el control de calidad",
        "Ensayos de materiales y fatiga (LADICIM)"],
    "Recubrimientos resistentes a la erosión para turbinas": [
        "Ensayos de recubrimientos y corrosión"],
    "Secaderos de embutidos con menos consumo": ["Eficiencia energética en procesos industriales"],
    "Nuevo producto con mantequilla de Campoo": ["Tecnología de productos lácteos"],
    "Microrred eléctrica para un polígono industrial": [
        "Eficiencia energética en procesos industriales"],
    "Trazabilidad del bocarte desde la lonja": ["Seguridad y calidad del pescado en conserva"],
    "Embutidos con menos sal": ["Trazabilidad y calidad de razas autóctonas"],
    "Tienda en línea compartida para productores": [
        "Comercio electrónico para pequeños productores"],
    "Aprovechamiento del lactosuero": ["Tecnología de productos lácteos"],
    "Visitas de turismo industrial y marinero": ["Diseño de productos turísticos sostenibles"],
    "Automatización del fileteado de anchoa": ["Visión artificial para el control de calidad"],
    "Mantenimiento predictivo de motores de pesqueros": [
        "Aprendizaje automático para mantenimiento predictivo"],
    "Frío industrial con refrigerantes naturales": [
        "Eficiencia energética en procesos industriales"],
    "Soldadura de aceros dúplex": ["Ensayos de materiales y fatiga (LADICIM)"],
    "Reservas conjuntas de turismo activo": [
        "Diseño de productos turísticos sostenibles",
        "Comercio electrónico para pequeños productores"],
    "Control rápido de histamina en la recepción de pescado": [
        "Seguridad y calidad del pescado en conserva"],
    "Cultivo de algas junto a las bateas": ["Cultivos marinos sostenibles"],
    "Barniz interior sin bisfenol para latas": ["Ensayos de recubrimientos y corrosión"],
    "Maduración controlada de quesos": ["Tecnología de productos lácteos"],
    "Aprovechamiento de cabezas y espinas de anchoa": ["Valorización de subproductos pesqueros"],
    "Eficiencia energética de alojamientos de costa": [
        "Eficiencia energética en procesos industriales"],
    "Medición en máquina para reducir rechazos": ["Visión artificial para el control de calidad"],
    "Barnices al agua para muebles": ["Ensayos de recubrimientos y corrosión"],
    "Etiquetado y venta a distancia de embutidos": [
        "Comercio electrónico para pequeños productores"],
    "Homologación como proveedor del sector energético": [
        "Ensayos de materiales y fatiga (LADICIM)"],
    "Visita virtual a las cuevas del Asón": ["Diseño de productos turísticos sostenibles"],
    "Vida útil de los sobaos sin aditivos": ["Tecnología de productos lácteos"],
    "Depuración de las aguas de la cárnica": ["Calidad del agua y tratamiento de vertidos"],
    "Trazabilidad de la carne de Tudanca": ["Trazabilidad y calidad de razas autóctonas"],
    "Mecanizado de piezas de aluminio para automoción": ["Fabricación aditiva metálica"],
    "Venta directa de carne por internet": ["Comercio electrónico para pequeños productores"],
    "Rutas micológicas sostenibles": ["Diseño de productos turísticos sostenibles"],
    "Control del metanol en la destilación del orujo": [
        "Fermentaciones y biotecnología microbiana"],
    "Maduración en cueva del queso picón": ["Tecnología de productos lácteos"],
    "Caracterización de la miel de Liébana": ["Caracterización de mieles"],
}  # fmt: skip
OFFERS_AT_LAUNCH = 9  # presented to the brokers in their first weeks, the others later that year
NO_FIT_REASONS = [
    "el coste del desarrollo supera lo que la empresa puede asumir este año",
    "el grupo no tiene disponibilidad hasta dentro de varios meses",
    "la empresa necesita una solución comercial, no un desarrollo a medida",
    "la escala de la empresa es demasiado pequeña para la prueba piloto",
]

# --- meetings ------------------------------------------------------------------------

# The meetings of the 24 months of the agreements in order (six a year): place, agenda,
# minutes, needs and challenges, a success story. {figures} in the minutes is replaced by
# the network's activity since the last meeting.
MEETINGS = [
    ("Sede de la DGIDTEI, Santander",
     "1. Bienvenida de la Dirección General y presentación de los diez agentes.\n"
     "2. El catálogo de servicios de la Red y su adaptación a cada comarca.\n"
     "3. El registro de servicios en el portal: registro rápido desde el móvil y plazo de "
     "corrección de 30 días.\n"
     "4. Oferta tecnológica de la Universidad de Cantabria y de los centros tecnológicos.\n"
     "5. Calendario de reuniones bimestrales. Ruegos y preguntas.",
     "Primera reunión de la Red tras la firma de los diez convenios. La Dirección General "
     "recuerda el objetivo de la medida: llevar la innovación a todas las comarcas, en "
     "especial a las rurales, con la colaboración de la universidad, la industria y la "
     "administración.\n\n"
     "Cada agente presenta su plan para los tres primeros meses: presentación en ayuntamientos "
     "y asociaciones, visitas a empresas y diagnóstico de necesidades. La coordinación explica "
     "el registro de servicios en el portal y el plazo de 30 días para corregir un registro; "
     "la OTRI de la Universidad de Cantabria y el CTC presentan su oferta tecnológica.\n\n"
     "Acuerdos: cada comarca adapta el catálogo de servicios en las próximas semanas; las "
     "necesidades se registran en el portal para que toda la Red las vea.",
     "Cobertura móvil insuficiente en parte de Liébana y Saja-Nansa para registrar los "
     "servicios desde las empresas.\n"
     "Dudas sobre cómo registrar un servicio prestado a varias empresas a la vez.\n"
     "Falta un directorio común de contactos de los grupos de investigación.",
     ""),
    ("Cámara de Comercio de Torrelavega",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Actividad de las comarcas desde la última reunión.\n"
     "3. Primeras necesidades registradas y cómo casarlas con la oferta tecnológica.\n"
     "4. Convocatorias abiertas: Kit Digital, Innova Cantabria y ayudas LEADER.\n"
     "5. Ruegos y preguntas.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "Las comarcas rurales siguen en la fase de presentación y diagnóstico; Santander y "
     "Besaya ya trabajan con empresas que conocían de antes. Se acuerda el procedimiento de "
     "puesta en relación: el agente registra la necesidad en el portal y la coordinación "
     "propone, en una semana, las ofertas de la universidad o de los centros que pueden "
     "responder a ella. SODERCAN presenta el calendario de sus convocatorias de innovación.",
     "A las micropymes les cuesta dedicar tiempo a un diagnóstico de innovación.\n"
     "Las convocatorias regionales se concentran en pocas semanas y no se llega a todas las "
     "empresas interesadas.",
     "Varias empresas de Besaya y Santander presentan su solicitud al Kit Digital con el "
     "apoyo de los agentes."),
    ("Casa de Cultura de Reinosa",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Actividad de las comarcas.\n"
     "3. Carencias formativas detectadas y cursos comarcales del segundo semestre.\n"
     "4. Revisión conjunta de las necesidades abiertas de la Red.\n"
     "5. Visita a una empresa de bienes de equipo de Reinosa.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "Los agentes comparan las carencias formativas detectadas: automatización y robótica en "
     "las comarcas industriales, seguridad alimentaria y venta en línea en las "
     "agroalimentarias. Se acuerda organizar cursos comarcales compartidos con el CTC y el "
     "CIFA, abiertos a las empresas de las comarcas vecinas, y revisar una a una las "
     "necesidades abiertas de más de dos meses.",
     "Falta personal técnico cualificado en Campoo-Los Valles y Asón-Agüera.\n"
     "Algunas necesidades llevan más de dos meses abiertas sin una oferta que encaje.",
     "Primer curso comarcal compartido de seguridad alimentaria para pequeños productores de "
     "Valles Pasiegos y Costa Occidental."),
    ("Videoconferencia",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Balance del primer semestre.\n"
     "3. Seguimientos pendientes: cómo evitar que se acumulen.\n"
     "4. El verano: vacaciones y atención a las empresas.\n"
     "5. Ruegos y preguntas.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "Balance del primer semestre: todas las comarcas tienen actividad y las rurales suman "
     "más de la mitad de los servicios de la Red. La coordinación recuerda que los "
     "seguimientos vencidos aparecen en la página de inicio de cada agente y pide cerrarlos o "
     "reprogramarlos. En agosto las consultas urgentes se derivan al agente de la comarca "
     "vecina.",
     "Seguimientos vencidos acumulados en las comarcas con más actividad.\n"
     "En agosto muchas empresas cierran y la actividad baja.",
     "Las comarcas rurales suman más de la mitad de los servicios del semestre."),
    ("Sede del Grupo de Acción Local de Liébana, Potes",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Actividad de las comarcas después del verano.\n"
     "3. Buenas prácticas: venta conjunta de pequeños productores.\n"
     "4. Cursos comarcales compartidos del otoño.\n"
     "5. Visita a una quesería de Liébana.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "El agente de Liébana presenta la cooperación entre queserías, orujeras y apicultores "
     "para vender juntos en línea, que otras comarcas quieren replicar. La coordinación "
     "presenta el calendario de los cursos comarcales compartidos del otoño con el CTC y el "
     "CIFA.",
     "Los pequeños productores necesitan una logística compartida para la venta a distancia.\n"
     "Las empresas piden sesiones informativas fuera de Santander y Torrelavega.",
     "Queserías, orujeras y apicultores de Liébana venden juntos en línea."),
    ("Casa de Cultura de Santoña",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Actividad de las comarcas.\n"
     "3. Preparación del balance del primer año: indicadores por comarca.\n"
     "4. Plan de trabajo de la Red para el segundo año.\n"
     "5. Visita al Centro de Innovación Pesquera y Conservera de Santoña.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "La coordinación presenta los indicadores del balance del primer año y de la evaluación "
     "anual del programa: servicios y organizaciones atendidas por comarca, necesidades "
     "casadas y el peso de las comarcas rurales. Se pide revisar antes de fin de mes los "
     "registros con seguimientos vencidos y se recogen las propuestas de las comarcas para el "
     "plan de trabajo del segundo año.",
     "Las conserveras piden apoyo para automatizar sin perder el trabajo artesanal.\n"
     "Las comarcas rurales piden reforzar la atención en los municipios más alejados.",
     "Las conserveras de Trasmiera y Costa Oriental comparten con el CIPC de Santoña un "
     "diagnóstico común de automatización."),
    # The second year of the agreements.
    ("Sede de la DGIDTEI, Santander",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Balance del primer año por comarca.\n"
     "3. Plan de trabajo del segundo año: más peso de las comarcas rurales y de la "
     "formación.\n"
     "4. Calendario de la evaluación anual del programa.\n"
     "5. Ruegos y preguntas.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "La coordinación presenta el balance del primer año: todas las comarcas han prestado "
     "servicios todos los meses y las rurales suman más de la mitad de los de la Red. Se "
     "aprueba el plan de trabajo del segundo año, con más visitas a las comarcas rurales y un "
     "curso compartido cada trimestre, y se explica el calendario de la evaluación anual: "
     "cada agente revisa sus registros del año antes de fin de mes.",
     "Quedan seguimientos del primer año sin cerrar.\n"
     "Faltan ofertas tecnológicas para las necesidades del turismo y de la madera.",
     "Trasmiera, una comarca rural, es la tercera de la Red en servicios del primer año."),
    ("Sede de la Asociación de Empresarios de Castro-Urdiales",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Actividad de las comarcas.\n"
     "3. Convocatorias del año: Innova Cantabria, Industria 4.0, FEMPA y ayudas LEADER.\n"
     "4. Necesidades abiertas de más de dos meses.\n"
     "5. Visita a una conservera de Castro-Urdiales.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "SODERCAN presenta las convocatorias de innovación del año y los agentes acuerdan un "
     "calendario de sesiones informativas, una en cada comarca. Se revisan una a una las "
     "necesidades abiertas de más de dos meses y se proponen a la Universidad de Cantabria y "
     "a los centros tecnológicos las que no tienen oferta.",
     "Las convocatorias de la primavera coinciden con la campaña de la anchoa.\n"
     "Algunas necesidades del primer año siguen sin una oferta que encaje.",
     "Las sesiones informativas comarcales reúnen a empresas que nunca habían pedido una "
     "ayuda de innovación."),
    ("Sede del Grupo de Acción Local Saja-Nansa, Cabezón de la Sal",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Actividad de las comarcas.\n"
     "3. Buenas prácticas: la madera y la carne de las razas autóctonas.\n"
     "4. Cursos comarcales del segundo semestre.\n"
     "5. Visita a un aserradero de Saja-Nansa.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "La agente de Saja-Nansa presenta su trabajo con los aserraderos y las cárnicas de la "
     "comarca para dar valor a la madera y a la carne de razas autóctonas. Se acuerdan los "
     "cursos comarcales del segundo semestre, abiertos a las empresas de las comarcas "
     "vecinas.",
     "Las micropymes rurales tienen poca conectividad para vender en línea.\n"
     "Faltan técnicos de mantenimiento en las comarcas de interior.",
     "Aserraderos de Saja-Nansa estudian con el CIFA y el CTC producir madera estructural."),
    ("Videoconferencia",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Balance del semestre.\n"
     "3. Seguimientos pendientes antes del verano.\n"
     "4. El verano: vacaciones y atención a las empresas.\n"
     "5. Ruegos y preguntas.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "Balance del semestre: muchas empresas atendidas el primer año vuelven a la Red y las "
     "comarcas rurales mantienen más de la mitad de los servicios. Como el año anterior, en "
     "agosto las consultas urgentes se derivan al agente de la comarca vecina; se pide cerrar "
     "o reprogramar los seguimientos vencidos antes de las vacaciones.",
     "Seguimientos vencidos acumulados antes del verano.\n"
     "En agosto muchas empresas cierran y la actividad baja.",
     "Varias empresas atendidas el primer año vuelven a la Red con un segundo proyecto."),
    ("Sede del Grupo de Acción Local Asón-Agüera-Trasmiera, Ramales de la Victoria",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Actividad de las comarcas después del verano.\n"
     "3. Buenas prácticas: talleres de la comarca como proveedores de la industria.\n"
     "4. Continuidad de la Red en 2027: convocatoria para las comarcas vacantes.\n"
     "5. Visita a un taller de mecanizado de Ampuero.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "La agente de Asón-Agüera presenta cómo ha puesto en contacto a los talleres de la "
     "comarca con la industria del Besaya, que ya les hace pedidos. La coordinación informa de "
     "que tres entidades de acogida no prorrogarán sus convenios en 2027 y de que se "
     "preparará una convocatoria para cubrir esas comarcas.",
     "Incertidumbre sobre la continuidad en las comarcas cuyas entidades de acogida no "
     "seguirán en 2027.\n"
     "Los talleres pequeños no pueden asumir las homologaciones que piden los grandes "
     "clientes.",
     "Talleres de Asón-Agüera entran como proveedores de empresas del Besaya."),
    ("Sede del Grupo de Acción Local Valles Pasiegos, Villacarriedo",
     "1. Aprobación del acta de la reunión anterior.\n"
     "2. Actividad de las comarcas.\n"
     "3. Balance del año y preparación de la evaluación anual: indicadores por comarca.\n"
     "4. Convocatoria para las comarcas vacantes en 2027.\n"
     "5. Visita a un obrador de Selaya.",
     "Se aprueba el acta de la reunión anterior. {figures}\n\n"
     "La coordinación presenta los indicadores del año por comarca para la evaluación anual: "
     "servicios y organizaciones atendidas, necesidades casadas y el peso de las comarcas "
     "rurales. Se informa de la convocatoria para las comarcas vacantes en 2027; las otras "
     "siete entidades de acogida prorrogan sus convenios. Se pide revisar antes de fin de año "
     "los registros con seguimientos vencidos.",
     "Hay que asegurar la transición en las comarcas que cambian de entidad de acogida.\n"
     "Los obradores piden apoyo con los envases y la vida útil de sus productos.",
     "Obradores y queserías de Valles Pasiegos alargan la vida útil de sus productos con el "
     "CIFA."),
]  # fmt: skip
NEXT_MEETING = (
    "Sede de la DGIDTEI, Santander",
    "1. Aprobación del acta de la reunión anterior.\n"
    "2. Balance del año por comarca.\n"
    "3. Bienvenida a los agentes de las comarcas vacantes.\n"
    "4. Plan de trabajo de la Red para el próximo año.\n"
    "5. Ruegos y preguntas.",
)
MONTHS = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
]  # fmt: skip

# Records withdrawn in a full year of work (the trials only in the first): district, kind
WITHDRAWN = [
    ("santander", "trial"), ("besaya", "trial"), ("santander", "duplicate"),
    ("besaya", "duplicate"), ("besaya", "duplicate"), ("santander", "cancelled"),
    ("trasmiera", "duplicate"), ("campoo-los-valles", "wrong_organisation"),
    ("costa-oriental", "duplicate"), ("liebana", "coordinator"), ("valles-pasiegos", "duplicate"),
    ("ason-aguera", "cancelled"), ("saja-nansa", "coordinator"), ("costa-occidental", "duplicate"),
    ("besaya", "wrong_organisation"),
]  # fmt: skip
WITHDRAWAL_REASONS = {
    "trial": "Registro de prueba hecho en la sesión de formación del portal; no corresponde a "
    "ningún servicio.",
    "duplicate": "Registro duplicado: el mismo servicio ya consta en otro registro del mismo día.",
    "cancelled": "La visita se anuló a última hora y el servicio no llegó a prestarse.",
    "wrong_organisation": "Registrado con la empresa equivocada; el servicio se ha vuelto a "
    "registrar con la correcta.",
    "coordinator": "Retirado por la coordinación a petición del agente: el servicio se prestó "
    "junto con el agente de {other}, que ya lo había registrado.",
}
NEIGHBOURS = {"liebana": "Saja-Nansa", "saja-nansa": "Costa Occidental"}
EVENT_TYPES = {"calls", "training", "good_practice", "research_offer"}
# An outcome that starts so says how the service was delivered.
CHANNEL_OF = {
    "Visita": "visit",
    "Reunión": "meeting",
    "Entrevista": "meeting",
    "Sesión informativa": "event",
    "Jornada": "event",
    "Curso": "event",
    "Taller": "event",
    "Envío": "email",
}
PROVIDER_TYPES = (HelixType.UNIVERSITY, HelixType.RESEARCH_CENTRE)
ORGANISATION_WEIGHTS = {HelixType.COMPANY: 1.0, HelixType.ASSOCIATION: 0.35}
QUICK_ADD_REASON = "Added from a district service record"  # as brokers.district_services
FIXED_HOLIDAYS = [(1, 1), (1, 6), (5, 1), (7, 28), (8, 15), (9, 15), (10, 12), (11, 1), (12, 6),
                  (12, 8), (12, 25)]  # fmt: skip


# --- the calendar ---------------------------------------------------------------------


def _easter(year):
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, (b, c) = year % 19, divmod(year, 100)
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


@functools.cache
def holidays(year):
    """Cantabria's public holidays on fixed dates, Maundy Thursday and Good Friday."""
    easter = _easter(year)
    return frozenset({date(year, m, d) for m, d in FIXED_HOLIDAYS}) | {
        easter - timedelta(days=3),
        easter - timedelta(days=2),
    }


def is_working_day(day):
    return day.weekday() < 5 and day not in holidays(day.year)


@functools.cache
def _working_days(year):
    first = date(year, 1, 1)
    days = (first + timedelta(days=n) for n in range(366))
    return tuple(d for d in days if d.year == year and is_working_day(d))


def year_fraction(day):
    """The share of its year's working days before day, counted on the calendar of the
    story's own year: the same day of the year gives the same share in any year."""
    try:
        day = day.replace(year=REFERENCE_YEAR)
    except ValueError:  # 29 February
        day = day.replace(year=REFERENCE_YEAR, day=28)
    days = _working_days(REFERENCE_YEAR)
    return bisect.bisect_left(days, day) / len(days)


def year_done(year, today, leave=0):
    """How much of a year of work is done by today: all of a year that is over, else the
    share of its working days elapsed (for a broker on leave, up to the leave)."""
    if year < today.year:
        return 1
    until = today - timedelta(days=leave)
    return year_fraction(until) if until.year == year else 0


def yearly_services(start, today):
    """The service records (withdrawn ones included) of each year of work and district
    of a network working from start up to yesterday: {year: {district slug: count}}."""
    return {
        year: {
            slug: round(share * year_done(year, today, LEAVE.get(slug, 0)))
            for slug, share in SHARES.items()
        }
        for year in range(start.year, (today - timedelta(days=1)).year + 1)
    }


def _next_working_day(day):
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _activity(day, start):
    """How busy a broker is on a day: slow while they present themselves in the first
    months, growing with their network, quieter in August, at Christmas and at Easter."""
    elapsed = (day - start).days
    ramp = 0.35 if elapsed < 30 else 0.6 if elapsed < 61 else 0.85 if elapsed < 91 else 1.0
    season = 1.0
    if day.month == 8:
        season = 0.55
    elif (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 6):
        season = 0.4
    elif abs((day - _easter(day.year)).days) <= 7:
        season = 0.7
    return ramp * season * (1 + 0.15 * elapsed / 365)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _spanish(day):
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"


def _third_thursday(year, month):
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 14)


def _months_later(year, month, months):
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _dated_fields():
    """The fields of the network's records that the demo dates itself."""
    return [
        Organisation._meta.get_field("created_at"),
        DistrictService._meta.get_field("created_at"),
        IndustryNeed._meta.get_field("created_at"),
        TechnologyOffer._meta.get_field("created_at"),
        NeedOfferMatch._meta.get_field("matched_at"),
    ]


# --- history --------------------------------------------------------------------------


@dataclass
class _Event:
    """A change to a record: when, by whom, and the values its fields had before."""

    when: datetime
    user: User | None
    before: dict = field(default_factory=dict)
    reason: str | None = None


def _write_history(model, records):
    """Write the history of records, each a (saved instance, events) pair whose first
    event is the creation: one row per event, with the fields as they were then."""
    historical = model.history.model
    names = {f.attname for f in historical._meta.fields}
    attnames = [f.attname for f in model._meta.concrete_fields if f.attname in names]
    rows = []
    for instance, events in records:
        events = [events[0], *sorted(events[1:], key=lambda e: e.when)]
        for k, event in enumerate(events):
            state = {}
            for later in reversed(events[k + 1 :]):  # the nearest change wins
                state.update(later.before)
            values = {a: state.get(a, getattr(instance, a)) for a in attnames}
            rows.append(
                historical(
                    **values,
                    history_date=event.when,
                    history_user_id=event.user.pk if event.user else None,
                    history_type="+" if k == 0 else "~",
                    history_change_reason=event.reason,
                )
            )
    historical.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _bulk_create(model, objects):
    created = model.objects.bulk_create(objects, batch_size=500)
    if created and created[0].pk is None:  # every supported database returns the ids
        raise AssertionError(f"{model.__name__}.bulk_create returned no ids")
    return created


# --- what is planned before anything is saved -----------------------------------------


@dataclass
class _Broker:
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
class _Service:
    broker: _Broker
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
class _Need:
    broker: _Broker
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
class _Match:
    need: _Need
    offer: TechnologyOffer
    matched_at: datetime
    matched_by: User
    result: str = MatchResult.PENDING
    notes: str = ""
    recorded_at: datetime | None = None
    recorded_by: User | None = None
    cluster_project: ClusterProject | None = None


def _label(organisation):
    return organisation.short_name or organisation.legal_name.split(",")[0]


def _fill(template, **values):
    return template.format(**values).replace(" de el ", " del ").replace(" a el ", " al ")


class _Network:
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
            when = _at(day, rng.randint(13, 19), rng.choice([0, 5, 10, 20, 30, 40, 45, 50]))
        else:
            when = _at(_next_working_day(day), rng.randint(8, 10), rng.choice([0, 15, 30, 45]))
        return min(when, self.now - timedelta(minutes=rng.randint(5, 90)))

    def working_time(self, day, first=9, last=18):
        """A time of a working day on or after day, before the time of seeding."""
        while not is_working_day(day):
            day += timedelta(days=1)
        when = _at(day, self.rng.randint(first, last), self.rng.choice([0, 15, 30, 45]))
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
                records.append((offer, [_Event(when, broker.user)]))
        _bulk_create(DistrictServiceOffer, offers)
        _write_history(DistrictServiceOffer, records)
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

    # service records

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
            outcome = _fill(
                template,
                org=_label(organisations[0]),
                provider=PROVIDER_NAMES.get(provider.short_name, str(provider)) if provider else "",
                programme=programme,
                topic=rng.choice(TOPICS[slug]),
                course=rng.choice(COURSES.get(slug, ["gestión de la innovación"])),
                town=rng.choice(MUNICIPALITIES[slug]),
                cluster=rng.choice(CLUSTERS[slug]),
            )
        service = _Service(
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
                activity = [_activity(d, broker.start) for d in days]
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
                sources = [
                    s
                    for s in self.services
                    if s.broker is broker
                    and s.day.year == year
                    and not s.anchored
                    and s.withdrawn is None
                    and s.created_at < self.now - timedelta(days=2)
                ]
                if not sources:  # a year just begun
                    continue
                source = rng.choice(sources)
                service = _Service(
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
            service.corrections.append(_Event(when, user, before))

    # needs, offers and matches

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
        with keeping_dates(*_dated_fields()):
            _bulk_create(TechnologyOffer, offers)
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
                outcome=f"Visita a {_label(organisation)}: necesidad «{title}» registrada en "
                "la Red para buscar oferta.",
                anchored=True,
            )
            created_at = service.created_at + timedelta(minutes=rng.randint(3, 25))
            self.needs.append(
                _Need(
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
            outcome=f"Puesta en relación de {_label(need.organisation)} con "
            f"{PROVIDER_NAMES.get(offer.provider.short_name, str(offer.provider))} por la "
            f"necesidad «{need.title}».",
            provider=offer.provider,
            anchored=True,
        )
        matched_at = max(self.working_time(day, 9, 12), need.created_at + timedelta(hours=1))
        matched_at = min(matched_at, service.created_at - timedelta(minutes=5))
        matched_at = max(matched_at, need.created_at + timedelta(minutes=5))
        user = broker.user if rng.random() < 0.75 else self.coordinator
        match = _Match(need, offer, matched_at, user)
        result, recorded_at = self.result(day)
        if result != MatchResult.PENDING:
            org = _label(need.organisation)
            provider = PROVIDER_NAMES.get(offer.provider.short_name, str(offer.provider))
            match.result, match.recorded_at = result, recorded_at
            match.recorded_by = broker.user if rng.random() < 0.85 else self.coordinator
            if result == MatchResult.CONTACT_MADE:
                match.notes = _fill(
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
        offer is there; the needs' statuses follow brokers.matching's rules. Like the
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

    # links to cluster memberships and projects

    def links(self):
        """A few records that led to a cluster membership or a project partnership."""
        rng = self.rng
        brokers = {b.slug: b for b in self.brokers}
        start = self.start
        end = max(b.end for b in self.brokers)
        memberships = (
            Membership.objects.filter(
                kind=MembershipKind.FULL,
                start_date__gte=start + timedelta(days=14),
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
            day = broker.on_or_before(membership.start_date - timedelta(days=rng.randint(7, 30)))
            org, cluster = _label(membership.organisation), membership.cluster.acronym
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
        projects = ClusterProject.objects.filter(
            start_date__gt=start + timedelta(days=30), start_date__lte=end + timedelta(days=60)
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
                org = _label(partner)
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

    # saving

    def save_organisations(self):
        """The local companies brokers quick-added: those served, each dated and
        attributed to the record where it first appears."""
        candidates = {id(o): o for pool in self.pool.values() for o in pool if o.pk is None}
        first = {}
        for service in sorted(self.services, key=lambda s: s.created_at):
            for organisation in service.organisations:
                if id(organisation) in candidates and id(organisation) not in first:
                    first[id(organisation)] = service
        new = []
        for key, service in sorted(first.items(), key=lambda item: item[1].created_at):
            organisation = candidates[key]
            organisation.created_at = service.created_at - timedelta(minutes=1)
            new.append((organisation, service.broker.user))
        with keeping_dates(*_dated_fields()):
            _bulk_create(Organisation, [o for o, _user in new])
        _write_history(
            Organisation,
            [(o, [_Event(o.created_at, user, reason=QUICK_ADD_REASON)]) for o, user in new],
        )
        self.new_organisations = [o for o, _user in new]

    def save_services(self):
        self.services.sort(key=lambda s: (s.created_at, s.broker.slug))
        objects, records = [], []
        for s in self.services:
            withdrawn_at, withdrawn_by, reason = s.withdrawn or (None, None, "")
            record = DistrictService(
                broker=s.broker.user,
                district=s.broker.district,
                date=s.day,
                service_type=self.types[s.code],
                channel=s.channel,
                hours=s.hours,
                outcome=s.outcome,
                follow_up_on=s.follow_up_on,
                follow_up_done_at=s.follow_up_done_at,
                knowledge_provider=s.provider,
                funding_programme=s.programme,
                cluster_project=s.cluster_project,
                membership=s.membership,
                created_at=s.created_at,
                created_by=s.broker.user,
                withdrawn_at=withdrawn_at,
                withdrawn_by=withdrawn_by,
                withdrawal_reason=reason,
            )
            events = [_Event(s.created_at, s.broker.user), *s.corrections]
            if s.follow_up_done_at:
                events.append(
                    _Event(s.follow_up_done_at, s.broker.user, {"follow_up_done_at": None})
                )
            if withdrawn_at:
                events.append(
                    _Event(
                        withdrawn_at,
                        withdrawn_by,
                        {"withdrawn_at": None, "withdrawn_by_id": None, "withdrawal_reason": ""},
                    )
                )
            objects.append(record)
            records.append((record, events))
        with keeping_dates(*_dated_fields()):
            _bulk_create(DistrictService, objects)
        through = DistrictService.organisations.through
        through.objects.bulk_create(
            [
                through(districtservice_id=record.pk, organisation_id=organisation.pk)
                for record, s in zip(objects, self.services, strict=True)
                for organisation in s.organisations
            ],
            batch_size=1000,
        )
        return _write_history(DistrictService, records)

    def save_offers_history(self):
        """Offers nobody matched since long ago are withdrawn by the coordinator."""
        matched = {m.offer.pk for m in self.matches}
        records = []
        stale = [
            o
            for o in self.offers
            if o.pk not in matched and o.created_at < self.now - timedelta(days=150)
        ]
        withdrawn = {o.pk for o in stale[:2]}
        TechnologyOffer.objects.filter(pk__in=withdrawn).update(is_active=False)
        for offer in stale[:2]:
            offer.is_active = False
        for offer in self.offers:
            events = [_Event(offer.created_at, offer.created_by)]
            if offer.pk in withdrawn:
                when = self.working_time(
                    timezone.localdate(offer.created_at)
                    + timedelta(days=self.rng.randint(100, 140))
                )
                events.append(_Event(when, self.coordinator, {"is_active": True}))
            records.append((offer, events))
        _write_history(TechnologyOffer, records)
        return len(withdrawn)

    def save_needs_and_matches(self):
        needs, need_records = [], []
        for need in self.needs:
            events, status, live = (
                [_Event(need.created_at, need.broker.user)],
                NeedStatus.OPEN,
                set(),
            )
            changes = []
            for m in need.matches:
                changes.append((m.matched_at, m.matched_by, "match", m))
                if m.recorded_at:
                    changes.append((m.recorded_at, m.recorded_by, "result", m))
            if need.closed:
                changes.append((*need.closed, "close", None))
            for when, user, kind, m in sorted(changes, key=lambda c: c[0]):
                before = status
                if kind == "match":
                    live.add(id(m))
                    status = NeedStatus.MATCHED
                elif kind == "close":
                    status = NeedStatus.CLOSED
                elif m.result == MatchResult.NO_FIT:
                    live.discard(id(m))
                    if status == NeedStatus.MATCHED and not live:
                        status = NeedStatus.OPEN
                elif status == NeedStatus.OPEN:
                    status = NeedStatus.MATCHED
                if status != before:
                    events.append(_Event(when, user, {"status": before}))
            need.instance = IndustryNeed(
                district=need.broker.district,
                organisation=need.organisation,
                title=need.title,
                description=need.description,
                sector=need.sector,
                technology_area=need.area,
                status=status,
                compiled_by=need.broker.user,
                created_at=need.created_at,
            )
            needs.append(need.instance)
            need_records.append((need.instance, events))
        self.matches.sort(key=lambda m: m.matched_at)
        matches, match_records = [], []
        for m in self.matches:
            match = NeedOfferMatch(
                need=m.need.instance,
                offer=m.offer,
                matched_by=m.matched_by,
                matched_at=m.matched_at,
                result=m.result,
                result_notes=m.notes,
                cluster_project=m.cluster_project,
                result_recorded_at=m.recorded_at,
                result_recorded_by=m.recorded_by,
            )
            events = [_Event(m.matched_at, m.matched_by)]
            if m.recorded_at:
                pending = {
                    "result": MatchResult.PENDING,
                    "result_notes": "",
                    "cluster_project_id": None,
                    "result_recorded_at": None,
                    "result_recorded_by_id": None,
                }
                events.append(_Event(m.recorded_at, m.recorded_by, pending))
            matches.append(match)
            match_records.append((match, events))
        with keeping_dates(*_dated_fields()):
            _bulk_create(IndustryNeed, needs)
            _bulk_create(NeedOfferMatch, matches)
        _write_history(IndustryNeed, need_records)
        _write_history(NeedOfferMatch, match_records)

    # meetings

    def meetings(self):
        """Every two months from the brokers' start (third Thursday), and the next one."""
        start = self.start
        end = max(b.end for b in self.brokers)
        year, month = start.year, start.month
        if _third_thursday(year, month) < start:
            year, month = _months_later(year, month, 1)
        held = []
        while (day := _third_thursday(year, month)) <= min(self.today, end):
            held.append(day)
            year, month = _months_later(year, month, 2)
        while (upcoming := _third_thursday(year, month)) <= self.today:
            year, month = _months_later(year, month, 2)
        meetings, records, attendance = [], [], []
        previous = None
        texts = moved(MEETINGS)  # no more held than written: the agreements last 24 months
        for day, (place, agenda, minutes, raised, story) in zip(held, texts, strict=False):
            present, excused = self.attendance(day, place)
            minutes = minutes.format(figures=self.figures(previous, day))
            if excused:
                minutes += "\n\nExcusan su asistencia: " + "; ".join(excused) + "."
            raised = "\n".join(filter(None, [raised, self.new_needs(previous, day)]))
            stories = "\n".join(filter(None, [*self.successes(previous, day), story]))
            meeting = NetworkMeeting(
                date=day,
                location=place,
                agenda=agenda,
                minutes=minutes,
                needs_raised=raised,
                success_stories=stories,
                created_by=self.coordinator,
            )
            events = [_Event(self.working_time(day - timedelta(days=14), 10, 12), self.coordinator)]
            minutes_at = self.working_time(_next_working_day(day), 11, 13)
            if day < self.today and minutes_at < self.now:
                events.append(
                    _Event(
                        minutes_at,
                        self.coordinator,
                        {"minutes": "", "needs_raised": "", "success_stories": ""},
                    )
                )
            else:  # held today: the minutes are still to be written
                meeting.minutes = meeting.needs_raised = meeting.success_stories = ""
            meetings.append(meeting)
            records.append((meeting, events))
            attendance.append(present)
            previous = day
        # The next meeting's agenda is the story's, or, once the agreements are over, the
        # welcome of the next period's brokers.
        place, agenda = texts[len(held)][:2] if len(held) < len(texts) else NEXT_MEETING
        proposed = held[-1] + timedelta(days=3) if held else self.today - timedelta(days=10)
        meeting = NetworkMeeting(
            date=upcoming, location=place, agenda=agenda, created_by=self.coordinator
        )
        meetings.append(meeting)
        records.append((meeting, [_Event(self.working_time(proposed, 10, 12), self.coordinator)]))
        attendance.append([])
        _bulk_create(NetworkMeeting, meetings)
        through = NetworkMeeting.attendees.through
        through.objects.bulk_create(
            through(networkmeeting_id=meeting.pk, user_id=user.pk)
            for meeting, people in zip(meetings, attendance, strict=True)
            for user in people
        )
        _write_history(NetworkMeeting, records)
        return len(held), upcoming

    def attendance(self, day, place):
        present, excused = [self.coordinator], []
        for broker in self.brokers:
            away = broker.away.get(day)
            if day < broker.start:
                continue
            if away or (place != "Videoconferencia" and self.rng.random() < 0.06):
                reason = {"leave": ", de baja", "holidays": ", de vacaciones"}.get(away, "")
                excused.append(f"{broker.user.get_full_name()} ({broker.district.name}{reason})")
            else:
                present.append(broker.user)
        return present, excused

    def figures(self, since, until):
        if since is None:
            return ""
        services = [s for s in self.services if since < s.day <= until and s.withdrawn is None]
        rural = sum(1 for s in services if s.broker.district.is_rural)
        reached = {id(o) for s in services for o in s.organisations}
        needs = sum(1 for n in self.needs if since < timezone.localdate(n.created_at) <= until)
        share = round(100 * rural / len(services)) if services else 0
        return (
            f"Desde la reunión del {_spanish(since)} la Red ha registrado {len(services)} "
            f"servicios a {len(reached)} organizaciones distintas, el {share} % en las comarcas "
            f"rurales, y {needs} necesidades nuevas."
        )

    def new_needs(self, since, until):
        if since is None:
            return ""
        needs = [n for n in self.needs if since < timezone.localdate(n.created_at) <= until]
        if not needs:
            return ""
        named = "; ".join(f"«{n.title}» ({n.broker.district.name})" for n in needs[-3:])
        return f"Necesidades nuevas desde la última reunión: {len(needs)}, entre ellas {named}."

    def successes(self, since, until):
        if since is None:
            return []
        lines = []
        for m in self.matches:
            if m.recorded_at is None or m.result not in (
                MatchResult.PROJECT,
                MatchResult.CONTACT_MADE,
            ):
                continue
            if since < timezone.localdate(m.recorded_at) <= until:
                provider = PROVIDER_NAMES.get(m.offer.provider.short_name, str(m.offer.provider))
                what = (
                    "acuerdan un proyecto de colaboración"
                    if m.result == MatchResult.PROJECT
                    else "celebran su primera reunión"
                )
                lines.append(
                    _fill(
                        f"{m.need.broker.district.name}: {_label(m.need.organisation)} y "
                        f"{provider} {what} («{m.need.title}»)."
                    )
                )
        for s in self.services:
            if not since < s.day <= until or s.withdrawn:
                continue
            org = _label(s.organisations[0])
            if s.membership:
                lines.append(
                    f"{s.broker.district.name}: {org} se incorpora a "
                    f"{s.membership.cluster.acronym}."
                )
            elif s.cluster_project:
                lines.append(
                    f"{s.broker.district.name}: {org} se suma al proyecto "
                    f"{s.cluster_project.acronym}."
                )
        return lines


# --- all together ---------------------------------------------------------------------


@transaction.atomic
def seed_network(stdout):
    """Create the demo network's records unless the demo brokers or coordinator already
    have some (the large region of the benchmarks has its own people)."""
    today, now = timezone.localdate(), timezone.now()
    coordinator = User.objects.filter(username=COORDINATOR).first()
    agreements = list(
        GrantAgreement.objects.filter(call__reference=reference(), broker__isnull=False)
        .select_related("district", "broker", "organisation")
        .order_by("district__slug")
    )
    if (
        DistrictService.objects.filter(broker__in=[a.broker for a in agreements]).exists()
        or NetworkMeeting.objects.filter(created_by=coordinator).exists()
    ):
        stdout.write("  broker network: already seeded, left as they are")
        return
    brokers = [
        _Broker(
            user=a.broker,
            district=a.district,
            host=a.organisation,
            start=a.start_date,
            end=min(today - timedelta(days=1), a.end_date),
        )
        for a in agreements
    ]
    if coordinator is None or not brokers:
        stdout.write("  broker network: skipped, the demo brokers and coordinator are missing")
        return
    network = _Network(brokers, coordinator, today, now)
    network.calendars()
    if not network.brokers:
        stdout.write("  broker network: skipped, the brokers' agreements have not started")
        return
    tailored = network.tailoring()
    network.pools(network.local_candidates())
    network.technology_offers()
    network.industry_needs()
    network.matching()
    linked = network.links()
    network.random_services()
    network.withdrawn()
    network.corrections()
    network.save_organisations()
    network.save_services()
    offers_withdrawn = network.save_offers_history()
    network.save_needs_and_matches()
    held, upcoming = network.meetings()

    per_district = Counter(s.broker.slug for s in network.services)
    per_year = Counter(s.day.year for s in network.services)
    years = ", ".join(f"{n:,} in {year}" for year, n in sorted(per_year.items()))
    rural = sum(n for slug, n in per_district.items() if slug not in ("santander", "besaya"))
    withdrawn = sum(1 for s in network.services if s.withdrawn)
    first = min(s.day for s in network.services)
    last = max(s.day for s in network.services)
    open_needs = sum(1 for n in network.needs if n.instance.status == NeedStatus.OPEN)
    stdout.write(
        f"  broker network: {len(network.services):,} service records from {first} to {last} "
        f"({years}; Santander {per_district['santander']}, Besaya {per_district['besaya']}, "
        f"rural districts {rural}; {withdrawn} withdrawn; {linked} led to a membership or "
        f"project), {tailored} district service offers, {len(network.new_organisations)} local "
        f"organisations quick-added, {len(network.needs)} industry needs ({open_needs} open), "
        f"{len(network.offers)} technology offers ({offers_withdrawn} withdrawn), "
        f"{len(network.matches)} matches, {held} meetings held and the next on {upcoming}"
    )
