"""Activities delivered by the clusters."""

from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusters.models.cluster_organisations import ClusterOrganisation, ClusterService
from clusters.models.organisations import Organisation


class ActivityQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("cluster", "service")
            .annotate(partner_cluster_count=Count("partner_clusters", distinct=True))
            .order_by("-date", "title", "pk")
        )


class Activity(models.Model):
    """An event or service delivered by a cluster, possibly with other clusters."""

    cluster = models.ForeignKey(
        ClusterOrganisation,
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    partner_clusters = models.ManyToManyField(
        ClusterOrganisation,
        verbose_name=_("with the clusters"),
        related_name="joint_activities",
        blank=True,
        help_text=_("Other cluster organisations that run it together: an inter-cluster activity."),
    )
    service = models.ForeignKey(
        ClusterService,
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("The service of the cluster's catalogue it delivers."),
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    participants = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        related_name="activities",
        blank=True,
    )
    attendees = models.PositiveIntegerField(_("attendees"), default=0)
    is_international = models.BooleanField(
        _("international"), default=False, help_text=_("Involves partners from abroad.")
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("clusters:activity_detail", args=[self.pk])
