"""The gazetteer stage: every knowledge-base name in the article, found with one automaton pass.

Matching runs over the normalised view (hamza, taa marbuta, alef maqsura and diacritics folded),
so `ميليشيات أسد`, `ميليشيات اسد` and `ميليشيات أسدٍ` are one key. A match may start inside a word
when what precedes it in that word is a proclitic (`و`, `ب`, `ل`, `ال`, `وبال`…): `بحلب`, `وميليشيات`;
`لل` + name also finds names listed with the article (`للميليشيات الإيرانية`). The longest match
wins; the mention's span is the name without its proclitics, in the text the user sees.

Names too common to match alone (`الباقر`, `الباب`, a bare family name) are *weak*: they count
only with a cue (a group word before an armed group, a place word or locative preposition before
a place, the person's full name earlier in the article).
"""

from __future__ import annotations

import bisect
import unicodedata
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

import ahocorasick
from pydantic import TypeAdapter

from marsad.clean.normalize import normalize_text
from marsad.document import Document, Mention
from marsad.kb.load import Entry, KnowledgeBase, load_kb
from marsad.nlp.segment import normalized_of, tokens_of
from marsad.nlp.tokens import PROCLITICS, Token, stem_candidates
from marsad.settings import Settings

_PROCLITICS = frozenset(PROCLITICS)
_MAX_PROCLITIC = max(map(len, PROCLITICS))

# Words that make a weak armed-group name count when they stand just before it.
GROUP_CUES = frozenset(normalize_text(w) for w in [
    "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "لواء", "ألوية", "كتائب", "كتيبة", "فصيل", "فصائل", "قوات",
    "حركة", "جماعة", "تنظيم", "مجموعة", "مجموعات", "مرتزقة", "عناصر", "مقاتلي", "مقاتلو", "قائد", "قيادة",
    "زعيم", "عشيرة", "عشائر",
])
# Words that make a weak place name count when they stand just before it.
PLACE_CUES = frozenset(normalize_text(w) for w in [
    "مدينة", "بلدة", "قرية", "قرى", "بلدات", "مدن", "حي", "أحياء", "منطقة", "ناحية", "مخيم", "ريف", "محافظة",
    "في", "من", "إلى", "الى", "قرب", "نحو", "باتجاه", "محيط", "أطراف", "داخل", "شمال", "جنوب", "شرق", "غرب",
    "شمالي", "جنوبي", "شرقي", "غربي", "بين", "عند", "مدخل", "مشارف", "تخوم",
])


class Match(NamedTuple):  # a named tuple: ~70 per article, cheaper to build than a dataclass
    start: int          # normalised offsets of the name (proclitics excluded)
    end: int
    key: str
    entries: tuple[Entry, ...]
    weak: bool          # every entry of the form is weak
    strong: tuple[Entry, ...]  # the entries that are not weak (all of them when every one is)


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    """Every normalised form, plus `لل`+rest for forms with the article (`للميليشيات`: ل + ال).

    Each word carries what a match needs: (key, lam form?, length matched, entries, weak?, strong entries).
    """
    kb = load_kb()
    auto = ahocorasick.Automaton()
    for key, entries in kb.index.items():
        found = tuple(entries)
        weak = all(e.weak for e in found)
        strong = tuple(e for e in found if not e.weak) or found
        auto.add_word(key, (key, False, len(key), found, weak, strong))
        if key.startswith("ال") and len(key) > 4:
            # With the preposition's ل: `ل`+rest alone would also be found inside every `ال`+rest.
            # The length matched is the name's, from the article's ل.
            auto.add_word("لل" + key[2:], (key, True, len(key) - 1, found, weak, strong))
    auto.make_automaton()
    return auto


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def find_matches(text: str) -> list[Match]:
    """All clitic-tolerant matches in a normalised string (overlapping; selection comes later)."""
    found: list[Match] = []
    size = len(text)
    for end, (key, lam_form, length, entries, weak, strong) in automaton().iter(text):
        if end + 1 < size and text[end + 1].isalnum():
            continue
        start = end - length + 1
        # Back to the start of the word, but no further than the longest proclitic and one more
        # letter: a longer prefix is not a proclitic whatever precedes it.
        word_start, limit = start, start - _MAX_PROCLITIC - 1
        if limit < 0:
            limit = 0
        while word_start > limit and text[word_start - 1].isalnum():
            word_start -= 1
        prefix = text[word_start:start]
        if lam_form:
            # `لل` + name: the first ل is the preposition, the second the article's
            if not prefix.endswith("ل") or prefix[:-1] not in {"", "و", "ف"}:
                continue
        elif prefix and prefix not in _PROCLITICS:
            continue
        found.append(Match(start, end + 1, key, entries, weak, strong))
    return found


_START, _END = attrgetter("start"), attrgetter("end")


def select(matches: list[Match]) -> list[Match]:
    """Longest first, then leftmost; drop anything overlapping an already chosen match."""
    chosen: list[Match] = []
    taken = bytearray(max(map(_END, matches), default=0))
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if taken.find(1, m.start, m.end) >= 0:  # in C, not a Python loop over the slice
            continue
        chosen.append(m)
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    return sorted(chosen, key=_START)


def _previous_words(tokens: list[Token], starts: list[int], pos: int, n: int = 3) -> list[Token]:
    i = bisect.bisect_right(starts, pos) - 1  # the token holding the match start
    if i >= 0 and tokens[i].start < pos:      # the match starts inside the word (after a clitic)
        i += 1
    return [t for t in tokens[max(0, i - n):max(0, i)] if t.is_word]


def _has_cue(words: list[Token], cues: frozenset[str], last_only: bool = False) -> bool:
    words = words[-1:] if last_only else words
    return any(set(stem_candidates(w.norm)) & cues for w in words)


def _weak_ok(m: Match, orig_start: int, tokens: list[Token], starts: list[int],
             accepted: list[tuple[Match, int]], nv_text: str) -> bool:
    entry = m.entries[0]
    words = _previous_words(tokens, starts, orig_start)
    if entry.type == "PERSON":
        return any(a.entries[0].ref == entry.ref and not a.weak for a, _ in accepted)
    if entry.type in ("LOCATION", "FACILITY"):
        prefix_in_word = m.start > 0 and _is_letter(nv_text[m.start - 1])
        return prefix_in_word or _has_cue(words, PLACE_CUES, last_only=True)
    if _has_cue(words, GROUP_CUES):
        return True
    # coordinated with an armed group just before: `ميليشيات آل بري والباقر`
    return any(a.entries[0].type == entry.type and 0 <= orig_start - end <= 4 for a, end in accepted)


def choose_entry(entries: tuple[Entry, ...], kb: KnowledgeBase, published: date | None) -> tuple[Entry, float]:
    """The default reading of a shared form: by the date rule when the article is dated."""
    if len(entries) == 1:
        return entries[0], 1.0
    if published is not None:
        active = [e for e in entries if (rec := kb.record(e.ref)) is not None
                  and hasattr(rec, "active_on") and rec.active_on(published)]
        if len(active) == 1:
            return active[0], 0.95
    return entries[0], 0.7


_MENTIONS = TypeAdapter(list[Mention])


def _extend_over_marks(text: str, end: int) -> int:
    """Keep a name's final short vowel or tanween (`أسدٍ`) inside its span."""
    while end < len(text) and (unicodedata.category(text[end]) == "Mn" or text[end] == "\u0640"):
        end += 1
    return end


def gazetteer(doc: Document, settings: Settings) -> None:
    kb = load_kb()
    nv = normalized_of(doc)
    tokens = tokens_of(doc)
    starts: list[int] = []  # the tokens' start offsets, listed when a weak match first needs them
    selected = select(find_matches(nv.text))
    accepted: list[tuple[Match, int]] = []
    starts_of: list[int] = []  # the original start of each accepted match
    for m, (s, e) in zip(selected, nv.spans_to_original([(m.start, m.end) for m in selected]), strict=True):
        if m.weak:
            starts = starts or [t.start for t in tokens]
            if not _weak_ok(m, s, tokens, starts, accepted, nv.text):
                continue
        accepted.append((m, e))
        starts_of.append(s)
    candidates: dict[tuple[int, int], list[str]] = doc._cache.setdefault("gazetteer_candidates", {})
    n = len(doc.mentions)
    text, published = doc.text, doc.published
    rows = []
    for (m, e), s in zip(accepted, starts_of, strict=True):
        e = _extend_over_marks(text, e)
        strong = m.strong
        entry, confidence = choose_entry(strong, kb, published)
        if m.weak:
            confidence = min(confidence, 0.8)
        n += 1
        rows.append({"id": f"m{n}", "text": text[s:e], "start": s, "end": e, "type": entry.type, "ref": entry.ref,
                     "origin": "kb", "confidence": confidence, "framing": entry.framing})
        candidates[(s, e)] = [x.ref for x in strong]
    # Validated all at once by pydantic-core: faster than a Mention(...) call (or model_construct) each.
    doc.mentions.extend(_MENTIONS.validate_python(rows))
