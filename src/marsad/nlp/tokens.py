"""A clitic-aware tokeniser: word spans over the cleaned text, with their proclitic splits.

Arabic attaches conjunctions (و ف), prepositions (ب ك ل) and the article (ال, لل) to the next
word: `وللأسد` is و + لل + أسد. The tokeniser keeps the surface token (offsets into the text
the user sees) and offers every plausible (proclitic, stem) split, longest stem first; later
stages decide which split a dictionary or model supports.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

from marsad.clean.normalize import normalize_text

_WORD = r"[^\W\d_]"  # any letter
# Runs of letters and runs of marks (`(?:X+|Y+)+`, not `(?:X|Y)+`): the same matches, and the
# regex engine loops once per run instead of once per character (1.5x faster tokenising).
# Quantifiers are possessive (`++`, `*+`): nothing after a run could use a character it gave back
# (a separator is neither a digit, a letter nor a mark), so the matches are the same and the
# engine keeps no backtracking state (another 1.2x).
TOKEN_RE = re.compile(
    r"\d++(?:[.,٫٬]\d++)*+"  # numbers with decimal or thousands separators (\d covers Eastern digits)
    r"|(?:" + _WORD + r"++|[\u0640\u064B-\u065F\u0670\u200c\u200d]++)++"  # words, with marks and tatweel
    r"(?:[.*_\-](?=\u0640)(?:" + _WORD + r"++|[\u0640\u064B-\u065F\u0670]++)++)*+"  # `استـ.ـشهد` stays one word
    r"|[^\s\w]",  # any other single non-space character is punctuation
    re.UNICODE,
)
# The same pattern as one group: `split` returns gaps and tokens alternately, all in C.
_SPLIT_RE = re.compile("(" + TOKEN_RE.pattern + ")", re.UNICODE)

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ك", "ل")
_ART = ("", "ال")


def _proclitics() -> tuple[str, ...]:
    found = {c + p + a for c in _CONJ for p in _PREP for a in _ART}
    found |= {c + "لل" for c in _CONJ}  # ل + ال writes as لل
    found.discard("")
    return tuple(sorted(found, key=len))


PROCLITICS = _proclitics()
MIN_STEM = 2


@lru_cache(maxsize=65536)
def clitic_splits(word: str) -> tuple[tuple[str, str], ...]:
    """All (proclitic, stem) readings of a normalised word, the unsplit reading first.

    `وللاسد` -> ('', 'وللاسد'), ('و', 'للاسد'), ('ول', 'لاسد'), ('ولل', 'اسد').
    Stems keep at least two letters; `لل` also yields the article form (`ال` + stem).
    """
    splits: list[tuple[str, str]] = [("", word)]
    for prefix in PROCLITICS:
        if len(word) - len(prefix) >= MIN_STEM and word.startswith(prefix):
            splits.append((prefix, word[len(prefix):]))
    return tuple(splits)


@lru_cache(maxsize=65536)  # asked for every word by the gazetteer's cues, NER features and linking
def stem_candidates(word: str) -> tuple[str, ...]:
    """Stems of a normalised word, also with the article restored after `لل`/`بال`…"""
    out: list[str] = []
    for prefix, stem in clitic_splits(word):
        out.append(stem)
        if prefix.endswith("لل"):
            out.append("ال" + stem)
    return tuple(dict.fromkeys(out))


class Token(NamedTuple):
    """A token (a named tuple: ~600 per article, built far faster than a frozen dataclass)."""

    start: int
    end: int
    text: str
    norm: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    def splits(self) -> tuple[tuple[str, str], ...]:
        return clitic_splits(self.norm)


class _Normalized(dict[str, str]):
    """Words' normalised forms, filled on a miss (``__missing__``): news vocabulary repeats, so most
    tokens' forms are one C-level dict lookup. Not an ``lru_cache``: it also relinks its recency list
    on every hit, which costs more once the rest of the pipeline has run between two articles and
    pushed that list out of the CPU caches. Bounded (a few MB): emptied when full."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _NORMALIZED_MAX:
            self.clear()
        norm = self[word] = normalize_text(word)
        return norm


_NORMALIZED_MAX = 1 << 16
_normalized = _Normalized()


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets into it and their normalised form."""
    parts = _SPLIT_RE.split(text)  # gap, token, gap, token, ..., gap
    words = parts[1::2]
    # Where each part ends: a gap ends where the next token starts. Read twice per token by zip
    # (the same iterator: its start, then its end) and never listed; zip stops at the last gap.
    bounds = accumulate(map(len, parts))
    fields = zip(bounds, bounds, words, map(_normalized.__getitem__, words), strict=False)
    # tuple.__new__ builds each Token without a Python-level call (the tokeniser is a hot path).
    return list(map(tuple.__new__, repeat(Token), fields))
