"""Trigger words that name a kind of event without reporting one.

`أي هجوم` (any attack), `القصف المتكرر` (the repeated shelling), `مخاوف من اتساع رقعة المواجهات` (fears
that the clashes spread), `التزامها بالتهدئة` (its commitment to the truce), `نقص حاد في المساعدات`
(a lack of aid), `وثق المرصد مقتل 93 شخصاً منذ مطلع الشهر` (a monitor's tally): the word is there, the
event is not. Found by reading generated and real articles with their extracted events; each rule
is tested in ``tests/events/test_reported.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from marsad.events.context import Context, Sentence
from marsad.events.lexicon import Hit, Payload

# Words that make a trigger a mention rather than a report of one event (normalised).
_ANY = frozenset({"اي", "لاي", "باي", "واي"})  # `أي هجوم`, `أي نية للانسحاب`: hypothetical
_ITERATIVE = frozenset({"المتكرر", "المتكرره", "المتلاحق", "المتلاحقه", "المتتالي", "المتتاليه"})
_ADHERE = ("التزام", "الالتزام", "بالتزام", "والتزام", "بالالتزام")
_DOCUMENT = frozenset({"وثق", "وثقت", "سجل", "سجلت", "احصي", "احصت", "رصد", "رصدت"})
_ANALYSTS = frozenset({"محللون", "محللين", "مراقبون", "مراقبين", "متابعون", "متابعين", "خبراء"})
# Verbs of analysis (not of reporting: `قال مراقبون إن الغارات …` still reports).
_ANALYSE = frozenset(c + w for c in ("", "و", "ف") for w in (
    "يري", "يعزو", "يربط", "يعتقد", "يرجح", "يتوقع", "يقرا", "يفسر", "يعزي"))
_SHARE = ("تتقاسم", "يتقاسم", "تقاسم", "وتتقاسم", "ويتقاسم")
_PERIOD = frozenset({"منذ", "خلال"})
_STOP_DEMAND = frozenset({"وقف", "بوقف", "لوقف", "ووقف"})
_ITERATIVE_BEFORE = frozenset({"متكررا", "متكرر", "متكرره", "متلاحقا", "متتاليا"})
_FEAR = frozenset({"مخاوف", "مخاوفا", "خشيه", "يخشي", "تخشي", "تخوف", "تخوفات", "مخاوفهم"})
_FEAR_ANYWHERE = re.compile("|".join(map(re.escape, sorted(_FEAR))))  # a fear word inside any word
_NOT_TERRITORY = frozenset({"الجميع", "الموقف", "الوضع", "الاجواء", "المشهد", "النفوس", "الشارع"})
_INCIDENTS = frozenset({"حادثه", "حوادث", "حادثا"})
_SCARCE_BEFORE = frozenset({"نقص", "شح", "تراجع", "غياب", "قله", "انعدام", "شحه"})
_SCARCE_AFTER = frozenset({"شحيحه", "الشحيحه", "محدوده", "المحدوده", "قليله"})


def not_reported(ctx: Context, sentence: Sentence, hit: Hit, payload: Payload) -> bool:
    """A trigger that names a kind of event without reporting one: hypothetical (`أي هجوم`), a series
    (`القصف المتكرر`), adherence to a truce (`التزامها بالتهدئة`), shared control as a state, a
    monitor's tally over a period (`وثق المرصد مقتل 93 شخصاً … منذ مطلع الشهر`, `21 حادثة أمنية بين
    عمليات اغتيال وخطف`), or a noun in analysts' commentary (`ويعزو متابعون التوتر إلى تبدل التفاهمات`)."""
    # The words around the hit, found once (one bisection each side) for every test below.
    words = ctx.words
    before = bisect_left(ctx.word_starts, hit.start)
    after = bisect_left(ctx.word_starts, hit.end)
    previous = words[max(0, before - 2):before]
    following = words[after:after + 3]
    if not _ANY.isdisjoint(previous):
        return True
    if payload.plover != "AGREE" and previous and previous[-1] in _STOP_DEMAND:
        return True  # `وقف استهداف المدنيين`: what someone wants stopped
    nominal = payload.pos in ("noun", "form") or "ال" in hit.prefix
    if nominal and "ال" in hit.prefix and not _ITERATIVE.isdisjoint(following[:2]):
        return True
    if nominal and previous and previous[-1] in _ITERATIVE_BEFORE:
        return True  # `تبادلاً متكرراً لإطلاق النار`
    if payload.plover == "AGREE" and previous and (any(w.startswith(_ADHERE) for w in previous)
                                                   or previous == ["في", "ظل"] or previous[-1] == "رغم"
                                                   or previous == ["الرغم", "من"]):
        return True  # `التزامها بالتهدئة`, `في ظل هدنة هشة`, `رغم التفاهمات`: a truce in force, not one reached
    if (payload.pos == "noun" or "ال" in hit.prefix) and _fear_near(ctx, sentence) \
            and _FEAR_ANYWHERE.search(ctx.text, max(0, hit.start - 60), hit.start) \
            and not _FEAR.isdisjoint(ctx.text[max(sentence.clause_of(hit.start)[0], hit.start - 60):hit.start].split()):
        return True  # `مخاوف من اتساع رقعة المواجهات`: feared, not happened
    if payload.mode == "occupy" and following and following[0] in _NOT_TERRITORY:
        return True  # `القلق يسيطر على الجميع`
    if payload.mode == "expel" and payload.pos == "verb" and hit.end > hit.key_end \
            and any(w.startswith(("اهل", "سكان")) for w in following):
        return True  # `هجرها أغلب أهلها`: its people left it (هَجَر), nobody expelled them (هجّر)
    if payload.plover == "AID" and nominal and (not _SCARCE_BEFORE.isdisjoint(words[max(0, before - 3):before])
                                                or not _SCARCE_AFTER.isdisjoint(following[:2])):
        return True  # `نقص حاد في المساعدات`, `مساعدات شحيحة`: the lack of aid, not a delivery
    if payload.mode == "occupy" and nominal:
        clause = sentence.clause_of(hit.start)
        if any(w.startswith(_SHARE) for w in ctx.text[clause[0]:hit.start].split()):
            return True
    if payload.plover == "ASSAULT":
        tally = _sentence_kind(sentence)[0]
        if tally:
            return True  # `سجل المرصد 21 حادثة أمنية خلال شهر`: counted incidents over a period
        if tally is not None and payload.casualty:
            clause = sentence.clause_of(hit.start)
            if _DOCUMENT & set(ctx.text[clause[0]:hit.start].split()):
                return True
    return nominal and _sentence_kind(sentence)[1]  # the sentence read only when the answer depends on it


def _fear_near(ctx: Context, sentence: Sentence) -> bool:
    """Whether a fear word lies in the sentence or the 60 characters before it: every window the fear
    test searches (the 60 characters before a hit of the sentence) lies there. Read once per sentence."""
    near = sentence.memo.get("fear")
    if near is None:
        near = sentence.memo["fear"] = _FEAR_ANYWHERE.search(ctx.text, max(0, sentence.start - 60),
                                                             sentence.end) is not None
    return near


def _sentence_kind(sentence: Sentence) -> tuple[bool | None, bool]:
    """(None without a period word, else whether it counts incidents over the period; whether it opens
    with analysts analysing, `ويرى مراقبون`), read once per sentence."""
    kind = sentence.memo.get("kind")
    if kind is None:
        words = sentence.words
        tally = None
        if not _PERIOD.isdisjoint(words):
            tally = any(w in _INCIDENTS and i > 0 and words[i - 1].isdigit() for i, w in enumerate(words))
        opening = words[:4]
        kind = sentence.memo["kind"] = (tally, not _ANALYSTS.isdisjoint(opening) and not _ANALYSE.isdisjoint(opening))
    return kind
