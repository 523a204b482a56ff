"""Forms of industry needs, technology offers and their matches."""

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brokers.network.matching import KNOWLEDGE_PROVIDER_TYPES
from brokers.network.models import IndustryNeed, MatchResult, TechnologyOffer
from clusters.models import ClusterProject, Organisation

# Besides the projects of the need's organisation and its clusters, a match
# can be linked to any project that started within this many days.
RECENT_PROJECT_DAYS = 730


class NeedForm(forms.ModelForm):
    """A need in `district` (a broker's own), or in a district the coordinator chooses."""

    class Meta:
        model = IndustryNeed
        fields = ["district", "organisation", "title", "description", "sector", "technology_area"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "description": _("What the organisation needs: the problem, not a solution."),
            "sector": _("E.g. automotive components, dairy, tourism."),
        }

    def __init__(self, *args, district=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_district = district
        organisations = self.fields["organisation"]
        if district is not None:
            del self.fields["district"]
            self.instance.district = district
            organisations.queryset = Organisation.objects.filter(district=district)
            organisations.help_text = _("Organisations of %(district)s.") % {"district": district}
        else:
            # The coordinator compiles needs for any district: every
            # organisation of the region, with its district.
            organisations.queryset = (
                Organisation.objects.filter(district__isnull=False)
                .select_related("district")
                .order_by("district__name", "legal_name")
            )
            organisations.label_from_instance = lambda o: f"{o.legal_name} · {o.district}"
            organisations.help_text = _("An organisation of the need's district.")

    def clean(self):
        cleaned = super().clean()
        district = self.fixed_district or cleaned.get("district")
        organisation = cleaned.get("organisation")
        if district and organisation and organisation.district_id != district.pk:
            self.add_error(
                "organisation",
                _("Choose an organisation of the need's district (%(district)s).")
                % {"district": district},
            )
        return cleaned


class OfferForm(forms.ModelForm):
    class Meta:
        model = TechnologyOffer
        fields = ["provider", "title", "description", "technology_area", "contact", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "provider": _("A university or an R&D or technology centre."),
            "contact": _("Who to ask about it: a name, an e-mail or a phone."),
            "is_active": _("Untick when it is no longer offered: it can then not be matched."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.filter(
            helix_type__in=KNOWLEDGE_PROVIDER_TYPES
        )
        if self.instance.pk is None:
            del self.fields["is_active"]  # a new offer is available


def _offer_label(offer):
    return f"{offer.title} · {offer.provider} ({offer.get_technology_area_display()})"


class MatchForm(forms.Form):
    offer = forms.ModelChoiceField(
        label=_("Technology offer"),
        queryset=TechnologyOffer.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the available offers.")},
        help_text=_("Available offers, those of the need's technology area first."),
    )

    def __init__(self, *args, need, **kwargs):
        super().__init__(*args, **kwargs)
        offers = TechnologyOffer.objects.to_match_with(need)
        if not self.is_bound:
            # Offered choices leave out those already matched; a repeated
            # choice still reaches the rule that explains why it is refused.
            offers = offers.exclude(matches__need=need)
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = _offer_label


def projects_to_link(match, today=None):
    """Projects a match can be linked to: those of the clusters the need's
    organisation belongs to or that it is a partner of, recent ones, and the
    one already linked."""
    today = today or timezone.localdate()
    organisation = match.need.organisation_id
    bounds = (
        Q(clusters__memberships__organisation_id=organisation)
        | Q(partners=organisation)
        | Q(start_date__gte=today - timedelta(days=RECENT_PROJECT_DAYS))
    )
    if match.cluster_project_id:
        bounds |= Q(pk=match.cluster_project_id)
    return ClusterProject.objects.filter(
        pk__in=ClusterProject.objects.filter(bounds).values("pk")
    ).order_by("-start_date", "title")


RESULT_CHOICES = [
    (value, label) for value, label in MatchResult.choices if value != MatchResult.PENDING
]


class MatchResultForm(forms.Form):
    result = forms.ChoiceField(
        label=_("What did the match lead to?"), choices=RESULT_CHOICES, widget=forms.RadioSelect
    )
    cluster_project = forms.ModelChoiceField(
        label=_("Cluster project it led to"),
        queryset=ClusterProject.objects.none(),
        required=False,
        help_text=_("Only if the match led to a project."),
    )
    notes = forms.CharField(
        label=_("Notes on the result"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, match, **kwargs):
        if match.result != MatchResult.PENDING:
            kwargs.setdefault(
                "initial",
                {
                    "result": match.result,
                    "cluster_project": match.cluster_project_id,
                    "notes": match.result_notes,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["cluster_project"].queryset = projects_to_link(match)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cluster_project") and cleaned.get("result") != MatchResult.PROJECT:
            self.add_error("cluster_project", _("Link a project only when the match led to one."))
        return cleaned
