from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programmes import models


class BudgetLineInline(admin.TabularInline):
    model = models.BudgetLine
    extra = 0


@admin.register(models.Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("title", "start_year", "years", "status")
    list_filter = ("status",)
    inlines = [BudgetLineInline]


@admin.register(models.Expenditure)
class ExpenditureAdmin(SimpleHistoryAdmin):
    list_display = ("date", "programme", "category", "amount", "supplier", "exceeds_budget")
    list_filter = ("programme", "category", "exceeds_budget")
    list_select_related = ("programme",)


@admin.register(models.Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("title", "measure", "planned_start", "planned_end", "owner", "status")
    list_filter = ("measure", "status")


class BodyMemberInline(admin.TabularInline):
    model = models.BodyMember
    extra = 0


@admin.register(models.Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind")
    inlines = [BodyMemberInline]


class DecisionInline(admin.TabularInline):
    model = models.Decision
    extra = 0


@admin.register(models.Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("body", "date")
    list_select_related = ("body",)
    inlines = [DecisionInline]
