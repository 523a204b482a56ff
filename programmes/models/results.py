"""The key results of the supported clusters."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusters.models import ClusterOrganisation
from programmes.models.programmes import Programme


class KeyResult(models.TextChoices):
    """The strategy's key results for the immature cluster support programme."""

    DEDICATED_MANAGEMENT = "dedicated_management", _("Dedicated management provided")
    STRATEGY = "strategy", _("Cluster strategy developed")
    KEY_SERVICES = "key_services", _("Key services provided")
    MEMBERSHIP = "membership", _("Membership expanded")
    POSITIONING = "positioning", _("Positioned in the regional innovation system")


class ResultStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class ClusterResult(models.Model):
    """A key result of one supported cluster in one programme year."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="results")
    cluster = models.ForeignKey(
        ClusterOrganisation, on_delete=models.PROTECT, related_name="programme_results"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    result = models.CharField(_("key result"), max_length=30, choices=KeyResult.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=ResultStatus.choices, default=ResultStatus.NOT_STARTED
    )
    evidence = models.TextField(_("evidence"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster__acronym", "year", "result"]
        verbose_name = _("key result")
        verbose_name_plural = _("key results")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "cluster", "year", "result"],
                name="one_result_per_cluster_and_year",
            )
        ]

    def __str__(self):
        return f"{self.cluster} {self.year}: {self.get_result_display()}"
