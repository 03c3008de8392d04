"""The programme's pages, all under /o/<org_slug>/programme/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: theme_id, member_theme_id, level_id, goal_id, campaign_id,
entity_id, connection_id, policy_id, term_id (tests/test_isolation.py makes foreign ones)."""

from django.urls import path  # noqa: F401  (used as the features add their patterns)

org_urlpatterns: list = []
