"""Arabic date expressions: found in the normalised text, normalised relative to the publication date.

Written for marsad because general date parsers miss what Syrian news writes: Levantine month
names (`حزيران`, `تموز`, `كانون الثاني`), both systems side by side (`تموز/يوليو`), `من` between
day and month (`15 من تموز`), `مطلع/أواخر الشهر`, weekday names (`اليوم الخميس`, `الثلاثاء الماضي`),
`أمس`, Hijri dates and Eastern digits (already ASCII in the normalised view).

With a publication date, relative expressions resolve to calendar dates. Without one nothing is
guessed from today's clock: what is known stays, the rest is X (`XXXX-07`, month precision).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

import ahocorasick
from hijridate import Hijri

from marsad.clean.normalize import normalize_text

GREGORIAN = {
    "يناير": 1, "جانفي": 1, "فبراير": 2, "فيفري": 2, "مارس": 3, "ابريل": 4, "افريل": 4, "مايو": 5, "ماي": 5,
    "يونيو": 6, "يونيه": 6, "جوان": 6, "يوليو": 7, "يوليه": 7, "جويليه": 7, "اغسطس": 8, "اوت": 8,
    "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}
LEVANTINE = {
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8,
    "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}
HIJRI = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4, "جمادي الاولي": 5,
    "جمادي الاخره": 6, "جمادي الثانيه": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}
WEEKDAYS = {"اثنين": 0, "ثلاثاء": 1, "اربعاء": 2, "خميس": 3, "جمعه": 4, "سبت": 5, "احد": 6}
ORDINAL_DAYS = {
    "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7, "الثامن": 8,
    "التاسع": 9, "العاشر": 10,
}
_PAST = "الماضي|الماضيه|المنصرم|المنصرمه|السابق|الفائت"
_NEXT = "المقبل|المقبله|القادم|القادمه"
_THIS = "الجاري|الجاريه|الحالي|الحاليه|هذا|نفسه"


def _alt(words: object) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


_GREG = _alt(GREGORIAN)
_LEV = _alt(k for k in LEVANTINE if k != "اب")


def _month_re(t: str) -> str:
    return (rf"(?:(?P<lev{t}>{_LEV}|(?<=شهر )اب|(?<=\d )اب|(?<=من )اب|"
            rf"(?<=مطلع )اب|(?<=اواخر )اب|(?<=اوائل )اب|(?<=منتصف )اب|(?<=نهايه )اب|"
            rf"(?<=بدايه )اب|اب(?=[ /]\d| الماضي| المقبل| القادم| الجاري| الحالي))"
            rf"(?:\s*[/\\(-]\s*(?P<greg2{t}>{_GREG})\)?)?"
            rf"|(?P<greg{t}>{_GREG})(?:\s*[/\\(-]\s*(?P<lev2{t}>{_LEV}|اب)\)?)?)")


def _shift_re(t: str) -> str:
    return rf"(?:\s+(?P<shift{t}>{_PAST}|{_NEXT}|{_THIS}))?"


def _year_re(t: str) -> str:
    return (rf"(?:\s*(?:,|،)?\s*(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?(?P<year{t}>(?:19|20)\d\d)(?:\s*م\b)?)?")


_PART = r"(?:(?P<part>مطلع|اوائل|اوايل|بدايه|بدايات|اول|منتصف|اواسط|اواخر|نهايه|اخر)\s+)?"
_DAY = r"(?P<day>[0-3]?\d)"

PATTERN = re.compile(
    r"(?<![\w])(?P<cl>[وفبل])?(?:"
    # 1. numeric dates: 15/7/2019, 2019-07-15
    r"(?P<nd>[0-3]?\d)[/.-](?P<nm>[01]?\d)[/.-](?P<ny>(?:19|20)\d\d)"
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
    # 2. Hijri: 1 ذو القعدة 1440 هـ
    rf"|(?:(?P<hday>[0-3]?\d)\s+(?:من\s+)?)?(?:شهر\s+)?(?P<hmonth>{_alt(HIJRI)})\s+(?P<hyear>1[34]\d\d)"
    r"(?:\s*ه[ـ]?|\s*هجري[هة]?)?"
    # 3. day (من) (شهر) month (year) (past/next), with an optional weekday before
    rf"|(?:(?:يوم\s+)?(?:ال)?(?P<wd1>{_alt(WEEKDAYS)})\s+)?(?:(?P<oday>{_alt(ORDINAL_DAYS)})\s+من\s+|{_DAY}\s+(?:من\s+)?)"
    rf"(?:شهر\s+)?{_month_re('a')}{_year_re('a')}{_shift_re('a')}"
    # 4. (early/late) (شهر) month (year) (past/next)
    rf"|{_PART}(?:شهر\s+)?{_month_re('b')}{_year_re('b')}{_shift_re('b')}"
    # 5. weekday: اليوم الخميس، أمس الأربعاء، الثلاثاء الماضي، يوم الجمعة
    rf"|(?P<anchor>اليوم|امس|غدا|فجر اليوم|صباح اليوم|مساء اليوم|ظهر اليوم|فجر امس|صباح امس|مساء امس|ليله امس|ظهر امس)?"
    rf"\s*(?:يوم\s+)?(?:ال)(?P<wd>{_alt(WEEKDAYS)})(?:\s+(?P<wdshift>{_PAST}|{_NEXT}))?"
    # 6. deictic days
    r"|(?P<deictic>اول من امس|اول امس|قبل يومين|بعد غد|اليوم التالي|امس|البارحه|الامس|اليوم|غدا|الغد)"
    # 7. this/last/next week, month, year
    rf"|(?P<unit>الاسبوع|الشهر|العام|السنه)\s+(?P<ushift>{_PAST}|{_NEXT}|{_THIS})"
    # 8. N days/weeks ago
    r"|قبل\s+(?P<agon>\d+|يومين|اسبوعين|شهرين|عامين|ثلاثه|اربعه|خمسه|سته|سبعه|عشره)?\s*"
    r"(?P<agou>ايام|يوم|اسابيع|اسبوع|اشهر|شهور|شهر)"
    # 9. a year alone: عام 2019
    r"|(?:عام|العام|سنه)\s+(?P<yonly>(?:19|20)\d\d)"
    # 10. vague references (TimeML PRESENT_REF, PAST_REF, FUTURE_REF)
    r"|(?P<vague>الان|حاليا|في الوقت الحالي|مؤخرا|سابقا|في السابق|قريبا|في وقت سابق|حينها|انذاك)"
    r")(?![\w])"
)
# Every date expression holds a digit or one of these words (a clitic before it allowed); only the
# text around them is run through the grammar. No expression reaches more than three words before its
# first such word (`العاشر من شهر تموز`, `يوم` before a weekday) or two after its last (`قبل ثلاثة أيام`,
# `تموز 2019 الماضي`), and two such words of one expression are at most three words apart (`الخميس
# العاشر من شهر تموز`): windows of _BACK words before and _AHEAD after (one word of margin each) hold
# every expression whole.
_KEYS = (set(GREGORIAN) | {k.split()[0] for k in LEVANTINE} | set(WEEKDAYS) | {"ال" + w for w in WEEKDAYS}
         | {"امس", "الامس", "البارحه", "اليوم", "غدا", "الغد", "غد", "قبل", "الاسبوع", "الشهر", "العام", "السنه",
            "الان", "حاليا", "الحالي", "مؤخرا", "سابقا", "السابق", "سابق", "قريبا", "حينها", "انذاك"})
_WORD = re.compile(r"\w+")
# The date words with and without a clitic, found in one automaton pass (in C): a hint where the form is a
# whole word; `ال` + a weekday also at the end of a longer word (as the grammar allows).
_DATE_WORDS = ahocorasick.Automaton()
for _form in _KEYS | {c + k for c in "وفبل" for k in _KEYS}:
    _DATE_WORDS.add_word(_form, (len(_form), True))
for _form in ("ال" + w for w in WEEKDAYS):
    _DATE_WORDS.add_word(_form, (len(_form), False))
_DATE_WORDS.make_automaton()
# A run of digits is one hint: its digits lie in one word, so each would open the same window.
_DIGITS = re.compile(r"\d+")
# Every expression of the grammar holds a date word or a year: a run of exactly four digits starting 19 or 20
# (Gregorian) or 13 or 14 (Hijri), bounded by non-digits in every branch. Other numbers (`مقتل 12 شخصاً`) are
# hints too, since they widen a window (the day of `1 من شهر ذو القعدة 1440`), but a window with no date word
# and no year holds no expression: the grammar is not run on it.
_CENTURIES = frozenset({"19", "20", "13", "14"})


def _hints(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Where [start, end) holds a digit run or a date word (the text read as if it ended at ``end``, like the
    grammar), and whether it is a date word or a year (an expression can hold nothing else)."""
    out = [(m.start(), m.end(), m.end() - m.start() == 4 and m.group()[:2] in _CENTURIES)
           for m in _DIGITS.finditer(text, start, end)]
    for last, (size, whole) in _DATE_WORDS.iter(text, start, end):
        e = last + 1
        s = e - size
        if (e == end or not _is_word(text[e])) and (not whole or s == 0 or not _is_word(text[s - 1])):
            out.append((s, e, True))
    out.sort()
    return out


_BACK, _AHEAD = 4, 3
_SHORT = 600
_WORD_NUMBERS = {"ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7, "عشره": 10}
_VAGUE = {"الان": "PRESENT_REF", "حاليا": "PRESENT_REF", "في الوقت الحالي": "PRESENT_REF", "مؤخرا": "PAST_REF",
          "سابقا": "PAST_REF", "في السابق": "PAST_REF", "قريبا": "FUTURE_REF", "في وقت سابق": "PAST_REF",
          "حينها": "PAST_REF", "انذاك": "PAST_REF"}


# Not frozen, like lexicon.Hit: built often, never changed (hashable as if frozen).
@dataclass(slots=True, unsafe_hash=True)
class Timex:
    """A date expression: [start, end) in the normalised text, its value and precision."""

    start: int
    end: int
    value: str | None
    precision: str  # day, week, month, year, unknown
    vague: bool = False


def _month(m: re.Match[str], t: str) -> int:
    for group, table in (("lev", LEVANTINE), ("lev2", LEVANTINE), ("greg", GREGORIAN), ("greg2", GREGORIAN)):
        if m.group(group + t):
            return table[m.group(group + t)]
    raise ValueError("no month")


def _shift_kind(word: str | None) -> int:
    if not word:
        return 0
    if re.fullmatch(_PAST, word):
        return -1
    if re.fullmatch(_NEXT, word):
        return 1
    return 2  # this (month/year)


def _year_for(month: int, day: int | None, shift: int, published: date | None) -> int | None:
    """The year of a month (and day) mentioned without one, relative to the publication date."""
    if published is None:
        return None
    year = published.year
    probe = (month, day or 1)
    now = (published.month, published.day)
    if shift == -1 or shift == 0:
        # Past or bare: news reports what happened, so a month after publication is last year's
        # (a bare month up to a week ahead is allowed: announcements of coming days).
        soon = published + timedelta(days=7)
        ahead_ok = shift == 0 and soon.year == year and probe <= (soon.month, soon.day)
        if (probe > now and not ahead_ok) or (shift == -1 and probe == now and day is None):
            year -= 1
    elif shift == 1 and probe <= now:
        year += 1
    return year


def _fmt(year: int | None, month: int | None = None, day: int | None = None) -> str:
    y = f"{year:04d}" if year else "XXXX"
    if month is None:
        return y
    if day is None:
        return f"{y}-{month:02d}"
    return f"{y}-{month:02d}-{day:02d}"


def _weekday(wd: int, shift: int, published: date | None, anchor: str | None) -> tuple[str | None, str]:
    if published is None:
        return f"XXXX-WXX-{wd + 1}", "day"
    delta = (published.weekday() - wd) % 7
    # `اليوم الثلاثاء` in an article dated Friday: the weekday is the text's own word, while a publication
    # date can come days after the writing (republished, crawled), so the weekday decides, on or before it.
    if anchor and "امس" in anchor:
        return (published - timedelta(days=delta or 1)).isoformat(), "day"
    if anchor and "اليوم" in anchor:
        return (published - timedelta(days=delta)).isoformat(), "day"
    if anchor == "غدا":
        return (published + timedelta(days=1)).isoformat(), "day"
    if shift == 1:
        ahead = (wd - published.weekday()) % 7 or 7
        return (published + timedelta(days=ahead)).isoformat(), "day"
    if shift == -1 and delta == 0:
        delta = 7
    return (published - timedelta(days=delta)).isoformat(), "day"


def _resolve(m: re.Match[str], published: date | None) -> tuple[str | None, str, bool]:
    g = m.group
    if g("nd"):
        return _fmt(int(g("ny")), int(g("nm")), int(g("nd"))), "day", False
    if g("iy"):
        return _fmt(int(g("iy")), int(g("im")), int(g("id"))), "day", False
    if g("hmonth"):
        hm, hy = HIJRI[g("hmonth")], int(g("hyear"))
        try:
            if g("hday"):
                return Hijri(hy, hm, int(g("hday"))).to_gregorian().isoformat(), "day", False
            return Hijri(hy, hm, 1).to_gregorian().isoformat()[:7], "month", False
        except (ValueError, OverflowError):
            return None, "unknown", False
    if g("leva") or g("grega") or g("levb") or g("gregb"):
        t = "a" if g("leva") or g("grega") else "b"
        month = _month(m, t)
        day = int(g("day")) if g("day") else (ORDINAL_DAYS[g("oday")] if g("oday") else None)
        if day is not None and not 1 <= day <= 31:
            return None, "unknown", False
        shift = _shift_kind(g("shift" + t))
        year = int(g("year" + t)) if g("year" + t) else _year_for(month, day, shift, published)
        return _fmt(year, month, day), "day" if day else "month", False
    if g("wd"):
        return (*_weekday(WEEKDAYS[g("wd")], _shift_kind(g("wdshift")), published, g("anchor")), False)
    if g("deictic"):
        offsets = {"اول من امس": -2, "اول امس": -2, "قبل يومين": -2, "بعد غد": 2, "امس": -1, "البارحه": -1,
                   "الامس": -1, "اليوم": 0, "غدا": 1, "الغد": 1, "اليوم التالي": 1}
        if published is None:
            return None, "unknown", False
        return (published + timedelta(days=offsets[g("deictic")])).isoformat(), "day", False
    if g("unit"):
        shift = _shift_kind(g("ushift"))
        step = {-1: -1, 1: 1}.get(shift, 0)
        if published is None:
            return None, "unknown", False
        if g("unit") == "الاسبوع":
            iso = (published + timedelta(weeks=step)).isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}", "week", False
        if g("unit") == "الشهر":
            month_index = published.year * 12 + published.month - 1 + step
            return _fmt(month_index // 12, month_index % 12 + 1), "month", False
        return _fmt(published.year + step), "year", False
    if g("agou"):
        unit = g("agou")
        raw = g("agon")
        n = 2 if raw in {"يومين", "اسبوعين", "شهرين", "عامين"} else (
            int(raw) if raw and raw.isdigit() else _WORD_NUMBERS.get(raw or "", 1))
        if raw in {"يومين", "اسبوعين", "شهرين"}:
            unit = {"يومين": "يوم", "اسبوعين": "اسبوع", "شهرين": "شهر"}[raw]
        if published is None:
            return None, "unknown", False
        if unit.startswith(("يوم", "ايام")):
            return (published - timedelta(days=n)).isoformat(), "day", False
        if unit.startswith(("اسبوع", "اسابيع")):
            iso = (published - timedelta(weeks=n)).isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}", "week", False
        month_index = published.year * 12 + published.month - 1 - n
        return _fmt(month_index // 12, month_index % 12 + 1), "month", False
    if g("yonly"):
        return g("yonly"), "year", False
    if g("vague"):
        return _VAGUE[g("vague")], "unknown", True
    return None, "unknown", False


def _windows(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Stretches of [start, end) that can hold a date expression: around each hint, merged; and whether
    one holds a date word or a year."""
    hints = _hints(text, start, end)
    if not hints:
        return []
    if end - start < _SHORT:
        return [(start, end, any(h[2] for h in hints))]  # a sentence: cheaper to read whole than to cut
    starts: list[int] = []
    ends: list[int] = []
    for m in _WORD.finditer(text, start, end):
        starts.append(m.start())
        ends.append(m.end())
    return _around(hints, start, end, starts, ends, list(range(len(starts))))


def _token_windows(text: str, start: int, end: int, starts: list[int], ends: list[int],
                   words: list[int]) -> list[tuple[int, int, bool]]:
    r"""As ``_windows``, counting words on the text's tokens already found (``\w+`` runs and single other
    characters; ``words`` are the indices of the ``\w+`` ones, ascending) instead of finding them again."""
    hints = _hints(text, start, end)
    return _around(hints, start, end, starts, ends, words) if hints else []


def _around(hints: list[tuple[int, int, bool]], start: int, end: int, starts: list[int], ends: list[int],
            words: list[int]) -> list[tuple[int, int, bool]]:
    """The windows of _BACK words before and _AHEAD after each hint, merged where they meet (``words``:
    the indices of the tokens that are words)."""
    first, last = bisect_left(starts, start), bisect_left(starts, end)
    out: list[tuple[int, int, bool]] = []
    for hint_start, hint_end, strong in hints:
        k = bisect_right(starts, hint_start) - 1  # the token holding the hint
        p = bisect_left(words, k) - _BACK  # the _BACK-th word token before it, if at or after ``first``
        lo = starts[words[p]] if p >= 0 and words[p] >= first else start
        j = bisect_left(ends, hint_end)  # the token holding the hint's end
        q = bisect_right(words, j) + _AHEAD - 1  # the _AHEAD-th word token after it, if before ``last``
        hi = min(ends[words[q]], end) if q < len(words) and words[q] < last else end
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi), out[-1][2] or strong)
        else:
            out.append((lo, hi, strong))
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_dates(normalized: str, published: date | None = None, start: int = 0, end: int | None = None,
               tokens: tuple[list[int], list[int], list[int]] | None = None) -> list[Timex]:
    r"""Every date expression in a normalised text (or in its [start, end), e.g. one sentence; the
    text before ``start`` still counts as context), with its value relative to ``published``.

    ``tokens``: the start and end offsets of the text's ``\w+|[^\w\s]`` tokens and the indices of its ``\w+``
    tokens, when the caller has them (the grammar then runs only on a few words around each date word)."""
    out: list[Timex] = []
    end = len(normalized) if end is None else end
    windows = _windows(normalized, start, end) if tokens is None else \
        _token_windows(normalized, start, end, *tokens)
    for lo, hi, dated in windows:
        if not dated:
            continue  # only numbers that are no year, no date word: no expression (see _CENTURIES)
        for m in PATTERN.finditer(normalized, lo, hi):
            if m.end() == m.start():
                continue
            value, precision, vague = _resolve(m, published)
            first = m.end("cl") if m.group("cl") else m.start()
            while first < m.end() and normalized[first].isspace():
                first += 1
            out.append(Timex(first, m.end(), value, precision, vague))
    return out


def normalize_date(text: str, published: date | None = None) -> Timex | None:
    """The first date expression of an (un-normalised) Arabic string: `مطلع تموز/يوليو الماضي` -> XXXX-07."""
    found = find_dates(normalize_text(text), published)
    return found[0] if found else None
