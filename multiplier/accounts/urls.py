from django.urls import path

from .views import language

# Under /accounts/ (next to allauth's own pages).
urlpatterns = [
    path("language/", language.set_language, name="set_language"),
]

# Under /o/<org_slug>/.
org_urlpatterns: list = []

# Onboarding, the profile, opting out and in again.
from .views import onboarding, participation, profile  # noqa: E402

org_urlpatterns += [
    path("onboarding/", onboarding.onboarding_start, name="onboarding"),
    path("onboarding/<slug:step>/", onboarding.onboarding_step, name="onboarding_step"),
    path("profile/", profile.profile, name="profile"),
    path("profile/opt-out/", participation.opt_out, name="opt_out"),
    path("profile/opt-in/", participation.opt_in, name="opt_in"),
]
