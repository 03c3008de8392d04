"""Step 4: the organisation's ways to contribute (levels) and the one a manager sets for a member.

Levels describe how someone takes part, never how good they are. Every function takes the
acting membership as `by` (allowed to run the programme; None is the installation itself:
services/actors.py), validates before it writes and writes the audit log. Field problems are
`ValidationError`s keyed by field.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization

from ..models import Level, MemberLevel
from .actors import require_programme_runner

CRITERIA = ("min_shares", "min_personalised_shares", "min_own_posts", "min_expert_themes")
MAX_CRITERION = 100_000
NAME_MAX_LENGTH = Level._meta.get_field("name").max_length
KEY_MAX_LENGTH = Level._meta.get_field("key").max_length


def _duplicate(name: str) -> ValidationError:
    return ValidationError(
        {"name": [_("There is already a way to contribute called “%(name)s”.") % {"name": name}]}
    )


def _validated(
    organization: Organization, values: dict[str, Any], exclude_pk: int | None = None
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {
        "name": " ".join(str(values.get("name", "")).split()),
        "description": str(values.get("description", "")).strip(),
        "behaviour": str(values.get("behaviour", "")).strip(),
    }
    if not cleaned["name"]:
        errors["name"] = [_("Give this way to contribute a name.")]
    elif len(cleaned["name"]) > NAME_MAX_LENGTH:
        errors["name"] = [
            _("A name can have at most %(max)d characters.") % {"max": NAME_MAX_LENGTH}
        ]
    elif (
        Level.objects.filter(organization=organization, name__iexact=cleaned["name"])
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["name"] = _duplicate(cleaned["name"]).message_dict["name"]
    for criterion in CRITERIA:
        value = values.get(criterion, 0)
        if not isinstance(value, int) or not 0 <= value <= MAX_CRITERION:
            errors[criterion] = [
                _("Enter a whole number from 0 to %(max)d.") % {"max": MAX_CRITERION}
            ]
        cleaned[criterion] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _unique_key(organization: Organization, name: str) -> str:
    """A stable key for the level (ids in URLs change between installations; keys do not)."""
    base = (slugify(name) or "level")[: KEY_MAX_LENGTH - 4]
    taken = set(Level.objects.filter(organization=organization).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _save(level: Level, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            level.save(**kwargs)
    except IntegrityError:
        # Two managers naming a level alike at the same moment: the same error as the check.
        raise _duplicate(level.name) from None


def level_create(*, organization: Organization, by: Membership | None, **values: Any) -> Level:
    """A new way to contribute, after the others. `values`: name, description, behaviour and
    the criteria (min_shares, ...; 0 = no criterion)."""
    require_programme_runner(by, organization)
    cleaned = _validated(organization, values)
    last = Level.objects.filter(organization=organization).aggregate(n=Max("position"))["n"]
    level = Level(
        organization=organization,
        key=_unique_key(organization, cleaned["name"]),
        position=0 if last is None else last + 1,
        **cleaned,
    )
    _save(level)
    audit(
        "level.created",
        actor=getattr(by, "user", None),
        organization=organization,
        target=level.name,
        **cleaned,
    )
    return level


def level_update(
    *, level: Level, by: Membership | None, **values: Any
) -> dict[str, dict[str, Any]]:
    """Change what differs; returns (and audits) {field: {"from", "to"}}."""
    require_programme_runner(by, level.organization)
    cleaned = _validated(level.organization, values, exclude_pk=level.pk)
    changes = {
        field: {"from": getattr(level, field), "to": value}
        for field, value in cleaned.items()
        if getattr(level, field) != value
    }
    if not changes:
        return {}
    for field, change in changes.items():
        setattr(level, field, change["to"])
    _save(level, update_fields=list(changes))
    audit(
        "level.updated",
        actor=getattr(by, "user", None),
        organization=level.organization,
        target=level.name,
        **changes,
    )
    return changes


def level_move(*, level: Level, by: Membership | None, direction: Literal["up", "down"]) -> bool:
    """Swap with the neighbour in the order (the order decides which level is suggested when a
    member meets several). Returns False at either end."""
    require_programme_runner(by, level.organization)
    if direction not in ("up", "down"):
        raise ValueError(f"Unknown direction: {direction!r}")
    with transaction.atomic():
        levels = list(
            Level.objects.select_for_update()
            .filter(organization_id=level.organization_id)
            .order_by("position", "pk")
        )
        index = next(i for i, item in enumerate(levels) if item.pk == level.pk)
        other = index + (-1 if direction == "up" else 1)
        if not 0 <= other < len(levels):
            return False
        levels[index], levels[other] = levels[other], levels[index]
        for position, item in enumerate(levels):
            item.position = position
        Level.objects.bulk_update(levels, ["position"])
    audit(
        "level.moved",
        actor=getattr(by, "user", None),
        organization=level.organization,
        target=level.name,
        direction=direction,
        order=[item.name for item in levels],
    )
    return True


def level_delete(*, level: Level, by: Membership | None) -> int:
    """Delete a level; members on it lose their set level. Returns how many did."""
    require_programme_runner(by, level.organization)
    with transaction.atomic():
        members = list(
            MemberLevel.objects.filter(level=level).values_list(
                "membership__user__email", flat=True
            )
        )
        audit(
            "level.deleted",
            actor=getattr(by, "user", None),
            organization=level.organization,
            target=level.name,
            key=level.key,
            members_losing_it=members,
        )
        level.delete()  # their MemberLevel rows go with it (CASCADE)
    return len(members)


def member_level_set(
    *, membership: Membership, level: Level | None, by: Membership | None, suggested: bool = False
) -> bool:
    """Set (or with None clear) the level of a participating member. `suggested` records that
    the manager accepted the product's suggestion. Returns False when nothing changed."""
    require_programme_runner(by, membership.organization)
    if level is not None and level.organization_id != membership.organization_id:
        raise PermissionDenied
    if not membership.is_active:
        raise ValidationError(
            _("Only people who take part in the programme have a way to contribute."),
            code="not_participating",
        )
    with transaction.atomic():
        current = MemberLevel.objects.select_for_update().filter(membership=membership).first()
        before = current.level.name if current else None
        if (current.level_id if current else None) == (level.pk if level else None):
            return False
        if level is None:
            current.delete()  # type: ignore[union-attr]  (it differs from None, so it exists)
        else:
            MemberLevel.objects.update_or_create(
                membership=membership,
                defaults={
                    "organization_id": membership.organization_id,
                    "level": level,
                    "set_by": getattr(by, "user", None),
                    "set_at": timezone.now(),
                },
            )
        audit(
            "member_level.set" if level else "member_level.cleared",
            actor=getattr(by, "user", None),
            organization=membership.organization,
            target=membership.user.email,
            level={"from": before, "to": level.name if level else None},
            suggested=suggested,
        )
    return True
