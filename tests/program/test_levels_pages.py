"""Step 4 pages: the ways to contribute (levels), members' set levels and the suggestion, and what
a member sees of their own."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from multiplier.core.models import AuditEvent, MembershipStatus
from multiplier.program.models import Level, MemberLevel, MemberTheme, Theme, ThemeRelation
from multiplier.program.services.levels import level_create, level_move, member_level_set

pytestmark = pytest.mark.django_db


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


def level_names(org) -> list[str]:
    return list(Level.objects.filter(organization=org).values_list("name", flat=True))


def level_data(**overrides) -> dict:
    data = {
        "name": "Storyteller",
        "description": "Tells what happens inside.",
        "behaviour": "Has written two posts.",
        "min_shares": "0",
        "min_personalised_shares": "0",
        "min_own_posts": "2",
        "min_expert_themes": "0",
    }
    return {**data, **overrides}


def confirmed_expert(member, name: str = "Solar") -> None:
    theme, _ = Theme.objects.get_or_create(organization=member.organization, name=name)
    MemberTheme.objects.create(
        organization=member.organization, membership=member, theme=theme,
        relation=ThemeRelation.EXPERTISE, confirmed_at=timezone.now(),
    )  # fmt: skip


@pytest.fixture
def voice(org, manager):
    """A level only confirmed expertise suggests (there is no sharing yet to count)."""
    return level_create(organization=org, by=manager, name="Voice", min_expert_themes=1)


# --- The list of levels -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_staff_see_the_default_ways_to_contribute(request, login, org, who):
    response = login(request.getfixturevalue(who)).get(url("level_list", org))
    assert response.status_code == 200
    content = response.content.decode()
    for name in ["Sharer", "Engager", "Creator", "Expert"]:
        assert name in content
    assert "Ways to contribute" in content
    assert "rank" not in content.replace("not ranks", "")  # ways to contribute, never ranks


def test_ambassador_and_outsider_cannot_manage_levels(login, org, ambassador, outsider):
    sharer = Level.objects.get(organization=org, key="sharer")
    for client, status in [(login(ambassador), 403), (login(outsider), 404)]:
        assert client.get(url("level_list", org)).status_code == status
        assert client.get(url("member_level_list", org)).status_code == status
        assert client.post(url("level_create", org), level_data()).status_code == status
        assert client.post(url("level_delete", org, sharer.pk)).status_code == status
        set_level = {"action": "set", f"m{ambassador.pk}-level": sharer.pk}
        response = client.post(url("member_level_set", org, ambassador.pk), set_level)
        assert response.status_code == status
    assert "Storyteller" not in level_names(org)
    assert Level.objects.filter(pk=sharer.pk).exists()
    assert not MemberLevel.objects.exists()
    with pytest.raises(PermissionDenied):
        member_level_set(membership=ambassador, level=sharer, by=ambassador)


def test_adding_a_way_to_contribute(login, org, manager):
    response = login(manager).post(url("level_create", org), level_data())
    assert response.status_code == 302
    level = Level.objects.get(organization=org, name="Storyteller")
    assert (level.key, level.min_own_posts, level.position) == ("storyteller", 2, 4)
    assert level_names(org)[-1] == "Storyteller"
    assert AuditEvent.objects.get(action="level.created").target == "Storyteller"


def test_the_form_says_a_level_needs_a_criterion_to_be_suggested(login, org, manager):
    content = login(manager).get(url("level_create", org)).content.decode()
    assert "Leave all at 0 and it is never suggested" in content


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (level_data(min_shares="-1"), "min_shares", "cannot be negative"),
        (level_data(min_expert_themes="-3"), "min_expert_themes", "cannot be negative"),
        (level_data(min_own_posts="two"), "min_own_posts", "whole number"),
        (level_data(min_own_posts=""), "min_own_posts", "Enter a number"),
        (level_data(name=""), "name", "Give this way to contribute a name."),
        (level_data(name="sharer"), "name", "already a way to contribute called “sharer”"),
        (level_data(name="x" * 61), "name", "at most 60 characters"),
    ],
)
def test_bad_level_input_gives_a_field_error_and_saves_nothing(
    login, org, manager, data, field, message
):
    response = login(manager).post(url("level_create", org), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field]), errors
    assert Level.objects.filter(organization=org).count() == 4
    assert not AuditEvent.objects.filter(action="level.created").exists()


def test_service_refuses_negative_criteria(org, manager):
    with pytest.raises(ValidationError) as caught:
        level_create(organization=org, by=manager, name="Odd", min_shares=-1)
    assert "min_shares" in caught.value.message_dict


def test_a_second_level_with_a_taken_key_gets_its_own(org, manager):
    Level.objects.filter(organization=org, key="sharer").update(name="Passer-on")
    level = level_create(organization=org, by=manager, name="Sharer")
    assert level.key == "sharer-2"


def test_editing_a_way_to_contribute(login, org, manager):
    sharer = Level.objects.get(organization=org, key="sharer")
    client = login(manager)
    assert client.get(url("level_edit", org, sharer.pk)).context["form"].initial["min_shares"] == 1
    response = client.post(
        url("level_edit", org, sharer.pk),
        level_data(name="Passer-on", min_own_posts="0", min_shares="2"),
    )
    assert response.status_code == 302
    sharer.refresh_from_db()
    assert (sharer.name, sharer.min_shares, sharer.key) == ("Passer-on", 2, "sharer")
    assert AuditEvent.objects.get(action="level.updated").data["name"] == {
        "from": "Sharer",
        "to": "Passer-on",
    }


def test_renaming_to_a_taken_name_is_refused(login, org, manager):
    sharer = Level.objects.get(organization=org, key="sharer")
    response = login(manager).post(url("level_edit", org, sharer.pk), level_data(name="EXPERT"))
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert "Edit Sharer" in response.content.decode()
    sharer.refresh_from_db()
    assert sharer.name == "Sharer"


def test_reordering(login, org, manager):
    creator = Level.objects.get(organization=org, key="creator")
    login(manager).post(url("level_move", org, creator.pk), {"direction": "up"})
    assert level_names(org) == ["Sharer", "Creator", "Engager", "Expert"]
    first = Level.objects.get(organization=org, key="sharer")
    assert not level_move(level=first, by=manager, direction="up")
    assert level_names(org)[0] == "Sharer"


def test_deleting_asks_first_and_members_lose_their_set_level(login, org, manager, ambassador):
    sharer = Level.objects.get(organization=org, key="sharer")
    member_level_set(membership=ambassador, level=sharer, by=manager)
    client = login(manager)
    page = client.get(url("level_delete", org, sharer.pk))
    content = page.content.decode()
    assert "1 person has this as their set way to contribute" in content
    assert "Amber Ambassador" in content
    assert Level.objects.filter(pk=sharer.pk).exists()  # asking deletes nothing

    response = client.post(url("level_delete", org, sharer.pk), follow=True)
    assert "1 person no longer has a set way to contribute." in response.content.decode()
    assert not Level.objects.filter(pk=sharer.pk).exists()
    assert not MemberLevel.objects.filter(membership=ambassador).exists()
    event = AuditEvent.objects.get(action="level.deleted")
    assert event.data["members_losing_it"] == ["ambassador@acme.test"]


# --- Members and their level ------------------------------------------------------------------


def test_member_list_shows_participating_members_with_suggestion(
    login, org, manager, ambassador, leader, make_member, voice
):
    make_member(org, name="Olga Optedout", status=MembershipStatus.OPTED_OUT)
    make_member(org, name="Ivo Invited", status=MembershipStatus.INVITED)
    confirmed_expert(ambassador)
    response = login(manager).get(url("member_level_list", org))
    assert response.status_code == 200
    rows = {row["member"].user.name: row for row in response.context["rows"]}
    assert set(rows) == {"Max Manager", "Amber Ambassador", "Lee Leader"}
    assert rows["Amber Ambassador"]["suggestion"].level == voice
    assert rows["Amber Ambassador"]["suggestion"].counts.expert_themes == 1
    assert rows["Lee Leader"]["suggestion"].level is None  # nothing shared yet: no suggestion
    content = response.content.decode()
    assert "Olga Optedout" not in content and "Ivo Invited" not in content
    assert "Accept" in content


def test_accepting_the_suggestion_in_one_click(login, org, manager, ambassador, voice):
    confirmed_expert(ambassador)
    response = login(manager).post(
        url("member_level_set", org, ambassador.pk), {"action": "accept", "page": "1"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?page=1#member-{ambassador.pk}")
    assert MemberLevel.objects.get(membership=ambassador).level == voice
    event = AuditEvent.objects.get(action="member_level.set")
    assert event.data == {"level": {"from": None, "to": "Voice"}, "suggested": True}


def test_accepting_without_a_suggestion_sets_nothing(login, org, manager, ambassador):
    response = login(manager).post(
        url("member_level_set", org, ambassador.pk), {"action": "accept"}, follow=True
    )
    assert "There is no suggestion for Amber Ambassador." in response.content.decode()
    assert not MemberLevel.objects.exists()


def test_setting_and_clearing_a_members_level(login, org, manager, ambassador):
    creator = Level.objects.get(organization=org, key="creator")
    client = login(manager)
    field = f"m{ambassador.pk}-level"
    client.post(url("member_level_set", org, ambassador.pk), {"action": "set", field: creator.pk})
    found = MemberLevel.objects.get(membership=ambassador)
    assert (found.level, found.set_by) == (creator, manager.user)

    client.post(url("member_level_set", org, ambassador.pk), {"action": "set", field: ""})
    assert not MemberLevel.objects.filter(membership=ambassador).exists()
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="member_level")] == [
        "member_level.cleared",
        "member_level.set",
    ]


def test_a_foreign_or_unknown_level_is_refused(login, org, manager, ambassador, other_org):
    foreign = Level.objects.filter(organization=other_org).first()
    response = login(manager).post(
        url("member_level_set", org, ambassador.pk),
        {"action": "set", f"m{ambassador.pk}-level": foreign.pk},
        follow=True,
    )
    assert "Choose one of the ways to contribute in the list." in response.content.decode()
    assert not MemberLevel.objects.exists()
    with pytest.raises(PermissionDenied):
        member_level_set(membership=ambassador, level=foreign, by=response.wsgi_request.membership)


def test_opted_out_member_gets_no_level(login, org, manager, make_member):
    gone = make_member(org, status=MembershipStatus.OPTED_OUT)
    sharer = Level.objects.get(organization=org, key="sharer")
    login(manager).post(
        url("member_level_set", org, gone.pk), {"action": "set", f"m{gone.pk}-level": sharer.pk}
    )
    assert not MemberLevel.objects.exists()
    with pytest.raises(ValidationError):
        member_level_set(membership=gone, level=sharer, by=manager)


def test_search_narrows_the_member_list(login, org, manager, ambassador, leader):
    response = login(manager).get(url("member_level_list", org) + "?q=amber")
    assert [row["member"] for row in response.context["rows"]] == [ambassador]


# --- What a member sees -------------------------------------------------------------------------


def test_member_sees_their_own_level_and_what_it_means_and_nobody_elses(
    login, org, manager, ambassador, leader
):
    creator = Level.objects.get(organization=org, key="creator")
    member_level_set(membership=ambassador, level=creator, by=manager)
    member_level_set(
        membership=leader, level=Level.objects.get(organization=org, key="expert"), by=manager
    )
    content = login(ambassador).get(reverse("profile", args=[org.slug])).content.decode()
    assert "You contribute as: <strong>Creator</strong>" in content
    assert creator.description in content
    assert "Lee Leader" not in content


def test_member_without_a_level_reads_what_the_ways_mean(login, org, ambassador):
    content = login(ambassador).get(reverse("profile", args=[org.slug])).content.decode()
    assert "No way of contributing has been set for you yet." in content
    assert "Sharer" in content
