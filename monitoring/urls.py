from django.urls import include, path

app_name = "monitoring"
urlpatterns = [
    path("", include("monitoring.evaluation_urls")),
    path("reports/", include("monitoring.report_urls")),
]
