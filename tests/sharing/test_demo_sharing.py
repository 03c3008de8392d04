"""The demo's shares: believable shares with click roll-ups for live posts, once."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from multiplier.core.models import Membership
from multiplier.demo.builder import build_demo
from multiplier.demo.sharing import build_shares
from multiplier.sharing.models import Share
from multiplier.tracking.models import LinkDay

from .factories import live_post

pytestmark = pytest.mark.django_db


def test_demo_shares_for_live_posts_once():
    org = build_demo()
    assert build_shares(org) == 0  # no live posts yet: nothing to share
    live_post(org, title="Warmtepompen", texts=("Eén.", "Twee.", "Drie."))
    made = build_shares(org)
    shares = Share.objects.filter(organization=org)
    assert made == shares.count() >= 5
    assert shares.filter(personalised=True).exists() and shares.filter(personalised=False).exists()
    assert shares.values("variant").distinct().count() == 3  # colleagues got different versions
    assert all(s.membership.is_active for s in shares.select_related("membership"))
    assert LinkDay.objects.filter(organization=org).aggregate(c=Sum("clicks"))["c"] > 0
    assert build_shares(org) == 0 and Share.objects.filter(organization=org).count() == made
    assert Membership.objects.filter(organization=org).exists()
