"""An organisation's district is now districts.District: the same table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0004_list_indexes"),
        ("districts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalorganisation",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Empty for organisations outside the region.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="organisation",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Empty for organisations outside the region.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="organisations",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
            ],
        ),
    ]
