from django.urls import path

from brokers.network import views

urlpatterns = [
    path("service-types/", views.service_type_list, name="service_type_list"),
    path("service-types/new/", views.service_type_create, name="service_type_create"),
    path("service-types/<int:pk>/edit/", views.service_type_edit, name="service_type_edit"),
    path(
        "districts/<slug:slug>/services/",
        views.district_services_edit,
        name="district_services_edit",
    ),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("network/", views.network_page, name="network"),
]
