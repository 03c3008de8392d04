"""Ties between members and the outside world: members declare their own, managers add any tie
and suggest connections; opted-out people are never tied and never shown."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from multiplier.core.models import AuditEvent, MembershipStatus
from multiplier.program.models import (
    Connection,
    Entity,
    EntityKind,
    MemberTheme,
    Theme,
)
from multiplier.program.services.outside_world import connection_add, connection_remove

pytestmark = pytest.mark.django_db


@pytest.fixture
def entity(org) -> Entity:
    return Entity.objects.create(organization=org, name="Anna Jansen", kind=EntityKind.INFLUENCER)


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


def kinds(entity, member) -> set[str]:
    return set(
        Connection.objects.filter(entity=entity, membership=member).values_list("kind", flat=True)
    )


# --- The services ---------------------------------------------------------------------------------


def test_a_member_declares_and_removes_their_own_ties_without_an_audit_entry(ambassador, entity):
    follows = connection_add(entity=entity, membership=ambassador, kind="follows", by=ambassador)
    connection_add(entity=entity, membership=ambassador, kind="knows", by=ambassador)
    assert kinds(entity, ambassador) == {"follows", "knows"}
    assert follows.created_by == ambassador.user
    connection_remove(connection=follows, by=ambassador)
    assert kinds(entity, ambassador) == {"knows"}
    assert not AuditEvent.objects.filter(action__startswith="connection.").exists()


def test_adding_the_same_tie_twice_keeps_one(ambassador, entity):
    first = connection_add(entity=entity, membership=ambassador, kind="follows", by=ambassador)
    again = connection_add(entity=entity, membership=ambassador, kind="follows", by=ambassador)
    assert first.pk == again.pk and Connection.objects.count() == 1


def test_a_member_may_not_suggest_to_themselves_nor_tie_someone_else(ambassador, leader, entity):
    with pytest.raises(PermissionDenied):
        connection_add(entity=entity, membership=ambassador, kind="should_connect", by=ambassador)
    with pytest.raises(PermissionDenied):
        connection_add(entity=entity, membership=leader, kind="follows", by=ambassador)
    theirs = connection_add(entity=entity, membership=leader, kind="follows", by=leader)
    with pytest.raises(PermissionDenied):
        connection_remove(connection=theirs, by=ambassador)
    assert kinds(entity, leader) == {"follows"} and kinds(entity, ambassador) == set()


def test_managers_add_and_remove_any_tie_audited(manager, ambassador, entity, org):
    connection = connection_add(entity=entity, membership=ambassador, kind="knows", by=manager)
    added = AuditEvent.objects.get(action="connection.added")
    assert (added.actor, added.organization) == (manager.user, org)
    assert added.target == "ambassador@acme.test → Anna Jansen" and added.data == {"kind": "knows"}
    connection_remove(connection=connection, by=manager)
    removed = AuditEvent.objects.get(action="connection.removed")
    assert removed.actor == manager.user and removed.data == {"kind": "knows"}
    assert not Connection.objects.exists()


def test_a_real_tie_fulfils_a_suggestion(manager, ambassador, entity):
    connection_add(entity=entity, membership=ambassador, kind="should_connect", by=manager)
    connection_add(entity=entity, membership=ambassador, kind="engages", by=ambassador)
    assert kinds(entity, ambassador) == {"engages"}


def test_suggesting_a_connection_that_exists_is_refused(manager, ambassador, entity):
    connection_add(entity=entity, membership=ambassador, kind="follows", by=ambassador)
    with pytest.raises(ValidationError, match="already connected to Anna Jansen"):
        connection_add(entity=entity, membership=ambassador, kind="should_connect", by=manager)
    assert kinds(entity, ambassador) == {"follows"}


@pytest.mark.parametrize("status", [MembershipStatus.OPTED_OUT, MembershipStatus.INVITED])
def test_only_participating_members_can_be_tied(manager, make_member, org, entity, status):
    person = make_member(org, status=status)
    with pytest.raises(ValidationError, match="Only people who take part"):
        connection_add(entity=entity, membership=person, kind="should_connect", by=manager)
    assert not Connection.objects.exists()


def test_an_opted_out_member_cannot_declare_or_remove_ties(make_member, org, entity):
    person = make_member(org)
    connection = connection_add(entity=entity, membership=person, kind="follows", by=person)
    person.status = MembershipStatus.OPTED_OUT
    person.save()
    with pytest.raises(PermissionDenied):
        connection_add(entity=entity, membership=person, kind="knows", by=person)
    with pytest.raises(PermissionDenied):
        connection_remove(connection=connection, by=person)


def test_ties_never_cross_organisations(manager, outsider, other_org, entity):
    with pytest.raises(PermissionDenied):
        connection_add(entity=entity, membership=outsider, kind="follows", by=outsider)
    with pytest.raises(PermissionDenied):
        connection_add(entity=entity, membership=outsider, kind="follows", by=manager)
    assert not Connection.objects.exists()


def test_an_unknown_kind_is_refused(manager, ambassador, entity):
    with pytest.raises(ValidationError):
        connection_add(entity=entity, membership=ambassador, kind="adores", by=manager)


def test_the_installation_itself_may_tie_anyone_audited_without_an_actor(ambassador, entity):
    """by=None is the installation (the demo, data set-up), as in the other programme services."""
    connection = connection_add(entity=entity, membership=ambassador, kind="knows", by=None)
    assert connection.created_by is None
    added = AuditEvent.objects.get(action="connection.added")
    assert added.actor is None and added.data == {"kind": "knows"}
    connection_remove(connection=connection, by=None)
    assert AuditEvent.objects.filter(action="connection.removed", actor=None).exists()
    assert not Connection.objects.exists()


# --- A manager's pages ----------------------------------------------------------------------------


def test_manager_adds_a_tie_on_the_entity_page(login, manager, ambassador, org, entity):
    client = login(manager)
    response = client.post(
        url("connection_add", org, entity.pk), {"membership": ambassador.pk, "kind": "knows"}
    )
    assert response["Location"] == url("entity_detail", org, entity.pk)
    assert kinds(entity, ambassador) == {"knows"}
    page = client.get(url("entity_detail", org, entity.pk)).content.decode()
    assert "Amber Ambassador" in page and "Knows personally" in page


def test_one_click_should_connect_goes_back_where_it_came_from(
    login, manager, ambassador, org, entity
):
    back = url("entity_list", org) + "?kind=influencer"
    response = login(manager).post(
        url("connection_add", org, entity.pk),
        {"membership": ambassador.pk, "kind": "should_connect", "next": back},
    )
    assert response["Location"] == back
    assert kinds(entity, ambassador) == {"should_connect"}


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/o/globex/"])
def test_next_never_leaves_the_organisation(login, manager, ambassador, org, entity, target):
    response = login(manager).post(
        url("connection_add", org, entity.pk),
        {"membership": ambassador.pk, "kind": "should_connect", "next": target},
    )
    assert response["Location"] == url("entity_detail", org, entity.pk)


def test_bad_connection_input_is_a_field_error(login, manager, make_member, outsider, org, entity):
    client = login(manager)
    gone = make_member(org, status=MembershipStatus.OPTED_OUT)
    for person in (gone, outsider):
        response = client.post(
            url("connection_add", org, entity.pk), {"membership": person.pk, "kind": "follows"}
        )
        assert response.status_code == 400
        assert response.context["form"].errors["membership"] == [
            "Choose someone who takes part in the programme."
        ]
    response = client.post(
        url("connection_add", org, entity.pk), {"membership": manager.pk, "kind": "adores"}
    )
    assert "kind" in response.context["form"].errors
    assert not Connection.objects.exists()


def test_a_refused_suggestion_from_a_one_click_button_is_a_message(
    login, manager, ambassador, org, entity
):
    connection_add(entity=entity, membership=ambassador, kind="follows", by=ambassador)
    back = url("entity_map", org)
    response = login(manager).post(
        url("connection_add", org, entity.pk),
        {"membership": ambassador.pk, "kind": "should_connect", "next": back},
        follow=True,
    )
    assert "Amber Ambassador is already connected to Anna Jansen." in response.content.decode()


def test_manager_removes_a_tie(login, manager, ambassador, org, entity):
    connection = connection_add(entity=entity, membership=ambassador, kind="follows", by=ambassador)
    response = login(manager).post(url("connection_remove", org, connection.pk))
    assert response["Location"] == url("entity_detail", org, entity.pk)
    assert not Connection.objects.exists()
    assert AuditEvent.objects.filter(action="connection.removed").exists()


def test_ambassadors_may_not_use_the_managers_connection_pages(
    login, ambassador, leader, org, entity
):
    connection = connection_add(entity=entity, membership=leader, kind="follows", by=leader)
    client = login(ambassador)
    response = client.post(
        url("connection_add", org, entity.pk), {"membership": ambassador.pk, "kind": "follows"}
    )
    assert response.status_code == 403
    assert client.post(url("connection_remove", org, connection.pk)).status_code == 403
    assert kinds(entity, leader) == {"follows"} and kinds(entity, ambassador) == set()


def test_opted_out_people_vanish_from_the_entity_page(login, manager, make_member, org, entity):
    gone = make_member(org, name="Gone Person")
    connection_add(entity=entity, membership=gone, kind="knows", by=gone)
    gone.status = MembershipStatus.OPTED_OUT
    gone.save()
    page = login(manager).get(url("entity_detail", org, entity.pk))
    assert "Gone Person" not in page.content.decode()
    assert gone not in page.context["form"].fields["membership"].queryset


# --- A member's own page --------------------------------------------------------------------------


def test_members_say_what_they_follow_from_their_page(login, ambassador, org, entity):
    client = login(ambassador)
    toggle = url("outside_world_mine_toggle", org, entity.pk)
    response = client.post(toggle, {"kind": "follows"})
    assert response["Location"] == url("outside_world_mine", org) + f"#entity-{entity.pk}"
    assert kinds(entity, ambassador) == {"follows"}
    page = client.get(url("outside_world_mine", org)).content.decode()
    assert 'value="follows" class="chip" aria-pressed="true"' in page
    client.post(toggle, {"kind": "follows"})  # pressed again: off
    assert kinds(entity, ambassador) == set()


def test_with_htmx_only_the_card_comes_back(login, ambassador, org, entity):
    response = login(ambassador).post(
        url("outside_world_mine_toggle", org, entity.pk), {"kind": "knows"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.strip().startswith(f'<li class="card entity" id="entity-{entity.pk}">')
    assert 'value="knows" class="chip" aria-pressed="true"' in content


def test_a_member_cannot_suggest_to_themselves_from_their_page(login, ambassador, org, entity):
    login(ambassador).post(
        url("outside_world_mine_toggle", org, entity.pk), {"kind": "should_connect"}
    )
    assert kinds(entity, ambassador) == set()


def test_a_member_sees_suggestions_first_and_may_decline_them(
    login, manager, ambassador, org, entity
):
    connection_add(entity=entity, membership=ambassador, kind="should_connect", by=manager)
    client = login(ambassador)
    response = client.get(url("outside_world_mine", org))
    assert [item.entity for item in response.context["world"].suggested] == [entity]
    assert "Suggested to you by the programme." in response.content.decode()
    client.post(url("outside_world_mine_toggle", org, entity.pk), {"kind": "should_connect"})
    assert kinds(entity, ambassador) == set()


def test_a_members_page_puts_their_themes_first(login, ambassador, org, entity):
    theme = Theme.objects.create(organization=org, name="Energy")
    mine = Entity.objects.create(
        organization=org, name="Heat pump group", kind=EntityKind.COMMUNITY
    )
    mine.themes.set([theme])
    MemberTheme.objects.create(organization=org, membership=ambassador, theme=theme)
    world = login(ambassador).get(url("outside_world_mine", org)).context["world"]
    assert [item.entity for item in world.around_my_themes] == [mine]
    assert [item.entity for item in world.others] == [entity]


def test_a_members_page_without_any_entity_says_so(login, ambassador, org):
    page = login(ambassador).get(url("outside_world_mine", org)).content.decode()
    assert "Nothing here yet" in page


def test_an_opted_out_member_has_no_outside_world_page(login, make_member, org, entity):
    gone = make_member(org, status=MembershipStatus.OPTED_OUT)
    client = login(gone)
    assert client.get(url("outside_world_mine", org)).status_code == 403
    assert (
        client.post(
            url("outside_world_mine_toggle", org, entity.pk), {"kind": "follows"}
        ).status_code
        == 403
    )
    assert not Connection.objects.exists()


def test_the_toggle_is_404_for_another_organisations_entity(login, ambassador, org, other_org):
    foreign = Entity.objects.create(organization=other_org, name="Globex Gazette", kind="media")
    response = login(ambassador).post(
        url("outside_world_mine_toggle", org, foreign.pk), {"kind": "follows"}
    )
    assert response.status_code == 404
    assert not Connection.objects.exists()


def test_the_menu_links_to_the_pages(login, manager, ambassador, org):
    home = reverse("org_home", args=[org.slug])
    managers_list = f'href="{url("entity_list", org)}"'
    own_page = f'href="{url("outside_world_mine", org)}"'
    staff_menu = login(manager).get(home).content.decode()
    assert managers_list in staff_menu and own_page in staff_menu
    member_menu = login(ambassador).get(home).content.decode()
    assert managers_list not in member_menu and own_page in member_menu
