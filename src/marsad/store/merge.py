"""Cross-article event merging: one happening told by several articles becomes one event.

Two event sources from different articles are the same event when their types are compatible
(same PLOVER type or same ACLED event type), their actors overlap, their places are the same or
one contains the other, their dates lie within ``window_days`` of each other, and both are real
(occurred, attempted…) or both unreal (planned, promised…). Within one story (near-duplicate
articles) an unknown date, place or actor does not block a merge; a known conflict still does.

Every merge is written on the joining source (``EventSource.merge``: which source it matched and
how each field matched), and can be undone with ``split_source``; a split source is locked so
that automatic merging leaves it alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from marsad.store import models as m
from marsad.store.dates import gap_days

UNREAL = {"planned", "promised", "threatened", "conditional"}
DEFAULT_WINDOW_DAYS = 1


class PlaceTree:
    """Parent links of the stored places, for "the same or nested place"."""

    def __init__(self, parents: dict[str, str | None] | None = None) -> None:
        self.parents: dict[str, str | None] = dict(parents or {})

    @classmethod
    def load(cls, session: Session) -> PlaceTree:
        return cls(dict(session.execute(select(m.Place.id, m.Place.parent)).all()))

    def ancestors(self, place: str) -> list[str]:
        out: list[str] = []
        current = self.parents.get(place)
        while current and current not in out and current != place:
            out.append(current)
            current = self.parents.get(current)
        return out

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


def _actors(source: m.EventSource) -> set[str]:
    data = source.data
    return set(data.get("actor1") or []) | set(data.get("actor2") or [])


def match(new: m.EventSource, old: m.EventSource, new_story: int | None, old_story: int | None,
          places: PlaceTree, window_days: int) -> dict[str, str] | None:
    """How two sources match field by field, or None when they are different events."""
    if new.article_id == old.article_id:
        return None
    same_story = new_story is not None and new_story == old_story
    matched: dict[str, str] = {}
    if new.acled_event_type and old.acled_event_type and new.acled_event_type == old.acled_event_type:
        matched["type"] = f"same ACLED event type {new.acled_event_type}"
    elif new.plover == old.plover:
        matched["type"] = f"same PLOVER type {new.plover}"
    else:
        return None
    if (new.status in UNREAL) != (old.status in UNREAL):
        return None
    matched["status"] = f"{new.status} / {old.status}"
    gap = gap_days((new.date_start, new.date_end), (old.date_start, old.date_end))
    if gap is None:
        if not same_story:
            return None
        matched["date"] = "unknown in one source; same story"
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
    shared = _actors(new) & _actors(old)
    if shared:
        matched["actors"] = "shared " + ", ".join(sorted(shared))
    elif same_story and not (_actors(new) and _actors(old)):
        matched["actors"] = "unknown in one source; same story"
    else:
        return None
    if same_story:
        matched["story"] = f"near-duplicate articles (story {new_story})"
    return matched


class Merger:
    """Attaches new event sources to corpus events within one session."""

    def __init__(self, session: Session, places: PlaceTree, window_days: int = DEFAULT_WINDOW_DAYS) -> None:
        self.session = session
        self.places = places
        self.window = window_days

    def _candidates(self, source: m.EventSource) -> list[tuple[m.EventSource, int | None]]:
        type_match = m.EventSource.plover == source.plover
        if source.acled_event_type:
            type_match = or_(type_match, m.EventSource.acled_event_type == source.acled_event_type)
        query = (select(m.EventSource, m.Article.story_id)
                 .join(m.Article, m.Article.id == m.EventSource.article_id)
                 .where(type_match, m.EventSource.article_id != source.article_id,
                        m.EventSource.id != source.id, m.EventSource.event_id.is_not(None),
                        m.EventSource.merge_locked.is_(False)))
        if source.date_start is not None and source.date_end is not None:
            window = timedelta(days=self.window)
            query = query.where(or_(
                m.EventSource.date_start.is_(None),
                (m.EventSource.date_start <= source.date_end + window)
                & (m.EventSource.date_end >= source.date_start - window)))
        return list(self.session.execute(query.order_by(m.EventSource.id)))

    def attach(self, source: m.EventSource, story: int | None) -> m.Event:
        """Put ``source`` in the best matching event, or in a new one; returns the event."""
        best: tuple[int, m.EventSource, dict[str, str]] | None = None
        if not source.merge_locked:
            for other, other_story in self._candidates(source):
                how = match(source, other, story, other_story, self.places, self.window)
                if how is None:
                    continue
                # Prefer the match with the most fields known on both sides, then the oldest.
                score = sum("unknown" not in v for v in how.values())
                if best is None or score > best[0]:
                    best = (score, other, how)
        if best is None:
            event = m.Event(plover=source.plover, date_precision="unknown", status=source.status,
                            confidence=0.0, summary_en="", num_sources=0, num_articles=0, num_outlets=0,
                            updated_at=_now())
            self.session.add(event)
            self.session.flush()
            source.event_id, source.merge = event.id, None
        else:
            _, other, how = best
            source.event_id = other.event_id
            source.merge = {"with_source": other.id, "with_article": other.article_id, "matched": how}
        self.session.flush()
        return refresh_event(self.session, source.event_id, self.places)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _most_common(values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    return Counter(present).most_common(1)[0][0] if present else None


def refresh_event(session: Session, event_id: int, places: PlaceTree) -> m.Event:
    """Recompute a corpus event from its sources (or delete it when none is left)."""
    event = session.get(m.Event, event_id)
    assert event is not None
    rows = session.execute(select(m.EventSource, m.Article.outlet)
                           .join(m.Article, m.Article.id == m.EventSource.article_id)
                           .where(m.EventSource.event_id == event_id)
                           .order_by(m.EventSource.id)).all()
    if not rows:
        session.delete(event)
        session.flush()
        return event
    sources = [s for s, _ in rows]
    data = [s.data for s in sources]
    event.plover = _most_common([d["plover"] for d in data])
    event.mode = _most_common([d.get("mode") for d in data])
    event.acled_event_type = _most_common([d.get("acled_event_type") for d in data])
    event.acled_sub_event_type = _most_common([d.get("acled_sub_event_type") for d in data])
    placed = [s.place for s in sources if s.place]
    event.place = max(placed, key=places.depth) if placed else None  # the most specific place
    event.place_precision = next((d.get("place_precision") for s, d in zip(sources, data, strict=True)
                                  if s.place == event.place), None)
    dated = [(s, d) for s, d in zip(sources, data, strict=True) if s.date_start is not None]
    if dated:  # the narrowest date any source gives
        s, d = min(dated, key=lambda sd: ((sd[0].date_end - sd[0].date_start).days, sd[0].id))
        event.date_start, event.date_end = s.date_start, s.date_end
    else:
        d = data[0]
        event.date_start = event.date_end = None
    date = d.get("date") or {}
    event.date_value, event.date_precision = date.get("value"), date.get("precision") or "unknown"
    event.date_text = date.get("text")
    event.status = _most_common([d["status"] for d in data])
    # Like ACLED: when reports disagree, the most conservative fatality figure.
    event.fatalities = min((d["fatalities"] for d in data if d.get("fatalities") is not None), default=None)
    event.injured = min((d["injured"] for d in data if d.get("injured") is not None), default=None)
    event.confidence = max(float(d.get("confidence") or 0) for d in data)
    event.summary_en = next((d["summary_en"] for d in data if d.get("summary_en")), "")
    event.num_sources = len(sources)
    event.num_articles = len({s.article_id for s in sources})
    event.num_outlets = len({o for _, o in rows if o}) or 0
    event.updated_at = _now()
    session.flush()
    return event


def split_source(session: Session, source_id: int, places: PlaceTree | None = None) -> m.Event:
    """Undo a merge: the source becomes its own event and stays out of automatic merging."""
    places = places or PlaceTree.load(session)
    source = session.get(m.EventSource, source_id)
    if source is None:
        raise KeyError(f"no event source {source_id}")
    old_event = source.event_id
    assert old_event is not None
    source.merge_locked = True
    event = m.Event(plover=source.plover, date_precision="unknown", status=source.status, confidence=0.0,
                    summary_en="", num_sources=0, num_articles=0, num_outlets=0, updated_at=_now())
    session.add(event)
    session.flush()
    source.event_id, source.merge = event.id, None
    session.flush()
    refresh_event(session, old_event, places)
    return refresh_event(session, event.id, places)


def remerge_all(session: Session, window_days: int = DEFAULT_WINDOW_DAYS) -> int:
    """Rebuild every corpus event from the sources (after a reanalysis or a new window)."""
    places = PlaceTree.load(session)
    sources = session.execute(select(m.EventSource.id, m.Article.story_id)
                              .join(m.Article, m.Article.id == m.EventSource.article_id)
                              .order_by(m.EventSource.article_id, m.EventSource.id)).all()
    # Detach everything, then attach one by one in ingest order: the same result as ingesting anew.
    session.execute(update(m.EventSource).values(event_id=None, merge=None))
    session.execute(delete(m.Event))
    session.flush()
    merger = Merger(session, places, window_days)
    for sid, story in sources:
        source = session.get(m.EventSource, sid)
        assert source is not None
        merger.attach(source, story)
    return session.scalar(select(func.count()).select_from(m.Event)) or 0
