"""A starting text for an organisation's first social media policy, in English and Dutch.

Like the default levels (defaults.py) this is organisation data, written in the organisation's
language when a manager starts a policy, so both languages are given here rather than in the
translation catalogue. Written as support, not control (PRODUCT.md): be yourself, say you work
here, leave politics and polarising subjects out, respect confidentiality, ask when in doubt.
The format is the simple marks of policy_text.py.
"""

from __future__ import annotations

TITLE = {"en": "Our social media policy", "nl": "Ons socialemediabeleid"}

TEXT = {
    "en": """\
This policy is here to help you, not to police you. What you share about your work is welcome: \
people trust people more than logos, and you are the best voice {organization} has. These few \
agreements make sharing easy and safe for you, your colleagues and the people we work with.

## Be yourself
Write in your own words and your own tone. A personal line with a post works better than a \
perfect copy. You decide what you share, where and when; taking part is always voluntary.

## Say that you work here
When you post about {organization}, our clients or our field, make clear that you work here, \
for example in your profile or with a short "I work at {organization}". Being open about it \
builds trust.

## Leave politics and polarising subjects out
Your opinions are your own, but posts about work are not the place for party politics or for \
subjects that divide people, such as religion, wars or migration. When you write, Multiplier \
points out words that deserve a second look. It never stops you: it only asks you to read \
your post again.

## Respect confidentiality and privacy
- Share only what is public: no figures, plans or client names that have not been published.
- Ask colleagues and clients before you post their photo or name.
- When something is not public yet, wait until it is.

## Be kind, and careful
Treat people online as you would face to face. Do not answer provocations on behalf of \
{organization}: pass them on to us. Mistakes happen; if something went wrong, correct or \
remove it and let us know. We will help.

## When in doubt, ask
Not sure whether something can be shared? Ask {contact}. No question is too small.
""",
    "nl": """\
Dit beleid is er om je te helpen, niet om je te controleren. Wat je over je werk deelt is \
welkom: mensen vertrouwen mensen meer dan logo's, en jij bent de beste stem die \
{organization} heeft. Deze paar afspraken maken delen makkelijk en veilig, voor jou, je \
collega's en de mensen met wie we werken.

## Wees jezelf
Schrijf in je eigen woorden en op je eigen toon. Een persoonlijke zin bij een post werkt beter \
dan een perfecte kopie. Jij bepaalt wat je deelt, waar en wanneer; meedoen is altijd vrijwillig.

## Zeg dat je hier werkt
Als je iets plaatst over {organization}, onze klanten of ons vakgebied, maak dan duidelijk dat \
je hier werkt, bijvoorbeeld in je profiel of met een korte "Ik werk bij {organization}". \
Daar open over zijn wekt vertrouwen.

## Laat politiek en polariserende onderwerpen erbuiten
Je mening is van jou, maar posts over je werk zijn niet de plek voor partijpolitiek of voor \
onderwerpen die mensen verdelen, zoals religie, oorlogen of migratie. Terwijl je schrijft, wijst \
Multiplier je op woorden die een tweede blik verdienen. Het houdt je nooit tegen: het vraagt je \
alleen je post nog eens te lezen.

## Respecteer vertrouwelijkheid en privacy
- Deel alleen wat openbaar is: geen cijfers, plannen of klantnamen die nog niet bekend zijn.
- Vraag collega's en klanten of je hun foto of naam mag plaatsen.
- Is iets nog niet openbaar? Wacht dan tot het dat wel is.

## Wees vriendelijk, en zorgvuldig
Ga online met mensen om zoals je dat in het echt zou doen. Reageer niet namens {organization} \
op provocaties: geef ze aan ons door. Er gaat weleens iets mis; pas het dan aan of haal het weg \
en laat het ons weten. We helpen je graag.

## Twijfel je? Vraag het
Weet je niet zeker of je iets kunt delen? Vraag het aan {contact}. Geen vraag is te klein.
""",
}


def starting_policy(*, language: str, organization: str, contact: str) -> tuple[str, str]:
    """(title, text) of the starting policy in `language` (English when there is none),
    addressed to the organisation and naming whom to ask."""
    language = language if language in TEXT else "en"
    text = TEXT[language].replace("{organization}", organization).replace("{contact}", contact)
    return TITLE[language], text
