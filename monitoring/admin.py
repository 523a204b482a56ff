from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from monitoring.identity import PublisherIdentity


@admin.register(PublisherIdentity)
class PublisherIdentityAdmin(SimpleHistoryAdmin):
    list_display = ("region_name", "office_name", "updated_by", "updated_at")
    readonly_fields = ("updated_by", "updated_at")
