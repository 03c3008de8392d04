"""How a variant will look when shared on each network: the data the preview templates draw.

Each network shows the text as it is posted (limits.compose: text, hashtags, link), folds long
texts its own way (LinkedIn after about 210 characters with "…see more", Facebook after about
480), and shows either the variant's image or the link's card (title, description, image,
site). Counts come from content/limits.py, so the preview and the warnings agree with what is
saved. A text over a network's limit is shown cut at the limit, with the rest marked as overflow.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from multiplier.program.guardrails import Finding, check_texts

from .limits import COUNTERS, LIMITS, Fit, compose, measure
from .models import CardStatus, Post, Variant

PREVIEW_NETWORKS: dict[str, str] = {
    "linkedin": "LinkedIn",
    "x": "X",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "facebook": "Facebook",
}
# Where a network folds a long text behind a "more" link (characters), and what the link says.
FOLD_AT = {"linkedin": 210, "facebook": 480}
MORE_LABEL = {"linkedin": _("…see more"), "facebook": _("… See more")}


@dataclass(frozen=True)
class Card:
    title: str
    description: str
    image_url: str
    domain: str
    status: str  # CardStatus


@dataclass(frozen=True)
class Preview:
    network: str
    label: str
    text: str  # what the reader sees before any "more" link
    folded: bool  # the network hides the rest behind `more_label`
    more_label: str
    overflow: str  # the part beyond the network's limit (shown marked), "" if it fits
    fit: Fit
    card: Card | None  # the link card, when no image is attached
    image_url: str
    image_alt: str
    meant: bool = True  # False: the variant is marked for other networks only


def domain_of(link: str) -> str:
    host = urlsplit(link).hostname or ""
    return host.removeprefix("www.")


def card_for(post: Post) -> Card | None:
    if not post.link:
        return None
    fetched = post.card_status in (CardStatus.FETCHED, CardStatus.MANUAL)
    return Card(
        title=post.card_title if fetched else "",
        description=post.card_description if fetched else "",
        # Only https images: the page's Content-Security-Policy allows no others.
        image_url=post.card_image_url
        if fetched and post.card_image_url.startswith("https://")
        else "",
        domain=post.card_site_name or domain_of(post.link),
        status=post.card_status,
    )


def _cut_at_limit(text: str, network: str) -> tuple[str, str]:
    """The longest start of `text` that fits the network's limit, and the rest."""
    limit, count = LIMITS[network], COUNTERS[network]
    if count(text) <= limit:
        return text, ""
    low, high = 0, len(text)
    while low < high:  # the counts only grow with the prefix, so a binary search finds the cut
        middle = (low + high + 1) // 2
        if count(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return text[:low], text[low:]


def _fold(text: str, at: int) -> tuple[str, bool]:
    if len(text) <= at:
        return text, False
    cut = text[:at]
    space = cut.rfind(" ")
    if space > at * 0.6:  # end on a whole word, as the networks do
        cut = cut[:space]
    return cut.rstrip(), True


def variant_text(variant: Variant, post: Post | None = None) -> str:
    post = post or variant.post
    return compose(variant.text, variant.hashtags, post.link)


def previews_for(variant: Variant, post: Post | None = None) -> list[Preview]:
    post = post or variant.post
    text = variant_text(variant, post)
    card = card_for(post)
    image_url = variant.image.url if variant.image else ""
    previews = []
    for network, label in PREVIEW_NETWORKS.items():
        shown, overflow = _cut_at_limit(text, network)
        folded = False
        if network in FOLD_AT and not overflow:
            shown, folded = _fold(shown, FOLD_AT[network])
        previews.append(
            Preview(
                network=network,
                label=label,
                text=shown,
                folded=folded,
                more_label=str(MORE_LABEL.get(network, "")),
                overflow=overflow,
                fit=measure(text, network),
                card=None if image_url else card,
                image_url=image_url,
                image_alt=variant.image_alt,
                meant=not variant.networks or network in variant.networks,
            )
        )
    return previews


@dataclass(frozen=True)
class VariantReport:
    """What the author is warned about for one variant: networks it does not fit and guardrail
    findings (never blocking; the services refuse only what fits nowhere it is meant for)."""

    variant: Variant
    text: str
    fits: list[Fit]
    findings: list[Finding]

    @property
    def misfits(self) -> list[Fit]:
        return [fit for fit in self.fits if not fit.fits]


def variant_report(variant: Variant, post: Post | None = None) -> VariantReport:
    return variant_reports([variant], post or variant.post)[0]


def variant_reports(variants: list[Variant], post: Post) -> list[VariantReport]:
    """`variant_report` for each of the post's variants, reading the guardrail terms once."""
    texts = [variant_text(variant, post) for variant in variants]
    findings = check_texts(post.organization, texts)
    return [
        VariantReport(variant=variant, text=text, fits=_fits(variant, text), findings=found)
        for variant, text, found in zip(variants, texts, findings, strict=True)
    ]


def _fits(variant: Variant, text: str) -> list[Fit]:
    networks = [n for n in variant.networks if n in LIMITS] or [
        n for n in LIMITS if n != "facebook"
    ]
    return [measure(text, network) for network in networks]
