"""Small steps the browser tests share."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

# Everyday English words that no Dutch sentence contains: finding one in a Dutch page means a
# text was left untranslated (or never marked for translation).
_ENGLISH = re.compile(
    r"\b(the|you|your|and|with|are|has|have|what|when|this|that|here|there|hello|welcome|"
    r"nothing|next|step|from|for|will|please|share|invite|invited|people)\b",
    re.IGNORECASE,
)
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+")


def english_words(text: str) -> list[str]:
    """The English words in a text that should be Dutch (links and e-mail addresses aside)."""
    return _ENGLISH.findall(_ADDRESSES.sub(" ", text))


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def menu_link(page: Page, name: str) -> Locator:
    """A link in the main menu, with the menu opened (as on a phone, where it is folded)."""
    menu = page.locator("#main-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
    nav = menu.locator("nav")
    expect(nav).to_be_visible()
    return nav.get_by_role("link", name=name, exact=True)


def switch_to(page: Page, browser_login, member) -> None:
    """Log out and in again as another member, in the same browser (as on a shared phone)."""
    page.context.clear_cookies()
    browser_login(page, member)


def fill_link_card_by_hand(page: Page) -> None:
    """On a post's page: the link card of the Acme open days, written by hand (the site cannot be
    reached from the test machine; the form is open already when the fetch failed at once)."""
    if page.locator(".link-card-section details").get_attribute("open") is None:
        page.get_by_text("Edit the card by hand").click()
    page.get_by_label("Card title").fill("Open days at Acme")
    page.get_by_label("Card description").fill("Tours, talks and the control room simulator.")
    page.get_by_role("button", name="Save card").click()
    expect(page.get_by_text("Link card saved.")).to_be_visible()
