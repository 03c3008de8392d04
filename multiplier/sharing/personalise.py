"""When a share counts as "in the member's own words".

Definition: both texts are normalised (case folded, every run of white space made one space, the
ends stripped, and the post's link removed, since it is not words), then the Levenshtein edit
distance is divided by the length of the longer text. A share is personalised when that
normalised distance is at least 0.15: roughly one word in seven changed, added or removed.
A different line break, a capital letter or an extra space changes nothing; adding a short
sentence of one's own to a two-line post does.
"""

from __future__ import annotations

import math
import re

THRESHOLD = 0.15
_SPACE = re.compile(r"\s+")


def normalise(text: str, link: str = "") -> str:
    if link:
        text = text.replace(link, " ")
    return _SPACE.sub(" ", text.casefold()).strip()


def _levenshtein_within(a: str, b: str, limit: int) -> int:
    """The edit distance of a and b if it is at most `limit`, else limit + 1.

    Only the diagonal band of width 2·limit+1 can hold a distance within the limit (Ukkonen), so
    a 3,000-character post costs a few hundred thousand steps instead of nine million."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if not a or not b:
        return max(len(a), len(b))
    big = limit + 1
    previous = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [big] * (len(b) + 1)
        current[0] = i if i <= limit else big
        char = a[i - 1]
        best = current[0]
        for j in range(low, high + 1):
            cost = previous[j - 1] + (char != b[j - 1])
            if previous[j] + 1 < cost:
                cost = previous[j] + 1
            if current[j - 1] + 1 < cost:
                cost = current[j - 1] + 1
            current[j] = cost if cost <= limit else big
            if cost < best:
                best = cost
        if best > limit:
            return big
        previous = current
    return min(previous[len(b)], big)


def distance(original: str, edited: str, link: str = "") -> float:
    """Normalised edit distance between the texts after normalisation: 0.0 (the same) to 1.0.
    Distances above the threshold are reported as "at least this much" — exact enough to decide,
    and bounded in cost."""
    a, b = normalise(original, link), normalise(edited, link)
    # Common beginnings and endings cost nothing and are the usual case (a sentence added).
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    longest = max(len(a), len(b))
    if longest == 0:
        return 0.0
    core_a, core_b = a[start : len(a) - end], b[start : len(b) - end]
    limit = math.ceil(THRESHOLD * longest) + 1
    return min(1.0, _levenshtein_within(core_a, core_b, limit) / longest)


def is_personalised(original: str, edited: str, link: str = "") -> bool:
    return distance(original, edited, link) >= THRESHOLD
