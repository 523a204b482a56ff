from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import StatusTransition
from districts.models import District

# District services: what the brokers deliver, the needs they compile and the
# offers they match them with, and the network's bimonthly meetings.

# A broker corrects their own record for this long; later changes go through
# the coordinator.
CORRECTION_WINDOW_DAYS = 30


class ServiceType(models.Model):
    """A kind of service the network delivers; the coordinator extends the list."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(
        _("name in English"), max_length=200, blank=True, help_text=_("Shown on English pages.")
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Types no longer in use stay on old records.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("service type")
        verbose_name_plural = _("service types")

    def __str__(self):
        # Types are data, not code: the catalogue holds no translation of them.
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class DistrictServiceOffer(models.Model):
    """A service a district offers, with the local notes that tailor it."""

    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="service_offers",
        verbose_name=_("district"),
    )
    service_type = models.ForeignKey(
        ServiceType,
        on_delete=models.PROTECT,
        related_name="district_offers",
        verbose_name=_("service type"),
    )
    notes = models.TextField(_("local notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["district", "service_type"]
        verbose_name = _("district service offer")
        verbose_name_plural = _("district service offers")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "service_type"], name="one_offer_per_district_and_type"
            )
        ]

    def __str__(self):
        return f"{self.district} · {self.service_type}"


class ContactChannel(models.TextChoices):
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    EVENT = "event", _("Event")


class DistrictServiceQuerySet(models.QuerySet):
    def delivered(self):
        """Services that count: withdrawn records stay on file but not in figures."""
        return self.filter(withdrawn_at__isnull=True)

    def for_list(self):
        return (
            self.select_related("district", "broker", "service_type")
            .prefetch_related("organisations")
            .order_by("-date", "-pk")
        )

    def for_export(self):
        """for_list() with everything a row of the CSV/XLSX download names."""
        return self.for_list().select_related(
            "knowledge_provider",
            "cluster_project",
            "membership__organisation",
            "membership__cluster",
            "withdrawn_by",
        )

    def follow_ups_due(self, on):
        return self.delivered().filter(follow_up_on__lte=on, follow_up_done_at__isnull=True)

    # Figures of the dashboards: each is one aggregate query, whatever the
    # number of records. Hours are never summed over the organisations join
    # (it would count a service once per organisation).

    def follow_ups_overdue(self, today):
        """Follow-ups whose day has passed without being done."""
        return self.delivered().filter(follow_up_on__lt=today, follow_up_done_at__isnull=True)

    def in_year(self, year):
        return self.filter(date__year=year)

    def per_district_and_month(self):
        """Rows of district_id, month (1–12), services and hours_spent."""
        return (
            self.annotate(month=ExtractMonth("date"))
            .values("district_id", "month")
            .annotate(services=Count("pk"), hours_spent=models.Sum("hours"))
            .order_by()
        )

    def organisations_per_district_and_month(self):
        """Rows of district_id, month and the distinct organisations reached."""
        return (
            self.annotate(month=ExtractMonth("date"))
            .values("district_id", "month")
            .annotate(organisations=Count("organisations", distinct=True))
            .order_by()
        )

    def organisations_per_district(self):
        """Rows of district_id and the distinct organisations reached."""
        return (
            self.values("district_id")
            .annotate(organisations=Count("organisations", distinct=True))
            .order_by()
        )

    def organisations_reached(self, **periods):
        """Distinct organisations reached (keys reached, rural, not_rural, and
        reached_<name> for each named period, a Q on the service)."""
        distinct = {
            "reached": Count("organisations", distinct=True),
            "rural": Count("organisations", distinct=True, filter=Q(district__is_rural=True)),
            "not_rural": Count("organisations", distinct=True, filter=Q(district__is_rural=False)),
        }
        for name, condition in periods.items():
            distinct[f"reached_{name}"] = Count("organisations", distinct=True, filter=condition)
        return self.order_by().aggregate(**distinct)

    def services_and_hours(self, **periods):
        """Services and hours (keys services, hours_spent, and services_<name>,
        hours_<name> for each named period, a Q on the service)."""
        totals = {"services": Count("pk"), "hours_spent": models.Sum("hours")}
        for name, condition in periods.items():
            totals[f"services_{name}"] = Count("pk", filter=condition)
            totals[f"hours_{name}"] = models.Sum("hours", filter=condition)
        return self.order_by().aggregate(**totals)


class DistrictService(models.Model):
    """A service an innovation broker delivered in their district."""

    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="district_services",
        verbose_name=_("broker"),
    )
    # Taken from the broker when the record is made, never typed: the record
    # stays with the district if the broker later moves.
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="services", verbose_name=_("district")
    )
    date = models.DateField(_("date"))
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="services", verbose_name=_("service")
    )
    organisations = models.ManyToManyField(
        "clusters.Organisation",
        related_name="district_services",
        verbose_name=_("organisations served"),
    )
    channel = models.CharField(_("contact channel"), max_length=10, choices=ContactChannel.choices)
    hours = models.DecimalField(
        _("hours spent"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("200"))],
    )
    outcome = models.TextField(_("outcome"), blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("follow-up done"), null=True, blank=True)
    knowledge_provider = models.ForeignKey(
        "clusters.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("referred to knowledge provider"),
        help_text=_("A university or technology centre the organisation was referred to."),
    )
    funding_programme = models.CharField(_("funding programme"), max_length=200, blank=True)
    cluster_project = models.ForeignKey(
        "clusters.ClusterProject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="district_services",
        verbose_name=_("cluster project it led to"),
    )
    membership = models.ForeignKey(
        "clusters.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="district_services",
        verbose_name=_("cluster membership it led to"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # Nothing is deleted: a record logged in error is withdrawn with a reason.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    history = HistoricalRecords()

    objects = DistrictServiceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("district service")
        verbose_name_plural = _("district services")
        permissions = [
            ("view_network", _("Can read every district's services and needs")),
            ("coordinate_network", _("Can correct any district's records and run the network")),
        ]
        indexes = [
            models.Index(fields=["district", "date"], name="service_district_date"),
            models.Index(fields=["date"], name="service_date"),
            models.Index(fields=["service_type", "date"], name="service_type_date"),
            models.Index(fields=["broker", "date"], name="service_broker_date"),
            # The follow-ups still to do (home pages): a few among all the records.
            models.Index(
                fields=["follow_up_on"],
                name="service_follow_up_open",
                condition=Q(
                    follow_up_on__isnull=False,
                    follow_up_done_at__isnull=True,
                    withdrawn_at__isnull=True,
                ),
            ),
            # The list counts the delivered records (all, or a district's) on every
            # page: an index-only scan of these instead of reading the whole table.
            models.Index(
                fields=["date"],
                name="service_delivered_date",
                condition=Q(withdrawn_at__isnull=True),
            ),
            models.Index(
                fields=["district", "date"],
                name="service_delivered_district",
                condition=Q(withdrawn_at__isnull=True),
            ),
            # Who logged services in a district (a broker's choice of brokers to
            # filter by), from the index alone instead of the district's records.
            models.Index(fields=["district", "broker"], name="service_district_broker"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="withdrawn_service_has_a_reason",
                violation_error_message=_("A withdrawn service states why."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.service_type} ({self.district})"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def correctable_until(self):
        return timezone.localdate(self.created_at + timedelta(days=CORRECTION_WINDOW_DAYS))


class TechnologyArea(models.TextChoices):
    ICT = "ict", _("Information and communication technologies")
    ADVANCED_MANUFACTURING = "manufacturing", _("Advanced manufacturing and materials")
    ENERGY = "energy", _("Energy and environment")
    BIOTECHNOLOGY = "biotechnology", _("Biotechnology and health")
    AGRIFOOD = "agrifood", _("Agri-food")
    MARINE = "marine", _("Marine and maritime")
    TOURISM = "tourism", _("Tourism and cultural heritage")
    OTHER = "other", _("Other")


class NeedStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("need status", "Open")
    MATCHED = "matched", pgettext_lazy("need status", "Matched")
    CLOSED = "closed", pgettext_lazy("need status", "Closed")


class IndustryNeedQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=NeedStatus.OPEN)

    def for_list(self):
        return (
            self.select_related("district", "organisation", "compiled_by")
            .annotate(match_count=Count("matches"))
            .order_by("-created_at", "-pk")
        )


class IndustryNeed(models.Model):
    """A need for knowledge or technology a broker compiled from a company."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="needs", verbose_name=_("district")
    )
    organisation = models.ForeignKey(
        "clusters.Organisation",
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    technology_area = models.CharField(
        _("technology area"), max_length=20, choices=TechnologyArea.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("compiled by"),
    )
    created_at = models.DateTimeField(_("compiled at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = IndustryNeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("industry need")
        verbose_name_plural = _("industry needs")
        indexes = [models.Index(fields=["district", "status"], name="need_district_status")]

    def __str__(self):
        return self.title


class NeedTransition(StatusTransition):
    """A change of a need's status: who, when, and what caused it."""

    need = models.ForeignKey(IndustryNeed, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=NeedStatus.choices)
    to_status = models.CharField(max_length=10, choices=NeedStatus.choices)

    class Meta(StatusTransition.Meta):
        verbose_name = _("need status change")
        verbose_name_plural = _("need status changes")

    def __str__(self):
        return f"{self.need.title}: {self.get_to_status_display()} ({self.at:%Y-%m-%d})"


class TechnologyOfferQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("provider")
            .annotate(match_count=Count("matches"))
            .order_by("-created_at", "-pk")
        )

    def available(self):
        return self.filter(is_active=True)

    def to_match_with(self, need):
        """Available offers, those of the need's technology area first."""
        same_area = models.Case(
            models.When(technology_area=need.technology_area, then=0), default=1
        )
        return self.available().select_related("provider").order_by(same_area, "title", "pk")


class TechnologyOffer(models.Model):
    """Knowledge or technology a university or technology centre offers."""

    provider = models.ForeignKey(
        "clusters.Organisation",
        on_delete=models.PROTECT,
        related_name="technology_offers",
        verbose_name=_("knowledge provider"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    technology_area = models.CharField(
        _("technology area"), max_length=20, choices=TechnologyArea.choices
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    is_active = models.BooleanField(_("available"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = TechnologyOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("technology offer")
        verbose_name_plural = _("technology offers")

    def __str__(self):
        return self.title


class MatchResult(models.TextChoices):
    PENDING = "pending", pgettext_lazy("match result", "Pending")
    CONTACT_MADE = "contact_made", _("Contact made")
    PROJECT = "project", _("Project")
    NO_FIT = "no_fit", _("No fit")


class NeedOfferMatch(models.Model):
    """A need put in touch with an offer, followed to its result."""

    need = models.ForeignKey(
        IndustryNeed, on_delete=models.PROTECT, related_name="matches", verbose_name=_("need")
    )
    offer = models.ForeignKey(
        TechnologyOffer, on_delete=models.PROTECT, related_name="matches", verbose_name=_("offer")
    )
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    matched_at = models.DateTimeField(auto_now_add=True)
    result = models.CharField(
        _("result"), max_length=15, choices=MatchResult.choices, default=MatchResult.PENDING
    )
    result_notes = models.TextField(_("notes on the result"), blank=True)
    cluster_project = models.ForeignKey(
        "clusters.ClusterProject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="need_matches",
        verbose_name=_("project it led to"),
    )
    result_recorded_at = models.DateTimeField(null=True, blank=True)
    result_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-matched_at", "-pk"]
        verbose_name = _("need–offer match")
        verbose_name_plural = _("need–offer matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "offer"], name="one_match_per_need_and_offer")
        ]

    def __str__(self):
        return f"{self.need} ↔ {self.offer}"


class NetworkMeetingQuerySet(models.QuerySet):
    def held(self, today):
        return self.filter(date__lte=today)

    def upcoming(self, today):
        return self.filter(date__gt=today).order_by("date")

    def for_list(self):
        return self.annotate(attendee_count=Count("attendees")).order_by("-date")


class NetworkMeeting(models.Model):
    """The brokers' bimonthly meeting to exchange activities, needs and successes."""

    date = models.DateField(_("date"), unique=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="network_meetings",
        verbose_name=_("attendees"),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    needs_raised = models.TextField(_("needs and challenges raised"), blank=True)
    success_stories = models.TextField(_("success stories"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = NetworkMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")

    def __str__(self):
        return str(self.date)
