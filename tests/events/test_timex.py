"""The Arabic date grammar: Levantine and Gregorian months, weekdays, deictics, Hijri, no guessing."""

from __future__ import annotations

import re
from datetime import date

import pytest

from marsad.clean.normalize import normalize_text
from marsad.events.timex import PATTERN, find_dates, normalize_date

PUB = date(2019, 9, 12)  # a Thursday


@pytest.mark.parametrize(("text", "with_pub", "without_pub"), [
    ("مطلع شهر تموز/يوليو الماضي", "2019-07", "XXXX-07"),
    ("في 15 من حزيران", "2019-06-15", "XXXX-06-15"),
    ("٣ كانون الثاني ٢٠٢٠", "2020-01-03", "2020-01-03"),
    ("أواخر آب الماضي", "2019-08", "XXXX-08"),
    ("22 مارس الماضي", "2019-03-22", "XXXX-03-22"),
    ("كانون الأول", "2018-12", "XXXX-12"),
    ("يوليو (تموز) الحالي", "2019-07", "XXXX-07"),
    ("اليوم الخميس", "2019-09-12", "XXXX-WXX-4"),
    ("أمس الأربعاء", "2019-09-11", "XXXX-WXX-3"),
    ("الثلاثاء الماضي", "2019-09-10", "XXXX-WXX-2"),
    ("السبت القادم", "2019-09-14", "XXXX-WXX-6"),
    ("عام 2018", "2018", "2018"),
    ("1 ذو القعدة 1440 هـ", "2019-07-04", "2019-07-04"),
])
def test_dates_with_and_without_publication_date(text: str, with_pub: str, without_pub: str) -> None:
    found = normalize_date(text, PUB)
    assert found is not None and found.value == with_pub
    assert normalize_date(text, None).value == without_pub  # type: ignore[union-attr]


def test_the_weekday_named_decides_over_a_later_publication_date() -> None:
    """`اليوم الثلاثاء` in an article dated Thursday was written on Tuesday (it resolved to Thursday)."""
    assert normalize_date("اليوم الثلاثاء", PUB).value == "2019-09-10"  # type: ignore[union-attr]
    assert normalize_date("صباح اليوم الخميس", PUB).value == "2019-09-12"  # type: ignore[union-attr]
    assert normalize_date("أمس الاثنين", PUB).value == "2019-09-09"  # type: ignore[union-attr]


def test_deictics_need_a_publication_date() -> None:
    assert normalize_date("وأمس", PUB).value == "2019-09-11"  # type: ignore[union-attr]
    assert normalize_date("قبل ثلاثة أيام", PUB).value == "2019-09-09"  # type: ignore[union-attr]
    assert normalize_date("الشهر الماضي", PUB).value == "2019-08"  # type: ignore[union-attr]
    assert normalize_date("الأسبوع المقبل", PUB).value == "2019-W38"  # type: ignore[union-attr]
    unknown = normalize_date("أمس", None)
    assert unknown is not None and unknown.value is None and unknown.precision == "unknown"


def test_father_is_not_august() -> None:
    assert find_dates("ذهب الاب الي السوق") == []


@pytest.mark.parametrize("text", [
    "وقع الهجوم في العاشر من شهر تموز الماضي بعد الظهر",  # three words before the month
    "وقع الهجوم يوم خميس العاشر من شهر تموز الماضي",
    "قتل ثلاثة مدنيين قبل ثلاثة أيام في القصف على البلدة",
    "في 15 من حزيران/يونيو 2019 الماضي، وفي الوقت الحالي",
    "قتل 12 شخصاً و3 أطفال في 1 من شهر ذو القعدة 1440 هـ بحسب 24 مصدراً",  # the day far before the year
    "أصيب 7 في 15/7/2019 وفي 2019-07-16 وفي تموز2019 وفي عام 2018 وفي العام 2017 بحسب 1500 شاهد",
    "وبالخميس الماضي ولأمس وفي الشهر الماضي مقتل 40 و400 و4000 و1234 و19999",
])
def test_windows_around_date_words_find_what_the_whole_text_does(text: str) -> None:
    """The grammar runs only on a few words around digits and date words (given the text's tokens), and
    not at all where there are only numbers that are no year: it finds every expression the grammar
    finds in the whole text."""
    normalized = normalize_text(text)
    found = list(re.finditer(r"\w+|[^\w\s]", normalized))
    words = [i for i, m in enumerate(found) if m.group()[0].isalnum()]
    tokens = ([m.start() for m in found], [m.end() for m in found], words)
    grammar = [m.end() for m in PATTERN.finditer(normalized) if m.end() > m.start()]
    whole = [(d.start, d.end, d.value) for d in find_dates(normalized, PUB)]
    assert whole
    assert [end for _, end, _ in whole] == grammar
    assert [(d.start, d.end, d.value) for d in find_dates(normalized, PUB, 0, len(normalized), tokens)] == whole
