"""Districts move to an app of their own (districts); their tables keep their
names, so nothing changes in the database but the content types, which follow
the models so that permissions granted on districts keep their meaning."""

import django.db.models.deletion
from django.db import migrations, models


DISTRICT_MODELS = ["district", "historicaldistrict"]


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in DISTRICT_MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move(apps, "brokers", "districts")


def move_content_types_back(apps, schema_editor):
    _move(apps, "districts", "brokers")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0004_district_moved"),
        ("brokers", "0008_list_indexes"),
        ("clusters", "0005_district_moved"),
        ("districts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalgrantagreement",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="districts.district",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicaldistrictserviceoffer",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalindustryneed",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="industryneed",
                    name="district",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="needs",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="districtservice",
                    name="district",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="services",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="application",
                    name="district",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalapplication",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="districtserviceoffer",
                    name="district",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="service_offers",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicaldistrictservice",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="grantagreement",
                    name="district",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="grant_agreements",
                        to="districts.district",
                    ),
                ),
                migrations.AlterField(
                    model_name="selection",
                    name="district",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="districts.district",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalselection",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="districts.district",
                    ),
                ),
                migrations.RemoveField(
                    model_name="historicaldistrict",
                    name="history_user",
                ),
                migrations.AlterField(
                    model_name="grantcall",
                    name="districts",
                    field=models.ManyToManyField(
                        related_name="grant_calls",
                        to="districts.district",
                        verbose_name="districts",
                    ),
                ),
                migrations.DeleteModel(
                    name="District",
                ),
                migrations.DeleteModel(
                    name="HistoricalDistrict",
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
