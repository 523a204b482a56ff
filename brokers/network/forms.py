"""Forms of the network's pages: service types, a district's tailoring, meetings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brokers.network.meetings import meeting_attendee_choices
from brokers.network.models import NetworkMeeting, ServiceType
from clusters.forms import DATE_INPUT


class ServiceTypeForm(forms.ModelForm):
    class Meta:
        model = ServiceType
        fields = ["name", "name_en", "description", "position", "is_active"]
        labels = {"name": _("Name in Spanish")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DistrictServicesForm(forms.Form):
    """One checkbox and one notes field per service type: which services the
    district offers, and how it tailors them."""

    def __init__(self, *args, service_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.service_types = service_types
        for service_type in service_types:
            offer = service_type.offer
            label = str(service_type)
            if not service_type.is_active:
                label = _("%(name)s (no longer in use)") % {"name": label}
            self.fields[self.offered_name(service_type)] = forms.BooleanField(
                label=label,
                required=False,
                initial=offer is not None,
            )
            self.fields[self.notes_name(service_type)] = forms.CharField(
                label=_("Local notes: %(name)s") % {"name": service_type},
                required=False,
                initial=offer.notes if offer else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def offered_name(service_type):
        return f"offered_{service_type.pk}"

    @staticmethod
    def notes_name(service_type):
        return f"notes_{service_type.pk}"

    def rows(self):
        """(service type, its checkbox, its notes) for the template."""
        return [
            (t, self[self.offered_name(t)], self[self.notes_name(t)]) for t in self.service_types
        ]

    def clean(self):
        data = super().clean()
        for service_type in self.service_types:
            notes = data.get(self.notes_name(service_type), "").strip()
            if notes and not data.get(self.offered_name(service_type)):
                self.add_error(
                    self.notes_name(service_type),
                    _("Tick the service to keep its notes, or clear them."),
                )
        return data

    def chosen(self):
        """The chosen service types, each with its notes."""
        return {
            t: self.cleaned_data[self.notes_name(t)].strip()
            for t in self.service_types
            if self.cleaned_data[self.offered_name(t)]
        }


class AttendeeField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if obj.district_id:
            return f"{obj} ({obj.district.name})"
        return str(obj)


class NetworkMeetingForm(forms.ModelForm):
    attendees = AttendeeField(
        label=_("Attendees"),
        queryset=meeting_attendee_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The network's brokers and coordinators."),
    )

    class Meta:
        model = NetworkMeeting
        fields = [
            "date",
            "location",
            "agenda",
            "attendees",
            "minutes",
            "needs_raised",
            "success_stories",
        ]
        widgets = {
            "date": DATE_INPUT,
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
            "needs_raised": forms.Textarea(attrs={"rows": 5}),
            "success_stories": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = meeting_attendee_choices(self.instance)
