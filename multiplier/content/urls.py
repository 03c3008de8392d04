"""Content pages, all under /o/<org_slug>/content/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: post_id, variant_id, source_id, item_id
(tests/test_isolation.py makes foreign ones)."""

org_urlpatterns: list = []

# --- sources: content sources (feeds), employees' proposals and the review queue ---
from django.urls import path  # noqa: E402

from .views import feeds, proposals, review  # noqa: E402

org_urlpatterns += [
    path("sources/", feeds.feed_source_list, name="feed_source_list"),
    path("sources/new/", feeds.feed_source_create, name="feed_source_create"),
    path("sources/<int:source_id>/", feeds.feed_source_edit, name="feed_source_edit"),
    path("sources/<int:source_id>/delete/", feeds.feed_source_delete, name="feed_source_delete"),
    path("sources/<int:source_id>/poll/", feeds.feed_source_poll, name="feed_source_poll"),
    path("review/", review.review_queue_view, name="review_queue"),
    path("review/<int:post_id>/", review.review_item, name="review_item"),
    path("review/<int:post_id>/decline/", review.review_decline_view, name="review_decline"),
    path("propose/", proposals.proposal_create_view, name="proposal_create"),
    path("proposals/", proposals.proposal_list, name="proposal_list"),
]
# --- end sources ---
