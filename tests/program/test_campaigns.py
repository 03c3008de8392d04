"""Campaigns: pages for every role, bad input, changing, and deleting only when unused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from multiplier.core.models import AuditEvent
from multiplier.program.models import Campaign, Goal, Metric, Theme
from multiplier.program.services.campaigns import (
    campaign_create,
    campaign_delete,
    campaign_update,
    campaign_uses,
)

pytestmark = pytest.mark.django_db

JAN, MAR = date(2026, 1, 1), date(2026, 3, 31)


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


def make_campaign(org, name="Open days", start=JAN, end=MAR) -> Campaign:
    return Campaign.objects.create(organization=org, name=name, start=start, end=end)


def valid(**changes) -> dict:
    data = {
        "name": "Energy week",
        "description": "A week about our work on the energy transition.",
        "start": "2026-05-04",
        "end": "2026-05-10",
        "themes": [],
    }
    data.update(changes)
    return data


PAGES = ["campaign_list", "campaign_create", "campaign_update"]


def page_url(name: str, org, campaign: Campaign) -> str:
    return url(name, org, campaign.pk) if name == "campaign_update" else url(name, org)


@pytest.mark.parametrize("who", ["admin", "manager"])
@pytest.mark.parametrize("name", PAGES)
def test_staff_open_every_campaign_page(request, login, org, who, name):
    campaign = make_campaign(org)
    assert login(request.getfixturevalue(who)).get(page_url(name, org, campaign)).status_code == 200


@pytest.mark.parametrize("who", ["ambassador", "leader"])
@pytest.mark.parametrize("name", PAGES)
def test_ambassadors_and_leaders_get_403(request, login, org, who, name):
    campaign = make_campaign(org)
    client = login(request.getfixturevalue(who))
    assert client.get(page_url(name, org, campaign)).status_code == 403
    assert client.post(page_url(name, org, campaign), valid(name="Ours")).status_code == 403
    assert client.post(url("campaign_delete", org, campaign.pk)).status_code == 403
    assert list(Campaign.objects.values_list("name", flat=True)) == ["Open days"]


@pytest.mark.parametrize("name", PAGES)
def test_outsiders_get_404(login, org, outsider, name):
    campaign = make_campaign(org)
    assert login(outsider).get(page_url(name, org, campaign)).status_code == 404


def test_services_refuse_people_who_do_not_run_the_programme(org, ambassador, outsider):
    with pytest.raises(PermissionDenied):
        campaign_create(organization=org, by=ambassador, name="X", start=JAN, end=MAR)
    campaign = make_campaign(org)
    with pytest.raises(PermissionDenied):
        campaign_update(campaign=campaign, by=outsider, name="Mine")
    with pytest.raises(PermissionDenied):
        campaign_delete(campaign=campaign, by=ambassador)
    assert Campaign.objects.get().name == "Open days"


def test_empty_list_explains_campaigns(login, org, manager):
    content = login(manager).get(url("campaign_list", org)).content.decode()
    assert "No campaigns yet" in content
    assert "a goal can count only the posts of one campaign" in content


def test_manager_creates_a_campaign_with_themes_and_it_is_audited(login, org, manager):
    solar, wind = (Theme.objects.create(organization=org, name=n) for n in ("Solar", "Wind"))
    data = valid(themes=[str(solar.pk), str(wind.pk)])
    response = login(manager).post(url("campaign_create", org), data, follow=True)
    campaign = Campaign.objects.get()
    assert (campaign.name, campaign.start, campaign.end) == (
        "Energy week",
        date(2026, 5, 4),
        date(2026, 5, 10),
    )
    assert set(campaign.themes.all()) == {solar, wind}
    content = response.content.decode()
    assert "Campaign “Energy week” saved." in content
    assert "Solar" in content and "Wind" in content
    event = AuditEvent.objects.get(action="campaign.created")
    assert (event.actor, event.target, event.data["themes"]) == (
        manager.user,
        "Energy week",
        ["Solar", "Wind"],
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "Give the campaign a name."),
        ({"name": "open DAYS"}, "name", "There is already a campaign with this name."),
        ({"start": ""}, "start", "Enter the first day of the campaign."),
        ({"end": "soon"}, "end", "Enter a date, like 2026-03-31."),
        (
            {"start": "2026-05-10", "end": "2026-05-09"},
            "end",
            "The end cannot be before the start.",
        ),
        ({"themes": ["999999"]}, "themes", "Pick themes of your own organisation."),
    ],
)
def test_bad_input_gives_a_field_error_and_saves_nothing(
    login, org, manager, changes, field, message
):
    make_campaign(org)  # "Open days"
    response = login(manager).post(url("campaign_create", org), valid(**changes))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert Campaign.objects.count() == 1
    assert not AuditEvent.objects.filter(action="campaign.created").exists()


def test_the_same_name_is_fine_in_another_organisation(login, org, other_org, manager):
    make_campaign(other_org, name="Energy week")
    assert login(manager).post(url("campaign_create", org), valid()).status_code == 302


def test_another_organisations_theme_is_refused(login, org, other_org, manager):
    theirs = Theme.objects.create(organization=other_org, name="Theirs")
    response = login(manager).post(url("campaign_create", org), valid(themes=[str(theirs.pk)]))
    assert "themes" in response.context["form"].errors
    with pytest.raises(ValidationError) as raised:
        campaign_create(
            organization=org, by=manager, name="Sneaky", start=JAN, end=MAR, themes=[theirs]
        )
    assert raised.value.message_dict["themes"] == ["Pick themes of your own organisation."]
    assert not Campaign.objects.exists()


def test_archived_themes_are_not_offered_but_kept_where_chosen(login, org, manager):
    old = Theme.objects.create(organization=org, name="Old")
    campaign = make_campaign(org)
    campaign.themes.add(old)
    Theme.objects.filter(pk=old.pk).update(archived_at=timezone.now())
    client = login(manager)
    assert ">Old<" not in client.get(url("campaign_create", org)).content.decode()
    edit = client.get(url("campaign_update", org, campaign.pk)).content.decode()
    assert "Old" in edit  # still on the campaign that has it
    old.refresh_from_db()
    fresh = make_campaign(org, name="Fresh")
    with pytest.raises(ValidationError):
        campaign_update(campaign=fresh, by=manager, themes=[old])


def test_manager_changes_a_campaign_and_the_change_is_audited(login, org, manager):
    solar = Theme.objects.create(organization=org, name="Solar")
    campaign = make_campaign(org)
    data = valid(name="Open days 2026", start="2026-01-01", end="2026-04-30", themes=[solar.pk])
    response = login(manager).post(url("campaign_update", org, campaign.pk), data, follow=True)
    assert "Campaign saved." in response.content.decode()
    campaign.refresh_from_db()
    assert (campaign.name, campaign.end) == ("Open days 2026", date(2026, 4, 30))
    assert list(campaign.themes.all()) == [solar]
    event = AuditEvent.objects.get(action="campaign.updated")
    assert event.data["name"] == {"from": "Open days", "to": "Open days 2026"}
    assert event.data["themes"] == {"from": [], "to": ["Solar"]}
    assert event.data["end"] == {"from": "2026-03-31", "to": "2026-04-30"}


def test_renaming_a_campaign_to_another_ones_name_is_refused(org, manager):
    make_campaign(org, name="Taken")
    campaign = make_campaign(org)
    with pytest.raises(ValidationError) as raised:
        campaign_update(campaign=campaign, by=manager, name="TAKEN")
    assert "name" in raised.value.message_dict
    # Changing only the case of its own name is fine.
    assert campaign_update(campaign=campaign, by=manager, name="OPEN DAYS")


def test_saving_an_unchanged_campaign_records_nothing(org, manager):
    campaign = make_campaign(org)
    assert campaign_update(campaign=campaign, by=manager, name="Open days", start=JAN) == {}
    assert not AuditEvent.objects.filter(action="campaign.updated").exists()


def test_an_unused_campaign_can_be_deleted(login, org, manager):
    campaign = make_campaign(org)
    client = login(manager)
    assert (
        'data-confirm="Delete the campaign'
        in client.get(url("campaign_update", org, campaign.pk)).content.decode()
    )
    assert client.get(url("campaign_delete", org, campaign.pk)).status_code == 405
    response = client.post(url("campaign_delete", org, campaign.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("campaign_list", org)
    assert not Campaign.objects.exists()
    assert AuditEvent.objects.filter(action="campaign.deleted", target="Open days").exists()


def test_a_campaign_a_goal_uses_stays(login, org, manager):
    campaign = make_campaign(org)
    Goal.objects.create(
        organization=org, name="Visitors", metric=Metric.CLICKS, target=10, start=JAN,
        end=JAN + timedelta(days=9), campaign=campaign,
    )  # fmt: skip
    assert campaign_uses(campaign) == {"goals": 1}
    client = login(manager)
    edit = client.get(url("campaign_update", org, campaign.pk)).content.decode()
    assert "This campaign is in use, so it cannot be deleted" in edit
    assert 'action="' + url("campaign_delete", org, campaign.pk) not in edit
    response = client.post(url("campaign_delete", org, campaign.pk), follow=True)
    assert "This campaign is in use (goals: 1), so it cannot be deleted." in (
        response.content.decode()
    )
    assert Campaign.objects.filter(pk=campaign.pk).exists()
