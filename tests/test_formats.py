"""Dates in English pages are day-month with a 24-hour clock; Dutch keeps Django's Dutch formats."""

from datetime import datetime

from django.utils import formats, translation


def test_english_dates_are_day_month_and_24_hour():
    moment = datetime(2026, 11, 22, 16, 10)
    with translation.override("en"):
        assert formats.date_format(moment) == "22 November 2026"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "22/11/2026 16:10"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_dutch_dates_unchanged():
    with translation.override("nl"):
        assert formats.date_format(datetime(2026, 11, 22)) == "22 november 2026"
