"""Content pages, all under /o/<org_slug>/content/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: post_id, variant_id, source_id
(tests/test_isolation.py makes foreign ones)."""

from django.urls import path

org_urlpatterns: list = []

# --- rhythm: the content calendar and the rhythm's settings ---

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
# --- posts: ready-made posts, their variants, previews and link cards --------------------------

from .views import posts, variants  # noqa: E402

org_urlpatterns += [
    path("posts/", posts.post_list, name="post_list"),
    path("posts/new/", posts.post_create_view, name="post_create"),
    path("posts/<int:post_id>/", posts.post_detail, name="post_detail"),
    path("posts/<int:post_id>/edit/", posts.post_update_view, name="post_update"),
    path("posts/<int:post_id>/status/", posts.post_status_view, name="post_status"),
    path("posts/<int:post_id>/card/", posts.post_card_view, name="post_card"),
    path("posts/<int:post_id>/variants/new/", variants.variant_create_view, name="variant_create"),
    path("variants/<int:variant_id>/edit/", variants.variant_update_view, name="variant_update"),
    path("variants/<int:variant_id>/delete/", variants.variant_delete_view, name="variant_delete"),
    path("variants/<int:variant_id>/move/", variants.variant_move_view, name="variant_move"),
]
# --- end posts ---------------------------------------------------------------------------------
# --- sources: content sources (feeds), employees' proposals and the review queue ---

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
