"""A manager sets a goal from the programme canvas on a phone, sees it on the goals list with its
progress bar, and the canvas moves on; a goal's chart on a phone and a desktop."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from playwright.sync_api import Page, expect

from multiplier.program.models import Goal, Metric
from multiplier.program.services.goals import local_today


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


def test_manager_creates_a_goal_from_the_canvas_on_a_phone(page, shot, browser_login, manager):
    browser_login(page, manager)
    expect(page.get_by_role("heading", name="Build your programme, step by step")).to_be_visible()
    shot(page, "home-with-canvas")
    _no_sideways_scroll(page)

    page.get_by_role("link", name="Open the programme canvas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme canvas")
    goals_step = page.locator(".canvas-step").first
    expect(goals_step).to_contain_text("No goals yet.")
    expect(goals_step.locator(".badge")).to_have_text("To do")
    shot(page, "canvas-empty")
    _no_sideways_scroll(page)

    goals_step.get_by_role("link", name="Set goals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New goal")
    shot(page, "new-goal-form")
    _no_sideways_scroll(page)

    # First with the end before the start: a clear error, nothing saved.
    today = local_today(manager.organization)
    page.get_by_label("Name").fill("More colleagues share")
    page.get_by_label("Active ambassadors (percentage of invited who shared)").check()
    page.get_by_label("Target").fill("140")
    page.get_by_label("Start").fill(today.isoformat())
    page.get_by_label("End").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("alert").first).to_contain_text("Please correct the fields")
    expect(page.get_by_text("The end cannot be before the start.")).to_be_visible()
    expect(
        page.get_by_text("This metric is a percentage: the target can be at most 100.")
    ).to_be_visible()
    shot(page, "new-goal-errors")
    assert not Goal.objects.exists()

    page.get_by_label("Target").fill("40")
    page.get_by_label("End").fill((today + timedelta(days=89)).isoformat())
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Goals")
    expect(page.get_by_text("Goal “More colleagues share” saved.")).to_be_visible()
    card = page.locator(".goal-card", has_text="More colleagues share")
    expect(card.locator("progress")).to_be_visible()
    expect(card).to_contain_text("of 40%")
    shot(page, "goal-list")
    _no_sideways_scroll(page)

    page.locator("#main-menu summary").click()
    page.locator("#main-menu").get_by_role("link", name="Canvas").click()
    goals_step = page.locator(".canvas-step").first
    expect(goals_step.locator(".badge")).to_have_text("Done")
    expect(goals_step).to_contain_text("1 goal running or coming up.")
    expect(page.get_by_text("2 of 7 steps done")).to_be_visible()
    shot(page, "canvas-after")

    page.locator(".language-switch").get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmacanvas")
    expect(page.locator(".canvas-step").first).to_contain_text("1 doel loopt of komt eraan.")
    shot(page, "canvas-dutch")
    _no_sideways_scroll(page)


def test_a_goals_chart_on_a_phone_and_a_desktop(
    page, desktop_page, shot, browser_login, manager, facts
):
    today = local_today(manager.organization)
    start = today - timedelta(days=20)
    goal = Goal.objects.create(
        organization=manager.organization, name="Shares this quarter", metric=Metric.SHARES,
        target=Decimal(300), start=start, end=start + timedelta(days=59),
        why="Every share reaches people our own channels never do.",
    )  # fmt: skip
    facts("shares_per_day", {start + timedelta(days=n): (n % 4) * 2 for n in range(21)})
    for device, current in (("phone", page), ("desktop", desktop_page)):
        browser_login(current, manager)
        current.goto(f"/o/{manager.organization.slug}/programme/goals/{goal.pk}/")
        expect(current.get_by_role("img", name="Shares so far, against the pace")).to_be_visible()
        current.get_by_text("The numbers, day by day").click()
        expect(current.get_by_role("table")).to_be_visible()
        current.evaluate("window.scrollTo(0, 0)")  # the sticky header stays on top in the shot
        shot(current, f"goal-chart-{device}")
        _no_sideways_scroll(current)


def test_manager_starts_a_campaign_on_a_phone(page, shot, browser_login, manager):
    from multiplier.program.models import Theme

    Theme.objects.create(organization=manager.organization, name="Energy transition")
    browser_login(page, manager)
    page.goto(f"/o/{manager.organization.slug}/programme/campaigns/")
    expect(page.get_by_role("heading", name="No campaigns yet")).to_be_visible()
    shot(page, "campaigns-empty")
    page.get_by_role("link", name="Start a campaign").click()
    page.get_by_label("Name").fill("Energy week")
    page.get_by_label("Start").fill("2026-05-04")
    page.get_by_label("End").fill("2026-05-01")
    page.get_by_label("Energy transition").check()
    page.get_by_role("button", name="Save campaign").click()
    expect(page.get_by_text("The end cannot be before the start.")).to_be_visible()
    shot(page, "campaign-error")
    page.get_by_label("End").fill("2026-05-10")
    page.get_by_role("button", name="Save campaign").click()
    row = page.get_by_role("row", name="Energy week")
    expect(row).to_contain_text("Energy transition")
    shot(page, "campaign-list")
    _no_sideways_scroll(page)
