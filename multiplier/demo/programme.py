"""The demo organisation's programme: themes, who covers them, ways to contribute, campaigns,
goals, the outside world and the social media policy. Written through the programme's services
(as the installation, `by=None`); each piece is made once and left alone afterwards, so what
someone changes while trying the demo stays."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from multiplier.core.models import Membership, Organization
from multiplier.program.models import (
    Campaign,
    Connection,
    ConnectionKind,
    Entity,
    EntityKind,
    Goal,
    Level,
    MemberTheme,
    Metric,
    Policy,
    Theme,
    ThemeRelation,
)
from multiplier.program.policy_template import starting_policy
from multiplier.program.services.campaigns import campaign_create
from multiplier.program.services.goals import goal_create, goals_finalise, local_today
from multiplier.program.services.levels import member_level_set
from multiplier.program.services.member_themes import (
    member_theme_assign,
)
from multiplier.program.services.outside_world import EntityFields, connection_add, entity_create
from multiplier.program.services.policy import policy_accept, policy_draft_create, policy_publish
from multiplier.program.services.themes import theme_create

from .people import DOMAIN

# (name, description, keywords, colour)
THEMES: list[tuple[str, str, str, str]] = [
    (
        "Energietransitie",
        "Hoe Noord-Nederland van gas af gaat: wat het vraagt van huishoudens, bedrijven en "
        "gemeenten, en wat wij daarin doen.",
        "energietransitie, van het gas af, duurzaam, netcongestie",
        "#2a7a4b",
    ),
    (
        "Zonne-energie",
        "Zonnepanelen op daken, zonneparken en wat je met de stroom doet als de zon schijnt.",
        "zonnepanelen, zonnepark, opslag, thuisbatterij",
        "#c98a00",
    ),
    (
        "Warmtenetten",
        "Collectieve warmte voor wijken: hoe het werkt, wat het kost en wie het beheert.",
        "warmtenet, restwarmte, wijkaanpak, aardwarmte",
        "#b3261e",
    ),
    (
        "Werken bij Noorderlicht",
        "Wie we zijn, hoe we werken en waarom vakmensen bij ons willen werken.",
        "vacatures, techniek, stage, vakmanschap",
        "#1f5f8b",
    ),
    (
        "Energiearmoede",
        "Huishoudens die hun energierekening niet kunnen betalen, en wat helpt.",
        "energiearmoede, energiecoach, isolatie, energierekening",
        "#6b4fa0",
    ),
]

# (e-mail local part, theme, relation, confirmed expert)
BONDS: list[tuple[str, str, str, bool]] = [
    ("leader", "Energietransitie", ThemeRelation.EXPERTISE, True),
    ("marieke.visser", "Energietransitie", ThemeRelation.EXPERTISE, True),
    ("ambassador", "Energietransitie", ThemeRelation.EXPERTISE, False),
    ("ambassador", "Zonne-energie", ThemeRelation.INTEREST, False),
    ("manager", "Energietransitie", ThemeRelation.INTEREST, False),
    ("emma.dijkstra", "Energietransitie", ThemeRelation.INTEREST, False),
    ("linda.groot", "Energietransitie", ThemeRelation.INTEREST, False),
    ("ruben.meijer", "Zonne-energie", ThemeRelation.EXPERTISE, True),
    ("sophie.postma", "Zonne-energie", ThemeRelation.EXPERTISE, False),
    ("anouk.brouwer", "Zonne-energie", ThemeRelation.INTEREST, False),
    ("mark.haan", "Zonne-energie", ThemeRelation.INTEREST, False),
    ("iris.koster", "Zonne-energie", ThemeRelation.INTEREST, False),
    ("kees.boer", "Warmtenetten", ThemeRelation.EXPERTISE, True),
    ("hans.mulder", "Warmtenetten", ThemeRelation.EXPERTISE, True),
    ("bas.dam", "Warmtenetten", ThemeRelation.INTEREST, False),
    ("eva.boersma", "Warmtenetten", ThemeRelation.INTEREST, False),
    ("ingrid.smit", "Werken bij Noorderlicht", ThemeRelation.EXPERTISE, True),
    ("esther.leeuwen", "Werken bij Noorderlicht", ThemeRelation.INTEREST, False),
    ("fleur.hendriks", "Werken bij Noorderlicht", ThemeRelation.INTEREST, False),
    ("merel.prins", "Werken bij Noorderlicht", ThemeRelation.INTEREST, False),
    ("tomasz.nowak", "Werken bij Noorderlicht", ThemeRelation.INTEREST, False),
    ("joost.hoekstra", "Werken bij Noorderlicht", ThemeRelation.INTEREST, False),
    # Energy poverty has too few people: the coverage page and the canvas flag it.
    ("femke.jacobs", "Energiearmoede", ThemeRelation.INTEREST, False),
]

# e-mail local part -> level key (set by the programme manager)
LEVELS: dict[str, str] = {
    "manager": "creator",
    "fleur.hendriks": "creator",
    "ruben.meijer": "expert",
    "kees.boer": "expert",
    "leader": "sharer",
    "ambassador": "engager",
}


def _member(org: Organization, local_part: str) -> Membership:
    email = f"{local_part}@{DOMAIN}"
    return Membership.objects.select_related("user").get(organization=org, user__email=email)


def build_programme(org: Organization) -> None:
    themes = _themes(org)
    _bonds(org, themes)
    _levels(org)
    campaigns = _campaigns(org, themes)
    _goals(org, themes, campaigns)
    _outside_world(org, themes)
    _policy(org)


def _themes(org: Organization) -> dict[str, Theme]:
    for name, description, keywords, colour in THEMES:
        if not Theme.objects.filter(organization=org, name__iexact=name).exists():
            theme_create(
                organization=org, by=None, name=name, description=description,
                keywords=keywords, colour=colour,
            )  # fmt: skip
    return {t.name: t for t in Theme.objects.filter(organization=org)}


def _bonds(org: Organization, themes: dict[str, Theme]) -> None:
    for local_part, theme_name, relation, confirmed in BONDS:
        member = _member(org, local_part)
        theme = themes[theme_name]
        if MemberTheme.objects.filter(membership=member, theme=theme).exists():
            continue
        member_theme_assign(
            membership=member, theme=theme, relation=relation, by=None, confirm=confirmed
        )


def _levels(org: Organization) -> None:
    levels = {level.key: level for level in Level.objects.filter(organization=org)}
    for local_part, key in LEVELS.items():
        member = _member(org, local_part)
        if key in levels and not hasattr(member, "level"):
            member_level_set(membership=member, level=levels[key], by=None)


def _campaigns(org: Organization, themes: dict[str, Theme]) -> dict[str, Campaign]:
    today = local_today(org)
    wanted = [
        (
            "Warmte in de wijk",
            "Bewoners van Paddepoel en Selwerd laten zien hoe een warmtenet werkt, vóór de "
            "informatieavonden in het voorjaar.",
            today - timedelta(days=20),
            today + timedelta(days=70),
            ["Warmtenetten", "Energietransitie"],
        ),
        (
            "Zon op school",
            "Zonnepanelen op twaalf basisscholen in Drenthe: het verhaal achter de installaties.",
            today - timedelta(days=150),
            today - timedelta(days=60),
            ["Zonne-energie"],
        ),
    ]
    for name, description, start, end, theme_names in wanted:
        if not Campaign.objects.filter(organization=org, name__iexact=name).exists():
            campaign_create(
                organization=org, by=None, name=name, description=description, start=start,
                end=end, themes=[themes[n] for n in theme_names],
            )  # fmt: skip
    return {c.name: c for c in Campaign.objects.filter(organization=org)}


def _goals(org: Organization, themes: dict[str, Theme], campaigns: dict[str, Campaign]) -> None:
    today = local_today(org)
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    wanted = [
        {
            "name": "Potentieel bereik van 40.000 mensen",
            "why": "Samen bereiken we meer mensen dan het bedrijfsaccount ooit zal doen.",
            "metric": Metric.POTENTIAL_REACH, "target": Decimal(40000),
            "start": quarter_start - timedelta(days=92), "end": quarter_start - timedelta(days=1),
        },
        {
            "name": "Een op de drie collega's deelt",
            "why": "Iedereen uitgenodigd, niemand verplicht — maar we willen dat het leeft.",
            "metric": Metric.ACTIVE_AMBASSADORS, "target": Decimal(33),
            "start": quarter_start, "end": quarter_start + timedelta(days=89),
        },
        {
            "name": "1.500 kliks naar de warmtenetpagina",
            "why": "Bewoners komen goed geïnformeerd naar de informatieavonden.",
            "metric": Metric.CLICKS, "target": Decimal(1500),
            "start": today - timedelta(days=20), "end": today + timedelta(days=70),
            "campaign": campaigns["Warmte in de wijk"], "theme": themes["Warmtenetten"],
        },
        {
            "name": "Vijf ambassadeurs per thema",
            "why": "Elk thema heeft genoeg stemmen nodig om gehoord te worden.",
            "metric": Metric.AMBASSADORS_PER_THEME, "target": Decimal(5),
            "start": quarter_start, "end": quarter_start + timedelta(days=180),
        },
        {
            "name": "Tien eigen posts van collega's",
            "why": "Eigen verhalen zijn de mooiste posts.",
            "metric": Metric.OWN_POSTS, "target": Decimal(10),
            "start": today + timedelta(days=10), "end": today + timedelta(days=100),
        },
    ]  # fmt: skip
    for fields in wanted:
        if not Goal.objects.filter(organization=org, name=fields["name"]).exists():
            goal_create(organization=org, by=None, **fields)
    goals_finalise(today=today)  # the past goal keeps its result, as it would after the night


# (name, kind, themes, url, key, notes, days until the event)
ENTITIES: list[tuple[str, str, list[str], str, bool, str, int | None]] = [
    ("Noordelijk Dagblad", EntityKind.MEDIA, ["Energietransitie", "Warmtenetten"],
     "https://www.noordelijkdagblad.example/", True,
     "Regionale krant; de economieredactie schrijft elke week over de energietransitie.", None),
    ("Dr. Anne Wiersma", EntityKind.INFLUENCER, ["Energietransitie"],
     "https://www.linkedin.com/in/anne-wiersma-energie", True,
     "Hoogleraar energietransitie, veel gelezen op LinkedIn.", None),
    ("Zonnedelers Drenthe", EntityKind.COMMUNITY, ["Zonne-energie"],
     "https://zonnedelers.example/", True, "Coöperatie van 1.200 leden met zonnepanelen.", None),
    ("Warmtecoöperatie Paddepoel", EntityKind.COMMUNITY, ["Warmtenetten"],
     "https://warmtepaddepoel.example/", True, "Bewoners die samen een warmtenet willen.", None),
    ("Energiecongres Noord", EntityKind.EVENT, ["Energietransitie", "Zonne-energie"],
     "https://energiecongresnoord.example/", True, "Jaarlijks congres in Martiniplaza.", 45),
    ("Huiseigenaren in Groningen-Noord", EntityKind.AUDIENCE, ["Warmtenetten"],
     "", False, "Wie in 2027 van het gas af moet, wil weten wat het kost.", None),
    ("Techniekstudenten Hanzehogeschool", EntityKind.AUDIENCE, ["Werken bij Noorderlicht"],
     "", False, "Stagiairs en afstudeerders van nu zijn de monteurs van morgen.", None),
    ("Zuiderzon Energie", EntityKind.PEER, ["Zonne-energie"],
     "https://zuiderzon.example/", False, "Vergelijkbare coöperatie in Limburg.", None),
    ("Energiecoaches Groningen", EntityKind.COMMUNITY, ["Energiearmoede"],
     "https://energiecoachesgroningen.example/", True,
     "Vrijwilligers die huishoudens helpen hun energierekening omlaag te krijgen.", None),
]  # fmt: skip

# Where ambassadors can find and follow them (entity name -> {network: handle}).
HANDLES: dict[str, dict[str, str]] = {
    "Noordelijk Dagblad": {
        "x": "@ndagblad",
        "linkedin": "https://www.linkedin.com/company/noordelijk-dagblad",
    },
    "Dr. Anne Wiersma": {"bluesky": "@annewiersma.bsky.social"},
    "Energiecongres Noord": {"linkedin": "https://www.linkedin.com/company/energiecongres-noord"},
}

# (e-mail local part, entity, connection kind)
CONNECTIONS: list[tuple[str, str, str]] = [
    ("leader", "Dr. Anne Wiersma", ConnectionKind.KNOWS),
    ("marieke.visser", "Noordelijk Dagblad", ConnectionKind.ENGAGES),
    ("ambassador", "Dr. Anne Wiersma", ConnectionKind.FOLLOWS),
    ("ruben.meijer", "Zonnedelers Drenthe", ConnectionKind.ENGAGES),
    ("sophie.postma", "Zonnedelers Drenthe", ConnectionKind.FOLLOWS),
    ("kees.boer", "Warmtecoöperatie Paddepoel", ConnectionKind.KNOWS),
    ("hans.mulder", "Energiecongres Noord", ConnectionKind.SHOULD_CONNECT),
    ("ingrid.smit", "Techniekstudenten Hanzehogeschool", ConnectionKind.ENGAGES),
    ("femke.jacobs", "Energiecoaches Groningen", ConnectionKind.KNOWS),
]

# Who has not read the current policy yet (the canvas shows the acceptance rate).
NOT_YET_ACCEPTED = ["bas.dam", "eva.boersma", "iris.koster", "sarah.willems", "olga.petrova"]


def _outside_world(org: Organization, themes: dict[str, Theme]) -> None:
    today = local_today(org)
    for name, kind, theme_names, url, key, notes, days in ENTITIES:
        if Entity.objects.filter(organization=org, name__iexact=name, kind=kind).exists():
            continue
        entity_create(
            organization=org,
            by=None,
            fields=EntityFields(
                name=name, kind=kind, themes=[themes[n] for n in theme_names], url=url,
                handles=HANDLES.get(name, {}), notes=notes, is_key=key,
                event_date=today + timedelta(days=days) if days is not None else None,
            ),
        )  # fmt: skip
    entities = {e.name: e for e in Entity.objects.filter(organization=org)}
    for local_part, entity_name, kind in CONNECTIONS:
        member = _member(org, local_part)
        entity = entities[entity_name]
        if not Connection.objects.filter(entity=entity, membership=member).exists():
            connection_add(entity=entity, membership=member, kind=kind, by=None)


def _policy(org: Organization) -> None:
    if Policy.objects.filter(organization=org).exists():
        return
    title, text = starting_policy(
        language=org.language, organization=org.name, contact="Sanne de Vries"
    )
    policy = policy_publish(
        policy=policy_draft_create(organization=org, by=None, title=title, text=text), by=None
    )
    waiting = {f"{local_part}@{DOMAIN}" for local_part in NOT_YET_ACCEPTED}
    for member in Membership.objects.for_org(org).participating().select_related("user"):
        if member.user.email not in waiting:
            policy_accept(membership=member, policy=policy)
