"""Step 5, the outside world: the entities around the themes and the members' ties to them.

Entities are kept by those who run the programme. A tie (Connection) is declared by the member
themselves (follows, knows personally, engages regularly) or added by a manager, who may also
suggest one ("should connect"). Only participating members have ties: an opted-out member cannot
be given one. Managers' actions are audit-logged; a member's own declarations are not (they are
that person's own business, visible on their page).

`by` is the acting membership; None is the installation itself (data set-up, the demo), which may
do what a manager may (services/actors.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from multiplier.accounts.models import Network
from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization
from multiplier.core.permissions import Perm, can

from ..models import Connection, ConnectionKind, Entity, EntityKind, Theme
from ..outside_links import clean_entity_handle, clean_web_address
from ..selectors.outside_world import TIES
from .actors import require_programme_runner

NAME_MAX_LENGTH = Entity._meta.get_field("name").max_length


@dataclass(frozen=True)
class EntityFields:
    """What a manager enters about an entity (the form's cleaned data)."""

    name: str
    kind: str
    themes: Sequence[Theme] = ()
    url: str = ""
    handles: Mapping[str, str] = field(default_factory=dict)
    notes: str = ""
    is_key: bool = False
    event_date: date | None = None


def _cleaned(organization: Organization, fields: EntityFields, entity: Entity | None) -> dict:
    """The values to store, or ValidationError with one message per field."""
    errors: dict[str, list[str]] = {}
    name = " ".join(fields.name.split())  # no stray or double spaces in a name
    if not name:
        errors["name"] = [_("Enter a name.")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [
            _("A name can have at most %(max)d characters.") % {"max": NAME_MAX_LENGTH}
        ]
    if fields.kind not in EntityKind.values:
        errors["kind"] = [_("Choose what kind of entity this is.")]
    elif name:
        duplicate = Entity.objects.filter(
            organization=organization, kind=fields.kind, name__iexact=name
        )
        if entity is not None:
            duplicate = duplicate.exclude(pk=entity.pk)
        if duplicate.exists():
            errors["name"] = [
                _("There is already an entity of the kind “%(kind)s” called “%(name)s”.")
                % {"kind": EntityKind(fields.kind).label, "name": name}
            ]
    # Themes of this organisation only; archived ones only if the entity already had them.
    themes = Theme.objects.filter(organization=organization)
    allowed = set(themes.active().values_list("pk", flat=True))
    if entity is not None:
        allowed |= set(themes.filter(entities=entity).values_list("pk", flat=True))
    if {t.pk for t in fields.themes} - allowed:
        errors["themes"] = [_("Choose themes of this organisation.")]
    try:
        url = clean_web_address(fields.url)
    except ValidationError as error:
        errors["url"] = error.messages
    handles: dict[str, str] = {}
    for network, raw in fields.handles.items():
        if network not in Network.values:
            message = _("Unknown network: %(network)s.") % {"network": network}
            errors.setdefault("handles", []).append(message)
            continue
        try:
            cleaned = clean_entity_handle(network, raw)
        except ValidationError as error:
            errors.setdefault("handles", []).extend(error.messages)
            continue
        if cleaned:
            handles[network] = cleaned
    if fields.event_date is not None and fields.kind != EntityKind.EVENT:
        errors["event_date"] = [_("Only events have a date. Clear it, or choose “Event”.")]
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "kind": fields.kind,
        "url": url,
        "handles": handles,
        "notes": fields.notes.strip(),
        "is_key": fields.is_key,
        "event_date": fields.event_date,
    }


def _save(entity: Entity) -> None:
    try:
        with transaction.atomic():
            entity.save()
    except IntegrityError:
        # Two managers adding the same name at the same moment: the constraint decides.
        raise ValidationError(
            {"name": _("There is already an entity of this kind with this name.")}
        ) from None


def entity_create(
    *, organization: Organization, by: Membership | None, fields: EntityFields
) -> Entity:
    require_programme_runner(by, organization)
    values = _cleaned(organization, fields, None)
    with transaction.atomic():
        entity = Entity(organization=organization, **values)
        _save(entity)
        entity.themes.set(fields.themes)
        audit(
            "entity.created",
            actor=getattr(by, "user", None),
            organization=organization,
            target=entity.name,
            kind=entity.kind,
        )
    return entity


def entity_update(*, entity: Entity, by: Membership | None, fields: EntityFields) -> Entity:
    organization = entity.organization
    require_programme_runner(by, organization)
    values = _cleaned(organization, fields, entity)
    with transaction.atomic():
        old_themes = sorted(t.name for t in entity.themes.all())
        changed = {
            key: {"from": _audit_value(getattr(entity, key)), "to": _audit_value(value)}
            for key, value in values.items()
            if getattr(entity, key) != value and key != "notes"
        }
        if entity.notes != values["notes"]:
            changed["notes"] = {"from": "…", "to": "…"}  # free text: that it changed is enough
        for key, value in values.items():
            setattr(entity, key, value)
        _save(entity)
        entity.themes.set(fields.themes)
        new_themes = sorted(t.name for t in fields.themes)
        if new_themes != old_themes:
            changed["themes"] = {"from": ", ".join(old_themes), "to": ", ".join(new_themes)}
        if changed:
            audit(
                "entity.updated",
                actor=getattr(by, "user", None),
                organization=organization,
                target=entity.name,
                **changed,
            )
    return entity


def _audit_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(value.values())
    return value


def entity_delete(*, entity: Entity, by: Membership | None) -> None:
    """Deletes the entity and every tie to it (they mean nothing without it)."""
    require_programme_runner(by, entity.organization)
    with transaction.atomic():
        connections = entity.connections.count()
        audit(
            "entity.deleted",
            actor=getattr(by, "user", None),
            organization=entity.organization,
            target=entity.name,
            kind=entity.kind,
            connections=connections,
        )
        entity.delete()


# --- Connections -------------------------------------------------------------------------------


def _is_own(by: Membership | None, membership: Membership) -> bool:
    return by is not None and by.pk == membership.pk


def _check_may_connect(by: Membership | None, membership: Membership, kind: str) -> None:
    """Members declare their own ties; ties of others, and suggestions, are for managers."""
    if _is_own(by, membership) and kind in TIES and can(by, Perm.USE_PROGRAMME):
        return
    require_programme_runner(by, membership.organization)


def connection_add(
    *, entity: Entity, membership: Membership, kind: str, by: Membership | None, note: str = ""
) -> Connection:
    """Add a tie (idempotent: an existing one is returned as it is).

    A real tie fulfils a suggestion to connect, which is then removed. A suggestion to connect
    with someone the member is already tied to makes no sense and is refused.
    """
    if kind not in ConnectionKind.values:
        raise ValidationError({"kind": _("Choose how this person is connected.")})
    if membership.organization_id != entity.organization_id:
        raise PermissionDenied
    _check_may_connect(by, membership, kind)
    if not membership.is_active:
        raise ValidationError(
            {"membership": _("Only people who take part in the programme can be connected.")}
        )
    ties = Connection.objects.filter(entity=entity, membership=membership)
    with transaction.atomic():
        existing = ties.filter(kind=kind).first()
        if existing is not None:
            return existing
        if kind == ConnectionKind.SHOULD_CONNECT and ties.filter(kind__in=TIES).exists():
            raise ValidationError(
                {
                    "kind": _("%(person)s is already connected to %(entity)s.")
                    % {"person": membership.user.display_name, "entity": entity.name}
                }
            )
        try:
            with transaction.atomic():
                connection = Connection.objects.create(
                    organization=entity.organization,
                    entity=entity,
                    membership=membership,
                    kind=kind,
                    note=note.strip()[:200],
                    created_by=getattr(by, "user", None),
                )
        except IntegrityError:
            # The same click twice at once: the first one made it.
            return ties.get(kind=kind)
        if kind in TIES:
            ties.filter(kind=ConnectionKind.SHOULD_CONNECT).delete()
        if not _is_own(by, membership):
            audit(
                "connection.added",
                actor=getattr(by, "user", None),
                organization=entity.organization,
                target=f"{membership.user.email} → {entity.name}",
                kind=kind,
            )
    return connection


def connection_remove(*, connection: Connection, by: Membership | None) -> None:
    """A member removes their own ties (and may decline a suggestion); managers remove any."""
    membership = connection.membership
    own = _is_own(by, membership)
    if not (own and can(by, Perm.USE_PROGRAMME)):
        require_programme_runner(by, connection.organization)
    with transaction.atomic():
        connection.delete()
        if not own:
            audit(
                "connection.removed",
                actor=getattr(by, "user", None),
                organization=connection.organization,
                target=f"{membership.user.email} → {connection.entity.name}",
                kind=connection.kind,
            )
