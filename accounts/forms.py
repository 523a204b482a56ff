from django import forms
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role


class BrokerDistrictMixin:
    """An innovation broker must be tied to the district they serve."""

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups") or []
        if any(g.name == Role.INNOVATION_BROKER for g in groups) and not cleaned.get("district"):
            self.add_error("district", _("An innovation broker must be tied to a district."))
        return cleaned


class PersonChangeForm(BrokerDistrictMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


class PersonCreationForm(BrokerDistrictMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "district", "groups")
        widgets = {"groups": forms.CheckboxSelectMultiple}
