"""The public grant-call pages under /calls/: anyone reads the calls; applicants
register and apply."""

from django.urls import path

from brokers.call import public_views as views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("register/", views.register, name="register"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/cv/", views.application_cv, name="application_cv"),
    path(
        "applications/<int:pk>/documents/<int:document_pk>/",
        views.application_document,
        name="application_document",
    ),
    path("<str:reference>/", views.call_detail, name="call_detail"),
    path("<str:reference>/apply/", views.apply, name="apply"),
    path("<str:reference>/resolution/", views.resolution, name="resolution"),
]
