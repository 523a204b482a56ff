"""The demo grant calls' tables: purposes, applicant organisations and their
profiles, applications, selections and evaluators' comments."""

from datetime import date
from decimal import Decimal

from clusters.models import HelixType

SEED = 420_000
# The references as written; reference() gives them in the year of seeding.
REFERENCE = "CINB-2024"
OPEN_REFERENCE = "CINB-2026-V"
DRAFT_REFERENCE = "CINB-2026-R"
SEEDED = r"^CINB-\d{4}$"  # the resolved call, whatever the year it was seeded in
MONTHLY = Decimal("3500.00")
AGREEMENTS_START = date(2025, 1, 1)
DURATION_MONTHS = 24


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
