from django.urls import path

from clusters import import_views, views

app_name = "clusters"
urlpatterns = [
    path("", views.cluster_list, name="cluster_list"),
    path("new/", views.cluster_create, name="cluster_create"),
    path("members/", views.member_directory, name="member_directory"),
    path("members/expiring/", views.agreements_expiring, name="agreements_expiring"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("memberships/<int:pk>/convert/", views.membership_convert, name="membership_convert"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("contacts/<int:pk>/export/", views.contact_export, name="contact_export"),
    path("contacts/<int:pk>/erase/", views.contact_erase, name="contact_erase"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("imports/<int:pk>/", import_views.member_import_preview, name="member_import_preview"),
    path(
        "memberships/<int:pk>/agreement/", views.membership_agreement, name="membership_agreement"
    ),
    path(
        "organisations/<int:pk>/contacts/",
        views.organisation_contacts,
        name="organisation_contacts",
    ),
    path("<slug:slug>/", views.cluster_detail, name="cluster_detail"),
    path("<slug:slug>/edit/", views.cluster_edit, name="cluster_edit"),
    path("<slug:slug>/strategy/", views.cluster_strategy, name="cluster_strategy"),
    path("<slug:slug>/members/import/", import_views.member_import, name="member_import"),
    path("<slug:slug>/members/add/", views.membership_add, name="membership_add"),
    path("<slug:slug>/activities/new/", views.activity_create, name="activity_create"),
]
