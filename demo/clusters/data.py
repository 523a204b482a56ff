"""The demo clusters' tables: municipalities and districts, institutions and
companies, the cluster organisations, their services, boards, projects and activities."""

from datetime import date

from clusters.models import (
    ClusterKind,
    FundingProgramme,
    HelixType,
    ProjectScope,
    Ris3Priority,
    ServiceKind,
    SizeClass,
)

SEED = 2019  # the year of the strategy as written: a random seed, never moved
FIRST_YEAR = 2016  # memberships are on record from this year (of the story as written)
MANAGER_USERNAME = "manager"  # the demo cluster manager runs GIRA

# The dates and years in the tables below, texts included, are those of the story as
# written (seeded in 2026): the seeding functions move them to the year of seeding.

# Municipalities of each district (comarca), by district slug.
MUNICIPALITIES = {
    "ason-aguera": ["Ramales de la Victoria", "Ampuero", "Limpias", "Rasines", "Guriezo"],
    "besaya": [
        "Torrelavega",
        "Los Corrales de Buelna",
        "Reocín",
        "Cartes",
        "Polanco",
        "Suances",
        "San Felices de Buelna",
        "Molledo",
        "Arenas de Iguña",
    ],
    "campoo-los-valles": [
        "Reinosa",
        "Campoo de Enmedio",
        "Hermandad de Campoo de Suso",
        "Valderredible",
    ],
    "costa-occidental": [
        "San Vicente de la Barquera",
        "Comillas",
        "Valdáliga",
        "Alfoz de Lloredo",
    ],
    "costa-oriental": ["Castro-Urdiales", "Laredo", "Colindres"],
    "liebana": ["Potes", "Cillorigo de Liébana", "Tresviso"],
    "saja-nansa": ["Cabezón de la Sal", "Cabuérniga", "Mazcuerras", "Rionansa"],
    "santander": [
        "Santander",
        "Camargo",
        "El Astillero",
        "Piélagos",
        "Santa Cruz de Bezana",
        "Villaescusa",
    ],
    "trasmiera": ["Santoña", "Noja", "Argoños", "Marina de Cudeyo", "Medio Cudeyo"],
    "valles-pasiegos": [
        "Villacarriedo",
        "Vega de Pas",
        "Selaya",
        "Santa María de Cayón",
        "Corvera de Toranzo",
    ],
}
DISTRICT_OF = {town: slug for slug, towns in MUNICIPALITIES.items() for town in towns}

U, R, P, A = (
    HelixType.UNIVERSITY,
    HelixType.RESEARCH_CENTRE,
    HelixType.PUBLIC_ADMINISTRATION,
    HelixType.ASSOCIATION,
)

# legal name, short name, type, CIF letter, municipality, NACE, clusters it is a member of
INSTITUTIONS = [
    ("Universidad de Cantabria", "UC", U, "Q", "Santander", "85.42", "gira cinc sea marca"),
    ("Fundación Universidad Europea del Atlántico", "UNEATLÁNTICO", U, "G", "Santander", "85.42",
     ""),
    ("Fundación Comillas del Español y la Cultura Hispánica", "CIESE-Comillas", U, "G", "Comillas",
     "85.42", ""),
    ("Fundación Centro Tecnológico de Componentes", "CTC", R, "G", "Santander", "72.19",
     "gira cinc sea"),
    ("Fundación Instituto de Hidráulica Ambiental de Cantabria", "IH Cantabria", R, "G",
     "Santander", "72.19", "sea"),
    ("Instituto de Investigación Sanitaria Valdecilla", "IDIVAL", R, "G", "Santander", "72.11", ""),
    ("Instituto de Biomedicina y Biotecnología de Cantabria", "IBBTEC", R, "Q", "Santander",
     "72.11", ""),
    ("Instituto de Física de Cantabria", "IFCA", R, "Q", "Santander", "72.19", "cinc"),
    ("Centro de Investigación y Formación Agrarias", "CIFA", R, "S", "Camargo", "72.19", "marca"),
    ("Laboratorio de Ensayos Industriales del Besaya", "LEIBE", R, "G", "Torrelavega", "71.20",
     "gira"),
    ("Centro de Innovación Pesquera y Conservera de Santoña", "CIPC Santoña", R, "G", "Santoña",
     "72.19", "marca"),
    ("Sociedad para el Desarrollo Regional de Cantabria, S.A.", "SODERCAN", P, "A", "Santander",
     "84.13", "gira cinc sea marca"),
    ("Autoridad Portuaria de Santander", "Puerto de Santander", P, "Q", "Santander", "52.22",
     "sea"),
    ("Dirección General de Innovación, Desarrollo Tecnológico y Emprendimiento Industrial",
     "DGIDTEI", P, "S", "Santander", "84.13", ""),
    ("Ayuntamiento de Santander", "", P, "P", "Santander", "84.11", ""),
    ("Ayuntamiento de Torrelavega", "", P, "P", "Torrelavega", "84.11", "gira"),
    ("Ayuntamiento de Los Corrales de Buelna", "", P, "P", "Los Corrales de Buelna", "84.11", ""),
    ("Ayuntamiento de Reinosa", "", P, "P", "Reinosa", "84.11", "cinc"),
    ("Ayuntamiento de Santoña", "", P, "P", "Santoña", "84.11", ""),
    ("Ayuntamiento de Castro-Urdiales", "", P, "P", "Castro-Urdiales", "84.11", ""),
    ("Ayuntamiento de Laredo", "", P, "P", "Laredo", "84.11", "sea"),
    ("Ayuntamiento de Potes", "", P, "P", "Potes", "84.11", ""),
    ("Ayuntamiento de Cabezón de la Sal", "", P, "P", "Cabezón de la Sal", "84.11", ""),
    ("Ayuntamiento de Ramales de la Victoria", "", P, "P", "Ramales de la Victoria", "84.11", ""),
    ("Ayuntamiento de Villacarriedo", "", P, "P", "Villacarriedo", "84.11", ""),
    ("Ayuntamiento de San Vicente de la Barquera", "", P, "P", "San Vicente de la Barquera",
     "84.11", ""),
    ("Cámara Oficial de Comercio, Industria y Navegación de Cantabria", "Cámara de Cantabria", A,
     "Q", "Santander", "94.11", "gira canex"),
    ("Cámara Oficial de Comercio e Industria de Torrelavega", "Cámara de Torrelavega", A, "Q",
     "Torrelavega", "94.11", ""),
    ("CEOE-CEPYME Cantabria", "", A, "G", "Santander", "94.11", ""),
    ("Asociación de Empresas de Tecnologías de la Información de Cantabria", "TIC Cantabria", A,
     "G", "Santander", "94.11", ""),
    ("Asociación de Jóvenes Empresarios de Cantabria", "AJE Cantabria", A, "G", "Santander",
     "94.11", ""),
    ("Asociación de Conserveros de Anchoa de Santoña", "", A, "G", "Santoña", "94.11", "marca"),
    ("Cofradía de Pescadores Virgen del Puerto de Santoña", "", A, "G", "Santoña", "94.99", "sea"),
    ("Asociación Empresarial del Besaya", "", A, "G", "Torrelavega", "94.11", ""),
    ("Asociación de Empresarios de Castro-Urdiales", "", A, "G", "Castro-Urdiales", "94.11", ""),
    ("Grupo de Acción Local de Liébana", "GAL Liébana", A, "G", "Potes", "94.99", ""),
    ("Asociación de Desarrollo Territorial Campoo-Los Valles", "ADT Campoo", A, "G", "Reinosa",
     "94.99", ""),
    ("Grupo de Acción Local Saja-Nansa", "GAL Saja-Nansa", A, "G", "Rionansa", "94.99", ""),
    ("Grupo de Acción Local Asón-Agüera-Trasmiera", "GAL Asón-Agüera", A, "G",
     "Ramales de la Victoria", "94.99", ""),
    ("Grupo de Acción Local Valles Pasiegos", "GAL Valles Pasiegos", A, "G", "Selaya", "94.99", ""),
    ("Asociación de Criadores de Ganado Tudanco", "", A, "G", "Cabuérniga", "94.99", ""),
    ("Consejo Regulador del Orujo de Liébana", "", A, "G", "Potes", "94.99", ""),
]  # fmt: skip

MI, SM, ME, LG = SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE

# legal name, size class, municipality, NACE, clusters it is a member of
COMPANIES = [
    # Santander
    ("Mecanizados de Precisión Raos, S.L.", SM, "Santander", "25.62", "gira"),
    ("Componentes Eléctricos del Cantábrico, S.A.", ME, "Santander", "27.33", "gira canex"),
    ("Estampaciones Metálicas Maliaño, S.L.", ME, "Camargo", "25.50", "gira"),
    ("Robótica Industrial Bahía, S.L.", MI, "Santander", "28.99", "gira"),
    ("Calderería Pesada de Maliaño, S.A.", LG, "Camargo", "25.30", "cinc canex"),
    ("Ingeniería Nuclear del Norte, S.L.", SM, "Santander", "71.12", "cinc"),
    ("Ensayos No Destructivos Cantabria, S.L.", SM, "Camargo", "71.20", "cinc gira"),
    ("Soldaduras Especiales El Astillero, S.L.", SM, "El Astillero", "25.11", "cinc"),
    ("Valvulería Técnica Cántabra, S.L.", SM, "Santa Cruz de Bezana", "28.14", "cinc canex"),
    ("Astilleros de la Bahía de Santander, S.A.", ME, "El Astillero", "30.11", "sea canex"),
    ("Reparaciones Navales Astillero, S.L.", SM, "El Astillero", "33.15", "sea"),
    ("Estiba y Servicios Portuarios de Raos, S.L.", ME, "Santander", "52.24", "sea"),
    ("Offshore Cantabria Engineering, S.L.", MI, "Santander", "71.12", "sea"),
    ("Náutica Puerto Chico, S.L.", MI, "Santander", "30.12", "sea"),
    ("Remolcadores del Cantábrico, S.A.", SM, "Santander", "52.22", "sea"),
    ("Sistemas Informáticos del Cantábrico, S.L.", SM, "Santander", "62.01", "gira"),
    ("Datalab Cantabria, S.L.", MI, "Santander", "62.01", ""),
    ("Ciberseguridad Atlántica, S.L.", MI, "Santander", "62.02", ""),
    ("Gemelos Digitales del Norte, S.L.", MI, "Santander", "62.01", ""),
    ("Cloud Bahía Soluciones, S.L.", MI, "Santa Cruz de Bezana", "63.11", ""),
    ("Geoinformación Marina, S.L.", MI, "Santander", "71.12", "sea"),
    ("Fabricación Aditiva Cantabria, S.L.", MI, "Camargo", "25.62", ""),
    ("Biomarcadores Valdecilla, S.L.", MI, "Santander", "72.11", ""),
    ("Algas y Biotecnología Marina, S.L.", MI, "Santander", "72.11", ""),
    ("Laboratorios Farmacéuticos del Pas, S.A.", ME, "Piélagos", "21.20", ""),
    ("Lácteos Bahía de Santander, S.A.", LG, "Piélagos", "10.51", "marca"),
    ("Cárnicas Villaescusa, S.L.", SM, "Villaescusa", "10.13", "marca"),
    ("Distribuciones Alimentarias Cantabria, S.L.", SM, "Camargo", "46.39", ""),
    ("Ingeniería y Montajes Eléctricos Cantabria, S.L.", SM, "Santander", "43.21", "gira"),
    ("Consultoría de Innovación Cántabra, S.L.", MI, "Santander", "70.22", ""),
    ("Logística Portuaria Santander, S.A.", ME, "Santander", "52.29", "canex"),
    ("Construcciones Bahía Norte, S.L.", SM, "Santa Cruz de Bezana", "41.20", ""),
    ("Energías Renovables Bahía, S.L.", MI, "Santander", "35.11", ""),
    ("Tratamientos de Superficie Camargo, S.L.", SM, "Camargo", "25.61", "gira"),
    # Besaya
    ("Forjas del Besaya, S.A.", LG, "Los Corrales de Buelna", "25.50", "gira canex"),
    ("Tornillería Buelna, S.L.", ME, "Los Corrales de Buelna", "25.94", "gira"),
    ("Muelles y Resortes Reocín, S.L.", SM, "Reocín", "25.93", "gira"),
    ("Componentes de Automoción Torrelavega, S.A.", LG, "Torrelavega", "29.32", "gira canex"),
    ("Inyección de Plásticos Cartes, S.L.", ME, "Cartes", "22.29", "gira"),
    ("Mecanizados Besaya, S.L.", SM, "Torrelavega", "25.62", "gira"),
    ("Tratamientos Térmicos del Saja, S.L.", SM, "Torrelavega", "25.61", "gira"),
    ("Cables y Trefilados Polanco, S.A.", ME, "Polanco", "27.32", "gira"),
    ("Moldes y Matrices Barreda, S.L.", SM, "Torrelavega", "25.73", "gira"),
    ("Ejes y Transmisiones Buelna, S.L.", SM, "San Felices de Buelna", "29.32", "gira"),
    ("Química Industrial del Besaya, S.A.", LG, "Torrelavega", "20.13", "canex"),
    ("Calderería Torrelavega, S.L.", SM, "Torrelavega", "25.29", "cinc"),
    ("Montajes Industriales Reocín, S.L.", MI, "Reocín", "33.20", ""),
    ("Automatismos Suances, S.L.", MI, "Suances", "27.90", "gira"),
    ("Electrónica de Potencia Besaya, S.L.", SM, "Torrelavega", "27.11", ""),
    ("Fundiciones de Cartes, S.L.", ME, "Cartes", "24.51", "gira canex"),
    ("Piezas Sinterizadas Molledo, S.L.", SM, "Molledo", "25.50", "gira"),
    ("Visión Artificial Besaya, S.L.", MI, "Torrelavega", "62.01", ""),
    ("Robots Colaborativos del Norte, S.L.", MI, "Polanco", "28.99", ""),
    ("Software Industrial Torrelavega, S.L.", MI, "Torrelavega", "62.01", "gira"),
    ("Lácteos Torrelavega, S.A.", ME, "Torrelavega", "10.51", "marca"),
    ("Transportes Frigoríficos Besaya, S.L.", SM, "Torrelavega", "49.41", ""),
    ("Carpintería Metálica Arenas, S.L.", MI, "Arenas de Iguña", "25.12", ""),
    ("Hormigones y Áridos Besaya, S.L.", SM, "Cartes", "23.63", ""),
    ("Asesoría Técnica Buelna, S.L.", MI, "Los Corrales de Buelna", "71.12", ""),
    ("Suministros Industriales Torrelavega, S.L.", MI, "Torrelavega", "46.69", ""),
    ("Pinturas Industriales Besaya, S.L.", MI, "Torrelavega", "20.30", ""),
    ("Grúas y Elevación Polanco, S.L.", MI, "Polanco", "77.32", ""),
    ("Embalajes Reocín, S.L.", MI, "Reocín", "17.21", ""),
    ("Ingeniería de Procesos Besaya, S.L.", MI, "Torrelavega", "71.12", ""),
    # Trasmiera
    ("Conservas Hermanos Lastra, S.L.", SM, "Santoña", "10.20", "marca conservex"),
    ("Anchoas Marina de Santoña, S.L.", MI, "Santoña", "10.20", "conservex"),
    ("Salazones Berria, S.L.", MI, "Santoña", "10.20", "conservex"),
    ("Conservera del Dueso, S.A.", ME, "Santoña", "10.20", "marca conservex"),
    ("Anchoas Peña del Fraile, S.L.", MI, "Santoña", "10.20", "conservex"),
    ("Acuicultura Marina de Noja, S.L.", MI, "Noja", "03.21", "sea"),
    ("Envases Metálicos Cudeyo, S.A.", ME, "Marina de Cudeyo", "25.92", "canex"),
    ("Ahumados del Cantábrico Argoños, S.L.", MI, "Argoños", "10.20", "conservex"),
    ("Quesería Artesana de Trasmiera, S.L.", MI, "Medio Cudeyo", "10.51", ""),
    # Costa Oriental
    ("Conservas Colindres, S.L.", SM, "Colindres", "10.20", "conservex"),
    ("Anchoas del Puerto de Laredo, S.L.", MI, "Laredo", "10.20", "conservex"),
    ("Varadero de Laredo, S.L.", MI, "Laredo", "33.15", "sea"),
    ("Redes y Aparejos Castro, S.L.", MI, "Castro-Urdiales", "13.94", "sea"),
    ("Metalúrgica Castreña, S.A.", ME, "Castro-Urdiales", "25.11", "cinc canex"),
    ("Frío Industrial Colindres, S.L.", SM, "Colindres", "28.25", ""),
    ("Turismo Activo Costa Oriental, S.L.", MI, "Laredo", "79.90", ""),
    # Campoo-Los Valles
    ("Forjas y Aceros de Reinosa, S.A.", LG, "Reinosa", "24.10", "cinc gira canex"),
    ("Grandes Piezas Campoo, S.L.", ME, "Reinosa", "25.50", "cinc"),
    ("Turbinas y Componentes del Ebro, S.L.", SM, "Campoo de Enmedio", "28.11", "cinc"),
    ("Mecanizados Matamorosa, S.L.", SM, "Campoo de Enmedio", "25.62", "gira"),
    ("Cárnicas Campurrianas, S.L.", SM, "Reinosa", "10.13", "marca"),
    ("Quesos y Mantequillas de Campoo, S.L.", MI, "Hermandad de Campoo de Suso", "10.51", ""),
    ("Patatas de Valderredible, S.L.", MI, "Valderredible", "01.13", ""),
    ("Electricidad Industrial Reinosa, S.L.", MI, "Reinosa", "43.21", ""),
    # Valles Pasiegos
    ("Sobaos y Quesadas Pasiegas, S.L.", SM, "Selaya", "10.71", "marca"),
    ("Lácteos de Vega de Pas, S.L.", MI, "Vega de Pas", "10.51", "marca"),
    ("Quesería Pasiega Villacarriedo, S.L.", MI, "Villacarriedo", "10.51", ""),
    ("Transformados Cárnicos Cayón, S.A.", ME, "Santa María de Cayón", "10.13", ""),
    ("Aguas de Toranzo, S.A.", ME, "Corvera de Toranzo", "11.07", ""),
    ("Carpintería de Madera Pasiega, S.L.", MI, "Villacarriedo", "16.23", ""),
    # Costa Occidental
    ("Conservas San Vicente de la Barquera, S.L.", SM, "San Vicente de la Barquera", "10.20",
     "conservex"),
    ("Pescados y Mariscos La Barquera, S.L.", MI, "San Vicente de la Barquera", "46.38", "sea"),
    ("Embutidos de Valdáliga, S.L.", MI, "Valdáliga", "10.13", ""),
    ("Software Rural Comillas, S.L.", MI, "Comillas", "62.01", ""),
    ("Lácteos Alfoz de Lloredo, S.L.", SM, "Alfoz de Lloredo", "10.51", ""),
    # Saja-Nansa
    ("Embutidos Cabuérniga, S.L.", MI, "Cabuérniga", "10.13", ""),
    ("Carne de Tudanca Saja-Nansa, S.L.", MI, "Rionansa", "10.11", "marca"),
    ("Industrias de la Madera Cabezón, S.L.", SM, "Cabezón de la Sal", "16.10", ""),
    ("Componentes Metálicos Mazcuerras, S.L.", SM, "Mazcuerras", "25.62", "gira"),
    # Asón-Agüera
    ("Mecanizados Ampuero, S.L.", SM, "Ampuero", "25.62", "gira"),
    ("Embutidos del Asón, S.L.", MI, "Ramales de la Victoria", "10.13", ""),
    ("Muebles de Limpias, S.L.", MI, "Limpias", "31.09", ""),
    ("Calderería Rasines, S.L.", MI, "Rasines", "25.29", "cinc"),
    # Liébana
    ("Orujos de Potes, S.L.", MI, "Potes", "11.01", "marca"),
    ("Quesos Picón de Tresviso, S.L.", MI, "Tresviso", "10.51", ""),
    ("Miel y Productos de Liébana, S.L.", MI, "Cillorigo de Liébana", "10.89", ""),
]  # fmt: skip

# Anchor institutions are among the founding members of the clusters they belong to.
ANCHORS = {"UC", "CTC", "SODERCAN", "IH Cantabria", "Cámara de Cantabria", "CIFA"}

STRATEGY = {
    "gira": (
        "Reforzar la competitividad de la cadena de suministro de automoción de Cantabria "
        "mediante la fabricación avanzada, la digitalización de las plantas y la cooperación "
        "con la Universidad de Cantabria y el CTC. Objetivos 2020-2023: duplicar los proyectos "
        "colaborativos de I+D, incorporar nuevas PYMEs proveedoras y preparar la candidatura "
        "a la etiqueta de excelencia europea."
    ),
    "cinc": (
        "Posicionar a la industria cántabra de bienes de equipo nucleares y energéticos en los "
        "mercados internacionales de nueva construcción, operación a largo plazo y "
        "desmantelamiento, con una oferta conjunta de fabricación, ingeniería y ensayos."
    ),
    "sea": (
        "Convertir la bahía de Santander en un polo de la economía azul: construcción y "
        "reparación naval, servicios portuarios, acuicultura y energías marinas, apoyándose en "
        "las capacidades de ensayo de IH Cantabria y en las redes europeas de clústeres marítimos."
    ),
    "marca": (
        "Dar valor a los productos agroalimentarios de Cantabria (lácteos, anchoa de Santoña, "
        "carne de razas autóctonas, orujo de Liébana) mediante la innovación en procesos, la "
        "seguridad alimentaria y una marca común de calidad que abra nuevos canales de venta."
    ),
    "canex": (
        "Agrupar a fabricantes de bienes de equipo para abordar juntos mercados exteriores: "
        "misiones comerciales, licitaciones internacionales y presencia compartida en ferias."
    ),
    "conservex": (
        "Promover en el exterior las conservas y semiconservas de anchoa del Cantábrico con "
        "una imagen común, participación agrupada en ferias y contactos con importadores."
    ),
}

# key, acronym, name, slug, kind, sector, RIS3 priority, founded on, leavers
CLUSTERS = [
    ("gira", "GIRA", "GIRA – Clúster de Automoción de Cantabria", "gira", ClusterKind.CLUSTER,
     "Automoción y fabricación avanzada", Ris3Priority.ADVANCED_MANUFACTURING, date(2016, 2, 18),
     5),
    ("cinc", "CINC", "CINC – Clúster de la Industria Nuclear de Cantabria", "cinc",
     ClusterKind.CLUSTER, "Industria nuclear y bienes de equipo para la energía",
     Ris3Priority.ENERGY_ENVIRONMENT, date(2016, 6, 9), 3),
    ("sea", "Sea of Innovation", "Cantabria Sea of Innovation Cluster", "sea-of-innovation",
     ClusterKind.CLUSTER, "Economía marítima y energías marinas", Ris3Priority.MARITIME,
     date(2017, 3, 21), 4),
    ("marca", "MARCA", "MARCA – Clúster Agroalimentario de Cantabria", "marca", ClusterKind.CLUSTER,
     "Agroalimentación: lácteos, conservas de pescado y cárnicos", Ris3Priority.AGRI_FOOD,
     date(2017, 11, 7), 2),
    ("canex", "CANEX", "CANEX – Consorcio de Exportación de Bienes de Equipo de Cantabria", "canex",
     ClusterKind.EXPORT_CONSORTIUM, "Bienes de equipo e ingeniería industrial",
     Ris3Priority.ADVANCED_MANUFACTURING, date(2017, 4, 25), 1),
    ("conservex", "CONSERVEX", "CONSERVEX – Consorcio Exportador de Conservas del Cantábrico",
     "conservex", ClusterKind.EXPORT_CONSORTIUM, "Conservas de anchoa y pescado del Cantábrico",
     Ris3Priority.AGRI_FOOD, date(2018, 5, 16), 1),
]  # fmt: skip
# The sectors in English, for the English report.
SECTORS_EN = {
    "gira": "Automotive and advanced manufacturing",
    "cinc": "Nuclear industry and capital goods for energy",
    "sea": "Maritime economy and marine energies",
    "marca": "Agri-food: dairy, canned fish and meat products",
    "canex": "Capital goods and industrial engineering",
    "conservex": "Cantabrian anchovies and canned fish",
}
REJOINS = {"cinc"}  # one member of CINC left and came back later

# kind, title, description, audience
SERVICES = {
    "gira": [
        (ServiceKind.MATCHMAKING, "Encuentros proveedor-fabricante",
         "Jornadas B2B entre proveedores cántabros y fabricantes y proveedores de primer nivel.",
         "Empresas proveedoras de automoción"),
        (ServiceKind.JOINT_RD, "Proyectos colaborativos de fabricación avanzada",
         "Búsqueda de socios, preparación de propuestas y gestión de proyectos de I+D con la "
         "Universidad de Cantabria y el CTC.", "Socios industriales y centros tecnológicos"),
        (ServiceKind.TRAINING, "Formación en industria 4.0 y lean manufacturing",
         "Cursos cortos en planta y formación dual con los centros de FP de la región.",
         "Mandos intermedios y técnicos de planta"),
        (ServiceKind.TRADESHOW, "Stand agrupado en ferias de automoción",
         "Presencia conjunta del clúster en ferias nacionales e internacionales.",
         "PYMEs con vocación exportadora"),
        (ServiceKind.DISSEMINATION, "Boletín de convocatorias y oportunidades",
         "Resumen quincenal de ayudas regionales, nacionales y europeas.", "Todos los socios"),
    ],
    "cinc": [
        (ServiceKind.JOINT_RD, "Consorcios para proyectos Euratom",
         "Identificación de convocatorias y formación de consorcios con centros de investigación.",
         "Fabricantes e ingenierías del sector"),
        (ServiceKind.TRAINING, "Cualificación de soldadores y cultura de seguridad",
         "Formación homologada para trabajos en instalaciones nucleares.",
         "Personal técnico de los socios"),
        (ServiceKind.TRADESHOW, "Representación en ferias nucleares internacionales",
         "Pabellón conjunto y agenda de reuniones con propietarios de centrales.",
         "Socios exportadores"),
        (ServiceKind.DISSEMINATION, "Vigilancia de licitaciones del sector nuclear",
         "Alertas de licitaciones de operación a largo plazo y desmantelamiento.",
         "Todos los socios"),
    ],
    "sea": [
        (ServiceKind.MATCHMAKING, "Encuentros de la cadena de suministro azul",
         "Reuniones entre astilleros, ingenierías, puertos y proveedores de energías marinas.",
         "Empresas de la economía marítima"),
        (ServiceKind.JOINT_RD, "Proyectos de ensayo en el Gran Tanque de IH Cantabria",
         "Preparación de proyectos que usan las instalaciones de ensayo de IH Cantabria.",
         "Ingenierías y desarrolladores de tecnología"),
        (ServiceKind.TRADESHOW, "Delegaciones en ferias de eólica marina",
         "Delegación cántabra en ferias internacionales de energías marinas.",
         "Proveedores de la eólica marina"),
        (ServiceKind.DISSEMINATION, "Información sobre fondos de la economía azul",
         "Difusión de convocatorias europeas de economía azul y de los fondos de pesca.",
         "Todos los socios"),
        (ServiceKind.OTHER, "Vigilancia tecnológica en energías marinas",
         "Informe semestral de tendencias tecnológicas y de mercado.", "Socios y administraciones"),
    ],
    "marca": [
        (ServiceKind.MATCHMAKING, "Encuentros con la distribución y la hostelería",
         "Reuniones entre productores cántabros, cadenas de distribución y restauración.",
         "Productores agroalimentarios"),
        (ServiceKind.TRAINING, "Formación en seguridad alimentaria y etiquetado",
         "Talleres prácticos sobre normativa, APPCC y etiquetado.", "Pequeños productores"),
        (ServiceKind.TRADESHOW, "Pabellón de Cantabria en ferias gastronómicas",
         "Espacio común en ferias de alimentación y gastronomía.", "Socios con producto propio"),
        (ServiceKind.DISSEMINATION, "Difusión de ayudas al sector agroalimentario",
         "Información sobre ayudas del PEPAC, de la Consejería y de programas europeos.",
         "Todos los socios"),
    ],
    "canex": [
        (ServiceKind.TRADESHOW, "Participación agrupada en ferias industriales",
         "Stand compartido y agenda comercial en ferias de bienes de equipo.",
         "Empresas del consorcio"),
        (ServiceKind.MATCHMAKING, "Misiones comerciales directas e inversas",
         "Viajes comerciales y visitas de compradores extranjeros a Cantabria.",
         "Empresas del consorcio"),
        (ServiceKind.DISSEMINATION, "Alertas de licitaciones internacionales",
         "Selección de licitaciones de organismos multilaterales.", "Empresas del consorcio"),
    ],
    "conservex": [
        (ServiceKind.TRADESHOW, "Stand común en ferias de productos del mar",
         "Presencia agrupada con la imagen común de la anchoa del Cantábrico.",
         "Conserveras del consorcio"),
        (ServiceKind.MATCHMAKING, "Encuentros con importadores",
         "Agendas de reuniones con importadores y distribuidores europeos.",
         "Conserveras del consorcio"),
        (ServiceKind.TRAINING, "Formación en comercio exterior",
         "Cursos sobre aduanas, etiquetado para exportación y marketing internacional.",
         "Personal comercial de los socios"),
    ],
}  # fmt: skip

BOARD_PEOPLE = [
    "Ignacio Cuevas Ruiz",
    "Begoña Incera Sainz",
    "Roberto Pelayo Arce",
    "Lucía Abascal Mier",
    "Fernando Lavín Cobo",
    "Sara Palacio Bustillo",
    "Andrés Quintana Setién",
    "Rocío Escalante Gandarillas",
    "Tomás Cagigas Ortiz",
    "Natalia Villegas Pérez",
    "Miguel Ceballos Haya",
    "Irene Fuentes Trueba",
    "Óscar Gutiérrez Velarde",
    "Paula Revilla Sañudo",
    "Alberto Solana Rueda",
    "Cristina Toca Campuzano",
    "Daniel Mazón Obregón",
    "Elisa Herrán Sierra",
    "Jorge Pellón Bárcena",
    "Marina Arozamena Lastra",
    "Víctor Bolado Cagigal",
]
BOARD_POSITIONS = ["Presidencia", "Vicepresidencia", "Secretaría", "Tesorería"]
BOARD_SIZES = {"gira": 4, "cinc": 3, "sea": 4, "marca": 3, "canex": 2, "conservex": 2}

# cluster, network, joined on, left on
NETWORKS = [
    ("gira", "European Automotive Cluster Network", date(2020, 5, 14), None),
    ("gira", "ECCP Partnership for Electric Mobility Supply Chains", date(2022, 2, 1), None),
    ("cinc", "Nuclear Supply Chain Cluster Alliance", date(2021, 3, 15), None),
    ("sea", "European Network of Maritime Clusters", date(2019, 10, 10), None),
    ("sea", "Atlantic Blue Economy Cluster Alliance", date(2020, 6, 1), date(2024, 12, 31)),
]


def _rel(days):
    return ("rel", days)


# title, acronym, scope, clusters, funding, budget, start, end, cancelled
# Dates are of the story as written or ("rel", days from the day of seeding).
PROJECTS = [
    ("Digitalización de la cadena de suministro de automoción en Cantabria", "AUTODIGIT",
     ProjectScope.REGIONAL, ["gira"], FundingProgramme.REGIONAL, 185_000, date(2019, 3, 1),
     date(2020, 12, 31), False),
    ("Soldadura automatizada de componentes para centrales nucleares", "NUCWELD",
     ProjectScope.REGIONAL, ["cinc"], FundingProgramme.REGIONAL, 240_000, date(2020, 2, 1),
     date(2021, 12, 31), False),
    ("Trazabilidad digital de la anchoa de Santoña", "ANCHOA-TRACE", ProjectScope.REGIONAL,
     ["marca"], FundingProgramme.REGIONAL, 160_000, _rel(-410), _rel(18), False),
    ("Visión artificial para el control de calidad en línea", "VISION-Q", ProjectScope.REGIONAL,
     ["gira"], FundingProgramme.NATIONAL, 320_000, _rel(-500), _rel(230), False),
    ("Calidad diferenciada de la anchoa del Cantábrico", "ANCHOA-IGP", ProjectScope.REGIONAL,
     ["conservex"], FundingProgramme.REGIONAL, 90_000, date(2021, 4, 1), date(2022, 3, 31), False),
    ("Fabricación aditiva de piezas metálicas para automoción y energía", "ADDIMET",
     ProjectScope.INTER_CLUSTER, ["gira", "cinc"], FundingProgramme.NATIONAL, 690_000, _rel(-330),
     _rel(400), False),
    ("Cadena de suministro cántabra para la eólica marina flotante", "EOLMAR",
     ProjectScope.INTER_CLUSTER, ["sea", "cinc", "gira"], FundingProgramme.REGIONAL, 450_000,
     _rel(-200), _rel(530), False),
    ("Envases sostenibles para conservas y lácteos", "ENVASOS", ProjectScope.INTER_CLUSTER,
     ["marca", "conservex"], FundingProgramme.REGIONAL, 130_000, date(2022, 1, 15),
     date(2023, 6, 30), False),
    ("Misión comercial conjunta al Magreb", "MAGREB", ProjectScope.INTER_CLUSTER,
     ["canex", "conservex"], FundingProgramme.PRIVATE, 45_000, date(2020, 3, 1), date(2020, 9, 30),
     True),
    ("Hub digital de servicios TIC para los clústeres de Cantabria", "HUB-TIC",
     ProjectScope.INTER_CLUSTER, ["gira", "sea", "marca"], FundingProgramme.REGIONAL, 300_000,
     _rel(45), _rel(775), False),
    ("Corredor cantábrico del hidrógeno verde para la industria", "H2CANTÁBRICO",
     ProjectScope.INTERREGIONAL, ["cinc", "sea"], FundingProgramme.NATIONAL, 870_000,
     date(2023, 3, 1), _rel(300), False),
    ("Políticas de clúster para la movilidad eléctrica", "CLUSTER-EV", ProjectScope.INTERREGIONAL,
     ["gira"], FundingProgramme.INTERREG, 1_250_000, date(2019, 8, 1), date(2023, 7, 31), False),
    ("Gemelos digitales para la operación de eólica marina flotante", "FLOW-TWIN",
     ProjectScope.TRANSNATIONAL, ["sea"], FundingProgramme.HORIZON_EUROPE, 4_800_000, _rel(-260),
     _rel(830), False),
    ("Inspección robotizada para el desmantelamiento nuclear", "ROBODECOM",
     ProjectScope.TRANSNATIONAL, ["cinc"], FundingProgramme.HORIZON_EUROPE, 3_900_000,
     date(2021, 9, 1), date(2024, 8, 31), False),
    ("Euroclusters: internacionalización de PYMEs de bienes de equipo", "EUROCAP",
     ProjectScope.TRANSNATIONAL, ["canex", "gira"], FundingProgramme.OTHER_EU, 620_000, _rel(-380),
     _rel(350), False),
    ("Innovación en la cadena de valor láctea atlántica", "ATLANTIC-DAIRY",
     ProjectScope.TRANSNATIONAL, ["marca"], FundingProgramme.INTERREG, 1_900_000, _rel(-1100),
     _rel(-75), False),
]  # fmt: skip

# Provisional partners: company, cluster, project acronym, days after the project starts,
# what happened: None (still a partner), "convert" (days before today) or "ended".
PROVISIONAL = [
    ("Datalab Cantabria, S.L.", "marca", "ANCHOA-TRACE", 30, None),  # expires in 18 days
    ("Visión Artificial Besaya, S.L.", "gira", "VISION-Q", 30, None),
    ("Fabricación Aditiva Cantabria, S.L.", "cinc", "ADDIMET", 20, None),
    ("Gemelos Digitales del Norte, S.L.", "sea", "FLOW-TWIN", 25, None),
    ("Robots Colaborativos del Norte, S.L.", "gira", "ADDIMET", 15, ("convert", 120)),
    ("Quesos y Mantequillas de Campoo, S.L.", "marca", "ATLANTIC-DAIRY", 60, "ended"),
]

# cluster, service kind, title, international, partner clusters
ACTIVITIES = [
    ("gira", ServiceKind.MATCHMAKING, "Jornada B2B de proveedores de automoción", False, []),
    ("gira", ServiceKind.JOINT_RD, "Taller de ideas de proyectos de fabricación aditiva", False,
     ["cinc"]),
    ("gira", ServiceKind.TRAINING, "Curso de lean manufacturing para PYMEs proveedoras", False, []),
    ("gira", ServiceKind.TRADESHOW,
     "Misión a la feria internacional de proveedores de automoción de Stuttgart", True, []),
    ("gira", ServiceKind.DISSEMINATION, "Jornada sobre ayudas a la digitalización industrial",
     False, []),
    ("gira", ServiceKind.TRAINING, "Seminario de ciberseguridad en planta", False, []),
    ("cinc", ServiceKind.JOINT_RD, "Jornada de I+D en materiales para entornos radiactivos", False,
     []),
    ("cinc", ServiceKind.TRAINING, "Curso de cualificación de soldadores ASME", False, []),
    ("cinc", ServiceKind.TRADESHOW, "Pabellón conjunto en la World Nuclear Exhibition de París",
     True, []),
    ("cinc", ServiceKind.DISSEMINATION,
     "Convocatorias Euratom y Horizonte Europa para la industria nuclear", False, []),
    ("sea", ServiceKind.MATCHMAKING, "Encuentro de la cadena de suministro de eólica marina", False,
     ["cinc", "gira"]),
    ("sea", ServiceKind.JOINT_RD, "Visita técnica al Gran Tanque de Ingeniería Marítima", False,
     []),
    ("sea", ServiceKind.TRADESHOW, "Delegación cántabra en Global Offshore Wind", True, []),
    ("sea", ServiceKind.DISSEMINATION, "Jornada sobre fondos europeos para la economía azul", False,
     []),
    ("sea", ServiceKind.OTHER, "Presentación del informe de vigilancia en energías marinas", False,
     []),
    ("marca", ServiceKind.MATCHMAKING, "Encuentro de productores con la gran distribución", False,
     []),
    ("marca", ServiceKind.TRAINING, "Taller de seguridad alimentaria y etiquetado", False, []),
    ("marca", ServiceKind.TRADESHOW, "Pabellón de Cantabria en el Salón Gourmets", False,
     ["conservex"]),
    ("marca", ServiceKind.DISSEMINATION, "Jornada de ayudas al sector agroalimentario", False, []),
    ("marca", ServiceKind.MATCHMAKING, "Mesa de innovación láctea con la Universidad de Cantabria",
     False, []),
    ("canex", ServiceKind.TRADESHOW, "Misión comercial a la Hannover Messe", True, []),
    ("canex", ServiceKind.MATCHMAKING, "Misión inversa de compradores de Marruecos", True, []),
    ("canex", ServiceKind.DISSEMINATION, "Seminario de licitaciones internacionales", False,
     ["gira"]),
    ("conservex", ServiceKind.TRADESHOW, "Stand agrupado en Seafood Expo Global", True, []),
    ("conservex", ServiceKind.MATCHMAKING, "Encuentro con importadores de anchoa de Italia", True,
     []),
    ("conservex", ServiceKind.TRAINING, "Curso de comercio exterior para conserveras", False,
     ["marca"]),
]  # fmt: skip
