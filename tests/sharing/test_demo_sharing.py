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
    org = build_demo()  # the demo's live posts are shared as it is built
    before = Share.objects.filter(organization=org).count()
    assert before > 0 and build_shares(org) == 0  # once: building again adds nothing
    post = live_post(org, title="Warmtepompen", texts=("Eén.", "Twee.", "Drie."))
    made = build_shares(org)
    shares = Share.objects.filter(organization=org, post=post)
    assert made == shares.count() >= 5
    assert shares.filter(personalised=True).exists() and shares.filter(personalised=False).exists()
    assert shares.values("variant").distinct().count() == 3  # colleagues got different versions
    assert all(s.membership.is_active for s in shares.select_related("membership"))
    assert LinkDay.objects.filter(organization=org).aggregate(c=Sum("clicks"))["c"] > 0
    assert build_shares(org) == 0
    assert Share.objects.filter(organization=org).count() == before + made
    assert Membership.objects.filter(organization=org).exists()
