"""The members page's filters and the admin's form for one member."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Membership, MembershipStatus, Role

SORT_CHOICES = [
    ("name", _("Name (A to Z)")),
    ("-name", _("Name (Z to A)")),
    ("email", _("E-mail address")),
    ("team", _("Team")),
    ("role", _("Role")),
    ("-joined", _("Joined (newest first)")),
    ("joined", _("Joined (oldest first)")),
]


class MemberFilterForm(forms.Form):
    """GET parameters of the members page. Invalid values are ignored rather than shown as
    errors: a stale bookmark should still show the list."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=254,
        widget=forms.SearchInput(attrs={"placeholder": _("Name or e-mail address")}),
    )
    team = forms.ChoiceField(label=_("Team"), required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
    # Opted-out members are never listed, so they are not a status one can filter on.
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (MembershipStatus.ACTIVE, MembershipStatus.ACTIVE.label),
            (MembershipStatus.INVITED, MembershipStatus.INVITED.label),
        ],
    )
    leaders = forms.BooleanField(label=_("Leaders only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, teams: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams")), *[(t, t) for t in teams]]

    def filters(self) -> dict:
        """The valid filters, as keyword arguments for `selectors.member_search`."""
        self.is_valid()  # fields with an invalid value are left out of cleaned_data
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "team": data.get("team") or "",
            "role": data.get("role") or "",
            "status": data.get("status") or "",
            "leaders_only": bool(data.get("leaders")),
            "sort": data.get("sort") or "name",
        }


class MemberForm(forms.ModelForm):
    """Role, leader flag and team of one member (admins only). Saved through the services in
    `services.members`, never with `form.save()`."""

    class Meta:
        model = Membership
        fields = ["role", "is_leader", "team"]
        help_texts = {
            "role": _(
                "Admins manage people, settings and the audit log; programme managers run the "
                "programme; ambassadors share."
            ),
            "team": _("Pick a team that is already used, or type a new one."),
        }
        widgets = {
            # Suggests the teams already in use (the page renders the <datalist>).
            "team": forms.TextInput(attrs={"list": "team-options", "autocomplete": "off"}),
        }
