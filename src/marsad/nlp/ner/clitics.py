"""Where a name starts inside its first token: `بإدلب` names `إدلب`, `بغداد` names `بغداد`.

The tagger labels whole tokens; a mention should not carry the conjunction or preposition
glued to it. Which reading is right is a matter of vocabulary: a split is taken when the
corpora know the stem better than the whole word (`والأسد` → `الأسد`), never when the whole
word is the better-known one (`لبنان`, `وليد`). An unknown word loses only an unambiguous
proclitic: one followed by the article (`بالرقة`, `وال…`).
"""

from __future__ import annotations

from collections.abc import Mapping

from marsad.clean.normalize import normalize
from marsad.nlp.tokens import Token, clitic_splits

_STRIPPABLE = frozenset({"و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل", "لل", "ولل", "فلل"})


def proclitic_length(word: str, counts: Mapping[str, int]) -> int:
    """How many leading characters of the normalised ``word`` are proclitics to drop."""
    whole = counts.get(word, 0)
    best, best_len = whole, 0
    for prefix, stem in clitic_splits(word)[1:]:
        if prefix not in _STRIPPABLE:
            # Article forms (`وال`, `بال`): drop the letters before the article only.
            if prefix.endswith("ال") and prefix[:-2] in _STRIPPABLE:
                prefix, stem = prefix[:-2], "ال" + stem
            else:
                continue
        known = counts.get(stem, 0) + (counts.get("ال" + stem, 0) if prefix.endswith("لل") else 0)
        if known > best:
            best, best_len = known, len(prefix)
    if best_len or whole:
        return best_len
    for prefix in ("ولل", "فلل", "لل", "وال", "فال", "بال", "كال", "وبال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return len(prefix) - (0 if prefix.endswith("لل") else 2)
    return 0


def name_start(token: Token, counts: Mapping[str, int]) -> int:
    """Offset in the text where the name in ``token`` begins (after its proclitics)."""
    return token.start + _skip(token.text, token.norm, counts)


# (surface, norm) -> characters of the surface form to skip, for one counts table at a time.
_SKIPS: dict[tuple[str, str], int] = {}
_SKIPS_FOR: list[Mapping[str, int]] = []
_SKIPS_MAX = 50_000


def _skip(text: str, norm: str, counts: Mapping[str, int]) -> int:
    if not _SKIPS_FOR or _SKIPS_FOR[0] is not counts or len(_SKIPS) > _SKIPS_MAX:
        _SKIPS.clear()
        _SKIPS_FOR[:] = [counts]
    found = _SKIPS.get((text, norm))
    if found is None:
        n = proclitic_length(norm, counts)
        found = 0
        if n:
            view = normalize(text)
            found = int(view.offsets[n]) if n < len(view.text) else 0
        _SKIPS[(text, norm)] = found
    return found
