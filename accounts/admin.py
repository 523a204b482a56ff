from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.forms import PersonChangeForm, PersonCreationForm
from accounts.models import User


@admin.register(User)
class PersonAdmin(SimpleHistoryAdmin, UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = ("username", "first_name", "last_name", "email", "district", "is_active")
    list_filter = ("groups", "district", "is_active", "is_superuser")
    list_select_related = ("district",)
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Portal role"), {"fields": ("district",)}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "district",
                    "groups",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
