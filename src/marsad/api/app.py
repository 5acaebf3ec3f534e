"""The marsad HTTP API (FastAPI), started by `marsad serve`.

Decisions the dashboard and other clients can rely on (kept stable; the OpenAPI schema at
``/openapi.json`` and the docs at ``/docs`` describe every field):

- Paths are exactly ``/articles``, ``/articles/{id}``, ``/events``, ``/events/{id}``, ``/actors``,
  ``/actors/{id}``, ``/network``, ``/places/{id}``, ``/stats`` at the root: no ``/api`` prefix.
- The dashboard is served as static files from ``src/marsad/web/dist/`` at ``/ui/`` when that
  directory exists; ``/`` redirects to ``/ui/`` then, else to ``/docs``.
- List endpoints return ``{"total", "limit", "offset", "items"}``; ``limit`` is 1..500 (default 50).
- Field names are the Document model's (``plover``, ``acled_event_type``, ``actor1``, ``date``…);
  article ids and event ids are this corpus's integers, actor/person/place ids the canonical strings
  (``actor:ndf``, ``place:geonames:170063``).
- Bad parameters give 422 with ``{"detail": [{"loc", "msg", "type"}]}``; unknown ids give 404.
- Read-only: no endpoint writes, and the database connection itself is opened read-only.
  It binds 127.0.0.1 by default; CORS is closed unless origins are given (`--cors-origin`).
"""

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from marsad.api import schemas as s
from marsad.document import EventStatus
from marsad.store import models as m
from marsad.store import queries as q
from marsad.store.db import open_store

WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
MAX_LIMIT = 500
MAX_INT = 2**31 - 1  # ids and offsets beyond a 32-bit integer overflow the database: 422, not 500


class EventSort(StrEnum):
    date = "date"
    date_desc = "-date"
    sources = "sources"
    sources_desc = "-sources"
    confidence = "confidence"
    confidence_desc = "-confidence"
    fatalities = "fatalities"
    fatalities_desc = "-fatalities"
    id = "id"
    id_desc = "-id"


class ArticleSort(StrEnum):
    published = "published"
    published_desc = "-published"
    id = "id"
    id_desc = "-id"


def invalid(param: str, message: str) -> HTTPException:
    return HTTPException(422, detail=[{"loc": ["query", param], "msg": message, "type": "value_error"}])


def check_range(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise invalid("date_from", f"date_from {date_from} is after date_to {date_to}")


def session(request: Request):
    with request.app.state.sessions() as sess:
        yield sess

DB = Annotated[Session, Depends(session)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="items to skip")]

def event_filter(
    plover: Annotated[list[str], Query(description="PLOVER event types (repeatable)")] = [],  # noqa: B006
    acled_event_type: Annotated[list[str], Query(description="ACLED event types")] = [],  # noqa: B006
    actor: Annotated[list[str], Query(description="actor ids, e.g. actor:ndf (any side)")] = [],  # noqa: B006
    actor_kind: Annotated[list[str], Query(description="actor kinds, e.g. militia")] = [],  # noqa: B006
    place: Annotated[str | None, Query(description="a place id: events there or inside it")] = None,
    governorate: Annotated[str | None, Query(description="governorate name, e.g. Aleppo")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat",
                                      examples=["36.5,35.5,38.5,37.0"])] = None,
    date_from: Annotated[date | None, Query(description="events ending on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="events starting on or before (YYYY-MM-DD)")] = None,
    status: Annotated[list[EventStatus], Query(description="event statuses")] = [],  # noqa: B006
    outlet: Annotated[list[str], Query(description="reported by any of these outlets")] = [],  # noqa: B006
    min_sources: Annotated[int | None, Query(ge=1, le=MAX_INT, description="at least this many sources")] = None,
) -> q.EventFilter:
    check_range(date_from, date_to)
    box = None
    if bbox is not None:
        try:
            box = q.parse_bbox(bbox)
        except ValueError as exc:
            raise invalid("bbox", str(exc)) from None
    return q.EventFilter(plover=plover, acled_event_type=acled_event_type, actor=actor, actor_kind=actor_kind,
                         place=place, governorate=governorate, bbox=box, date_from=date_from, date_to=date_to,
                         status=[str(x) for x in status], outlet=outlet, min_sources=min_sources)

Filter = Annotated[q.EventFilter, Depends(event_filter)]


def create_app(db: str | None = None, *, sessions: sessionmaker[Session] | None = None,
               cors_origins: list[str] | None = None) -> FastAPI:
    app = FastAPI(title="marsad", version="1", summary="Arabic conflict news as structured, evidence-linked data",
                  description=__doc__)
    app.state.sessions = sessions or open_store(db, read_only=True)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"], allow_headers=["*"])

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/" if WEB_DIST.is_dir() else "/docs")

    @app.get("/articles", response_model=s.ArticlePage, tags=["articles"])
    def articles(
        db: DB, limit: Limit = 50, offset: Offset = 0,
        q_: Annotated[str | None, Query(alias="q", max_length=500,
                                        description="full-text search (hamza, taa marbuta, diacritics and "
                                                    "clitics do not matter); every word must occur")] = None,
        outlet: Annotated[list[str], Query(description="outlets (repeatable)")] = [],  # noqa: B006
        date_from: Annotated[date | None, Query(description="published on or after")] = None,
        date_to: Annotated[date | None, Query(description="published on or before")] = None,
        include_duplicates: Annotated[bool, Query(description="also list exact duplicates")] = False,
        sort: ArticleSort = ArticleSort.published_desc,
    ) -> dict[str, Any]:
        check_range(date_from, date_to)
        total, rows = q.list_articles(db, q.ArticleFilter(q=q_, outlet=outlet, date_from=date_from, date_to=date_to,
                                                          include_duplicates=include_duplicates),
                                      sort=sort.value, limit=limit, offset=offset)
        items = [{"id": r.id, "doc_id": r.content_hash, "title": r.title, "outlet": r.outlet, "url": r.url,
                  "published": r.published, "story_id": r.story_id, "duplicate_of": r.duplicate_of,
                  "label": r.label} for r in rows]
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/articles/{article_id}", response_model=s.ArticleOut, tags=["articles"])
    def article(db: DB, article_id: Annotated[int, PathParam(ge=1, le=MAX_INT)]) -> dict[str, Any]:
        row = db.get(m.Article, article_id)
        if row is None:
            raise HTTPException(404, detail=f"no article {article_id}")
        return {"article_id": row.id, "story_id": row.story_id, "duplicate_of": row.duplicate_of,
                "story": q.story_members(db, row.story_id) if row.story_id else [], "document": row.document}

    @app.get("/events", response_model=s.EventPage, tags=["events"])
    def events(db: DB, f: Filter, limit: Limit = 50, offset: Offset = 0,
               sort: EventSort = EventSort.date_desc) -> dict[str, Any]:
        total, rows = q.list_events(db, f, sort=sort.value, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": q.event_payloads(db, rows)}

    @app.get("/events/{event_id}", response_model=s.EventDetail, tags=["events"])
    def event(db: DB, event_id: Annotated[int, PathParam(ge=1, le=MAX_INT)]) -> dict[str, Any]:
        row = db.get(m.Event, event_id)
        if row is None:
            raise HTTPException(404, detail=f"no event {event_id}")
        payload = q.event_payloads(db, [row])[0]
        ids = set(payload["actor1"]) | set(payload["actor2"]) | ({row.place} if row.place else set())
        return {**payload, "sources": q.event_sources(db, event_id), "entities": q.entity_lookup(db, ids)}

    @app.get("/actors", response_model=s.ActorPage, tags=["actors"])
    def actors(db: DB, limit: Limit = 50, offset: Offset = 0,
               kind: Annotated[list[str], Query(description="actor kinds")] = [],  # noqa: B006
               q_: Annotated[str | None, Query(alias="q", max_length=200,
                                               description="part of the English or Arabic name")] = None,
               ) -> dict[str, Any]:
        events_per_actor = (select(m.EventActor.actor_id, func.count(func.distinct(m.EventSource.event_id))
                                   .label("n"))
                            .join(m.EventSource, m.EventSource.id == m.EventActor.source_id)
                            .group_by(m.EventActor.actor_id).subquery())
        where: list[Any] = []
        if kind:
            where.append(m.Actor.kind.in_(kind))
        if q_:
            where.append(or_(m.Actor.name_en.ilike(f"%{q_}%"), m.Actor.name_ar.contains(q_)))
        total = db.scalar(select(func.count()).select_from(m.Actor).where(*where)) or 0
        n = func.coalesce(events_per_actor.c.n, 0)
        rows = db.execute(select(m.Actor, n).outerjoin(events_per_actor, events_per_actor.c.actor_id == m.Actor.id)
                          .where(*where).order_by(n.desc(), m.Actor.id).limit(limit).offset(offset)).all()
        items = [{"id": a.id, "name_en": a.name_en, "name_ar": a.name_ar, "kind": a.kind, "inter_code": a.inter_code,
                  "country": a.country, "in_kb": a.in_kb, "num_events": count} for a, count in rows]
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/actors/{actor_id}", response_model=s.ActorDetail, tags=["actors"])
    def actor(db: DB, actor_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        row = db.get(m.Actor, actor_id)
        if row is None:
            raise HTTPException(404, detail=f"no actor {actor_id}")
        return q.actor_detail(db, row)

    @app.get("/network", response_model=s.Network, tags=["actors"])
    def network(db: DB, f: Filter) -> dict[str, Any]:
        nodes, edges = q.network(db, f)
        return {"nodes": nodes, "edges": edges}

    @app.get("/places/{place_id}", response_model=s.PlaceDetail, tags=["places"])
    def place(db: DB, place_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        row = db.get(m.Place, place_id)
        if row is None:
            raise HTTPException(404, detail=f"no place {place_id}")
        return q.place_detail(db, row)

    @app.get("/stats", response_model=s.Stats, tags=["stats"])
    def stats(db: DB) -> dict[str, Any]:
        return q.stats(db)

    from marsad.api.security import install  # token-guarded writes, limits, safe errors (docs/security.md)

    install(app, db=db, sessions=sessions, cors_origins=cors_origins)
    if WEB_DIST.is_dir():
        app.mount("/ui", StaticFiles(directory=WEB_DIST, html=True), name="ui")
    return app


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000,
          cors_origins: list[str] | None = None) -> None:
    import uvicorn

    uvicorn.run(create_app(db, cors_origins=cors_origins), host=host, port=port, log_level="info")
