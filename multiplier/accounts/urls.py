from django.urls import path

from .views import language

# Under /accounts/ (next to allauth's own pages).
urlpatterns = [
    path("language/", language.set_language, name="set_language"),
]

# Under /o/<org_slug>/.
org_urlpatterns: list = []
