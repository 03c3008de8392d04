"""A programme manager sets the UTM parameters of tracked links on a phone."""

from __future__ import annotations

from playwright.sync_api import expect

from multiplier.tracking.models import TrackingSettings

from .helpers import no_sideways_scroll


def test_manager_switches_utm_content_off_and_renames_the_medium(
    page, shot, browser_login, manager, org
):
    browser_login(page, manager)
    page.goto(f"/o/{org.slug}/links/settings/")
    example = page.get_by_test_id("utm-example")
    expect(example).to_contain_text("utm_content=v2")
    shot(page, "defaults")
    no_sideways_scroll(page)  # the long example address wraps

    page.get_by_label("Value of utm_medium").fill("two words")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("no spaces")).to_be_visible()
    expect(page.get_by_label("Value of utm_medium")).to_have_attribute("aria-invalid", "true")
    shot(page, "error")

    page.get_by_label("Value of utm_medium").fill("ambassadors")
    page.get_by_label("add utm_content (the variant)").uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    expect(example).to_contain_text("utm_medium=ambassadors")
    expect(example).not_to_contain_text("utm_content")
    shot(page, "saved")
    saved = TrackingSettings.objects.get(organization=org)
    assert (saved.medium, saved.add_content) == ("ambassadors", False)
