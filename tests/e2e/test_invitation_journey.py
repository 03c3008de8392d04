"""Issue #2's "done when": a manager of a Dutch organisation invites a new employee on a phone, the
invitation arrives by e-mail (a real SMTP server) in Dutch, and the employee accepts it, goes
through onboarding and lands on a friendly, Dutch home page. And someone who is already a member
elsewhere joins a second organisation and switches between the two."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from multiplier.accounts.models import Network, User
from multiplier.accounts.services.invitations import Invitee, invitation_create
from multiplier.core.models import Membership, MembershipStatus, Role
from tests.conftest import PASSWORD, ReceivedMail

from .helpers import english_words, menu_link, no_sideways_scroll

LINK = re.compile(r"https?://\S+/invite/\S+/")


@pytest.fixture
def mail(smtp_server: ReceivedMail, settings, live_server) -> ReceivedMail:
    # The link in the e-mail points at the server the browser talks to.
    settings.SITE_URL = live_server.url
    return smtp_server


def _link_in(message) -> str:
    links = set(LINK.findall(ReceivedMail.text(message)))
    assert len(links) == 1, links
    return links.pop()


def test_a_manager_invites_an_employee_who_joins_in_dutch(
    page, open_page, shot, browser_login, make_org, make_member, mail
):
    bakery = make_org("Bakkerij Jansen", slug="bakkerij-jansen", language="nl")
    manager = make_member(
        bakery, role=Role.MANAGER, email="mira@bakkerij.test", name="Mira Jansen", language="nl"
    )

    # The manager invites Sanne from the phone, through the menu.
    browser_login(page, manager)
    expect(page.get_by_role("heading", level=1)).to_have_text("Jullie ambassadeursprogramma")
    shot(page, "manager-home")
    menu_link(page, "Uitnodigingen").click()
    expect(page.get_by_role("heading", name="Uitnodigingen", level=1)).to_be_visible()
    shot(page, "invitations-empty")
    page.get_by_role("main").get_by_role("link", name="Iemand uitnodigen").first.click()
    expect(page.get_by_label("Taal van de uitnodiging")).to_have_value("nl")  # the org's language
    page.get_by_label("E-mailadres").fill("sanne@bakkerij.test")
    page.get_by_label("Naam").fill("Sanne de Vries")
    page.get_by_label("Team of afdeling").fill("Winkel")
    shot(page, "invite-form")
    no_sideways_scroll(page)
    assert not english_words(page.get_by_role("main").inner_text())
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Uitnodiging verstuurd naar sanne@bakkerij.test."
    )
    expect(page.get_by_role("main")).to_contain_text("sanne@bakkerij.test")
    shot(page, "invitation-sent")

    # The e-mail went through the SMTP server, in Dutch, with the manager to reply to.
    [message] = mail.to("sanne@bakkerij.test")
    assert message["Subject"] == (
        "Mira Jansen nodigt je uit voor het ambassadeursprogramma van Bakkerij Jansen"
    )
    assert message["Reply-To"] == "mira@bakkerij.test"
    text = ReceivedMail.text(message)
    assert text.startswith("Hallo Sanne,")
    assert "Accepteer de uitnodiging:" in text
    assert not english_words(text), english_words(text)
    link = _link_in(message)

    # Sanne opens the link on her own phone.
    sanne = open_page()
    sanne.goto(link)
    expect(sanne.locator("html")).to_have_attribute("lang", "nl")
    expect(sanne.get_by_role("heading", level=1)).to_have_text(
        "Doe mee met het ambassadeursprogramma van Bakkerij Jansen"
    )
    expect(sanne.get_by_label("Je naam")).to_have_value("Sanne de Vries")
    shot(sanne, "accept")
    no_sideways_scroll(sanne)
    accept_text = sanne.get_by_role("main").inner_text()
    assert "Minstens 8 tekens." in accept_text  # the password rules, informal like the rest
    assert not english_words(accept_text), english_words(accept_text)
    sanne.get_by_label("Kies een wachtwoord").fill(PASSWORD)
    sanne.get_by_role("button", name="Accepteren en verder").click()

    # Onboarding, step 1: welcome.
    expect(sanne.get_by_text("Stap 1 van 3: Welkom")).to_be_visible()
    expect(sanne.get_by_role("heading", level=1)).to_have_text(
        "Welkom bij het ambassadeursprogramma van Bakkerij Jansen"
    )
    shot(sanne, "onboarding-welcome")
    no_sideways_scroll(sanne)
    sanne.get_by_role("button", name="Volgende").click()

    # Step 2: her networks, with a follower count picked from the quick choices.
    expect(sanne.get_by_role("heading", level=1)).to_have_text("Waar ben je online?")
    linkedin = sanne.get_by_role("group", name="LinkedIn")
    handle = linkedin.get_by_label("Gebruikersnaam of profieladres")
    expect(handle).to_be_hidden()  # folded away until ticked
    linkedin.get_by_label("Ik zit op LinkedIn").check()
    handle.fill("linkedin.com/in/sanne-de-vries")
    linkedin.get_by_role("button", name="500", exact=True).click()
    expect(linkedin.get_by_label("Volgers of connecties, ongeveer")).to_have_value("500")
    shot(sanne, "onboarding-networks")
    no_sideways_scroll(sanne)
    sanne.get_by_role("button", name="Volgende").click()

    # Step 3: language and notifications; Dutch is already chosen.
    expect(sanne.get_by_role("heading", level=1)).to_have_text("Taal en meldingen")
    expect(sanne.get_by_label("Nederlands")).to_be_checked()
    shot(sanne, "onboarding-preferences")
    no_sideways_scroll(sanne)
    sanne.get_by_role("button", name="Afronden").click()

    # Home: empty but friendly, and entirely in Dutch.
    expect(sanne).to_have_url("/o/bakkerij-jansen/")
    expect(sanne.get_by_role("status")).to_have_text(
        "Je bent klaar. Welkom bij het ambassadeursprogramma van Bakkerij Jansen!"
    )
    expect(sanne.get_by_role("heading", level=1)).to_have_text("Hallo Sanne")
    expect(sanne.get_by_role("heading", name="Nog niets om te delen")).to_be_visible()
    # She gave her networks a moment ago: the home does not ask for them again.
    expect(sanne.get_by_role("main").get_by_role("link", name="Mijn profiel")).to_be_visible()
    expect(sanne.get_by_role("link", name="Vul je profiel aan")).to_have_count(0)
    shot(sanne, "home")
    no_sideways_scroll(sanne)
    main = sanne.get_by_role("main").inner_text()
    assert not english_words(main), english_words(main)

    user = User.objects.get(email="sanne@bakkerij.test")
    assert user.name == "Sanne de Vries" and user.language == "nl"
    presence = user.networks.get()
    assert (presence.network, presence.audience_size) == (Network.LINKEDIN, 500)
    membership = Membership.objects.get(user=user, organization=bakery)
    assert membership.status == MembershipStatus.ACTIVE and membership.onboarded_at is not None
    assert membership.team == "Winkel"

    # The manager sees her among the members.
    menu_link(page, "Leden").click()
    expect(page.get_by_role("link", name="Sanne de Vries")).to_be_visible()
    shot(page, "manager-members")


def test_a_member_elsewhere_accepts_a_second_invitation_and_switches(
    page, shot, browser_login, org, other_org, manager, outsider, mail
):
    invitation_create(organization=org, inviter=manager, invitee=Invitee(email=outsider.user.email))
    [message] = mail.to(outsider.user.email)
    link = _link_in(message)

    browser_login(page, outsider)
    expect(page.locator(".brand")).to_contain_text("Globex")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Join the ambassador programme of Acme"
    )
    shot(page, "join")
    no_sideways_scroll(page)
    page.get_by_role("button", name="Join Acme").click()

    # A new organisation: onboarding first, with what they told Globex already filled in.
    expect(page.get_by_text("Step 1 of 3: Welcome")).to_be_visible()
    expect(page.locator(".brand")).to_contain_text("Acme")
    shot(page, "acme-onboarding")
    for button in ("Next", "Next", "Finish"):
        page.get_by_role("button", name=button).click()
    expect(page).to_have_url("/o/acme/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Otto")
    shot(page, "acme-home")

    globex = menu_link(page, "Globex")
    shot(page, "menu-with-both-organisations")
    globex.click()
    expect(page).to_have_url("/o/globex/")
    expect(page.locator(".brand")).to_contain_text("Globex")
    shot(page, "globex-home")
    menu_link(page, "Acme").click()
    expect(page).to_have_url("/o/acme/")
    expect(page.locator(".brand")).to_contain_text("Acme")
    shot(page, "back-to-acme")
