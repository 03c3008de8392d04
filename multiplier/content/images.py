"""Validating uploaded images (variants, proposals): by their content, not their name.

Pillow must recognise the file as one of the formats networks accept; SVG (which can carry
scripts) and anything else is refused. Size and dimensions are bounded, and the pixel count is
checked before decoding, so a small file that decompresses into a huge bitmap is refused too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# The file inputs' `accept`: the same formats, so the picker offers only what is allowed.
ACCEPT = ",".join(f"image/{name.lower()}" for name in ALLOWED_FORMATS)
MAX_BYTES = 8 * 1024 * 1024
MIN_SIDE = 100  # px; smaller images look broken in every network's preview
MAX_SIDE = 8000
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class ImageInfo:
    format: str  # one of ALLOWED_FORMATS
    extension: str
    width: int
    height: int


def validate_image(upload: UploadedFile) -> ImageInfo:
    """Raise ValidationError (with a message for the author) unless `upload` is an image we take."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; at most %(max)s is allowed.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            fmt = image.format or ""
            width, height = image.size
            if fmt not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("This file is not a JPEG, PNG, GIF or WebP image."), code="format"
                )
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The image has too many pixels."), code="pixels")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This file is not an image we can use (JPEG, PNG, GIF or WebP)."), code="invalid"
        ) from exc
    finally:
        upload.seek(0)
    if min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE:
        raise ValidationError(
            _(
                "The image is %(width)s by %(height)s pixels; each side must be between %(min)s "
                "and %(max)s pixels."
            )
            % {"width": width, "height": height, "min": MIN_SIDE, "max": MAX_SIDE},
            code="dimensions",
        )
    return ImageInfo(format=fmt, extension=ALLOWED_FORMATS[fmt], width=width, height=height)
