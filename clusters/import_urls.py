from django.urls import path

from clusters import import_views

urlpatterns = [
    path("<slug:slug>/members/import/", import_views.member_import, name="member_import"),
    path("imports/<int:pk>/", import_views.member_import_preview, name="member_import_preview"),
]
