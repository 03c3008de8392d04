"""check_text: warnings for political, polarising and confidential words; never a block."""

from __future__ import annotations

import pytest

from multiplier.program.guardrails import check_text
from multiplier.program.models import GuardrailTerm

pytestmark = pytest.mark.django_db


def terms(findings):
    return [f.term for f in findings]


def test_new_organisation_gets_default_terms_in_both_languages(org):
    languages = set(
        GuardrailTerm.objects.filter(organization=org).values_list("language", flat=True)
    )
    assert languages == {"en", "nl"}
    categories = set(
        GuardrailTerm.objects.filter(organization=org).values_list("category", flat=True)
    )
    assert {"political", "polarising"} <= categories


def test_finds_dutch_political_terms_with_exact_positions(org):
    text = "Na de verkiezingen sprak de Tweede Kamer over stikstof."
    findings = check_text(org, text, "nl")
    assert terms(findings) == ["verkiezingen", "Tweede Kamer", "stikstof"]
    assert [text[f.start : f.end] for f in findings] == ["verkiezingen", "Tweede Kamer", "stikstof"]
    assert all(f.advice for f in findings)


def test_ignores_case_and_accents_and_spans_line_breaks(org):
    text = "Hulp voor OEKRAINE.\nDe tweede\n  kamer besliste."
    found = check_text(org, text, "nl")
    assert terms(found) == ["Oekraïne", "Tweede Kamer"]
    assert text[found[1].start : found[1].end] == "tweede\n  kamer"


def test_respects_word_boundaries(org):
    assert check_text(org, "Our software award goes to the warehouse team.", "en") == []
    assert terms(check_text(org, "No war here.", "en")) == ["war"]


def test_language_narrows_and_none_checks_all(org):
    text = "After the elections: verkiezingen!"
    assert terms(check_text(org, text, "en")) == ["elections"]
    assert terms(check_text(org, text, "nl")) == ["verkiezingen"]
    assert terms(check_text(org, text)) == ["elections", "verkiezingen"]


def test_same_place_reported_once_when_both_languages_list_it(org):
    # "Gaza" is in the English and the Dutch list.
    findings = check_text(org, "Nieuws uit Gaza.")
    assert terms(findings) == ["Gaza"]


def test_empty_text_and_other_organisations_terms(org, other_org):
    assert check_text(org, "", "en") == []
    assert check_text(org, "   ", "en") == []
    GuardrailTerm.objects.create(organization=other_org, language="en", term="pineapple")
    assert check_text(org, "pineapple pizza", "en") == []
    assert terms(check_text(other_org, "pineapple pizza", "en")) == ["pineapple"]


def test_offsets_survive_characters_that_fold_to_two(org):
    GuardrailTerm.objects.create(organization=org, language="nl", term="strasse")
    text = "Die Straße und Israël"
    found = check_text(org, text)
    assert [text[f.start : f.end] for f in found] == ["Straße", "Israël"]
    assert found[0].excerpt(text, context=4) == "Die Straße und…"
