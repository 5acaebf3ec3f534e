"""Apposition rules for names the corpora under-represent.

- a rank or title before a name: `العقيد أحمد الحمد`, `الشيخ`, `القيادي` …
- a name in parentheses after a mention: `هيئة تحرير الشام (النصرة)`
- aliases: `الملقب بـ`, `المعروف بـ`, `المكنى بـ`
- kunyas: `أبو محمد الجولاني`
- nisbas that close a person's name: `… الحلبي`

Rules work on normalised tokens; a name is a run of tokens that are not common words (a list
the training script derives from the corpora: frequent words the corpora never tag).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.nlp.tokens import Token

# Normalised (alef, taa marbuta, yaa folded) titles and ranks that introduce a person's name.
TITLES = frozenset({
    "العقيد", "اللواء", "العميد", "العماد", "المقدم", "الرائد", "النقيب", "الملازم", "الفريق", "المشير",
    "الرقيب", "المساعد", "القيادي", "القائد", "الشيخ", "الامير", "الزعيم", "المدعو", "الحاج", "الدكتور",
    "الناشط", "الاعلامي", "المراسل", "الشهيد", "المقاتل", "الملا", "المفتي", "القاضي", "السيد", "المحامي",
    "الصحفي", "المهندس", "المتحدث", "المسؤول", "العنصر", "الاسير", "المعتقل", "الطيار", "الجنرال",
    "الرئيس", "الوزير", "النائب", "السفير", "المبعوث", "الامين", "المختار",
})
# Words a title may carry before the name: `العقيد الركن`, `القيادي البارز`, `الشيخ السابق`.
TITLE_MODIFIERS = frozenset({"الركن", "المتقاعد", "البارز", "السابق", "المنشق", "الميداني", "العسكري",
                             "الطبيب", "الشاب", "السوري", "الملقب"})
ALIAS_CUES = frozenset({"الملقب", "المعروف", "المكني", "الملقبه", "المعروفه", "الشهير"})
KUNYA = frozenset({"ابو", "ابي", "ابا"})
CONNECTORS = frozenset({"بن", "ابن", "بنت", "عبد", "ابو", "ابي", "ابا"})
_NISBA = re.compile(r"^ال\w{2,}(ي|اوي|اني)$")
MAX_NAME = 4
# Pronouns and particles (normalised) no name begins with; the model sometimes starts one there.
FUNCTION_WORDS = frozenset({"ما", "ماهو", "ماهي", "هو", "هي", "هم", "هذا", "هذه", "ذلك", "تلك", "الذي", "التي",
                            "الذين", "ان", "انه", "انها", "لكن", "كما", "اذا", "مما", "عما", "فيما", "بما", "لما"})
OPENERS = frozenset({"(", '"', "«", "“", "'"})
# Role words: a parenthesised name after `قائد ميليشيا الباقر (…)` is the commander, a person.
ROLES = frozenset({"قائد", "رئيس", "زعيم", "امير", "مسؤول", "متزعم", "مدير", "نائب", "القائد", "الزعيم",
                   "قايد", "امين", "متحدث", "الناطق", "ناطق", "مؤسس", "عضو", "شقيق", "نجل", "ابن"})

# Words a rule can start at (titles also with the conjunction `و` glued on).
_TRIGGERS = TITLES | {"و" + t for t in TITLES} | ALIAS_CUES | KUNYA
# A sentence without any of these has no rule span and no parenthesised name.
TRIGGERS = _TRIGGERS | {"("}


@dataclass(frozen=True)
class RuleSpan:
    start: int  # token index
    end: int  # exclusive
    type: str
    rule: str


def _is_name_word(word: str, common: frozenset[str]) -> bool:
    return word[:1].isalpha() and len(word) > 1 and word not in common and word not in TITLES


def _name_run(words: Sequence[str], i: int, common: frozenset[str], *, nisba_first: bool = False) -> int:
    """End of the name starting at token ``i`` (``i`` when none): up to four name words,
    connectors such as `بن`/`عبد`/`أبو` only between them. Only an alias may start with a
    nisba (`المعروف بالجولاني`); after a title `الأمريكي` is an adjective, not a name."""
    j = i
    while j < len(words) and j - i < MAX_NAME:
        w = words[j]
        if w in CONNECTORS and j + 1 < len(words) and _is_name_word(words[j + 1], common):
            j += 2
            continue
        if not _is_name_word(w, common):
            break
        # A given name does not carry the article; a family name or nisba may (`الحمد`, `الحلبي`).
        if j == i and w.startswith("ال") and not (nisba_first and _NISBA.match(w)):
            break
        j += 1
    return min(j, i + MAX_NAME + 1)


def find(tokens: Sequence[Token], common: frozenset[str], words: Sequence[str] | None = None) -> list[RuleSpan]:
    """Rule spans over a sentence's tokens (indices into ``tokens``; ``words``: their norms, if at hand)."""
    if words is None:
        words = [t.norm for t in tokens]
    out: list[RuleSpan] = []
    after = 0  # tokens before this are inside a span already
    # Every rule starts at a title, an alias cue or a kunya: only those tokens are looked at.
    for i in [i for i, w in enumerate(words) if w in _TRIGGERS]:
        if i >= after:
            span = _rule_at(words, i, common)
            if span is not None:
                out.append(span)
                after = span.end
    return out


def _rule_at(words: Sequence[str], i: int, common: frozenset[str]) -> RuleSpan | None:
    """The rule span opened by the title, alias cue or kunya at token ``i``, if any."""
    n = len(words)
    w = words[i]
    if w in TITLES or (w.startswith("و") and w[1:] in TITLES):
        j = i + 1
        while j < n and (words[j] in TITLE_MODIFIERS or (_NISBA.match(words[j]) and words[j] in common)):
            j += 1
        if j < n and words[j] in OPENERS:  # `العقيد (علي ديوب حسن)`
            j += 1
        end = _name_run(words, j, common)
        if end > j:
            return RuleSpan(j, end, "PERSON", "title")
    if w in ALIAS_CUES and i + 1 < n:
        j = i + 1
        word = words[j]
        if word in ("ب", "بـ"):
            j += 1
        elif word.startswith("ب") and len(word) > 2:
            # `بأبي محمد`: the preposition is attached; the span starts after it.
            end = _name_run([word[1:], *words[j + 1:]], 0, common, nisba_first=True) + j
            if end > j:
                return RuleSpan(j, end, "PERSON", "alias")
        if j < n and words[j] in OPENERS:  # `الملقب بـ (خالد أبو حسين)`
            j += 1
        end = _name_run(words, j, common, nisba_first=True)
        if end > j:
            return RuleSpan(j, end, "PERSON", "alias")
    if w in KUNYA and i + 1 < n and _is_name_word(words[i + 1], common) and not words[i + 1].startswith("ال"):
        end = i + 2
        while end < n and end - i < 3 and _NISBA.match(words[end]) and words[end] not in common:
            end += 1
        return RuleSpan(i, end, "PERSON", "kunya")
    return None


def parenthesised(tokens: Sequence[Token], common: frozenset[str],
                  words: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Token ranges of short parenthesised names: `(` name `)` with at most four name words."""
    if words is None:
        words = [t.norm for t in tokens]
    out: list[tuple[int, int]] = []
    if "(" not in words:
        return out
    for i in [i for i, w in enumerate(words) if w == "("]:
        j = i + 1
        while j < len(words) and j - i <= MAX_NAME and words[j] != ")":
            j += 1
        if j < len(words) and words[j] == ")" and j > i + 1:
            inner = words[i + 1:j]
            if any(_is_name_word(x, common) for x in inner) and all(x[:1].isalpha() for x in inner):
                out.append((i + 1, j))
    return out


def nisba_extension(words: Sequence[str], end: int, common: frozenset[str], limit: int | None = None) -> int:
    """Extend a person's name over following nisbas (`… الحلبي`), which the corpora often leave out,
    up to ``limit`` (the sentence's end; default: the end of ``words``)."""
    limit = len(words) if limit is None else limit
    while end < limit and _NISBA.match(words[end]) and words[end] not in common:
        end += 1
    return end
