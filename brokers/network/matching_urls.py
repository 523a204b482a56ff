"""Industry needs, technology offers and their matches, under /brokers/
(names brokers:need_…, brokers:offer_…, brokers:match_…)."""

from django.urls import path

from brokers.network import matching_views

urlpatterns = [
    path("needs/", matching_views.need_list, name="need_list"),
    path("needs/new/", matching_views.need_create, name="need_create"),
    path("needs/<int:pk>/", matching_views.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", matching_views.need_edit, name="need_edit"),
    path("needs/<int:pk>/match/", matching_views.need_match, name="need_match"),
    path("needs/<int:pk>/close/", matching_views.need_close, name="need_close"),
    path("needs/<int:pk>/reopen/", matching_views.need_reopen, name="need_reopen"),
    path("matches/<int:pk>/result/", matching_views.match_result, name="match_result"),
    path("offers/", matching_views.offer_list, name="offer_list"),
    path("offers/new/", matching_views.offer_create, name="offer_create"),
    path("offers/<int:pk>/", matching_views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", matching_views.offer_edit, name="offer_edit"),
]
