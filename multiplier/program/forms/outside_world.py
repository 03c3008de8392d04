"""Forms of the outside world: an entity, the list's filters, and a manager's new tie.
They only validate; services save (and check the rules that need the database)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from multiplier.accounts.models import Network
from multiplier.core.models import Membership, Organization

from ..models import ConnectionKind, Entity, EntityKind, Theme
from ..outside_links import (
    HANDLE_EXAMPLES,
    WEB_ADDRESS_MAX_LENGTH,
    clean_entity_handle,
    clean_web_address,
)
from ..selectors.outside_world import participating
from ..services.outside_world import EntityFields

HANDLE_PREFIX = "handle_"
NOTES_MAX_LENGTH = 2000


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return str(_("%(name)s (archived)") % {"name": obj.name}) if obj.is_archived else obj.name


class EntityForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=Entity._meta.get_field("name").max_length,
        help_text=_("For example: HR directors in healthcare, Tech Week Utrecht, Anna Jansen."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EntityKind.choices, widget=forms.RadioSelect)
    themes = ThemeChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose themes of this organisation.")},
    )
    is_key = forms.BooleanField(
        label=_("Key: someone or something the programme must be close to"),
        required=False,
        help_text=_("Key entities come first in the lists and in the suggestions."),
    )
    event_date = forms.DateField(
        label=_("Date (events only)"),
        required=False,
        help_text=_(
            "Optional: the next edition's date, if it is known. Events that are over are "
            "marked as such and no longer suggested."
        ),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, for example 2026-06-18.")},
    )
    url = forms.CharField(
        label=_("Web address"),
        required=False,
        max_length=WEB_ADDRESS_MAX_LENGTH,
        help_text=_("For example https://www.techweek.nl (https:// is added if you leave it out)."),
        widget=forms.TextInput(
            attrs={"inputmode": "url", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        help_text=_("Why they matter, who to ask, when to be there."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self, *args: Any, organization: Organization, entity: Entity | None = None, **kwargs: Any
    ) -> None:
        if entity is not None:
            kwargs.setdefault("initial", _initial(entity))
        super().__init__(*args, **kwargs)
        themes = Theme.objects.filter(organization=organization)
        if entity is None:
            available = themes.active()
        else:
            # An archived theme stays on the entity (and in the choices) until it is unticked.
            available = themes.filter(Q(archived_at__isnull=True) | Q(entities=entity)).distinct()
        self.fields["themes"].queryset = available.order_by("position", "name")
        for network in Network:
            self.fields[f"{HANDLE_PREFIX}{network}"] = forms.CharField(
                label=network.label,
                required=False,
                max_length=200,
                help_text=_("For example: %(example)s") % {"example": HANDLE_EXAMPLES[network]},
                widget=forms.TextInput(
                    attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
                ),
            )

    @property
    def handle_fields(self) -> list[forms.BoundField]:
        return [self[f"{HANDLE_PREFIX}{network}"] for network in Network]

    @property
    def handles_in_use(self) -> bool:
        """Whether a handle is filled in or refused (the section is shown open then)."""
        return any(field.value() or field.errors for field in self.handle_fields)

    @property
    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("name", "kind", "themes", "is_key", "event_date", "url")]

    def clean_url(self) -> str:
        return clean_web_address(self.cleaned_data["url"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for network in Network:
            name = f"{HANDLE_PREFIX}{network}"
            if name in cleaned:
                try:
                    cleaned[name] = clean_entity_handle(network, cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def entity_fields(self) -> EntityFields:
        data = self.cleaned_data
        return EntityFields(
            name=data["name"],
            kind=data["kind"],
            themes=list(data["themes"]),
            url=data["url"],
            handles={
                network.value: data[f"{HANDLE_PREFIX}{network}"]
                for network in Network
                if data[f"{HANDLE_PREFIX}{network}"]
            },
            notes=data["notes"],
            is_key=data["is_key"],
            event_date=data["event_date"],
        )

    def add_service_errors(self, error: forms.ValidationError) -> None:
        """Errors from the service, on the fields they are about."""
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


def _initial(entity: Entity) -> dict[str, Any]:
    initial = {
        "name": entity.name,
        "kind": entity.kind,
        "themes": list(entity.themes.all()),
        "is_key": entity.is_key,
        "event_date": entity.event_date,
        "url": entity.url,
        "notes": entity.notes,
    }
    for network, handle in (entity.handles or {}).items():
        initial[f"{HANDLE_PREFIX}{network}"] = handle
    return initial


class EntityFilterForm(forms.Form):
    """The list's GET parameters; an invalid value is ignored (a stale bookmark still works)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=120,
        widget=forms.SearchInput(attrs={"placeholder": _("Name, notes or web address")}),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.none(), required=False, empty_label=_("All themes")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EntityKind.choices]
    )
    key = forms.BooleanField(label=_("Key ones only"), required=False)
    unconnected = forms.BooleanField(label=_("Nobody connected yet"), required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(organization=organization).active()

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `selectors.outside_world.entity_search`."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": (data.get("q") or "").strip(),
            "theme": data.get("theme"),
            "kind": data.get("kind") or "",
            "key_only": bool(data.get("key")),
            "unconnected_only": bool(data.get("unconnected")),
        }


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.display_name


class ConnectionForm(forms.Form):
    """A manager ties a participating member to an entity, or suggests they connect."""

    membership = MemberChoiceField(
        label=_("Person"),
        queryset=Membership.objects.none(),
        empty_label=_("Choose a person"),
        error_messages={"invalid_choice": _("Choose someone who takes part in the programme.")},
    )
    kind = forms.ChoiceField(
        label=_("How they are connected"),
        choices=ConnectionKind.choices,
        initial=ConnectionKind.SHOULD_CONNECT,
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            participating(organization).select_related("user").order_by("user__name", "pk")
        )
