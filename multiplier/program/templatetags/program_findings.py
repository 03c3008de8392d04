"""Showing guardrail findings inside the text they were found in (program/_findings.html)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django import template

from ..guardrails import Finding
from ..models import GuardrailCategory

register = template.Library()


@dataclass
class Segment:
    """A stretch of the text; `findings` is empty for the parts between findings. The template
    prints `text` with auto-escaping, so the text is never trusted as HTML."""

    text: str
    findings: list[Finding] = field(default_factory=list)


def segments(text: str, findings: Sequence[Finding]) -> list[Segment]:
    """The text cut at the findings' offsets. Overlapping findings ("far right" in "far
    right-wing") share one highlighted stretch."""
    parts: list[Segment] = []
    marked: Segment | None = None
    cursor = 0  # end of what is already in `parts`
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        start, end = max(finding.start, 0), min(finding.end, len(text))
        if end <= start:
            continue
        if marked is not None and start < cursor:
            if end > cursor:
                marked.text += text[cursor:end]
                cursor = end
            marked.findings.append(finding)
            continue
        if start > cursor:
            parts.append(Segment(text[cursor:start]))
        marked = Segment(text[start:end], [finding])
        parts.append(marked)
        cursor = end
    if cursor < len(text):
        parts.append(Segment(text[cursor:]))
    return parts


@register.filter
def marked_segments(text: str, findings: Sequence[Finding]) -> list[Segment]:
    return segments(text or "", findings or [])


@register.filter
def category_label(code: str) -> str:
    """A finding's category as people read it ("Politics"), whatever the code."""
    return str(GuardrailCategory(code).label) if code in GuardrailCategory.values else code
