"""Place resolution: which of the places sharing a name the article means, and how sure we are.

Context decides: the governorates of the article's unambiguous places vote for a candidate; a
governorate seat (`حلب`, `إدلب`) is read as the governorate after `محافظة`, `محاور`, `جبهات`,
`ملف`, or when listed with another governorate; `الشام` is Damascus when the article's other
places are around Damascus, Syria otherwise.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from marsad.clean.normalize import normalize_text
from marsad.document import Document, Mention, Place
from marsad.kb.load import KnowledgeBase, load_kb
from marsad.kb.schema import PlaceRecord
from marsad.nlp.tokens import stem_candidates

GOV_CUES = frozenset(normalize_text(w) for w in [
    "محافظة", "محافظات", "محاور", "محور", "جبهات", "جبهة", "الجبهات", "ملف", "معركة", "معارك", "أرياف",
])
CITY_CUES = frozenset(normalize_text(w) for w in ["مدينة", "حي", "أحياء", "وسط", "شوارع", "داخل"])


@lru_cache(maxsize=1)
def seat_to_governorate() -> dict[str, str]:
    """GeoNames seat id -> governorate place id (`place:geonames:169389` -> `place:gov-idlib`)."""
    kb = load_kb()
    return {f"place:{p.capital}": f"place:{p.id}" for p in kb.places.values()
            if p.kind == "governorate" and p.capital and p.id != "gov-rif-dimashq"}


@lru_cache(maxsize=1)
def bare_means_governorate() -> frozenset[str]:
    """Seats whose bare name most often means the governorate (`prior` > 0.5 on the governorate)."""
    kb = load_kb()
    return frozenset(f"place:{p.capital}" for p in kb.places.values() if p.kind == "governorate" and p.prior > 0.5)


def to_place(rec: PlaceRecord, confidence: float) -> Place:
    return Place(
        id=f"place:{rec.id}", name_en=rec.name_en, name_ar=rec.name_ar, kind=rec.kind, lat=rec.lat,
        lon=rec.lon, governorate=rec.governorate, country=rec.country, direction=rec.direction,
        parent=rec.parent if rec.parent is None or rec.parent.startswith("place:") else f"place:{rec.parent}",
        confidence=round(confidence, 2), in_kb=True,
    )


def _words_before(doc: Document, start: int, n: int = 2) -> list[str]:
    words = doc.text[max(0, start - 40):start].split()[-n:]
    out: list[str] = []
    for w in words:
        out.extend(stem_candidates(normalize_text(w.strip("()\"'«»،,."))))
    return out


def resolve_places(doc: Document, mentions: list[Mention], kb: KnowledgeBase | None = None) -> dict[str, Place]:
    """Set ``ref`` and ``confidence`` on place mentions; return the Place records by id."""
    kb = kb or load_kb()

    def record(ref: str) -> PlaceRecord | None:  # every ref here is a `place:` id (kb.record, without the dispatch)
        return kb.places.get(ref.removeprefix("place:"))

    candidates: dict[tuple[int, int], list[str]] = doc._cache.get("gazetteer_candidates", {})
    options: dict[str, list[str]] = {}
    for m in mentions:
        refs = candidates.get((m.start, m.end)) or ([m.ref] if m.ref else [])
        if not refs:
            refs = next((kb.place_names[k] for k in stem_candidates(normalize_text(m.text))
                         if k in kb.place_names), [])
        options[m.id] = [r for r in refs if r.startswith("place:")]
    # the governorates of unambiguous places vote
    votes: Counter[str] = Counter()
    for m in mentions:
        if len(options[m.id]) == 1 and (rec := record(options[m.id][0])) is not None and rec.governorate:
            votes[rec.governorate] += 1
    seats = seat_to_governorate()
    governorates = set(seats.values())
    out: dict[str, Place] = {}
    previous_gov: tuple[int, str] | None = None
    for m in mentions:
        refs = options[m.id]
        if not refs:
            continue
        if len(refs) == 1:
            ref, conf = refs[0], min(m.confidence, 1.0)
        else:
            def score(r: str) -> tuple[float, float]:
                rec = record(r)
                return (votes.get(rec.governorate or "", 0), rec.prior if rec else 0)
            scores = {r: score(r) for r in refs}
            ranked = sorted(refs, key=scores.__getitem__, reverse=True)
            ref = ranked[0]
            conf = 0.85 if scores[ranked[0]][0] > scores[ranked[1]][0] else 0.6
        if ref == "place:region-al-sham":
            near_damascus = votes.get("Damascus", 0) + votes.get("Rif Dimashq", 0)
            ref, conf = ("place:geonames:170654", 0.7) if near_damascus else ("place:country-sy", 0.6)
        if ref in seats:
            before = set(_words_before(doc, m.start))
            listed = previous_gov is not None and 0 <= m.start - previous_gov[0] <= 4 \
                and doc.text[previous_gov[0]:m.start].strip() in {"و", "،", ","}
            if before & GOV_CUES or listed:
                ref, conf = seats[ref], 0.85
            elif not before & CITY_CUES and ref in bare_means_governorate():
                ref, conf = seats[ref], 0.7
            elif not before & CITY_CUES:
                conf = min(conf, 0.9)  # a bare seat name: the city, as most often meant
        # Assign only what changes: a pydantic model's __setattr__ costs microseconds, and most
        # place mentions keep the gazetteer's reading.
        if m.ref != ref:
            m.ref = ref
        if m.confidence != round(conf, 2):
            m.confidence = round(conf, 2)
        previous_gov = (m.end, ref) if ref in governorates else None
        rec = record(ref)
        if rec is not None and ref not in out:
            out[ref] = to_place(rec, conf)
        elif ref in out and round(conf, 2) > out[ref].confidence:
            out[ref].confidence = round(conf, 2)
    return out
