"""Step 5 on a phone: a manager maps the outside world of a theme, an ambassador says who they
follow, and the manager reads the map and follows a suggestion in one click."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from multiplier.program.models import Connection, Entity, MemberTheme, Theme, ThemeRelation


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


def _open_menu_item(page: Page, name: str) -> None:
    page.locator("#main-menu summary").click()
    page.locator("#main-menu nav").get_by_role("link", name=name, exact=True).click()


def _log_out(page: Page) -> None:
    page.locator("#main-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url("/accounts/login/?next=/")


def test_outside_world_of_a_theme_on_a_phone(page, shot, browser_login, org, manager, ambassador):
    theme = Theme.objects.create(organization=org, name="Energy transition", colour="#2a7a4b")
    MemberTheme.objects.create(
        organization=org, membership=ambassador, theme=theme,
        relation=ThemeRelation.EXPERTISE, confirmed_at=timezone.now(),
    )  # fmt: skip

    # The manager starts from an empty outside world.
    browser_login(page, manager)
    _open_menu_item(page, "Outside world")
    expect(page.get_by_role("heading", name="Who matters around your themes?")).to_be_visible()
    shot(page, "empty-state")
    _no_sideways_scroll(page)

    # An influencer, key, with a handle on X.
    page.get_by_role("link", name="Add the first one").click()
    page.get_by_label("Name").fill("Anna Jansen")
    page.get_by_role("radio", name="Influencer").check()
    page.get_by_role("checkbox", name="Energy transition").check()
    page.get_by_role("checkbox", name="Key: someone or something").check()
    page.get_by_label("Web address").fill("javascript:alert(1)")
    page.get_by_text("On social networks (optional)").click()  # folded away until needed
    page.get_by_label("X:", exact=True).fill("https://x.com/annajansen")
    page.get_by_role("button", name="Add", exact=True).click()
    # A script address is refused with a clear message, and nothing typed is lost.
    expect(
        page.get_by_text("Only web addresses that start with http:// or https://")
    ).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Anna Jansen")
    shot(page, "refused-address")
    _no_sideways_scroll(page)
    page.get_by_label("Web address").fill("annajansen.nl")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Anna Jansen")).to_be_visible()
    expect(page.get_by_role("link", name="@annajansen")).to_have_attribute(
        "href", "https://x.com/annajansen"
    )
    shot(page, "influencer-added")
    _no_sideways_scroll(page)

    # An event for the same theme, with its date.
    page.get_by_role("link", name="← Outside world").click()
    page.get_by_role("link", name="Add to the outside world").click()
    page.get_by_label("Name").fill("Energy Fair Utrecht")
    page.get_by_role("radio", name="Event").check()
    page.get_by_role("checkbox", name="Energy transition").check()
    page.get_by_role("checkbox", name="Key: someone or something").check()
    page.get_by_label("Date (events only)").fill("2099-06-18")
    shot(page, "event-form")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Energy Fair Utrecht")).to_be_visible()
    page.get_by_role("link", name="← Outside world").click()
    shot(page, "list-with-suggestions")
    _no_sideways_scroll(page)
    _log_out(page)

    # The ambassador says they follow the influencer.
    browser_login(page, ambassador)
    _open_menu_item(page, "My outside world")
    card = page.locator(".entity", has=page.get_by_role("heading", name="Anna Jansen"))
    follow = card.get_by_role("button", name="I follow them")
    expect(follow).to_have_attribute("aria-pressed", "false")
    follow.click()
    expect(card.get_by_role("button", name="I follow them")).to_have_attribute(
        "aria-pressed", "true"
    )
    shot(page, "ambassador-follows")
    _no_sideways_scroll(page)
    anna = Entity.objects.get(name="Anna Jansen")
    assert Connection.objects.filter(entity=anna, membership=ambassador, kind="follows").exists()
    _log_out(page)

    # The manager opens the map of the theme.
    browser_login(page, manager)
    _open_menu_item(page, "Outside world")
    page.get_by_role("link", name="Map per theme").click()
    picture = page.get_by_role("img", name="The outside world of Energy transition")
    expect(picture).to_be_visible()
    expect(page.locator("svg.outside-map-svg path[stroke-dasharray]")).to_have_count(0)
    # The table says the same in words: Amber follows Anna Jansen.
    row = page.locator("table.outside-matrix tr", has=page.get_by_role("link", name="Anna Jansen"))
    expect(row).to_contain_text("Follows")
    shot(page, "map")
    _no_sideways_scroll(page)

    # The suggestion: Amber is an expert but not connected with the fair yet. One click.
    suggestion = page.locator(".suggestion-list li", has_text="Energy Fair Utrecht")
    expect(suggestion).to_contain_text("Amber Ambassador should connect with Energy Fair Utrecht")
    suggestion.get_by_role("button", name="Add as should-connect").click()
    expect(page.get_by_text("Suggested: Amber Ambassador should connect with")).to_be_visible()
    expect(picture).to_be_visible()
    expect(page.locator("svg.outside-map-svg path[stroke-dasharray]")).to_have_count(1)
    expect(page.locator(".suggestion-list")).to_have_count(0)
    shot(page, "map-after-suggestion")
    _no_sideways_scroll(page)
    fair = Entity.objects.get(name="Energy Fair Utrecht")
    assert Connection.objects.filter(
        entity=fair, membership=ambassador, kind="should_connect"
    ).exists()


def test_a_crowded_map_on_a_desktop_in_dutch(desktop_page, shot, browser_login, org, manager,
                                              make_member):  # fmt: skip
    """Many entities of every kind and people tied all round: readable, nothing off to the side."""
    page = desktop_page
    theme = Theme.objects.create(organization=org, name="Circulair bouwen", colour="#1f5f8b")
    names = [
        ("audience", "Woningcorporaties in Utrecht"), ("audience", "Jonge gezinnen"),
        ("influencer", "Anna Jansen"), ("influencer", "Bouwblogger Bas van der Meer"),
        ("media", "Vakblad Duurzaam Bouwen"), ("media", "RTV Utrecht"),
        ("community", "LinkedIn-groep Warmtepompen"), ("event", "Bouwbeurs 2099"),
        ("peer", "Brancheorganisatie Bouw"), ("peer", "Universiteit Utrecht"),
    ]  # fmt: skip
    entities = []
    for i, (kind, name) in enumerate(names):
        made = Entity.objects.create(organization=org, name=name, kind=kind, is_key=i % 3 == 0)
        made.themes.set([theme])
        entities.append(made)
    kinds = ["follows", "knows", "engages", "should_connect"]
    for i in range(6):
        person = make_member(org, name=f"Collega {i + 1} met een lange naam")
        for j in (i, i + 3, i + 7):
            entity = entities[j % len(entities)]
            Connection.objects.create(
                organization=org, entity=entity, membership=person, kind=kinds[(i + j) % 4]
            )
    manager.user.language = "nl"
    manager.user.save()

    browser_login(page, manager)
    page.goto(f"/o/{org.slug}/programme/outside-world/map/?theme={theme.pk}")
    expect(page.get_by_role("img", name="De buitenwereld van Circulair bouwen")).to_be_visible()
    expect(page.locator("svg.outside-map-svg path[stroke-dasharray]")).not_to_have_count(0)
    expect(page.get_by_role("heading", name="Wie is met wat verbonden")).to_be_visible()
    shot(page, "crowded-map-desktop-nl")
    _no_sideways_scroll(page)
