"""The demo network's tables: shares, catalogue, texts of the services, needs,
offers, matches and meetings."""

from brokers.network.models import TechnologyArea
from clusters.models import HelixType, SizeClass

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
QUICK_ADD_REASON = "Added from a district service record"  # as brokers.network.services
FIXED_HOLIDAYS = [(1, 1), (1, 6), (5, 1), (7, 28), (8, 15), (9, 15), (10, 12), (11, 1), (12, 6),
                  (12, 8), (12, 25)]  # fmt: skip
