"""Sharing pages, all under /o/<org_slug>/sharing/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: post_id, share_id (tests/test_isolation.py makes foreign
ones)."""

from django.urls import path

from .views import feed, impact, share

org_urlpatterns: list = [
    path("", feed.feed_view, name="sharing_feed"),
    path("posts/<int:post_id>/share/", share.share_post, name="share_post"),
    path("posts/<int:post_id>/share/live/", share.share_live, name="share_live"),
    path("shares/<int:share_id>/", share.share_done, name="share_done"),
    path("shares/<int:share_id>/undo/", share.share_undo_view, name="share_undo"),
    path("impact/", impact.my_impact_view, name="my_impact"),
    path("posts/", impact.post_impact_list, name="post_impact_list"),
    path("posts/<int:post_id>/impact/", impact.post_impact_view, name="post_impact"),
]
