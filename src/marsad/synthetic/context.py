"""Helpers that turn picks (actor, place, count, date) into Arabic phrases for one story."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from marsad.synthetic.vocab import (
    ACTORS,
    FAMILY_NAMES,
    FIRST_NAMES,
    GREG_MONTHS,
    LEVANT_MONTHS,
    MASCULINE_HEADS,
    MONITORS,
    NOUNS,
    NUMBER_WORDS,
    SOURCES,
    TIMES_OF_DAY,
    WEEKDAYS,
    Place,
    Theatre,
)

DATE_MARK = "⟦D⟧"  # the event's date phrase, rendered per edition against its publication date
_EASTERN = tuple(zip("0123456789", "٠١٢٣٤٥٦٧٨٩", strict=True))


def eastern_digits(text: str) -> str:
    for western, eastern in _EASTERN:  # ten C-level replaces beat str.translate's per-character lookups
        text = text.replace(western, eastern)
    return text


def month_name(month: int, style: str, rng: random.Random) -> str:
    lev, greg = LEVANT_MONTHS[month - 1], GREG_MONTHS[month - 1]
    if style == "levant":
        return lev
    if style == "greg":
        return greg
    if style == "greg_first":
        return f"{greg}/{lev}"
    if style == "paren":
        return f"{lev} ({greg})"
    return f"{lev}/{greg}" if rng.random() < 0.85 else lev


def date_phrase(event: date, published: date, style: str, rng: random.Random) -> str:
    """How an article dated ``published`` refers to ``event``: relative when close, else explicit."""
    days = (published - event).days
    weekday = WEEKDAYS[event.weekday()]
    tod = rng.choice(TIMES_OF_DAY)
    r = rng.random()
    explicit = f"{event.day} {month_name(event.month, style, rng)}"
    if days == 0:
        options = [f"{tod} اليوم {weekday}", f"اليوم {weekday}", f"{tod} اليوم", f"اليوم {weekday} {explicit}"]
    elif days == 1:
        options = [f"{tod} أمس {weekday}", f"يوم أمس {weekday}", f"أمس {weekday}", f"{tod} يوم أمس"]
    elif days < 7:
        options = [f"يوم {weekday} الماضي", f"{tod} {weekday} الماضي", f"يوم {weekday} {explicit}"]
    else:
        options = [f"في {explicit} {event.year}", f"يوم {weekday} {explicit} {event.year}", f"في {explicit} الماضي"]
    return options[int(r * len(options))]


def count(n: int, noun: str, words: bool = True) -> str:
    """`ثلاثة مدنيين`, `12 مدنياً`, `مدنيين اثنين`: Arabic number–noun agreement for masculine nouns."""
    one, two, plural, accusative = NOUNS[noun]
    if n == 1:
        return f"{one} واحد"
    if n == 2:
        return two
    if n <= 10:
        return f"{NUMBER_WORDS[n]} {plural}" if words else f"{n} {plural}"
    if n < 100:
        return f"{n} {accusative}"
    return f"{n} {one}"


@dataclass
class Ctx:
    """One story's random source and camp; every phrase helper draws from ``rng`` in a fixed order."""

    rng: random.Random
    theatre: Theatre
    stance: str

    def pick(self, seq):  # type: ignore[no-untyped-def]
        return seq[int(self.rng.random() * len(seq))]

    def name(self, key: str) -> str:
        return self.pick(ACTORS[key].forms(self.stance))

    def air(self, key: str) -> str:
        forms = ACTORS[key].air
        return self.pick(forms) if forms else f"طائرات حربية تابعة {self.li(self.name(key))}"

    def drone(self, key: str) -> str:
        forms = ACTORS[key].drone
        return self.pick(forms) if forms else f"طائرة مسيرة تابعة {self.li(self.name(key))}"

    def place(self) -> Place:
        return self.pick(self.theatre.places)

    def where(self, place: Place) -> str:
        """`بلدة كنصفرة بريف إدلب الجنوبي`, `مدينة إدلب`, `حي المزة في دمشق`."""
        if not place.area:
            if place.kind == "حي":
                return f"حي {place.name} في {place.gov}" if place.gov != "درعا" else f"حي {place.name} بمدينة درعا"
            return f"مدينة {place.name}"
        if place.kind == "منطقة":
            return (
                f"{place.name} في {place.area}"
                if not place.name.startswith("بادية")
                else place.name + f" ب{place.area}"
            )
        link = self.pick(("ب", "في ", "ب"))
        return f"{place.kind} {place.name} {link}{place.area}"

    def v(self, subject: str, fem: str, masc: str) -> str:
        """The verb form that agrees with ``subject``."""
        return masc if subject.split(" ", 1)[0] in MASCULINE_HEADS else fem

    @staticmethod
    def li(name: str) -> str:
        """The preposition ل joined to a name: `لقسد`, `للميليشيات` (ل + ال is written لل)."""
        return "لل" + name[2:] if name.startswith("ال") else "ل" + name

    @staticmethod
    def area_verb(area: str, fem: str, masc: str) -> str:
        """`يشهد ريف إدلب` but `تشهد الغوطة الشرقية` / `تشهد محافظة درعا`."""
        return masc if area.split(" ", 1)[0] in {"ريف", "القلمون"} else fem

    def count(self, n: int, noun: str) -> str:
        return count(n, noun, words=self.rng.random() < 0.6)

    def person(self) -> str:
        return (
            f"{self.pick(FIRST_NAMES)} {self.pick(FIRST_NAMES)} {self.pick(FAMILY_NAMES)}"
            if self.rng.random() < 0.4
            else f"{self.pick(FIRST_NAMES)} {self.pick(FAMILY_NAMES)}"
        )

    def source(self, monitor_share: float = 0.5) -> str:
        return self.pick(MONITORS) if self.rng.random() < monitor_share else self.pick(SOURCES)

    def according(self, src: str | None = None) -> str:
        src = src or self.source()
        masc = self.v(src, "", "m") == "m"
        return self.pick(
            (
                f"بحسب ما {'أفاد' if masc else 'أفادت'} {src}",
                f"وفق ما {'ذكره' if masc else 'ذكرته'} {src}",
                f"بحسب {src}",
                f"حسبما {'أكده' if masc else 'أكدته'} {src}",
                f"وفق ما {'أعلنه' if masc else 'أعلنته'} {src}",
            )
        )
