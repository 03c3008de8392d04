"""Where the social media policy plugs into core and accounts, which never import `program`:
the onboarding step and the re-accept gate. `register()` runs from
ProgramConfig.ready().

The onboarding step has order 350: after the built-in steps (welcome 100, networks 200,
language 300), so the policy is read in the language just chosen, as the last thing before the
member starts.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from multiplier.accounts import onboarding
from multiplier.core.middleware import register_gate
from multiplier.core.models import Membership

from .forms.policy import PolicyAcceptForm
from .gates import policy_gate
from .models import Policy
from .policy import current_policy
from .services.policy import policy_accept


def _policy_exists(membership: Membership) -> bool:
    return Policy.objects.published().filter(organization_id=membership.organization_id).exists()


def _form(membership: Membership, data: QueryDict | None) -> forms.Form:
    policy = current_policy(membership.organization)
    assert policy is not None  # the step is only shown when a published policy exists
    return PolicyAcceptForm(data, policy=policy)


def _accept(membership: Membership, form: forms.Form | None) -> None:
    policy_accept(membership=membership, policy=cast(PolicyAcceptForm, form).policy)


def _context(membership: Membership) -> dict[str, Any]:
    return {"policy": current_policy(membership.organization)}


POLICY_STEP = onboarding.Step(
    key="policy",
    order=350,
    title=_("Our social media policy"),
    template="program/policy/onboarding.html",
    form=_form,
    save=_accept,
    is_needed=_policy_exists,
    context=_context,
    submit_label=_("I accept"),
)


def register() -> None:
    onboarding.register(POLICY_STEP)
    register_gate(policy_gate)
