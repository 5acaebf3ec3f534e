"""The knowledge base validates as a whole: schema, ids, links, dates, shared forms, geography."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from marsad.clean.normalize import normalize_text
from marsad.kb import gazetteer_forms, load_kb
from marsad.kb.load import DATA, load_actors, load_rules
from marsad.kb.schema import ActorRecord, parse_partial_date

OCHA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "geo" / "ocha-syria"


def test_coverage():
    kb = load_kb()
    print(f"\nKB: {len(kb.actors)} actors, {len(kb.people)} people, {len(kb.places)} places, "
          f"{len(kb.index)} surface forms")
    assert len(kb.actors) >= 250
    assert len(kb.people) >= 40
    kinds = {a.kind for a in kb.actors.values()}
    assert {"state", "government", "state_forces", "armed_group", "militia", "party", "agency", "ngo",
            "international", "collective"} <= kinds
    for required in ["iran-backed-militias", "russia-backed-militias", "unidentified-gunmen", "civilians",
                     "fourth-division", "republican-guard", "tiger-forces", "ndf", "liwa-al-baqir", "al-berri-clan",
                     "liwa-al-quds", "qaterji-militia", "fifth-corps", "irgc", "quds-force", "hezbollah", "nujaba",
                     "fatemiyoun", "zainabiyoun", "kataib-hezbollah", "abu-al-fadl-al-abbas", "russian-military-police",
                     "wagner-group", "sna", "hts", "salvation-government", "ahrar-al-sham", "nlf", "jaysh-al-islam",
                     "faylaq-al-rahman", "southern-front", "sdf", "ypg", "ypj", "asayish", "aanes", "islamic-state",
                     "hurras-al-din", "white-helmets", "sohr", "united-nations", "us-led-coalition", "israel", "jordan",
                     "pmf", "syrian-transitional-government", "syrian-army-new", "general-security"]:
        assert required in kb.actors, required


def test_every_form_framing_and_kind_is_valid():
    for actor in load_kb().actors.values():
        assert isinstance(actor, ActorRecord)
        assert actor.forms.items(), actor.id
        assert actor.inter_code is None or 1 <= actor.inter_code <= 8


def test_links_point_to_existing_actors_and_dates_parse():
    kb = load_kb()
    for actor in kb.actors.values():
        for link in [*actor.backed_by, *actor.member_of]:
            assert link.id in kb.actors, f"{actor.id} -> {link.id}"
            for value, end in ((link.start, False), (link.end, True)):
                if value:
                    parse_partial_date(value, end=end)
            if link.start and link.end:
                assert parse_partial_date(link.start) <= parse_partial_date(link.end, end=True), actor.id
        if actor.start and actor.end:
            assert parse_partial_date(actor.start) <= parse_partial_date(actor.end, end=True), actor.id
    for person in kb.people.values():
        for role in person.roles:
            assert role.actor is None or role.actor in kb.actors, f"{person.id} -> {role.actor}"


def test_bad_dates_are_refused():
    with pytest.raises(ValueError):
        parse_partial_date("2012/11")
    with pytest.raises(ValueError):
        ActorRecord.model_validate({"id": "x", "name_en": "X", "name_ar": "س", "kind": "militia",
                                    "forms": {"neutral": ["س س"]}, "backed_by": [{"id": "iran", "from": "spring"}]})


def test_shared_forms_have_a_disambiguation_rule():
    """Two actors may share a surface form only when disambiguation.yaml says how to choose."""
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in load_actors().values():
        for form, _ in actor.forms.items():
            owners[normalize_text(form)].add(actor.id)
    rules = load_rules()
    unruled = {f: ids for f, ids in owners.items() if len(ids) > 1 and (f not in rules or ids - set(rules[f][1]))}
    assert not unruled, unruled
    for _form, (rule, candidates) in rules.items():
        assert rule in {"date", "context"}
        assert all(c in load_kb().actors for c in candidates)


def test_actor_ids_unique_across_files():
    seen: dict[str, str] = {}
    for path in sorted((DATA / "actors").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.lstrip("- {").startswith("id: "):
                ident = line.split("id: ", 1)[1].split(",")[0].strip()
                assert ident not in seen, f"{ident} in {path.name} and {seen[ident]}"
                seen[ident] = path.name


def test_places_have_coordinates_and_governorates():
    kb = load_kb()
    syrian = [p for p in kb.places.values() if p.country == "SY" and p.kind != "country"]
    assert len(syrian) >= 500
    missing = [p.id for p in syrian if p.lat is None or p.lon is None]
    assert not missing, missing[:10]
    no_gov = [p.id for p in syrian if not p.governorate and not p.id.startswith("region-")]
    assert not no_gov, no_gov[:10]
    assert len([p for p in kb.places.values() if p.kind == "governorate"]) == 14
    assert len([p for p in kb.places.values() if p.kind == "district"]) == 62
    south = kb.places["region-idlib-countryside-south"]
    assert south.direction == "south" and south.governorate == "Idlib" and south.parent == "place:gov-idlib"


def test_gazetteer_forms_contract():
    forms = gazetteer_forms()
    assert forms[normalize_text("قسد")] == "ARMED_GROUP"
    assert forms[normalize_text("روسيا")] == "STATE"
    assert forms[normalize_text("حلب")] == "LOCATION"
    assert forms[normalize_text("مطار حلب الدولي")] == "FACILITY"
    assert forms[normalize_text("أكرم الكعبي")] == "PERSON"
    assert forms[normalize_text("المرصد السوري لحقوق الإنسان")] == "ORG"
    assert forms[normalize_text("المدنيين")] == "NORP"
    assert all(k == normalize_text(k) for k in list(forms)[:500])


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


@pytest.mark.skipif(not (OCHA / "syr_admbnda_adm1_uncs_unocha.json").exists(), reason="shared OCHA data absent")
def test_syrian_places_fall_in_their_governorate():
    """Checked against OCHA boundaries (read from ../shared, never shipped)."""
    data = json.loads((OCHA / "syr_admbnda_adm1_uncs_unocha.json").read_text(encoding="utf-8"))
    by_ar = {normalize_text(f["properties"]["ADM1_AR"]): f["geometry"] for f in data["features"]}
    kb = load_kb()
    gov_ar = {p.governorate: normalize_text(p.name_ar.removeprefix("محافظة "))
              for p in kb.places.values() if p.kind == "governorate"}
    checked = wrong = outside = 0
    bad = []
    all_polygons = [(f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon"
                     else [f["geometry"]["coordinates"]]) for f in data["features"]]
    for place in kb.places.values():
        if place.country != "SY" or not place.governorate or place.lat is None or place.kind in {"governorate"}:
            continue
        geometry = by_ar[gov_ar[place.governorate]]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        checked += 1
        if any(_inside(place.lon, place.lat, poly[0]) for poly in polygons):
            continue
        if any(_inside(place.lon, place.lat, poly[0]) for polys in all_polygons for poly in polys):
            wrong += 1  # inside another governorate
            bad.append(place.id)
        else:
            outside += 1  # on the coast or a border, beyond the simplified boundary
    print(f"\n{checked} places checked against OCHA governorates: {wrong} in another governorate {bad[:10]}, "
          f"{outside} just outside Syria's simplified boundary")
    assert wrong / checked <= 0.02
    assert outside / checked <= 0.05
