"""Reading the outside world (step 5): the entity list, a theme's map, a member's own ties, and
the suggestions that tell a manager what to do next.

Every tie counted or shown here is a participating member's: opted-out people (and people who
have not accepted their invitation) vanish from every list, count and suggestion, although their
rows are kept in case they opt in again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db.models import Case, Count, IntegerField, Q, QuerySet, When
from django.db.models.functions import Lower

from multiplier.core.models import Membership, Organization

from ..models import (
    Connection,
    ConnectionKind,
    Entity,
    EntityKind,
    MemberTheme,
    Theme,
    ThemeRelation,
)

TIES: tuple[str, ...] = (ConnectionKind.FOLLOWS, ConnectionKind.KNOWS, ConnectionKind.ENGAGES)
# The kinds an expert on a theme is expected to be close to (the book: its key influencers,
# events and communities). Audiences are reached through posts, media and peers through others.
SUGGESTED_KINDS: tuple[str, ...] = (EntityKind.INFLUENCER, EntityKind.EVENT, EntityKind.COMMUNITY)

KIND_ORDER = Case(
    *[When(kind=kind, then=position) for position, kind in enumerate(EntityKind.values)],
    output_field=IntegerField(),
)


def participating(organization: Organization) -> QuerySet[Membership]:
    return Membership.objects.for_org(organization).participating()


def participating_connections(organization: Organization) -> QuerySet[Connection]:
    return Connection.objects.filter(
        organization=organization, membership__in=participating(organization)
    )


def _is_past_event(entity: Entity, today: date) -> bool:
    return (
        entity.kind == EntityKind.EVENT
        and entity.event_date is not None
        and (entity.event_date < today)
    )


# --- The list ----------------------------------------------------------------------------------


def entity_search(
    organization: Organization,
    *,
    query: str = "",
    theme: Theme | None = None,
    kind: str = "",
    key_only: bool = False,
    unconnected_only: bool = False,
) -> QuerySet[Entity]:
    """Entities in list order (kind, key ones first, name), each with `tied_count` (people with
    a real tie) and `suggested_count` (people asked to connect)."""
    people = participating(organization)
    entities = (
        Entity.objects.filter(organization=organization)
        .annotate(
            tied_count=Count(
                "connections__membership",
                filter=Q(connections__kind__in=TIES, connections__membership__in=people),
                distinct=True,
            ),
            suggested_count=Count(
                "connections__membership",
                filter=Q(
                    connections__kind=ConnectionKind.SHOULD_CONNECT,
                    connections__membership__in=people,
                ),
                distinct=True,
            ),
            kind_order=KIND_ORDER,
        )
        .prefetch_related("themes")
        .order_by("kind_order", "-is_key", Lower("name"))
    )
    if query:
        entities = entities.filter(
            Q(name__icontains=query) | Q(notes__icontains=query) | Q(url__icontains=query)
        )
    if theme is not None:
        entities = entities.filter(themes=theme)
    if kind:
        entities = entities.filter(kind=kind)
    if key_only:
        entities = entities.filter(is_key=True)
    if unconnected_only:
        entities = entities.filter(tied_count=0)
    return entities


@dataclass(frozen=True)
class KindGroup:
    kind: EntityKind
    entities: list[Entity]


def group_by_kind(entities: Iterable[Entity]) -> list[KindGroup]:
    """Entities under a heading per kind, in the kinds' order; kinds without any left out."""
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        groups[entity.kind].append(entity)
    return [KindGroup(kind, groups[kind]) for kind in EntityKind if kind in groups]


# --- Suggestions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConnectSuggestion:
    """ "Suggest: `membership` should connect with `entity`", because they know about `theme`."""

    membership: Membership
    entity: Entity
    theme: Theme
    confirmed: bool  # a confirmed expert (else: expertise they declared themselves)


def connection_suggestions(
    organization: Organization,
    *,
    today: date,
    theme: Theme | None = None,
    entity: Entity | None = None,
) -> list[ConnectSuggestion]:
    """Experts on a theme (confirmed or declared) who have no tie to, and no suggestion for,
    one of that theme's key influencers, events (not yet over) or communities.

    One suggestion per person and entity, even when they share several themes (the confirmed
    expertise, else the first theme, is given as the reason). Confirmed experts come first."""
    themes = Theme.objects.filter(organization=organization).active()
    if theme is not None:
        themes = themes.filter(pk=theme.pk)
    bonds = list(
        MemberTheme.objects.filter(
            organization=organization,
            theme__in=themes,
            relation=ThemeRelation.EXPERTISE,
            membership__in=participating(organization),
        ).select_related("membership__user", "theme")
    )
    candidates = Entity.objects.filter(
        organization=organization, is_key=True, kind__in=SUGGESTED_KINDS, themes__in=themes
    )
    if entity is not None:
        candidates = candidates.filter(pk=entity.pk)
    entities = [
        candidate
        for candidate in candidates.distinct().prefetch_related("themes")
        if not _is_past_event(candidate, today)
    ]
    # Any row counts as "already there", a suggestion included: suggest nothing twice.
    existing = set(
        Connection.objects.filter(organization=organization, entity__in=entities).values_list(
            "entity_id", "membership_id"
        )
    )
    entities_by_theme: dict[int, list[Entity]] = defaultdict(list)
    for candidate in entities:
        for entity_theme in candidate.themes.all():
            entities_by_theme[entity_theme.pk].append(candidate)

    found: dict[tuple[int, int], ConnectSuggestion] = {}
    for bond in bonds:
        for candidate in entities_by_theme[bond.theme_id]:
            pair = (candidate.pk, bond.membership_id)
            if pair in existing:
                continue
            suggestion = ConnectSuggestion(
                bond.membership, candidate, bond.theme, bond.is_confirmed_expert
            )
            earlier = found.get(pair)
            if earlier is None or _reason_rank(suggestion) < _reason_rank(earlier):
                found[pair] = suggestion
    return sorted(
        found.values(),
        key=lambda s: (
            not s.confirmed,
            s.theme.position,
            s.theme.name.lower(),
            EntityKind.values.index(s.entity.kind),
            s.entity.name.lower(),
            s.membership.user.display_name.lower(),
        ),
    )


def _reason_rank(suggestion: ConnectSuggestion) -> tuple:
    return (not suggestion.confirmed, suggestion.theme.position, suggestion.theme.name.lower())


def unconnected_entities(
    organization: Organization, *, today: date, theme: Theme | None = None
) -> list[Entity]:
    """Entities no participating member has a tie to (a suggestion is not a tie yet): key ones
    first. Events that are over are left out: there is nothing left to connect with."""
    entities = entity_search(organization, theme=theme, unconnected_only=True).order_by(
        "-is_key", "kind_order", Lower("name")
    )
    return [entity for entity in entities if not _is_past_event(entity, today)]


def themes_without_outside_world(organization: Organization) -> list[Theme]:
    """Active themes that have no entity at all."""
    return list(
        Theme.objects.filter(organization=organization).active().filter(entities__isnull=True)
    )


# --- A theme's map -----------------------------------------------------------------------------


@dataclass
class ThemeMap:
    """A theme's entities and the participating people tied to them (plus the theme's experts
    without ties yet, who are who a manager would ask first)."""

    theme: Theme
    entities: list[Entity]
    people: list[Membership]
    connections: list[Connection]
    expert_ids: set[int] = field(default_factory=set)

    def kinds(self, entity: Entity, person: Membership) -> list[ConnectionKind]:
        """The tie kinds between the two, in ConnectionKind's order."""
        found = {
            c.kind
            for c in self.connections
            if c.entity_id == entity.pk and c.membership_id == person.pk
        }
        return [kind for kind in ConnectionKind if kind in found]

    def rows(self) -> list[MatrixRow]:
        """The matrix: per entity, per person, the tie kinds."""
        return [MatrixRow(e, [(p, self.kinds(e, p)) for p in self.people]) for e in self.entities]


class MatrixRow(NamedTuple):
    entity: Entity
    cells: list[tuple[Membership, list[ConnectionKind]]]

    @property
    def connected(self) -> bool:
        """Someone has a real tie to the entity (a suggestion to connect is not one yet)."""
        return any(kind in TIES for _person, kinds in self.cells for kind in kinds)


def theme_map(organization: Organization, theme: Theme) -> ThemeMap:
    entities = list(
        Entity.objects.filter(organization=organization, themes=theme)
        .annotate(kind_order=KIND_ORDER)
        .order_by("kind_order", "-is_key", Lower("name"))
    )
    connections = list(
        participating_connections(organization)
        .filter(entity__in=entities)
        .select_related("membership__user")
        .order_by("pk")
    )
    expert_ids = set(
        MemberTheme.objects.filter(
            organization=organization,
            theme=theme,
            relation=ThemeRelation.EXPERTISE,
            membership__in=participating(organization),
        ).values_list("membership_id", flat=True)
    )
    people_ids = {c.membership_id for c in connections} | expert_ids
    people = sorted(
        participating(organization).filter(pk__in=people_ids).select_related("user"),
        key=lambda m: (m.user.display_name.lower(), m.pk),
    )
    return ThemeMap(theme, entities, people, connections, expert_ids)


# --- A member's own ties -----------------------------------------------------------------------


@dataclass(frozen=True)
class EntityTies:
    entity: Entity
    kinds: frozenset[str]  # the member's ties to it ("should connect" included)

    @property
    def suggested(self) -> bool:
        return ConnectionKind.SHOULD_CONNECT in self.kinds


@dataclass(frozen=True)
class MemberOutsideWorld:
    suggested: list[EntityTies]  # a manager asked the member to connect
    around_my_themes: list[EntityTies]
    others: list[EntityTies]
    has_themes: bool


def entity_ties(membership: Membership, entity: Entity) -> EntityTies:
    kinds = Connection.objects.filter(membership=membership, entity=entity).values_list(
        "kind", flat=True
    )
    return EntityTies(entity, frozenset(kinds))


def member_outside_world(membership: Membership) -> MemberOutsideWorld:
    """Every entity of the organisation, split into those a manager suggested to the member,
    those around the member's (active) themes, and the rest."""
    organization = membership.organization
    my_themes = set(
        MemberTheme.objects.filter(
            membership=membership, theme__archived_at__isnull=True
        ).values_list("theme_id", flat=True)
    )
    mine: dict[int, set[str]] = defaultdict(set)
    for entity_id, kind in Connection.objects.filter(membership=membership).values_list(
        "entity_id", "kind"
    ):
        mine[entity_id].add(kind)
    entities = (
        Entity.objects.filter(organization=organization)
        .annotate(kind_order=KIND_ORDER)
        .prefetch_related("themes")
        .order_by("kind_order", "-is_key", Lower("name"))
    )
    suggested, around, others = [], [], []
    for entity in entities:
        ties = EntityTies(entity, frozenset(mine.get(entity.pk, ())))
        if ties.suggested:
            suggested.append(ties)
        elif my_themes & {t.pk for t in entity.themes.all()}:
            around.append(ties)
        else:
            others.append(ties)
    return MemberOutsideWorld(suggested, around, others, has_themes=bool(my_themes))
