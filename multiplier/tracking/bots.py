"""Is this request a person, or a machine fetching the link?

Link-preview fetchers arrive within seconds of every share (a Mastodon post is fetched by every
federated instance that sees it: hundreds of requests), so counting them would inflate clicks many
times over. A request is a bot when it is a HEAD request (browsers follow links with GET), when it
has no User-Agent (every browser sends one), when crawlerdetect's list knows it, or when it names
one of the preview fetchers in our own list (from the network notes; some are missing from, or
newer than, crawlerdetect's list). Bots still get their 302; their hit is recorded, not counted.
"""

from __future__ import annotations

from functools import lru_cache

from crawlerdetect import CrawlerDetect

# Lower-case substrings of the User-Agent of link-preview fetchers and scanners.
PREVIEW_FETCHERS: tuple[str, ...] = (
    "facebookexternalhit",
    "facebot",
    "meta-externalagent",
    "linkedinbot",
    "twitterbot",
    "slackbot",  # Slackbot-LinkExpanding
    "slack-imgproxy",
    "discordbot",
    "telegrambot",
    "whatsapp",
    "skypeuripreview",
    "cardyb",  # Bluesky's card fetcher
    "(mastodon/",  # http.rb/5.1.1 (Mastodon/4.2.0; +https://instance/)
    "misskey",
    "pleroma",
    "akkoma",
    "iframely",
    "embedly",
    "redditbot",
    "pinterestbot",
    "bingpreview",
    "google-inspectiontool",
    "proofpoint",  # mail-security scanners that open every link in an e-mail
    "mimecast",
    "barracuda",
    "safelinks",
)

# Every browser in use names a rendering engine; a "Mozilla/5.0 (...)" without one is a script.
BROWSER_ENGINES: tuple[str, ...] = ("applewebkit/", "gecko/", "like gecko", "trident/", "presto/")
# Words and shapes that no browser's User-Agent contains but tools, monitors, scanners, archivers
# and AI agents put in theirs (many of them otherwise copy a browser's string).
NOT_A_BROWSER: tuple[str, ...] = (
    "http:",
    "https:",
    "+http",
    "www.",
    ".com",
    ".io",
    "@",
    "headless",
    "playwright",
    "selenium",
    "puppeteer",
    "phantomjs",
    "scan",
    "monitor",
    "check",
    "scrap",
    "synthetic",
    "crawl",
    "spider",
    "preview",
    "archiv",
    "agent",
    "-user",
    "security",
    "research",
    "verify",
    "test",
    "abuse",
    "insights",
)

_detector = CrawlerDetect()


def _browser_shaped(lowered: str) -> bool:
    """Does it look like a browser's agent: `Mozilla/5.0 (platform) Engine/...`, not claiming
    to be "compatible" (only Internet Explorer up to 10 did that, as "compatible; MSIE")?"""
    if not lowered.startswith("mozilla/"):
        return False
    if "compatible" in lowered and "msie " not in lowered:
        return False
    if not any(engine in lowered for engine in BROWSER_ENGINES):
        return False
    return not any(word in lowered for word in NOT_A_BROWSER)


@lru_cache(maxsize=4096)
def is_bot_agent(user_agent: str) -> bool:
    """Cached: the same few hundred agents make almost all requests, and crawlerdetect's large
    regular expression costs far more than a dictionary look-up."""
    agent = user_agent.strip()
    if not agent:
        return True
    lowered = agent.lower()
    if any(name in lowered for name in PREVIEW_FETCHERS):
        return True
    if not _browser_shaped(lowered.strip('"')):
        return True
    # is_crawler also remembers the last match on the instance (a harmless race between
    # threads); only its return value is used.
    return bool(_detector.is_crawler(agent))


def is_bot(*, method: str, user_agent: str) -> bool:
    if method.upper() != "GET":
        return True
    return is_bot_agent(user_agent[:512])
