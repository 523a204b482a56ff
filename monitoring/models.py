"""Annual monitoring and evaluation of both measures against their targets.

An evaluation freezes, for one programme year, the computed indicator values
and the data every report section needs into a snapshot; the report is
rendered from that snapshot only, so an approved evaluation never changes when
the portal's data is edited later.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import StatusTransition
from programmes.models import Measure

# Within this share of the target (or better) an indicator is on track.
ON_TRACK_MARGIN = Decimal("0.15")
# Beyond this share short of the target it is off track; in between, at risk.
OFF_TRACK_MARGIN = Decimal("0.30")


# Units of the catalogue, with their labels in the active language; an
# indicator created in the portal may use any other text.
UNIT_LABELS = {
    "%": "%",
    "EUR": "EUR",
    "members": _("members"),
    "clusters": _("clusters"),
    "projects": _("projects"),
    "activities": _("activities"),
    "attendees": _("attendees"),
    "key results": _("key results"),
    "services": _("services"),
    "organisations": _("organisations"),
    "needs": _("needs"),
    "matches": _("matches"),
}


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Progress(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_TARGET = "no_target", _("No target")
    NO_VALUE = "no_value", _("No value yet")


def progress_status(*, actual, target, direction):
    """The status of an indicator's value against its target: the one rule of
    the dashboard, the evaluation page and the report (docs/indicator-status.md).

    - No value yet: there is nothing to rate, whatever the target.
    - A value without a target: reported, not rated.
    - A target of 0 where higher is better is a floor, not a goal: below it is
      off track; at or above it nothing was set to reach, so it is not rated.
      Where lower is better, 0 is a goal: met at 0 or below, off track above.
    - Otherwise on track within 15 % of the target or better, off track beyond
      30 % short of it, at risk in between; "better" follows the direction.
    """
    if actual is None:
        return Progress.NO_VALUE
    if target is None:
        return Progress.NO_TARGET
    actual, target = Decimal(actual), Decimal(target)
    if target == 0:
        if direction == Direction.LOWER:
            return Progress.OFF_TRACK if actual > 0 else Progress.ON_TRACK
        return Progress.OFF_TRACK if actual < 0 else Progress.NO_TARGET
    gap = (actual - target) / abs(target)
    if direction == Direction.LOWER:
        gap = -gap
    if gap >= -ON_TRACK_MARGIN:
        return Progress.ON_TRACK
    if gap >= -OFF_TRACK_MARGIN:
        return Progress.AT_RISK
    return Progress.OFF_TRACK


# Statuses that rate a value against its target (the others only report it).
RATED = (Progress.ON_TRACK, Progress.AT_RISK, Progress.OFF_TRACK)


class IndicatorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Indicator(models.Model):
    """What is measured, and how its value is obtained: computed from the
    portal's data by a registered function (monitoring/indicators.py), or
    entered with evidence."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    definition = models.TextField(_("definition"))
    definition_en = models.TextField(_("definition in English"), blank=True)
    unit = models.CharField(_("unit"), max_length=30, help_text=_("e.g. members, %, EUR"))
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    computation = models.CharField(
        _("computed by"),
        max_length=60,
        blank=True,
        help_text=_("The registered computation; empty for a value entered with evidence."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.localised_name

    @property
    def is_computed(self):
        return bool(self.computation)

    @property
    def localised_name(self):
        # Indicators are data: the catalogue holds no translation of them.
        from django.utils.translation import get_language

        return self.name_en if self.name_en and get_language() == "en" else self.name

    @property
    def localised_unit(self):
        return str(UNIT_LABELS.get(self.unit, self.unit))

    @property
    def localised_definition(self):
        from django.utils.translation import get_language

        if self.definition_en and get_language() == "en":
            return self.definition_en
        return self.definition


class IndicatorTarget(models.Model):
    """Baseline and target of an indicator for one year of a programme."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="indicator_targets",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "programme", "year"], name="one_target_per_indicator_year"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}"


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("evaluation status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("evaluation status", "Submitted")
    APPROVED = "approved", pgettext_lazy("evaluation status", "Approved")


class EvaluationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("programme").order_by("-year", "programme__title")


class Evaluation(models.Model):
    """The annual evaluation of one programme year: frozen values, findings,
    corrective measures; draft → submitted → approved by an official."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.DRAFT,
    )
    # The frozen data of every report section (JSON-ready: amounts as strings),
    # and what it was taken from: when, by whom, and the row counts read.
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True, editable=False)
    snapshot_taken_at = models.DateTimeField(_("snapshot taken at"), null=True, blank=True)
    snapshot_taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("snapshot taken by"),
    )
    snapshot_sources = models.JSONField(_("data read"), default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        permissions = [
            ("submit_evaluation", _("Can submit an evaluation for approval")),
            ("approve_evaluation", _("Can approve an evaluation")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year"], name="one_evaluation_per_programme_year"
            )
        ]

    def __str__(self):
        return f"{self.programme.title} {self.year}"

    @property
    def is_editable(self):
        return self.status == EvaluationStatus.DRAFT


class EvaluationTransition(StatusTransition):
    """A change of an evaluation's status: who, when, and why."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=EvaluationStatus.choices)
    to_status = models.CharField(max_length=10, choices=EvaluationStatus.choices)

    class Meta(StatusTransition.Meta):
        verbose_name = _("evaluation status change")
        verbose_name_plural = _("evaluation status changes")

    def __str__(self):
        return f"{self.evaluation}: {self.get_to_status_display()} ({self.at:%Y-%m-%d})"


class IndicatorValue(models.Model):
    """An indicator's value in an evaluation: frozen from the portal's data, or
    entered with its evidence; baseline and target are frozen with it."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True)
    # Parts of the value, e.g. members by type or services by district.
    breakdown = models.JSONField(_("breakdown"), default=dict, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True)
    evidence = models.TextField(_("evidence"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "indicator"], name="one_value_per_evaluation_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.actual}"

    @property
    def status(self):
        return progress_status(
            actual=self.actual, target=self.target, direction=self.indicator.direction
        )


def _localised(record, field):
    """What people typed, in English where they gave it and English is the
    language, in Spanish otherwise (the <field>_en convention)."""
    from django.utils.translation import get_language

    english = getattr(record, f"{field}_en", "")
    return english if english and get_language() == "en" else getattr(record, field)


class Finding(models.Model):
    """What the office staff conclude about one measure in an evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    text = models.TextField(_("findings"))
    text_en = models.TextField(_("findings (English)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "measure"], name="one_finding_per_measure"
            )
        ]

    def __str__(self):
        return f"{self.evaluation} · {self.get_measure_display()}"

    @property
    def localised_text(self):
        return _localised(self, "text")


class CorrectiveStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("corrective measure status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("corrective measure status", "In progress")
    DONE = "done", pgettext_lazy("corrective measure status", "Done")
    DROPPED = "dropped", pgettext_lazy("corrective measure status", "Dropped")


class CorrectiveMeasure(models.Model):
    """What will be done about an off-track indicator; the next year's
    evaluation follows it up."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="corrective_measures"
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="corrective_measures",
        verbose_name=_("indicator"),
    )
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description (English)"), blank=True)
    owner = models.CharField(_("owner"), max_length=200)
    owner_en = models.CharField(_("owner (English)"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CorrectiveStatus.choices,
        default=CorrectiveStatus.PLANNED,
    )
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_en = models.TextField(_("follow-up (English)"), blank=True)
    followed_up_in = models.ForeignKey(
        Evaluation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_up_measures",
        verbose_name=_("followed up in"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("corrective measure")
        verbose_name_plural = _("corrective measures")

    def __str__(self):
        return self.localised_description[:60]

    @property
    def localised_description(self):
        return _localised(self, "description")

    @property
    def localised_owner(self):
        return _localised(self, "owner")

    @property
    def localised_follow_up(self):
        return _localised(self, "follow_up")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("report status", "Queued")
    RUNNING = "running", pgettext_lazy("report status", "Running")
    DONE = "done", pgettext_lazy("report status", "Done")
    FAILED = "failed", pgettext_lazy("report status", "Failed")


ACTIVE_REPORT_STATUSES = [ReportStatus.QUEUED, ReportStatus.RUNNING]


class EvaluationReportQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("evaluation__programme", "requested_by").order_by(
            "-requested_at", "-pk"
        )


class EvaluationReport(models.Model):
    """One version of an evaluation's report in one language, and the
    background job that renders it."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="reports")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
        help_text=_("Empty for the yearly schedule."),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    # The snapshot the report is rendered from.
    snapshot_taken_at = models.DateTimeField(_("snapshot taken at"))
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = EvaluationReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
        permissions = [("download_evaluationreport", _("Can download evaluation reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "language", "version"], name="one_report_per_version"
            ),
            # Two requests while one is queued or running do not render twice.
            models.UniqueConstraint(
                fields=["evaluation", "language"],
                condition=Q(status__in=ACTIVE_REPORT_STATUSES),
                name="one_active_report_per_evaluation_language",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.DONE) | (~Q(file="") & ~Q(checksum="")),
                name="done_report_has_its_file",
            ),
        ]

    def __str__(self):
        return f"{self.evaluation} ({self.language}) v{self.version}"


class ReportDownload(models.Model):
    """Who downloaded which report, and when."""

    report = models.ForeignKey(EvaluationReport, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("report download")
        verbose_name_plural = _("report downloads")

    def __str__(self):
        return f"{self.report} · {self.user} · {self.at:%Y-%m-%d %H:%M}"


from monitoring.identity import PublisherIdentity  # noqa: E402, F401  (registers the model)
