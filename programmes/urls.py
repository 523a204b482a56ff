from django.urls import include, path

from programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/budget/", views.programme_budget, name="programme_budget"),
    path("<int:pk>/budget/export/", views.budget_export, name="budget_export"),
    path("<int:pk>/results/", views.results_edit, name="results_edit"),
    path("<int:pk>/reallocations/new/", views.reallocation_create, name="reallocation_create"),
    path("<int:pk>/status/<slug:name>/", views.programme_transition, name="programme_transition"),
    path("reallocations/<int:pk>/", views.reallocation_decide, name="reallocation_decide"),
    path("spending/", views.expenditure_list, name="expenditure_list"),
    path("spending/new/", views.expenditure_create, name="expenditure_create"),
    path("spending/<int:pk>/", views.expenditure_detail, name="expenditure_detail"),
    path("spending/<int:pk>/edit/", views.expenditure_edit, name="expenditure_edit"),
    path("spending/<int:pk>/document/", views.expenditure_document, name="expenditure_document"),
    path("actions/", include("programmes.action_urls")),
    path("governance/", include("programmes.governance_urls")),
]
