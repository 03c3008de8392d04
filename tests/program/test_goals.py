"""Goals (step 1): pages for every role, the bad-input matrix, editing, deleting, progress on the
pages, and keeping the final result (`goals_finalise` and its daily task)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from multiplier.accounts.models import NetworkPresence
from multiplier.core import scheduler
from multiplier.core.models import AuditEvent
from multiplier.program.models import Campaign, Goal, MemberTheme, Metric, Theme
from multiplier.program.services.goals import (
    goal_create,
    goal_delete,
    goal_update,
    goals_finalise,
    local_today,
)

pytestmark = pytest.mark.django_db


def make_goal(org, *, metric=Metric.SHARES, target=100, start=None, days=30, **extra) -> Goal:
    start = start or local_today(org)
    return Goal.objects.create(
        organization=org, name=extra.pop("name", f"{metric} goal"), metric=metric,
        target=Decimal(target), start=start, end=start + timedelta(days=days - 1), **extra,
    )  # fmt: skip


def valid(org, **changes) -> dict[str, str]:
    today = local_today(org)
    data = {
        "name": "More people see our work",
        "why": "Customers trust people more than logos.",
        "metric": Metric.SHARES,
        "target": "250",
        "start": today.isoformat(),
        "end": (today + timedelta(days=89)).isoformat(),
        "theme": "",
        "campaign": "",
    }
    data.update(changes)
    return data


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


# --- Who may do what ----------------------------------------------------------------------------

PAGES = ["goal_list", "goal_create", "goal_detail", "goal_update"]


def page_url(name: str, org, goal: Goal) -> str:
    return url(name, org, goal.pk) if name in ("goal_detail", "goal_update") else url(name, org)


@pytest.mark.parametrize("who", ["admin", "manager"])
@pytest.mark.parametrize("name", PAGES)
def test_staff_open_every_goal_page(request, login, org, who, name):
    goal = make_goal(org)
    response = login(request.getfixturevalue(who)).get(page_url(name, org, goal))
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["ambassador", "leader"])
@pytest.mark.parametrize("name", PAGES)
def test_ambassadors_and_leaders_get_403(request, login, org, who, name):
    goal = make_goal(org)
    client = login(request.getfixturevalue(who))
    assert client.get(page_url(name, org, goal)).status_code == 403
    assert client.post(page_url(name, org, goal), valid(org, name="Taken over")).status_code == 403
    assert client.post(url("goal_delete", org, goal.pk)).status_code == 403
    goal.refresh_from_db()
    assert goal.name != "Taken over"
    assert Goal.objects.count() == 1


@pytest.mark.parametrize("name", PAGES)
def test_outsiders_get_404(login, org, outsider, name):
    goal = make_goal(org)
    assert login(outsider).get(page_url(name, org, goal)).status_code == 404


def test_another_organisations_goal_is_404(login, org, other_org, manager):
    foreign = make_goal(other_org)
    client = login(manager)
    assert client.get(url("goal_detail", org, foreign.pk)).status_code == 404
    assert client.post(url("goal_delete", org, foreign.pk)).status_code == 404
    assert Goal.objects.filter(pk=foreign.pk).exists()


def test_services_refuse_people_who_do_not_run_the_programme(org, ambassador, outsider):
    today = local_today(org)
    fields = {"name": "X", "metric": Metric.SHARES, "target": 5, "start": today, "end": today}
    with pytest.raises(PermissionDenied):
        goal_create(organization=org, by=ambassador, **fields)
    with pytest.raises(PermissionDenied):
        goal_create(organization=org, by=outsider, **fields)
    goal = make_goal(org, start=today + timedelta(days=5))
    with pytest.raises(PermissionDenied):
        goal_update(goal=goal, by=outsider, name="Mine now")
    with pytest.raises(PermissionDenied):
        goal_delete(goal=goal, by=ambassador)
    assert Goal.objects.get().name == goal.name


# --- Creating -----------------------------------------------------------------------------------


def test_the_form_explains_every_metric_and_proposes_this_quarter(login, org, manager):
    content = login(manager).get(url("goal_create", org)).content.decode()
    assert "Counted from the moment sharing starts." in content
    assert "the percentage in which people added their own words" in content
    assert content.count('aria-describedby="id_metric_') == len(Metric.choices)
    assert f'value="{local_today(org).isoformat()}"' in content  # the start: today


def test_manager_creates_a_goal_and_it_is_audited(login, org, manager):
    solar = Theme.objects.create(organization=org, name="Solar")
    launch = Campaign.objects.create(
        organization=org, name="Launch", start=date(2026, 1, 1), end=date(2026, 2, 1)
    )
    data = valid(org, theme=str(solar.pk), campaign=str(launch.pk), name="  Reach  ")
    response = login(manager).post(url("goal_create", org), data, follow=True)
    goal = Goal.objects.get()
    assert (goal.name, goal.metric, goal.target) == ("Reach", Metric.SHARES, Decimal(250))
    assert (goal.theme, goal.campaign, goal.organization) == (solar, launch, org)
    assert response.redirect_chain[-1][0] == url("goal_list", org)
    assert "Goal “Reach” saved." in response.content.decode()
    event = AuditEvent.objects.get(action="goal.created")
    assert (event.actor, event.organization, event.target) == (manager.user, org, "Reach")
    assert event.data["metric"] == "shares"


BAD_INPUT = [
    ({"name": "  "}, "name", "Give the goal a name."),
    ({"metric": ""}, "metric", "Pick what the goal measures."),
    ({"metric": "likes"}, "metric", "Select a valid choice."),
    ({"target": ""}, "target", "Enter the number the goal should reach."),
    ({"target": "lots"}, "target", "Enter a number, like 250 or 12.5."),
    ({"target": "0"}, "target", "The target must be more than zero."),
    ({"target": "-10"}, "target", "The target must be more than zero."),
    ({"target": "1.234"}, "target", "Ensure that there are no more than 2 decimal places."),
    (
        {"metric": Metric.ACTIVE_AMBASSADORS, "target": "101"},
        "target",
        "This metric is a percentage: the target can be at most 100.",
    ),
    (
        {"metric": Metric.PERSONALISED_SHARE_RATE, "target": "150"},
        "target",
        "This metric is a percentage: the target can be at most 100.",
    ),
    ({"start": ""}, "start", "Enter the first day of the period."),
    ({"end": "31/31/2026"}, "end", "Enter a date, like 2026-03-31."),
    (
        {"start": "2026-06-01", "end": "2026-05-31"},
        "end",
        "The end cannot be before the start.",
    ),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT)
def test_bad_input_gives_a_field_error_and_saves_nothing(
    login, org, manager, changes, field, message
):
    response = login(manager).post(url("goal_create", org), valid(org, **changes))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert "Please correct the fields marked below." in response.content.decode()
    assert not Goal.objects.exists()
    assert not AuditEvent.objects.filter(action="goal.created").exists()


def test_another_organisations_theme_or_campaign_cannot_be_chosen(login, org, other_org, manager):
    theme = Theme.objects.create(organization=other_org, name="Their theme")
    campaign = Campaign.objects.create(
        organization=other_org, name="Theirs", start=date(2026, 1, 1), end=date(2026, 1, 2)
    )
    client = login(manager)
    response = client.post(url("goal_create", org), valid(org, theme=str(theme.pk)))
    assert response.context["form"].errors["theme"] == ["Pick one of your organisation's themes."]
    response = client.post(url("goal_create", org), valid(org, campaign=str(campaign.pk)))
    assert response.context["form"].errors["campaign"] == [
        "Pick one of your organisation's campaigns."
    ]
    assert not Goal.objects.exists()


def test_the_service_checks_the_organisation_of_theme_and_campaign_too(org, other_org, manager):
    theme = Theme.objects.create(organization=other_org, name="Their theme")
    campaign = Campaign.objects.create(
        organization=other_org, name="Theirs", start=date(2026, 1, 1), end=date(2026, 1, 2)
    )
    today = local_today(org)
    with pytest.raises(ValidationError) as raised:
        goal_create(
            organization=org, by=manager, name="G", metric=Metric.SHARES, target=1,
            start=today, end=today, theme=theme, campaign=campaign,
        )  # fmt: skip
    assert set(raised.value.message_dict) == {"theme", "campaign"}
    assert not Goal.objects.exists()


def test_archived_themes_are_not_offered(login, org, manager):
    archived = Theme.objects.create(organization=org, name="Old", archived_at=timezone.now())
    Theme.objects.create(organization=org, name="Current")
    client = login(manager)
    content = client.get(url("goal_create", org)).content.decode()
    assert "Current" in content and ">Old<" not in content
    response = client.post(url("goal_create", org), valid(org, theme=str(archived.pk)))
    assert "theme" in response.context["form"].errors
    assert not Goal.objects.exists()


@pytest.mark.parametrize("with_theme", [True, False])
def test_an_ambassadors_per_theme_goal_is_fine_with_or_without_a_theme(
    login, org, manager, with_theme
):
    theme = Theme.objects.create(organization=org, name="Wind")
    data = valid(org, metric=Metric.AMBASSADORS_PER_THEME, target="5")
    if with_theme:
        data["theme"] = str(theme.pk)
    assert login(manager).post(url("goal_create", org), data).status_code == 302
    assert Goal.objects.get().theme == (theme if with_theme else None)


def test_a_percentage_target_of_exactly_100_is_fine(login, org, manager):
    data = valid(org, metric=Metric.ACTIVE_AMBASSADORS, target="100")
    assert login(manager).post(url("goal_create", org), data).status_code == 302


# --- The list -----------------------------------------------------------------------------------


def test_empty_list_explains_what_a_good_goal_is(login, org, manager):
    content = login(manager).get(url("goal_list", org)).content.decode()
    assert "No goals yet" in content
    assert "A good goal has a metric, a target and a period" in content
    assert url("goal_create", org) in content


def test_list_groups_goals_with_progress_and_forecast(login, org, manager, facts):
    today = local_today(org)
    running = make_goal(org, name="Running", start=today - timedelta(days=9), days=30, target=60)
    make_goal(org, name="Upcoming", start=today + timedelta(days=10))
    past = make_goal(org, name="Past", start=today - timedelta(days=60), days=30, target=10)
    Goal.objects.filter(pk=past.pk).update(final_value=Decimal(12))
    # 10 shares in the first 10 days of a 30-day goal: 30 expected by the end, target 60.
    facts("shares_per_day", {today - timedelta(days=9): 4, today: 6})
    response = login(manager).get(url("goal_list", org))
    content = response.content.decode()
    assert [p.goal.name for p in response.context["running"]] == ["Running"]
    assert [p.goal.name for p in response.context["upcoming"]] == ["Upcoming"]
    assert [p.goal.name for p in response.context["ended"]] == ["Past"]
    assert f'<span id="goal-{running.pk}-numbers"><strong>10</strong> of 60</span>' in content
    assert 'value="16.7"' in content  # the bar: 10 of 60
    assert "Forecast for" in content and ": 30" in content
    assert "Not on track" in content
    assert "Reached" in content  # the past goal: 12 of 10, kept
    assert "Nobody has shared yet" not in content  # shares exist


def test_list_says_forecasts_wait_for_sharing(login, org, manager):
    make_goal(org)
    content = login(manager).get(url("goal_list", org)).content.decode()
    assert "Nobody has shared yet." in content


# --- A goal's page ------------------------------------------------------------------------------


def test_a_counting_goal_has_an_accessible_chart_with_the_numbers_in_text(
    login, org, manager, facts
):
    today = local_today(org)
    goal = make_goal(org, start=today - timedelta(days=2), days=10, target=40)
    facts("clicks_per_day", {})
    facts("shares_per_day", {today - timedelta(days=2): 3, today: 5})
    content = login(manager).get(url("goal_detail", org, goal.pk)).content.decode()
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in content
    assert '<title id="chart-title">Shares so far, against the pace the target needs</title>' in (
        content
    )
    assert "8 so far, against a target of 40." in content
    assert "At this pace: 26.7 by the end." in content  # 8 in 3 days, 10 days in all
    assert 'class="chart-pace" points="72.0,220.0 464.0,14.0"' in content  # 0 to the target
    # The table: the running total and the pace needed, day by day.
    assert "<td>3</td><td>4</td>" in content
    assert "<td>8</td><td>12</td>" in content


def test_a_state_goal_shows_what_its_value_is_made_of(login, org, manager, ambassador):
    NetworkPresence.objects.create(user=ambassador.user, network="linkedin", audience_size=900)
    NetworkPresence.objects.create(user=ambassador.user, network="x", audience_size=100)
    goal = make_goal(org, metric=Metric.POTENTIAL_REACH, target=5000)
    response = login(manager).get(url("goal_detail", org, goal.pk))
    content = response.content.decode()
    assert response.context["chart"] is None
    assert [(p.label, p.value) for p in response.context["parts"]] == [
        ("LinkedIn", 900),
        ("X", 100),
    ]
    assert "What the current value is made of" in content
    assert "The followers and connections of everyone taking part" in content


def test_ambassadors_per_theme_without_a_theme_points_at_the_weakest(
    login, org, manager, ambassador, leader
):
    solar, wind = (Theme.objects.create(organization=org, name=n) for n in ("Solar", "Wind"))
    for member, theme in [(ambassador, solar), (leader, solar), (leader, wind)]:
        MemberTheme.objects.create(organization=org, membership=member, theme=theme)
    goal = make_goal(org, metric=Metric.AMBASSADORS_PER_THEME, target=3)
    response = login(manager).get(url("goal_detail", org, goal.pk))
    parts = [(p.label, p.value, p.lowest) for p in response.context["parts"]]
    assert parts == [("Solar", 2, False), ("Wind", 1, True)]
    assert "lowest: this one counts" in response.content.decode()


# --- Changing -----------------------------------------------------------------------------------


def test_manager_changes_a_goal_and_the_change_is_audited(login, org, manager):
    goal = make_goal(org, start=local_today(org) + timedelta(days=3))
    data = valid(
        org, name="Sharper", target="120", start=goal.start.isoformat(), end=goal.end.isoformat()
    )
    response = login(manager).post(url("goal_update", org, goal.pk), data, follow=True)
    assert "Goal saved." in response.content.decode()
    goal.refresh_from_db()
    assert (goal.name, goal.target) == ("Sharper", Decimal(120))
    event = AuditEvent.objects.get(action="goal.updated")
    assert event.data["target_value"] == {"from": "100.00", "to": "120"}
    assert event.data["name"]["to"] == "Sharper"


def test_saving_an_unchanged_goal_records_nothing(login, org, manager):
    goal = make_goal(org, why="")
    response = login(manager).get(url("goal_update", org, goal.pk))
    assert 'name="target" value="100"' in response.content.decode()  # not 100.00, not 1E+2
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["start"], data["end"] = goal.start.isoformat(), goal.end.isoformat()
    response = login(manager).post(url("goal_update", org, goal.pk), data, follow=True)
    assert "Nothing changed." in response.content.decode()
    assert not AuditEvent.objects.filter(action="goal.updated").exists()


def test_bad_input_when_changing_saves_nothing(login, org, manager):
    goal = make_goal(org)
    data = valid(org, name="New name", start="2026-06-01", end="2026-05-01")
    response = login(manager).post(url("goal_update", org, goal.pk), data)
    assert response.context["form"].errors["end"] == ["The end cannot be before the start."]
    goal.refresh_from_db()
    assert goal.name != "New name"


def test_an_ended_goal_keeps_what_it_measured(login, org, manager):
    theme = Theme.objects.create(organization=org, name="Solar")
    goal = make_goal(org, start=local_today(org) - timedelta(days=40), days=30)
    client = login(manager)
    form = client.get(url("goal_update", org, goal.pk)).context["form"]
    assert [name for name, field in form.fields.items() if not field.disabled] == [
        "name",
        "why",
        "target",
    ]
    # A forged post cannot change the metric or the period: disabled fields keep their value.
    data = valid(org, name="Renamed", metric=Metric.CLICKS, theme=str(theme.pk), start="2020-01-01")
    client.post(url("goal_update", org, goal.pk), data)
    goal.refresh_from_db()
    assert (goal.name, goal.metric, goal.theme) == ("Renamed", Metric.SHARES, None)
    with pytest.raises(ValidationError) as raised:
        goal_update(goal=goal, by=manager, metric=Metric.CLICKS)
    assert "metric" in raised.value.message_dict


def test_a_goal_keeps_its_archived_theme_when_edited(org, manager):
    theme = Theme.objects.create(organization=org, name="Old")
    goal = make_goal(org, theme=theme)
    Theme.objects.filter(pk=theme.pk).update(archived_at=timezone.now())
    goal.refresh_from_db()
    assert goal_update(goal=goal, by=manager, name="Still fine", theme=goal.theme)
    fresh = Theme.objects.create(organization=org, name="Fresh")
    Theme.objects.filter(pk=fresh.pk).update(archived_at=timezone.now())
    fresh.refresh_from_db()
    with pytest.raises(ValidationError):
        goal_update(goal=goal, by=manager, theme=fresh)


# --- Deleting -----------------------------------------------------------------------------------


def test_a_goal_that_has_not_started_can_be_deleted(login, org, manager):
    goal = make_goal(org, start=local_today(org) + timedelta(days=1))
    client = login(manager)
    detail = client.get(url("goal_detail", org, goal.pk)).content.decode()
    assert 'data-confirm="Delete the goal' in detail
    assert client.get(url("goal_delete", org, goal.pk)).status_code == 405
    response = client.post(url("goal_delete", org, goal.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("goal_list", org)
    assert not Goal.objects.exists()
    event = AuditEvent.objects.get(action="goal.deleted")
    assert (event.actor, event.target) == (manager.user, goal.name)


def test_a_started_goal_cannot_be_deleted_and_the_page_says_why(login, org, manager):
    goal = make_goal(org)  # starts today
    client = login(manager)
    detail = client.get(url("goal_detail", org, goal.pk)).content.decode()
    assert 'action="' + url("goal_delete", org, goal.pk) not in detail
    assert "A goal that has started stays on record with its progress" in detail
    response = client.post(url("goal_delete", org, goal.pk), follow=True)
    assert "This goal has started, so it stays on record" in response.content.decode()
    assert Goal.objects.filter(pk=goal.pk).exists()
    assert not AuditEvent.objects.filter(action="goal.deleted").exists()


# --- Keeping the final result -------------------------------------------------------------------

NOV = date(2026, 11, 1)


def test_finalise_stores_the_result_of_ended_goals_only(org, facts):
    facts("shares_per_day", {NOV: 5, NOV + timedelta(days=20): 7, NOV + timedelta(days=40): 100})
    ended = make_goal(org, start=NOV, days=30, target=10)
    running = make_goal(org, start=NOV + timedelta(days=20), days=30)
    upcoming = make_goal(org, start=NOV + timedelta(days=60))
    today = NOV + timedelta(days=30)  # the day after `ended` ended

    assert goals_finalise(today=today) == 1
    ended.refresh_from_db()
    assert ended.final_value == 12  # the shares of its own period, not the later ones
    assert ended.finalised_at is not None
    for goal in (running, upcoming):
        goal.refresh_from_db()
        assert goal.final_value is None and goal.finalised_at is None


def test_finalise_is_idempotent(org, facts):
    facts("shares_per_day", {NOV: 5})
    goal = make_goal(org, start=NOV, days=1)
    assert goals_finalise(today=NOV + timedelta(days=1)) == 1
    goal.refresh_from_db()
    stamp = goal.finalised_at
    facts("shares_per_day", {NOV: 50})  # late data does not rewrite history
    assert goals_finalise(today=NOV + timedelta(days=2)) == 0
    goal.refresh_from_db()
    assert (goal.final_value, goal.finalised_at) == (5, stamp)


def test_a_state_goal_keeps_the_value_measured_when_it_ended(org, ambassador):
    presence = NetworkPresence.objects.create(
        user=ambassador.user, network="linkedin", audience_size=700
    )
    goal = make_goal(org, metric=Metric.POTENTIAL_REACH, start=NOV, days=10, target=500)
    goals_finalise(today=NOV + timedelta(days=10))
    presence.audience_size = 5
    presence.save()
    goal.refresh_from_db()
    assert goal.final_value == 700


def test_finalise_uses_each_organisations_own_date(make_org):
    # UTC+14 and UTC-11 are always at least a day apart: a goal that ended yesterday on
    # Kiritimati is still running in Pago Pago.
    early = make_org(time_zone="Pacific/Kiritimati")
    late = make_org(time_zone="Pacific/Pago_Pago")
    yesterday_early = local_today(early) - timedelta(days=1)
    early_goal = make_goal(early, start=yesterday_early, days=1)
    late_goal = make_goal(late, start=yesterday_early, days=1)
    assert goals_finalise() == 1
    early_goal.refresh_from_db()
    late_goal.refresh_from_db()
    assert early_goal.final_value == 0 and early_goal.finalised_at is not None
    assert late_goal.finalised_at is None


def test_the_finalise_job_runs_daily_through_the_scheduler(make_org):
    from multiplier.program import tasks

    job = scheduler.REGISTRY["multiplier.program.tasks.finalise_goals"]
    assert job.every == timedelta(days=1)
    org = make_org()
    goal = make_goal(org, start=local_today(org) - timedelta(days=10), days=5)
    assert job.name in scheduler.tick(jobs={job.name: job})  # the immediate backend runs it
    goal.refresh_from_db()
    assert goal.finalised_at is not None
    assert tasks.finalise_goals.call() == 0


def test_an_ended_goal_not_yet_finalised_says_so(login, org, manager):
    goal = make_goal(org, start=local_today(org) - timedelta(days=10), days=5)
    content = login(manager).get(url("goal_detail", org, goal.pk)).content.decode()
    assert "the final result is stored overnight" in content
    goals_finalise()
    content = login(manager).get(url("goal_detail", org, goal.pk)).content.decode()
    assert "Final result." in content


def test_active_ambassadors_shows_invited_and_sharers(
    login, org, manager, ambassador, leader, make_member, facts
):
    opted_out = make_member(org, status="opted_out")
    facts("sharer_ids", {ambassador.pk, opted_out.pk})  # an opted-out share does not count
    goal = make_goal(org, metric=Metric.ACTIVE_AMBASSADORS, target=50)
    response = login(manager).get(url("goal_detail", org, goal.pk))
    assert [p.value for p in response.context["parts"]] == [4, 1]  # 4 invited, 1 sharer
    assert response.context["progress"].value == 25


def test_the_chart_axis_takes_round_steps_up_to_the_target_or_the_forecast(org, facts):
    from multiplier.program.goal_chart import goal_chart
    from multiplier.program.goal_progress import goal_progress

    big = make_goal(org, start=NOV, days=10, target=2000)
    facts("shares_per_day", {NOV: 100})
    chart = goal_chart(goal_progress(big, today=NOV + timedelta(days=1)))
    assert [label for _, label in chart.y_ticks] == [0, 500, 1000, 1500, 2000]
    assert chart.today_x and chart.forecast

    fast = make_goal(org, start=NOV, days=10, target=100)  # 100 a day: 1000 by the end
    chart = goal_chart(goal_progress(fast, today=NOV))
    assert [label for _, label in chart.y_ticks][-1] == 1000

    ended = goal_chart(goal_progress(fast, today=NOV + timedelta(days=30)))
    assert (ended.forecast, ended.today_x) == ("", "")  # no projection once it is over
    assert len(ended.rows) == 10
