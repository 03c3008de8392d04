"""A manager of a brand-new organisation builds the whole programme on a phone, guided by the
canvas: a goal, two themes, an expert, the ways to contribute, the outside world with a
connection, and the social media policy. Once in English and once in Dutch (switched with the
footer's language buttons, as a person would).

Each step starts from the canvas's own link, goes through the real forms (with the mistakes a
newcomer makes on the way, which must be refused with a field error and save nothing), and comes
back to the canvas, whose line for that step must have changed. Texts are looked up in the
catalogue in the walk's language, so the Dutch walk also checks the pages are Dutch."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import Locator, Page, expect

from multiplier.core.models import Role
from multiplier.program.models import (
    Connection,
    Entity,
    Goal,
    Level,
    MemberTheme,
    Metric,
    Policy,
    Theme,
)
from multiplier.program.services.goals import local_today

from .helpers import english_words, menu_link, no_sideways_scroll

# What the manager types: in the language they work in (the Dutch pages are checked for English).
NAMES = {
    "en": {
        "goal": "More colleagues share",
        "themes": [
            ("Energy transition", "How we help customers leave gas behind."),
            ("Working at Zephyr", "Our people, our culture, our vacancies."),
        ],
        "entity": "Heat Pump Henk",
    },
    "nl": {
        "goal": "Meer klanten bereiken",
        "themes": [
            ("Energietransitie", "Hoe we klanten helpen van het gas af te gaan."),
            ("Werken bij Zephyr", "Onze mensen, onze cultuur, onze vacatures."),
        ],
        "entity": "Warmtepomp Henk",
    },
}


class Texts:
    """The product's own words, in the walk's language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, text: str, **values: object) -> str:
        with translation.override(self.language):
            found = translation.gettext(text)
        return found % values if values else found

    def plural(self, singular: str, plural: str, n: int, **values: object) -> str:
        with translation.override(self.language):
            return translation.ngettext(singular, plural, n) % {"n": n, **values}

    def lazy(self, text) -> str:  # a gettext_lazy label (a model choice, a verbose name)
        with translation.override(self.language):
            return str(text)


def _step(page: Page, number: int) -> Locator:
    return page.locator(".canvas-step").nth(number - 1)


def _summary(page: Page, number: int) -> str:
    return _step(page, number).locator(".canvas-summary").inner_text()


def _back_to_canvas(page: Page, t: Texts) -> None:
    menu_link(page, t("Canvas")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Programme canvas"))


def _check_page(page: Page, t: Texts) -> None:
    no_sideways_scroll(page)
    if t.language == "nl":
        # "een share" is Dutch too (the example levels say "elke share bereikt mensen ...").
        english = [w for w in english_words(page.get_by_role("main").inner_text()) if w != "share"]
        assert not english, (page.url, english)


def _label(scope: Page | Locator, text: str) -> Locator:
    """The field with this label, whole (Django adds a colon to most labels)."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(text)}\s*:?\s*$"))


def _field_error(page: Page, text: str) -> None:
    expect(page.locator(".errorlist", has_text=text)).to_be_visible()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_manager_builds_a_programme_from_scratch_on_a_phone(
    page, shot, browser_login, make_org, make_member, language
):
    t = Texts(language)
    names = NAMES[language]
    (theme, _), (other_theme, _) = names["themes"]
    entity = names["entity"]
    org = make_org("Zephyr Energy", slug="zephyr", language=language)
    boss = make_member(org, role=Role.MANAGER, email="bea@zephyr.test", name="Bea Boss")
    make_member(org, email="cas@zephyr.test", name="Cas Colleague")
    page.on("dialog", lambda dialog: dialog.accept())  # "Publish this version?"

    def snap(label: str) -> None:
        # From the top: a page that scrolled to an error would show the sticky header midway.
        page.evaluate("window.scrollTo(0, 0)")
        shot(page, f"{language}-{label}")

    # --- The canvas is the manager's home while the programme has not started. ---
    browser_login(page, boss)
    if language == "nl":
        page.locator(".language-switch").get_by_role("button", name="Nederlands").click()
        expect(page.locator("html")).to_have_attribute("lang", "nl")
    heading = t("Build your programme, step by step")
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(_step(page, 1).locator(".canvas-summary")).to_have_text(t("No goals yet."))
    snap("home-canvas")
    _check_page(page, t)

    # --- Step 1: a goal. ---
    _step(page, 1).get_by_role("link", name=t("Set goals")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("New goal"))
    today = local_today(org)
    _label(page, t("Name")).fill(names["goal"])
    page.get_by_role("radio", name=t.lazy(Metric.SHARES.label), exact=True).check()
    _label(page, t("Target")).fill("-5")
    _label(page, t("Start")).fill(today.isoformat())
    _label(page, t("End")).fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name=t("Save goal")).click()
    _field_error(page, t("The end cannot be before the start."))
    _field_error(page, t("The target must be more than zero."))
    snap("goal-errors")
    _check_page(page, t)
    assert not Goal.objects.filter(organization=org).exists()

    _label(page, t("Target")).fill("200")
    _label(page, t("End")).fill((today + timedelta(days=89)).isoformat())
    page.get_by_role("button", name=t("Save goal")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Goals"))
    card = page.locator(".goal-card")
    # Nobody has shared yet: the goal waits for data; it is not "not on track".
    expect(card.locator(".badge")).to_have_text(t("Waiting for the first shares"))
    expect(card).not_to_contain_text(t("Not on track"))
    snap("goal-list")
    _check_page(page, t)
    _back_to_canvas(page, t)
    expect(_step(page, 1).locator(".canvas-summary")).to_have_text(
        t.plural("%(n)d goal running or coming up.", "%(n)d goals running or coming up.", 1)
    )
    expect(_step(page, 1).locator(".badge")).to_have_text(t("Done"))

    # --- Step 2: two themes, and a name that is taken. ---
    expect(_step(page, 2).locator(".canvas-summary")).to_have_text(t("No themes yet."))
    _step(page, 2).get_by_role("link", name=t("Choose themes")).click()
    page.get_by_role("link", name=t("Add the first theme")).click()
    for name, description in names["themes"]:
        _label(page, t("Name")).fill(name)
        _label(page, t("Description")).fill(description)
        page.get_by_role("button", name=t("Add theme")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t("Themes"))
        page.get_by_role("link", name=t("Add a theme")).click()
    _label(page, t("Name")).fill(f" {theme.lower()} ")
    page.get_by_role("button", name=t("Add theme")).click()
    _field_error(page, t("There is already a theme called “%(name)s”.", name=theme))
    snap("theme-duplicate")
    _check_page(page, t)
    assert Theme.objects.filter(organization=org).count() == 2
    _back_to_canvas(page, t)
    expect(_step(page, 2).locator(".canvas-summary")).to_have_text(
        t.plural(
            "%(n)d theme: %(names)s.", "%(n)d themes: %(names)s.", 2,
            names=f"{theme}, {other_theme}",
        )
    )  # fmt: skip
    snap("canvas-after-themes")

    # --- Step 3: an expert for a theme. ---
    before = _summary(page, 3)
    assert before == t("Nobody taking part has chosen a theme yet.")
    _step(page, 3).get_by_role("link", name=t("See who covers what")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Who covers which theme"))
    snap("coverage-empty")
    _check_page(page, t)
    # An empty theme says how to fill it.
    page.get_by_role("link", name=t("Add someone to %(theme)s", theme=theme)).click()
    _label(page, t("Person")).select_option(label="Cas Colleague")
    _label(page, t("Expertise")).check()
    page.get_by_label(t("Confirm the expertise right away")).check()
    page.get_by_role("button", name=t("Add to this theme")).click()
    expect(page.locator("td", has_text=t("Confirmed expert"))).to_be_visible()
    snap("theme-expert")
    _check_page(page, t)
    bond = MemberTheme.objects.get(theme__name=theme)
    assert bond.is_confirmed_expert and bond.membership.user.name == "Cas Colleague"
    _back_to_canvas(page, t)
    after = _summary(page, 3)
    assert after != before
    assert t.plural("%(n)d theme has no expert.", "%(n)d themes have no expert.", 1) in after

    # --- Step 4: the ways to contribute; a negative threshold is refused. ---
    sharer = Level.objects.get(organization=org, key="sharer")
    before = _summary(page, 4)
    assert sharer.name in before
    _step(page, 4).get_by_role("link", name=t("Describe the ways to contribute")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Ways to contribute"))
    snap("levels")
    _check_page(page, t)
    page.get_by_role("link", name=t("Edit %(name)s", name=sharer.name)).click()
    _label(page, t("Name")).fill("Newsbringer")
    shares_at_least = capfirst(t.lazy(Level._meta.get_field("min_shares").verbose_name))
    _label(page, shares_at_least).fill("-1")
    page.get_by_role("button", name=t("Save")).click()
    _field_error(page, t("The number cannot be negative: use 0 for “does not count”."))
    snap("level-error")
    _check_page(page, t)
    sharer.refresh_from_db()
    assert sharer.name != "Newsbringer" and sharer.min_shares == 1
    _label(page, shares_at_least).fill("1")
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_role("heading", name="Newsbringer")).to_be_visible()
    _back_to_canvas(page, t)
    after = _summary(page, 4)
    assert after != before and "Newsbringer" in after

    # --- Step 5: the outside world, with a connection. ---
    expect(_step(page, 5).locator(".canvas-summary")).to_have_text(t("The outside world is empty."))
    _step(page, 5).get_by_role("link", name=t("Map the outside world")).click()
    page.get_by_role("link", name=t("Add the first one")).click()
    _label(page, t("Name")).fill(entity)
    page.get_by_role("radio", name=t("Influencer")).check()
    page.get_by_role("checkbox", name=theme).check()
    _label(page, t("Web address")).fill("not a web address")
    page.get_by_role("button", name=t("Add"), exact=True).click()
    _field_error(page, t("This is not a web address. Enter one like https://www.example.org."))
    expect(_label(page, t("Name"))).to_have_value(entity)
    snap("entity-error")
    _check_page(page, t)
    assert not Entity.objects.filter(organization=org).exists()
    _label(page, t("Web address")).fill("heatpumphenk.example")
    page.get_by_role("button", name=t("Add"), exact=True).click()
    expect(page.get_by_role("heading", level=1, name=entity)).to_be_visible()
    adding = page.get_by_role("region", name=t("Add a connection"))
    _label(adding, t("Person")).select_option(label="Cas Colleague")
    adding.get_by_label(t("How they are connected")).select_option("follows")
    adding.get_by_role("button", name=t("Add"), exact=True).click()
    expect(page.get_by_role("region", name=t("Connected"))).to_contain_text("Cas Colleague")
    snap("entity-connected")
    _check_page(page, t)
    assert Connection.objects.filter(entity__name=entity, kind="follows").exists()
    _back_to_canvas(page, t)
    after = _summary(page, 5)
    assert t.plural("%(n)d entity.", "%(n)d entities.", 1) in after
    assert t.plural("%(n)d has nobody connected to it.", "%(n)d have nobody connected to them.",
                    1) not in after  # fmt: skip

    # --- Step 6: the policy; a text that is only a script is refused, a script is taken out. ---
    expect(_step(page, 6).locator(".canvas-summary")).to_have_text(t("No social media policy yet."))
    _step(page, 6).get_by_role("link", name=t("Write the policy")).click()
    page.get_by_role("main").get_by_role("link", name=t("Write the policy")).click()
    text = _label(page, t("Text"))
    example = text.input_value()
    text.fill("<script>alert('hi')</script>")
    page.get_by_role("button", name=t("Publish")).click()
    nothing_left = (
        "Nothing readable is left once the parts that are not allowed (scripts, embedded "
        "frames, ...) are taken out. Write the policy as text."
    )
    _field_error(page, t(nothing_left))
    snap("policy-error")
    _check_page(page, t)
    assert not Policy.objects.filter(organization=org, published_at__isnull=False).exists()
    text.fill(example + "\n<script>alert('hi')</script>\n")
    page.get_by_role("button", name=t("Publish")).click()
    published = t("Version 1 is published. Members accept it when they get started.")
    expect(page.get_by_text(published)).to_be_visible()
    expect(page.get_by_role("main").locator("script")).to_have_count(0)
    assert "<script" not in Policy.objects.get(organization=org, version=1).body
    snap("policy-published")
    _check_page(page, t)
    _back_to_canvas(page, t)
    expect(_step(page, 6).locator(".badge")).to_have_text(t("Done"))
    # Published by Bea, who accepted it in doing so; Cas has not yet: 1 of 2.
    accepted = t(
        "Policy version %(version)d accepted by %(percent)d%% of members.", version=1, percent=50
    )
    expect(_step(page, 6).locator(".canvas-summary")).to_have_text(accepted)
    expect(_step(page, 6).get_by_role("link", name=t("See the policy"))).to_be_visible()

    # Six of seven: measuring starts when people share.
    expect(_step(page, 7).locator(".canvas-summary")).to_have_text(
        t("Measuring starts when sharing begins.")
    )
    snap("canvas-end")
    _check_page(page, t)
