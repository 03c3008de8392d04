"""The demo organisation's own content: a content source (a harmless address, paused so the demo
never polls it) and two proposals by colleagues, one waiting for review and one approved. Written
through the content services; each piece is made once and left alone afterwards."""

from __future__ import annotations

from multiplier.content.models import FeedSource, Post, PostKind, PostSource
from multiplier.content.services.feeds import feed_create
from multiplier.content.services.review import review_approve
from multiplier.content.services.submissions import proposal_create
from multiplier.core.models import Membership, Organization
from multiplier.program.models import Theme

from .people import DOMAIN

DEMO_FEED_URL = "https://example.com/noorderlicht/feed.xml"


def _member(org: Organization, local_part: str) -> Membership:
    return Membership.objects.select_related("user").get(
        organization=org, user__email=f"{local_part}@{DOMAIN}"
    )


def build_content(org: Organization) -> None:
    _feed(org)
    _proposals(org)


def _feed(org: Organization) -> None:
    if FeedSource.objects.filter(organization=org, url=DEMO_FEED_URL).exists():
        return
    feed_create(
        organization=org,
        by=None,
        name="Noorderlicht blog",
        url=DEMO_FEED_URL,
        themes=Theme.objects.filter(organization=org, archived_at__isnull=True)[:1],
        is_active=False,  # an example: the demo does not reach out to the internet
    )


def _proposals(org: Organization) -> None:
    author = _member(org, "ambassador")
    mine = Post.objects.filter(organization=org, source=PostSource.EMPLOYEE, author=author)
    if not mine.filter(kind=PostKind.BLOG).exists():
        blog = proposal_create(
            membership=author,
            kind=PostKind.BLOG,
            title="Waarom ik koos voor de techniek",
            text="Ik schreef over mijn eerste jaar als monteur bij Noorderlicht. Herkenbaar?",
            link="https://example.com/lotte/eerste-jaar",
        )
        review_approve(post=blog, by=_member(org, "manager"), notify=False)
    if not mine.filter(kind=PostKind.POST).exists():
        proposal_create(
            membership=author,
            kind=PostKind.POST,
            text=(
                "Vandaag de 500e warmtepomp van dit jaar geïnstalleerd, in Assen. Trots op ons "
                "team! #warmtepomp #Noorderlicht"
            ),
            link="https://example.com/noorderlicht/500-warmtepompen",
        )
