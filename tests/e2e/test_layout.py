"""The layout every page shares: logging in, the home page, language, navigation, keyboard use."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import no_sideways_scroll

BLUE = "rgb(31, 95, 139)"  # --blue in multiplier.css: proves the stylesheet was served and applied


def test_ambassador_logs_in_on_a_phone_and_lands_on_a_friendly_home(
    page, shot, browser_login, ambassador
):
    page.goto("/")
    expect(page).to_have_url("/accounts/login/?next=/")
    shot(page, "login")
    expect(page.locator(".site-header")).to_have_css("background-color", BLUE)
    no_sideways_scroll(page)

    browser_login(page, ambassador)
    shot(page, "home")
    expect(page).to_have_url("/o/acme/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Amber")
    expect(page.get_by_role("heading", name="Nothing to share yet")).to_be_visible()
    expect(page.locator(".brand")).to_contain_text("Acme")
    no_sideways_scroll(page)


def test_switching_to_dutch_in_the_footer_sticks_after_logging_in_again(
    page, shot, browser_login, ambassador
):
    browser_login(page, ambassador)
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.locator(".language-switch").get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    shot(page, "dutch-home")
    expect(page).to_have_url("/o/acme/")  # back on the same page
    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo Amber")
    expect(page.get_by_role("heading", name="Nog niets om te delen")).to_be_visible()
    expect(page.get_by_role("button", name="Nederlands")).to_have_attribute("aria-current", "true")

    page.locator("#main-menu summary").click()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url("/accounts/login/?next=/")
    shot(page, "dutch-login")

    browser_login(page, ambassador)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo Amber")
    shot(page, "dutch-after-login-again")
    ambassador.user.refresh_from_db()
    assert ambassador.user.language == "nl"  # kept on the account, not only in a cookie


def _menu_sections(page: Page) -> list[str]:
    page.locator("#main-menu summary").click()
    expect(page.locator("#main-menu nav")).to_be_visible()
    return page.locator("#main-menu .nav-section").all_inner_texts()


def test_managers_see_the_programme_navigation_and_ambassadors_do_not(
    page, desktop_page, shot, browser_login, manager, ambassador
):
    browser_login(desktop_page, manager)
    sections = [s.casefold() for s in _menu_sections(desktop_page)]
    shot(desktop_page, "manager-menu")
    assert "programme" in sections
    assert "organisation" not in sections  # administration is for admins
    expect(desktop_page.get_by_role("heading", name="Your ambassador programme")).to_be_visible()

    browser_login(page, ambassador)
    sections = [s.casefold() for s in _menu_sections(page)]
    shot(page, "ambassador-menu")
    assert "programme" not in sections
    assert "you" in sections
    no_sideways_scroll(page)


def test_keyboard_skip_link_and_menu(page, shot, browser_login, ambassador):
    browser_login(page, ambassador)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    shot(page, "skip-link-focused")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    # Back up into the header: the menu button comes right before the content.
    page.keyboard.press("Shift+Tab")
    summary = page.locator("#main-menu summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-menu nav")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#main-menu nav").get_by_role("link", name="Home")).to_be_focused()
    shot(page, "menu-open")
    page.keyboard.press("Escape")
    expect(page.locator("#main-menu nav")).to_be_hidden()
    expect(summary).to_be_focused()
