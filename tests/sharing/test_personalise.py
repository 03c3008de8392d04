"""When a share counts as in the member's own words: a normalised edit distance of at least 0.15
after case and white space are normalised (sharing/personalise.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from multiplier.sharing.personalise import THRESHOLD, _levenshtein_within, distance, is_personalised

VARIANT = (
    "Our new heat pump halves the energy bill of a terraced house. Proud of the team that "
    "built it in Groningen! #energy"
)


def test_the_same_text_is_not_personalised():
    assert distance(VARIANT, VARIANT) == 0.0
    assert not is_personalised(VARIANT, VARIANT)


def test_white_space_and_case_changes_are_not_personalised():
    reflowed = VARIANT.replace(". ", ".\n\n").upper() + "   \n"
    assert distance(VARIANT, reflowed) == 0.0
    assert not is_personalised(VARIANT, reflowed)


def test_a_typo_fixed_or_a_word_changed_is_not_enough():
    edited = VARIANT.replace("Proud", "So proud")
    assert 0 < distance(VARIANT, edited) < THRESHOLD
    assert not is_personalised(VARIANT, edited)


def test_a_sentence_of_ones_own_is_personalised():
    edited = VARIANT + " I installed one at my parents' place last winter and they love it."
    assert distance(VARIANT, edited) >= THRESHOLD
    assert is_personalised(VARIANT, edited)


def test_a_rewrite_is_personalised_and_an_empty_text_is_all_different():
    assert is_personalised(VARIANT, "Heat pumps from Groningen: ask me how they work.")
    assert distance(VARIANT, "") >= THRESHOLD


def test_the_link_is_not_words():
    link = "https://example.org/a-very-long-link-to-the-news-item-about-heat-pumps?x=1"
    assert not is_personalised(VARIANT, f"{VARIANT}\n\n{link}", link)


def test_the_threshold_is_where_it_says():
    base = "a" * 100
    assert not is_personalised(base, "b" * 14 + "a" * 86)  # 0.14
    assert is_personalised(base, "b" * 15 + "a" * 85)  # 0.15


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@given(st.text("abc ", max_size=30), st.text("abc ", max_size=30), st.integers(0, 40))
def test_the_banded_distance_agrees_with_the_textbook_one(a, b, limit):
    exact = _levenshtein(a, b)
    assert _levenshtein_within(a, b, limit) == (exact if exact <= limit else limit + 1)


def test_a_long_post_is_decided_quickly():
    long = ("Energy from the north. " * 130)[:3000]
    edited = long[:1500] + "My own words in the middle of it all. " + long[1500:]
    assert not is_personalised(long, edited)
