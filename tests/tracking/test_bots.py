"""The bot filter against public corpora: every example crawler User-Agent shipped in the PyPI
package crawler-user-agents, and every real browser User-Agent in fake-useragent's data."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from multiplier.tracking.bots import is_bot, is_bot_agent

from .conftest import BROWSER


def crawler_examples() -> list[str]:
    entries = json.loads((files("crawleruseragents") / "crawler-user-agents.json").read_text())
    return [example for entry in entries for example in entry.get("instances", [])]


def browser_agents() -> list[str]:
    lines = (files("fake_useragent") / "data" / "browsers.jsonl").read_text().splitlines()
    return [json.loads(line)["useragent"] for line in lines if line.strip()]


def test_at_least_99_percent_of_known_crawlers_are_flagged():
    examples = crawler_examples()
    assert len(examples) > 2000  # the corpus really loaded
    missed = [agent for agent in examples if not is_bot_agent(agent)]
    assert len(missed) / len(examples) <= 0.01, missed


def test_at_least_99_9_percent_of_real_browsers_are_counted():
    agents = browser_agents()
    assert len(agents) > 5000
    flagged = [agent for agent in agents if is_bot_agent(agent)]
    assert len(flagged) / len(agents) <= 0.001, flagged


@pytest.mark.parametrize(
    "agent",
    [
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "LinkedInBot/1.0",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "facebookexternalhit/1.1",
        "Facebot",
        "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
        "Twitterbot/1.0",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Slack-ImgProxy (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "TelegramBot (like TwitterBot)",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
        "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
        "http.rb/5.1.1 (Mastodon/4.2.0; +https://mastodon.social/)",
        "Misskey/2023.11.1 (https://misskey.io)",
        "Pleroma 2.5.0; https://pleroma.example <admin@pleroma.example>",
        "Akkoma 3.10.0; https://akkoma.example <admin@akkoma.example>",
        "Iframely/1.3.1 (+https://iframely.com/docs/about)",
        "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)",
        "Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)",
        "Pinterestbot/1.0 (+http://www.pinterest.com/bot.html)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "BingPreview/1.0b",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/120.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
        "   ",
    ],
)
def test_preview_fetchers_crawlers_and_scripts_are_bots(agent):
    assert is_bot(method="GET", user_agent=agent)


@pytest.mark.parametrize(
    "agent",
    [
        BROWSER,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_3_2 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.3.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Mobile Safari/537.36",
        # People reading LinkedIn or Facebook on a phone open links in the app's own browser.
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.8",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/131.0.0.0 Mobile Safari/537.36 "
        "[FB_IAB/FB4A;FBAV/489.0.0.52.70;]",
    ],
)
def test_people_are_counted(agent):
    assert not is_bot(method="GET", user_agent=agent)


def test_a_head_request_is_a_bot_even_from_a_browser():
    assert is_bot(method="HEAD", user_agent=BROWSER)
    assert not is_bot(method="get", user_agent=BROWSER)
