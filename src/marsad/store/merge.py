"""Cross-article event merging: one happening told by several articles becomes one event.

Two event sources from different articles are the same event when their types are compatible
(same PLOVER type or same ACLED event type), their actors overlap, their places are the same or
one contains the other, their dates lie within ``window_days`` of each other, and both are real
(occurred, attempted…) or both unreal (planned, promised…). Within one story (near-duplicate
articles) an unknown date, place or actor does not block a merge; a known conflict still does.
Outside a story, a source with no place, or with no date precise to a day or a week, is never merged:
there is nothing to match on (a month is too coarse: every clash in a governorate that month would fuse).

Every merge is written on the joining source (``EventSource.merge``: which source it matched and
how each field matched), and can be undone with ``split_source``; a split source is locked so
that automatic merging leaves it alone. Candidates are found through indexes (type, date window,
related places, story), so merging stays fast on a large corpus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from marsad.store import models as m
from marsad.store.dates import gap_days

UNREAL = {"planned", "promised", "threatened", "conditional"}
DEFAULT_WINDOW_DAYS = 1


class PlaceTree:
    """Parent links of the stored places, for "the same or nested place"."""

    def __init__(self, parents: dict[str, str | None] | None = None) -> None:
        self.parents: dict[str, str | None] = {}
        self.children: dict[str, set[str]] = defaultdict(set)
        for place, parent in (parents or {}).items():
            self.set_parent(place, parent)

    @classmethod
    def load(cls, session: Session) -> PlaceTree:
        return cls(dict(session.execute(select(m.Place.id, m.Place.parent)).all()))

    def set_parent(self, place: str, parent: str | None) -> None:
        old = self.parents.get(place)
        if old:
            self.children[old].discard(place)
        self.parents[place] = parent
        if parent:
            self.children[parent].add(place)

    def ancestors(self, place: str) -> list[str]:
        out: list[str] = []
        current = self.parents.get(place)
        while current and current not in out and current != place:
            out.append(current)
            current = self.parents.get(current)
        return out

    def descendants(self, place: str) -> set[str]:
        out: set[str] = set()
        stack = [place]
        while stack:
            for child in self.children.get(stack.pop(), ()):
                if child not in out and child != place:
                    out.add(child)
                    stack.append(child)
        return out

    def related(self, place: str) -> set[str]:
        return {place, *self.ancestors(place), *self.descendants(place)}

    def relation(self, a: str, b: str) -> str | None:
        if a == b:
            return f"same place {a}"
        if b in self.ancestors(a):
            return f"{a} is within {b}"
        if a in self.ancestors(b):
            return f"{b} is within {a}"
        return None

    def depth(self, place: str) -> int:
        return len(self.ancestors(place))


@dataclass(frozen=True)
class Facts:
    """What merging compares of one event source."""

    id: int
    event_id: int | None
    article_id: int
    plover: str
    acled: str | None
    place: str | None
    start: date | None
    end: date | None
    status: str
    story: int | None
    actors: frozenset[str]


def precise(f: Facts) -> bool:
    """Dated to a day or a week: a month or a year is too coarse to say two reports are one event."""
    return f.start is not None and f.end is not None and (f.end - f.start).days <= 6


def match(new: Facts, old: Facts, places: PlaceTree, window_days: int) -> dict[str, str] | None:
    """How two sources match field by field, or None when they are different events."""
    if new.article_id == old.article_id:
        return None
    same_story = new.story is not None and new.story == old.story
    matched: dict[str, str] = {}
    if new.acled and old.acled and new.acled == old.acled:
        matched["type"] = f"same ACLED event type {new.acled}"
    elif new.plover == old.plover:
        matched["type"] = f"same PLOVER type {new.plover}"
    else:
        return None
    if (new.status in UNREAL) != (old.status in UNREAL):
        return None
    matched["status"] = f"{new.status} / {old.status}"
    gap = gap_days((new.start, new.end), (old.start, old.end)) if precise(new) and precise(old) else None
    if gap is None:
        if not same_story:
            return None
        matched["date"] = "unknown or coarser than a week in one source; same story"
    elif gap > window_days:
        return None
    else:
        matched["date"] = "overlapping dates" if gap == 0 else f"{gap} day(s) apart (window {window_days})"
    if new.place and old.place:
        how = places.relation(new.place, old.place)
        if how is None:
            return None
        matched["place"] = how
    elif same_story:
        matched["place"] = "unknown in one source; same story"
    else:
        return None
    shared = new.actors & old.actors
    if shared:
        matched["actors"] = "shared " + ", ".join(sorted(shared))
    elif same_story and not (new.actors and old.actors):
        matched["actors"] = "unknown in one source; same story"
    else:
        return None
    if same_story:
        matched["story"] = f"near-duplicate articles (story {new.story})"
    return matched


_FACT_COLUMNS = (m.EventSource.id, m.EventSource.event_id, m.EventSource.article_id, m.EventSource.plover,
                 m.EventSource.acled_event_type, m.EventSource.place, m.EventSource.date_start,
                 m.EventSource.date_end, m.EventSource.status, m.Article.story_id)


def _actors_of(session: Session, source_ids: list[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for chunk in range(0, len(source_ids), 500):
        for sid, actor in session.execute(select(m.EventActor.source_id, m.EventActor.actor_id)
                                          .where(m.EventActor.source_id.in_(source_ids[chunk:chunk + 500]))):
            out[sid].add(actor)
    return out


def _facts(rows: list[Any], actors: dict[int, set[str]]) -> list[Facts]:
    return [Facts(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], frozenset(actors.get(r[0], ())))
            for r in rows]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class MergeIndex:
    """Attached, unlocked sources by story and by (type, place): candidates without a query.

    Rebuilt from the database when a writer starts (and after a rollback), so it only ever
    reflects what is stored.
    """

    def __init__(self) -> None:
        self.by_story: dict[int, list[Facts]] = defaultdict(list)
        self.by_type_place: dict[tuple[str, str], list[Facts]] = defaultdict(list)

    @classmethod
    def load(cls, session: Session) -> MergeIndex:
        index = cls()
        for facts in _source_facts(session, and_(m.EventSource.event_id.is_not(None),
                                                 m.EventSource.merge_locked.is_(False))):
            index.add(facts)
        return index

    @staticmethod
    def _type_keys(f: Facts) -> list[str]:
        return [f"p:{f.plover}"] + ([f"a:{f.acled}"] if f.acled else [])

    def add(self, f: Facts) -> None:
        if f.story is not None:
            self.by_story[f.story].append(f)
        if f.place and precise(f):
            for key in self._type_keys(f):
                self.by_type_place[(key, f.place)].append(f)

    def candidates(self, new: Facts, places: PlaceTree, window_days: int) -> list[Facts]:
        found: dict[int, Facts] = {}
        types = set(self._type_keys(new))
        for f in self.by_story.get(new.story, []) if new.story is not None else []:
            if types & set(self._type_keys(f)):
                found[f.id] = f
        if new.place and precise(new):
            for place in places.related(new.place):
                for key in types:
                    for f in self.by_type_place.get((key, place), []):
                        gap = gap_days((new.start, new.end), (f.start, f.end))
                        if gap is not None and gap <= window_days:
                            found[f.id] = f
        return [found[k] for k in sorted(found) if found[k].article_id != new.article_id]


class Merger:
    """Attaches new event sources to corpus events within one session."""

    def __init__(self, session: Session, places: PlaceTree, window_days: int = DEFAULT_WINDOW_DAYS,
                 index: MergeIndex | None = None) -> None:
        self.session = session
        self.places = places
        self.window = window_days
        self.index = index if index is not None else MergeIndex.load(session)

    def decide(self, new: Facts) -> tuple[Facts, dict[str, str]] | None:
        """The source ``new`` should join (with how it matched), or None for a new event."""
        best: tuple[int, Facts, dict[str, str]] | None = None
        for old in self.index.candidates(new, self.places, self.window):
            how = match(new, old, self.places, self.window)
            if how is None:
                continue
            # Prefer the match with the most fields known on both sides, then the oldest.
            score = sum("unknown" not in v for v in how.values())
            if best is None or score > best[0]:
                best = (score, old, how)
        return None if best is None else (best[1], best[2])

    def remember(self, facts: Facts, event_id: int) -> None:
        self.index.add(replace(facts, event_id=event_id))

    def attach(self, new: Facts, data: dict[str, Any], outlet: str | None, locked: bool = False) -> int:
        """Put a stored, unattached source in the best matching event or in a new one; returns the event id."""
        decision = None if locked else self.decide(new)
        s = self.session
        if decision is None:
            # Explicit ids everywhere (the writer allocates them too): sequences are not used.
            event_id = (s.scalar(select(func.max(m.Event.id))) or 0) + 1
            s.execute(insert(m.Event), [{"id": event_id, **event_row(data, new, outlet)}])
            s.execute(update(m.EventSource).where(m.EventSource.id == new.id).values(event_id=event_id, merge=None))
        else:
            old, how = decision
            assert old.event_id is not None
            event_id = old.event_id
            s.execute(update(m.EventSource).where(m.EventSource.id == new.id).values(
                event_id=event_id, merge=merge_note(old, how)))
            refresh_event(s, event_id, self.places)
        if not locked:
            self.remember(new, event_id)
        return event_id


def merge_note(old: Facts, how: dict[str, str]) -> dict[str, Any]:
    return {"with_source": old.id, "with_article": old.article_id, "matched": how}


def event_row(data: dict[str, Any], facts: Facts, outlet: str | None) -> dict[str, Any]:
    date_info = data.get("date") or {}
    return {
        "plover": data["plover"], "mode": data.get("mode"), "acled_event_type": data.get("acled_event_type"),
        "acled_sub_event_type": data.get("acled_sub_event_type"), "place": data.get("place"),
        "place_precision": data.get("place_precision"), "date_value": date_info.get("value"),
        "date_precision": date_info.get("precision") or "unknown", "date_text": date_info.get("text"),
        "date_start": facts.start, "date_end": facts.end, "status": data["status"],
        "fatalities": data.get("fatalities"), "injured": data.get("injured"),
        "confidence": float(data.get("confidence") or 0), "summary_en": data.get("summary_en") or "",
        "num_sources": 1, "num_articles": 1, "num_outlets": 1 if outlet else 0, "updated_at": _now(),
    }


def _most_common(values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    return Counter(present).most_common(1)[0][0] if present else None


def refresh_event(session: Session, event_id: int, places: PlaceTree) -> None:
    """Recompute a corpus event from its sources (or delete it when none is left)."""
    conn = session.connection()  # Core statements built once: this runs for every merge
    rows = conn.execute(_SOURCES_OF_EVENT, {"event_id": event_id}).all()
    if not rows:
        conn.execute(_DELETE_EVENT, {"event_id": event_id})
        return
    data = [r.data for r in rows]
    placed = [r for r in rows if r.place]
    best_place = max(placed, key=lambda r: places.depth(r.place)) if placed else None  # most specific
    dated = [r for r in rows if r.date_start is not None and r.date_end is not None]
    narrowest = min(dated, key=lambda r: (r.date_end - r.date_start).days) if dated else rows[0]
    date_info = narrowest.data.get("date") or {}
    values = {
        "plover": _most_common([d["plover"] for d in data]),
        "mode": _most_common([d.get("mode") for d in data]),
        "acled_event_type": _most_common([d.get("acled_event_type") for d in data]),
        "acled_sub_event_type": _most_common([d.get("acled_sub_event_type") for d in data]),
        "place": best_place.place if best_place else None,
        "place_precision": best_place.data.get("place_precision") if best_place else None,
        "date_start": narrowest.date_start if dated else None, "date_end": narrowest.date_end if dated else None,
        "date_value": date_info.get("value"), "date_precision": date_info.get("precision") or "unknown",
        "date_text": date_info.get("text"),
        "status": _most_common([d["status"] for d in data]),
        # Like ACLED: when reports disagree, the most conservative fatality figure.
        "fatalities": min((d["fatalities"] for d in data if d.get("fatalities") is not None), default=None),
        "injured": min((d["injured"] for d in data if d.get("injured") is not None), default=None),
        "confidence": max(float(d.get("confidence") or 0) for d in data),
        "summary_en": next((d["summary_en"] for d in data if d.get("summary_en")), ""),
        "num_sources": len(rows), "num_articles": len({r.article_id for r in rows}),
        "num_outlets": len({r.outlet for r in rows if r.outlet}), "updated_at": _now(),
    }
    conn.execute(_UPDATE_EVENT, {"event_id": event_id, **values})


_SOURCES = m.EventSource.__table__
_EVENTS = m.Event.__table__
_SOURCES_OF_EVENT = (
    select(_SOURCES.c.article_id, _SOURCES.c.place, _SOURCES.c.date_start, _SOURCES.c.date_end, _SOURCES.c.data,
           m.Article.__table__.c.outlet)
    .join(m.Article.__table__, m.Article.__table__.c.id == _SOURCES.c.article_id)
    .where(_SOURCES.c.event_id == bindparam("event_id")).order_by(_SOURCES.c.id))
_DELETE_EVENT = delete(_EVENTS).where(_EVENTS.c.id == bindparam("event_id"))
_UPDATE_EVENT = update(_EVENTS).where(_EVENTS.c.id == bindparam("event_id")).values(
    {c.name: bindparam(c.name) for c in _EVENTS.c if c.name != "id"})


def _source_facts(session: Session, where: Any) -> list[Facts]:
    rows = session.execute(select(*_FACT_COLUMNS).join(m.Article, m.Article.id == m.EventSource.article_id)
                           .where(where).order_by(m.EventSource.article_id, m.EventSource.id)).all()
    return _facts(rows, _actors_of(session, [r[0] for r in rows]))


def split_source(session: Session, source_id: int, places: PlaceTree | None = None) -> m.Event:
    """Undo a merge: the source becomes its own event and stays out of automatic merging."""
    places = places or PlaceTree.load(session)
    session.flush()
    row = session.execute(select(m.EventSource.event_id, m.EventSource.data, m.Article.outlet)
                          .join(m.Article, m.Article.id == m.EventSource.article_id)
                          .where(m.EventSource.id == source_id)).one_or_none()
    if row is None:
        raise KeyError(f"no event source {source_id}")
    old_event, data, outlet = row
    session.execute(update(m.EventSource).where(m.EventSource.id == source_id).values(merge_locked=True))
    (facts,) = _source_facts(session, m.EventSource.id == source_id)
    event_id = Merger(session, places, index=MergeIndex()).attach(facts, data, outlet, locked=True)
    if old_event is not None:
        refresh_event(session, old_event, places)
    session.expire_all()
    event = session.get(m.Event, event_id)
    assert event is not None
    return event


def remerge_all(session: Session, window_days: int = DEFAULT_WINDOW_DAYS) -> int:
    """Rebuild every corpus event from the sources (after a reanalysis or a new window)."""
    session.flush()
    places = PlaceTree.load(session)
    # Detach everything, then attach one by one in ingest order: the same result as ingesting anew.
    session.execute(update(m.EventSource).values(event_id=None, merge=None))
    session.execute(delete(m.Event))
    merger = Merger(session, places, window_days, MergeIndex())
    facts = _source_facts(session, m.EventSource.id.is_not(None))
    extra = {sid: (data, locked, outlet) for sid, data, locked, outlet in session.execute(
        select(m.EventSource.id, m.EventSource.data, m.EventSource.merge_locked, m.Article.outlet)
        .join(m.Article, m.Article.id == m.EventSource.article_id))}
    for fact in facts:
        data, locked, outlet = extra[fact.id]
        merger.attach(fact, data, outlet, locked=locked)
    session.expire_all()
    return session.scalar(select(func.count()).select_from(m.Event)) or 0
