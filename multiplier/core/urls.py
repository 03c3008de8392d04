from django.urls import path

from .views import audit_log, home, members, org_settings, two_factor

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("accounts/2fa/continue/", two_factor.mfa_setup_continue, name="mfa_setup_continue"),
]

org_urlpatterns = [
    path("", home.org_home, name="org_home"),
    path("security/two-factor-required/", two_factor.mfa_required, name="org_mfa_required"),
    path("members/", members.member_list, name="members"),
    path("members/<int:member_id>/", members.member_detail, name="member_detail"),
    path("settings/", org_settings.org_settings, name="org_settings"),
    path("audit/", audit_log.audit_log, name="audit_log"),
]
