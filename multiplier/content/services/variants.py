"""Variants: the versions of a post's text (and image) that colleagues share, so that their shares
do not look identical. A post keeps at least one variant.

Texts are plain text on every network: any HTML typed or pasted in is removed (nh3), never
rendered. Images are checked by their content (content/images.py); SVG is refused because it can
carry scripts. A text must fit the networks it is marked for, and at least one network if it is
marked for none; fitting only some is a warning shown to the author (content/previews.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import nh3
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from multiplier.accounts.models import Network
from multiplier.core.audit import audit
from multiplier.core.models import Membership
from multiplier.program.services.actors import require_programme_runner

from ..images import validate_image
from ..limits import LIMITS, compose, measure
from ..models import Post, Variant

# Networks whose share carries the text itself (Facebook's sharer takes only the link, so its
# limit decides nothing; Instagram has no share intent).
TEXT_NETWORKS = ("linkedin", "x", "bluesky", "mastodon", "threads")
MAX_HASHTAGS = 10
_HASHTAG = re.compile(r"^\w{1,100}$")
_TEXT_ONLY = nh3.Cleaner(tags=set())
_SVG = re.compile(rb"<svg[\s>]|<\?xml|<!doctype svg", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Plain text: tags (and a script's or style's content) removed, entities left as typed."""
    text = (text or "").replace("\r\n", "\n").strip()
    if "<" not in text:
        return text
    return html.unescape(_TEXT_ONLY.clean(text)).strip()


def parse_hashtags(raw: str | Iterable[str]) -> list[str]:
    """'#energy, climate  #NetZero' -> ['energy', 'climate', 'NetZero'] (no duplicates)."""
    parts = re.split(r"[\s,;]+", raw) if isinstance(raw, str) else list(raw)
    tags: dict[str, str] = {}
    for part in parts:
        tag = (part or "").strip().lstrip("#")
        if tag and tag.casefold() not in tags:
            tags[tag.casefold()] = tag
    return list(tags.values())


def _network_label(network: str) -> str:
    return str(dict(Network.choices).get(network, network))


def _validate_text(link: str, text: str, hashtags: list[str], networks: list[str]) -> None:
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Write the text of this variant.")]
    bad_tags = [tag for tag in hashtags if not _HASHTAG.match(tag)]
    if bad_tags:
        errors["hashtags"] = [
            _("A hashtag is one word of letters, digits or _: “%(tag)s” is not.")
            % {"tag": bad_tags[0]}
        ]
    elif len(hashtags) > MAX_HASHTAGS:
        errors["hashtags"] = [_("At most %(max)s hashtags.") % {"max": MAX_HASHTAGS}]
    unknown = [n for n in networks if n not in Network.values]
    if unknown:
        errors["networks"] = [_("Pick networks from the list.")]
    if errors:
        raise ValidationError(errors)
    composed = compose(text, hashtags, link)
    marked = [n for n in networks if n in LIMITS]
    if marked:
        too_long = [measure(composed, n) for n in marked if not measure(composed, n).fits]
        if too_long:
            raise ValidationError(
                {
                    "text": [
                        _(
                            "Too long for %(network)s, which this variant is marked for: "
                            "%(length)s of %(limit)s characters. Shorten it or unmark %(network)s."
                        )
                        % {
                            "network": _network_label(fit.network),
                            "length": fit.length,
                            "limit": fit.limit,
                        }
                        for fit in too_long
                    ]
                }
            )
    else:
        fits = [measure(composed, n) for n in TEXT_NETWORKS]
        if not any(fit.fits for fit in fits):
            longest = max(fits, key=lambda fit: fit.limit)
            raise ValidationError(
                {
                    "text": _(
                        "Too long for every network: %(length)s characters with hashtags and "
                        "link, and even %(network)s allows only %(limit)s."
                    )
                    % {
                        "length": longest.length,
                        "network": _network_label(longest.network),
                        "limit": longest.limit,
                    }
                }
            )


def _check_image(image: UploadedFile | None) -> None:
    errors: dict[str, str] = {}
    if image is not None:
        image.seek(0)
        head = image.read(1024)
        image.seek(0)
        if _SVG.search(head):
            errors["image"] = _(
                "SVG images are not accepted: they can carry scripts. Use a JPEG, PNG, GIF or WebP."
            )
        else:
            try:
                validate_image(image)
            except ValidationError as error:
                errors["image"] = error.messages[0]
    if errors:
        raise ValidationError(errors)


def variant_validate(
    *,
    link: str,
    text: str,
    hashtags: list[str],
    networks: list[str],
    image: UploadedFile | None,
    image_alt: str,
    has_image: bool,
) -> None:
    """Every check on a variant at once (text, hashtags, networks, image, alt text), so the author
    sees all problems together; also used before the post exists (the new-post form)."""
    errors: dict[str, list[str]] = {}
    for check in (
        lambda: _validate_text(link, text, hashtags, networks),
        lambda: _check_image(image),
    ):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if has_image and not image_alt and "image" not in errors:
        errors["image_alt"] = [
            _("Describe the image for people who cannot see it (alt text); it is required.")
        ]
    if errors:
        raise ValidationError(errors)


def _store_image(variant: Variant, image: UploadedFile) -> None:
    info = validate_image(image)
    # The stored name comes from the content's real format, never from the uploaded name.
    variant.image.save(f"image.{info.extension}", image, save=False)
    variant.image_width, variant.image_height = info.width, info.height


def _delete_file_later(name: str) -> None:
    if not name:
        return
    from django.core.files.storage import default_storage

    transaction.on_commit(lambda: default_storage.delete(name))


def variant_create(
    *,
    post: Post,
    by: Membership | None,
    text: str,
    image: UploadedFile | None = None,
    image_alt: str = "",
    hashtags: Iterable[str] = (),
    networks: Iterable[str] = (),
) -> Variant:
    require_programme_runner(by, post.organization)
    text, image_alt = clean_text(text), clean_text(image_alt)
    hashtags, networks = parse_hashtags(hashtags), sorted(set(networks))
    variant_validate(
        link=post.link, text=text, hashtags=hashtags, networks=networks, image=image,
        image_alt=image_alt, has_image=image is not None,
    )  # fmt: skip
    with transaction.atomic():
        last = post.variants.aggregate(last=Max("position"))["last"]
        variant = Variant(
            organization=post.organization,
            post=post,
            text=text,
            image_alt=image_alt if image is not None else "",
            hashtags=hashtags,
            networks=networks,
            position=0 if last is None else last + 1,
        )
        if image is not None:
            _store_image(variant, image)
        variant.save()
        audit(
            "variant.created",
            actor=by.user if by else None,
            organization=post.organization,
            target=post,
            variant=variant.pk,
            image=bool(image),
            networks=networks,
        )
    return variant


def variant_update(
    *,
    variant: Variant,
    by: Membership | None,
    text: str,
    image: UploadedFile | None = None,
    remove_image: bool = False,
    image_alt: str = "",
    hashtags: Iterable[str] = (),
    networks: Iterable[str] = (),
) -> Variant:
    """Replace the variant's text, hashtags and networks; a new image replaces the old one,
    `remove_image` drops it, and otherwise the image stays."""
    post = variant.post
    require_programme_runner(by, post.organization)
    text, image_alt = clean_text(text), clean_text(image_alt)
    hashtags, networks = parse_hashtags(hashtags), sorted(set(networks))
    variant_validate(
        link=post.link, text=text, hashtags=hashtags, networks=networks, image=image,
        image_alt=image_alt,
        has_image=image is not None or (bool(variant.image) and not remove_image),
    )  # fmt: skip
    with transaction.atomic():
        old_name = variant.image.name if variant.image else ""
        variant.text, variant.hashtags, variant.networks = text, hashtags, networks
        if image is not None:
            _store_image(variant, image)
            _delete_file_later(old_name)
        elif remove_image and old_name:
            variant.image = ""
            variant.image_width = variant.image_height = None
            _delete_file_later(old_name)
        variant.image_alt = image_alt if variant.image else ""
        variant.save()
        audit(
            "variant.updated",
            actor=by.user if by else None,
            organization=post.organization,
            target=post,
            variant=variant.pk,
            image=bool(variant.image),
            networks=networks,
        )
    return variant


def variant_delete(*, variant: Variant, by: Membership | None) -> None:
    post = variant.post
    require_programme_runner(by, post.organization)
    with transaction.atomic():
        # Lock the post so two deletions at once cannot leave it without any variant.
        Post.objects.select_for_update().filter(pk=post.pk).first()
        if post.variants.count() <= 1:
            raise ValidationError(
                _("A post keeps at least one variant: add another before deleting this one.")
            )
        _delete_file_later(variant.image.name if variant.image else "")
        audit(
            "variant.deleted",
            actor=by.user if by else None,
            organization=post.organization,
            target=post,
            variant=variant.pk,
        )
        variant.delete()
        _renumber(post, list(post.variants.values_list("pk", flat=True)))


def _renumber(post: Post, order: list[int]) -> None:
    for position, pk in enumerate(order):
        Variant.objects.filter(pk=pk, post=post).update(position=position)


def variant_reorder(*, post: Post, by: Membership | None, order: list[int]) -> None:
    """Put the post's variants in `order` (their ids); every variant must be named once."""
    require_programme_runner(by, post.organization)
    with transaction.atomic():
        current = set(post.variants.values_list("pk", flat=True))
        if sorted(order) != sorted(current):  # also refuses an id named twice
            raise ValidationError(_("The order must name each of the post's variants once."))
        _renumber(post, order)
        audit(
            "variant.reordered",
            actor=by.user if by else None,
            organization=post.organization,
            target=post,
            order=order,
        )


def variant_move(*, variant: Variant, by: Membership | None, up: bool) -> None:
    """One place up or down (what the arrows on the post's page do)."""
    order = list(variant.post.variants.values_list("pk", flat=True))
    index = order.index(variant.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    variant_reorder(post=variant.post, by=by, order=order)
