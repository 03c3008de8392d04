"""Uploaded media (variants' images) served by the app itself when no web server or object store
does (settings.SERVE_MEDIA, on by default with local storage).

Files live under random names (content/models.variant_image_path), so the address is not
guessable; networks' preview fetchers need the images without a login. Served safely: only
files inside MEDIA_ROOT, `nosniff` so a browser never reinterprets one as HTML, and anything that
is not an image we accept is offered as a download instead of being shown.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


@require_safe
def media_file(request: HttpRequest, path: str) -> FileResponse:
    try:
        full = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation as exc:  # a path that leaves MEDIA_ROOT
        raise Http404 from exc
    if not full.is_file():
        raise Http404
    content_type = mimetypes.guess_type(full.name)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    response = FileResponse(
        full.open("rb"),
        content_type=content_type if inline else "application/octet-stream",
        as_attachment=not inline,
        filename=full.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
