from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_out
from django.contrib.messages.views import SuccessMessageMixin
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accounts.filters import PersonFilter
from accounts.models import User
from core.access import require
from core.home import panels_for
from core.pagination import paginate


def home(request):
    """The signed-in person's start page: the panels of the roles they hold, each built by
    the app whose data it shows (core.home)."""
    roles = request.user.roles
    context = {
        "roles": roles,
        "role_templates": [f"accounts/home/{role.value}.html" for role in roles],
        **panels_for(request.user),
    }
    return render(request, "accounts/home.html", context)


def person_list(request):
    require(request.user, "accounts.view_user")
    people = PersonFilter(
        request.GET, queryset=User.objects.filter(is_active=True).for_list().distinct()
    )
    return render(
        request,
        "accounts/person_list.html",
        {"filter": people, "page": paginate(request, people.qs)},
    )


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")
    success_message = _("Your password has been changed.")


@receiver(user_logged_out)
def say_logged_out(sender, request, user, **kwargs):
    if request is not None:
        messages.info(request, _("You have been logged out."))
