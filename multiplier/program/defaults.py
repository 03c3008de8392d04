"""What a new organisation starts with: four ways to contribute and a list of guardrail terms.

Plain data (no models, no gettext): the service and the data migration both read it. Level texts
are organisation data, written in the organisation's language when it is created, so both
languages are given here rather than in the translation catalogue.
"""

from __future__ import annotations

from typing import TypedDict


class LevelDefault(TypedDict):
    key: str
    name: dict[str, str]
    description: dict[str, str]
    behaviour: dict[str, str]
    min_shares: int
    min_personalised_shares: int
    min_own_posts: int
    min_expert_themes: int


LEVELS: list[LevelDefault] = [
    {
        "key": "sharer",
        "name": {"en": "Sharer", "nl": "Deler"},
        "description": {
            "en": "Shares ready-made posts with their network. The easiest way to take part, "
            "and already worth a lot: every share reaches people the organisation cannot.",
            "nl": "Deelt kant-en-klare posts met het eigen netwerk. De makkelijkste manier om "
            "mee te doen, en nu al waardevol: elke share bereikt mensen die de organisatie zelf "
            "niet bereikt.",
        },
        "behaviour": {
            "en": "Has shared at least one post.",
            "nl": "Heeft minstens één post gedeeld.",
        },
        "min_shares": 1,
        "min_personalised_shares": 0,
        "min_own_posts": 0,
        "min_expert_themes": 0,
    },
    {
        "key": "engager",
        "name": {"en": "Engager", "nl": "Verbinder"},
        "description": {
            "en": "Adds their own words, comments and starts conversations. Posts with a "
            "personal touch get noticed far more than copies.",
            "nl": "Voegt eigen woorden toe, reageert en gaat het gesprek aan. Posts met een "
            "persoonlijke toets vallen veel meer op dan kopieën.",
        },
        "behaviour": {
            "en": "Has shared at least three posts in their own words.",
            "nl": "Heeft minstens drie posts in eigen woorden gedeeld.",
        },
        "min_shares": 3,
        "min_personalised_shares": 3,
        "min_own_posts": 0,
        "min_expert_themes": 0,
    },
    {
        "key": "creator",
        "name": {"en": "Creator", "nl": "Maker"},
        "description": {
            "en": "Writes their own posts and blogs. Shows the people behind the organisation "
            "and what they know.",
            "nl": "Schrijft eigen posts en blogs. Laat de mensen achter de organisatie zien, "
            "en wat ze weten.",
        },
        "behaviour": {
            "en": "Has written at least one post of their own.",
            "nl": "Heeft minstens één eigen post geschreven.",
        },
        "min_shares": 0,
        "min_personalised_shares": 0,
        "min_own_posts": 1,
        "min_expert_themes": 0,
    },
    {
        "key": "expert",
        "name": {"en": "Expert", "nl": "Expert"},
        "description": {
            "en": "A recognised voice on a theme. People look to them for their view.",
            "nl": "Een herkende stem over een thema. Mensen willen weten wat zij ervan vinden.",
        },
        "behaviour": {
            "en": "Has confirmed expertise in a theme and has written at least three posts.",
            "nl": "Heeft bevestigde expertise in een thema en minstens drie eigen posts "
            "geschreven.",
        },
        "min_shares": 0,
        "min_personalised_shares": 0,
        "min_own_posts": 3,
        "min_expert_themes": 1,
    },
]

# (term, category, advice). Multi-word terms match as phrases; matching ignores case and accents.
GUARDRAILS: dict[str, list[tuple[str, str, str]]] = {
    "en": [
        *(
            (term, "political", "Party politics divides your network; keep it out of work posts.")
            for term in [
                "election", "elections", "vote for", "political party", "prime minister",
                "parliament", "government policy", "Democrats", "Republicans", "Labour party",
                "Conservative party", "Tories", "left-wing", "right-wing", "far right",
                "far left",
            ]
        ),
        *(
            (term, "polarising", "A subject that polarises: does it belong in this post?")
            for term in [
                "immigration", "immigrants", "asylum seekers", "refugees", "abortion",
                "religion", "gun control", "war", "Israel", "Palestine", "Gaza", "Ukraine",
                "Russia", "racism", "vaccination", "anti-vax", "conspiracy",
            ]
        ),
        *(
            (term, "confidential", "Is this meant for the outside world yet?")
            for term in [
                "confidential", "internal only", "not for publication", "under NDA",
                "salary", "salaries", "lawsuit",
            ]
        ),
    ],
    "nl": [
        *(
            (term, "political", "Partijpolitiek verdeelt je netwerk; laat het buiten werkposts.")
            for term in [
                "verkiezingen", "verkiezing", "stem op", "politieke partij", "kabinet",
                "premier", "Tweede Kamer", "PVV", "VVD", "D66", "GroenLinks", "PvdA", "CDA",
                "BBB", "JA21", "FvD", "extreemrechts", "extreemlinks",
            ]
        ),
        *(
            (term, "polarising", "Een onderwerp dat polariseert: hoort het in deze post?")
            for term in [
                "immigratie", "migranten", "asielzoekers", "vluchtelingen", "abortus",
                "religie", "oorlog", "Israël", "Palestina", "Gaza", "Oekraïne", "Rusland",
                "racisme", "vaccinatie", "stikstof", "boerenprotest", "Zwarte Piet",
                "complot",
            ]
        ),
        *(
            (term, "confidential", "Is dit al bedoeld voor de buitenwereld?")
            for term in [
                "vertrouwelijk", "alleen intern", "niet openbaar", "geheimhouding",
                "salaris", "salarissen", "rechtszaak",
            ]
        ),
    ],
}  # fmt: skip
