"""Top-level URLs. Everything an organisation owns lives under /o/<org_slug>/; each app adds its
own `org_urlpatterns` there, and the middleware resolves the organisation once."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from multiplier.accounts import urls as accounts_urls
from multiplier.content import urls as content_urls
from multiplier.core import urls as core_urls
from multiplier.program import urls as program_urls
from multiplier.sharing import urls as sharing_urls
from multiplier.tracking import urls as tracking_urls

org_urlpatterns = [
    *core_urls.org_urlpatterns,
    *accounts_urls.org_urlpatterns,
    path("programme/", include(program_urls.org_urlpatterns)),
    path("content/", include(content_urls.org_urlpatterns)),
    path("links/", include(tracking_urls.org_urlpatterns)),
    path("sharing/", include(sharing_urls.org_urlpatterns)),
]

urlpatterns = [
    *core_urls.urlpatterns,
    path("accounts/", include(accounts_urls.urlpatterns)),
    path("accounts/", include("allauth.urls")),
    path("o/<slug:org_slug>/", include(org_urlpatterns)),
    *accounts_urls.public_urlpatterns,
    *tracking_urls.urlpatterns,
    path("admin/", admin.site.urls),
]

# --- media: uploaded images served by the app when no web server does (settings.SERVE_MEDIA) ---
if settings.SERVE_MEDIA:
    from multiplier.content.views.media import media_file

    urlpatterns += [path("media/<path:path>", media_file, name="media")]
elif settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "multiplier.core.views.errors.permission_denied"
handler404 = "multiplier.core.views.errors.not_found"
