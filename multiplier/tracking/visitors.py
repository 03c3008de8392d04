"""Counting a visitor once per day without storing who they are.

A visitor is HMAC-SHA256(key of the day, IP address + User-Agent), cut to 128 bits. The key is
random, made on first use for each day and deleted once that day is over in every time zone
(`services.clicks.visitor_keys_prune`), so after that nobody, not even whoever holds the
database, can find out which address a hash stands for by trying addresses. The raw address
is never written anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from datetime import date

from django.db import IntegrityError, transaction

from .models import VisitorKey

_lock = threading.Lock()
_keys: dict[date, bytes] = {}


def day_key(day: date) -> bytes:
    """The day's key, from this process's memory after the first look-up."""
    key = _keys.get(day)
    if key is not None:
        return key
    with _lock:
        key = _keys.get(day) or _load_or_create(day)
        if len(_keys) > 4:  # yesterday's and tomorrow's (other time zones) are enough
            _keys.clear()
        _keys[day] = key
    return key


def _load_or_create(day: date) -> bytes:
    found = VisitorKey.objects.filter(day=day).values_list("key", flat=True).first()
    if found is None:
        try:
            with transaction.atomic():
                VisitorKey.objects.create(day=day, key=secrets.token_hex(32))
        except IntegrityError:  # another process made it first: use theirs
            pass
        found = VisitorKey.objects.values_list("key", flat=True).get(day=day)
    return bytes.fromhex(found)


def visitor_hash(*, day: date, ip: str, user_agent: str) -> str:
    message = f"{ip}\n{user_agent}".encode("utf-8", "replace")
    return hmac.new(day_key(day), message, hashlib.sha256).hexdigest()[:32]


def forget_keys() -> None:
    """Drop this process's copies of the keys (after keys were deleted)."""
    with _lock:
        _keys.clear()
