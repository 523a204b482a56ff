"""The Office's governance bodies, their meetings and decisions."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models.budgets import Reallocation
from programmes.models.programmes import ProgrammeTransition


class BodyKind(models.TextChoices):
    GOVERNMENT_DEPARTMENT = "government_department", _("Regional government department")
    EXECUTIVE_DIRECTOR = "executive_director", _("Executive Director")
    MANAGING_BOARD = "managing_board", _("Managing Board")
    ADVISORY_COMMITTEE = "advisory_committee", _("Advisory Committee")


class Body(models.Model):
    """A governance body of the Cluster Promotion Office."""

    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:body_detail", args=[self.pk])


class BodyMember(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "role", "name"]
        verbose_name = _("body member")
        verbose_name_plural = _("body members")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="body_member_term_ends_after_start",
                violation_error_message=_("A term cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.role})"


class MeetingQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("body")
            .annotate(decision_count=models.Count("decisions"))
            .order_by("-date", "pk")
        )


class Meeting(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("date"))
    attendees = models.TextField(_("attendees"), help_text=_("One person per line."))
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.body} {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("programmes:meeting_detail", args=[self.pk])

    @property
    def attendee_list(self):
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class Decision(models.Model):
    """A decision of a meeting, possibly the one that approved a programme
    transition or a reallocation."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    transition = models.ForeignKey(
        ProgrammeTransition,
        verbose_name=_("programme status change it approves"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    reallocation = models.ForeignKey(
        Reallocation,
        verbose_name=_("reallocation it approves"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]
