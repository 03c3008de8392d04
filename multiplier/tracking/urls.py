from django.urls import path

from .redirector import redirect_view
from .views import settings

urlpatterns = [
    path("r/<str:code>", redirect_view, name="tracked_link_redirect"),
]

# Under /o/<org_slug>/links/.
org_urlpatterns = [
    path("settings/", settings.tracking_settings, name="tracking_settings"),
]
