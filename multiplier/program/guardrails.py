"""A gentle check of what an ambassador writes, against the organisation's guardrail terms.

`check_text(org, text, language)` returns findings to show as warnings next to the text. It never
blocks anything: the social media policy is support, not control. Later features (share flow, own
posts, comments) call it on every text a member writes.

Matching ignores case and accents ("Israël" matches "israel"), respects word boundaries ("war" does
not match "software"), and lets a phrase span any white space ("Tweede  Kamer" on two lines).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from multiplier.core.models import Organization

from .models import GuardrailTerm


@dataclass(frozen=True)
class Finding:
    term: str
    category: str
    advice: str
    start: int  # offsets into the text as given
    end: int

    def excerpt(self, text: str, context: int = 30) -> str:
        before = max(0, self.start - context)
        after = min(len(text), self.end + context)
        return ("…" if before else "") + text[before:after] + ("…" if after < len(text) else "")


def _fold(text: str) -> tuple[str, list[int]]:
    """Lower-case, accent-free text and, per folded character, its offset in the original.

    Folding can change lengths (e.g. "ß" → "ss"), so the map keeps offsets exact."""
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char.casefold()):
            if unicodedata.combining(part):
                continue
            folded.append(part)
            offsets.append(index)
    return "".join(folded), offsets


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    words = _fold(term.strip())[0].split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


def check_text(organization: Organization, text: str, language: str | None = None) -> list[Finding]:
    """Findings for `text`, in order of appearance, one per place a term occurs.

    `language` narrows the terms to one language; None checks every language's terms (people
    mix languages, and a Dutch post quoting an English slogan should still be checked).
    """
    return check_texts(organization, [text], language)[0]


def check_texts(
    organization: Organization, texts: list[str], language: str | None = None
) -> list[list[Finding]]:
    """`check_text` for each of `texts`, reading the terms once (a page of entries)."""
    if not any(text and text.strip() for text in texts):
        return [[] for _ in texts]
    terms = GuardrailTerm.objects.filter(organization=organization)
    if language:
        terms = terms.filter(language=language)
    rows = list(terms.values_list("term", "category", "advice"))
    return [_findings(text, rows) for text in texts]


def _findings(text: str, terms: list[tuple[str, str, str]]) -> list[Finding]:
    if not text or not text.strip():
        return []
    folded, offsets = _fold(text)
    findings: dict[tuple[int, int], Finding] = {}
    for term, category, advice in terms:
        if not term.strip():
            continue
        for match in _pattern(term).finditer(folded):
            start = offsets[match.start()]
            end = offsets[match.end() - 1] + 1
            # Two terms on the same words ("verkiezing" and "verkiezingen" do not, but a term
            # listed in two languages does): report the place once.
            findings.setdefault((start, end), Finding(term, category, advice, start, end))
    return sorted(findings.values(), key=lambda f: (f.start, f.end))
