"""Coverage (step 3): for each active theme, who is on it and whether that is enough.

The counts, all of participating members only (opted-out and invited people never count):
- ambassadors: everyone bound to the theme, by interest or expertise. Leaders are ambassadors
  too, so this is the same number as the goal metric "ambassadors per theme" (metrics.py).
- experts: confirmed experts (expertise a manager confirmed). Declared but unconfirmed
  expertise is `unconfirmed_experts`, so the manager sees whom to confirm.
- leaders: the leaders among the ambassadors, counted separately because leaders' example is
  what legitimises a programme (PRODUCT.md).
A theme is flagged when ambassadors or experts are below the organisation's thresholds
(ProgrammeSettings). Archived themes are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from multiplier.core.models import Membership, Organization

from ..models import MemberTheme, ProgrammeSettings, Theme, ThemeRelation
from .themes import assignable_members, ordered_active_themes


class State(StrEnum):
    """How a person is on a theme, from least to most: what the picture colours by."""

    INTEREST = "interest"
    EXPERTISE = "expertise"
    CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Person:
    member_theme_id: int
    membership: Membership
    state: State
    assigned: bool  # a manager put them on the theme

    @property
    def name(self) -> str:
        return self.membership.user.display_name

    @property
    def is_leader(self) -> bool:
        return self.membership.is_leader


@dataclass
class ThemeCoverage:
    theme: Theme
    min_ambassadors: int
    min_experts: int
    people: list[Person] = field(default_factory=list)

    @property
    def ambassadors(self) -> int:
        return len(self.people)

    @property
    def experts(self) -> int:
        return sum(1 for person in self.people if person.state == State.CONFIRMED)

    @property
    def unconfirmed_experts(self) -> int:
        return sum(1 for person in self.people if person.state == State.EXPERTISE)

    @property
    def leaders(self) -> int:
        return sum(1 for person in self.people if person.is_leader)

    @property
    def needs_ambassadors(self) -> bool:
        return self.ambassadors < self.min_ambassadors

    @property
    def needs_experts(self) -> bool:
        return self.experts < self.min_experts

    @property
    def is_flagged(self) -> bool:
        return self.needs_ambassadors or self.needs_experts


@dataclass
class Coverage:
    settings: ProgrammeSettings
    themes: list[ThemeCoverage]
    participating: int  # members taking part
    without_theme: list[Membership]  # taking part, on no active theme

    @property
    def flagged(self) -> list[ThemeCoverage]:
        return [theme for theme in self.themes if theme.is_flagged]


def programme_settings(organization: Organization) -> ProgrammeSettings:
    # Made with the organisation (services/defaults.py); read-only here, so an unsaved default
    # stands in should the row be missing.
    found = ProgrammeSettings.objects.filter(organization=organization).first()
    return found or ProgrammeSettings(organization=organization)


def _state(bond: MemberTheme) -> State:
    if bond.relation == ThemeRelation.EXPERTISE:
        return State.CONFIRMED if bond.confirmed_at is not None else State.EXPERTISE
    return State.INTEREST


# Most-involved first within a theme, then by name: the picture reads from strong to light.
_ORDER = {State.CONFIRMED: 0, State.EXPERTISE: 1, State.INTEREST: 2}


def _people(themes: list[Theme]) -> dict[int, list[Person]]:
    bonds = (
        MemberTheme.objects.filter(theme__in=themes)
        .filter(membership__in=Membership.objects.participating())
        .select_related("membership__user")
    )
    people: dict[int, list[Person]] = {theme.pk: [] for theme in themes}
    for bond in bonds:
        people[bond.theme_id].append(
            Person(bond.pk, bond.membership, _state(bond), assigned=bond.assigned_by_id is not None)
        )
    for persons in people.values():
        persons.sort(key=lambda p: (_ORDER[p.state], p.name.casefold(), p.membership.pk))
    return people


def theme_coverage(theme: Theme) -> ThemeCoverage:
    """One theme (archived ones too: their page keeps the history)."""
    settings = programme_settings(theme.organization)
    return ThemeCoverage(
        theme,
        settings.min_ambassadors_per_theme,
        settings.min_experts_per_theme,
        _people([theme])[theme.pk],
    )


def coverage(organization: Organization) -> Coverage:
    settings = programme_settings(organization)
    themes = ordered_active_themes(organization)
    people = _people(themes)
    on_a_theme = {person.membership.pk for persons in people.values() for person in persons}
    members = list(assignable_members(organization))
    return Coverage(
        settings=settings,
        themes=[
            ThemeCoverage(
                theme,
                settings.min_ambassadors_per_theme,
                settings.min_experts_per_theme,
                people[theme.pk],
            )
            for theme in themes
        ],
        participating=len(members),
        without_theme=[m for m in members if m.pk not in on_a_theme],
    )
