"""Upload, preview and confirm an import of a cluster's members from a file."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters import access
from clusters.member_import import (
    COLUMNS,
    ERROR,
    MAX_FILE_BYTES,
    MAX_ROWS,
    NEW,
    UPDATE,
    preview,
    read_rows,
    read_stored_rows,
    run_import,
)
from clusters.models import FeeStatus, HelixType, ImportStatus, MemberImport, SizeClass

ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File of members"),
        # Empty files get the same message as every other refusal, from read_rows.
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A CSV file (UTF-8, separated by commas or semicolons) or an Excel XLSX file, "
            "up to %(size)s MB and %(rows)s rows."
        ) % {"size": MAX_FILE_BYTES // (1024 * 1024), "rows": MAX_ROWS}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        read_rows(upload)
        upload.seek(0)
        return upload


def member_import(request, slug):
    cluster = access.get_cluster(request, slug, for_change=True)
    form = MemberImportForm()
    if request.method == "POST":
        form = MemberImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = MemberImport.objects.create(
                cluster=cluster, file=form.cleaned_data["file"], uploaded_by=request.user
            )
            return redirect("clusters:member_import_preview", pk=upload.pk)
    context = {
        "cluster": cluster,
        "form": form,
        "columns": COLUMNS,
        "accepted": [
            ("type", HelixType),
            ("size_class", SizeClass),
            ("fee_status", FeeStatus),
        ],
    }
    return render(request, "clusters/member_import_form.html", context)


def member_import_preview(request, pk):
    member_import = access.get_member_import(request, pk)
    update_organisations = access.is_office(request.user)
    cluster = member_import.cluster
    if request.method == "POST":
        try:
            run_import(member_import=member_import, update_organisations=update_organisations)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _(
                    "The file has been imported. New members: %(created)d. "
                    "Existing organisations updated: %(updated)d."
                )
                % {"created": member_import.created_count, "updated": member_import.updated_count},
            )
            return redirect(cluster.get_absolute_url())

    results, file_error = [], None
    if member_import.status == ImportStatus.PREVIEWED:
        try:
            rows = read_stored_rows(member_import)
        except ValidationError as error:
            file_error = error.messages[0]
        else:
            results = preview(cluster=cluster, rows=rows, update_organisations=update_organisations)
    counts = {action: sum(r.action == action for r in results) for action in (NEW, UPDATE, ERROR)}
    context = {
        "cluster": cluster,
        "member_import": member_import,
        "results": results,
        "counts": counts,
        "file_error": file_error,
        "imported": member_import.status == ImportStatus.IMPORTED,
        "can_confirm": (
            member_import.status == ImportStatus.PREVIEWED and bool(results) and not counts[ERROR]
        ),
    }
    return render(request, "clusters/member_import_preview.html", context)
