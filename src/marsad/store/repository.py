"""Writing Documents into the corpus: articles with their raw input, layers, entities and events.

``CorpusWriter`` keeps what a run needs to decide quickly (input keys already stored, content
hashes, the near-duplicate index, entity fingerprints) and is rebuilt from the database at the
start of each run and after a rollback, so the database stays the only truth.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.raw import RawArticle
from marsad.nlp.segment import normalized_of
from marsad.store import dedup
from marsad.store import models as m
from marsad.store.dates import date_range
from marsad.store.merge import (
    DEFAULT_WINDOW_DAYS,
    Facts,
    Merger,
    PlaceTree,
    event_row,
    merge_note,
    refresh_event,
)
from marsad.store.search import search_text

NEW, DUPLICATE, QUARANTINED, SKIPPED = "new", "duplicate", "quarantined", "skipped"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def raw_payload(raw: RawArticle) -> tuple[bytes, bool]:
    """The input as received, as bytes, and whether it was text (str) rather than bytes."""
    if isinstance(raw.raw, bytes):
        return raw.raw, False
    return (raw.raw if raw.raw is not None else raw.text).encode("utf-8", "surrogatepass"), True


def input_key(raw: RawArticle) -> str:
    """The identity of an input: its bytes and the metadata given with it."""
    payload, _ = raw_payload(raw)
    h = hashlib.sha256(payload)
    for part in (raw.url, raw.outlet, raw.title, raw.published.isoformat() if raw.published else None):
        h.update(b"\x1f" + (part or "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def quarantine_key(label: str, reason: str, payload: bytes | None) -> str:
    h = hashlib.sha256(f"{label}\x1f{reason}\x1f".encode("utf-8", "surrogatepass"))
    h.update(payload or b"")
    return h.hexdigest()


def recover_input(exc: InputError, max_bytes: int) -> bytes | None:
    """The bytes behind a reader's error, when its label still points at them (a file or a line)."""
    raw = getattr(exc, "raw", None)
    if isinstance(raw, bytes | str):
        return raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    label = exc.source
    try:
        path = Path(label)
        if path.is_file() and path.stat().st_size <= max_bytes:
            return path.read_bytes()
        name, _, line = label.rpartition(":")
        if line.isdigit() and Path(name).is_file():
            with Path(name).open("rb") as handle:
                for number, content in enumerate(handle, start=1):
                    if number == int(line):
                        return content[:max_bytes]
    except OSError:
        return None
    return None


# Per-document views of an entity, not properties of it: how sure this document's linker was, and the
# framings this document used (all framings seen are read from the mentions).
_PER_DOCUMENT = {"confidence", "framings"}


def _fingerprint(data: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in data.items() if k not in _PER_DOCUMENT}, sort_keys=True, ensure_ascii=False)


def layer_names(doc: Document) -> list[str]:
    """Which layers an analysis filled (recorded so a later reanalysis can be compared)."""
    return [name for name, present in (("mentions", doc.mentions), ("actors", doc.actors),
                                       ("places", doc.places), ("events", doc.events),
                                       ("relations", doc.relations)) if present]


@dataclass(frozen=True)
class Prepared:
    """What the store derives from a Document alone (computed where the analysis ran)."""

    search_text: str
    minhash: bytes | None


def prepare(doc: Document) -> Prepared:
    normalized = normalized_of(doc).text
    signature = dedup.signature(normalized)
    return Prepared(search_text(doc.title, normalized), dedup.to_bytes(signature) if signature is not None else None)


@dataclass
class Outcome:
    status: str
    article_id: int | None = None
    detail: str = ""


class CorpusWriter:
    def __init__(self, session: Session, window_days: int = DEFAULT_WINDOW_DAYS, max_bytes: int = 20 << 20):
        self.session = session
        self.window_days = window_days
        self.max_bytes = max_bytes
        self.reload()
        # Corpus events touched in this transaction are recomputed once, just before it commits.
        sa_event.listen(session, "before_commit", lambda _session: self.flush_events())

    def reload(self) -> None:
        s = self.session
        self.input_keys: set[str] = set(s.scalars(select(m.Article.input_key)))
        self.quarantine_keys: set[str] = set(s.scalars(select(m.Quarantine.input_key)))
        self.canonical: dict[str, tuple[int, int | None]] = {
            h: (i, story) for h, i, story in s.execute(
                select(m.Article.content_hash, m.Article.id, m.Article.story_id)
                .where(m.Article.duplicate_of.is_(None)).order_by(m.Article.id.desc()))}
        self.near = dedup.NearDuplicates()
        for i, sig in s.execute(select(m.Article.id, m.Article.minhash)
                                .where(m.Article.minhash.is_not(None), m.Article.duplicate_of.is_(None))):
            self.near.add(i, dedup.from_bytes(sig))
        self.stories: dict[int, int | None] = {}
        self.entities: dict[str, str] = {}
        for model in (m.Actor, m.Person, m.Place):
            for i, data in s.execute(select(model.id, model.data)):
                self.entities[i] = _fingerprint(data)
        self.places = PlaceTree.load(s)
        self.merger = Merger(s, self.places, self.window_days)
        # Ids are given here rather than by the database: plain batched inserts, no RETURNING round trips.
        # One writer per database at a time (which `marsad ingest` is).
        self.next_event = (s.scalar(select(func.max(m.Event.id))) or 0) + 1
        self.next_source = (s.scalar(select(func.max(m.EventSource.id))) or 0) + 1
        self.dirty: set[int] = set()

    def flush_events(self) -> None:
        for event_id in sorted(self.dirty):
            refresh_event(self.session, event_id, self.places)
        self.dirty.clear()

    def seen(self, raw: RawArticle) -> bool:
        return input_key(raw) in self.input_keys

    # -- writing -------------------------------------------------------------------------------

    def quarantine(self, label: str, reason: str, payload: bytes | None) -> Outcome:
        key = quarantine_key(label, reason, payload)
        if key in self.quarantine_keys:
            return Outcome(DUPLICATE, detail=f"{label}: already quarantined")
        self.session.add(m.Quarantine(input_key=key, label=label, reason=reason, raw=payload,
                                      created_at=now()))
        self.session.flush()
        self.quarantine_keys.add(key)
        return Outcome(QUARANTINED, detail=f"{label}: {reason}")

    def quarantine_error(self, exc: InputError, raw: RawArticle | None = None) -> Outcome:
        payload = raw_payload(raw)[0] if raw is not None else recover_input(exc, self.max_bytes)
        return self.quarantine(exc.source, exc.reason, payload)

    def add(self, raw: RawArticle, doc: Document, prepared: Prepared | None = None) -> Outcome:
        """Store one analysed input (the caller commits); duplicates are recorded, not re-stored."""
        key = input_key(raw)
        if key in self.input_keys:
            return Outcome(DUPLICATE, detail=f"{raw.label}: input already stored")
        payload, is_text = raw_payload(raw)
        stamp = now()
        article = m.Article(
            input_key=key, content_hash=doc.id, label=raw.label, path=raw.path, url=doc.source.url,
            outlet=doc.source.outlet, title=doc.title, text=doc.text, published=doc.published,
            language=doc.language, raw=payload, raw_is_text=is_text, raw_html=raw.content_type == "html",
            raw_meta={"url": raw.url, "outlet": raw.outlet, "title": raw.title, "path": raw.path,
                      "published": raw.published.isoformat() if raw.published else None},
            document=doc.model_dump(mode="json"), stages=" ".join(layer_names(doc)),
            search_text="", ingested_at=stamp, analyzed_at=stamp)
        exact = self.canonical.get(doc.id)
        if exact is not None:
            # Same cleaned text as a stored article: one more outlet for it, no second set of layers.
            article.duplicate_of, article.story_id = exact[0], exact[1] or exact[0]
            article.story_similarity = 1.0
            self.session.add(article)
            self.session.flush()
            self.input_keys.add(key)
            return Outcome(DUPLICATE, article.id, f"{raw.label}: same text as article {exact[0]}")
        prepared = prepared or prepare(doc)
        article.search_text, article.minhash = prepared.search_text, prepared.minhash
        signature = dedup.from_bytes(prepared.minhash) if prepared.minhash is not None else None
        self.session.add(article)
        self.session.flush()
        detail = ""
        if signature is not None:
            near = self.near.best_match(signature)
            if near is not None:
                story = self.session.get(m.Article, near[0])
                article.story_id = (story.story_id if story else None) or near[0]
                article.story_similarity = round(near[1], 3)
                detail = f"near-duplicate of article {near[0]} (similarity {near[1]:.2f})"
            self.near.add(article.id, signature)
        if article.story_id is None:
            article.story_id = article.id
        self.write_layers(article, doc)
        self.input_keys.add(key)
        self.canonical[doc.id] = (article.id, article.story_id)
        return Outcome(NEW, article.id, detail)

    def write_layers(self, article: m.Article, doc: Document) -> None:
        aid = article.id
        if doc.mentions:
            self._insert(m.Mention, [
                {"article_id": aid, "mention_id": x.id, "text": x.text, "start": x.start, "end": x.end,
                 "type": str(x.type), "ref": x.ref, "origin": x.origin, "confidence": x.confidence,
                 "framing": x.framing} for x in doc.mentions])
        refs: dict[str, str] = {}
        for actor in doc.actors:
            self._upsert(m.Actor, actor.id, actor.model_dump(mode="json"), name_en=actor.name_en,
                         name_ar=actor.name_ar, kind=actor.kind, inter_code=actor.inter_code,
                         country=actor.country, in_kb=actor.in_kb, wikidata=actor.wikidata)
            refs[actor.id] = "actor"
        for person in doc.people:
            self._upsert(m.Person, person.id, person.model_dump(mode="json"), name_en=person.name_en,
                         name_ar=person.name_ar, in_kb=person.in_kb)
            refs[person.id] = "person"
        for place in doc.places:
            self._upsert(m.Place, place.id, place.model_dump(mode="json"), name_en=place.name_en,
                         name_ar=place.name_ar, kind=place.kind, lat=place.lat, lon=place.lon,
                         governorate=place.governorate, country=place.country, parent=place.parent,
                         in_kb=place.in_kb)
            self.places.set_parent(place.id, place.parent)
            refs[place.id] = "place"
        if refs:
            self._insert(m.ArticleEntity,
                      [{"article_id": aid, "ref": r, "kind": k} for r, k in refs.items()])
        if doc.relations:
            self._insert(m.Relation, [
                {"article_id": aid, "type": str(r.type), "source": r.source, "target": r.target,
                 "start": r.evidence.start, "end": r.evidence.end, "confidence": r.confidence}
                for r in doc.relations])
        if doc.events:
            self._write_events(article, doc)

    def _write_events(self, article: m.Article, doc: Document) -> None:
        """Decide each event's corpus event first, then write events and sources in a few statements."""
        aid = article.id
        pending: list[tuple[Facts, dict[str, Any], tuple[Facts, dict[str, str]] | None]] = []
        for ev in doc.events:
            start, end = date_range(ev.date.value)
            facts = Facts(0, None, aid, ev.plover, ev.acled_event_type, ev.place, start, end, str(ev.status),
                          article.story_id, frozenset(ev.actor1) | frozenset(ev.actor2))
            pending.append((facts, ev.model_dump(mode="json"), self.merger.decide(facts)))
        new_events, rows, event_ids, ids = [], [], [], []
        for facts, data, decision in pending:
            if decision is None:
                event_id, self.next_event = self.next_event, self.next_event + 1
                new_events.append({"id": event_id, **event_row(data, facts, article.outlet)})
            else:
                event_id = decision[0].event_id
                self.dirty.add(event_id)
            event_ids.append(event_id)
            ids.append(self.next_source)
            self.next_source += 1
            rows.append({"id": ids[-1], "event_id": event_id, "article_id": aid, "doc_event_id": data["id"],
                         "plover": facts.plover,
                         "acled_event_type": facts.acled, "place": facts.place, "date_start": facts.start,
                         "date_end": facts.end, "status": facts.status, "data": data, "merge_locked": False,
                         "merge": merge_note(*decision) if decision else None})
        if new_events:
            self._insert(m.Event, new_events)
        self._insert(m.EventSource, rows)
        actor_rows = [{"source_id": sid, "actor_id": a, "side": side}
                      for sid, ev in zip(ids, doc.events, strict=True)
                      for a, side in {(a, 1) for a in ev.actor1} | {(a, 2) for a in ev.actor2}]
        if actor_rows:
            self._insert(m.EventActor, actor_rows)
        for sid, event_id, (facts, _, _decision) in zip(ids, event_ids, pending, strict=True):
            self.merger.remember(replace(facts, id=sid), event_id)

    def _insert(self, model: type[m.Base], rows: list[dict[str, Any]]) -> None:
        """A plain executemany on the table: the ORM's bulk path costs more than the database here."""
        self.session.connection().execute(model.__table__.insert(), rows)

    def _upsert(self, model: type[m.Actor] | type[m.Person] | type[m.Place], ident: str,
                data: dict[str, Any], **columns: Any) -> None:
        fingerprint = _fingerprint(data)
        known = self.entities.get(ident)
        if known == fingerprint:
            return
        if known is None:
            self._insert(model, [{"id": ident, "data": data, **columns}])
        else:
            self.session.execute(update(model).where(model.id == ident).values(data=data, **columns))
        self.entities[ident] = fingerprint

    def clear_layers(self, article_id: int) -> list[int]:
        """Remove an article's layers before re-analysis; returns the events it touched."""
        s = self.session
        events = list(s.scalars(select(m.EventSource.event_id).where(m.EventSource.article_id == article_id)))
        source_ids = select(m.EventSource.id).where(m.EventSource.article_id == article_id)
        s.execute(delete(m.EventActor).where(m.EventActor.source_id.in_(source_ids)))
        s.execute(delete(m.EventSource).where(m.EventSource.article_id == article_id))
        for model in (m.Mention, m.Relation, m.ArticleEntity):
            s.execute(delete(model).where(model.article_id == article_id))
        s.flush()
        return [e for e in dict.fromkeys(events) if e is not None]
