"""Staff pages of the grant calls, under /brokers/calls/ (names brokers:call_…)."""

from django.urls import path

from brokers import call_views, evaluation_views

urlpatterns = [
    path("", call_views.call_list, name="call_list"),
    path("new/", call_views.call_create, name="call_create"),
    path("<int:pk>/", call_views.call_detail, name="call_detail"),
    path("<int:pk>/edit/", call_views.call_edit, name="call_edit"),
    path("<int:pk>/stage/<slug:name>/", call_views.call_stage, name="call_stage"),
    path("<int:pk>/evaluators/", call_views.call_evaluators, name="call_evaluators"),
    path("<int:pk>/evaluation/", evaluation_views.evaluation, name="evaluation"),
    path("<int:pk>/ranking/", call_views.ranking, name="ranking"),
    path("<int:pk>/agreements/", call_views.agreements, name="agreements"),
    path("<int:pk>/paper/", call_views.paper_application, name="paper_application"),
    path(
        "applications/<int:pk>/",
        evaluation_views.application_review,
        name="application_review",
    ),
]
