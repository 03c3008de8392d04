"""The social media policy in a browser, on a phone: a manager writes and publishes it, a new
ambassador accepts it while getting started, a second version asks once for a click and returns
the ambassador to where they were. And the guardrail terms page with its "try it" box."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from multiplier.program.models import PolicyAcceptance


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


def _menu_link(page: Page, name: str) -> None:
    page.locator("#main-menu summary").click()
    page.locator("#main-menu nav").get_by_role("link", name=name).click()


def _switch_to(page: Page, browser_login, member) -> None:
    page.context.clear_cookies()
    browser_login(page, member)


@pytest.fixture
def newcomer(make_member, org):
    return make_member(org, onboarded=False, name="Nina New", email="nina@acme.test")


def test_policy_written_accepted_and_accepted_again_on_a_phone(
    page, shot, browser_login, manager, newcomer
):
    page.on("dialog", lambda dialog: dialog.accept())  # "Publish this version?"

    # The manager starts from the example text and publishes version 1.
    browser_login(page, manager)
    _menu_link(page, "Social media policy")
    expect(page.get_by_role("heading", name="No policy yet")).to_be_visible()
    shot(page, "manager-empty-policy")
    page.get_by_role("link", name="Write the policy").click()
    text = page.get_by_label("Text")
    expect(page.get_by_label("Title")).to_have_value("Our social media policy")
    expect(text).to_contain_text("## Be yourself")
    expect(text).to_contain_text("Max Manager (manager@acme.test)")
    page.locator("summary", has_text="How to format").click()
    _no_sideways_scroll(page)
    shot(page, "manager-writes-v1")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Version 1 is published.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our social media policy")
    expect(page.get_by_role("heading", name="Be yourself")).to_be_visible()
    _no_sideways_scroll(page)
    shot(page, "manager-published-v1")

    # A new ambassador gets started and accepts it as the last step.
    _switch_to(page, browser_login, newcomer)
    expect(page).to_have_url(re.compile(r"/onboarding/welcome/$"))
    for _ in range(3):  # welcome, networks, language
        page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(re.compile(r"/onboarding/policy/$"))
    expect(page.get_by_text("Step 4 of 4: Our social media policy")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Leave politics and polarising subjects out")
    ).to_be_visible()
    _no_sideways_scroll(page)
    shot(page, "ambassador-onboarding-policy")
    page.get_by_role("button", name="I accept").click()
    expect(page).to_have_url("/o/acme/")
    expect(page.get_by_text("You are all set.")).to_be_visible()
    assert PolicyAcceptance.objects.filter(membership=newcomer, policy__version=1).exists()

    # The manager writes version 2 from version 1 and says what changed.
    _switch_to(page, browser_login, manager)
    _menu_link(page, "Social media policy")
    page.get_by_role("link", name="Write a new version").click()
    text = page.get_by_label("Text")
    text.fill(text.input_value() + "\n## Photos\nAsk before you post a photo of a colleague.")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_label("What changed")).to_have_attribute("aria-invalid", "true")
    shot(page, "manager-v2-needs-what-changed")
    page.get_by_label("What changed").fill("A new part about photos of colleagues.")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Version 2 is published.")).to_be_visible()
    expect(page.get_by_text("50%")).to_be_visible()  # of manager and Nina, Nina has to accept
    page.get_by_text("1 person has not accepted yet").click()
    expect(page.get_by_text("Nina New")).to_be_visible()
    _no_sideways_scroll(page)
    shot(page, "manager-published-v2")

    # Nina's next page asks once, and brings her back where she was going.
    _switch_to(page, browser_login, newcomer)
    page.goto("/o/acme/profile/")  # not interrupted: the profile is never gated
    expect(page.get_by_role("heading", name="My profile")).to_be_visible()
    page.goto("/o/acme/?from=newsletter")
    expect(page).to_have_url(re.compile(r"/programme/policy/accept/\?next="))
    expect(page.get_by_role("heading", name="Our social media policy has changed")).to_be_visible()
    expect(page.get_by_text("A new part about photos of colleagues.")).to_be_visible()
    _no_sideways_scroll(page)
    shot(page, "ambassador-asked-to-accept-v2")
    page.get_by_role("button", name="I accept").click()
    expect(page).to_have_url("/o/acme/?from=newsletter")
    shot(page, "ambassador-back-home")
    page.goto("/o/acme/")
    expect(page).to_have_url("/o/acme/")  # asked once only
    _menu_link(page, "Social media policy")
    expect(page.get_by_text(re.compile(r"You accepted this version on"))).to_be_visible()
    shot(page, "ambassador-reads-policy")


def test_guardrail_terms_on_a_phone(page, shot, browser_login, manager):
    browser_login(page, manager)
    _menu_link(page, "Guardrail terms")
    expect(page.get_by_role("heading", name="Guardrail terms", level=1)).to_be_visible()
    _no_sideways_scroll(page)
    shot(page, "terms")

    page.get_by_label("Sample text").fill("<b>Big news</b> before the elections: the merger!")
    page.get_by_role("button", name="Check the text").click()
    result = page.locator("#try-result")
    expect(result.locator("mark")).to_have_text(["elections"])
    expect(result).to_contain_text("<b>Big news</b>")  # shown as text, not as markup
    expect(page).to_have_url(re.compile(r"/programme/policy/guardrails/$"))  # htmx: same page
    shot(page, "try-it")

    add = page.locator("form.term-form")
    add.get_by_label("Word or phrase").fill("merger")
    add.get_by_label("Category").select_option("confidential")
    add.get_by_label("Advice shown with it").fill("Is this public yet?")
    add.get_by_role("button", name="Add").click()
    expect(page.get_by_text("“merger” is added.")).to_be_visible()

    page.get_by_label("Sample text").fill("Before the elections: the merger!")
    page.get_by_role("button", name="Check the text").click()
    expect(page.locator("#try-result mark")).to_have_text(["elections", "merger"])
    expect(page.locator("#try-result")).to_contain_text("Is this public yet?")

    add.get_by_label("Word or phrase").fill("  MERGER ")
    add.get_by_role("button", name="Add").click()
    expect(page.get_by_text("“MERGER” is already in the English list.")).to_be_visible()
    _no_sideways_scroll(page)
    shot(page, "duplicate-term")


def test_policy_and_terms_in_dutch_on_a_phone(page, shot, browser_login, manager):
    """Dutch words are longer: nothing may push the page sideways. The manager starts from the
    Dutch example text."""
    page.on("dialog", lambda dialog: dialog.accept())  # "Deze versie publiceren?"
    browser_login(page, manager)
    page.goto("/o/acme/programme/policy/guardrails/")
    page.locator(".language-switch").get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", name="Aandachtswoorden", level=1)).to_be_visible()
    page.get_by_text("Nederlands: ").click()  # open the Dutch list
    expect(page.locator("#terms-nl strong", has_text="Tweede Kamer")).to_be_visible()
    _no_sideways_scroll(page)
    shot(page, "terms-nl")

    _menu_link(page, "Socialemediabeleid")
    page.get_by_role("link", name="Schrijf het beleid").click()
    page.get_by_role("link", name="Nederlands").click()
    expect(page.get_by_label("Titel")).to_have_value("Ons socialemediabeleid")
    expect(page.locator("textarea[name=text]")).to_contain_text("## Wees jezelf")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Versie 1 is gepubliceerd.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Laat politiek en polariserende onderwerpen erbuiten")
    ).to_be_visible()
    _no_sideways_scroll(page)
    shot(page, "policy-nl")
