from django.urls import path

from monitoring import report_views as views

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("evaluations/<int:pk>/request/", views.report_request, name="report_request"),
    path("<int:pk>/status/", views.report_status, name="report_status"),
    path("<int:pk>/retry/", views.report_retry, name="report_retry"),
    path("<int:pk>/download/", views.report_download, name="report_download"),
]
