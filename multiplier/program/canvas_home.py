"""The canvas on the manager's home page, until the programme runs (someone has shared): core
renders it through its home-section registry, so core does not import the programme."""

from __future__ import annotations

from typing import Any

from multiplier.core.home import register_home_section
from multiplier.core.models import Membership
from multiplier.core.permissions import Perm, can

from .canvas import build_canvas


def canvas_section(membership: Membership) -> tuple[str, dict[str, Any]] | None:
    if not can(membership, Perm.RUN_PROGRAMME):
        return None
    canvas = build_canvas(membership.organization)
    if canvas.runs:
        return None
    return "program/canvas/_home.html", {"canvas": canvas}


def register() -> None:
    register_home_section("programme_canvas", canvas_section, order=100)
