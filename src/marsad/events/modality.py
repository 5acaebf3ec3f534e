"""Status and modality: did the event happen, or was it attempted, foiled, promised, threatened,
planned, conditional, denied or only claimed?

Cues come from the lexicon (``cues.yaml``); their scope is measured in words around the trigger
inside its sentence. A promise is not an expulsion; a denied strike is not a strike.
"""

from __future__ import annotations

from marsad.events.context import Context, Sentence
from marsad.events.lexicon import Hit

# Most decisive first: when several cues apply, the first in this order wins.
PRIORITY = ("denied", "failed", "conditional", "threatened", "promised", "planned", "attempted",
            "reported_claim", "occurred")


_INDEX: dict[int, tuple[list[Hit], dict[str, list[Hit]]]] = {}


def _index(hits: list[Hit]) -> dict[str, list[Hit]]:
    """Status cues among a sentence's hits, by kind (indexed once per hit list)."""
    cached = _INDEX.get(id(hits))
    if cached is None or cached[0] is not hits:
        index: dict[str, list[Hit]] = {}
        for h in hits:
            for p in h.payloads:
                if p.kind == "status":
                    index.setdefault(p.label, []).append(h)
        if len(_INDEX) > 256:
            _INDEX.clear()
        cached = _INDEX[id(hits)] = (hits, index)
    return cached[1]


def status_of(ctx: Context, sentence: Sentence, trigger: Hit, sentence_hits: list[Hit]) -> tuple[str, bool]:
    """(status, negated) of the event whose main trigger is ``trigger``."""
    cues = _index(sentence_hits)
    pos = next(p.pos for p in trigger.payloads if p.kind == "trigger")
    future_prefix = pos == "verb" and "س" in trigger.prefix and ctx.text[trigger.key_start] in "يتنا"
    if not cues:  # the usual case: no status cue in the sentence, only the verb's own future prefix
        return ("planned" if future_prefix else "occurred"), False
    clause = sentence.clause_of(trigger.start)
    found: set[str] = set()
    negated = False

    def before(kind: str, max_words: int, *, in_clause: bool = True) -> bool:
        if kind not in cues:
            return False
        lo = clause[0] if in_clause else sentence.start
        return any(lo <= h.start < trigger.start and ctx.words_between(h.end, trigger.start) <= max_words
                   for h in cues[kind])

    def after(kind: str, max_words: int) -> bool:
        if kind not in cues:
            return False
        return any(trigger.end <= h.start < sentence.end and ctx.words_between(trigger.end, h.start) <= max_words
                   for h in cues[kind])

    if before("deny", 40, in_clause=False):
        found.add("denied")
    if before("negation", 1):
        negated = True
    attempt = before("attempt", 3, in_clause=False)
    if before("fail", 5) or (attempt and after("fail", 25)):
        found.add("failed")
    elif attempt:
        found.add("attempted")
    if after("condition", 15) or before("condition", 8):
        found.add("conditional")
    # `وعد مسؤول في الحكومة اليوم الثلاثاء بالإفراج`: the speaker and a time phrase come between a
    # promise or threat and the masdar it governs with `ب`; within the clause that reach is longer.
    governed = "ب" in trigger.prefix
    if before("threaten", 4, in_clause=False) or (governed and before("threaten", 10)):
        found.add("threatened")
    if before("promise", 4, in_clause=False) or (governed and before("promise", 10)):
        found.add("promised")
    if before("plan", 4) or future_prefix or after("plan", 2):
        found.add("planned")
    if after("not_now", 15) and "promised" not in found:
        found.add("planned")
    if before("claim", 6, in_clause=False) or after("claim", 3):
        found.add("reported_claim")
    if negated and not found:
        found.add("denied")
    status = next((s for s in PRIORITY if s in found), "occurred")
    return status, negated
