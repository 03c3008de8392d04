"""Forms of the invitation pages: inviting one person, uploading a file, accepting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from multiplier.core.models import Membership, Role

from .models import User
from .services.invitations import Invitee, may_invite_as


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Used to greet them in the e-mail. They can change it when they accept."),
    )
    team = forms.CharField(label=_("Team or department"), max_length=120, required=False)
    role = forms.ChoiceField(label=_("Role"), initial=Role.AMBASSADOR)
    is_leader = forms.BooleanField(
        label=_("Leader (manager or director)"),
        required=False,
        help_text=_("Leaders' participation is shown separately: their example counts."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("People who already have an account get it in the language they chose."),
    )

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if may_invite_as(membership, value)
        ]
        self.fields["language"].initial = membership.organization.language

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def invitee(self) -> Invitee:
        data = self.cleaned_data
        return Invitee(
            email=data["email"],
            name=data["name"].strip(),
            team=data["team"].strip(),
            role=data["role"],
            is_leader=data["is_leader"],
            language=data["language"],
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File with the people to invite"),
        # An empty file gets the import's own explanation, like every other unusable file.
        allow_empty_file=True,
        help_text=_("A .csv (UTF-8) or .xlsx file, one person per row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class AcceptForm(forms.Form):
    """A new person picks their name, password and language when they accept."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("As your colleagues know you."),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password"].help_text = password_validation.password_validators_help_text_html()
        self.fields["name"].initial = user.name
        self.fields["language"].initial = user.language

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        # Validated against this person (a password like their e-mail address is refused).
        candidate = User(email=self.user.email, name=self.cleaned_data.get("name", ""))
        password_validation.validate_password(password, candidate)
        return password
