from django.urls import path

from .views import home

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
]

org_urlpatterns = [
    path("", home.org_home, name="org_home"),
    path("security/two-factor-required/", home.mfa_required, name="org_mfa_required"),
]
