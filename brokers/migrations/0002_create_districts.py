from django.db import migrations
from django.utils import timezone

# The ten administrative districts (comarcas) of Cantabria. Santander and
# Besaya concentrate the region's industry; the others are rural.
DISTRICTS = [
    ("Asón-Agüera", "ason-aguera", True),
    ("Besaya", "besaya", False),
    ("Campoo-Los Valles", "campoo-los-valles", True),
    ("Costa Occidental", "costa-occidental", True),
    ("Costa Oriental", "costa-oriental", True),
    ("Liébana", "liebana", True),
    ("Saja-Nansa", "saja-nansa", True),
    ("Santander", "santander", False),
    ("Trasmiera", "trasmiera", True),
    ("Valles Pasiegos", "valles-pasiegos", True),
]


def create_districts(apps, schema_editor):
    District = apps.get_model("brokers", "District")
    HistoricalDistrict = apps.get_model("brokers", "HistoricalDistrict")
    now = timezone.now()
    for name, slug, is_rural in DISTRICTS:
        district, _created = District.objects.update_or_create(
            slug=slug, defaults={"name": name, "is_rural": is_rural}
        )
        # The first entry of the audit trail, so later changes show what changed.
        HistoricalDistrict.objects.create(
            id=district.id,
            name=name,
            slug=slug,
            is_rural=is_rural,
            history_date=now,
            history_type="+",
            history_change_reason="Created with the portal",
        )


def remove_districts(apps, schema_editor):
    District = apps.get_model("brokers", "District")
    District.objects.filter(slug__in=[slug for _name, slug, _rural in DISTRICTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("brokers", "0001_initial")]

    operations = [migrations.RunPython(create_districts, remove_districts)]
