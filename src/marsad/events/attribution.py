"""Attribution: who says an event happened, and the outlet they told.

`قالت مصادر محلية في حلب لأورينت نت` -> source "مصادر محلية في حلب", outlet Orient Net;
`وفقاً للمرصد السوري` -> SOHR; `أفاد مراسل سانا` -> SANA's correspondent, outlet SANA.
`المصادر ذاتها` and `المصدر` refer back to the last source named in the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from marsad.clean.normalize import normalize_text
from marsad.document import Attribution
from marsad.events.context import Context, NMention, Sentence
from marsad.events.lexicon import Hit

# Outlets and monitors often named as sources, normalised Arabic -> English name.
OUTLETS: dict[str, str] = {normalize_text(k): v for k, v in {
    "أورينت نت": "Orient Net", "أورينت": "Orient Net", "سانا": "SANA", "وكالة سانا": "SANA",
    "المرصد السوري لحقوق الإنسان": "Syrian Observatory for Human Rights",
    "المرصد السوري": "Syrian Observatory for Human Rights",
    "عنب بلدي": "Enab Baladi", "الشرق الأوسط": "Asharq Al-Awsat", "رويترز": "Reuters", "فرانس برس": "AFP",
    "الأناضول": "Anadolu Agency", "سمارت": "SMART News", "زمان الوصل": "Zaman al-Wasl", "المدن": "Al-Modon",
    "تلفزيون سوريا": "Syria TV", "الجزيرة": "Al Jazeera", "العربية": "Al Arabiya", "نورث برس": "North Press",
    "هاوار": "Hawar News", "الوطن": "Al-Watan", "الشبكة السورية لحقوق الإنسان": "Syrian Network for Human Rights",
    "شبكة شام": "Shaam Network", "السويداء 24": "Suwayda 24", "درعا 24": "Daraa 24", "فرات بوست": "Furat Post",
    "الخابور": "Al-Khabour", "نداء سوريا": "Nedaa Syria", "الإخبارية السورية": "Syrian Al-Ikhbariya",
    "روسيا اليوم": "RT Arabic", "سبوتنيك": "Sputnik", "الميادين": "Al Mayadeen", "إرم نيوز": "Erem News",
}.items()}
_OUTLET_KEYS = sorted(OUTLETS, key=len, reverse=True)
# An outlet name is whole words: it may follow a conjunction or preposition (`ولسانا`, `بالمرصد السوري`) but
# not other letters, and no letter follows it (`المدن` is no outlet in `المدنيين`, nor `الوطن` in `الوطنية`).
_CLITICS = "[وفبلك]{0,2}"


def _whole_words(names: list[str]) -> re.Pattern[str]:
    plain = "|".join(map(re.escape, names))
    # After the preposition ل the article loses its alef: `للمرصد السوري` is ل + `المرصد السوري`.
    after_lam = "|".join(re.escape(name[2:]) for name in names if name.startswith("ال"))
    lam_form = f"|[وف]?لل(?:{after_lam})" if after_lam else ""
    return re.compile(rf"(?<!\w)(?:{_CLITICS}(?:{plain}){lam_form})(?!\w)")


_ANY_OUTLET = _whole_words(_OUTLET_KEYS)  # whether any outlet is named, in one search


@cache
def _outlet_pattern(key: str) -> re.Pattern[str]:
    """One name's pattern, compiled when first needed (only after ``_ANY_OUTLET`` found some name)."""
    return _whole_words([key])


# Nouns that head an anonymous or institutional source.
SOURCE_HEADS = frozenset(normalize_text(w) for w in (
    "مصادر", "مصدر", "ناشطون", "ناشطين", "ناشط", "شهود", "شاهد", "مراسل", "مراسلو", "مراسلة", "سكان", "أهالي",
    "مسؤول", "مسؤولون", "مسؤولين", "متحدث", "المتحدث", "بيان", "وكالة", "صحيفة", "موقع", "شبكة", "مرصد", "المرصد",
    "المصادر", "المصدر", "معلومات", "تقارير", "تقرير", "ناطق", "الناطق", "قيادي", "قياديون", "مصادر محلية",
))
_STOP = frozenset(normalize_text(w) for w in ("إن", "أن", "ان", "عن", "بأن", "فإن", "،", ",", ":", "\"", "«", "لـ",
                                              "إلى", "أنه", "أنها", "بأنه", "بأنها", "قائلة", "قائلا"))
_ANAPHORIC = frozenset(normalize_text(w) for w in ("المصادر", "المصدر", "المصادر ذاتها", "المصادر نفسها",
                                                    "المصدر ذاته", "المصدر نفسه", "ذات المصادر", "نفس المصادر"))


@dataclass(slots=True)
class Attributed:
    attribution: Attribution
    source_span: tuple[int, int]  # normalised offsets of the source phrase (excluded from arguments)
    generic: bool
    outlet_span: tuple[int, int] | None = None  # the outlet the source told (`لأورينت نت`): no argument either


def _outlet_in(text: str) -> str | None:
    """The outlet of the longest outlet name in ``text``."""
    if not _ANY_OUTLET.search(text):
        return None  # the usual case
    for key in _OUTLET_KEYS:  # longest name first
        if key[1:] in text and _outlet_pattern(key).search(text):  # key[1:]: the name, or its form after ل
            return OUTLETS[key]
    return None


def _strip_clitic(word: str) -> str:
    for prefix in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def _source_after(ctx: Context, sentence: Sentence, pos: int) -> tuple[int, int, bool] | None:
    """The source phrase starting within three words after ``pos``: (start, end, generic)."""
    i = ctx.word_index(pos)
    if i < len(ctx.word_starts) and ctx.word_starts[i] < pos:
        i += 1
    n = len(ctx.word_starts)
    for j in range(i, min(i + 3, n)):
        ws = ctx.word_starts[j]
        if ws >= sentence.end:
            return None
        mention = ctx.actor_at(ws)
        word = ctx.words[j]
        if mention is not None:
            return mention.start, mention.end, False
        if word in SOURCE_HEADS or _strip_clitic(word) in SOURCE_HEADS:
            end = ctx.word_ends[j]
            # Extend over the modifiers: محلية، في حلب، ذاتها، أمنية عراقية (up to four words).
            for k in range(j + 1, min(j + 5, n)):
                nxt = ctx.words[k]
                if nxt in _STOP or ctx.word_starts[k] >= sentence.end or not nxt[0].isalpha():
                    break
                if nxt.startswith("ل") and _outlet_in(nxt[1:] + " " + " ".join(ctx.next_words(ctx.word_ends[k], 2))):
                    break
                end = ctx.word_ends[k]
            return ws, end, True
    return None


def attributions(ctx: Context, sentence: Sentence, hits: list[Hit],
                 previous: Attributed | Callable[[], Attributed | None] | None) -> Attributed | None:
    """The attribution of a sentence (sources named by a generic noun preferred over speaking actors).

    ``previous`` is the last attribution before the sentence (for `المصادر ذاتها`), or a function that finds it.
    """
    found: list[Attributed] = []
    for hit in hits:
        if not any(p.kind == "attribution" for p in hit.payloads):
            continue
        if hit.start >= sentence.end or hit.start < sentence.start:
            continue
        span = _source_after(ctx, sentence, hit.end)
        if span is None:
            continue
        s, e, generic = span
        phrase = ctx.text[s:e]
        os_, oe = ctx.to_original(s, e)
        original = ctx.doc.text[os_:oe]
        canonical = "ال" + phrase[2:] if phrase.startswith("لل") else phrase
        canonical = canonical[1:] if canonical.startswith(("وال", "بال")) else canonical
        if generic and canonical in _ANAPHORIC:
            if callable(previous):
                previous = previous()
            if previous is not None:
                found.append(Attributed(previous.attribution.model_copy(update={"start": os_, "end": oe}),
                                        (s, e), True))
            continue
        after = " ".join(ctx.next_words(e, 3))
        outlet = None
        outlet_span = None
        if after.startswith("ل"):
            outlet = _outlet_in(after[1:40])
            told = ctx.actor_at(ctx.word_starts[ctx.word_index(e) + 1]) if outlet else None
            if told is not None and told.start >= e:
                outlet_span = (told.start, told.end)
        outlet = outlet or _outlet_in(phrase)
        ref = None
        if not generic:
            at = ctx.actor_at(s)
            ref = at.ref if at is not None and at.start == s else None
        found.append(Attributed(Attribution(text=original, ref=ref, outlet=outlet, start=os_, end=oe), (s, e), generic,
                                outlet_span))
    if not found:
        return None
    found.sort(key=lambda a: not a.generic)
    return found[0]


def is_source(mention: NMention, attributed: Attributed | None) -> bool:
    if attributed is None:
        return False
    told = attributed.outlet_span
    if told is not None and told[0] <= mention.start < told[1]:
        return True  # the outlet a source spoke to reports the event; it takes no part in it
    s, e = attributed.source_span
    # A named actor announcing its own act stays an argument (`أعلنت حركة أحرار الشام اندماجها`).
    return attributed.generic and s <= mention.start < e
