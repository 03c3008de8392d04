"""The content calendar: on a phone a manager sees the warning that the next cycle is too quiet,
opens the calendar from the menu and moves a post into the next cycle with the date form; on a
desktop the cycles sit side by side and a post is dragged onto the next cycle."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from multiplier.content.models import Post, PostStatus
from multiplier.content.selectors.calendar import calendar_for, local_today
from tests.content.calendar_helpers import at, make_post, place_cycles
from tests.e2e.helpers import english_words, menu_link, no_sideways_scroll


def _calendar_with_a_quiet_next_cycle(org):
    """Next cycle in five days with one scheduled post; two posts in the running cycle."""
    next_start = place_cycles(org, day_in_cycle=10, warn=7, threshold=2)
    today = local_today(org)
    make_post(org, starts_at=at(org, today - timedelta(days=20)), status=PostStatus.ARCHIVED,
              title="Solar on twelve schools")  # fmt: skip
    make_post(org, starts_at=at(org, today - timedelta(days=2)), status=PostStatus.LIVE,
              title="Grid congestion explained")  # fmt: skip
    movable = make_post(org, starts_at=at(org, today + timedelta(days=2), 10, 30),
                        title="Open day at the workshop")  # fmt: skip
    make_post(org, starts_at=at(org, next_start + timedelta(days=1)),
              title="See you at the energy congress")  # fmt: skip
    return next_start, movable


def test_manager_moves_a_post_into_the_next_cycle_on_a_phone(
    page, shot, browser_login, manager, org
):
    next_start, movable = _calendar_with_a_quiet_next_cycle(org)
    browser_login(page, manager)
    warning = page.locator(".cycle-warning")
    expect(warning).to_contain_text("The next cycle is too quiet")
    expect(warning).to_contain_text("in 5 days. It has 1 live or scheduled post;")
    shot(page, "home-warning")
    no_sideways_scroll(page)

    menu_link(page, "Calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Content calendar")
    next_cycle = page.locator(f"#cycle-{next_start.isoformat()}")
    expect(next_cycle).to_contain_text("Too quiet:")
    expect(next_cycle).to_contain_text("Needs 1 more post.")
    expect(page.locator(".cycle.past").first).to_be_visible()
    # On a phone the cycles are one list, one under the other.
    boxes = [page.locator(".cycle").nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] > boxes[0]["y"] and abs(boxes[1]["x"] - boxes[0]["x"]) < 2
    shot(page, "calendar-phone")
    no_sideways_scroll(page)
    page.get_by_role("link", name="To the next cycle").click()
    expect(next_cycle.get_by_role("heading")).to_be_in_viewport()

    card = page.locator(f"#post-{movable.pk}")
    card.locator("summary").click()
    card.get_by_label("Goes live on").fill((next_start + timedelta(days=3)).isoformat())
    card.get_by_label("At").fill("08:45")
    shot(page, "move-form-open")
    card.get_by_role("button", name="Move post").click()
    expect(page.get_by_text("“Open day at the workshop” now goes live on")).to_be_visible()
    next_cycle = page.locator(f"#cycle-{next_start.isoformat()}")
    expect(next_cycle).to_contain_text("Open day at the workshop")
    expect(next_cycle).not_to_contain_text("Too quiet:")
    expect(page.locator(".cycle-warning")).to_have_count(0)
    shot(page, "after-move")
    no_sideways_scroll(page)
    movable.refresh_from_db()
    assert movable.starts_at == at(org, next_start + timedelta(days=3), 8, 45)

    # A day in the past is refused with the reason, on the form's own page.
    card = page.locator(f"#post-{movable.pk}")
    card.locator("summary").click()
    card.get_by_label("Goes live on").fill((local_today(org) - timedelta(days=1)).isoformat())
    card.get_by_role("button", name="Move post").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Move post")
    expect(page.get_by_text("a post cannot go live in the past")).to_be_visible()
    shot(page, "move-error")
    no_sideways_scroll(page)


def test_manager_drags_a_post_onto_the_next_cycle_on_a_desktop(
    desktop_page, shot, browser_login, manager, org
):
    page = desktop_page
    next_start, movable = _calendar_with_a_quiet_next_cycle(org)
    browser_login(page, manager)
    page.goto(f"/o/{org.slug}/content/calendar/")
    expect(page.locator(".cycle-warning")).to_contain_text("The next cycle is too quiet")
    expect(page.get_by_text("Tip: drag a post onto another cycle")).to_be_visible()
    # Side by side on a desktop: three cycles in a row.
    boxes = [page.locator(".cycle").nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    shot(page, "calendar-desktop")

    target = page.locator(f"#cycle-{next_start.isoformat()}")
    page.locator(f"#post-{movable.pk}").drag_to(target)
    status = page.locator("#calendar-status")
    expect(status).to_contain_text("“Open day at the workshop” now goes live on")
    target = page.locator(f"#cycle-{next_start.isoformat()}")
    expect(target).to_contain_text("Open day at the workshop")
    expect(target).not_to_contain_text("Too quiet:")
    shot(page, "after-drag")
    movable.refresh_from_db()
    # The first day of the next cycle, at the post's own time of day.
    assert movable.starts_at == at(org, next_start, 10, 30)
    assert movable in calendar_for(org).next.posts

    # A past cycle takes no drops; the post stays where it is.
    past = page.locator(".cycle.past").first
    assert past.get_attribute("data-drop") is None
    page.locator(f"#post-{movable.pk}").drag_to(past)
    expect(page.locator(f"#cycle-{next_start.isoformat()}")).to_contain_text(
        "Open day at the workshop"
    )
    assert Post.objects.get(pk=movable.pk).starts_at == at(org, next_start, 10, 30)


def test_calendar_pages_in_dutch_on_a_phone(page, shot, browser_login, manager, org):
    """Every page of the rhythm in Dutch (longer words): no English left, nothing sideways."""
    manager.user.language = "nl"
    manager.user.save(update_fields=["language"])
    next_start = place_cycles(org, day_in_cycle=10, warn=7, threshold=3)
    today = local_today(org)
    make_post(org, starts_at=at(org, today - timedelta(days=2)), status=PostStatus.LIVE,
              title="Netcongestie uitgelegd")  # fmt: skip
    post = make_post(org, starts_at=at(org, next_start), title="Informatieavond warmtenet")
    make_post(org, starts_at=None, status=PostStatus.DRAFT, title="Isolatietips")
    browser_login(page, manager)
    pages = [
        ("home", f"/o/{org.slug}/"),
        ("calendar", f"/o/{org.slug}/content/calendar/"),
        ("move", f"/o/{org.slug}/content/calendar/posts/{post.pk}/move/"),
        ("rhythm", f"/o/{org.slug}/content/settings/"),
    ]
    for label, path in pages:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        shot(page, label)
        no_sideways_scroll(page)
        leftovers = english_words(page.get_by_role("main").inner_text())
        assert not leftovers, (label, leftovers)
    page.goto(f"/o/{org.slug}/")
    expect(page.locator(".cycle-warning")).to_contain_text("De volgende cyclus is te stil")
    page.goto(f"/o/{org.slug}/content/calendar/")
    expect(page.locator(f"#cycle-{next_start.isoformat()}")).to_contain_text(
        "Er zijn nog 2 posts nodig."
    )
    # The rhythm form in Dutch, with an error.
    page.goto(f"/o/{org.slug}/content/settings/")
    page.get_by_label("Ritme (dagen)").fill("60")
    page.get_by_role("button", name="Ritme opslaan").click()
    expect(page.get_by_text("Een cyclus duurt hooguit 56 dagen.")).to_be_visible()
    shot(page, "rhythm-error")
    no_sideways_scroll(page)
