"""The suggestions of step 5, on constructed data with known answers: experts who are not
connected to their theme's key influencers, events and communities; entities nobody is connected
to; themes whose outside world is empty."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from multiplier.core.models import MembershipStatus
from multiplier.program.models import (
    Connection,
    ConnectionKind,
    Entity,
    EntityKind,
    MemberTheme,
    Theme,
    ThemeRelation,
)
from multiplier.program.selectors.outside_world import (
    connection_suggestions,
    themes_without_outside_world,
    unconnected_entities,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 1)


@pytest.fixture
def building(org) -> Theme:
    return Theme.objects.create(organization=org, name="Building", position=1)


@pytest.fixture
def energy(org) -> Theme:
    return Theme.objects.create(organization=org, name="Energy", position=2)


def entity(org, name, kind, themes, is_key=True, **extra) -> Entity:
    made = Entity.objects.create(organization=org, name=name, kind=kind, is_key=is_key, **extra)
    made.themes.set(themes)
    return made


def bond(member, theme, relation=ThemeRelation.EXPERTISE, confirmed=False) -> MemberTheme:
    return MemberTheme.objects.create(
        organization=member.organization, membership=member, theme=theme, relation=relation,
        confirmed_at=timezone.now() if confirmed else None,
    )  # fmt: skip


def tie(entity, member, kind=ConnectionKind.FOLLOWS) -> Connection:
    return Connection.objects.create(
        organization=entity.organization, entity=entity, membership=member, kind=kind
    )


def pairs(suggestions) -> list[tuple[str, str, bool]]:
    return [(s.membership.user.name, s.entity.name, s.confirmed) for s in suggestions]


# --- (a) experts who should connect ---------------------------------------------------------------


def test_experts_are_suggested_their_themes_key_influencers_events_and_communities(
    org, make_member, building
):
    confirmed = make_member(org, name="Carla Confirmed")
    declared = make_member(org, name="Dirk Declared")
    interested = make_member(org, name="Ilse Interested")
    bond(confirmed, building, confirmed=True)
    bond(declared, building)
    bond(interested, building, relation=ThemeRelation.INTEREST)
    entity(org, "Influencer I", EntityKind.INFLUENCER, [building])
    entity(org, "Community C", EntityKind.COMMUNITY, [building])
    entity(org, "Event E", EntityKind.EVENT, [building], event_date=TODAY + timedelta(days=30))
    entity(org, "Event today", EntityKind.EVENT, [building], event_date=TODAY)
    entity(org, "Event undated", EntityKind.EVENT, [building])
    # Not suggested: other kinds, entities that are not key, events that are over.
    entity(org, "Media M", EntityKind.MEDIA, [building])
    entity(org, "Audience A", EntityKind.AUDIENCE, [building])
    entity(org, "Peer P", EntityKind.PEER, [building])
    entity(org, "Influencer not key", EntityKind.INFLUENCER, [building], is_key=False)
    entity(org, "Event past", EntityKind.EVENT, [building], event_date=TODAY - timedelta(days=1))

    expected_entities = ["Influencer I", "Community C", "Event E", "Event today", "Event undated"]
    assert pairs(connection_suggestions(org, today=TODAY)) == [
        *[("Carla Confirmed", name, True) for name in expected_entities],
        *[("Dirk Declared", name, False) for name in expected_entities],
    ]


def test_nobody_is_suggested_what_they_are_tied_to_or_already_asked(
    org, make_member, manager, building
):
    expert = make_member(org, name="Eva Expert")
    bond(expert, building)
    followed = entity(org, "Followed", EntityKind.INFLUENCER, [building])
    asked = entity(org, "Asked", EntityKind.INFLUENCER, [building])
    entity(org, "Open", EntityKind.INFLUENCER, [building])
    tie(followed, expert)
    tie(asked, expert, ConnectionKind.SHOULD_CONNECT)
    assert pairs(connection_suggestions(org, today=TODAY)) == [("Eva Expert", "Open", False)]


def test_opted_out_and_invited_experts_are_never_suggested(org, make_member, building):
    for status in (MembershipStatus.OPTED_OUT, MembershipStatus.INVITED):
        bond(make_member(org, status=status), building, confirmed=True)
    entity(org, "Influencer I", EntityKind.INFLUENCER, [building])
    assert connection_suggestions(org, today=TODAY) == []


def test_expertise_on_another_theme_suggests_nothing(org, make_member, building, energy):
    bond(make_member(org), energy, confirmed=True)
    entity(org, "Influencer I", EntityKind.INFLUENCER, [building])
    assert connection_suggestions(org, today=TODAY) == []


def test_one_suggestion_per_person_and_entity_with_the_strongest_reason(
    org, make_member, building, energy
):
    expert = make_member(org, name="Eva Expert")
    bond(expert, building)  # declared
    bond(expert, energy, confirmed=True)
    entity(org, "Both themes", EntityKind.COMMUNITY, [building, energy])
    (only,) = connection_suggestions(org, today=TODAY)
    assert (only.entity.name, only.theme, only.confirmed) == ("Both themes", energy, True)


def test_archived_themes_and_other_organisations_suggest_nothing(
    org, other_org, make_member, building
):
    bond(make_member(org, name="Eva Expert"), building, confirmed=True)
    entity(org, "Influencer I", EntityKind.INFLUENCER, [building])
    foreign_theme = Theme.objects.create(organization=other_org, name="Building")
    bond(make_member(other_org, name="Gus Globex"), foreign_theme, confirmed=True)
    entity(other_org, "Globex influencer", EntityKind.INFLUENCER, [foreign_theme])
    assert pairs(connection_suggestions(org, today=TODAY)) == [("Eva Expert", "Influencer I", True)]
    building.archived_at = timezone.now()
    building.save()
    assert connection_suggestions(org, today=TODAY) == []


def test_suggestions_for_one_theme(org, make_member, building, energy):
    expert = make_member(org, name="Eva Expert")
    bond(expert, building)
    bond(expert, energy)
    entity(org, "Building influencer", EntityKind.INFLUENCER, [building])
    entity(org, "Energy influencer", EntityKind.INFLUENCER, [energy])
    assert pairs(connection_suggestions(org, today=TODAY, theme=energy)) == [
        ("Eva Expert", "Energy influencer", False)
    ]


def test_suggestions_for_one_entity_as_on_its_page(login, manager, org, make_member, building):
    expert = make_member(org, name="Eva Expert")
    bond(expert, building)
    anna = entity(org, "Anna Jansen", EntityKind.INFLUENCER, [building])
    entity(org, "Heat pump group", EntityKind.COMMUNITY, [building])
    assert pairs(connection_suggestions(org, today=TODAY, entity=anna)) == [
        ("Eva Expert", "Anna Jansen", False)
    ]
    page = login(manager).get(reverse("entity_detail", args=[org.slug, anna.pk]))
    assert pairs(page.context["suggestions"]) == [("Eva Expert", "Anna Jansen", False)]


# --- (b) entities nobody is connected to ----------------------------------------------------------


def test_entities_nobody_is_connected_to_key_ones_first(org, make_member, manager, building):
    active = make_member(org)
    gone = make_member(org, status=MembershipStatus.OPTED_OUT)
    tied = entity(org, "Tied", EntityKind.MEDIA, [building], is_key=False)
    tie(tied, active, ConnectionKind.ENGAGES)
    only_gone = entity(org, "Only an opted-out tie", EntityKind.MEDIA, [building], is_key=False)
    tie(only_gone, gone, ConnectionKind.KNOWS)
    only_asked = entity(org, "Only asked", EntityKind.AUDIENCE, [building], is_key=False)
    tie(only_asked, active, ConnectionKind.SHOULD_CONNECT)
    entity(org, "Key peer", EntityKind.PEER, [building])
    entity(org, "Key audience", EntityKind.AUDIENCE, [])
    entity(org, "Past event", EntityKind.EVENT, [building], event_date=TODAY - timedelta(days=3))
    names = [e.name for e in unconnected_entities(org, today=TODAY)]
    assert names == ["Key audience", "Key peer", "Only asked", "Only an opted-out tie"]
    names = [e.name for e in unconnected_entities(org, today=TODAY, theme=building)]
    assert names == ["Key peer", "Only asked", "Only an opted-out tie"]


# --- (c) themes whose outside world is empty -----------------------------------------------------


def test_themes_without_an_outside_world(org, building, energy):
    archived = Theme.objects.create(organization=org, name="Old", archived_at=timezone.now())
    entity(org, "Influencer I", EntityKind.INFLUENCER, [building])
    assert themes_without_outside_world(org) == [energy]
    assert archived not in themes_without_outside_world(org)


# --- On the pages ---------------------------------------------------------------------------------


def test_the_list_shows_the_suggestions_and_one_click_adds_one(
    login, manager, make_member, org, building, energy
):
    expert = make_member(org, name="Eva Expert")
    bond(expert, building, confirmed=True)
    influencer = entity(org, "Anna Jansen", EntityKind.INFLUENCER, [building])
    client = login(manager)
    list_url = reverse("entity_list", args=[org.slug])
    page = client.get(list_url).content.decode()
    assert "<strong>Eva Expert</strong> should connect with <strong>Anna Jansen</strong>" in page
    assert "Confirmed expert on Building" in page
    assert "Themes without an outside world" in page and "Add who matters for Energy" in page
    response = client.post(
        reverse("connection_add", args=[org.slug, influencer.pk]),
        {"membership": expert.pk, "kind": "should_connect", "next": list_url},
    )
    assert response["Location"] == list_url
    assert Connection.objects.filter(
        entity=influencer, membership=expert, kind=ConnectionKind.SHOULD_CONNECT
    ).exists()
    page = client.get(list_url).content.decode()
    assert "should connect with <strong>Anna Jansen</strong>" not in page


def test_declared_expertise_is_shown_as_such(login, manager, make_member, org, building):
    bond(make_member(org, name="Dirk Declared"), building)
    entity(org, "Anna Jansen", EntityKind.INFLUENCER, [building])
    page = login(manager).get(reverse("entity_list", args=[org.slug])).content.decode()
    assert "Says they have expertise on Building (not confirmed yet)" in page


def test_the_map_shows_the_suggestions_of_its_theme(
    login, manager, make_member, org, building, energy
):
    expert = make_member(org, name="Eva Expert")
    bond(expert, building)
    bond(expert, energy)
    entity(org, "Building influencer", EntityKind.INFLUENCER, [building])
    entity(org, "Energy influencer", EntityKind.INFLUENCER, [energy])
    response = login(manager).get(reverse("entity_map", args=[org.slug]), {"theme": energy.pk})
    assert pairs(response.context["suggestions"]) == [("Eva Expert", "Energy influencer", False)]
    assert "should connect with <strong>Energy influencer</strong>" in response.content.decode()
