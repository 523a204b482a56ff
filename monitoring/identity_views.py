"""The region's and the Office's identity on the reports' covers: office
staff edit the names and upload the emblem; every other role gets 403."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.access import require
from monitoring.identity import PublisherIdentity, emblem_alt, emblem_uri, save_identity

CHANGE = "monitoring.change_publisheridentity"


class PublisherIdentityForm(forms.ModelForm):
    class Meta:
        model = PublisherIdentity
        fields = [
            "region_name",
            "region_name_en",
            "office_name",
            "office_name_en",
            "emblem",
            "emblem_alt",
            "emblem_alt_en",
        ]
        widgets = {"emblem": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})}


def report_identity(request):
    require(request.user, CHANGE)
    identity = PublisherIdentity.current()
    # The emblem as saved, before the form puts a new upload on the instance.
    preview = {
        "uri": emblem_uri(identity),
        "alt": emblem_alt(identity),
        "uploaded": bool(identity.emblem),
    }
    form = PublisherIdentityForm(request.POST or None, request.FILES or None, instance=identity)
    if request.method == "POST" and form.is_valid():
        save_identity(identity=form.save(commit=False), by=request.user)
        messages.success(request, _("The identity on the reports' covers has been saved."))
        return redirect("monitoring:report_identity")
    return render(request, "monitoring/identity_form.html", {"form": form, "preview": preview})
