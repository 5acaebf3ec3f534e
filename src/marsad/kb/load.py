"""Loading the knowledge base from ``kb/data``: actors, people, places, and the surface-form index.

Everything is read once per process (``lru_cache``) and is immutable afterwards, so stages can
share it across documents and threads.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from marsad.clean.normalize import normalize_text
from marsad.errors import InputError
from marsad.kb.schema import ActorRecord, PersonRecord, PlaceRecord

DATA = Path(str(resources.files("marsad.kb") / "data"))


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form of one KB record, as the gazetteer matches it."""

    form: str          # normalised, clitic-free
    ref: str           # canonical id: actor:…, person:…, place:…
    type: str          # Mention type
    framing: str | None
    weak: bool = False  # needs context (a group word before it, or the full name earlier)


@dataclass
class KnowledgeBase:
    actors: dict[str, ActorRecord]
    people: dict[str, PersonRecord]
    places: dict[str, PlaceRecord]
    # normalised form -> every entry with that form (several when a disambiguation rule applies)
    index: dict[str, list[Entry]] = field(default_factory=dict)
    # place name (normalised) -> place ids sharing it, for context resolution
    place_names: dict[str, list[str]] = field(default_factory=dict)
    # normalised form -> (rule, ordered candidate actor ids) for forms shared by several actors
    rules: dict[str, tuple[str, list[str]]] = field(default_factory=dict)

    def record(self, ref: str) -> ActorRecord | PersonRecord | PlaceRecord | None:
        prefix, _, key = ref.partition(":")
        return {"actor": self.actors, "person": self.people, "place": self.places}.get(prefix, {}).get(key)


def _read_yaml(path: Path) -> Any:
    try:
        # libyaml's C loader: the pure-Python parser costs seconds at every start-up.
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"invalid YAML: {exc}") from exc


def _expand_branches(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Intelligence directorates × cities -> one actor per branch (`فرع المخابرات الجوية في حلب`)."""
    out = []
    for d in spec["directorates"]:
        for city_id, (city_en, city_ar) in spec["cities"].items():
            forms = []
            for name in d["ar"]:
                forms += [f"فرع {name} في {city_ar}", f"فرع {name} ب{city_ar}", f"{name} في {city_ar}",
                          f"{name} ب{city_ar}", f"فرع {name} {city_ar}"]
            out.append({
                "id": f"{d['prefix']}-{city_id}",
                "name_en": f"{d['en']}, {city_en} branch",
                "name_ar": f"فرع {d['ar'][0]} في {city_ar}",
                "kind": "state_forces", "inter_code": 1, "country": "SY",
                "forms": {"neutral": forms},
                "member_of": [{"id": d["parent"]}],
                "to": "2024-12-08",
            })
    return out


def load_actors(data: Path = DATA) -> dict[str, ActorRecord]:
    actors: dict[str, ActorRecord] = {}
    for path in sorted((data / "actors").glob("*.yaml")):
        raw = _read_yaml(path) or []
        items = _expand_branches(raw) if isinstance(raw, dict) else raw
        for item in items:
            try:
                rec = ActorRecord.model_validate(item)
            except ValueError as exc:
                raise InputError(str(path), f"actor {item.get('id')!r}: {exc}") from exc
            if rec.id in actors:
                raise InputError(str(path), f"duplicate actor id {rec.id!r}")
            actors[rec.id] = rec
    return actors


def load_people(data: Path = DATA) -> dict[str, PersonRecord]:
    people: dict[str, PersonRecord] = {}
    for item in _read_yaml(data / "people.yaml") or []:
        try:
            rec = PersonRecord.model_validate(item)
        except ValueError as exc:
            raise InputError(str(data / "people.yaml"), f"person {item.get('id')!r}: {exc}") from exc
        if rec.id in people:
            raise InputError(str(data / "people.yaml"), f"duplicate person id {rec.id!r}")
        people[rec.id] = rec
    return people


def _geonames_rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows.append({
                "id": f"geonames:{row['geonameid']}",
                "name_en": row["name_en"], "name_ar": row["name_ar"], "kind": row["kind"],
                "forms": [f for f in row["forms"].split("|") if f],
                "weak": [f for f in row["weak"].split("|") if f],
                "lat": float(row["lat"]), "lon": float(row["lon"]),
                "governorate": row["governorate"] or None, "country": row["country"],
                "population": int(row["population"] or 0), "prior": float(row["prior"]),
                "parent": row["parent"] or None,
            })
    return rows


def load_places(data: Path = DATA) -> dict[str, PlaceRecord]:
    places: dict[str, PlaceRecord] = {}
    sources: list[tuple[Path, list[dict[str, Any]]]] = []
    tsv = data / "places_geonames.tsv"
    if tsv.exists():
        sources.append((tsv, _geonames_rows(tsv)))
    for path in sorted((data / "places").glob("*.yaml")):
        sources.append((path, _read_yaml(path) or []))
    for path, items in sources:
        for item in items:
            try:
                rec = PlaceRecord.model_validate(item)
            except ValueError as exc:
                raise InputError(str(path), f"place {item.get('id')!r}: {exc}") from exc
            if rec.id in places:
                # Own tables may refine a geonames row (same id): the later, hand-written one wins.
                merged = places[rec.id].model_dump(by_alias=True) | rec.model_dump(by_alias=True, exclude_unset=True)
                merged["forms"] = list(dict.fromkeys([*places[rec.id].forms, *rec.forms]))
                rec = PlaceRecord.model_validate(merged)
            places[rec.id] = rec
    places = _fill_coordinates(places)
    return places | _directional_regions(places)


DIRECTIONS = {
    "north": ("الشمالي", "شمال", "شمالي"), "south": ("الجنوبي", "جنوب", "جنوبي"),
    "east": ("الشرقي", "شرق", "شرقي"), "west": ("الغربي", "غرب", "غربي"),
    "north-east": ("الشمالي الشرقي", "شمال شرق", "شمال شرقي"),
    "north-west": ("الشمالي الغربي", "شمال غرب", "شمال غربي"),
    "south-east": ("الجنوبي الشرقي", "جنوب شرق", "جنوب شرقي"),
    "south-west": ("الجنوبي الغربي", "جنوب غرب", "جنوب غربي"),
}


def _directional_regions(places: dict[str, PlaceRecord]) -> dict[str, PlaceRecord]:
    """`ريف إدلب الجنوبي`, `الريف الجنوبي لإدلب`, `جنوب إدلب` -> the southern countryside of Idlib.

    The region's geography is its governorate (``parent``, ``governorate``) and ``direction`` is
    kept; its point is the governorate's (its seat): moving it "that way" put points across borders
    and into the sea (checked against OCHA boundaries in the tests).
    """
    taken = {normalize_text(f) for pl in places.values() for f in [pl.name_ar, *pl.forms]}
    out: dict[str, PlaceRecord] = {}
    for gov in [p for p in places.values() if p.kind == "governorate"]:
        if gov.id == "gov-damascus":
            continue  # the city; its countryside is Rif Dimashq
        base = "دمشق" if gov.id == "gov-rif-dimashq" else gov.name_ar.removeprefix("محافظة ")
        key = gov.id.removeprefix("gov-")
        regions: list[tuple[str, str | None, list[str]]] = [(f"region-{key}-countryside", None, [f"ريف {base}"])]
        for direction, (adj, noun, noun2) in DIRECTIONS.items():
            regions.append((f"region-{key}-countryside-{direction}", direction, [
                f"ريف {base} {adj}", f"الريف {adj} ل{base}", f"الريف {adj} من {base}",
                f"ريفي {base} {adj}", f"{noun} {base}", f"{noun2} {base}",
            ]))
        for rid, direction, forms in regions:
            forms = [f for f in forms if normalize_text(f) not in taken]
            if not forms or (gov.id == "gov-rif-dimashq" and direction is None):
                continue
            name_en = gov.name_en.removesuffix(" Governorate")
            label = (direction.capitalize() + "ern" if "-" not in direction else direction.title()) if direction else ""
            out[rid] = PlaceRecord(
                id=rid, kind="region", name_ar=forms[0], forms=forms,
                name_en=f"{label} {name_en} countryside".strip(),
                lat=gov.lat, lon=gov.lon,
                governorate=gov.governorate, country="SY", parent=f"place:{gov.id}", direction=direction,
            )
    return out


def _fill_coordinates(places: dict[str, PlaceRecord]) -> dict[str, PlaceRecord]:
    """A place without coordinates takes its seat's, its `near` place's or its parent's."""
    for _ in range(3):  # chains are short: neighbourhood -> city, district -> seat
        for pid, pl in list(places.items()):
            if pl.lat is not None:
                continue
            for ref in (pl.capital, pl.near, pl.parent):
                src = places.get(ref.removeprefix("place:")) if ref else None
                if src is not None and src.lat is not None:
                    extra = {"lat": src.lat, "lon": src.lon}
                    if pl.governorate is None and src.governorate:
                        extra["governorate"] = src.governorate
                    places[pid] = pl.model_copy(update=extra)
                    break
    return places


# Spellings the press uses interchangeably, beyond what normalisation folds (normalised forms).
_VARIANTS = (("ميليشي", ("مليشي", "ميلشي")), ("الامريكي", ("الاميركي",)), ("امريكا", ("اميركا",)))


def spelling_variants(key: str) -> list[str]:
    out = [key]
    for base, alternatives in _VARIANTS:
        if base in key:
            out += [key.replace(base, alt) for alt in alternatives]
    return out


def load_rules(data: Path = DATA) -> dict[str, tuple[str, list[str]]]:
    """Normalised form -> (rule, candidate actor ids in order) from ``disambiguation.yaml``."""
    rules: dict[str, tuple[str, list[str]]] = {}
    for item in _read_yaml(data / "disambiguation.yaml") or []:
        for form in item["forms"]:
            for key in spelling_variants(normalize_text(form)):
                rules[key] = (item["rule"], list(item["candidates"]))
    return rules


def build_index(actors: dict[str, ActorRecord], people: dict[str, PersonRecord],
                places: dict[str, PlaceRecord]) -> tuple[dict[str, list[Entry]], dict[str, list[str]]]:
    index: dict[str, list[Entry]] = defaultdict(list)
    place_names: dict[str, list[str]] = defaultdict(list)

    def add(form: str, entry: Entry) -> None:
        for key in spelling_variants(normalize_text(form).strip()):
            if len(key) < 2:
                continue
            new = Entry(key, entry.ref, entry.type, entry.framing, entry.weak)
            if all(e.ref != new.ref for e in index[key]):
                index[key].append(new)

    for a in actors.values():
        ref = f"actor:{a.id}"
        for form, framing in a.forms.items():
            add(form, Entry("", ref, a.type, framing))
        for form in a.weak:
            add(form, Entry("", ref, a.type, "neutral", weak=True))
    for p in people.values():
        ref = f"person:{p.id}"
        for form in [p.name_ar, *p.aliases]:
            add(form, Entry("", ref, "PERSON", "neutral"))
        for form, framing in p.forms.items():
            add(form, Entry("", ref, "PERSON", framing))
        for form in p.weak:
            add(form, Entry("", ref, "PERSON", "neutral", weak=True))
    for pl in places.values():
        ref = f"place:{pl.id}"
        weak = {normalize_text(w) for w in pl.weak}
        for form in dict.fromkeys([pl.name_ar, *pl.forms]):
            if normalize_text(form) in weak:
                continue
            add(form, Entry("", ref, pl.type, None))
            place_names[normalize_text(form)].append(ref)
        for form in pl.weak:
            add(form, Entry("", ref, pl.type, None, weak=True))
    return dict(index), {k: list(dict.fromkeys(v)) for k, v in place_names.items()}


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    actors, people, places = load_actors(), load_people(), load_places()
    index, place_names = build_index(actors, people, places)
    rules = load_rules()
    for key, (_, candidates) in rules.items():
        if key in index:  # order the entries as the rule lists them: the first is the default
            rank = {f"actor:{c}": i for i, c in enumerate(candidates)}
            index[key].sort(key=lambda e: rank.get(e.ref, len(rank)))
    return KnowledgeBase(actors, people, places, index, place_names, rules)


@lru_cache(maxsize=1)
def gazetteer_forms() -> dict[str, str]:
    """Normalised, clitic-free surface form -> mention type (for NER gazetteer features).

    When a form names records of different types (an actor and a place), the actor's type wins:
    the form is a name of an agent before it is a name of a place (`إيران`, `تركيا`).
    """
    order = {"PERSON": 0, "ARMED_GROUP": 1, "STATE": 2, "ORG": 3, "NORP": 4, "FACILITY": 5, "LOCATION": 6}
    out: dict[str, str] = {}
    for form, entries in load_kb().index.items():
        strong = [e for e in entries if not e.weak] or entries
        out[form] = min((e.type for e in strong), key=lambda t: order.get(t, 9))
    return out
