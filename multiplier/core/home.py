"""Sections of an organisation's home page that other apps provide.

`core` sits below every other app and must not import them, yet the home page is where a
member should see what those apps have to say first (the programme canvas, later a feed of
posts). So apps register a section from their AppConfig.ready()::

    from multiplier.core.home import register_home_section

    def _canvas(membership):
        if not membership.is_staff_role:
            return None  # nothing to show this member
        return "program/canvas/_home.html", {"canvas": build_canvas(membership.organization)}

    register_home_section("programme_canvas", _canvas, order=100)

A section is a function of the membership that returns (template, context) or None; the template
is a name (a `Template` object works too, handy in tests). The home view renders the sections in
`order` (then by key) into the page, below the page's own content; the templates get the
request's context as well (organization, perms_org, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template import RequestContext, Template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .models import Membership

HomeSection = Callable[[Membership], tuple[str | Template, dict[str, Any]] | None]


@dataclass(frozen=True)
class _Registered:
    key: str
    order: int
    section: HomeSection


_sections: dict[str, _Registered] = {}


def register_home_section(key: str, section: HomeSection, *, order: int = 100) -> None:
    """Add (or, with the same key, replace) a section of the home page."""
    _sections[key] = _Registered(key, order, section)


def unregister_home_section(key: str) -> None:
    _sections.pop(key, None)


def render_home_sections(request: HttpRequest, membership: Membership) -> list[SafeString]:
    """The HTML of every section that has something to show this member, in order."""
    rendered = []
    for registered in sorted(_sections.values(), key=lambda r: (r.order, r.key)):
        answer = registered.section(membership)
        if answer is None:
            continue
        template, context = answer
        if isinstance(template, Template):
            html = template.render(RequestContext(request, context))
        else:
            html = render_to_string(template, context, request=request)
        # The template escaped what it rendered; its output is safe to include as it is.
        rendered.append(mark_safe(html))  # noqa: S308
    return rendered
