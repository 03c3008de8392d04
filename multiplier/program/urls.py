"""The programme's pages, all under /o/<org_slug>/programme/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: theme_id, member_theme_id, level_id, goal_id, campaign_id,
entity_id, connection_id, policy_id, term_id (tests/test_isolation.py makes foreign ones)."""

from django.urls import path

org_urlpatterns: list = []

# --- Step 5: the outside world ---
from .views import outside_world  # noqa: E402

org_urlpatterns += [
    path("outside-world/", outside_world.entity_list, name="entity_list"),
    path("outside-world/new/", outside_world.entity_create_view, name="entity_create"),
    path("outside-world/map/", outside_world.entity_map, name="entity_map"),
    path("outside-world/mine/", outside_world.outside_world_mine, name="outside_world_mine"),
    path(
        "outside-world/mine/<int:entity_id>/",
        outside_world.outside_world_mine_toggle,
        name="outside_world_mine_toggle",
    ),
    path("outside-world/<int:entity_id>/", outside_world.entity_detail, name="entity_detail"),
    path("outside-world/<int:entity_id>/edit/", outside_world.entity_edit, name="entity_edit"),
    path(
        "outside-world/<int:entity_id>/delete/",
        outside_world.entity_delete_view,
        name="entity_delete",
    ),
    path(
        "outside-world/<int:entity_id>/connections/",
        outside_world.connection_add_view,
        name="connection_add",
    ),
    path(
        "outside-world/connections/<int:connection_id>/remove/",
        outside_world.connection_remove_view,
        name="connection_remove",
    ),
]
