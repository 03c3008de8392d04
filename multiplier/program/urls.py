"""The programme's pages, all under /o/<org_slug>/programme/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: theme_id, member_theme_id, level_id, goal_id, campaign_id,
entity_id, connection_id, policy_id, term_id (tests/test_isolation.py makes foreign ones)."""

from django.urls import path

from .views import campaigns, canvas, goals

org_urlpatterns: list = []

# --- goals: the canvas, goals (step 1) and campaigns --------------------------------------------
org_urlpatterns += [
    path("", canvas.programme_canvas, name="programme_canvas"),
    path("goals/", goals.goal_list, name="goal_list"),
    path("goals/new/", goals.goal_create_view, name="goal_create"),
    path("goals/<int:goal_id>/", goals.goal_detail, name="goal_detail"),
    path("goals/<int:goal_id>/edit/", goals.goal_update_view, name="goal_update"),
    path("goals/<int:goal_id>/delete/", goals.goal_delete_view, name="goal_delete"),
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create_view, name="campaign_create"),
    path(
        "campaigns/<int:campaign_id>/edit/", campaigns.campaign_update_view, name="campaign_update"
    ),
    path(
        "campaigns/<int:campaign_id>/delete/",
        campaigns.campaign_delete_view,
        name="campaign_delete",
    ),
]
