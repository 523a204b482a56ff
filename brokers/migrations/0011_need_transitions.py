"""Needs' status changes are recorded, with who and when (a new table: the needs
themselves are not touched)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("brokers", "0010_grant_call_transition"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NeedTransition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                ("comment", models.TextField(blank=True, verbose_name="comment")),
                (
                    "from_status",
                    models.CharField(
                        choices=[("open", "Open"), ("matched", "Matched"), ("closed", "Closed")],
                        max_length=10,
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        choices=[("open", "Open"), ("matched", "Matched"), ("closed", "Closed")],
                        max_length=10,
                    ),
                ),
                (
                    "by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "need",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="transitions",
                        to="brokers.industryneed",
                    ),
                ),
            ],
            options={
                "verbose_name": "need status change",
                "verbose_name_plural": "need status changes",
                "ordering": ["-at"],
                "abstract": False,
            },
        ),
    ]
