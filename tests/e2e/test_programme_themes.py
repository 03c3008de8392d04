"""Themes, employees per theme and coverage on a phone: a manager adds two themes, a new ambassador
says during onboarding where they have expertise, the manager confirms them and sees the picture.
Also the ways to contribute on a phone, and the coverage matrix on a desktop."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from multiplier.program.models import MemberTheme, Theme


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def _menu(page: Page, link: str) -> None:
    page.locator("#main-menu summary").click()
    page.locator("#main-menu nav").get_by_role("link", name=link, exact=True).click()


def _log_out(page: Page) -> None:
    page.locator("#main-menu summary").click()
    page.get_by_role("button", name="Log out").click()


def _add_theme(page: Page, name: str, description: str, keywords: str, colour: str) -> None:
    page.get_by_label("Name").fill(name)
    page.get_by_label("Description").fill(description)
    page.get_by_label("Keywords").fill(keywords)
    page.get_by_label("Colour").fill(colour)


def test_manager_adds_themes_ambassador_claims_expertise_manager_confirms(
    page, shot, browser_login, manager, make_member, org
):
    newcomer = make_member(
        org, email="nina@acme.test", name="Nina Newcomer", team="Engineering", onboarded=False
    )

    # The manager adds two themes.
    browser_login(page, manager)
    _menu(page, "Themes")
    expect(page.get_by_role("heading", name="No themes yet")).to_be_visible()
    shot(page, "themes-empty")
    page.get_by_role("link", name="Add the first theme").click()
    page.get_by_role("button", name="Add theme").click()  # nothing filled in
    expect(page.get_by_text("Give the theme a name.")).to_be_visible()
    shot(page, "theme-form-error")
    _add_theme(page, "Energy transition", "How we help customers leave gas behind.",
               "solar, heat pumps, Solar, grid", "#2a7a4b")  # fmt: skip
    page.get_by_role("button", name="Add theme").click()
    expect(page.get_by_text("Theme “Energy transition” added.")).to_be_visible()
    page.get_by_role("link", name="Add a theme").click()
    _add_theme(
        page, "Working at Acme", "Our people, our culture, our vacancies.", "jobs", "#b3261e"
    )
    page.get_by_role("button", name="Add theme").click()
    page.get_by_role("button", name="Move Working at Acme up").click()
    rows = page.locator(".theme-table tbody tr")
    expect(rows.first).to_contain_text("Working at Acme")
    expect(rows.nth(1)).to_contain_text("heat pumps")
    shot(page, "themes-list")
    _no_sideways_scroll(page)
    assert Theme.objects.get(name="Energy transition").keywords == ["solar", "heat pumps", "grid"]
    _log_out(page)

    # A new ambassador says where they have expertise while getting started.
    browser_login(page, newcomer)
    page.get_by_role("button", name="Next").click()  # welcome
    page.get_by_role("button", name="Next").click()  # networks: none ticked
    expect(page.get_by_role("heading", name="Your themes")).to_be_visible()
    expect(page.get_by_text("Step 3 of 4: Your themes")).to_be_visible()
    energy = page.get_by_role("group", name="Energy transition")
    energy.get_by_label("I have expertise").check()
    page.get_by_role("group", name="Working at Acme").get_by_label("Interested").check()
    shot(page, "onboarding-themes")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("You are all set.")).to_be_visible()
    _menu(page, "My profile")
    themes_section = page.locator("section#themes")
    expect(themes_section.get_by_role("group", name="Energy transition").get_by_label(
        "I have expertise")).to_be_checked()  # fmt: skip
    shot(page, "profile-themes")
    _no_sideways_scroll(page)
    _log_out(page)

    # The manager sees the claim on the coverage picture and confirms it.
    browser_login(page, manager)
    _menu(page, "Coverage")
    expect(page.locator(".person-chip.expertise", has_text="Nina Newcomer")).to_be_visible()
    shot(page, "coverage-before")
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Energy transition").click()
    page.get_by_role("button", name="Confirm Nina Newcomer as an expert").click()
    expect(
        page.get_by_text("Nina Newcomer is a confirmed expert on “Energy transition”.")
    ).to_be_visible()
    shot(page, "theme-people")
    _no_sideways_scroll(page)
    bond = MemberTheme.objects.get(membership=newcomer, theme__name="Energy transition")
    assert bond.is_confirmed_expert and bond.confirmed_by == manager.user

    page.get_by_role("link", name="Coverage", exact=True).first.click()
    expect(page.locator(".person-chip.confirmed", has_text="Nina Newcomer")).to_be_visible()
    # Thresholds: one ambassador per theme is too few with the defaults (3), so both are flagged;
    # with one ambassador enough, only the theme without a confirmed expert stays flagged.
    expect(page.locator("tr.flagged")).to_have_count(2)
    page.get_by_label("Ambassadors a theme needs at least").fill("1")
    page.get_by_role("button", name="Save thresholds").click()
    expect(page.get_by_text("Thresholds saved.")).to_be_visible()
    expect(page.locator("tr.flagged")).to_have_count(1)
    expect(page.locator("tr.flagged")).to_contain_text("Working at Acme")
    shot(page, "coverage-after")
    _no_sideways_scroll(page)


def test_ways_to_contribute_on_a_phone(page, shot, browser_login, manager, ambassador):
    browser_login(page, manager)
    _menu(page, "Ways to contribute")
    expect(page.get_by_role("heading", name="Sharer")).to_be_visible()
    shot(page, "levels")
    _no_sideways_scroll(page)

    page.get_by_role("link", name="Add a way to contribute").click()
    page.get_by_label("Name").fill("Storyteller")
    page.get_by_label("Own posts at least").fill("-2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The number cannot be negative")).to_be_visible()
    shot(page, "level-form-error")
    _no_sideways_scroll(page)
    page.get_by_label("Own posts at least").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Storyteller")).to_be_visible()

    page.get_by_role("link", name="Members and their way to contribute").click()
    row = page.locator(f"#member-{ambassador.pk}")
    row.get_by_label("Way to contribute of Amber Ambassador").select_option(label="Storyteller")
    row.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("The way Amber Ambassador contributes is now “Storyteller”.")
    ).to_be_visible()
    shot(page, "member-levels")
    _no_sideways_scroll(page)

    _menu(page, "Ways to contribute")
    page.get_by_role("link", name="Delete Storyteller").click()
    expect(page.get_by_text("1 person has this as their set way to contribute")).to_be_visible()
    shot(page, "level-delete")
    page.get_by_role("button", name="Delete Storyteller").click()
    expect(page.get_by_text(re.compile("no longer has a set way to contribute"))).to_be_visible()


def test_coverage_matrix_on_a_desktop(desktop_page, shot, browser_login, manager, ambassador,
                                      leader, org):  # fmt: skip
    solar = Theme.objects.create(organization=org, name="Solar", colour="#ffd166")
    Theme.objects.create(organization=org, name="Wind", colour="#1f5f8b", position=1)
    MemberTheme.objects.create(organization=org, membership=ambassador, theme=solar,
                               relation="expertise")  # fmt: skip
    MemberTheme.objects.create(organization=org, membership=leader, theme=solar)
    browser_login(desktop_page, manager)
    desktop_page.goto(f"/o/{org.slug}/programme/coverage/")
    expect(desktop_page.locator(".person-chip.leader", has_text="Lee Leader")).to_be_visible()
    expect(desktop_page.locator("tr", has_text="Wind")).to_contain_text("Nobody yet.")
    shot(desktop_page, "coverage-desktop")

    # In Dutch too.
    desktop_page.locator(".language-switch").get_by_role("button", name="Nederlands").click()
    expect(desktop_page.get_by_role("heading", level=1)).to_have_text("Wie dekt welk thema")
    expect(desktop_page.locator("tr", has_text="Solar")).to_contain_text("2 ambassadeurs")
    shot(desktop_page, "coverage-desktop-dutch")
