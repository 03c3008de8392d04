"""Coverage (step 3): the counts on constructed data, the page, and the thresholds."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from multiplier.core.models import AuditEvent, MembershipStatus, Role
from multiplier.program.metrics import MetricQuery, metric_value
from multiplier.program.models import MemberTheme, Metric, ProgrammeSettings, Theme, ThemeRelation
from multiplier.program.selectors.coverage import State, coverage, theme_coverage

pytestmark = pytest.mark.django_db

INTEREST, EXPERTISE = ThemeRelation.INTEREST, ThemeRelation.EXPERTISE


def coverage_url(org) -> str:
    return reverse("coverage", args=[org.slug])


def on(member, theme, relation=INTEREST, confirmed=False) -> MemberTheme:
    return MemberTheme.objects.create(
        organization=member.organization, membership=member, theme=theme, relation=relation,
        confirmed_at=timezone.now() if confirmed else None,
    )  # fmt: skip


def set_thresholds(org, ambassadors: int, experts: int) -> None:
    ProgrammeSettings.objects.filter(organization=org).update(
        min_ambassadors_per_theme=ambassadors, min_experts_per_theme=experts
    )


@pytest.fixture
def world(org, make_member, ambassador, leader, manager):
    """Solar: ambassador (confirmed expert), leader (interest), manager (expertise, not
    confirmed), an opted-out confirmed expert and an invited person. Wind: only the leader.
    Archived: the ambassador."""
    solar = Theme.objects.create(organization=org, name="Solar", position=0)
    wind = Theme.objects.create(organization=org, name="Wind", position=1)
    old = Theme.objects.create(organization=org, name="Old", archived_at=timezone.now())
    opted_out = make_member(org, name="Olga Optedout", status=MembershipStatus.OPTED_OUT)
    invited = make_member(org, name="Ivo Invited", status=MembershipStatus.INVITED)
    on(ambassador, solar, EXPERTISE, confirmed=True)
    on(leader, solar)
    on(manager, solar, EXPERTISE)
    on(opted_out, solar, EXPERTISE, confirmed=True)
    on(invited, solar)
    on(leader, wind, EXPERTISE, confirmed=True)
    on(ambassador, old, EXPERTISE, confirmed=True)
    set_thresholds(org, ambassadors=2, experts=1)
    return {"solar": solar, "wind": wind, "old": old, "opted_out": opted_out}


def test_counts_per_theme(org, world, ambassador, leader, manager):
    picture = coverage(org)
    assert [tc.theme.name for tc in picture.themes] == ["Solar", "Wind"]  # archived left out
    solar, wind = picture.themes

    # Opted-out and invited people are not counted; leaders are ambassadors, counted apart too.
    assert (solar.ambassadors, solar.experts, solar.unconfirmed_experts, solar.leaders) == (
        3,
        1,
        1,
        1,
    )
    assert {p.membership.pk for p in solar.people} == {ambassador.pk, leader.pk, manager.pk}
    assert [p.state for p in solar.people] == [State.CONFIRMED, State.EXPERTISE, State.INTEREST]
    assert not solar.is_flagged

    # Wind: one leader who is a confirmed expert -> below the ambassador threshold only.
    assert (wind.ambassadors, wind.experts, wind.leaders) == (1, 1, 1)
    assert wind.needs_ambassadors and not wind.needs_experts
    assert [tc.theme.name for tc in picture.flagged] == ["Wind"]


def test_leaders_are_counted_separately(org, make_member):
    theme = Theme.objects.create(organization=org, name="Hydrogen")
    for n in range(3):
        on(make_member(org, is_leader=n == 0), theme)
    tc = theme_coverage(theme)
    assert (tc.ambassadors, tc.leaders) == (3, 1)


def test_ambassadors_agree_with_the_goal_metric(org, world):
    """Coverage and the goal metric "ambassadors per theme" must never tell two stories."""
    for tc in coverage(org).themes:
        query = MetricQuery(org, date(2026, 1, 1), date(2026, 1, 31), theme_id=tc.theme.pk)
        assert metric_value(Metric.AMBASSADORS_PER_THEME, query) == tc.ambassadors


def test_participating_members_on_no_theme(org, world, make_member):
    loner = make_member(org, name="Lone Wolf")
    picture = coverage(org)
    # The archived theme does not count as being on a theme; opted-out and invited never appear.
    assert [m.user.name for m in picture.without_theme] == ["Lone Wolf"]
    assert picture.participating == 4  # ambassador, leader, manager, loner
    assert loner.pk


def test_thresholds_of_zero_flag_nothing(org, world):
    set_thresholds(org, 0, 0)
    assert coverage(org).flagged == []


def test_no_themes_no_flags(org, ambassador):
    picture = coverage(org)
    assert picture.themes == [] and picture.flagged == []
    assert [m.pk for m in picture.without_theme] == [ambassador.pk]


def test_missing_settings_row_falls_back_to_the_defaults(org):
    ProgrammeSettings.objects.filter(organization=org).delete()
    settings = coverage(org).settings
    assert (settings.min_ambassadors_per_theme, settings.min_experts_per_theme) == (3, 1)


# --- The page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_staff_see_the_picture(request, login, org, world, who):
    response = login(request.getfixturevalue(who)).get(coverage_url(org))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Amber Ambassador" in content and "Lee Leader" in content
    assert "Olga Optedout" not in content and "Ivo Invited" not in content
    assert "Old" not in [tc.theme.name for tc in response.context["coverage"].themes]
    assert 'class="person-chip confirmed"' in content
    assert "needs 2" in content  # Wind's flag says what it needs


def test_ambassador_and_outsider_cannot_see_coverage(login, org, ambassador, outsider):
    assert login(ambassador).get(coverage_url(org)).status_code == 403
    assert (
        login(ambassador)
        .post(coverage_url(org), {"min_ambassadors": 0, "min_experts": 0})
        .status_code
        == 403
    )
    assert login(outsider).get(coverage_url(org)).status_code == 404
    settings = ProgrammeSettings.objects.get(organization=org)
    assert settings.min_ambassadors_per_theme == 3


def test_empty_state_points_to_adding_themes(login, org, manager):
    content = login(manager).get(coverage_url(org)).content.decode()
    assert "No themes yet" in content
    assert reverse("theme_create", args=[org.slug]) in content


def test_manager_changes_the_thresholds(login, org, manager):
    response = login(manager).post(coverage_url(org), {"min_ambassadors": "5", "min_experts": "2"})
    assert response.status_code == 302
    settings = ProgrammeSettings.objects.get(organization=org)
    assert (settings.min_ambassadors_per_theme, settings.min_experts_per_theme) == (5, 2)
    event = AuditEvent.objects.get(action="programme.coverage_thresholds_changed")
    assert event.data["min_ambassadors_per_theme"] == {"from": 3, "to": 5}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"min_ambassadors": "-1", "min_experts": "1"}, "min_ambassadors", "cannot be negative"),
        ({"min_ambassadors": "three", "min_experts": "1"}, "min_ambassadors", "whole number"),
        ({"min_ambassadors": "3", "min_experts": ""}, "min_experts", "Enter a number"),
        ({"min_ambassadors": "5000", "min_experts": "1"}, "min_ambassadors", "from 0 to 1000"),
        ({"min_ambassadors": "2", "min_experts": "3"}, "min_experts", "more experts than"),
    ],
)
def test_bad_thresholds_give_field_errors_and_save_nothing(
    login, org, manager, data, field, message
):
    response = login(manager).post(coverage_url(org), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field]), errors
    settings = ProgrammeSettings.objects.get(organization=org)
    assert (settings.min_ambassadors_per_theme, settings.min_experts_per_theme) == (3, 1)
    assert not AuditEvent.objects.filter(action="programme.coverage_thresholds_changed").exists()


def test_opted_out_staff_member_is_not_counted(org, make_member):
    theme = Theme.objects.create(organization=org, name="Solar")
    gone = make_member(org, role=Role.MANAGER, status=MembershipStatus.OPTED_OUT)
    on(gone, theme, EXPERTISE, confirmed=True)
    tc = theme_coverage(theme)
    assert (tc.ambassadors, tc.experts) == (0, 0)
