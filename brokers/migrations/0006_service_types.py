"""The network's services as the regional strategy lists them; the coordinator
extends the list in the portal."""

from django.db import migrations

SERVICE_TYPES = [
    (
        "matching",
        "Puesta en relación de necesidades empresariales con la oferta de conocimiento",
        "Matching industry needs with the knowledge and technology offer",
        "Con la oferta científica y tecnológica de la universidad y los centros tecnológicos.",
    ),
    (
        "contacts",
        "Facilitación de contactos entre agentes",
        "Facilitating contacts between actors",
        "",
    ),
    (
        "needs",
        "Recopilación de necesidades empresariales",
        "Compiling industry needs",
        "Y su traslado a la universidad, los centros de investigación y la administración.",
    ),
    (
        "research_offer",
        "Difusión de la oferta de investigación y tecnología",
        "Disseminating research and technology offers",
        "",
    ),
    (
        "advice",
        "Asesoramiento a medida, incluidos programas de financiación",
        "Tailored advice, including funding programmes",
        "",
    ),
    (
        "calls",
        "Difusión de convocatorias y oportunidades",
        "Disseminating calls and opportunities",
        "",
    ),
    (
        "training",
        "Detección de carencias formativas y organización de formación",
        "Identifying skill gaps and organising training",
        "",
    ),
    (
        "good_practice",
        "Intercambio de buenas prácticas",
        "Sharing good practice",
        "",
    ),
    ("other", "Otros servicios", "Other services", ""),
]


def create_service_types(apps, schema_editor):
    ServiceType = apps.get_model("brokers", "ServiceType")
    for position, (code, name, name_en, description) in enumerate(SERVICE_TYPES, start=1):
        ServiceType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("brokers", "0005_district_services")]

    operations = [migrations.RunPython(create_service_types, migrations.RunPython.noop)]
