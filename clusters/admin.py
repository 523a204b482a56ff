from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusters import models


class ContactPersonInline(admin.TabularInline):
    model = models.ContactPerson
    extra = 0


@admin.register(models.Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("legal_name", "tax_id", "helix_type", "size_class", "district")
    list_filter = ("helix_type", "size_class", "district")
    list_select_related = ("district",)
    search_fields = ("legal_name", "short_name", "tax_id")
    inlines = [ContactPersonInline]


class LabelInline(admin.TabularInline):
    model = models.ClusterLabel
    extra = 0


class ServiceInline(admin.TabularInline):
    model = models.ClusterService
    extra = 0


@admin.register(models.ClusterOrganisation)
class ClusterOrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("acronym", "name", "kind", "development_stage", "ris3_priority", "status")
    list_filter = ("kind", "development_stage", "ris3_priority", "status")
    prepopulated_fields = {"slug": ("acronym",)}
    inlines = [ServiceInline, LabelInline]


@admin.register(models.Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "cluster", "kind", "start_date", "end_date", "fee_status")
    list_filter = ("cluster", "kind", "fee_status")
    list_select_related = ("organisation", "cluster")
    raw_id_fields = ("organisation", "project")
    search_fields = ("organisation__legal_name",)


@admin.register(models.ClusterProject)
class ClusterProjectAdmin(SimpleHistoryAdmin):
    list_display = ("title", "scope", "funding_programme", "budget", "start_date", "end_date")
    list_filter = ("scope", "funding_programme", "status")
    filter_horizontal = ("clusters",)
    raw_id_fields = ("partners",)


@admin.register(models.Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "cluster", "date", "attendees", "is_international")
    list_filter = ("cluster", "is_international")
    list_select_related = ("cluster",)
    raw_id_fields = ("participants",)


@admin.register(models.MemberImport)
class MemberImportAdmin(admin.ModelAdmin):
    list_display = (
        "cluster",
        "uploaded_by",
        "uploaded_at",
        "status",
        "created_count",
        "updated_count",
    )
    list_select_related = ("cluster", "uploaded_by")
