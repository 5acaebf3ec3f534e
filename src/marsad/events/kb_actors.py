"""Actors the events stage names from the KB where no mention was linked.

Two kinds of words name a KB actor without being a name: a nationality adjective after an event
noun (`غارات جوية روسية`, `قصف تركي`: that state's armed forces carried it out), and a counted or
described group of ordinary people (`12 مدنياً`, `عشرة شبان`, `أطفال`) hit by the event: the
KB's collective actor for civilians.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.clean.normalize import normalize_text
from marsad.document import Document, MentionType
from marsad.kb.load import load_kb
from marsad.link.linker import actor_record

CIVILIANS = "actor:civilians"
PROTESTERS = "actor:protesters"
# The KB's collectives of victims: linked like names, but never the ones who act.
VICTIMS = frozenset({CIVILIANS, "actor:displaced-people", "actor:detainees"})
_CIVILIAN_HEADS = frozenset(normalize_text(w) for w in (
    "مدني", "مدنيا", "مدنيين", "مدنيون", "طفل", "طفلا", "طفلين", "أطفال", "طفلة", "نساء", "امرأة", "سيدة", "فتاة",
    "مواطن", "مواطنا", "مواطنين", "مواطنون", "أهالي", "سكان", "شاب", "شابا", "شابين", "شبان", "رجل", "رجلا", "عائلة",
    "عائلات", "طلاب", "مزارع", "مزارعين", "قرويين", "مصلين", "نازحين", "لاجئين"))
_CLITICS = ("وال", "بال", "لل", "ال", "و", "ب", "ل")
# Words an adjective run may hold before the nationality (`غارات جوية روسية`, `قصف مدفعي تركي عنيف`).
_ADJECTIVE_ENDS = ("ي", "يه", "ه")


# Not frozen, like lexicon.Hit: built often, never changed (hashable as if frozen).
@dataclass(slots=True, unsafe_hash=True)
class KBActor:
    """A KB actor named by a word that is no mention (shaped like a Mention for the argument rules)."""

    id: str
    text: str
    start: int
    end: int
    ref: str
    type: MentionType = MentionType.ARMED_GROUP


@cache
def nationality_forces() -> dict[str, str]:
    """Nationality adjective (normalised, both genders) -> the id of that state's armed forces.

    Read off the KB's two-word forms `الجيش X` / `القوات X` of forces that belong to a state; an
    adjective two forces share is left out (it names neither for sure).
    """
    kb = load_kb()
    found: dict[str, set[str]] = {}
    for rec in kb.actors.values():
        if rec.kind != "state_forces" or not any(
                link.id in kb.actors and kb.actors[link.id].kind == "state" for link in rec.member_of):
            continue
        for form, _ in rec.forms.items():
            words = normalize_text(form).split()
            if len(words) == 2 and words[0] in ("الجيش", "القوات") and words[1].startswith("ال") \
                    and words[1].endswith(("ي", "يه")):
                adjective = words[1][2:]
                masculine = adjective[:-1] if adjective.endswith("يه") else adjective
                for variant in (masculine, masculine + "ه"):
                    found.setdefault(variant, set()).add(f"actor:{rec.id}")
    return {adj: next(iter(ids)) for adj, ids in found.items() if len(ids) == 1}


def nationality_after(text: str, starts: list[int], ends: list[int], first: int, limit: int,
                      definite: bool = False) -> KBActor | None:
    """The forces named by a nationality adjective among the (at most three) adjectives from word ``first``.

    After an indefinite event noun the adjectives are indefinite (`غارات جوية روسية`); after a definite
    description of the agent (`الطائرات الحربية الروسية`) they take the article too.
    """
    table = nationality_forces()
    for i in range(first, min(first + 3, len(starts))):
        if starts[i] >= limit:
            break
        word = text[starts[i]:ends[i]]
        bare = word[2:] if definite and word.startswith("ال") else word
        ref = table.get(bare)
        if ref is not None:
            return KBActor(f"kb:{ref}", word, starts[i], ends[i], ref)
        if not bare.endswith(_ADJECTIVE_ENDS) or bare.startswith("ال"):
            break
    return None


@lru_cache(maxsize=4096)
def civilian_head(text: str) -> bool:
    """``text`` (a description) is headed by a word for ordinary people."""
    words = normalize_text(text).split()
    if not words:
        return False
    head = words[0]
    return head in _CIVILIAN_HEADS or any(
        head.startswith(c) and head[len(c):] in _CIVILIAN_HEADS for c in _CLITICS)


def add_actors(doc: Document, refs: set[str]) -> None:
    """Put the KB records of ``refs`` among the document's actors (those not there yet)."""
    have = {a.id for a in doc.actors}
    kb = load_kb()
    for ref in sorted(refs - have):
        rec = kb.actors.get(ref.split(":", 1)[1])
        if rec is not None:
            doc.actors.append(actor_record(rec, doc.published))
