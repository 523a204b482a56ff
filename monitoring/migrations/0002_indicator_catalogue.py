"""The indicator catalogue of both measures, as the regional strategy names
them: computed from the portal's data (computation = a code registered in
monitoring/indicators.py) or entered with evidence (computation empty).

Units: "%", "EUR", or what is counted ("members", "clusters", ...);
monitoring.indicators.UNIT_LABELS translates them.
"""

from django.db import migrations
from django.utils import timezone

OFFICE = "cluster_office"
NETWORK = "broker_network"
HIGHER = "higher"

# code, measure, unit, computation, name, name_en, definition, definition_en
CATALOGUE = [
    (
        "committed_members", OFFICE, "members", "committed_members",
        "Socios comprometidos a final de año",
        "Committed members at year end",
        "Socios de pleno derecho (no socios provisionales) con la adhesión en vigor el 31 de "
        "diciembre, sumados en los clústeres que apoya el programa y desglosados por tipo de "
        "organización de la triple hélice. Una organización que pertenece a dos clústeres "
        "cuenta en cada uno.",
        "Full members (not provisional partners) whose membership is current on 31 December, "
        "added up over the clusters the programme supports and broken down by triple-helix "
        "type. An organisation that belongs to two clusters counts in each.",
    ),
    (
        "member_growth", OFFICE, "members", "member_growth",
        "Crecimiento neto de socios",
        "Net member growth",
        "Socios comprometidos a final de año menos los del final del año anterior, en los "
        "clústeres que apoya el programa.",
        "Committed members at year end minus those at the previous year end, in the clusters "
        "the programme supports.",
    ),
    (
        "member_growth_rate", OFFICE, "%", "member_growth_rate",
        "Crecimiento de socios (%)",
        "Member growth (%)",
        "Crecimiento neto de socios en porcentaje de los socios comprometidos al final del año "
        "anterior; sin valor si entonces no había socios.",
        "Net member growth as a percentage of the committed members at the previous year end; "
        "no value when there were none.",
    ),
    (
        "sme_share", OFFICE, "%", "sme_share",
        "Proporción de PYMEs entre las empresas socias",
        "SME share of company members",
        "Empresas socias comprometidas a final de año que son micro, pequeñas o medianas, en "
        "porcentaje de todas las empresas socias comprometidas.",
        "Committed company members at year end that are micro, small or medium-sized, as a "
        "percentage of all committed company members.",
    ),
    (
        "provisional_converted", OFFICE, "members", "provisional_converted",
        "Socios provisionales convertidos en socios de pleno derecho",
        "Provisional partners converted to full members",
        "Socios provisionales de un proyecto que pasan a ser socios de pleno derecho durante el "
        "año (la adhesión plena empieza en el año).",
        "Provisional partners of a project who become full members during the year (the full "
        "membership starts in the year).",
    ),
    (
        "new_clusters", OFFICE, "clusters", "new_clusters",
        "Nuevas organizaciones clúster",
        "New cluster organisations",
        "Organizaciones clúster y consorcios de exportación de la región fundados en el año "
        "(fecha de constitución), estén o no en el programa.",
        "Cluster organisations and export consortia of the region founded in the year (founding "
        "date), whether or not in the programme.",
    ),
    (
        "labelled_clusters", OFFICE, "clusters", "labelled_clusters",
        "Clústeres con sello de excelencia vigente",
        "Clusters with a valid excellence label",
        "Clústeres del programa con un sello europeo de excelencia (bronce, plata u oro) vigente "
        "el 31 de diciembre; cada clúster cuenta una vez, en su sello más alto.",
        "Clusters of the programme holding a European cluster excellence label (bronze, silver "
        "or gold) valid on 31 December; each cluster counts once, at its highest label.",
    ),
    (
        "clusters_in_networks", OFFICE, "clusters", "clusters_in_networks",
        "Clústeres en redes internacionales",
        "Clusters in international networks",
        "Clústeres del programa que el 31 de diciembre participan en al menos una red "
        "internacional, han pasado la evaluación comparativa de ESCA o tienen perfil en la ECCP.",
        "Clusters of the programme that on 31 December take part in at least one international "
        "network, have been benchmarked by ESCA or have an ECCP profile.",
    ),
    (
        "joint_projects_started", OFFICE, "projects", "joint_projects_started",
        "Proyectos conjuntos iniciados",
        "Joint projects started",
        "Proyectos intercluster, interregionales y transnacionales de los clústeres del programa "
        "que empiezan en el año (no cancelados), por ámbito.",
        "Inter-cluster, interregional and transnational projects of the programme's clusters "
        "that start in the year (not cancelled), by scope.",
    ),
    (
        "joint_projects_budget", OFFICE, "EUR", "joint_projects_budget",
        "Presupuesto de los proyectos conjuntos iniciados",
        "Budget of the joint projects started",
        "Presupuesto total de los proyectos conjuntos iniciados en el año, por ámbito.",
        "Total budget of the joint projects started in the year, by scope.",
    ),
    (
        "activities", OFFICE, "activities", "activities",
        "Actividades de los clústeres",
        "Cluster activities",
        "Actividades y servicios que organizan en el año los clústeres del programa, incluidas "
        "las internacionales y las organizadas con otros clústeres.",
        "Activities and services the programme's clusters organise in the year, including "
        "international ones and those run with other clusters.",
    ),
    (
        "activity_attendees", OFFICE, "attendees", "activity_attendees",
        "Asistentes a las actividades de los clústeres",
        "Attendees of cluster activities",
        "Suma de los asistentes a las actividades del año de los clústeres del programa.",
        "Sum of the attendees of the year's activities of the programme's clusters.",
    ),
    (
        "key_results_achieved", OFFICE, "key results", "key_results_achieved",
        "Resultados clave alcanzados",
        "Key results achieved",
        "Resultados clave del programa (gestión especializada, estrategia, servicios clave, "
        "más socios, posicionamiento) que los clústeres alcanzan en el año.",
        "Key results of the programme (dedicated management, strategy, key services, membership "
        "expanded, positioning) the clusters achieve in the year.",
    ),
    (
        "budget_execution", OFFICE, "%", "budget_execution",
        "Ejecución del presupuesto",
        "Budget execution",
        "Gasto del año en porcentaje del presupuesto vigente del año (lo previsto más las "
        "reasignaciones aprobadas), como en la página del programa; por categoría de coste y "
        "por año.",
        "The year's spending as a percentage of the year's current budget (planned plus "
        "approved reallocations), as on the programme's page; by cost category and by year.",
    ),
    (
        "member_satisfaction", OFFICE, "%", "",
        "Satisfacción de los socios con los servicios del clúster",
        "Satisfaction of members with cluster services",
        "Socios que se declaran satisfechos o muy satisfechos con los servicios de su clúster "
        "en la encuesta anual, en porcentaje de quienes responden. Se introduce con la encuesta "
        "como evidencia.",
        "Members who say they are satisfied or very satisfied with their cluster's services in "
        "the annual survey, as a percentage of respondents. Entered with the survey as evidence.",
    ),
    (
        "services_delivered", NETWORK, "services", "services_delivered",
        "Servicios prestados por los agentes de innovación",
        "Services delivered by the innovation brokers",
        "Servicios registrados por los agentes de innovación con fecha en el año, sin contar "
        "los retirados; por tipo de servicio y por comarca.",
        "Services the innovation brokers logged with a date in the year, withdrawn records "
        "excluded; by service type and by district.",
    ),
    (
        "organisations_reached", NETWORK, "organisations", "organisations_reached",
        "Organizaciones atendidas",
        "Organisations reached",
        "Organizaciones distintas atendidas por los servicios del año en toda la red; por "
        "comarca, las distintas de cada comarca (una organización atendida en dos comarcas "
        "cuenta en ambas).",
        "Distinct organisations served by the year's services across the network; by district, "
        "the distinct ones of each district (an organisation served in two districts counts in "
        "both).",
    ),
    (
        "organisations_reached_rural", NETWORK, "organisations", "organisations_reached_rural",
        "Organizaciones atendidas en comarcas rurales",
        "Organisations reached in rural districts",
        "Organizaciones distintas atendidas por los servicios del año en las comarcas rurales.",
        "Distinct organisations served by the year's services in the rural districts.",
    ),
    (
        "rural_service_share", NETWORK, "%", "rural_service_share",
        "Proporción de servicios en comarcas rurales",
        "Share of services in rural districts",
        "Servicios del año prestados en comarcas rurales, en porcentaje de todos los servicios "
        "del año.",
        "The year's services delivered in rural districts, as a percentage of all the year's "
        "services.",
    ),
    (
        "needs_matched", NETWORK, "needs", "needs_matched",
        "Necesidades puestas en relación con una oferta",
        "Needs matched with an offer",
        "Necesidades empresariales distintas que se ponen en relación con al menos una oferta "
        "de conocimiento o tecnología en el año (emparejamiento hecho en el año).",
        "Distinct industry needs put in touch with at least one knowledge or technology offer "
        "in the year (a match made in the year).",
    ),
    (
        "matches_successful", NETWORK, "matches", "matches_successful",
        "Emparejamientos con resultado",
        "Matches with a result",
        "Emparejamientos necesidad-oferta cuyo resultado «contacto realizado» o «proyecto» se "
        "registra en el año.",
        "Need–offer matches whose result “contact made” or “project” is recorded in the year.",
    ),
    (
        "grants_paid_rate", NETWORK, "%", "grants_paid_rate",
        "Subvenciones a los agentes pagadas sobre comprometidas",
        "Broker grants paid against committed",
        "Pagos realizados de las mensualidades del año en porcentaje de lo comprometido para "
        "ellas (importe mensual de cada convenio por sus meses en el año).",
        "Payments made for the months of the year as a percentage of what the agreements "
        "commit for them (each agreement's monthly amount times its months in the year).",
    ),
    (
        "service_user_satisfaction", NETWORK, "%", "",
        "Satisfacción de las organizaciones atendidas por la red",
        "Satisfaction of the organisations served by the network",
        "Organizaciones atendidas que se declaran satisfechas o muy satisfechas con el servicio "
        "del agente de innovación en la encuesta anual, en porcentaje de quienes responden. Se "
        "introduce con la encuesta como evidencia.",
        "Organisations served that say they are satisfied or very satisfied with the innovation "
        "broker's service in the annual survey, as a percentage of respondents. Entered with "
        "the survey as evidence.",
    ),
]  # fmt: skip

FIELDS = ("measure", "unit", "computation", "name", "name_en", "definition", "definition_en")


def create_catalogue(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    HistoricalIndicator = apps.get_model("monitoring", "HistoricalIndicator")
    now = timezone.now()
    positions = {}
    for code, *values in CATALOGUE:
        fields = dict(zip(FIELDS, values, strict=True))
        positions[fields["measure"]] = position = positions.get(fields["measure"], 0) + 10
        fields.update(direction=HIGHER, position=position, is_active=True)
        indicator, _created = Indicator.objects.update_or_create(code=code, defaults=fields)
        # The first entry of the audit trail, so later changes show what changed.
        HistoricalIndicator.objects.create(
            id=indicator.id,
            code=code,
            **fields,
            history_date=now,
            history_type="+",
            history_change_reason="Created with the portal",
        )


def remove_catalogue(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    HistoricalIndicator = apps.get_model("monitoring", "HistoricalIndicator")
    codes = [row[0] for row in CATALOGUE]
    ids = list(Indicator.objects.filter(code__in=codes).values_list("id", flat=True))
    HistoricalIndicator.objects.filter(id__in=ids).delete()
    Indicator.objects.filter(id__in=ids).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [migrations.RunPython(create_catalogue, remove_catalogue)]
