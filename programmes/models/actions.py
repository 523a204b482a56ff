"""The action plan of both measures."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Measure(models.TextChoices):
    CLUSTER_OFFICE = "cluster_office", _("Cluster Promotion Office")
    BROKER_NETWORK = "broker_network", _("Network of Innovation Brokers")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("action status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
    DONE = "done", pgettext_lazy("action status", "Done")
    LATE = "late", pgettext_lazy("action status", "Late")
    CANCELLED = "cancelled", pgettext_lazy("action status", "Cancelled")


FINISHED_ACTION_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)


class ActionQuerySet(models.QuerySet):
    def late(self, today=None):
        """Marked late, or past their planned end without being done or cancelled."""
        today = today or timezone.localdate()
        return self.filter(
            Q(status=ActionStatus.LATE)
            | (Q(planned_end__lt=today.replace(day=1)) & ~Q(status__in=FINISHED_ACTION_STATUSES))
        )

    def for_list(self):
        # The Office's measure first, as in the strategy's action plan.
        office_first = models.Case(models.When(measure=Measure.CLUSTER_OFFICE, then=0), default=1)
        return self.order_by(office_first, "planned_start", "title", "pk")


class Action(models.Model):
    """An action of the action plan of either measure."""

    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    title = models.CharField(_("action"), max_length=250)
    title_en = models.CharField(_("action (English)"), max_length=250, blank=True)
    planned_start = models.DateField(_("planned start (month)"))
    planned_end = models.DateField(_("planned end (month)"))
    owner = models.CharField(_("owner"), max_length=200)
    owner_en = models.CharField(_("owner (English)"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    deliverable = models.CharField(_("deliverable"), max_length=300, blank=True)
    progress_notes = models.TextField(_("progress notes"), blank=True)
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "planned_start", "title"]
        verbose_name = _("action")
        verbose_name_plural = _("action plan")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("planned_start")),
                name="action_ends_after_start",
                violation_error_message=_("An action cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="action_progress_percent",
                violation_error_message=_("Progress is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:action_detail", args=[self.pk])

    # The plan is data typed by the Office, in Spanish and, where it gives one,
    # in English: the English text in English, the Spanish otherwise.
    @property
    def localised_title(self):
        return self.title_en if self.title_en and get_language() == "en" else self.title

    @property
    def localised_owner(self):
        return self.owner_en if self.owner_en and get_language() == "en" else self.owner

    def is_late(self, today=None):
        today = today or timezone.localdate()
        return self.status == ActionStatus.LATE or (
            self.planned_end < today.replace(day=1) and self.status not in FINISHED_ACTION_STATUSES
        )
