"""District service records, under /brokers/services/ (names brokers:service_…)."""

from django.urls import path

from brokers.network import service_views

urlpatterns = [
    path("", service_views.service_list, name="service_list"),
    path("new/", service_views.service_create, name="service_create"),
    path("<int:pk>/", service_views.service_detail, name="service_detail"),
    path("<int:pk>/edit/", service_views.service_edit, name="service_edit"),
    path("<int:pk>/withdraw/", service_views.service_withdraw, name="service_withdraw"),
    path(
        "<int:pk>/follow-up-done/",
        service_views.service_follow_up_done,
        name="service_follow_up_done",
    ),
]
