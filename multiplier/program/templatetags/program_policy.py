"""Showing a policy's text."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..policy_text import sanitise

register = template.Library()


@register.filter
def policy_html(body: str) -> SafeString:
    """The stored HTML, sanitised once more on the way out: the service already did it before
    saving, but a row written some other way (the admin, a data migration) must not be able
    to put a script on a page either. nh3 is fast enough to do this on every view."""
    return mark_safe(sanitise(body or ""))  # noqa: S308  (sanitised by nh3 just now)
