"""What the sharing views share: the post a member may share, and their defaults."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import Http404

from multiplier.accounts.models import NetworkPresence
from multiplier.content.access import post_for
from multiplier.content.models import Post
from multiplier.core.models import Membership

from ..feed import post_in_feed
from ..intents import clean_instance
from ..models import ShareNetwork, SharingProfile


def shareable_post(membership: Membership, post_id: int) -> Post:
    """The post if it is in this member's feed now; 404 otherwise (also for other
    organisations' posts, through the access helper). Its variants come with it: the share
    screen reads them for the list, the suggestion, its number and the form."""
    post = post_for(membership.organization, post_id)
    if not post_in_feed(membership, post):
        raise Http404
    prefetch_related_objects([post], "variants")
    return post


def member_defaults(membership: Membership) -> tuple[str, str]:
    """(network, Mastodon server) to start the form with: what they used last, else the first
    network on their profile that has a share intent, else LinkedIn."""
    profile = SharingProfile.objects.filter(membership=membership).first()
    presences = dict(
        NetworkPresence.objects.filter(user_id=membership.user_id).values_list("network", "handle")
    )
    instance = profile.mastodon_instance if profile else ""
    if not instance and presences.get("mastodon"):
        instance = clean_instance(presences["mastodon"])
    if profile and profile.last_network:
        return profile.last_network, instance
    for network in ShareNetwork.values:
        if network in presences:
            return network, instance
    return ShareNetwork.LINKEDIN, instance
