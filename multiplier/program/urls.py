"""The programme's pages, all under /o/<org_slug>/programme/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: theme_id, member_theme_id, level_id, goal_id, campaign_id,
entity_id, connection_id, policy_id, term_id (tests/test_isolation.py makes foreign ones)."""

from django.urls import path

from .views import (
    campaigns,
    canvas,
    coverage,
    goals,
    guardrails,
    levels,
    member_themes,
    outside_world,
    policy,
    themes,
)

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

# --- themes: steps 2-4 (themes, employees per theme, coverage, levels) ---------------------------
org_urlpatterns += [
    path("themes/", themes.theme_list, name="theme_list"),
    path("themes/new/", themes.theme_create_view, name="theme_create"),
    path("themes/<int:theme_id>/", member_themes.theme_people, name="theme_people"),
    path("themes/<int:theme_id>/edit/", themes.theme_edit, name="theme_edit"),
    path("themes/<int:theme_id>/move/", themes.theme_move_view, name="theme_move"),
    path("themes/<int:theme_id>/archive/", themes.theme_archive_view, name="theme_archive"),
    path("themes/<int:theme_id>/restore/", themes.theme_restore_view, name="theme_restore"),
    path("themes/<int:theme_id>/delete/", themes.theme_delete_view, name="theme_delete"),
    path(
        "themes/people/<int:member_theme_id>/",
        member_themes.member_theme_action,
        name="member_theme_action",
    ),
    path("coverage/", coverage.coverage_view, name="coverage"),
    path("levels/", levels.level_list, name="level_list"),
    path("levels/new/", levels.level_create_view, name="level_create"),
    path("levels/<int:level_id>/edit/", levels.level_edit, name="level_edit"),
    path("levels/<int:level_id>/move/", levels.level_move_view, name="level_move"),
    path("levels/<int:level_id>/delete/", levels.level_delete_view, name="level_delete"),
    path("levels/members/", levels.member_level_list, name="member_level_list"),
    path("levels/members/<int:member_id>/", levels.member_level_set_view, name="member_level_set"),
]
# --- end themes ----------------------------------------------------------------------------------

# --- policy: the social media policy (step 6) and the guardrail terms ---------------------------
org_urlpatterns += [
    path("policy/", policy.policy_detail, name="policy_detail"),
    path("policy/new/", policy.policy_create, name="policy_create"),
    path("policy/accept/", policy.policy_accept_view, name="policy_accept"),
    path("policy/<int:policy_id>/", policy.policy_version, name="policy_version"),
    path("policy/<int:policy_id>/edit/", policy.policy_edit, name="policy_edit"),
    path("policy/guardrails/", guardrails.guardrail_terms, name="guardrail_terms"),
    path("policy/guardrails/try/", guardrails.guardrail_check, name="guardrail_check"),
    path(
        "policy/guardrails/restore/",
        guardrails.guardrail_terms_restore,
        name="guardrail_terms_restore",
    ),
    path(
        "policy/guardrails/<int:term_id>/",
        guardrails.guardrail_term_edit,
        name="guardrail_term_edit",
    ),
    path(
        "policy/guardrails/<int:term_id>/delete/",
        guardrails.guardrail_term_delete_view,
        name="guardrail_term_delete",
    ),
]

# --- Step 5: the outside world ---
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
