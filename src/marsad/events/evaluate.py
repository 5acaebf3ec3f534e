"""Evaluation of event extraction: UniversalPetrarch validation XML and marsad's annotated JSON.

UniversalPetrarch (``arabic_assault_gsr_validation.xml``): per sentence, is an event of the gold
PLOVER type found (detection recall), and does the gold source/target actor text overlap the
mentions marsad chose as actor1/actor2 (actor agreement, over sentences with gold actor text).

marsad's annotated JSON (``tests/fixtures/events/annotated.json``): a list of reports
``{"text", "published", "links", "events": [{"plover", "actor1", "place", "status", ...}]}``;
precision, recall and F1 of (PLOVER type, actor1, place) triples, and status accuracy.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from marsad.clean.normalize import normalize, normalize_text
from marsad.document import Actor, Document, Mention, MentionType, Person, Place
from marsad.errors import InputError
from marsad.events.extract import extract_events
from marsad.ingest.readers import from_text
from marsad.nlp.segment import segment
from marsad.pipeline import analyze_text, build_document
from marsad.settings import DEFAULT_SETTINGS, Settings


@dataclass
class PetrarchScore:
    sentences: int = 0
    detected: int = 0
    source_gold: int = 0
    source_agree: int = 0
    target_gold: int = 0
    target_agree: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.detected / self.sentences if self.sentences else 0.0

    @property
    def source_agreement(self) -> float:
        return self.source_agree / self.source_gold if self.source_gold else 0.0

    @property
    def target_agreement(self) -> float:
        return self.target_agree / self.target_gold if self.target_gold else 0.0


def _overlaps(gold: str, texts: list[str]) -> bool:
    """Gold actor text (lemma word bag) shares a word with one of the extracted mentions."""
    gold_words = {w for w in normalize_text(gold).split() if len(w) > 1}
    for text in texts:
        words = set(normalize_text(text).split())
        stems = words | {w[2:] for w in words if w.startswith("ال")} | {w[1:] for w in words if w[:1] in "وبل"}
        if gold_words & stems or any(g[2:] in stems for g in gold_words if g.startswith("ال")):
            return True
    return False


def _argument_texts(doc: Document, event_id: str, role: str) -> list[str]:
    spans = doc._cache.get("event_arguments", {}).get(event_id, {}).get(role, [])
    return [doc.text[s:e] for s, e in spans]


def read_petrarch(path: Path) -> list[dict[str, Any]]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(str(path), f"cannot read UniversalPetrarch validation XML ({exc})") from exc
    out = []
    for s in root.iter("Sentence"):
        text_el = s.find("Text")
        coding = s.find("EventCoding")
        evtext = s.find("EventText")
        if text_el is None or coding is None or not (text_el.text or "").strip():
            continue
        raw_date = s.get("date") or ""
        published = None
        if len(raw_date) == 8 and raw_date.isdigit():
            published = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
        out.append({"id": s.get("id"), "text": text_el.text.strip(), "plover": coding.get("plover"),
                    "source": (evtext.get("sourcetext") if evtext is not None else "") or "",
                    "target": (evtext.get("targettext") if evtext is not None else "") or "",
                    "published": published})
    return out


def evaluate_petrarch(path: Path, settings: Settings = DEFAULT_SETTINGS, limit: int | None = None) -> PetrarchScore:
    score = PetrarchScore()
    for item in read_petrarch(path)[:limit]:
        score.sentences += 1
        try:
            doc = analyze_text(item["text"], settings, label=item["id"] or "sentence", published=item["published"])
        except InputError:
            score.misses.append(item["text"])
            continue
        events = [e for e in doc.events if e.plover == item["plover"]]
        if events:
            score.detected += 1
        else:
            score.misses.append(item["text"])
        for role, gold_key in (("actor1", "source"), ("actor2", "target")):
            gold = item[gold_key].strip()
            if not gold:
                continue
            texts = [t for e in events for t in _argument_texts(doc, e.id, role)]
            if role == "actor1":
                score.source_gold += 1
                score.source_agree += _overlaps(gold, texts)
            else:
                score.target_gold += 1
                score.target_agree += _overlaps(gold, texts)
    return score


@dataclass
class AnnotatedScore:
    reports: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    type_matched: int = 0
    status_right: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


_LINK_PREFIXES = frozenset({"", "و", "ب", "ل", "ف", "وب", "ول", "لل", "ولل", "بال", "وال", "ال"})


def apply_links(doc: Document, links: dict[str, Any]) -> Document:
    """Gold links: a mention for every occurrence of each surface (normalised, longest first, clitics allowed).

    This lets the event stage be scored on its own, apart from the linking stages.
    """
    view = normalize(doc.text)
    text = view.text
    taken = bytearray(len(text))
    mentions: list[Mention] = []
    for surface, info in sorted(links.get("surfaces", {}).items(), key=lambda kv: -len(kv[0])):
        key = normalize_text(surface)
        at = text.find(key)
        while at >= 0:
            end = at + len(key)
            ws = at
            while ws > 0 and text[ws - 1].isalpha():
                ws -= 1
            if text[ws:at] in _LINK_PREFIXES and (end >= len(text) or not text[end].isalpha()) \
                    and not any(taken[at:end]):
                taken[at:end] = b"\x01" * (end - at)
                s, e = view.to_original(at, end)
                mentions.append(Mention(id=f"m{len(mentions)}", text=doc.text[s:e], start=s, end=e,
                                        type=MentionType(info["type"]), ref=info["ref"], origin="kb"))
            at = text.find(key, at + 1)
    doc.mentions = sorted(mentions, key=lambda m: m.start)
    refs = {m.ref for m in doc.mentions}
    doc.actors = [Actor(**a) for a in links.get("actors", []) if a["id"] in refs]
    doc.places = [Place(**p) for p in links.get("places", [])]
    doc.people = [Person(**p) for p in links.get("people", []) if p["id"] in refs]
    return doc


def analyze_with_links(text: str, links: dict[str, Any], published: Any = None,
                       settings: Settings = DEFAULT_SETTINGS) -> Document:
    """clean + segment + gold links + events."""
    doc = build_document(from_text(text, "report", settings, published=published), settings)
    segment(doc, settings)
    apply_links(doc, links)
    extract_events(doc, settings)
    return doc


def _key(plover: str, actor1: list[str], place: str | None) -> tuple[str, frozenset[str], str | None]:
    return plover, frozenset(actor1), place


def evaluate_annotated(path: Path, build: Any = None, min_confidence: float = 0.5,
                       gold_links: bool = True) -> AnnotatedScore:
    """Score marsad's own annotated reports. ``build(report) -> Document`` lets tests supply links."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        reports = data["reports"] if isinstance(data, dict) else data
        links = data.get("links") if isinstance(data, dict) else None
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(str(path), f"cannot read annotated events JSON ({exc})") from exc
    score = AnnotatedScore()
    for report in reports:
        score.reports += 1
        if build is not None:
            doc = build(report)
        elif links is not None and gold_links:
            doc = analyze_with_links(report["text"], links, report.get("published"))
        else:
            doc = analyze_text(report["text"], published=report.get("published"))
        predicted = [e for e in doc.events if e.confidence >= min_confidence]
        score.predicted += len(predicted)
        score.gold += len(report["events"])
        unused = list(predicted)
        for gold in report["events"]:
            want = _key(gold["plover"], gold.get("actor1", []), gold.get("place"))
            hit = next((e for e in unused if _key(e.plover, e.actor1, e.place) == want), None)
            typed = next((e for e in unused if e.plover == gold["plover"]), None)
            if hit is not None:
                score.matched += 1
                unused.remove(hit)
            if typed is not None:
                score.type_matched += 1
                if typed.status.value == gold.get("status", "occurred"):
                    score.status_right += 1
            if hit is None:
                got = [(e.plover, e.actor1, e.place, e.status.value) for e in predicted]
                score.details.append(f"{report.get('id', '?')}: missed {want} got {got}")
    return score
