"""Which variant to suggest to a member, so that colleagues' posts differ.

The suggestion is the variant that colleagues in the same team used least for this post on the
same network; ties go to the variant used least for this post on that network in the whole
organisation, then to the variant's position (then id) — deterministic, so the page does not
change its mind on a reload. Undone shares do not count. The member can always pick another.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.db.models import Count

from multiplier.content.limits import compose
from multiplier.content.models import Post, Variant
from multiplier.core.models import Membership

from .models import Share


def pick_variant(
    variant_ids: Sequence[int], team_counts: dict[int, int], org_counts: dict[int, int]
) -> int | None:
    """The pure rule: `variant_ids` in their order (position, id); counts per variant id."""
    if not variant_ids:
        return None
    order = {variant_id: index for index, variant_id in enumerate(variant_ids)}
    return min(
        variant_ids,
        key=lambda v: (team_counts.get(v, 0), org_counts.get(v, 0), order[v]),
    )


def variants_for_network(post: Post, network: str) -> list[Variant]:
    """The post's variants meant for this network (a variant without networks suits all)."""
    variants = list(post.variants.all())
    suited = [v for v in variants if not v.networks or network in v.networks]
    return suited or variants


def variant_suggestion(*, post: Post, membership: Membership, network: str) -> Variant | None:
    variants = variants_for_network(post, network)
    if not variants:
        return None
    shares = Share.objects.filter(post=post, network=network, undone_at__isnull=True).exclude(
        variant=None
    )
    org_counts = Counter(
        dict(shares.values_list("variant").annotate(n=Count("id")).values_list("variant", "n"))
    )
    team_counts = Counter(
        dict(
            shares.filter(membership__team=membership.team)
            .values_list("variant")
            .annotate(n=Count("id"))
            .values_list("variant", "n")
        )
    )
    chosen = pick_variant([v.pk for v in variants], team_counts, org_counts)
    return next(v for v in variants if v.pk == chosen)


def starting_text(variant: Variant) -> str:
    """The text the share form starts from: the variant's words and hashtags (the link is added
    when sharing). Personalisation is measured against this."""
    return compose(variant.text, variant.hashtags)
