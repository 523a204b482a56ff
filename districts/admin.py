from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from districts.models import District


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ("name", "is_rural")
    list_filter = ("is_rural",)
    prepopulated_fields = {"slug": ("name",)}
