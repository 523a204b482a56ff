from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clusters.models import ClusterOrganisation, DevelopmentStage
from clusters.validators import DocumentValidator
from core.models import StatusTransition

ZERO = Decimal("0")


class CostCategory(models.TextChoices):
    """The Office's cost categories, in the strategy's order."""

    HUMAN_RESOURCES = "human_resources", _("Human resources")
    TRAVEL = "travel", _("Travel")
    TRADESHOWS = "tradeshows", _("Participation in tradeshows")
    CONSULTANCY = "consultancy", _("Consultancy and external services")
    TRAINING = "training", _("Training actions")
    MARKETING = "marketing", _("Marketing actions and materials")
    OTHER = "other", _("Other costs and contingencies")


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
    def for_list(self):
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


class BudgetLine(models.Model):
    """The planned amount of one cost category in one year, for the whole
    programme or for one supported cluster."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory.choices)
    cluster = models.ForeignKey(
        ClusterOrganisation,
        verbose_name=_("cluster organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
    )
    amount = models.DecimalField(_("planned (EUR)"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "category"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_line_not_negative",
                violation_error_message=_("A planned amount cannot be negative."),
            ),
            models.UniqueConstraint(
                fields=["programme", "year", "category"],
                condition=Q(cluster__isnull=True),
                name="one_general_line_per_year_and_category",
            ),
            models.UniqueConstraint(
                fields=["programme", "year", "category", "cluster"],
                name="one_cluster_line_per_year_and_category",
            ),
        ]

    def __str__(self):
        scope = self.cluster or _("whole programme")
        return f"{self.year} · {self.get_category_display()} · {scope}"


class ReallocationStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("reallocation status", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("reallocation status", "Approved")
    REJECTED = "rejected", pgettext_lazy("reallocation status", "Rejected")


class Reallocation(models.Model):
    """Money moved from one budget line of an approved programme to another.

    The total never changes: what leaves one line arrives in the other.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reallocations")
    from_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        related_name="reallocations_out",
    )
    to_line = models.ForeignKey(
        BudgetLine, verbose_name=_("to"), on_delete=models.PROTECT, related_name="reallocations_in"
    )
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        max_length=10, choices=ReallocationStatus.choices, default=ReallocationStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("reallocation")
        verbose_name_plural = _("reallocations")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="reallocation_amount_positive",
                violation_error_message=_("Reallocate an amount above zero."),
            ),
            models.CheckConstraint(
                condition=~Q(from_line=models.F("to_line")),
                name="reallocation_between_two_lines",
                violation_error_message=_("Choose two different budget lines."),
            ),
        ]

    def __str__(self):
        return f"{self.from_line} → {self.to_line}: {self.amount}"

    def summary(self):
        """“5.000 € from <line> to <line>”, in the active language."""
        from core.templatetags.portal import money

        return _("%(amount)s from %(from)s to %(to)s") % {
            "amount": money(self.amount),
            "from": self.from_line,
            "to": self.to_line,
        }


class ExpenditureQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("programme", "cluster").order_by("-date", "-pk")


class Expenditure(models.Model):
    """Money actually spent, against a programme's budget."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="expenditures",
    )
    date = models.DateField(_("date"))
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory.choices)
    cluster = models.ForeignKey(
        ClusterOrganisation,
        verbose_name=_("cluster organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expenditures",
    )
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    supplier = models.CharField(_("supplier"), max_length=200)
    description = models.CharField(_("description"), max_length=300)
    document_reference = models.CharField(_("document reference"), max_length=100, blank=True)
    document = models.FileField(
        _("document"),
        upload_to="programmes/expenditures/",
        blank=True,
        validators=[DocumentValidator(".pdf")],
        help_text=_("The invoice or receipt as a PDF, up to 10 MB."),
    )
    exceeds_budget = models.BooleanField(_("overspending"), default=False, editable=False)
    overspend_justification = models.TextField(
        _("justification of overspending"),
        blank=True,
        help_text=_("Required when this expenditure takes its category over the year's budget."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    history = HistoricalRecords()

    objects = ExpenditureQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("expenditure")
        verbose_name_plural = _("spending")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="expenditure_amount_positive",
                violation_error_message=_("An expenditure is an amount above zero."),
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.supplier}: {self.amount}"


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
    planned_start = models.DateField(_("planned start (month)"))
    planned_end = models.DateField(_("planned end (month)"))
    owner = models.CharField(_("owner"), max_length=200)
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

    def is_late(self, today=None):
        today = today or timezone.localdate()
        return self.status == ActionStatus.LATE or (
            self.planned_end < today.replace(day=1) and self.status not in FINISHED_ACTION_STATUSES
        )


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
