from django.urls import path

from monitoring import evaluation_views as views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("programmes/<int:pk>/targets/", views.targets, name="targets"),
    path("evaluations/", views.evaluation_list, name="evaluation_list"),
    path("evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/snapshot/", views.evaluation_snapshot, name="evaluation_snapshot"),
    path("evaluations/<int:pk>/findings/", views.evaluation_findings, name="evaluation_findings"),
    path(
        "evaluations/<int:pk>/corrective-measures/new/",
        views.corrective_measure_create,
        name="corrective_measure_create",
    ),
    path(
        "evaluations/<int:pk>/follow-up/<int:measure_pk>/",
        views.corrective_follow_up,
        name="corrective_follow_up",
    ),
    path(
        "evaluations/<int:pk>/status/<slug:name>/",
        views.evaluation_transition,
        name="evaluation_transition",
    ),
    path("values/<int:pk>/", views.indicator_value_edit, name="indicator_value_edit"),
    path(
        "corrective-measures/<int:pk>/edit/",
        views.corrective_measure_edit,
        name="corrective_measure_edit",
    ),
]
