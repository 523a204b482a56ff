from django.urls import include, path

from monitoring import identity_views

app_name = "monitoring"
urlpatterns = [
    path("", include("monitoring.evaluation_urls")),
    path("reports/identity/", identity_views.report_identity, name="report_identity"),
    path("reports/", include("monitoring.report_urls")),
]
