"""Taking part is voluntary: an ambassador opts out with one click on their phone, disappears from
the manager's lists and counts, and comes back with one click."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from .helpers import menu_link, no_sideways_scroll


def _taking_part(page: Page) -> Locator:
    """The "taking part" number on the manager's home and on the members page."""
    return page.locator(".stat", has_text="taking part").first.locator(".stat-value")


def test_an_ambassador_opts_out_and_back_in_with_one_click_each(
    page, open_page, shot, browser_login, manager, ambassador
):
    boss = open_page()
    browser_login(boss, manager)
    expect(boss.get_by_role("heading", level=1)).to_have_text("Your ambassador programme")
    expect(_taking_part(boss)).to_have_text("2")
    menu_link(boss, "Members").click()
    expect(boss.get_by_role("link", name="Amber Ambassador")).to_be_visible()
    shot(boss, "members-before")

    browser_login(page, ambassador)
    menu_link(page, "My profile").click()
    taking_part = page.get_by_role("region", name="Taking part")
    expect(taking_part).to_contain_text("you can come back at any time, with one click")
    shot(page, "profile")
    no_sideways_scroll(page)
    taking_part.get_by_role("button", name="Opt out of the programme").click()

    expect(page).to_have_url("/o/acme/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have opted out")
    expect(page.get_by_role("main")).to_contain_text("you do not appear in any list or overview")
    shot(page, "opted-out")
    no_sideways_scroll(page)

    # The manager no longer sees her, in the list or in the counts.
    boss.reload()
    expect(boss.get_by_role("link", name="Amber Ambassador")).to_have_count(0)
    expect(boss.get_by_role("main")).to_contain_text("1 person opted out (not shown).")
    expect(_taking_part(boss)).to_have_text("1")
    shot(boss, "members-after-opt-out")
    boss.get_by_role("link", name="Acme").click()
    expect(_taking_part(boss)).to_have_text("1")
    shot(boss, "home-after-opt-out")

    # One click and she is back.
    page.get_by_role("button", name="Opt in again").click()
    expect(page.get_by_role("status")).to_have_text("Welcome back! You are taking part again.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Amber")
    shot(page, "back")

    boss.reload()
    expect(_taking_part(boss)).to_have_text("2")
    menu_link(boss, "Members").click()
    expect(boss.get_by_role("link", name="Amber Ambassador")).to_be_visible()
    shot(boss, "members-back")
