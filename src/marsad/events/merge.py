"""Within-article merging: the same event told twice (headline and body, summary and detail) is one
event with both evidence spans. Events are merged as plain drafts; the Event models are built once, after.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.document import Attribution, Event


@dataclass(slots=True)
class Draft:
    """A coded event before merging: plain values (original offsets); the Event is built once, after merging."""

    n: int
    plover: str
    mode: str | None
    acled: tuple[str | None, str | None]
    actor1: list[str]
    actor2: list[str]
    place: str | None
    place_precision: str | None
    date: tuple[str | None, str, str | None]  # value, precision, text
    status: str
    attributed_to: Attribution | None
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    evidence: list[tuple[tuple[int, int], tuple[int, int]]]
    fatalities: int | None
    injured: int | None
    confidence: float
    bare: bool = False  # a noun with no actor, place, or toll of its own (`وتأتي التعزيزات`)

    def to_event(self, event_id: str) -> Event:
        def span(se: tuple[int, int]) -> dict[str, int]:
            return {"start": se[0], "end": se[1]}

        # One validation of plain values: cheaper than building the nested models one by one, and than
        # model_construct (a Python-level loop per model: ~60 µs for an event and its spans, against ~25).
        return Event.model_validate({
            "id": event_id, "plover": self.plover, "mode": self.mode, "acled_event_type": self.acled[0],
            "acled_sub_event_type": self.acled[1], "actor1": self.actor1, "actor2": self.actor2,
            "place": self.place, "place_precision": self.place_precision,
            "date": {"value": self.date[0], "precision": self.date[1], "text": self.date[2]},
            "status": self.status, "attributed_to": self.attributed_to, "sentence": span(self.sentence),
            "trigger": span(self.trigger),
            "evidence": [{"sentence": span(a), "trigger": span(b)} for a, b in self.evidence],
            "fatalities": self.fatalities, "injured": self.injured, "confidence": self.confidence,
        })


def _compatible(a: Draft, b: Draft) -> bool:
    if a.plover != b.plover or a.status != b.status:
        return False
    if a.plover == "ASSAULT" and (a.mode == "occupy") != (b.mode == "occupy"):
        return False
    if a.actor1 and b.actor1 and not set(a.actor1) & set(b.actor1):
        return False
    if a.actor2 and b.actor2 and not set(a.actor2) & set(b.actor2):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.date[0] and b.date[0] and a.date[0] != b.date[0]:
        return False
    return bool((a.actor1 and b.actor1) or (a.place and b.place and a.place_precision != "article"))


def merge(events: list[Draft]) -> list[Draft]:
    """The same event told twice in one article becomes one event with both evidence spans."""
    out: list[Draft] = []
    by_type: dict[tuple[str, str], list[Draft]] = {}  # only events of one type and status can merge
    bare: list[Draft] = []
    for ev in events:
        if ev.bare:
            bare.append(ev)
            continue
        same = by_type.setdefault((ev.plover, ev.status), [])
        target = next((o for o in same if _compatible(o, ev)), None)
        if target is None:
            out.append(ev)
            same.append(ev)
            continue
        target.evidence.extend(ev.evidence)
        target.actor1 = list(dict.fromkeys(target.actor1 + ev.actor1))
        target.actor2 = list(dict.fromkeys(target.actor2 + ev.actor2))
        target.place = target.place or ev.place
        target.fatalities = max(filter(None, [target.fatalities, ev.fatalities]), default=None)
        target.injured = max(filter(None, [target.injured, ev.injured]), default=None)
        target.date = target.date if target.date[0] else ev.date
        target.attributed_to = target.attributed_to or ev.attributed_to
        target.confidence = max(target.confidence, ev.confidence)
    return _merge_bare(out, bare)


def _merge_bare(out: list[Draft], bare: list[Draft]) -> list[Draft]:
    """A bare mention of an event type (`وتأتي التعزيزات`, `على الاستهداف`, `أطلقت صاروخين`) refers to the
    event of that type told nearest before it (else the first one after): one event, another evidence span."""
    for ev in bare:
        same = [o for o in out if o.plover == ev.plover and o.status == ev.status
                and (o.mode == "occupy") == (ev.mode == "occupy")
                and not (o.date[0] and ev.date[0] and o.date[0] != ev.date[0])]
        if not same:
            out.append(ev)
            continue
        before = [o for o in same if o.n < ev.n]
        target = before[-1] if before else same[0]
        target.evidence.extend(ev.evidence)
        target.date = target.date if target.date[0] else ev.date
        target.attributed_to = target.attributed_to or ev.attributed_to
        target.confidence = max(target.confidence, ev.confidence)
    return sorted(out, key=lambda d: d.n)
