"""The programme canvas: every state of every step on constructed data, the page, and the
canvas on the manager's home page until the programme runs."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from multiplier.core.models import MembershipStatus
from multiplier.program import canvas
from multiplier.program.canvas import Canvas, CanvasStep, StepState, build_canvas
from multiplier.program.models import (
    Connection,
    ConnectionKind,
    Entity,
    EntityKind,
    Goal,
    Level,
    MemberTheme,
    Metric,
    Policy,
    PolicyAcceptance,
    ProgrammeSettings,
    Theme,
    ThemeRelation,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 15)


def goal(org, start: date, days: int = 30, target: int = 100, metric=Metric.SHARES) -> Goal:
    return Goal.objects.create(
        organization=org, name=f"Goal from {start}", metric=metric, target=Decimal(target),
        start=start, end=start + timedelta(days=days - 1),
    )  # fmt: skip


def theme(org, name: str, description: str = "What it is about.") -> Theme:
    return Theme.objects.create(organization=org, name=name, description=description)


def bond(member, theme: Theme, relation=ThemeRelation.INTEREST, confirmed=True) -> MemberTheme:
    """Expertise is confirmed by a manager unless `confirmed=False` (only then it counts)."""
    expert = relation == ThemeRelation.EXPERTISE and confirmed
    return MemberTheme.objects.create(
        organization=member.organization, membership=member, theme=theme, relation=relation,
        confirmed_at=timezone.now() if expert else None,
    )  # fmt: skip


def entity(org, name: str, *themes: Theme) -> Entity:
    created = Entity.objects.create(organization=org, name=name, kind=EntityKind.MEDIA)
    created.themes.set(themes)
    return created


def connect(member, entity: Entity, kind=ConnectionKind.FOLLOWS) -> Connection:
    return Connection.objects.create(
        organization=member.organization, membership=member, entity=entity, kind=kind
    )


def policy(org, version: int, published: bool = True) -> Policy:
    return Policy.objects.create(
        organization=org, version=version, title="Our policy", body="<p>Be kind.</p>",
        published_at=timezone.now() if published else None,
    )  # fmt: skip


def accept(member, policy: Policy) -> None:
    PolicyAcceptance.objects.create(
        organization=member.organization, policy=policy, membership=member
    )


def state(step: CanvasStep) -> tuple[StepState, str]:
    return step.state, step.summary


# --- Step 1: goals ------------------------------------------------------------------------------


def test_goals_to_do_without_goals_links_to_creating_one(org):
    step = canvas.goals_step(org, TODAY, runs=False)
    assert state(step) == (StepState.TODO, "No goals yet.")
    assert step.url_name == "goal_create"
    assert str(step.action) == "Set goals"


def test_goals_done_with_running_and_upcoming_goals(org):
    goal(org, TODAY - timedelta(days=5))
    goal(org, TODAY + timedelta(days=5))
    goal(org, TODAY - timedelta(days=100))  # past: not counted as current
    step = canvas.goals_step(org, TODAY, runs=False)
    # Before anyone shares, an empty forecast says nothing: not "not on track".
    assert state(step) == (StepState.DONE, "2 goals running or coming up.")
    assert step.url_name == "goal_list"
    assert str(step.action) == "See the goals"


def test_goals_need_attention_when_every_goal_is_over(org):
    goal(org, TODAY - timedelta(days=100))
    goal(org, TODAY - timedelta(days=60))
    assert state(canvas.goals_step(org, TODAY, runs=False)) == (
        StepState.ATTENTION,
        "2 goals, all of them over: set the next one.",
    )


def test_goals_need_attention_when_a_running_goal_is_behind_once_sharing_runs(org, facts):
    goal(org, TODAY - timedelta(days=9), days=30, target=30)  # 10 shares in 10 days: on track
    goal(org, TODAY - timedelta(days=9), days=30, target=300)  # behind
    facts("shares_per_day", {TODAY: 10})
    assert state(canvas.goals_step(org, TODAY, runs=True)) == (
        StepState.ATTENTION,
        "2 goals running or coming up. 1 is not on track.",
    )


def test_goals_done_when_every_running_goal_is_on_track(org, facts):
    goal(org, TODAY - timedelta(days=9), days=30, target=30)
    facts("shares_per_day", {TODAY: 10})
    assert canvas.goals_step(org, TODAY, runs=True).state == StepState.DONE


# --- Step 2: themes -----------------------------------------------------------------------------


def test_themes_to_do_when_only_archived_themes_exist(org):
    Theme.objects.create(organization=org, name="Old", archived_at=timezone.now())
    assert state(canvas.themes_step(org)) == (StepState.TODO, "No themes yet.")


def test_themes_need_a_description(org):
    theme(org, "Solar")
    theme(org, "Wind", description="  ")
    assert state(canvas.themes_step(org)) == (
        StepState.ATTENTION,
        "2 themes, 1 without a description.",
    )


def test_themes_done(org):
    theme(org, "Solar")
    theme(org, "Wind")
    assert state(canvas.themes_step(org)) == (StepState.DONE, "2 themes: Solar, Wind.")


# --- Step 3: employees per theme ----------------------------------------------------------------


def test_people_to_do_without_themes(org):
    assert canvas.people_step(org).state == StepState.TODO


def test_people_to_do_when_only_opted_out_members_chose_a_theme(org, make_member):
    solar = theme(org, "Solar")
    bond(make_member(org, status=MembershipStatus.OPTED_OUT), solar, ThemeRelation.EXPERTISE)
    bond(make_member(org, status=MembershipStatus.INVITED), solar)
    assert state(canvas.people_step(org)) == (
        StepState.TODO,
        "Nobody taking part has chosen a theme yet.",
    )


def test_people_flag_themes_below_the_organisations_thresholds(
    org, ambassador, leader, manager, make_member
):
    # Defaults: 3 ambassadors and 1 expert per theme.
    solar, wind = theme(org, "Solar"), theme(org, "Wind")
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    for member in (ambassador, leader, manager):
        bond(member, solar)
    bond(ambassador, wind, ThemeRelation.EXPERTISE)
    bond(opted_out, solar, ThemeRelation.EXPERTISE)  # not counted: Solar has no expert
    bond(opted_out, wind)  # not counted: Wind has 1 ambassador
    assert state(canvas.people_step(org)) == (
        StepState.ATTENTION,
        "1 theme has fewer than 3 ambassadors. 1 theme has no expert.",
    )


def test_people_use_the_thresholds_the_organisation_set(org, ambassador, leader):
    ProgrammeSettings.objects.filter(organization=org).update(
        min_ambassadors_per_theme=1, min_experts_per_theme=2
    )
    solar, wind = theme(org, "Solar"), theme(org, "Wind")
    bond(ambassador, solar, ThemeRelation.EXPERTISE)
    bond(leader, solar, ThemeRelation.EXPERTISE)
    bond(leader, wind, ThemeRelation.EXPERTISE)
    assert state(canvas.people_step(org)) == (
        StepState.ATTENTION,
        "1 theme has fewer than 2 experts.",
    )
    bond(ambassador, wind, ThemeRelation.EXPERTISE)
    assert state(canvas.people_step(org)) == (
        StepState.DONE,
        "Every theme has enough ambassadors and experts.",
    )


def test_people_count_only_confirmed_experts_as_the_coverage_page_does(org, ambassador):
    ProgrammeSettings.objects.filter(organization=org).update(min_ambassadors_per_theme=1)
    solar = theme(org, "Solar")
    claimed = bond(ambassador, solar, ThemeRelation.EXPERTISE, confirmed=False)
    assert state(canvas.people_step(org)) == (StepState.ATTENTION, "1 theme has no expert.")
    claimed.confirmed_at = timezone.now()
    claimed.save()
    assert canvas.people_step(org).state == StepState.DONE


def test_people_ignore_archived_themes(org, ambassador):
    ProgrammeSettings.objects.filter(organization=org).update(min_ambassadors_per_theme=1)
    solar = theme(org, "Solar")
    bond(ambassador, solar, ThemeRelation.EXPERTISE)
    Theme.objects.create(organization=org, name="Old", archived_at=timezone.now())
    assert canvas.people_step(org).state == StepState.DONE


def test_people_without_a_settings_row_use_the_defaults(org, ambassador):
    ProgrammeSettings.objects.filter(organization=org).delete()
    bond(ambassador, theme(org, "Solar"), ThemeRelation.EXPERTISE)
    assert canvas.people_step(org).summary == "1 theme has fewer than 3 ambassadors."
    assert not ProgrammeSettings.objects.filter(organization=org).exists()  # reads create nothing


# --- Step 4: levels -----------------------------------------------------------------------------


def test_levels_done_with_the_defaults(org):
    assert state(canvas.levels_step(org)) == (
        StepState.DONE,
        "4 ways to contribute: Sharer, Engager, Creator, Expert.",
    )


def test_levels_need_a_description(org):
    Level.objects.filter(organization=org, key="engager").update(description="")
    assert state(canvas.levels_step(org)) == (
        StepState.ATTENTION,
        "4 ways to contribute, 1 without a description.",
    )


def test_levels_to_do_without_levels(org):
    Level.objects.filter(organization=org).delete()
    assert state(canvas.levels_step(org)) == (StepState.TODO, "No ways to contribute yet.")


# --- Step 5: the outside world ------------------------------------------------------------------


def test_outside_world_empty(org):
    assert state(canvas.outside_step(org)) == (StepState.TODO, "The outside world is empty.")


def test_outside_world_flags_entities_nobody_is_connected_to(org, ambassador, make_member):
    solar = theme(org, "Solar")
    wind = theme(org, "Wind")
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    connected = entity(org, "Energy Weekly", solar)
    wished = entity(org, "Solar Summit", solar)
    forgotten = entity(org, "Green podcast", solar)
    connect(ambassador, connected, ConnectionKind.KNOWS)
    connect(ambassador, wished, ConnectionKind.SHOULD_CONNECT)  # a wish, not a connection
    connect(opted_out, forgotten)  # opted out: not counted
    assert wind  # has no entity at all
    assert state(canvas.outside_step(org)) == (
        StepState.ATTENTION,
        "3 entities. 2 have nobody connected to them. 1 theme has no outside world yet.",
    )


def test_outside_world_done(org, ambassador, leader):
    solar = theme(org, "Solar")
    for name, member in [("Energy Weekly", ambassador), ("Solar Summit", leader)]:
        connect(member, entity(org, name, solar), ConnectionKind.ENGAGES)
    assert state(canvas.outside_step(org)) == (
        StepState.DONE,
        "2 entities, each with someone connected.",
    )


# --- Step 6: support (policy) -------------------------------------------------------------------


def test_support_to_do_without_a_policy(org):
    assert state(canvas.support_step(org)) == (StepState.TODO, "No social media policy yet.")
    policy(org, 1, published=False)
    assert state(canvas.support_step(org)) == (
        StepState.TODO,
        "A draft policy is waiting to be published.",
    )


def test_support_shows_acceptance_of_the_current_version_among_participating_members(
    org, admin, manager, ambassador, leader, make_member
):
    old, current = policy(org, 1), policy(org, 2)
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    invited = make_member(org, status=MembershipStatus.INVITED)
    for member in (admin, manager, ambassador):
        accept(member, current)
    accept(leader, old)  # an older version does not count
    accept(opted_out, current)  # neither do people who do not take part
    accept(invited, current)
    # 3 of the 4 participating members accepted version 2.
    assert state(canvas.support_step(org)) == (
        StepState.DONE,
        "Policy version 2 accepted by 75% of members.",
    )


def test_support_needs_attention_when_a_newer_draft_waits(org, ambassador):
    current = policy(org, 1)
    accept(ambassador, current)
    policy(org, 2, published=False)
    assert state(canvas.support_step(org)) == (
        StepState.ATTENTION,
        "Policy version 1 accepted by 100% of members. A newer draft is waiting to be published.",
    )


def test_support_with_nobody_taking_part(org, make_member):
    make_member(org, status=MembershipStatus.INVITED)
    policy(org, 1)
    assert state(canvas.support_step(org)) == (StepState.DONE, "Policy version 1 published.")


# --- Step 7: measure, and when the programme runs -----------------------------------------------


def test_measuring_starts_when_sharing_begins(org):
    assert not canvas.programme_runs(org, TODAY)
    assert state(canvas.measure_step(org, TODAY, runs=False)) == (
        StepState.TODO,
        "Measuring starts when sharing begins.",
    )


def test_the_programme_runs_once_someone_shared_in_the_last_90_days(org, facts):
    facts("shares_per_day", {TODAY - timedelta(days=90): 4})  # 91 days ago: too long
    assert not canvas.programme_runs(org, TODAY)
    facts("shares_per_day", {TODAY - timedelta(days=89): 4, TODAY: 2})
    facts("clicks_per_day", {TODAY: 1})
    assert canvas.programme_runs(org, TODAY)
    assert state(canvas.measure_step(org, TODAY, runs=True)) == (
        StepState.DONE,
        "6 shares in the last 90 days, 1 click.",
    )


def test_sharer_ids_alone_also_mean_the_programme_runs(org, ambassador, facts):
    facts("sharer_ids", {ambassador.pk})
    assert canvas.programme_runs(org, TODAY)


def test_build_canvas_has_the_seven_steps_in_order(org):
    built = build_canvas(org, today=TODAY)
    assert [step.number for step in built.steps] == [1, 2, 3, 4, 5, 6, 7]
    assert built.done == 1  # the default levels
    assert built.runs is False


# --- The page and the home page -----------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [("admin", 200), ("manager", 200),
                                             ("ambassador", 403), ("leader", 403),
                                             ("outsider", 404)])  # fmt: skip
def test_who_sees_the_canvas(request, login, org, who, status):
    response = login(request.getfixturevalue(who)).get(reverse("programme_canvas", args=[org.slug]))
    assert response.status_code == status


def test_the_canvas_page_lists_the_steps_with_their_state_and_links(login, org, manager):
    content = login(manager).get(reverse("programme_canvas", args=[org.slug])).content.decode()
    assert "1 of 7 steps done" in content
    assert "No goals yet." in content
    assert "Measuring starts when sharing begins." in content
    assert f'href="{reverse("goal_create", args=[org.slug])}"' in content
    assert content.count('class="badge grey">To do<') == 6  # all but the (default) levels
    assert "What must the programme achieve?" in content  # the purpose lines


def test_a_step_whose_page_does_not_exist_yet_says_so(org):
    step = CanvasStep(9, "Later", "Purpose", StepState.TODO, "Nothing yet.", "no_such_page", "Go")
    request = RequestFactory().get("/")
    html = render_to_string(
        "program/canvas/_steps.html",
        {"canvas": Canvas([step], runs=False), "organization": org, "heading": 2},
        request=request,
    )
    assert "The page for this step is on its way." in html
    assert "<a " not in html


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_staff_see_the_canvas_on_their_home_page_until_the_programme_runs(
    request, login, org, who, facts
):
    client = login(request.getfixturevalue(who))
    content = client.get(reverse("org_home", args=[org.slug])).content.decode()
    assert "Build your programme, step by step" in content
    assert "Measuring starts when sharing begins." in content
    assert f'href="{reverse("programme_canvas", args=[org.slug])}"' in content

    facts("shares_per_day", {timezone.localdate(timezone=org.tz): 1})
    content = client.get(reverse("org_home", args=[org.slug])).content.decode()
    assert "Build your programme, step by step" not in content


def test_ambassadors_do_not_see_the_canvas_on_their_home_page(login, org, ambassador):
    content = login(ambassador).get(reverse("org_home", args=[org.slug])).content.decode()
    assert "Build your programme" not in content
    assert "Nothing to share yet" in content


def test_the_staff_menu_links_canvas_goals_and_campaigns(login, org, manager, ambassador):
    content = login(manager).get(reverse("goal_list", args=[org.slug])).content.decode()
    for name in ("programme_canvas", "goal_list", "campaign_list"):
        assert f'href="{reverse(name, args=[org.slug])}"' in content
    assert f'href="{reverse("goal_list", args=[org.slug])}" aria-current="page"' in content
    ambassador_home = login(ambassador).get(reverse("org_home", args=[org.slug]))
    assert reverse("goal_list", args=[org.slug]) not in ambassador_home.content.decode()
