"""Fixtures for the content tests: a real feed server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .feed_server import FeedServer


@pytest.fixture
def feed_server(settings) -> Iterator[FeedServer]:
    # fetch() refuses loopback addresses outside tests; this server is on 127.0.0.1.
    settings.MULTIPLIER_FETCH_ALLOW_LOOPBACK = True
    with FeedServer() as server:
        yield server
