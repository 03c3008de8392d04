"""`multiplier demo` builds a believable organisation, and building it twice changes nothing."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from multiplier.accounts.models import Invitation, NetworkPresence, User
from multiplier.core.models import Membership, MembershipStatus, Organization, Role
from multiplier.demo.data import DEMO_LOGINS, DEMO_ORG_SLUG, DEMO_PASSWORD
from multiplier.program.canvas import StepState, build_canvas
from multiplier.program.goal_progress import GoalStatus, goal_progress
from multiplier.program.models import (
    Campaign,
    Connection,
    Entity,
    Goal,
    MemberLevel,
    MemberTheme,
    Policy,
    PolicyAcceptance,
    Theme,
)
from multiplier.program.policy import acceptance_summary, policy_to_accept
from multiplier.program.selectors.coverage import coverage
from multiplier.program.selectors.outside_world import themes_without_outside_world

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple:
    memberships = Membership.objects.filter(organization__slug=DEMO_ORG_SLUG)
    return (
        User.objects.count(),
        memberships.count(),
        NetworkPresence.objects.count(),
        Invitation.objects.count(),
        Theme.objects.count(),
        MemberTheme.objects.count(),
        MemberLevel.objects.count(),
        Campaign.objects.count(),
        Goal.objects.count(),
        Entity.objects.count(),
        Connection.objects.count(),
        Policy.objects.count(),
        PolicyAcceptance.objects.count(),
        sorted(memberships.values_list("user__email", "role", "status", "is_leader", "team")),
    )


def test_demo_has_every_kind_of_member():
    call_command("demo", stdout=None)
    members = Membership.objects.filter(organization__slug=DEMO_ORG_SLUG)
    assert 35 <= members.count() <= 45
    assert members.filter(role=Role.ADMIN).count() >= 2
    assert members.filter(role=Role.MANAGER).count() >= 2
    assert members.participating().leaders().count() >= 4
    assert members.filter(status=MembershipStatus.OPTED_OUT).count() >= 3
    assert members.filter(status=MembershipStatus.INVITED).count() >= 2
    assert len(set(members.values_list("team", flat=True))) >= 6
    # Everyone taking part told us their networks (potential reach needs it).
    for membership in members.participating():
        assert membership.user.networks.exists(), membership.user.email
    assert members.filter(user__language="en").exists()  # international colleagues


def test_demo_is_idempotent():
    call_command("demo", stdout=None)
    first = _snapshot()
    call_command("demo", stdout=None)
    assert _snapshot() == first


@pytest.mark.parametrize(("email", "what"), DEMO_LOGINS)
def test_documented_demo_logins_work(email, what):
    call_command("demo", stdout=None)
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, what
    home = client.get(response["Location"], follow=True)
    assert home.status_code == 200
    assert home.context["organization"].slug == DEMO_ORG_SLUG


def test_people_who_never_accepted_have_a_real_pending_invitation():
    call_command("demo", stdout=None)
    invited = Membership.objects.filter(
        organization__slug=DEMO_ORG_SLUG, status=MembershipStatus.INVITED
    ).select_related("user", "invitation")
    assert invited.exists()
    for membership in invited:
        assert not membership.user.has_usable_password()
        assert membership.invitation.expires_at > timezone.now()
        assert membership.invitation.accepted_at is None
    assert mail.outbox == []  # building the demo e-mails nobody


def test_some_members_have_not_finished_onboarding():
    call_command("demo", stdout=None)
    members = Membership.objects.filter(organization__slug=DEMO_ORG_SLUG).participating()
    assert members.filter(onboarded_at__isnull=True).exists()
    assert members.filter(user__email="ambassador@noorderlicht.example", onboarded_at__isnull=False)


def test_demo_has_a_programme_with_something_left_to_do():
    call_command("demo", stdout=None)
    org = Organization.objects.get(slug=DEMO_ORG_SLUG)
    assert Theme.objects.filter(organization=org).active().count() >= 5
    assert MemberTheme.objects.filter(organization=org, confirmed_at__isnull=False).count() >= 4
    assert MemberLevel.objects.filter(organization=org).exists()
    statuses = {goal_progress(goal).status for goal in Goal.objects.filter(organization=org)}
    assert statuses == {GoalStatus.UPCOMING, GoalStatus.RUNNING, GoalStatus.ENDED}
    ended = [g for g in Goal.objects.filter(organization=org) if g.finalised_at is not None]
    assert ended and all(g.final_value > 0 for g in ended)  # kept with its result
    assert Campaign.objects.filter(organization=org).count() >= 2
    # A believable gap: one theme has too few people, and the canvas says so.
    assert len(coverage(org).flagged) >= 1
    assert build_canvas(org).steps[2].state == StepState.ATTENTION


def test_demo_has_an_outside_world_and_an_accepted_policy():
    call_command("demo", stdout=None)
    org = Organization.objects.get(slug=DEMO_ORG_SLUG)
    kinds = set(Entity.objects.filter(organization=org).values_list("kind", flat=True))
    assert len(kinds) >= 5
    assert Connection.objects.filter(organization=org).count() >= 6
    summary = acceptance_summary(org)
    assert summary.policy is not None
    assert 0 < summary.accepted < summary.participating  # most, not all: the canvas shows it
    # The documented logins start without being asked to accept first.
    for email, _ in DEMO_LOGINS:
        member = Membership.objects.get(organization=org, user__email=email)
        assert policy_to_accept(member) is None, email


def test_every_step_of_the_demo_programme_has_content():
    """Goals with a why, described themes with confirmed experts, described ways to contribute,
    an outside world around every theme (with handles to follow), a published policy."""
    call_command("demo", stdout=None)
    org = Organization.objects.get(slug=DEMO_ORG_SLUG)
    assert all(goal.why for goal in Goal.objects.filter(organization=org))
    covered = coverage(org)
    assert all(theme.theme.description for theme in covered.themes)
    assert sum(theme.experts > 0 for theme in covered.themes) >= 4
    assert themes_without_outside_world(org) == []
    assert Entity.objects.filter(organization=org).exclude(handles={}).count() >= 2
    steps = build_canvas(org).steps
    assert [step.state != StepState.TODO for step in steps[:6]] == [True] * 6
    # The demo's shares give the sharing goal a value (it does not wait for the first shares);
    # the goal on people per theme is really behind (energy poverty has one person).
    progress = {g.name: goal_progress(g) for g in Goal.objects.filter(organization=org)}
    sharing_goal = progress["Een op de drie collega's deelt"]
    assert not sharing_goal.waiting and sharing_goal.value > 0
    assert progress["Vijf ambassadeurs per thema"].on_track is False
