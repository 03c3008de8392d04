"""The footer's language switch, used where a person meets an error: after the switch, the page
and its error messages (Django's own and ours) are in the language chosen."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

from .helpers import english_words, no_sideways_scroll


def _switch_to(page: Page, language: str) -> None:
    page.locator(".language-switch").get_by_role("button", name=language).click()


def test_a_member_switches_to_dutch_on_a_profile_with_errors(page, shot, browser_login, ambassador):
    browser_login(page, ambassador)
    page.goto("/o/acme/profile/")
    about = page.get_by_role("region", name="About you")
    about.get_by_label("Name").fill("")
    about.get_by_role("button", name="Save").click()
    expect(about.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    expect(about.locator(".errorlist")).to_have_text("This field is required.")
    shot(page, "error-in-english")

    _switch_to(page, "Nederlands")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url("/o/acme/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")

    # The same mistakes again, now answered in Dutch: Django's message and ours.
    about = page.get_by_role("region", name="Over jou")
    about.get_by_label("Naam").fill("")
    about.get_by_role("button", name="Opslaan").click()
    expect(about.get_by_role("alert")).to_contain_text("Verbeter de velden die hieronder")
    expect(about.locator(".errorlist")).to_have_text("Dit veld is verplicht.")
    networks = page.get_by_role("region", name="Je netwerken")
    mastodon = networks.get_by_role("group", name="Mastodon")
    mastodon.get_by_label("Ik zit op Mastodon").check()
    mastodon.get_by_label("Gebruikersnaam of profieladres").fill("anna")
    mastodon.get_by_label("Volgers of connecties, ongeveer").fill("-5")
    networks.get_by_role("button", name="Netwerken opslaan").click()
    networks = page.get_by_role("region", name="Je netwerken")
    # Far down the page on a phone: the page comes back scrolled to the problem.
    expect(networks.get_by_role("alert")).to_be_in_viewport()
    expect(networks.get_by_role("alert")).to_be_focused()
    expect(networks.get_by_text("Het aantal kan niet negatief zijn.")).to_be_visible()
    expect(networks.get_by_text("Vul je Mastodon-adres in met je server")).to_be_visible()
    shot(page, "errors-in-dutch")
    no_sideways_scroll(page)
    main = page.get_by_role("main").inner_text()
    assert not english_words(main), english_words(main)


def test_a_visitor_switches_the_login_page_to_dutch_after_a_wrong_password(page, shot, ambassador):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(ambassador.user.email)
    page.get_by_label("Password").fill(PASSWORD + "!")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("main")).to_contain_text("not correct")
    shot(page, "wrong-password")

    _switch_to(page, "Nederlands")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    page.get_by_label("E-mailadres").fill(ambassador.user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD + "!")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("main")).to_contain_text("niet correct")
    shot(page, "wrong-password-dutch")
    main = page.get_by_role("main").inner_text()
    assert not english_words(main), english_words(main)
