from django.urls import path

from programmes import action_views as views

urlpatterns = [
    path("", views.action_list, name="action_list"),
    path("timeline/", views.action_timeline, name="action_timeline"),
    path("new/", views.action_create, name="action_create"),
    path("<int:pk>/", views.action_detail, name="action_detail"),
    path("<int:pk>/edit/", views.action_edit, name="action_edit"),
]
