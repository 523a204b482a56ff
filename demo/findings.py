"""The findings the Office and the coordinator write in the demo's evaluation, in
Spanish and in English, from the evaluation's own figures (demo/monitoring.py)."""

from decimal import Decimal

from django.utils import translation

from brokers.call.models import GrantAgreement
from monitoring.charts import quantity
from monitoring.models import Progress
from programmes.models import CostCategory, Measure

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip


def _es(value):
    """A value as the Spanish report prints it."""
    with translation.override("es"):
        return quantity(value.actual, value.indicator.unit)


def _es_money(number):
    with translation.override("es"):
        return quantity(number, "EUR")


def _en(value):
    """A value as the English report prints it."""
    with translation.override("en"):
        return quantity(value.actual, value.indicator.unit)


def _en_money(number):
    with translation.override("en"):
        return quantity(number, "EUR")


def _en_target(value):
    with translation.override("en"):
        return quantity(value.target)


def office_findings(values, evaluated):
    v = values
    office = [x for x in v.values() if x.indicator.measure == Measure.CLUSTER_OFFICE]
    counts = {s: sum(1 for x in office if x.status == s) for s in Progress}
    companies = v["committed_members"].breakdown.get("by_type", {}).get("company", 0)
    rates = v["budget_execution"].breakdown.get("by_category", {})
    with translation.override("es"):
        labels = {c.value: str(c.label).lower() for c in CostCategory}
    near = [labels[c] for c, rate in rates.items() if rate and Decimal(rate) >= 90]
    below = [labels[c] for c, rate in rates.items() if rate and Decimal(rate) < 80]
    paragraphs = [
        f"De los {len(office)} indicadores de la Oficina, {counts[Progress.ON_TRACK]} van "
        f"según lo previsto, {counts[Progress.AT_RISK]} están en riesgo y "
        f"{counts[Progress.OFF_TRACK]} se desvían del objetivo.",
        f"Los seis clústeres cerraron {evaluated} con {_es(v['committed_members'])} socios "
        f"comprometidos ({companies} de ellos empresas) y un crecimiento neto de "
        f"{_es(v['member_growth'])} socios ({_es(v['member_growth_rate'])}); el "
        f"{_es(v['sme_share'])} de las empresas socias son pymes. La satisfacción de los socios "
        f"con los servicios de su clúster es del {_es(v['member_satisfaction'])}.",
        f"Proyectos conjuntos iniciados por los clústeres: {_es(v['joint_projects_started'])}, "
        f"con un presupuesto de {_es(v['joint_projects_budget'])}; resultados clave del "
        f"programa alcanzados: {_es(v['key_results_achieved'])}. Clústeres con sello "
        f"de excelencia vigente: {_es(v['labelled_clusters'])}; en redes internacionales: "
        f"{_es(v['clusters_in_networks'])}.",
        f"La ejecución del presupuesto del año fue del {_es(v['budget_execution'])}"
        + (f"; cerca de lo previsto: {', '.join(near)}" if near else "")
        + (f"; por debajo del 80 %: {', '.join(below)}" if below else "")
        + ".",
    ]
    if v["member_growth"].status != Progress.ON_TRACK:
        paragraphs.append(
            f"El crecimiento neto de socios queda por debajo del objetivo de "
            f"{quantity(v['member_growth'].target)}: hay que reforzar la captación, sobre todo "
            "en los consorcios de exportación."
        )
    if v["clusters_in_networks"].status != Progress.ON_TRACK:
        paragraphs.append(
            "Ningún clúster nuevo se ha incorporado a una red internacional; MARCA y los "
            "consorcios de exportación preparan su perfil en la plataforma europea ECCP."
        )
    if Progress.OFF_TRACK in {v["activities"].status, v["activity_attendees"].status}:
        paragraphs.append(
            f"Las actividades de los clústeres registradas en el portal en {evaluated} "
            f"({_es(v['activities'])}, con {_es(v['activity_attendees'])} asistentes) quedan "
            "lejos del objetivo: los clústeres empezaron a registrarlas en el portal durante el "
            "año, y las anteriores solo constan en sus memorias."
        )
    if v["provisional_converted"].status == Progress.OFF_TRACK:
        paragraphs.append(
            f"Socios provisionales de los proyectos que pasaron a socios de pleno derecho: "
            f"{_es(v['provisional_converted'])}, frente a un objetivo de "
            f"{quantity(v['provisional_converted'].target)}."
        )
    if counts[Progress.OFF_TRACK]:
        paragraphs.append("Se acuerda una medida correctora para cada indicador desviado.")
    return "\n\n".join(paragraphs)


def office_findings_en(values, evaluated):
    """The Office's findings as it writes them in English for the English report."""
    v = values
    office = [x for x in v.values() if x.indicator.measure == Measure.CLUSTER_OFFICE]
    counts = {s: sum(1 for x in office if x.status == s) for s in Progress}
    companies = v["committed_members"].breakdown.get("by_type", {}).get("company", 0)
    rates = v["budget_execution"].breakdown.get("by_category", {})
    with translation.override("en"):
        labels = {c.value: str(c.label).lower() for c in CostCategory}
    near = [labels[c] for c, rate in rates.items() if rate and Decimal(rate) >= 90]
    below = [labels[c] for c, rate in rates.items() if rate and Decimal(rate) < 80]
    paragraphs = [
        f"Of the Office's {len(office)} indicators, {counts[Progress.ON_TRACK]} are on track, "
        f"{counts[Progress.AT_RISK]} are at risk and {counts[Progress.OFF_TRACK]} are off "
        "track.",
        f"The six clusters ended {evaluated} with {_en(v['committed_members'])} committed "
        f"members ({companies} of them companies) and a net growth of "
        f"{_en(v['member_growth'])} members ({_en(v['member_growth_rate'])}); "
        f"{_en(v['sme_share'])} of the member companies are SMEs. Members' satisfaction with "
        f"their cluster's services stands at {_en(v['member_satisfaction'])}.",
        f"Joint projects started by the clusters: {_en(v['joint_projects_started'])}, with a "
        f"budget of {_en(v['joint_projects_budget'])}; key results of the programme "
        f"achieved: {_en(v['key_results_achieved'])}. Clusters with a valid excellence "
        f"label: {_en(v['labelled_clusters'])}; in international networks: "
        f"{_en(v['clusters_in_networks'])}.",
        f"The year's budget was {_en(v['budget_execution'])} spent"
        + (f"; close to plan: {', '.join(near)}" if near else "")
        + (f"; below 80 %: {', '.join(below)}" if below else "")
        + ".",
    ]
    if v["member_growth"].status != Progress.ON_TRACK:
        paragraphs.append(
            f"The net growth in members falls short of the target of "
            f"{_en_target(v['member_growth'])}: recruitment must be stepped up, above all in "
            "the export consortia."
        )
    if v["clusters_in_networks"].status != Progress.ON_TRACK:
        paragraphs.append(
            "No further cluster has joined an international network; MARCA and the export "
            "consortia are preparing their profiles on the European platform ECCP."
        )
    if Progress.OFF_TRACK in {v["activities"].status, v["activity_attendees"].status}:
        paragraphs.append(
            f"The clusters' activities recorded in the portal in {evaluated} "
            f"({_en(v['activities'])}, with {_en(v['activity_attendees'])} attendees) fall "
            "far short of the target: the clusters began recording them in the portal during "
            "the year, and the earlier ones appear only in their annual reports."
        )
    if v["provisional_converted"].status == Progress.OFF_TRACK:
        paragraphs.append(
            f"Provisional members of the projects who became full members: "
            f"{_en(v['provisional_converted'])}, against a target of "
            f"{_en_target(v['provisional_converted'])}."
        )
    if counts[Progress.OFF_TRACK]:
        paragraphs.append("A corrective measure is agreed for each indicator off track.")
    return "\n\n".join(paragraphs)


def network_findings(call, values, network, evaluated):
    """What the frozen figures of the network's year say."""
    v = values
    agreements = list(GrantAgreement.objects.filter(call=call))
    monthly = sorted({a.monthly_amount for a in agreements})
    start = min(a.start_date for a in agreements)
    districts = sorted(network["districts"], key=lambda d: (-d["services"], d["name"]))
    total = network["total"]
    paragraphs = [
        f"En {evaluated} la red de agentes de innovación trabajó en las {len(agreements)} "
        f"comarcas con las entidades de acogida que seleccionó la convocatoria "
        f"{call.reference}, cuyos convenios empezaron el {start.day} de "
        f"{MONTHS[start.month - 1]} de {start.year}: {_es_money(total['grant_committed'])} de "
        f"subvención comprometidos para el año ("
        + " o ".join(_es_money(m) for m in monthly)
        + f" al mes por comarca), de los que se han pagado {_es_money(total['grant_paid'])}.",
        f"Los agentes registraron {_es(v['services_delivered'])} servicios y atendieron a "
        f"{_es(v['organisations_reached'])} organizaciones, "
        f"{_es(v['organisations_reached_rural'])} de ellas en las comarcas rurales, que "
        f"recibieron el {_es(v['rural_service_share'])} de los servicios. La comarca con más "
        f"servicios fue {districts[0]['name']} ({districts[0]['services']}) y la que menos, "
        f"{districts[-1]['name']} ({districts[-1]['services']}).",
        f"Necesidades de la industria puestas en relación con una oferta de conocimiento: "
        f"{_es(v['needs_matched'])}; emparejamientos con resultado: "
        f"{_es(v['matches_successful'])}. La satisfacción de las organizaciones atendidas es "
        f"del {_es(v['service_user_satisfaction'])}.",
    ]
    network_values = [x for x in v.values() if x.indicator.measure == Measure.BROKER_NETWORK]
    behind = [x.indicator.name for x in network_values if x.status == Progress.AT_RISK]
    off = [x.indicator.name for x in network_values if x.status == Progress.OFF_TRACK]
    if behind:
        paragraphs.append("En riesgo: " + "; ".join(behind) + ".")
    if off:
        paragraphs.append(
            "Se desvían del objetivo: " + "; ".join(off) + ". Se acuerda una medida "
            "correctora para cada uno."
        )
    if not behind and not off:
        paragraphs.append("Todos los indicadores de la red van según lo previsto.")
    return "\n\n".join(paragraphs)


def network_findings_en(call, values, network, evaluated):
    """The coordinator's findings on the network, in English."""
    v = values
    agreements = list(GrantAgreement.objects.filter(call=call))
    monthly = sorted({a.monthly_amount for a in agreements})
    start = min(a.start_date for a in agreements)
    districts = sorted(network["districts"], key=lambda d: (-d["services"], d["name"]))
    total = network["total"]
    paragraphs = [
        f"In {evaluated} the network of innovation brokers worked in the {len(agreements)} "
        f"districts with the host organisations selected by the grant call "
        f"{call.reference}, whose agreements started on {start.day} "
        f"{MONTHS_EN[start.month - 1]} {start.year}: {_en_money(total['grant_committed'])} "
        f"of grant committed for the year ("
        + " or ".join(_en_money(m) for m in monthly)
        + f" a month per district), of which {_en_money(total['grant_paid'])} has been paid.",
        f"The brokers recorded {_en(v['services_delivered'])} services and served "
        f"{_en(v['organisations_reached'])} organisations, "
        f"{_en(v['organisations_reached_rural'])} of them in the rural districts, which "
        f"received {_en(v['rural_service_share'])} of the services. The district with the "
        f"most services was {districts[0]['name']} ({districts[0]['services']}) and the one "
        f"with the fewest, {districts[-1]['name']} ({districts[-1]['services']}).",
        f"Needs of industry matched with an offer of knowledge: {_en(v['needs_matched'])}; "
        f"matches with a result: {_en(v['matches_successful'])}. The satisfaction of the "
        f"organisations served stands at {_en(v['service_user_satisfaction'])}.",
    ]
    network_values = [x for x in v.values() if x.indicator.measure == Measure.BROKER_NETWORK]
    name = {x.pk: x.indicator.name_en or x.indicator.name for x in network_values}
    behind = [name[x.pk] for x in network_values if x.status == Progress.AT_RISK]
    off = [name[x.pk] for x in network_values if x.status == Progress.OFF_TRACK]
    if behind:
        paragraphs.append("At risk: " + "; ".join(behind) + ".")
    if off:
        paragraphs.append(
            "Off track: " + "; ".join(off) + ". A corrective measure is agreed for each."
        )
    if not behind and not off:
        paragraphs.append("All the network's indicators are on track.")
    return "\n\n".join(paragraphs)
