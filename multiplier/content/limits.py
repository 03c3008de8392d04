"""How long a text is on each network, by that network's own rules (../shared/notes/networks.md).

- LinkedIn: 3,000 characters.
- X: 280, weighted as twitter-text does: every URL counts 23; Latin, Greek, Cyrillic and common
  punctuation count 1, other characters (CJK, ...) 2, an emoji 2 whatever its code points.
- Bluesky: 300 graphemes (what a reader sees as one character: "👩‍💻" is one).
- Mastodon: 500 characters, every URL counts 23, a mention of a remote account counts only its
  local part ("@anna@social.example" counts as "@anna").
- Threads: 500 characters.
- Facebook: 63,206 characters (no practical limit; listed so every network has an answer).

The same counting runs in the browser while typing (multiplier.js mirrors the simple rules) and
here, where it decides what is saved and shown.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

URL = regex.compile(r"https?://[^\s<>\"']+|www\.[^\s<>\"']+", regex.IGNORECASE)
REMOTE_MENTION = regex.compile(r"(?<![\w@])(@\w+)@[\w.-]+\.\w+")
X_URL_LENGTH = 23
MASTODON_URL_LENGTH = 23
# twitter-text v3: code points in these ranges weigh 1, all others 2.
_X_LIGHT = [(0, 4351), (8192, 8205), (8208, 8223), (8242, 8247)]
_EMOJI = regex.compile(r"\p{Extended_Pictographic}")

LIMITS: dict[str, int] = {
    "linkedin": 3000,
    "x": 280,
    "bluesky": 300,
    "mastodon": 500,
    "threads": 500,
    "facebook": 63206,
}


def _graphemes(text: str) -> list[str]:
    return regex.findall(r"\X", text)


def _x_weight(cluster: str) -> int:
    if _EMOJI.search(cluster):
        return 2
    return sum(1 if any(lo <= ord(c) <= hi for lo, hi in _X_LIGHT) else 2 for c in cluster)


def x_length(text: str) -> int:
    text = unicodedata.normalize("NFC", text)
    length, position = 0, 0
    for match in URL.finditer(text):
        length += sum(_x_weight(g) for g in _graphemes(text[position : match.start()]))
        length += X_URL_LENGTH
        position = match.end()
    return length + sum(_x_weight(g) for g in _graphemes(text[position:]))


def mastodon_length(text: str) -> int:
    text = REMOTE_MENTION.sub(r"\1", text)
    text = URL.sub("x" * MASTODON_URL_LENGTH, text)
    return len(text)


def bluesky_length(text: str) -> int:
    return len(_graphemes(text))


def plain_length(text: str) -> int:
    return len(text)


COUNTERS = {
    "linkedin": plain_length,
    "x": x_length,
    "bluesky": bluesky_length,
    "mastodon": mastodon_length,
    "threads": plain_length,
    "facebook": plain_length,
}


@dataclass(frozen=True)
class Fit:
    network: str
    length: int
    limit: int

    @property
    def fits(self) -> bool:
        return self.length <= self.limit

    @property
    def over_by(self) -> int:
        return max(0, self.length - self.limit)


def measure(text: str, network: str) -> Fit:
    return Fit(network, COUNTERS[network](text), LIMITS[network])


def measure_all(text: str, networks: list[str] | None = None) -> list[Fit]:
    """The fit on each network (all networks with a limit when `networks` is empty or None)."""
    return [measure(text, network) for network in (networks or list(LIMITS))]


def compose(text: str, hashtags: list[str] | None = None, link: str = "") -> str:
    """The text as it will be posted: the text, its hashtags, and the link (if not already in the
    text). What is measured must be what is shared."""
    parts = [text.strip()]
    tags = " ".join(f"#{tag.lstrip('#')}" for tag in hashtags or [] if tag.strip("# "))
    if tags:
        parts.append(tags)
    if link and link not in text:
        parts.append(link)
    return "\n\n".join(part for part in parts if part)
