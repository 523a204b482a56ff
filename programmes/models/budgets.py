"""A programme's money: its budget lines, reallocations and spending."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clusters.models import ClusterOrganisation
from clusters.validators import DocumentValidator
from programmes.models.programmes import Programme

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
