"""Write endpoints: ingest over HTTP, merge two corpus events, split a source off its event.

Mounted only when an API token is configured (``marsad.api.security``), and every route depends on
``require_token``. Writes go through the store's own functions (CorpusWriter, Merger, split_source)
in one transaction per request, serialised in this process: SQLite has one writer anyway.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from marsad.api.security import require_token
from marsad.errors import InputError
from marsad.ingest.readers import from_text
from marsad.pipeline import analyze
from marsad.settings import Settings
from marsad.store import models as m
from marsad.store.merge import PlaceTree, refresh_event, split_source
from marsad.store.repository import DUPLICATE, CorpusWriter, Outcome

MAX_ARTICLES = 100
ID_MAX = 2**31 - 1
_lock = threading.Lock()

router = APIRouter(tags=["write (token required)"], dependencies=[Depends(require_token)])


class IngestRecord(BaseModel):
    text: str | None = Field(None, description="the article as plain text")
    html: str | None = Field(None, description="or the page as HTML")
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=2000)
    published: date | None = None

    @model_validator(mode="after")
    def one_body(self) -> IngestRecord:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" and "html"')
        return self


class IngestRequest(BaseModel):
    articles: list[IngestRecord] = Field(min_length=1, max_length=MAX_ARTICLES)


class IngestResult(BaseModel):
    status: str
    article_id: int | None = None
    detail: str = ""


class IngestResponse(BaseModel):
    results: list[IngestResult]


class MergeRequest(BaseModel):
    into: int = Field(ge=1, le=ID_MAX, description="the event that keeps the sources")


def write_sessions(request: Request) -> sessionmaker[Session]:
    state = request.app.state
    if state.write_sessions is None:
        from marsad.store.db import open_store

        state.write_sessions = open_store(state.write_db)
    return state.write_sessions


def _ingest_one(writer: CorpusWriter, record: IngestRecord, label: str, settings: Settings) -> Outcome:
    body = record.text if record.text is not None else record.html
    assert body is not None
    try:
        raw = from_text(body, label, settings, html=record.html is not None or None, url=record.url,
                        outlet=record.outlet, title=record.title, published=record.published)
    except InputError as exc:
        return writer.quarantine(exc.source, exc.reason, body.encode("utf-8", "surrogatepass"))
    if writer.seen(raw):
        return Outcome(DUPLICATE, detail=f"{label}: input already stored")
    try:
        doc = analyze(raw, settings)
    except InputError as exc:
        return writer.quarantine_error(exc, raw)
    return writer.add(raw, doc)


@router.post("/ingest", response_model=IngestResponse)
def ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
    """Analyse and store articles (idempotent: an input already stored is reported as a duplicate)."""
    settings = Settings()
    client = request.client.host if request.client else "unknown"
    with _lock, write_sessions(request)() as session:
        writer = CorpusWriter(session, max_bytes=settings.max_bytes)
        results = []
        for n, record in enumerate(body.articles, start=1):
            outcome = _ingest_one(writer, record, f"POST /ingest from {client} #{n}", settings)
            results.append({"status": outcome.status, "article_id": outcome.article_id, "detail": outcome.detail})
        session.commit()
    return {"results": results}


@router.post("/events/{event_id}/merge")
def merge(request: Request, event_id: Annotated[int, PathParam(ge=1, le=ID_MAX)], body: MergeRequest) -> dict[str, Any]:
    """Move every source of this event into event ``into`` (by hand: the sources are locked, and the merge says so)."""
    if body.into == event_id:
        raise HTTPException(422, detail="an event cannot be merged into itself")
    with _lock, write_sessions(request)() as session:
        target = session.get(m.Event, body.into)
        if session.get(m.Event, event_id) is None or target is None:
            raise HTTPException(404, detail=f"no event {event_id if target else body.into}")
        sources = list(session.scalars(select(m.EventSource).where(m.EventSource.event_id == event_id)))
        anchor = session.scalars(select(m.EventSource).where(m.EventSource.event_id == body.into)
                                 .order_by(m.EventSource.id)).first()
        for source in sources:
            source.event_id, source.merge_locked = body.into, True
            source.merge = {"with_source": anchor.id if anchor else source.id,
                            "with_article": anchor.article_id if anchor else source.article_id,
                            "matched": {"manual": f"merged by hand from event {event_id}"}}
        session.flush()
        places = PlaceTree.load(session)
        refresh_event(session, event_id, places)  # no source left: deleted
        refresh_event(session, body.into, places)
        session.commit()
    return {"event_id": body.into, "moved_sources": [s.id for s in sources]}


@router.post("/event-sources/{source_id}/split")
def split(request: Request, source_id: Annotated[int, PathParam(ge=1, le=ID_MAX)]) -> dict[str, Any]:
    """Undo a merge: the source becomes an event of its own and automatic merging leaves it alone."""
    with _lock, write_sessions(request)() as session:
        source = session.get(m.EventSource, source_id)
        if source is None or source.event_id is None:
            raise HTTPException(404, detail=f"no event source {source_id}")
        event = split_source(session, source_id)
        session.commit()
        return {"event_id": event.id, "source_id": source_id}
