"""A person's district is now districts.District: the same table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_organisation"),
        ("districts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicaluser",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Required for innovation brokers: the district they serve.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
                migrations.AlterField(
                    model_name="user",
                    name="district",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Required for innovation brokers: the district they serve.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="people",
                        to="districts.district",
                        verbose_name="district",
                    ),
                ),
            ],
        ),
    ]
