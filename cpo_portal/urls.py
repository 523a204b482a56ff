from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accounts.views import home
from cpo_portal.health import healthz

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("brokers/", include("brokers.urls")),
    path("clusters/", include("clusters.urls")),
    path("programmes/", include("programmes.urls")),
    path("monitoring/", include("monitoring.urls")),
    # Open calls for innovation brokers are public: applicants come from outside.
    path("calls/", include("brokers.call.public_urls")),
    # The language can be chosen before logging in, on the login page.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
