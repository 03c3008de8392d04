"""Employees' own content: a member proposes a post (text, link, image) or a blog they wrote; the
programme team reviews it (services/review.py). Once approved it is a live post credited to them,
and it counts towards goals ("posts written by employees") and ways to contribute (facts.py).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership
from multiplier.core.permissions import Perm, can

from ..images import ImageInfo, validate_image
from ..models import Post, PostKind, PostSource, PostStatus
from .intake import post_intake

TEXT_MAX = 3000
TITLE_MAX = 160


def validate_link(link: str, *, field: str = "link") -> str:
    """A web address (http or https) or nothing; raises ValidationError({field: ...})."""
    link = (link or "").strip()
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise ValidationError(
                {field: _("Enter a full web address, starting with https:// or http://.")}
            ) from None
    return link


def proposal_create(
    *,
    membership: Membership,
    kind: str,
    text: str = "",
    title: str = "",
    link: str = "",
    image: UploadedFile | None = None,
    image_alt: str = "",
) -> Post:
    """A member's proposal, waiting in the review queue. A post needs its text; a blog needs its
    address and title (the text is what the author would say about it)."""
    if not can(membership, Perm.USE_PROGRAMME):
        raise PermissionDenied
    text, title, image_alt = (text or "").strip(), (title or "").strip(), (image_alt or "").strip()
    errors: dict[str, str] = {}
    if kind not in PostKind.values:
        errors["kind"] = _("Choose a post or a blog.")
    try:
        link = validate_link(link)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if kind == PostKind.POST and not text:
        errors["text"] = _("Write the text of your post.")
    if kind == PostKind.BLOG:
        if not link and "link" not in errors:
            errors["link"] = _("Enter the address of your blog.")
        if not title:
            errors["title"] = _("Enter the title of your blog.")
    if len(text) > TEXT_MAX:
        errors["text"] = _("Keep the text under %(max)s characters.") % {"max": TEXT_MAX}
    if len(title) > TITLE_MAX:
        errors["title"] = _("Keep the title under %(max)s characters.") % {"max": TITLE_MAX}
    info: ImageInfo | None = None
    if image is not None:
        try:
            info = validate_image(image)
        except ValidationError as error:
            errors["image"] = " ".join(error.messages)
        if not image_alt:
            errors["image_alt"] = _("Describe the image for people who cannot see it (alt text).")
    elif image_alt:
        image_alt = ""  # a description of no image helps nobody
    if errors:
        raise ValidationError(errors)
    title = title or Truncator(" ".join(text.split())).chars(60)
    with transaction.atomic():
        post = post_intake(
            organization=membership.organization, title=title, text=text or title, link=link,
            kind=kind, source=PostSource.EMPLOYEE, status=PostStatus.IN_REVIEW,
            author=membership, image=image, image_alt=image_alt, image_info=info,
        )  # fmt: skip
        audit("post.proposed", actor=membership.user, organization=membership.organization,
              target=post, kind=kind)  # fmt: skip
    return post
