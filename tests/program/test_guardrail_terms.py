"""The guardrail terms page: the list per language, adding/changing/removing, restoring the
defaults, and the "try it" box with its highlighted findings."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse

from multiplier.core.models import AuditEvent
from multiplier.program.defaults import GUARDRAILS
from multiplier.program.guardrails import Finding, check_text
from multiplier.program.models import GuardrailTerm
from multiplier.program.services.guardrails import (
    guardrail_term_create,
    guardrail_terms_restore_defaults,
)
from multiplier.program.templatetags.program_findings import segments

pytestmark = pytest.mark.django_db

DEFAULT_COUNT = sum(len(terms) for terms in GUARDRAILS.values())


def url(name: str, *args) -> str:
    return reverse(name, args=["acme", *args])


def add(client, **data):
    return client.post(url("guardrail_terms"), {"language": "en", "category": "other", **data})


def terms(org, language: str = "en") -> list[str]:
    return list(
        GuardrailTerm.objects.filter(organization=org, language=language).values_list(
            "term", flat=True
        )
    )


# --- Who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_admins_and_managers_see_the_list_per_language(request, login, org, who):
    page = login(request.getfixturevalue(who)).get(url("guardrail_terms"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f"English: {len(GUARDRAILS['en'])} terms" in html
    assert f"Dutch: {len(GUARDRAILS['nl'])} terms" in html
    assert "Tweede Kamer" in html and "Partijpolitiek verdeelt je netwerk" in html


def test_one_language_is_open_the_organisations_or_the_one_asked_for(login, org, manager):
    client = login(manager)
    page = client.get(url("guardrail_terms")).content.decode()
    assert '<details id="terms-en" class="card term-language" open>' in page
    assert '<details id="terms-nl" class="card term-language">' in page
    response = add(client, language="nl", term="fusie")
    assert response.url == url("guardrail_terms") + "?language=nl#terms-nl"
    page = client.get(response.url).content.decode()
    assert '<details id="terms-nl" class="card term-language" open>' in page
    assert '<details id="terms-en" class="card term-language">' in page


def test_ambassador_cannot_see_or_change_terms(login, org, ambassador):
    client = login(ambassador)
    term = GuardrailTerm.objects.filter(organization=org).first()
    assert client.get(url("guardrail_terms")).status_code == 403
    assert add(client, term="merger").status_code == 403
    assert client.post(url("guardrail_term_delete", term.pk)).status_code == 403
    assert client.post(url("guardrail_terms_restore")).status_code == 403
    assert client.post(url("guardrail_check"), {"text": "elections"}).status_code == 403
    assert not GuardrailTerm.objects.filter(term="merger").exists()
    with pytest.raises(PermissionDenied):
        guardrail_term_create(organization=org, by=ambassador, language="en", term="merger")


def test_outsider_gets_404(login, org, outsider):
    term = GuardrailTerm.objects.filter(organization=org).first()
    client = login(outsider)
    assert client.get(url("guardrail_terms")).status_code == 404
    assert client.get(url("guardrail_term_edit", term.pk)).status_code == 404


# --- Adding, changing, removing -----------------------------------------------------------------


def test_adding_a_term_is_saved_tidied_and_audited(login, org, manager):
    response = add(
        login(manager),
        term="  the   merger ",
        category="confidential",
        advice=" Not public   yet. ",
    )
    assert response.status_code == 302
    assert response.url == url("guardrail_terms") + "?language=en#terms-en"
    term = GuardrailTerm.objects.get(organization=org, term="the merger")
    assert (term.category, term.advice) == ("confidential", "Not public yet.")
    event = AuditEvent.objects.get(action="guardrail.added")
    assert event.actor == manager.user and event.data["term"] == "the merger"
    assert [f.term for f in check_text(org, "News about The Merger!", "en")] == ["the merger"]


@pytest.mark.parametrize(
    ("language", "typed"),
    [("en", "ELECTION"), ("en", "  election "), ("nl", "tweede kamer"), ("nl", "ISRAËL")],
)
def test_duplicate_term_in_a_language_is_a_field_error(login, org, manager, language, typed):
    before = GuardrailTerm.objects.count()
    response = add(login(manager), language=language, term=typed)
    assert response.status_code == 200
    assert "is already in the" in response.context["form"].errors["term"][0]
    assert GuardrailTerm.objects.count() == before


def test_duplicates_ignore_case_beyond_ascii(org, manager):
    guardrail_term_create(organization=org, by=manager, language="en", term="Élysée")
    with pytest.raises(Exception, match="already in the English list"):
        guardrail_term_create(organization=org, by=manager, language="en", term="ÉLYSÉE")


def test_same_term_in_another_language_is_fine(login, org, manager):
    assert "Gaza" in terms(org, "en")
    GuardrailTerm.objects.filter(organization=org, language="nl", term="Gaza").delete()
    assert add(login(manager), language="nl", term="gaza").status_code == 302
    assert "gaza" in terms(org, "nl")


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_empty_term_is_refused(login, org, manager, typed):
    before = GuardrailTerm.objects.count()
    response = add(login(manager), term=typed)
    assert response.context["form"].errors["term"] == ["Enter a word or phrase."]
    assert GuardrailTerm.objects.count() == before


def test_empty_term_is_refused_by_the_service_too(org, manager):
    with pytest.raises(Exception, match="Enter a word or phrase"):
        guardrail_term_create(organization=org, by=manager, language="en", term=" \u00a0 ")


@pytest.mark.parametrize(
    ("field", "value"), [("language", "de"), ("category", "rude"), ("term", "x" * 81)]
)
def test_other_bad_input_is_a_field_error(login, org, manager, field, value):
    before = GuardrailTerm.objects.count()
    response = add(login(manager), **{"term": "fine", field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert GuardrailTerm.objects.count() == before


def test_editing_a_term(login, org, manager):
    term = GuardrailTerm.objects.get(organization=org, language="en", term="war")
    client = login(manager)
    assert client.get(url("guardrail_term_edit", term.pk)).context["form"].initial["term"] == "war"
    response = client.post(
        url("guardrail_term_edit", term.pk),
        {"language": "en", "term": "warfare", "category": "political", "advice": "Careful."},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert (term.term, term.category, term.advice) == ("warfare", "political", "Careful.")
    event = AuditEvent.objects.get(action="guardrail.changed")
    assert event.data["term"] == {"from": "war", "to": "warfare"}


def test_editing_into_a_duplicate_is_a_field_error(login, org, manager):
    term = GuardrailTerm.objects.get(organization=org, language="en", term="war")
    response = login(manager).post(
        url("guardrail_term_edit", term.pk),
        {"language": "en", "term": "Gaza", "category": "polarising"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["term"]
    term.refresh_from_db()
    assert term.term == "war"


def test_keeping_its_own_spelling_is_not_a_duplicate(login, org, manager):
    term = GuardrailTerm.objects.get(organization=org, language="en", term="war")
    response = login(manager).post(
        url("guardrail_term_edit", term.pk),
        {"language": "en", "term": "War", "category": "polarising", "advice": term.advice},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.term == "War"


def test_removing_a_term(login, org, manager):
    term = GuardrailTerm.objects.get(organization=org, language="en", term="war")
    client = login(manager)
    assert client.get(url("guardrail_term_delete", term.pk)).status_code == 405
    assert client.post(url("guardrail_term_delete", term.pk)).status_code == 302
    assert "war" not in terms(org)
    assert check_text(org, "No war here.", "en") == []
    assert AuditEvent.objects.filter(action="guardrail.removed", target="war (en)").exists()


# --- Restoring the defaults ---------------------------------------------------------------------


def test_restore_adds_missing_defaults_and_keeps_the_organisations_own(login, org, manager):
    GuardrailTerm.objects.filter(organization=org, term__in=["war", "kabinet"]).delete()
    changed = GuardrailTerm.objects.get(organization=org, language="en", term="Gaza")
    changed.advice = "Our own advice"
    changed.save()
    guardrail_term_create(organization=org, by=manager, language="en", term="merger")

    response = login(manager).post(url("guardrail_terms_restore"), follow=True)
    assert "2 default terms are back in the list." in response.content.decode()
    assert "war" in terms(org, "en") and "kabinet" in terms(org, "nl")
    assert "merger" in terms(org, "en")
    changed.refresh_from_db()
    assert changed.advice == "Our own advice"
    assert GuardrailTerm.objects.filter(organization=org).count() == DEFAULT_COUNT + 1
    assert guardrail_terms_restore_defaults(organization=org, by=manager) == 0


def test_restore_treats_a_respelled_default_as_present(org, manager):
    GuardrailTerm.objects.filter(organization=org, language="en", term="war").update(term="WAR")
    assert guardrail_terms_restore_defaults(organization=org, by=manager) == 0


def test_restore_when_every_term_was_removed(login, org, manager):
    GuardrailTerm.objects.filter(organization=org).delete()
    page = login(manager).get(url("guardrail_terms")).content.decode()
    assert "No terms in this language." in page
    assert guardrail_terms_restore_defaults(organization=org, by=manager) == DEFAULT_COUNT


# --- Try it, and the findings partial -----------------------------------------------------------


def test_try_it_with_htmx_returns_the_highlighted_findings(login, org, manager):
    response = login(manager).post(
        url("guardrail_check"),
        {"text": "Vote for us after the elections!", "language": "en"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" not in html  # only the result
    assert "<mark>Vote for</mark> us after the <mark>elections</mark>!" in html
    assert "Party politics divides your network" in html
    assert "2 words deserve a second look." in html


def test_try_it_without_javascript_shows_the_page_with_the_result(login, org, manager):
    response = login(manager).post(
        url("guardrail_check"), {"text": "Oorlog en vrede", "language": ""}
    )
    html = response.content.decode()
    assert "<html" in html and "<mark>Oorlog</mark> en vrede" in html


def test_try_it_with_nothing_found_or_nothing_typed(login, org, manager):
    client = login(manager)
    clean = client.post(
        url("guardrail_check"), {"text": "Our new bakery opens."}, headers={"HX-Request": "true"}
    )
    assert "Nothing to look at twice" in clean.content.decode()
    empty = client.post(url("guardrail_check"), {"text": "  "}, headers={"HX-Request": "true"})
    assert "Type or paste a text to check." in empty.content.decode()


def test_findings_escape_the_text_around_and_inside_highlights(org):
    GuardrailTerm.objects.create(organization=org, language="en", term="<b>bold</b>")
    text = '<script>alert("x")</script> elections & <b>bold</b> <img src=x onerror=alert(1)>'
    findings = check_text(org, text, "en")
    html = render_to_string("program/_findings.html", {"text": text, "findings": findings})
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<mark>elections</mark> &amp; <mark>&lt;b&gt;bold&lt;/b&gt;</mark>" in html


def test_findings_partial_keeps_the_text_whole():
    text = "far right-wing ideas"
    findings = [
        Finding("far right", "political", "", 0, 9),
        Finding("right-wing", "political", "", 4, 14),
    ]
    parts = segments(text, findings)
    assert [(p.text, [f.term for f in p.findings]) for p in parts] == [
        ("far right-wing", ["far right", "right-wing"]),
        (" ideas", []),
    ]
    assert "".join(p.text for p in parts) == text


@pytest.mark.parametrize(
    "spans",
    [[], [(0, 3)], [(4, 8)], [(0, 3), (4, 8)], [(2, 6), (3, 4)], [(0, 100)], [(5, 5)]],
)
def test_segments_always_rebuild_the_text(spans):
    text = "one two three"
    findings = [Finding("t", "other", "", s, e) for s, e in spans]
    parts = segments(text, findings)
    assert "".join(p.text for p in parts) == text
    marked = [p.text for p in parts if p.findings]
    assert all(marked)
