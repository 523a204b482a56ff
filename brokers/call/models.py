from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clusters.validators import DocumentValidator
from core.models import StatusTransition
from districts.models import District

# The grant call that selects one innovation-broker host organisation per district


class GrantCallStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("grant call status", "Draft")
    PUBLISHED = "published", pgettext_lazy("grant call status", "Published")
    CLOSED = "closed", pgettext_lazy("grant call status", "Closed")
    UNDER_EVALUATION = "under_evaluation", pgettext_lazy("grant call status", "Under evaluation")
    RESOLVED = "resolved", pgettext_lazy("grant call status", "Resolved")


# The broker requirements of the strategy: the default evaluation criteria.
DEFAULT_EVALUATION_CRITERIA = [
    (_("Knowledge of the territory and its industry"), 20),
    (_("Awareness of local industry needs"), 15),
    (_("Knowledge of the university and technology offer"), 20),
    (_("Knowledge of grants and incentives"), 15),
    (_("A contact network among the stakeholders"), 15),
    (_("Communication and people skills"), 15),
]
DEFAULT_MAX_MONTHLY_GRANT = Decimal("3500.00")


class GrantCallQuerySet(models.QuerySet):
    def open_to_applicants(self, now=None):
        now = now or timezone.now()
        return self.filter(status=GrantCallStatus.PUBLISHED, opens_at__lte=now, closes_at__gt=now)

    def for_list(self):
        return self.annotate(
            application_count=Count(
                "applications",
                filter=~Q(applications__status=ApplicationStatus.DRAFT),
                distinct=True,
            ),
            district_count=Count("districts", distinct=True),
        ).order_by("-opens_at", "reference")


class GrantCall(models.Model):
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=250)
    purpose = models.TextField(_("purpose"))
    expected_services = models.TextField(_("expected services"))
    districts = models.ManyToManyField(
        District, verbose_name=_("districts"), related_name="grant_calls"
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    total_budget = models.DecimalField(_("total budget (EUR)"), max_digits=12, decimal_places=2)
    max_monthly_grant = models.DecimalField(
        _("maximum monthly grant (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=DEFAULT_MAX_MONTHLY_GRANT,
    )
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), default=12)
    status = models.CharField(
        _("status"), max_length=20, choices=GrantCallStatus.choices, default=GrantCallStatus.DRAFT
    )
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluators"),
        related_name="evaluated_calls",
        blank=True,
    )
    resolution_document = models.FileField(
        _("resolution"), upload_to="brokers/resolutions/", blank=True, editable=False
    )
    history = HistoricalRecords()

    objects = GrantCallQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")
        permissions = [("manage_grantcall", _("Can run grant calls, select and sign agreements"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="grant_call_closes_after_it_opens",
                violation_error_message=_("A call closes after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(max_monthly_grant__gt=0) & Q(total_budget__gt=0),
                name="grant_call_amounts_positive",
                violation_error_message=_("Amounts must be above zero."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def is_open(self):
        now = timezone.now()
        return self.status == GrantCallStatus.PUBLISHED and self.opens_at <= now < self.closes_at

    @property
    def rules_locked(self):
        """Once published, the rules of a call do not change."""
        return self.status != GrantCallStatus.DRAFT


class GrantCallTransition(StatusTransition):
    """A change of a grant call's stage: who, when and why."""

    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=GrantCallStatus.choices)
    to_status = models.CharField(max_length=20, choices=GrantCallStatus.choices)
    # None: the schedule closed the call at its closing time.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta(StatusTransition.Meta):
        verbose_name = _("grant call status change")
        verbose_name_plural = _("grant call status changes")

    def __str__(self):
        return f"{self.call.reference}: {self.get_to_status_display()}"


class EligibilityCriterion(models.Model):
    call = models.ForeignKey(
        GrantCall, on_delete=models.CASCADE, related_name="eligibility_criteria"
    )
    text = models.CharField(_("eligibility criterion"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")

    def __str__(self):
        return self.text


class EvaluationCriterion(models.Model):
    call = models.ForeignKey(
        GrantCall, on_delete=models.CASCADE, related_name="evaluation_criteria"
    )
    name = models.CharField(_("evaluation criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__lte=100) & Q(max_score__gte=1),
                name="criterion_weight_and_max_score",
                violation_error_message=_(
                    "A weight is at most 100 and the maximum score at least 1."
                ),
            )
        ]

    def __str__(self):
        return self.name


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("application status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")


class Eligibility(models.TextChoices):
    PENDING = "pending", pgettext_lazy("application eligibility", "Not checked yet")
    ELIGIBLE = "eligible", pgettext_lazy("application eligibility", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("application eligibility", "Ineligible")


class Application(models.Model):
    """An organisation's application to host the innovation broker of one district."""

    call = models.ForeignKey(GrantCall, on_delete=models.PROTECT, related_name="applications")
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        "clusters.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_applications"
    )
    on_paper = models.BooleanField(
        _("entered from a paper application"), default=False, editable=False
    )
    broker_name = models.CharField(_("proposed broker"), max_length=150)
    broker_cv = models.FileField(
        _("broker's CV"),
        upload_to="brokers/cvs/",
        blank=True,
        validators=[DocumentValidator(".pdf", max_bytes=5 * 1024 * 1024)],
        help_text=_("PDF, up to 5 MB."),
    )
    requested_monthly_amount = models.DecimalField(
        _("requested monthly grant (EUR)"), max_digits=10, decimal_places=2
    )
    work_plan = models.TextField(_("work plan"))
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    eligibility = models.CharField(
        _("eligibility"), max_length=10, choices=Eligibility.choices, default=Eligibility.PENDING
    )
    ineligibility_reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "district__name", "organisation__legal_name"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "district", "organisation"],
                name="one_application_per_organisation_and_district",
                violation_error_message=_(
                    "This organisation has already applied for this district in this call."
                ),
            ),
            models.CheckConstraint(
                condition=Q(requested_monthly_amount__gt=0),
                name="application_amount_positive",
                violation_error_message=_("The requested amount must be above zero."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.district} ({self.call.reference})"


class RequirementStatement(models.Model):
    """The applicant's statement of how the proposed broker meets one requirement."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="statements"
    )
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("statement"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_statement_per_requirement"
            )
        ]

    def __str__(self):
        return f"{self.application}: {self.criterion}"


class SupportingDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(
        _("file"),
        upload_to="brokers/applications/",
        validators=[DocumentValidator(".pdf", max_bytes=5 * 1024 * 1024)],
        help_text=_("PDF, up to 5 MB."),
    )

    def __str__(self):
        return self.title


class EligibilityCheck(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="eligibility_checks"
    )
    criterion = models.ForeignKey(EligibilityCriterion, on_delete=models.CASCADE, related_name="+")
    passed = models.BooleanField(_("passed"))
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_check_per_eligibility_criterion"
            )
        ]

    def __str__(self):
        return f"{self.application}: {self.criterion}"


class Review(models.Model):
    """One evaluator's review of one application: the conflict-of-interest
    declaration first, then the scores, submitted together."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    has_conflict = models.BooleanField(_("I have a conflict of interest"))
    declared_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "evaluator"], name="one_review_per_evaluator"
            )
        ]

    def __str__(self):
        return f"{self.evaluator} – {self.application}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        EvaluationCriterion, on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self):
        return f"{self.review}: {self.criterion} {self.score}"


class Selection(models.Model):
    """The application chosen to host a district's broker: at most one per district."""

    call = models.ForeignKey(GrantCall, on_delete=models.PROTECT, related_name="selections")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="selection"
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Required when it is not the top-ranked application.")
    )
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    selected_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["call", "district"],
                name="one_selection_per_district",
                violation_error_message=_("A district has at most one selected application."),
            )
        ]

    def __str__(self):
        return f"{self.district}: {self.application}"


class GrantAgreementQuerySet(models.QuerySet):
    def running_in(self, year):
        """The agreements with at least one day in the year."""
        return self.filter(start_date__lte=date(year, 12, 31), end_date__gte=date(year, 1, 1))

    def for_list(self):
        """With what has been paid (paid) and who and where, by district."""
        return (
            self.select_related("organisation", "district", "broker")
            .annotate(
                paid=Coalesce(
                    Sum("payments__amount", filter=Q(payments__status=PaymentStatus.PAID)),
                    Value(Decimal(0)),
                    output_field=models.DecimalField(max_digits=12, decimal_places=2),
                )
            )
            .order_by("district__name")
        )


class GrantAgreement(models.Model):
    """The grant agreement with a selected host organisation."""

    selection = models.OneToOneField(Selection, on_delete=models.PROTECT, related_name="agreement")
    call = models.ForeignKey(GrantCall, on_delete=models.PROTECT, related_name="agreements")
    organisation = models.ForeignKey(
        "clusters.Organisation", on_delete=models.PROTECT, related_name="grant_agreements"
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="grant_agreements"
    )
    monthly_amount = models.DecimalField(_("monthly grant (EUR)"), max_digits=10, decimal_places=2)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("innovation broker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_agreements",
    )
    signed_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = GrantAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["district__name"]
        verbose_name = _("grant agreement")
        verbose_name_plural = _("grant agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="agreement_ends_after_start",
                violation_error_message=_("An agreement ends after it starts."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.district}"

    @property
    def months(self):
        return (
            (self.end_date.year - self.start_date.year) * 12
            + self.end_date.month
            - self.start_date.month
            + 1
        )

    @property
    def total(self):
        return self.monthly_amount * self.months


class PaymentStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("payment status", "Pending")
    PAID = "paid", pgettext_lazy("payment status", "Paid")


class Payment(models.Model):
    agreement = models.ForeignKey(GrantAgreement, on_delete=models.PROTECT, related_name="payments")
    month = models.DateField(_("month"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "month"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "month"], name="one_payment_per_month"),
            models.CheckConstraint(
                condition=Q(status=PaymentStatus.PENDING) | Q(paid_on__isnull=False),
                name="paid_payment_has_a_date",
                violation_error_message=_("A paid payment has its payment date."),
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.month:%Y-%m}"
