"""How allauth behaves here: nobody signs up on their own; people join by invitation."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are created when an invitation is accepted (accounts/invitations), never by
        # a stranger filling in the sign-up form.
        return False
