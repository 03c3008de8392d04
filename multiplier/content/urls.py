"""Content pages, all under /o/<org_slug>/content/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: post_id, variant_id, source_id, item_id
(tests/test_isolation.py makes foreign ones)."""

org_urlpatterns: list = []

# --- rhythm: the content calendar and the rhythm's settings ---
from django.urls import path  # noqa: E402

from .views import calendar as calendar_views  # noqa: E402

org_urlpatterns += [
    path("calendar/", calendar_views.content_calendar, name="content_calendar"),
    path(
        "calendar/posts/<int:post_id>/move/",
        calendar_views.calendar_post_move,
        name="calendar_post_move",
    ),
    path("settings/", calendar_views.rhythm_settings_view, name="content_rhythm_settings"),
]
