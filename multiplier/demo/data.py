"""The demo organisation's fixed facts: who can log in, with which password."""

from __future__ import annotations

DEMO_ORG_SLUG = "noorderlicht"
DEMO_ORG_NAME = "Noorderlicht Energie"
# A public, documented password: the demo is for trying the product on one's own machine.
DEMO_PASSWORD = "multiplier-demo"  # noqa: S105

# (e-mail, what this login shows)
DEMO_LOGINS: list[tuple[str, str]] = [
    ("admin@noorderlicht.example", "organisation admin"),
    ("manager@noorderlicht.example", "programme manager"),
    ("ambassador@noorderlicht.example", "ambassador"),
    ("leader@noorderlicht.example", "leader (director, also an ambassador)"),
]


def login_banner() -> str:
    lines = [f"  Demo logins (password for all: {DEMO_PASSWORD}):"]
    lines += [f"    {email:<34} {what}" for email, what in DEMO_LOGINS]
    return "\n".join(lines) + "\n"
