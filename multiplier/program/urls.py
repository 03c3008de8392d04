"""The programme's pages, all under /o/<org_slug>/programme/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: theme_id, member_theme_id, level_id, goal_id, campaign_id,
entity_id, connection_id, policy_id, term_id (tests/test_isolation.py makes foreign ones)."""

from django.urls import path

from .views import guardrails, policy

org_urlpatterns: list = []

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
