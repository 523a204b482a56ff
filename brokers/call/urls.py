"""Staff pages of the grant calls, under /brokers/calls/ (names brokers:call_…)."""

from django.urls import path

from brokers.call import agreement_views, evaluation_views
from brokers.call import views as call_views

urlpatterns = [
    path("", call_views.call_list, name="call_list"),
    path("new/", call_views.call_create, name="call_create"),
    path("<int:pk>/", call_views.call_detail, name="call_detail"),
    path("<int:pk>/edit/", call_views.call_edit, name="call_edit"),
    path("<int:pk>/stage/<slug:name>/", call_views.call_stage, name="call_stage"),
    path("<int:pk>/evaluators/", call_views.call_evaluators, name="call_evaluators"),
    path("<int:pk>/evaluation/", evaluation_views.evaluation, name="evaluation"),
    path("<int:pk>/ranking/", call_views.ranking, name="ranking"),
    path("<int:pk>/agreements/", agreement_views.agreements, name="agreements"),
    path("<int:pk>/agreements/sign/", agreement_views.agreement_sign, name="agreement_sign"),
    path("<int:pk>/agreements/broker/", agreement_views.broker_appoint, name="broker_appoint"),
    path("<int:pk>/agreements/payment/", agreement_views.payment_record, name="payment_record"),
    path("<int:pk>/paper/", call_views.paper_application, name="paper_application"),
    path(
        "applications/<int:pk>/",
        evaluation_views.application_review,
        name="application_review",
    ),
    path(
        "applications/<int:pk>/declaration/",
        evaluation_views.interest_declare,
        name="interest_declare",
    ),
    path(
        "applications/<int:pk>/eligibility/",
        evaluation_views.eligibility_check,
        name="eligibility_check",
    ),
    path("applications/<int:pk>/scores/", evaluation_views.scores_submit, name="scores_submit"),
]
