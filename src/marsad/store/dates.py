"""Event dates as ranges: `2019-07-03` is one day, `2019-07` a month, `XXXX-07` unknown (no year)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def date_range(value: str | None) -> tuple[date | None, date | None]:
    """The first and last day an EventDate value can denote; (None, None) when the year is unknown."""
    if not value:
        return None, None
    week = _WEEK.match(value)
    try:
        if week:
            start = date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return start, start + timedelta(days=6)
        m = _ISO.match(value)
        if not m:
            return None, None
        year = int(m[1])
        month = int(m[2]) if m[2] and m[2] != "XX" else None
        day = int(m[3]) if m[3] and m[3] != "XX" and month else None
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None, None


def gap_days(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> int | None:
    """Days between two ranges (0 when they overlap); None when either is unknown."""
    if a[0] is None or b[0] is None or a[1] is None or b[1] is None:
        return None
    if a[0] > b[1]:
        return (a[0] - b[1]).days
    if b[0] > a[1]:
        return (b[0] - a[1]).days
    return 0
