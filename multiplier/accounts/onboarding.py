"""The onboarding wizard's steps: a registry, so any app can add a step without touching the wizard.

A member who has not finished onboarding in an organisation is sent to the wizard by the core
middleware's onboarding gate. The wizard (accounts/views/onboarding.py) shows every registered
step that `is_needed` for that member, in `order`, with Back / Next and a progress indicator; the
last step's Next finishes onboarding (`Membership.onboarded_at`).

Adding a step (e.g. from another app's `AppConfig.ready`)::

    from multiplier.accounts.onboarding import Step, register

    def _form(membership, data):
        return ThemesForm(data, organization=membership.organization, user=membership.user)

    def _save(membership, form):
        member_set_themes(membership=membership, themes=form.cleaned_data["themes"])

    register(
        Step(
            key="themes",                      # the URL: /o/<org>/onboarding/themes/
            order=250,                         # built-in steps use 100, 200, 300
            title=_("Your themes"),
            template="program/onboarding/themes.html",
            form=_form,
            save=_save,
            is_needed=lambda membership: membership.organization.themes.exists(),
        )
    )

- `template` is rendered inside the wizard's <form>, which already has the CSRF token, the
  progress indicator and the Back / Next buttons. It receives `form`, `step`, `membership`,
  `organization` and whatever `context(membership)` returns.
- `form(membership, data)` builds the step's form (`data` is None on GET, request.POST on
  POST). Leave it out for a step that only shows something; Next then just moves on.
- `save(membership, form)` runs when Next is pressed and the form is valid. It must write
  through a service function (never `.save()` a model).
- `submit_label` replaces "Next" / "Finish" on the button when pressing it means something,
  e.g. "I accept" for the social media policy.
- `is_needed(membership)` says whether the step applies to this member at all (e.g. "the
  organisation has themes", "there is a social media policy"). It should not turn False just
  because the step has been answered: the member can go Back to it and the progress indicator
  would otherwise jump.
- Answers that belong to the person (networks, language) are shared by all their
  organisations, so a person joining a second organisation sees them filled in already.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.http import QueryDict
from django.template import Template
from django.utils.functional import Promise

if TYPE_CHECKING:
    from multiplier.core.models import Membership


def _always(membership: Membership) -> bool:
    return True


def _nothing(membership: Membership, form: forms.Form | None) -> None:
    return None


def _no_context(membership: Membership) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Step:
    key: str
    order: int
    title: str | Promise
    template: str | Template  # a name; a Template object works too (handy in tests)
    form: Callable[[Membership, QueryDict | None], forms.Form] | None = None
    save: Callable[[Membership, forms.Form | None], None] = _nothing
    is_needed: Callable[[Membership], bool] = _always
    context: Callable[[Membership], dict[str, Any]] = _no_context
    # The Next button's text when it means more than "next", e.g. "I accept".
    submit_label: str | Promise | None = None

    def make_form(self, membership: Membership, data: QueryDict | None = None) -> forms.Form | None:
        return self.form(membership, data) if self.form is not None else None


_registry: dict[str, Step] = {}


def register(step: Step) -> Step:
    """Add a step. Registering the same step twice is harmless; two different steps with one
    key is a programming error."""
    existing = _registry.get(step.key)
    if existing is not None and existing != step:
        raise ImproperlyConfigured(f"Two onboarding steps are called {step.key!r}.")
    _registry[step.key] = step
    return step


def unregister(key: str) -> None:
    _registry.pop(key, None)


def steps_for(membership: Membership) -> list[Step]:
    """The steps this member goes through, in order."""
    steps = sorted(_registry.values(), key=lambda step: (step.order, step.key))
    return [step for step in steps if step.is_needed(membership)]
