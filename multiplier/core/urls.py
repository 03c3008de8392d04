from django.urls import path

from .views import audit_log, home, members, org_settings

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
]

org_urlpatterns = [
    path("", home.org_home, name="org_home"),
    path("security/two-factor-required/", home.mfa_required, name="org_mfa_required"),
    path("members/", members.member_list, name="members"),
    path("members/<int:member_id>/", members.member_detail, name="member_detail"),
    path("settings/", org_settings.org_settings, name="org_settings"),
    path("audit/", audit_log.audit_log, name="audit_log"),
]
