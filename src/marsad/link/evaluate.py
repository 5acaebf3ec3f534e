"""Linking accuracy on a file of surface forms in context (``tests/fixtures/linking``).

Each line: sentence, the surface form as written in it, the expected canonical id, and optionally
the article date. A case is right when the pipeline (segment, gazetteer, link) gives the mention
covering that surface the expected ``ref``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from marsad.document import Document
from marsad.errors import InputError
from marsad.link.gazetteer import gazetteer
from marsad.link.linker import link
from marsad.nlp.segment import segment
from marsad.settings import DEFAULT_SETTINGS


@dataclass(frozen=True)
class Case:
    sentence: str
    surface: str
    expected: str
    published: date | None = None


@dataclass(frozen=True)
class Outcome:
    case: Case
    got: str | None

    @property
    def ok(self) -> bool:
        return self.got == self.case.expected


def read_cases(path: Path) -> list[Case]:
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (3, 4) or parts[1] not in parts[0]:
            raise InputError(f"{path}:{n}", "expected sentence, surface (in the sentence), id [, date]")
        cases.append(Case(parts[0], parts[1], parts[2],
                          date.fromisoformat(parts[3]) if len(parts) == 4 and parts[3] else None))
    return cases


def link_sentence(sentence: str, published: date | None = None) -> Document:
    doc = Document(text=sentence, published=published)
    for stage in (segment, gazetteer, link):
        stage(doc, DEFAULT_SETTINGS)
    return doc


def evaluate(cases: list[Case]) -> list[Outcome]:
    out = []
    for case in cases:
        doc = link_sentence(case.sentence, case.published)
        start = case.sentence.index(case.surface)
        end = start + len(case.surface)
        hits = [m for m in doc.mentions if m.start < end and start < m.end]
        best = max(hits, key=lambda m: min(end, m.end) - max(start, m.start), default=None)
        out.append(Outcome(case, best.ref if best else None))
    return out


def accuracy(outcomes: list[Outcome]) -> float:
    return sum(o.ok for o in outcomes) / len(outcomes) if outcomes else 0.0
