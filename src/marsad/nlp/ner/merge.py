"""Merge knowledge-base, model and rule mentions into one non-overlapping set.

Policy (issue 4): the longest, best-supported span wins; the knowledge base wins on the names
it knows; the model and the rules add the names it does not know.

- Candidates with the same span and type pool their support (model + rule agreeing count twice).
- A KB mention is only given up for a longer candidate that contains it *and* adds more than
  adjectives (`حافظ الأسد` over `الأسد`, `ريف دمشق` over `دمشق`; not `حزب الله اللبناني`), and a
  KB group of ordinary people never for a person (`محتجون غاضبون`).
- Otherwise longer spans beat shorter ones, then support, then confidence; crossing spans lose
  to whichever was accepted first.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from operator import attrgetter

from marsad.clean.normalize import normalize_text
from marsad.document import Mention

_START = attrgetter("start")
_ADJECTIVE = re.compile(r"^(?:ال)?\w{2,}(?:ي|يه|يون|يين|ية)$")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    type: str
    origin: str
    confidence: float = 1.0
    ref: str | None = None
    framing: str | None = None
    support: int = 1
    rules: set[str] = field(default_factory=set)
    source: Mention | None = None  # the mention this candidate was read from (kept when unchanged)

    @property
    def length(self) -> int:
        return self.end - self.start

    def contains(self, other: Candidate | Mention) -> bool:
        return self.start <= other.start and other.end <= self.end and self.length > other.end - other.start


def from_mention(m: Mention) -> Candidate:
    return Candidate(m.start, m.end, str(m.type), m.origin, m.confidence, m.ref, m.framing,
                     3 if m.origin == "kb" else 1, set(), m)


def _pool(cands: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per (span): a rule's type beats the model's, support adds up. A candidate alone
    on its span is passed on as it is; those sharing one are pooled into a new candidate (the
    inputs are never changed)."""
    pooled: dict[tuple[int, int], Candidate] = {}
    made: set[int] = set()  # ids of the pooled candidates made here
    for c in cands:
        have = pooled.get((c.start, c.end))
        if have is None:
            pooled[(c.start, c.end)] = c
            continue
        if id(have) not in made:
            have = pooled[(c.start, c.end)] = Candidate(have.start, have.end, have.type, have.origin, have.confidence,
                                                        have.ref, have.framing, have.support, set(have.rules))
            made.add(id(have))
        have.support += c.support
        have.confidence = max(have.confidence, c.confidence)
        have.rules |= c.rules
        if c.origin == "rule" and have.origin == "model":
            have.type, have.origin = c.type, "rule"
    return list(pooled.values())


def _only_adjectives(text: str, outer: Candidate, inner: Candidate | Mention) -> bool:
    extra = f"{text[outer.start:inner.start]} {text[inner.end:outer.end]}"
    words = normalize_text(extra).split()
    return all(_ADJECTIVE.match(w) for w in words)


def _people(m: Candidate | Mention) -> bool:
    """A KB name of a group of ordinary people (`محتجون`, `المدنيين`: the KB types them NORP), which
    no person's name contains (`محتجون غاضبون` is no person)."""
    return getattr(m.type, "value", m.type) == "NORP"


def merge(text: str, kb: Iterable[Candidate | Mention], others: Iterable[Candidate]) -> list[Candidate | Mention]:
    """The merged mentions, in text order. Empty spans name nothing and are dropped. The KB's
    mentions may be given as they are (Mentions): they are kept or dropped, never changed."""
    # Accepted mentions never overlap, so kept in text order they are also in order of their ends:
    # the ones a candidate overlaps are neighbours there, found by bisection (no scan, no per-character table).
    chosen: list[Candidate | Mention] = []
    starts: list[int] = []  # chosen[i].start

    def overlapped(c: Candidate | Mention) -> tuple[int, int]:
        """The range of ``chosen`` that ``c`` overlaps (empty: where it would go)."""
        i = bisect_right(starts, c.start)
        if i and chosen[i - 1].end > c.start:
            i -= 1
        return i, bisect_left(starts, c.end, i)

    def accept(c: Candidate | Mention, i: int, j: int) -> None:
        chosen[i:j] = [c]
        starts[i:j] = [c.start]

    in_order = sorted(kb, key=_START)
    if all(a.end <= b.start for a, b in pairwise(in_order)) and all(c.end > c.start for c in in_order):
        chosen += in_order  # the KB's names do not overlap (the usual case): each is accepted
        starts += [c.start for c in in_order]
    else:  # the longest first
        for c in sorted(in_order, key=lambda c: (c.start - c.end, c.start)):
            if c.end > c.start:
                i, j = overlapped(c)
                if i == j:
                    accept(c, i, j)
    for c in sorted(_pool(others), key=lambda c: (-c.length, -c.support, -c.confidence, c.start)):
        if c.length <= 0:
            continue
        i, j = overlapped(c)
        hit = chosen[i:j]
        if not hit:
            accept(c, i, j)
            continue
        same = [a for a in hit if (a.start, a.end) == (c.start, c.end)]
        if same:  # the KB (or a pooled equal) already has this span: it keeps its ref and type
            if isinstance(same[0], Candidate):
                same[0].support += c.support
            continue
        if all(a.origin == "kb" and c.contains(a) and not _only_adjectives(text, c, a)
               and not (c.type == "PERSON" and _people(a)) for a in hit):
            accept(c, i, j)  # in place of the KB names it contains
    return chosen


def to_mentions(text: str, merged: Iterable[Candidate | Mention]) -> list[Mention]:
    """Mentions numbered m1… in the given order; a mention read in unchanged is kept (renumbered)
    rather than built again (most of a document's mentions are the KB's)."""
    out = []
    for i, c in enumerate(merged, 1):
        confidence = round(min(max(c.confidence, 0.0), 1.0), 3)
        m = c if isinstance(c, Mention) else c.source
        if not (m is not None and m.confidence == confidence and m.text == text[c.start:c.end]
                and (m is c or (m.start == c.start and m.end == c.end and m.type == c.type and m.ref == c.ref
                                and m.origin == c.origin and m.framing == c.framing))):
            # Validated: pydantic-core builds it faster than model_construct's Python-level loop would.
            m = Mention(id=f"m{i}", text=text[c.start:c.end], start=c.start, end=c.end, type=c.type, ref=c.ref,
                        origin=c.origin, confidence=confidence, framing=c.framing)
        elif m.id != f"m{i}":
            m.id = f"m{i}"
        out.append(m)
    return out
