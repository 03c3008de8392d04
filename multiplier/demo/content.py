"""The demo organisation's content calendar: ready-made posts with two or three variants each,
spread over the past three cycles (archived and live), the running cycle (live, or scheduled
where their moment is still to come) and the next cycle, which has only one scheduled post so
that the empty-cycle warning shows on the manager's home page and the calendar.

Posts are made once (found again by their slug) and otherwise left alone, so that what someone
changes while trying the demo stays. Only when the demo has aged — no demo post is still to
come, because the next cycle has begun since the last build — are the demo posts placed around
today again, so a demo started weeks later still shows a full calendar. No link card is fetched:
the links point at example.org.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from multiplier.content.cycles import Cycle
from multiplier.content.models import CardStatus, ContentSettings, Post, PostStatus, Variant
from multiplier.content.selectors.calendar import (
    cycle_of,
    following,
    local_today,
    rhythm_settings,
)
from multiplier.core.models import Membership, Organization, Role
from multiplier.program.models import Campaign, Theme

# The rhythm of the demo: every two weeks, at least two posts, and warned a whole cycle ahead
# (so the warning about the nearly empty next cycle shows whatever day the demo is started).
THRESHOLD = 2
WARN_DAYS = 14


@dataclass(frozen=True)
class DemoPost:
    slug: str
    title: str
    cycle: int  # relative to the running cycle: -3 .. +1
    day: int  # day within the cycle (0 is its first day)
    hour: int
    themes: tuple[str, ...]
    link: str
    variants: tuple[str, ...]
    hashtags: tuple[str, ...] = ()
    campaign: str = ""


POSTS: list[DemoPost] = [
    # --- three cycles ago
    DemoPost(
        "zon-op-school-terugblik", "Zon op school: twaalf scholen klaar", -3, 0, 9,
        ("Zonne-energie",), "https://example.org/nieuws/zon-op-school",
        (
            "Twaalf basisscholen in Drenthe draaien nu op hun eigen zonnestroom. Trots op de "
            "monteurs die dit in de zomervakantie voor elkaar kregen.",
            "Wat leren kinderen van zonnepanelen op hun eigen dak? Meer dan je denkt: elke "
            "klas kan nu live zien hoeveel stroom de school opwekt.",
            "Twelve primary schools in Drenthe now run on their own solar power. Proud of our "
            "installers, who did it during the summer holidays.",
        ),
        ("zonopschool", "zonne-energie"), "Zon op school",
    ),
    DemoPost(
        "vacature-monteur-warmte", "Vacature: monteur warmtenetten", -3, 3, 10,
        ("Werken bij Noorderlicht", "Warmtenetten"), "https://example.org/werken-bij/monteur",
        (
            "We zoeken een monteur warmtenetten in Groningen. Ken jij iemand die graag met de "
            "handen werkt aan de energie van morgen? Deel deze vacature!",
            "Mijn team zoekt een nieuwe collega: monteur warmtenetten. Afwisselend werk, goede "
            "opleiding en je ziet direct wat je bijdraagt aan de wijk.",
        ),
        ("vacature", "techniek"),
    ),
    DemoPost(
        "energiecoach-aan-huis", "Gratis energiecoach aan huis", -3, 8, 9,
        ("Energiearmoede",), "https://example.org/energiecoach",
        (
            "Hoge energierekening? Onze energiecoaches komen gratis langs en helpen met kleine "
            "maatregelen die meteen schelen.",
            "Een tochtstrip, een radiatorfolie, een ander douchekopje: onze energiecoaches laten "
            "zien wat echt helpt. Gratis, voor iedereen in Groningen.",
        ),
        ("energiearmoede",),
    ),
    # --- two cycles ago
    DemoPost(
        "netcongestie-uitgelegd", "Netcongestie in drie minuten", -2, 1, 9,
        ("Energietransitie",), "https://example.org/kennis/netcongestie",
        (
            "Waarom kan een bedrijf in Groningen soms geen nieuwe aansluiting krijgen? "
            "Netcongestie, in drie minuten uitgelegd.",
            "Het stroomnet zit vol, hoor je vaak. Maar wat betekent dat eigenlijk? Onze "
            "netbeheerders leggen het helder uit.",
            "Grid congestion in three minutes: why some businesses in Groningen have to wait "
            "for a new connection, and what we do about it.",
        ),
        ("netcongestie", "energietransitie"),
    ),
    DemoPost(
        "thuisbatterij-zin-of-onzin", "Thuisbatterij: zin of onzin?", -2, 4, 11,
        ("Zonne-energie",), "https://example.org/kennis/thuisbatterij",
        (
            "Na het einde van de salderingsregeling vragen veel mensen zich af: is een "
            "thuisbatterij slim? Onze experts zetten het op een rij.",
            "Thuisbatterij of niet? Het hangt af van je verbruik, je panelen en je contract. "
            "Lees hoe je dat zelf uitrekent.",
        ),
        ("zonnepanelen", "thuisbatterij"),
    ),
    DemoPost(
        "stage-bij-noorderlicht", "Stage lopen bij Noorderlicht", -2, 9, 10,
        ("Werken bij Noorderlicht",), "https://example.org/werken-bij/stage",
        (
            "Techniekstudent en op zoek naar een stage die ergens over gaat? Bij Noorderlicht "
            "werk je mee aan echte projecten.",
            "Looking for an internship that matters? At Noorderlicht, engineering students work "
            "on real energy projects from day one.",
        ),
        ("stage", "techniek"),
    ),
    # --- the previous cycle
    DemoPost(
        "warmtenet-paddepoel-start", "Warmtenet Paddepoel: de eerste schop", -1, 0, 9,
        ("Warmtenetten", "Energietransitie"), "https://example.org/projecten/paddepoel",
        (
            "De eerste schop is de grond in: Paddepoel krijgt een warmtenet. Bewoners denken "
            "vanaf het begin mee.",
            "Vandaag begonnen we aan het warmtenet in Paddepoel. Samen met de "
            "warmtecoöperatie van bewoners, want het is hún wijk.",
            "Construction of the Paddepoel heat network has started, planned together with the "
            "residents' heat cooperative.",
        ),
        ("warmtenet", "paddepoel"), "Warmte in de wijk",
    ),
    DemoPost(
        "restwarmte-datacenter", "Restwarmte uit het datacenter", -1, 3, 10,
        ("Warmtenetten",), "https://example.org/kennis/restwarmte",
        (
            "Een datacenter produceert warmte die nu de lucht in gaat. Wij gebruiken die om "
            "straks 2.000 woningen te verwarmen.",
            "Wist je dat de warmte van servers huizen kan verwarmen? Zo werkt restwarmte in een "
            "warmtenet.",
        ),
        ("restwarmte", "warmtenet"), "Warmte in de wijk",
    ),
    DemoPost(
        "energieloket-open", "Het energieloket is open", -1, 6, 9,
        ("Energiearmoede", "Energietransitie"), "https://example.org/energieloket",
        (
            "Vragen over je energierekening, isolatie of subsidies? Het energieloket in de "
            "bibliotheek is elke dinsdag en donderdag open.",
            "Niet iedereen vindt de weg in subsidies en regelingen. Daarom staan we twee keer "
            "per week in de bibliotheek: loop gerust binnen.",
        ),
        ("energieloket",),
    ),
    DemoPost(
        "collega-aan-het-woord-kees", "Collega aan het woord: Kees", -1, 10, 12,
        ("Werken bij Noorderlicht", "Warmtenetten"), "https://example.org/werken-bij/kees",
        (
            "Kees werkt al twintig jaar in de techniek en legt nu warmtenetten aan. 'Nooit "
            "gedacht dat mijn vak zo belangrijk zou worden.'",
            "Van cv-monteur naar warmtenetspecialist: Kees vertelt hoe zijn vak veranderde en "
            "waarom hij het nog steeds mooi vindt.",
        ),
        ("werkenbij", "vakmanschap"),
    ),
    # --- the running cycle
    DemoPost(
        "informatieavond-warmtenet", "Informatieavonden warmtenet", 0, 0, 9,
        ("Warmtenetten",), "https://example.org/agenda/informatieavond-warmtenet",
        (
            "Woon je in Paddepoel of Selwerd? Kom naar een informatieavond over het warmtenet: "
            "wat het kost, wat het oplevert en wanneer het er is.",
            "Alles over het warmtenet in jouw wijk, van kosten tot planning. Twee "
            "informatieavonden, aanmelden kan via de link.",
            "Living in Paddepoel or Selwerd? Join an information evening about the new heat "
            "network: costs, benefits and planning.",
        ),
        ("warmtenet", "informatieavond"), "Warmte in de wijk",
    ),
    DemoPost(
        "jaarcijfers-opwek", "Zoveel stroom wekten we op", 0, 1, 10,
        ("Zonne-energie", "Energietransitie"), "https://example.org/nieuws/jaarcijfers",
        (
            "Onze zonneparken wekten dit jaar genoeg stroom op voor 18.000 huishoudens. Dank aan "
            "iedereen die meedeed!",
            "18.000 huishoudens op zonnestroom uit de eigen regio: dat is wat onze coöperatie dit "
            "jaar samen bereikte.",
        ),
        ("zonne-energie", "cooperatie"),
    ),
    DemoPost(
        "isolatie-tips-winter", "Vijf isolatietips voor de winter", 0, 3, 9,
        ("Energiearmoede",), "https://example.org/kennis/isolatietips",
        (
            "De winter komt eraan. Vijf goedkope isolatietips die je dit weekend nog kunt doen.",
            "Met een paar tientjes en een middag klussen scheelt het al flink op je "
            "energierekening. Onze vijf favoriete tips.",
        ),
        ("isolatie", "energiebesparen"),
    ),
    DemoPost(
        "open-dag-werkplaats", "Open dag in onze werkplaats", 0, 6, 10,
        ("Werken bij Noorderlicht",), "https://example.org/werken-bij/open-dag",
        (
            "Zaterdag open dag in onze werkplaats in Hoogezand: kijk mee met de monteurs en "
            "probeer zelf een warmtepomp aan te sluiten.",
            "Open day at our workshop in Hoogezand this Saturday: meet the installers and try "
            "connecting a heat pump yourself.",
        ),
        ("opendag", "werkenbij"),
    ),
    # --- the next cycle: one post only, one short of the threshold
    DemoPost(
        "energiecongres-noord", "Tot ziens op het Energiecongres Noord", 1, 2, 9,
        ("Energietransitie", "Zonne-energie"), "https://example.org/agenda/energiecongres-noord",
        (
            "Over twee weken staan we op het Energiecongres Noord in Martiniplaza. Kom langs bij "
            "onze stand en praat mee over de energietransitie in het noorden.",
            "Ik spreek op het Energiecongres Noord over lokale energie. Ben jij er ook? Laat het "
            "weten, dan drinken we een kop koffie.",
        ),
        ("energiecongresnoord", "energietransitie"),
    ),
]  # fmt: skip


def build_content(org: Organization) -> None:
    existing = set(
        Post.objects.filter(organization=org, slug__in=[p.slug for p in POSTS]).values_list(
            "slug", flat=True
        )
    )
    settings = rhythm_settings(org)
    if not existing:
        # The first build: the demo's rhythm (left alone afterwards).
        settings.min_posts_per_cycle = THRESHOLD
        settings.warn_days_before = WARN_DAYS
        settings.save(update_fields=["min_posts_per_cycle", "warn_days_before"])
    themes = {t.name: t for t in Theme.objects.filter(organization=org)}
    campaigns = {c.name: c for c in Campaign.objects.filter(organization=org)}
    manager = (
        Membership.objects.filter(organization=org, role=Role.MANAGER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    now = timezone.now()
    for spec in POSTS:
        if spec.slug not in existing:
            _create(org, spec, themes, campaigns, manager.user if manager else None, now, settings)
    if not Post.objects.filter(
        organization=org, slug__in=[p.slug for p in POSTS], starts_at__gt=now
    ).exists():
        _place_all(org, now, settings)


def _cycle(org: Organization, offset: int, now: datetime, settings: ContentSettings) -> Cycle:
    cycle = cycle_of(org, local_today(org, now), settings)
    if offset > 0:
        for _step in range(offset):
            cycle = following(org, cycle, settings)
    for _step in range(-offset):
        cycle = cycle_of(org, cycle.start - timedelta(days=1), settings)
    return cycle


def _placement(org: Organization, spec: DemoPost, now: datetime, settings: ContentSettings) -> dict:
    """Where and in which state the post is, relative to today's cycle."""
    cycle = _cycle(org, spec.cycle, now, settings)
    day = cycle.start + timedelta(days=min(spec.day, cycle.days - 1))
    starts_at = timezone.make_aware(datetime.combine(day, time(spec.hour)), org.tz)
    if spec.cycle <= -2:
        status, ends_at = PostStatus.ARCHIVED, starts_at + timedelta(days=cycle.days)
    elif starts_at <= now:
        status, ends_at = PostStatus.LIVE, None
    else:
        status, ends_at = PostStatus.SCHEDULED, None
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "status": status,
        "went_live_at": starts_at if status != PostStatus.SCHEDULED else None,
    }


def _create(
    org: Organization,
    spec: DemoPost,
    themes: dict[str, Theme],
    campaigns: dict[str, Campaign],
    creator,
    now: datetime,
    settings: ContentSettings,
) -> None:
    post = Post.objects.create(
        organization=org,
        slug=spec.slug,
        title=spec.title,
        link=spec.link,
        campaign=campaigns.get(spec.campaign),
        card_status=CardStatus.NONE,  # nothing is fetched for the demo
        created_by=creator,
        **_placement(org, spec, now, settings),
    )
    post.themes.set([themes[name] for name in spec.themes if name in themes])
    Variant.objects.bulk_create(
        Variant(organization=org, post=post, text=text, hashtags=list(spec.hashtags), position=i)
        for i, text in enumerate(spec.variants)
    )


def _place_all(org: Organization, now: datetime, settings: ContentSettings) -> None:
    by_slug = {p.slug: p for p in POSTS}
    for post in Post.objects.filter(organization=org, slug__in=list(by_slug)):
        for name, value in _placement(org, by_slug[post.slug], now, settings).items():
            setattr(post, name, value)
        post.save(update_fields=["starts_at", "ends_at", "status", "went_live_at"])
