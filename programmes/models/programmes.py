"""The multiannual programme and the changes of its status."""

from datetime import date

from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clusters.models import ClusterOrganisation, DevelopmentStage
from core.models import StatusTransition


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("programme status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("programme status", "Submitted")
    RETURNED = "returned", pgettext_lazy("programme status", "Returned with comments")
    APPROVED = "approved", pgettext_lazy("programme status", "Approved")
    ACTIVE = "active", pgettext_lazy("programme status", "Active")
    CLOSED = "closed", pgettext_lazy("programme status", "Closed")


# Once approved, a programme's budget only changes through reallocations.
LOCKED_STATUSES = (ProgrammeStatus.APPROVED, ProgrammeStatus.ACTIVE, ProgrammeStatus.CLOSED)
EDITABLE_STATUSES = (ProgrammeStatus.DRAFT, ProgrammeStatus.RETURNED)
# Money is spent and reallocated while a programme runs.
ACTIVE_STATUSES = (ProgrammeStatus.APPROVED, ProgrammeStatus.ACTIVE)


class ProgrammeQuerySet(models.QuerySet):
    def running(self):
        """Approved or active: where money is spent and reallocated."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def supported_clusters(self):
        """The cluster organisations these programmes support, each once."""
        return ClusterOrganisation.objects.filter(programmes__in=self).distinct()

    def for_list(self):
        from programmes.models.budgets import BudgetLine  # it imports this module

        # A subquery: summing through the same join as the cluster count would
        # repeat every budget line once per cluster.
        planned = (
            BudgetLine.objects.filter(programme=OuterRef("pk"))
            .values("programme")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        return self.annotate(
            planned_total=Subquery(planned),
            cluster_count=models.Count("clusters", distinct=True),
        ).order_by("-start_year", "title")


class Programme(models.Model):
    """A multiannual cluster programme, approved by the regional government."""

    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    years = models.PositiveSmallIntegerField(_("number of years"), default=4)
    target_stage = models.CharField(
        _("development stage it targets"),
        max_length=20,
        choices=DevelopmentStage.choices,
        default=DevelopmentStage.IMMATURE,
    )
    objectives = models.TextField(_("objectives"))
    clusters = models.ManyToManyField(
        ClusterOrganisation,
        verbose_name=_("cluster organisations supported"),
        related_name="programmes",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    history = HistoricalRecords()

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "title"]
        verbose_name = _("cluster programme")
        verbose_name_plural = _("cluster programmes")
        permissions = [
            ("submit_programme", _("Can prepare, submit, start and close programmes")),
            ("approve_programme", _("Can approve or return programmes and reallocations")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gte=1) & Q(years__lte=10),
                name="programme_years_between_1_and_10",
                violation_error_message=_("A programme lasts between 1 and 10 years."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=2000) & Q(start_year__lte=2100),
                name="programme_start_year_plausible",
                violation_error_message=_("Give a year between 2000 and 2100."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_year}–{self.end_year})"

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", args=[self.pk])

    @property
    def end_year(self):
        return self.start_year + self.years - 1

    @property
    def year_range(self):
        return list(range(self.start_year, self.end_year + 1))

    @property
    def is_locked(self):
        return self.status in LOCKED_STATUSES

    @property
    def period_start(self):
        return date(self.start_year, 1, 1)

    @property
    def period_end(self):
        return date(self.end_year, 12, 31)


class ProgrammeTransition(StatusTransition):
    """A change of a programme's status: who, when, and why."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=ProgrammeStatus.choices)
    to_status = models.CharField(max_length=10, choices=ProgrammeStatus.choices)

    class Meta(StatusTransition.Meta):
        verbose_name = _("programme status change")
        verbose_name_plural = _("programme status changes")

    def __str__(self):
        return f"{self.programme.title}: {self.get_to_status_display()} ({self.at:%Y-%m-%d})"
