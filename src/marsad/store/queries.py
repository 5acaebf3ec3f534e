"""Read side of the corpus: filters and payloads shared by the API and the exports.

Payload keys are the Document model's field names (``plover``, ``acled_event_type``, ``actor1``,
``date: {value, precision, text}``…) plus corpus fields (``num_sources``, ``sources``, ``merge``).
Every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from marsad.store import models as m
from marsad.store.merge import PlaceTree
from marsad.store.search import match_condition

EVENT_SORTS = {
    "date": (m.Event.date_start, m.Event.id),
    "sources": (m.Event.num_sources, m.Event.id),
    "confidence": (m.Event.confidence, m.Event.id),
    "fatalities": (m.Event.fatalities, m.Event.id),
    "id": (m.Event.id,),
}


@dataclass
class EventFilter:
    plover: list[str] = field(default_factory=list)
    acled_event_type: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    actor_kind: list[str] = field(default_factory=list)
    place: str | None = None  # a place id: events there or anywhere inside it
    governorate: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    date_from: date | None = None
    date_to: date | None = None
    status: list[str] = field(default_factory=list)
    outlet: list[str] = field(default_factory=list)
    min_sources: int | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, []) for f in fields(self))


def _source_exists(*conditions: Any) -> Any:
    return exists(select(m.EventSource.id).where(m.EventSource.event_id == m.Event.id, *conditions))


def event_conditions(session: Session, f: EventFilter) -> list[Any]:
    where: list[Any] = []
    if f.plover:
        where.append(m.Event.plover.in_(f.plover))
    if f.acled_event_type:
        where.append(m.Event.acled_event_type.in_(f.acled_event_type))
    if f.status:
        where.append(m.Event.status.in_(f.status))
    if f.actor:
        where.append(_source_exists(exists(select(m.EventActor.source_id).where(
            m.EventActor.source_id == m.EventSource.id, m.EventActor.actor_id.in_(f.actor)))))
    if f.actor_kind:
        where.append(_source_exists(exists(select(m.EventActor.source_id)
                                           .join(m.Actor, m.Actor.id == m.EventActor.actor_id)
                                           .where(m.EventActor.source_id == m.EventSource.id,
                                                  m.Actor.kind.in_(f.actor_kind)))))
    if f.outlet:
        where.append(_source_exists(exists(select(m.Article.id).where(
            m.Article.id == m.EventSource.article_id, m.Article.outlet.in_(f.outlet)))))
    if f.place:
        where.append(m.Event.place.in_(sorted(descendants(session, f.place))))
    if f.governorate is not None or f.bbox is not None:
        place_where: list[Any] = [m.Place.id == m.Event.place]
        if f.governorate is not None:
            place_where.append(func.lower(m.Place.governorate) == f.governorate.lower())
        if f.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = f.bbox
            place_where += [m.Place.lon.between(min_lon, max_lon), m.Place.lat.between(min_lat, max_lat)]
        where.append(exists(select(m.Place.id).where(*place_where)))
    if f.date_from is not None:
        where.append(m.Event.date_end >= f.date_from)
    if f.date_to is not None:
        where.append(m.Event.date_start <= f.date_to)
    if f.min_sources is not None:
        where.append(m.Event.num_sources >= f.min_sources)
    return where


def descendants(session: Session, place: str) -> set[str]:
    tree = PlaceTree.load(session)
    return {place} | {p for p in tree.parents if place in tree.ancestors(p)}


def events_select(session: Session, f: EventFilter) -> Select[tuple[m.Event]]:
    return select(m.Event).where(*event_conditions(session, f))


def list_events(session: Session, f: EventFilter, *, sort: str = "-date", limit: int = 50,
                offset: int = 0) -> tuple[int, list[m.Event]]:
    descending = sort.startswith("-")
    columns = EVENT_SORTS[sort.lstrip("-")]
    order = [(c.desc() if descending else c.asc()) for c in columns]
    if columns[0] is not m.Event.id:  # unknown values last either way
        order.insert(0, columns[0].is_(None))
    conditions = event_conditions(session, f)
    total = session.scalar(select(func.count()).select_from(m.Event).where(*conditions)) or 0
    rows = session.scalars(select(m.Event).where(*conditions).order_by(*order).limit(limit).offset(offset)).all()
    return total, list(rows)


def all_events(session: Session, f: EventFilter) -> list[m.Event]:
    return list(session.scalars(events_select(session, f).order_by(m.Event.date_start.is_(None),
                                                                   m.Event.date_start, m.Event.id)))


def _event_actors(session: Session, event_ids: list[int]) -> dict[int, dict[int, list[str]]]:
    """event id -> {1: actor1 ids, 2: actor2 ids}, in first-seen order over its sources."""
    out: dict[int, dict[int, list[str]]] = defaultdict(lambda: {1: [], 2: []})
    if not event_ids:
        return out
    rows = session.execute(select(m.EventSource.event_id, m.EventSource.data)
                           .where(m.EventSource.event_id.in_(event_ids)).order_by(m.EventSource.id))
    for event_id, data in rows:
        for side, key in ((1, "actor1"), (2, "actor2")):
            for actor in data.get(key) or []:
                if actor not in out[event_id][side]:
                    out[event_id][side].append(actor)
    return out


def _event_outlets(session: Session, event_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    if not event_ids:
        return out
    rows = session.execute(select(m.EventSource.event_id, m.Article.outlet)
                           .join(m.Article, m.Article.id == m.EventSource.article_id)
                           .where(m.EventSource.event_id.in_(event_ids)).order_by(m.EventSource.id))
    for event_id, outlet in rows:
        if outlet and outlet not in out[event_id]:
            out[event_id].append(outlet)
    return out


def _place_points(session: Session, place_ids: set[str]) -> dict[str, tuple[float | None, float | None]]:
    if not place_ids:
        return {}
    rows = session.execute(select(m.Place.id, m.Place.lat, m.Place.lon).where(m.Place.id.in_(place_ids)))
    return {pid: (lat, lon) for pid, lat, lon in rows}


def event_payloads(session: Session, events: list[m.Event]) -> list[dict[str, Any]]:
    ids = [e.id for e in events]
    actors, outlets = _event_actors(session, ids), _event_outlets(session, ids)
    points = _place_points(session, {e.place for e in events if e.place})
    return [{
        "id": e.id, "plover": e.plover, "mode": e.mode, "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type, "actor1": actors[e.id][1], "actor2": actors[e.id][2],
        "place": e.place, "place_precision": e.place_precision,
        "lat": points.get(e.place, (None, None))[0], "lon": points.get(e.place, (None, None))[1],
        "date": {"value": e.date_value, "precision": e.date_precision, "text": e.date_text},
        "date_start": e.date_start, "date_end": e.date_end, "status": e.status, "fatalities": e.fatalities,
        "injured": e.injured, "confidence": e.confidence, "summary_en": e.summary_en,
        "num_sources": e.num_sources, "num_articles": e.num_articles, "num_outlets": e.num_outlets,
        "outlets": outlets[e.id],
    } for e in events]


def event_sources(session: Session, event_id: int) -> list[dict[str, Any]]:
    rows = session.execute(select(m.EventSource, m.Article)
                           .join(m.Article, m.Article.id == m.EventSource.article_id)
                           .where(m.EventSource.event_id == event_id).order_by(m.EventSource.id))
    out = []
    for source, article in rows:
        data = source.data
        sentence, trigger = data["sentence"], data["trigger"]
        out.append({
            "source_id": source.id, "article_id": article.id, "event": data,
            "outlet": article.outlet, "url": article.url, "title": article.title, "published": article.published,
            "sentence_text": article.text[sentence["start"]:sentence["end"]],
            "trigger_text": article.text[trigger["start"]:trigger["end"]],
            "evidence_text": [article.text[ev["sentence"]["start"]:ev["sentence"]["end"]]
                              for ev in data.get("evidence") or []],
            "merge": source.merge, "merge_locked": source.merge_locked,
        })
    return out


def entity_lookup(session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
    """Actor, person and place records (as in the Document) for the given ids."""
    out: dict[str, dict[str, Any]] = {}
    wanted = sorted(ids)
    for model in (m.Actor, m.Person, m.Place):
        for ident, data in session.execute(select(model.id, model.data).where(model.id.in_(wanted))):
            out[ident] = data
    return out


# -- articles --------------------------------------------------------------------------------------

@dataclass
class ArticleFilter:
    q: str | None = None
    outlet: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    include_duplicates: bool = False


def list_articles(session: Session, f: ArticleFilter, *, sort: str = "-published", limit: int = 50,
                  offset: int = 0) -> tuple[int, list[m.Article]]:
    where: list[Any] = []
    if f.q:
        where.append(match_condition(session, f.q, m.Article.id))
    if f.outlet:
        where.append(m.Article.outlet.in_(f.outlet))
    if f.date_from:
        where.append(m.Article.published >= f.date_from)
    if f.date_to:
        where.append(m.Article.published <= f.date_to)
    if not f.include_duplicates:
        where.append(m.Article.duplicate_of.is_(None))
    column = {"published": m.Article.published, "id": m.Article.id}[sort.lstrip("-")]
    order = [column.is_(None), column.desc() if sort.startswith("-") else column.asc(), m.Article.id]
    total = session.scalar(select(func.count()).select_from(m.Article).where(*where)) or 0
    columns = [m.Article.id, m.Article.content_hash, m.Article.title, m.Article.outlet, m.Article.url,
               m.Article.published, m.Article.story_id, m.Article.duplicate_of, m.Article.label]
    rows = session.execute(select(*columns).where(*where).order_by(*order).limit(limit).offset(offset)).all()
    return total, list(rows)


def story_members(session: Session, story_id: int) -> list[dict[str, Any]]:
    rows = session.execute(select(m.Article.id, m.Article.outlet, m.Article.url, m.Article.duplicate_of,
                                  m.Article.story_similarity)
                           .where(m.Article.story_id == story_id).order_by(m.Article.id))
    return [{"article_id": i, "outlet": o, "url": u, "duplicate_of": d, "similarity": s} for i, o, u, d, s in rows]


# -- actors and the network ----------------------------------------------------------------------

def actor_detail(session: Session, actor: m.Actor, event_limit: int = 50) -> dict[str, Any]:
    aid = actor.id
    aliases = Counter(dict(session.execute(
        select(m.Mention.text, func.count()).where(m.Mention.ref == aid).group_by(m.Mention.text)).all()))
    framings: dict[tuple[str, str], set[str]] = defaultdict(set)
    for surface, framing, outlet in session.execute(
            select(m.Mention.text, m.Mention.framing, m.Article.outlet)
            .join(m.Article, m.Article.id == m.Mention.article_id)
            .where(m.Mention.ref == aid, m.Mention.framing.is_not(None))):
        framings[(surface, framing)].add(outlet or "")
    for known in actor.data.get("framings") or []:
        framings.setdefault((known["surface"], known["framing"]), set())
    relations = session.execute(select(m.Relation.type, m.Relation.source, m.Relation.target, func.count())
                                .where(or_(m.Relation.source == aid, m.Relation.target == aid))
                                .group_by(m.Relation.type, m.Relation.source, m.Relation.target)).all()
    patrons = dict.fromkeys(actor.data.get("backed_by") or [])
    patrons.update(dict.fromkeys(s for t, s, tg, _ in relations if t == "backs" and tg == aid))
    clients = [tg for t, s, tg, _ in relations if t == "backs" and s == aid]
    people = [{"id": s, "relation": t, "articles": n} for t, s, tg, n in relations
              if tg == aid and t in ("leads", "member_of") and s.startswith("person:")]
    for ident, data in session.execute(select(m.Person.id, m.Person.data)):
        if any(role.get("actor") == aid for role in data.get("roles") or []) and ident not in {
                p["id"] for p in people}:
            people.append({"id": ident, "relation": "role", "articles": 0})
    total, events = list_events(session, EventFilter(actor=[aid]), limit=event_limit)
    sides = _event_actors(session, [e.id for e in events])
    counterparts: Counter[str] = Counter()
    for e in events:
        own = 1 if aid in sides[e.id][1] else 2
        counterparts.update(sides[e.id][3 - own])
    return {
        **actor.data,
        "aliases": [{"text": t, "count": n} for t, n in aliases.most_common()],
        "framings_seen": [{"surface": s, "framing": f, "outlets": sorted(o - {""})}
                          for (s, f), o in sorted(framings.items())],
        "patrons": list(patrons), "clients": clients, "people": people,
        "relations": [{"type": t, "source": s, "target": tg, "articles": n} for t, s, tg, n in relations],
        "num_events": total, "events": event_payloads(session, events),
        "counterparts": [{"id": c, "events": n} for c, n in counterparts.most_common()],
    }


def network(session: Session, f: EventFilter) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The actor graph of the events matching ``f``: event edges (actor1 -> actor2) and relations."""
    weights: Counter[tuple[str, str, str]] = Counter()
    # One query over the indexed actor table: decoding every source's JSON made this the API's
    # slowest call on large corpora.
    # Aliases: the filter's EXISTS subqueries name event_sources / event_actors themselves and must
    # correlate with the event only, not with these joins.
    sides: dict[int, tuple[str, set[str], set[str]]] = {}
    source, actor = aliased(m.EventSource), aliased(m.EventActor)
    rows = session.execute(select(m.Event.id, m.Event.plover, actor.side, actor.actor_id)
                           .join(source, source.event_id == m.Event.id)
                           .join(actor, actor.source_id == source.id)
                           .where(*event_conditions(session, f)))
    for event_id, plover, side, actor in rows:
        entry = sides.setdefault(event_id, (plover, set(), set()))
        entry[side].add(actor)
    for plover, actor1, actor2 in sides.values():
        for a in actor1:
            for b in actor2:
                if a != b:
                    weights[(a, b, f"event:{plover}")] += 1
    relation_query = select(m.Relation.source, m.Relation.target, m.Relation.type, m.Relation.article_id)
    if not f.is_empty():
        articles = select(m.EventSource.article_id).where(
            m.EventSource.event_id.in_(select(m.Event.id).where(*event_conditions(session, f))))
        relation_query = relation_query.where(m.Relation.article_id.in_(articles))
    seen: set[tuple[str, str, str, int]] = set()
    for source, target, rtype, article in session.execute(relation_query):
        if (source, target, rtype, article) not in seen:
            seen.add((source, target, rtype, article))
            weights[(source, target, rtype)] += 1
    ids = {a for a, _, _ in weights} | {b for _, b, _ in weights}
    lookup = entity_lookup(session, ids)
    nodes = []
    for ident in sorted(ids):
        data = lookup.get(ident, {})
        nodes.append({"id": ident, "name_en": data.get("name_en") or ident, "name_ar": data.get("name_ar"),
                      "kind": data.get("kind") or ident.split(":", 1)[0]})
    edges = [{"source": a, "target": b, "type": t, "weight": w} for (a, b, t), w in sorted(weights.items())]
    return nodes, edges


# -- places and statistics -------------------------------------------------------------------------

def place_detail(session: Session, place: m.Place) -> dict[str, Any]:
    inside = descendants(session, place.id)
    children = session.scalars(select(m.Place.id).where(m.Place.parent == place.id).order_by(m.Place.id)).all()
    total, events = list_events(session, EventFilter(place=place.id), limit=50)
    articles = session.scalar(select(func.count(func.distinct(m.ArticleEntity.article_id)))
                              .where(m.ArticleEntity.ref.in_(sorted(inside)))) or 0
    tree = PlaceTree.load(session)
    return {**place.data, "ancestors": tree.ancestors(place.id), "children": list(children),
            "num_articles": articles, "num_events": total, "events": event_payloads(session, events)}


def stats(session: Session) -> dict[str, Any]:
    def grouped(column: Any, *join: Any) -> dict[str, int]:
        query = select(column, func.count()).select_from(m.Event)
        for target, on in join:
            query = query.outerjoin(target, on)
        rows = session.execute(query.group_by(column).order_by(func.count().desc(), column)).all()
        return {str(k) if k is not None else "unknown": n for k, n in rows}

    months: Counter[str] = Counter()
    for start, end in session.execute(select(m.Event.date_start, m.Event.date_end)):
        # An event dated only to a year is not counted in any month.
        key = start.strftime("%Y-%m") if start is not None and (start.year, start.month) == (end.year, end.month) \
            else "unknown"
        months[key] += 1
    count = lambda model, *w: session.scalar(select(func.count()).select_from(model).where(*w)) or 0  # noqa: E731
    return {
        "articles": count(m.Article, m.Article.duplicate_of.is_(None)),
        "duplicates": count(m.Article, m.Article.duplicate_of.is_not(None)),
        "stories": session.scalar(select(func.count(func.distinct(m.Article.story_id)))) or 0,
        "quarantined": count(m.Quarantine),
        "events": count(m.Event), "event_sources": count(m.EventSource),
        "merged_events": count(m.Event, m.Event.num_sources > 1),
        "actors": count(m.Actor), "people": count(m.Person), "places": count(m.Place),
        "by_plover": grouped(m.Event.plover),
        "by_acled_event_type": grouped(m.Event.acled_event_type),
        "by_status": grouped(m.Event.status),
        "by_month": dict(sorted(months.items())),
        "by_governorate": grouped(m.Place.governorate, (m.Place, m.Place.id == m.Event.place)),
        "by_outlet": {k if k is not None else "unknown": n for k, n in session.execute(
            select(m.Article.outlet, func.count()).group_by(m.Article.outlet)
            .order_by(func.count().desc(), m.Article.outlet)).all()},
    }


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """`min_lon,min_lat,max_lon,max_lat` -> numbers, or ValueError saying what is wrong."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 4:
        raise ValueError(f"bbox needs 4 comma-separated numbers min_lon,min_lat,max_lon,max_lat, got {value!r}")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox values must be numbers, got {value!r}") from None
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ValueError("bbox longitudes must be within [-180, 180] and latitudes within [-90, 90]")
    if min_lon > max_lon or min_lat > max_lat:
        raise ValueError("bbox minimum must not exceed maximum (min_lon,min_lat,max_lon,max_lat)")
    return min_lon, min_lat, max_lon, max_lat
