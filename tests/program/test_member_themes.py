"""Step 3: members declare their themes (onboarding, profile); managers put people on a theme and
confirm experts."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from multiplier.core.models import AuditEvent, MembershipStatus
from multiplier.program.models import MemberTheme, Theme, ThemeRelation
from multiplier.program.services.member_themes import (
    member_theme_assign,
    member_theme_confirm_expert,
    member_theme_set,
)
from multiplier.program.services.themes import theme_archive, theme_create

pytestmark = pytest.mark.django_db


def step_url(key: str) -> str:
    return reverse("onboarding_step", args=["acme", key])


def profile_url() -> str:
    return reverse("profile", args=["acme"])


def people_url(theme) -> str:
    return reverse("theme_people", args=[theme.organization.slug, theme.pk])


def action_url(bond) -> str:
    return reverse("member_theme_action", args=[bond.organization.slug, bond.pk])


def bonds(member) -> dict[str, str]:
    return {b.theme.name: b.relation for b in MemberTheme.objects.filter(membership=member)}


@pytest.fixture
def newcomer(make_member, org):
    return make_member(org, email="newcomer@acme.test", name="Nina Newcomer", onboarded=False)


@pytest.fixture
def themes(org, manager):
    return [theme_create(organization=org, by=manager, name=n) for n in ("Solar", "Wind")]


def bond(member, theme, relation=ThemeRelation.INTEREST, confirmed=False, assigned_by=None):
    return MemberTheme.objects.create(
        organization=member.organization, membership=member, theme=theme, relation=relation,
        confirmed_at=timezone.now() if confirmed else None, assigned_by=assigned_by,
    )  # fmt: skip


# --- The onboarding step ------------------------------------------------------------------------


def test_no_themes_step_while_the_organisation_has_no_active_themes(login, newcomer, org, manager):
    client = login(newcomer)
    assert client.get(step_url("themes")).status_code == 404
    assert client.post(step_url("networks"), {})["Location"] == step_url("language")

    theme_archive(theme=theme_create(organization=org, by=manager, name="Old"), by=manager)
    assert client.get(step_url("themes")).status_code == 404  # archived themes do not count


def test_themes_step_comes_after_networks_and_saves_the_choices(login, newcomer, themes):
    solar, wind = themes
    client = login(newcomer)
    assert client.post(step_url("networks"), {})["Location"] == step_url("themes")
    page = client.get(step_url("themes"))
    content = page.content.decode()
    assert "Step 3 of 4: Your themes" in content
    assert "Solar" in content and "Wind" in content
    assert "I have expertise" in content and "Not for me" in content

    response = client.post(
        step_url("themes"), {f"theme_{solar.pk}": "expertise", f"theme_{wind.pk}": "none"}
    )
    assert response["Location"] == step_url("language")
    assert bonds(newcomer) == {"Solar": "expertise"}
    event = AuditEvent.objects.get(action="member_theme.declared")
    assert event.data["changes"] == {"Solar": {"from": "none", "to": "expertise"}}


def test_themes_step_refuses_a_missing_or_unknown_answer(login, newcomer, themes):
    solar, wind = themes
    client = login(newcomer)
    response = client.post(step_url("themes"), {f"theme_{solar.pk}": "guru"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {f"theme_{solar.pk}", f"theme_{wind.pk}"}
    assert "Choose one of the three answers." in errors[f"theme_{wind.pk}"]
    assert bonds(newcomer) == {}


# --- The profile section ------------------------------------------------------------------------


def test_profile_shows_the_themes_and_saves_changes(login, ambassador, themes, manager):
    solar, wind = themes
    bond(ambassador, solar, ThemeRelation.EXPERTISE, confirmed=True, assigned_by=manager.user)
    client = login(ambassador)
    content = client.get(profile_url()).content.decode()
    assert 'id="themes"' in content
    assert "Your expertise is confirmed." in content
    assert re.search(rf'name="theme_{solar.pk}" value="expertise"[^>]* checked', content)
    assert re.search(rf'name="theme_{wind.pk}" value="none"[^>]* checked', content)

    response = client.post(
        profile_url(),
        {"section": "themes", f"theme_{solar.pk}": "expertise", f"theme_{wind.pk}": "interest"},
    )
    assert response.status_code == 302
    assert response["Location"] == profile_url() + "#themes"
    assert bonds(ambassador) == {"Solar": "expertise", "Wind": "interest"}
    # Keeping expertise keeps the confirmation.
    assert MemberTheme.objects.get(membership=ambassador, theme=solar).is_confirmed_expert


def test_profile_themes_error_keeps_the_other_sections_working(login, ambassador, themes):
    solar, _wind = themes
    response = login(ambassador).post(
        profile_url(), {"section": "themes", f"theme_{solar.pk}": "interest"}
    )
    assert response.status_code == 200
    assert "Choose one of the three answers." in response.content.decode()
    assert bonds(ambassador) == {}


def test_no_themes_section_without_active_themes(login, ambassador):
    assert 'id="themes"' not in login(ambassador).get(profile_url()).content.decode()


def test_opted_out_member_sees_no_themes_section_and_cannot_post_one(
    login, make_member, org, themes
):
    solar, wind = themes
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    client = login(opted_out)
    assert 'id="themes"' not in client.get(profile_url()).content.decode()
    client.post(profile_url(), {"section": "themes", f"theme_{solar.pk}": "expertise",
                                f"theme_{wind.pk}": "none"})  # fmt: skip
    assert bonds(opted_out) == {}
    with pytest.raises(PermissionDenied):
        member_theme_set(membership=opted_out, choices={solar.pk: "interest"})


# --- The member's own answers win -------------------------------------------------------------


def test_stepping_back_to_interest_drops_the_confirmation(ambassador, themes, manager):
    solar, _ = themes
    bond(ambassador, solar, ThemeRelation.EXPERTISE, confirmed=True)
    member_theme_set(membership=ambassador, choices={solar.pk: "interest"})
    found = MemberTheme.objects.get(membership=ambassador, theme=solar)
    assert (found.relation, found.confirmed_at) == ("interest", None)


def test_not_for_me_removes_even_a_managers_assignment(ambassador, themes, manager):
    solar, _ = themes
    bond(ambassador, solar, assigned_by=manager.user)
    changes = member_theme_set(membership=ambassador, choices={solar.pk: "none"})
    assert changes == {"Solar": {"from": "interest", "to": "none"}}
    assert bonds(ambassador) == {}


def test_member_theme_set_refuses_archived_and_foreign_themes(
    ambassador, themes, manager, outsider
):
    solar, _ = themes
    theme_archive(theme=solar, by=manager)
    with pytest.raises(ValidationError):
        member_theme_set(membership=ambassador, choices={solar.pk: "interest"})
    foreign = Theme.objects.create(organization=outsider.organization, name="Foreign")
    with pytest.raises(ValidationError):
        member_theme_set(membership=ambassador, choices={foreign.pk: "interest"})
    assert bonds(ambassador) == {}


def test_nothing_changed_writes_no_audit_entry(ambassador, themes):
    solar, wind = themes
    member_theme_set(membership=ambassador, choices={solar.pk: "none", wind.pk: "none"})
    assert not AuditEvent.objects.filter(action="member_theme.declared").exists()


# --- A theme's people (managers) ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_staff_see_a_themes_people_without_opted_out_members(
    request, login, who, org, themes, ambassador, leader, make_member
):
    solar, _ = themes
    gone = make_member(org, name="Olga Optedout", status=MembershipStatus.OPTED_OUT)
    invited = make_member(org, name="Ivo Invited", status=MembershipStatus.INVITED)
    bond(ambassador, solar, ThemeRelation.EXPERTISE, confirmed=True)
    bond(leader, solar)
    bond(gone, solar, ThemeRelation.EXPERTISE)
    response = login(request.getfixturevalue(who)).get(people_url(solar))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Amber Ambassador" in content and "Lee Leader" in content
    assert "Confirmed expert" in content
    assert "Olga Optedout" not in content
    # Only participating members can be chosen.
    choices = {m.user.name for m in response.context["form"].fields["membership"].queryset}
    assert "Amber Ambassador" in choices
    assert "Olga Optedout" not in choices and "Ivo Invited" not in choices
    assert invited.pk


def test_ambassador_and_outsider_cannot_reach_a_themes_people(login, themes, ambassador, outsider):
    solar, _ = themes
    assert login(ambassador).get(people_url(solar)).status_code == 403
    assert login(outsider).get(people_url(solar)).status_code == 404
    own = bond(ambassador, solar, ThemeRelation.EXPERTISE)
    assert login(ambassador).post(action_url(own), {"action": "confirm"}).status_code == 403
    own.refresh_from_db()
    assert own.confirmed_at is None


def test_manager_adds_someone_and_confirms_at_once(login, manager, themes, ambassador):
    solar, _ = themes
    response = login(manager).post(
        people_url(solar),
        {"membership": ambassador.pk, "relation": "expertise", "confirm": "on"},
    )
    assert response.status_code == 302
    found = MemberTheme.objects.get(membership=ambassador, theme=solar)
    assert found.is_confirmed_expert
    assert found.assigned_by == manager.user
    assert found.confirmed_by == manager.user
    event = AuditEvent.objects.get(action="member_theme.assigned")
    assert event.data == {"theme": "Solar", "relation": {"from": None, "to": "expertise"},
                          "confirmed": True}  # fmt: skip


def test_adding_someone_already_on_the_theme_updates_them(login, manager, themes, ambassador):
    solar, _ = themes
    bond(ambassador, solar)
    login(manager).post(people_url(solar), {"membership": ambassador.pk, "relation": "expertise"})
    found = MemberTheme.objects.get(membership=ambassador, theme=solar)
    assert (found.relation, found.confirmed_at) == ("expertise", None)
    assert MemberTheme.objects.filter(membership=ambassador).count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"relation": "interest"}, "membership"),
        ({"membership": "opted_out", "relation": "interest"}, "membership"),
        ({"membership": "outsider", "relation": "interest"}, "membership"),
        ({"membership": "ambassador", "relation": "guru"}, "relation"),
        ({"membership": "ambassador", "relation": "interest", "confirm": "on"}, "confirm"),
    ],
)
def test_adding_with_bad_input_gives_a_field_error(
    request, login, manager, themes, ambassador, make_member, org, data, field
):
    solar, _ = themes
    people = {
        "ambassador": ambassador,
        "opted_out": make_member(org, status=MembershipStatus.OPTED_OUT),
        "outsider": request.getfixturevalue("outsider"),
    }
    if "membership" in data:
        data = {**data, "membership": people[data["membership"]].pk}
    response = login(manager).post(people_url(solar), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not MemberTheme.objects.exists()


def test_services_refuse_opted_out_members_and_archived_themes(manager, themes, make_member, org):
    solar, wind = themes
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    with pytest.raises(ValidationError):
        member_theme_assign(membership=opted_out, theme=solar, relation="interest", by=manager)
    theme_archive(theme=wind, by=manager)
    with pytest.raises(ValidationError):
        member_theme_assign(
            membership=manager, theme=Theme.objects.get(pk=wind.pk), relation="interest",
            by=manager,
        )  # fmt: skip
    assert not MemberTheme.objects.exists()


def test_manager_confirms_and_withdraws_an_expert(login, manager, themes, ambassador):
    solar, _ = themes
    claimed = bond(ambassador, solar, ThemeRelation.EXPERTISE)
    client = login(manager)
    assert "Confirm expert" in client.get(people_url(solar)).content.decode()

    response = client.post(action_url(claimed), {"action": "confirm"}, follow=True)
    assert "Amber Ambassador is a confirmed expert on “Solar”." in response.content.decode()
    claimed.refresh_from_db()
    assert claimed.is_confirmed_expert and claimed.confirmed_by == manager.user
    assert AuditEvent.objects.filter(action="member_theme.expert_confirmed").count() == 1
    assert not member_theme_confirm_expert(member_theme=claimed, by=manager)  # already

    client.post(action_url(claimed), {"action": "withdraw"})
    claimed.refresh_from_db()
    assert claimed.relation == "expertise" and claimed.confirmed_at is None
    assert AuditEvent.objects.filter(action="member_theme.confirmation_withdrawn").exists()


def test_interest_cannot_be_confirmed_as_expertise(login, manager, themes, ambassador):
    solar, _ = themes
    interested = bond(ambassador, solar)
    response = login(manager).post(action_url(interested), {"action": "confirm"}, follow=True)
    assert "has not said they have expertise" in response.content.decode()
    interested.refresh_from_db()
    assert interested.confirmed_at is None


def test_manager_removes_someone_from_a_theme(login, manager, themes, ambassador):
    solar, _ = themes
    on_it = bond(ambassador, solar)
    assert login(manager).post(action_url(on_it), {"action": "remove"}).status_code == 302
    assert not MemberTheme.objects.filter(pk=on_it.pk).exists()
    assert AuditEvent.objects.get(action="member_theme.removed").target == "ambassador@acme.test"


def test_opted_out_members_bond_cannot_be_acted_on(login, manager, themes, make_member, org):
    solar, _ = themes
    gone = bond(make_member(org, status=MembershipStatus.OPTED_OUT), solar, ThemeRelation.EXPERTISE)
    assert login(manager).post(action_url(gone), {"action": "confirm"}).status_code == 404
    gone.refresh_from_db()
    assert gone.confirmed_at is None


def test_archived_theme_page_is_read_only(login, manager, themes, ambassador):
    solar, _ = themes
    bond(ambassador, solar, ThemeRelation.EXPERTISE)
    theme_archive(theme=solar, by=manager)
    client = login(manager)
    response = client.get(people_url(solar))
    assert response.context["form"] is None
    assert "Amber Ambassador" in response.content.decode()  # history stays visible
    assert "Confirm expert" not in response.content.decode()
    client.post(people_url(solar), {"membership": manager.pk, "relation": "interest"})
    assert not MemberTheme.objects.filter(membership=manager).exists()
