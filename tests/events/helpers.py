"""Build Documents with hand-made links, so the event stage is tested on its own."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from marsad.clean.normalize import normalize
from marsad.document import Actor, Document, Mention, MentionType, Person, Place
from marsad.ingest.readers import from_text
from marsad.nlp.segment import segment
from marsad.pipeline import build_document
from marsad.settings import DEFAULT_SETTINGS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def link_by_surfaces(doc: Document, links: dict[str, Any]) -> Document:
    """Add mentions for every occurrence of each surface (normalised, longest first, clitics allowed)."""
    view = normalize(doc.text)
    taken = [False] * len(view.text)
    mentions: list[Mention] = []
    surfaces = sorted(links.get("surfaces", {}).items(), key=lambda kv: -len(kv[0]))
    for surface, info in surfaces:
        key = normalize(surface).text
        at = view.text.find(key)
        while at >= 0:
            end = at + len(key)
            ws = at
            while ws > 0 and _is_letter(view.text[ws - 1]):
                ws -= 1
            prefix_ok = view.text[ws:at] in {"", "و", "ب", "ل", "ف", "وب", "ول", "لل", "ولل", "بال", "وال", "ال"}
            suffix_ok = end >= len(view.text) or not _is_letter(view.text[end])
            if prefix_ok and suffix_ok and not any(taken[at:end]):
                for i in range(at, end):
                    taken[i] = True
                s, e = view.to_original(at, end)
                mentions.append(Mention(id=f"m{len(mentions)}", text=doc.text[s:e], start=s, end=e,
                                        type=MentionType(info["type"]), ref=info["ref"], origin="kb"))
            at = view.text.find(key, at + 1)
    doc.mentions = sorted(mentions, key=lambda m: m.start)
    refs = {m.ref for m in doc.mentions}
    doc.actors = [Actor(**a) for a in links.get("actors", []) if a["id"] in refs]
    doc.places = [Place(**p) for p in links.get("places", []) if p["id"] in refs or True]
    doc.people = [Person(**p) for p in links.get("people", []) if p["id"] in refs]
    return doc


def make_doc(text: str, links: dict[str, Any] | None = None, published: date | None = None) -> Document:
    raw = from_text(text, "test", DEFAULT_SETTINGS, published=published)
    doc = build_document(raw, DEFAULT_SETTINGS)
    segment(doc, DEFAULT_SETTINGS)
    if links:
        link_by_surfaces(doc, links)
    return doc


def load_links(name: str) -> dict[str, Any]:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
