"""The people of the demo organisation: a Groningen energy cooperative of about forty.

Enough variety for every page to have content: admins, managers, leaders in every layer, ambassadors
in eight teams, a few international colleagues who read English, people who opted out and people
who have not answered their invitation yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from multiplier.core.models import MembershipStatus, Role

DOMAIN = "noorderlicht.example"
MARCOM = "Marketing & Communicatie"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    team: str
    role: str = Role.AMBASSADOR
    leader: bool = False
    status: str = MembershipStatus.ACTIVE
    language: str = "nl"
    onboarded: bool = True
    # network -> (handle, audience size)
    networks: dict[str, tuple[str, int]] = field(default_factory=dict)


def _email(name: str) -> str:
    first, *rest = name.lower().replace("'", "").split()
    return f"{first}.{rest[-1]}@{DOMAIN}" if rest else f"{first}@{DOMAIN}"


def _li(name: str, size: int) -> dict[str, tuple[str, int]]:
    slug = name.lower().replace(" ", "-").replace("'", "")
    return {"linkedin": (f"https://www.linkedin.com/in/{slug}", size)}


def _p(name: str, team: str, size: int, **extra) -> DemoPerson:
    networks = {**_li(name, size), **extra.pop("networks", {})}
    email = extra.pop("email", _email(name))
    return DemoPerson(email=email, name=name, team=team, networks=networks, **extra)


# The four documented demo logins come first (see data.DEMO_LOGINS).
PEOPLE: list[DemoPerson] = [
    _p("Sanne de Vries", MARCOM, 1850, email=f"admin@{DOMAIN}", role=Role.ADMIN),
    _p(
        "Daan Jansen",
        MARCOM,
        2400,
        email=f"manager@{DOMAIN}",
        role=Role.MANAGER,
        networks={"x": ("@daanjansen", 640), "bluesky": ("daanjansen.bsky.social", 210)},
    ),
    _p(
        "Lotte Bakker",
        "Techniek",
        520,
        email=f"ambassador@{DOMAIN}",
        networks={"mastodon": ("@lotte@mastodon.nl", 180)},
    ),
    _p(
        "Pieter van den Berg",
        "Directie",
        6200,
        email=f"leader@{DOMAIN}",
        leader=True,
        networks={"x": ("@pvdberg", 2100)},
    ),
    # Directie and team leads
    _p("Marieke Visser", "Directie", 4100, leader=True, role=Role.ADMIN),
    _p("Hans Mulder", "Projecten", 1320, leader=True),
    _p("Ingrid Smit", "HR", 980, leader=True, role=Role.MANAGER),
    _p("Kees de Boer", "Techniek", 760, leader=True),
    _p("Yasmine Bouzid", "Sales", 2900, leader=True, networks={"instagram": ("@yasmine.b", 1200)}),
    # Marketing & Communicatie
    _p("Fleur Hendriks", MARCOM, 1500, networks={"instagram": ("@fleurh", 3400)}),
    _p("Thijs Kok", MARCOM, 890, networks={"bluesky": ("thijskok.bsky.social", 150)}),
    _p("Emma Dijkstra", MARCOM, 1150),
    # Techniek
    _p("Ruben Meijer", "Techniek", 430, networks={"mastodon": ("@ruben@fosstodon.org", 320)}),
    _p("Sophie Postma", "Techniek", 610),
    _p("Jeroen Huisman", "Techniek", 350),
    _p("Anouk Brouwer", "Techniek", 700),
    _p("Wouter Veenstra", "Techniek", 280, status=MembershipStatus.OPTED_OUT),
    _p("Tomasz Nowak", "Techniek", 540, language="en"),
    # Projecten
    _p("Linda de Groot", "Projecten", 1240),
    _p("Bas van Dam", "Projecten", 860),
    _p("Eva Boersma", "Projecten", 990, networks={"x": ("@evaboersma", 410)}),
    _p("Niels Schouten", "Projecten", 620, status=MembershipStatus.OPTED_OUT),
    _p("Priya Raman", "Projecten", 1730, language="en"),
    # Sales
    _p("Mark de Haan", "Sales", 3100),
    _p("Iris Koster", "Sales", 2250),
    _p("Jasper Wolters", "Sales", 1800, networks={"x": ("@jasperw", 300)}),
    _p("Noor Vermeulen", "Sales", 1420),
    _p("Rick Bos", "Sales", 1050, status=MembershipStatus.INVITED),
    # Klantenservice
    _p("Sarah Willems", "Klantenservice", 310, onboarded=False),
    _p("Mohamed Yilmaz", "Klantenservice", 450, onboarded=False),
    _p("Femke Jacobs", "Klantenservice", 240, networks={"facebook": ("femke.jacobs", 380)}),
    _p("Kevin Peters", "Klantenservice", 190, status=MembershipStatus.OPTED_OUT),
    _p("Laura Kuipers", "Klantenservice", 270, status=MembershipStatus.INVITED),
    # HR
    _p("Esther van Leeuwen", "HR", 1340, role=Role.MANAGER),
    _p("Joost Hoekstra", "HR", 720),
    _p("Merel Prins", "HR", 830, networks={"instagram": ("@merelprins", 950)}),
    # IT
    _p("Dennis Zijlstra", "IT", 380, networks={"mastodon": ("@dennis@social.tchncs.de", 90)}),
    _p("Olga Petrova", "IT", 640, language="en", onboarded=False),
    _p("Stefan Bakker", "IT", 420, status=MembershipStatus.OPTED_OUT),
    _p("Julia Vos", "IT", 510, status=MembershipStatus.INVITED),
]
