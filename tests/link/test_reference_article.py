"""The reference article: every place, actor, person and relation an analyst expects is linked.

`orient-aleppo-militias.expected.md` (in ../shared/samples) is the bar. The people are found by
the NER stage; when it is not registered yet, they are given as NER gives them (PERSON mentions
at the names in brackets), so this test checks linking, not recognition.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.document import Document, Mention, MentionType
from marsad.ingest.readers import from_text
from marsad.pipeline import STAGES, build_document, get_stage
from marsad.settings import DEFAULT_SETTINGS

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "orient-aleppo-militias.txt"
PEOPLE = ("عبد الملك بري", "خالد الحسن العلوش", "علي ديوب حسن", "أكرم الكعبي")

PLACES = {  # surface -> acceptable ids (a bare governorate seat may be read as city or governorate)
    "حلب": {"place:geonames:170063", "place:gov-aleppo"},
    "إدلب": {"place:gov-idlib", "place:geonames:169389"},
    "حماة": {"place:gov-hama", "place:geonames:170017"},
    "خان شيخون": {"place:geonames:168325"},
    "ريف إدلب الجنوبي": {"place:region-idlib-countryside-south"},
    "ريف حماة الشمالي": {"place:region-hama-countryside-north"},
    "مطار حلب الدولي": {"place:fac-aleppo-airport"},
    "حلب الشرقية": {"place:nbh-aleppo-east"},
    "حي الجميلية": {"place:nbh-aleppo-jamiliyah"},
    "دمشق": {"place:geonames:170654"},
}
ACTORS = {
    # `الميليشيات الإيرانية والروسية`: the table's "الميليشيات الروسية" is the elided second adjective
    "ميليشيات روسيا": "actor:russia-backed-militias", "الروسية": "actor:russia-backed-militias",
    "ميليشيات روسية": "actor:russia-backed-militias", "الميليشيات الموالية لهم": "actor:russia-backed-militias",
    "ميليشيات إيران": "actor:iran-backed-militias", "الميليشيات الإيرانية": "actor:iran-backed-militias",
    "الإيرانيين": "actor:iran-backed-militias", "الميليشيات الموالية لإيران": "actor:iran-backed-militias",
    "ميليشيات أسد": "actor:syrian-government-forces", "نظام أسد": "actor:syrian-government",
    "الجانب الروسي": "actor:russia", "الروس": "actor:russia", "ضباط روس": "actor:russian-armed-forces",
    "شرطة الاحتلال الروسي": "actor:russian-military-police", "ميليشيات آل بري": "actor:al-berri-clan",
    "ميليشيا الباقر": "actor:liwa-al-baqir", "الدفاع الوطني": "actor:ndf", "ميليشيا النجباء": "actor:nujaba",
    "فرع المخابرات الجوية في حلب": "actor:afi-aleppo", "فرع الحزب": "actor:baath-party",
}
RELATIONS = {
    ("backs", "actor:russia", "actor:al-berri-clan"), ("backs", "actor:russia", "actor:liwa-al-baqir"),
    ("backs", "actor:russia", "actor:ndf"), ("backs", "actor:iran", "actor:nujaba"),
    ("leads", "person:abd-al-malik-berri", "actor:al-berri-clan"),
    ("leads", "person:khalid-al-hassan-al-allush", "actor:liwa-al-baqir"),
    ("leads", "person:akram-al-kaabi", "actor:nujaba"),
    ("leads", "person:ali-dayoub-hassan", "actor:afi-aleppo"),
    ("alias_of", "person:khalid-abu-hussein", "person:khalid-al-hassan-al-allush"),
}


@pytest.fixture(scope="module")
def doc() -> Document:
    if not SAMPLE.exists():
        pytest.skip("reference article absent")
    raw = from_text(SAMPLE.read_text(encoding="utf-8"), "orient-aleppo-militias", DEFAULT_SETTINGS)
    doc = build_document(raw, DEFAULT_SETTINGS)
    for name in ("segment", "gazetteer", "ner"):
        if name in STAGES:
            get_stage(name)(doc, DEFAULT_SETTINGS)
    if "ner" not in STAGES:
        for name in PEOPLE:
            start = doc.text.find(f"({name})")
            while start >= 0:
                if not any(m.start <= start + 1 < m.end for m in doc.mentions):
                    doc.mentions.append(Mention(id=f"n{start}", text=name, start=start + 1,
                                                end=start + 1 + len(name), type=MentionType.PERSON, origin="model"))
                start = doc.text.find(f"({name})", start + 1)
    get_stage("link")(doc, DEFAULT_SETTINGS)
    return doc


def test_places(doc: Document) -> None:
    by_surface: dict[str, set[str]] = {}
    for m in doc.mentions:
        if m.type in (MentionType.LOCATION, MentionType.FACILITY):
            by_surface.setdefault(m.text, set()).add(m.ref or "")
    found = {s for s, ok in PLACES.items() if by_surface.get(s, set()) & ok}
    print(f"\nplaces: {len(found)}/{len(PLACES)} expected surfaces linked; {len(doc.places)} place records")
    assert found == set(PLACES), set(PLACES) - found
    for place in doc.places:
        assert place.lat is not None and place.lon is not None and place.governorate, place.id
    south = next(p for p in doc.places if p.id == "place:region-idlib-countryside-south")
    assert (south.governorate, south.direction) == ("Idlib", "south")


def test_actors_and_framing(doc: Document) -> None:
    got: dict[str, set[str]] = {}
    for m in doc.mentions:
        if m.ref and m.ref.startswith("actor:"):
            got.setdefault(m.text, set()).add(m.ref)
    found = {s for s, ref in ACTORS.items() if ref in got.get(s, set())}
    print(f"\nactors: {len(found)}/{len(ACTORS)} expected surfaces linked; {len(doc.actors)} actor records")
    assert found == set(ACTORS), {s: got.get(s) for s in set(ACTORS) - found}
    gov = next(a for a in doc.actors if a.id == "actor:syrian-government-forces")
    assert ("ميليشيات أسد", "opposition") in {(f.surface, f.framing) for f in gov.framings}
    assert all(a.name_en for a in doc.actors)


def test_people_and_alias(doc: Document) -> None:
    people = {p.id: p for p in doc.people}
    expected = {"person:abd-al-malik-berri", "person:khalid-al-hassan-al-allush", "person:ali-dayoub-hassan",
                "person:akram-al-kaabi"}
    print(f"\npeople: {len(expected & set(people))}/4 linked; {len(people)} person records")
    assert set(people) == expected
    assert people["person:khalid-al-hassan-al-allush"].aliases == ["خالد أبو حسين"]
    assert people["person:ali-dayoub-hassan"].rank == "Colonel"
    assert people["person:akram-al-kaabi"].in_kb and not people["person:ali-dayoub-hassan"].in_kb


def test_relations(doc: Document) -> None:
    got = {(r.type.value, r.source, r.target) for r in doc.relations}
    print(f"\nrelations: {len(RELATIONS & got)}/{len(RELATIONS)} expected found; {len(got)} in all")
    assert got >= RELATIONS, RELATIONS - got
    for r in doc.relations:
        assert 0 <= r.evidence.start < r.evidence.end <= len(doc.text)
    stated = [r for r in doc.relations if r.source == "actor:russia" and r.target == "actor:ndf"]
    assert "مشكلة من قبل روسيا" in doc.text[stated[0].evidence.start:stated[0].evidence.end]
