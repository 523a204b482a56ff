"""The clusters' joint projects."""

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusters.models.cluster_organisations import ClusterOrganisation
from clusters.models.organisations import Organisation


class ProjectScope(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    INTER_CLUSTER = "inter_cluster", _("Inter-cluster")
    INTERREGIONAL = "interregional", _("Interregional")
    TRANSNATIONAL = "transnational", _("Transnational")


class FundingProgramme(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    HORIZON_EUROPE = "horizon_europe", _("EU: Horizon Europe")
    INTERREG = "interreg", _("EU: Interreg")
    OTHER_EU = "other_eu", _("EU: other programme")
    PRIVATE = "private", _("Own or private funds")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ClusterProjectQuerySet(models.QuerySet):
    def for_list(self):
        return self.prefetch_related("clusters").order_by("-start_date", "title", "pk")

    def for_export(self):
        """for_list() with each project's number of partners, a column of the
        download only: the page's query and its count are not grouped over them."""
        return self.for_list().annotate(partner_count=Count("partners"))


class ClusterProject(models.Model):
    """A joint R&D and innovation project of one or more clusters."""

    title = models.CharField(_("title"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=ProjectScope.choices)
    clusters = models.ManyToManyField(
        ClusterOrganisation, verbose_name=_("cluster organisations"), related_name="projects"
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), related_name="projects", blank=True
    )
    funding_programme = models.CharField(
        _("funding programme"), max_length=20, choices=FundingProgramme.choices
    )
    budget = models.DecimalField(_("budget (EUR)"), max_digits=12, decimal_places=2)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    history = HistoricalRecords()

    objects = ClusterProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("cluster project")
        verbose_name_plural = _("cluster projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.acronym or self.title

    def get_absolute_url(self):
        return reverse("clusters:project_detail", args=[self.pk])
