from django.urls import include, path

from brokers import views

app_name = "brokers"
urlpatterns = [
    path("districts/", views.district_list, name="district_list"),
    path("districts/<slug:slug>/", views.district_detail, name="district_detail"),
    path("calls/", include("brokers.call.urls")),
    path("services/", include("brokers.network.service_urls")),
    path("", include("brokers.network.matching_urls")),
    path("", include("brokers.network.urls")),
]
