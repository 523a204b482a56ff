from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import trail_for
from core.downloads import protected_download
from core.exports import requested_format, tabular_export
from core.forms import add_service_errors
from core.lists import list_page
from core.pagination import paginate
from core.transitions import permitted_transition, transition_page
from programmes import access, exports, services
from programmes.budget import budget_chart, budget_table
from programmes.filters import ExpenditureFilter, ProgrammeFilter
from programmes.forms import (
    BudgetForm,
    ExpenditureForm,
    ProgrammeForm,
    ReallocationDecisionForm,
    ReallocationForm,
    ResultFormSet,
)
from programmes.models import (
    ACTIVE_STATUSES,
    EDITABLE_STATUSES,
    BudgetLine,
    ClusterResult,
    Expenditure,
    KeyResult,
    Programme,
    ProgrammeStatus,
    ReallocationStatus,
)


def _selected_year(request, programme):
    """The year asked for, else the current year if in the period, else the last one."""
    years = programme.year_range
    asked = request.GET.get("year", "")
    if asked.isdecimal() and int(asked) in years:
        return int(asked)
    today = timezone.localdate().year
    return today if today in years else years[-1]


def programme_list(request):
    access.require(request.user, "programmes.view_programme")
    programmes = ProgrammeFilter(request.GET, queryset=Programme.objects.for_list())
    return render(
        request,
        "programmes/programme_list.html",
        {
            "filter": programmes,
            "page": paginate(request, programmes.qs),
            "can_add": request.user.has_perm("programmes.add_programme"),
        },
    )


def programme_detail(request, pk):
    programme = access.get_programme(request, pk)
    year = _selected_year(request, programme)
    table = budget_table(programme)
    results = ClusterResult.objects.filter(programme=programme, year=year).select_related("cluster")
    context = {
        "programme": programme,
        "year": year,
        "budget": table,
        "year_rows": [(row.label, row.by_year[year]) for row in table.rows],
        "year_total": table.year_totals[year],
        "period_rows": [(row.label, row.total) for row in table.rows],
        "years_rows": [(y, table.year_totals[y]) for y in table.years],
        "chart": budget_chart(table, year),
        "clusters": programme.clusters.all(),
        "transitions": programme.transitions.select_related("by"),
        "available_transitions": services.available_transitions(programme, request.user),
        "reallocations": programme.reallocations.select_related(
            "from_line__cluster", "to_line__cluster", "requested_by", "decided_by"
        ),
        "results_by_cluster": _results_grid(results),
        "can_edit": programme.status in EDITABLE_STATUSES
        and request.user.has_perm("programmes.change_programme"),
        "can_reallocate": programme.status in ACTIVE_STATUSES
        and request.user.has_perm("programmes.add_reallocation"),
        "can_decide": request.user.has_perm(services.OFFICIAL),
        "can_edit_results": results.exists()
        and request.user.has_perm("programmes.change_clusterresult"),
        "audit_trail": trail_for(request.user, programme),
    }
    return render(request, "programmes/programme_detail.html", context)


def _results_grid(results):
    """Key results as (cluster, [result per key result]) rows, in the strategy's order."""
    order = {result.value: position for position, result in enumerate(KeyResult)}
    grid = {}
    for result in results:
        grid.setdefault(result.cluster, []).append(result)
    return [
        (cluster, sorted(rows, key=lambda r: order[r.result]))
        for cluster, rows in sorted(grid.items(), key=lambda item: item[0].acronym)
    ]


def _save_programme(request, programme):
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.update_programme(form=form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(programme)
        messages.success(request, _("The programme has been saved."))
        return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


def programme_create(request):
    access.require(request.user, "programmes.add_programme")
    return _save_programme(request, Programme())


def programme_edit(request, pk):
    programme = access.get_programme(request, pk, for_change=True)
    if programme.status not in EDITABLE_STATUSES:
        messages.error(request, _("An approved programme's figures are locked."))
        return redirect(programme)
    return _save_programme(request, programme)


def programme_budget(request, pk):
    access.require(request.user, "programmes.change_budgetline")
    programme = access.get_programme(request, pk)
    cluster = None
    if request.GET.get("cluster"):
        asked = request.GET["cluster"]
        cluster = programme.clusters.filter(pk=asked).first() if asked.isdecimal() else None
        if cluster is None:
            raise Http404
    if programme.status not in EDITABLE_STATUSES:
        messages.error(
            request, _("The budget of an approved programme changes only through reallocations.")
        )
        return redirect(programme)
    lines = BudgetLine.objects.filter(programme=programme, cluster=cluster)
    form = BudgetForm(request.POST or None, programme=programme, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_budget(programme=programme, amounts=form.amounts(), cluster=cluster)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget has been saved."))
            return redirect(programme)
    return render(
        request,
        "programmes/budget_form.html",
        {
            "form": form,
            "programme": programme,
            "cluster": cluster,
            "clusters": programme.clusters.all(),
        },
    )


def budget_export(request, pk):
    access.require(request.user, "programmes.view_expenditure")
    programme = access.get_programme(request, pk)
    table = budget_table(programme)
    rows = [(year, row.label, row.by_year[year]) for year in table.years for row in table.rows]
    return tabular_export(
        requested_format(request) or "csv",
        columns=exports.BUDGET,
        rows=rows,
        filename=f"budget-{programme.start_year}-{programme.end_year}",
    )


def programme_transition(request, pk, name):
    programme = access.get_programme(request, pk)
    transition = permitted_transition(services.TRANSITIONS, name, request.user)
    return transition_page(
        request,
        programme,
        transition,
        change=partial(services.change_status, programme=programme),
        now=_("The programme is now %(status)s."),
        done_url=programme,
        template="programmes/transition_form.html",
        context={"programme": programme},
    )


def reallocation_create(request, pk):
    access.require(request.user, "programmes.add_reallocation")
    programme = access.get_programme(request, pk)
    form = ReallocationForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_reallocation(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The reallocation awaits an official's approval."))
            return redirect(programme)
    return render(
        request, "programmes/reallocation_form.html", {"form": form, "programme": programme}
    )


def reallocation_decide(request, pk):
    reallocation = access.get_reallocation(request, pk, for_change=True)
    if reallocation.status != ReallocationStatus.REQUESTED:
        messages.error(request, _("This reallocation has already been decided."))
        return redirect(reallocation.programme)
    form = ReallocationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = request.POST.get("decision") == "approve"
        try:
            services.decide_reallocation(
                reallocation=reallocation,
                approve=approve,
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The reallocation has been approved.")
                if approve
                else _("The reallocation has been rejected."),
            )
            return redirect(reallocation.programme)
    return render(
        request,
        "programmes/reallocation_decide.html",
        {"form": form, "reallocation": reallocation, "programme": reallocation.programme},
    )


def results_edit(request, pk):
    access.require(request.user, "programmes.change_clusterresult")
    programme = access.get_programme(request, pk)
    if programme.status not in ACTIVE_STATUSES:
        messages.error(request, _("Key results are updated while the programme runs."))
        return redirect(programme)
    year = _selected_year(request, programme)
    results = ClusterResult.objects.filter(programme=programme, year=year).select_related("cluster")
    formset = ResultFormSet(request.POST or None, queryset=results)
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(
            request, _("The key results of %(year)s have been saved.") % {"year": year}
        )
        return redirect(f"{programme.get_absolute_url()}?year={year}")
    return render(
        request,
        "programmes/results_form.html",
        {"formset": formset, "programme": programme, "year": year},
    )


def expenditure_list(request):
    access.require(request.user, "programmes.view_expenditure")
    spending = ExpenditureFilter(request.GET, queryset=Expenditure.objects.for_list())
    return list_page(
        request,
        spending,
        "programmes/expenditure_list.html",
        exports.SPENDING,
        {
            "total": spending.qs.aggregate(total=Sum("amount"))["total"],
            "can_add": request.user.has_perm("programmes.add_expenditure"),
        },
    )


def _save_expenditure(request, expenditure):
    form = ExpenditureForm(request.POST or None, request.FILES or None, instance=expenditure)
    if request.method == "POST" and form.is_valid():
        try:
            expenditure = services.record_expenditure(
                expenditure=form.save(commit=False), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if expenditure.exceeds_budget:
                messages.warning(
                    request, _("Saved, and flagged: it takes its category over budget.")
                )
            else:
                messages.success(request, _("The expenditure has been saved."))
            return redirect("programmes:expenditure_list")
    return render(
        request, "programmes/expenditure_form.html", {"form": form, "expenditure": expenditure}
    )


def expenditure_create(request):
    access.require(request.user, "programmes.add_expenditure")
    initial_programme = Programme.objects.filter(status=ProgrammeStatus.ACTIVE).first()
    return _save_expenditure(request, Expenditure(programme=initial_programme))


def expenditure_edit(request, pk):
    return _save_expenditure(request, access.get_expenditure(request, pk, for_change=True))


def expenditure_detail(request, pk):
    expenditure = access.get_expenditure(request, pk)
    return render(
        request,
        "programmes/expenditure_detail.html",
        {
            "expenditure": expenditure,
            "can_edit": request.user.has_perm("programmes.change_expenditure"),
            "audit_trail": trail_for(request.user, expenditure),
        },
    )


def expenditure_document(request, pk):
    return protected_download(access.get_expenditure(request, pk).document)
