from django.urls import path

from .views import (
    invitation_accept,
    invitation_import,
    invitations,
    language,
    onboarding,
    participation,
    profile,
)

# Under /accounts/ (next to allauth's own pages).
urlpatterns = [
    path("language/", language.set_language, name="set_language"),
]

# At the site root (outside /o/ and /accounts/): the link in the invitation e-mail.
public_urlpatterns = [
    path("invite/<str:token>/", invitation_accept.invitation_accept_view, name="invitation_accept"),
]

# Under /o/<org_slug>/.
org_urlpatterns = [
    # Onboarding, the profile, opting out and in again.
    path("onboarding/", onboarding.onboarding_start, name="onboarding"),
    path("onboarding/<slug:step>/", onboarding.onboarding_step, name="onboarding_step"),
    path("profile/", profile.profile, name="profile"),
    path("profile/opt-out/", participation.opt_out, name="opt_out"),
    path("profile/opt-in/", participation.opt_in, name="opt_in"),
    # Invitations, one by one and in bulk.
    path("invitations/", invitations.invitation_list, name="invitation_list"),
    path("invitations/new/", invitations.invitation_create_view, name="invitation_create"),
    path(
        "invitations/<int:invitation_id>/resend/",
        invitations.invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "invitations/<int:invitation_id>/revoke/",
        invitations.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path("invitations/import/", invitation_import.invitation_import, name="invitation_import"),
    path(
        "invitations/import/template.csv",
        invitation_import.invitation_import_template,
        name="invitation_import_template",
    ),
    path(
        "invitations/import/<int:import_id>/",
        invitation_import.invitation_import_detail,
        name="invitation_import_detail",
    ),
    path(
        "invitations/import/<int:import_id>/progress/",
        invitation_import.invitation_import_progress,
        name="invitation_import_progress",
    ),
]
