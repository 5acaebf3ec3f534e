"""The link stage on small texts, with PERSON mentions made the way the NER stage makes them."""

from __future__ import annotations

from datetime import date

from marsad.document import Document, Mention, MentionType
from marsad.link.gazetteer import gazetteer
from marsad.link.linker import guess_kind, link
from marsad.link.translit import transliterate
from marsad.nlp.segment import segment
from marsad.settings import DEFAULT_SETTINGS


def analyse(text: str, people: tuple[str, ...] = (), others: tuple[tuple[str, MentionType], ...] = (),
            published: date | None = None) -> Document:
    doc = Document(text=text, published=published)
    segment(doc, DEFAULT_SETTINGS)
    gazetteer(doc, DEFAULT_SETTINGS)
    found = [(name, MentionType.PERSON) for name in people] + list(others)
    for name, mtype in found:  # what the NER stage adds: every occurrence, origin "model"
        start = text.find(name)
        while start >= 0:
            doc.mentions.append(Mention(id=f"n{start}", text=name, start=start, end=start + len(name),
                                        type=mtype, origin="model"))
            start = text.find(name, start + 1)
    link(doc, DEFAULT_SETTINGS)
    return doc


def rel(doc: Document) -> set[tuple[str, str, str]]:
    return {(r.type.value, r.source, r.target) for r in doc.relations}


def test_apposition_gives_leader_and_rank():
    doc = analyse("حضره رئيس فرع المخابرات الجوية في حلب العقيد (علي ديوب حسن) "
                  "وقائد ميليشيا النجباء الشيعية (أكرم الكعبي).", people=("علي ديوب حسن",))
    people = {p.id: p for p in doc.people}
    ali = people["person:ali-dayoub-hassan"]
    assert ali.rank == "Colonel" and not ali.in_kb and ali.name_en == "Ali Dayoub Hassan"
    assert ("leads", "person:ali-dayoub-hassan", "actor:afi-aleppo") in rel(doc)
    assert ("leads", "person:akram-al-kaabi", "actor:nujaba") in rel(doc)
    evidence = next(r.evidence for r in doc.relations if r.source == "person:ali-dayoub-hassan")
    assert doc.text[evidence.start:evidence.end].startswith("رئيس فرع المخابرات الجوية")


def test_alias_merges_into_the_same_person_and_short_names_corefer():
    text = "وقائد ميليشيا الباقر (خالد الحسن العلوش) الملقب بـ (خالد أبو حسين) حضر الاجتماع. وقال العلوش إن ..."
    doc = analyse(text, people=("خالد الحسن العلوش", "العلوش"))
    (person,) = doc.people
    assert person.id == "person:khalid-al-hassan-al-allush"
    assert person.aliases == ["خالد أبو حسين"]
    assert ("alias_of", "person:khalid-abu-hussein", person.id) in rel(doc)
    assert ("leads", person.id, "actor:liwa-al-baqir") in rel(doc)
    person_refs = {m.text: m.ref for m in doc.mentions if m.type == MentionType.PERSON}
    assert person_refs == {"خالد الحسن العلوش": person.id, "خالد أبو حسين": person.id, "العلوش": person.id}


def test_pronoun_loyal_militias_resolve_to_the_patrons_collective():
    doc = analyse("وأبلغ الروس الميليشيات الموالية لهم بأن هناك اتفاقاً جديداً مع إيران.")
    m = next(m for m in doc.mentions if m.text == "الميليشيات الموالية لهم")
    assert m.ref == "actor:russia-backed-militias" and m.origin == "rule"
    doc = analyse("وقالت طهران إن إيران لن تتخلى عن الميليشيات الموالية لها.")
    assert next(m for m in doc.mentions if m.text == "الميليشيات الموالية لها").ref == "actor:iran-backed-militias"


def test_elliptic_adjective_shares_the_head_noun():
    doc = analyse("عقدت الميليشيات الإيرانية والروسية في حلب اجتماعاً")
    assert [m.ref for m in doc.mentions if m.type == MentionType.ARMED_GROUP] == [
        "actor:iran-backed-militias", "actor:russia-backed-militias"]


def test_elliptic_demonym_after_officers():
    doc = analyse("حضره عدد من الضباط الروس والإيرانيين داخل فرع الحزب")
    assert [m.ref for m in doc.mentions if m.type == MentionType.ARMED_GROUP] == [
        "actor:russian-armed-forces", "actor:irgc"]


def test_backing_stated_in_text():
    text = ("حضره (عبد الملك بري) وقائد ميليشيا الباقر إضافة لميليشيات أخرى مشكلة من قبل روسيا في حلب "
            "من بينها الدفاع الوطني.")
    doc = analyse(text, people=("عبد الملك بري",))
    stated = {(r.source, r.target) for r in doc.relations if r.type.value == "backs" and r.confidence >= 0.8}
    assert {("actor:russia", "actor:liwa-al-baqir"), ("actor:russia", "actor:ndf")} <= stated


def test_unknown_actor_becomes_a_record_with_a_guessed_kind():
    doc = analyse("هاجمت ميليشيا لواء الصادقين حاجزاً", others=(("ميليشيا لواء الصادقين", MentionType.ARMED_GROUP),))
    actor = next(a for a in doc.actors if not a.in_kb)
    assert actor.kind == "militia" and actor.id.startswith("actor:unk-") and actor.name_ar == "ميليشيا لواء الصادقين"
    assert guess_kind("حزب الشعب الجديد", MentionType.ORG) == "party"
    assert guess_kind("منظمة بسمة", MentionType.ORG) == "ngo"


def test_kb_actor_found_by_ner_with_clitic_gets_its_id():
    doc = Document(text="x وقسد y")
    doc.mentions.append(Mention(id="m1", text="وقسد", start=2, end=6, type=MentionType.ARMED_GROUP, origin="model"))
    link(doc, DEFAULT_SETTINGS)
    assert doc.mentions[0].ref == "actor:sdf"


def test_framing_is_carried_to_the_actor():
    doc = analyse("قصفت ميليشيات أسد القرية بينما قال الجيش العربي السوري إنه رد على خروقات")
    (army,) = [a for a in doc.actors if a.id == "actor:syrian-government-forces"]
    assert {(f.surface, f.framing) for f in army.framings} == {
        ("ميليشيات أسد", "opposition"), ("الجيش العربي السوري", "government")}


def test_place_context_and_governorate_reading():
    doc = analyse("تستمر المعارك على محاور إدلب وحماة، وقصفت الطائرات مدينة حلب.")
    got = {m.text: m.ref for m in doc.mentions if m.type == MentionType.LOCATION}
    assert got == {"إدلب": "place:gov-idlib", "حماة": "place:gov-hama", "حلب": "place:geonames:170063"}
    places = {p.id: p for p in doc.places}
    assert places["place:gov-hama"].confidence < 1 and places["place:gov-hama"].lat is not None


def test_shared_neighbourhood_name_resolved_by_the_other_places():
    damascus = analyse("سقطت قذائف على حي الميدان وحي المزة في دمشق")
    aleppo = analyse("سقطت قذائف على حي الميدان وحي الجميلية في حلب")
    pick = {d: next(m.ref for m in doc.mentions if m.text == "حي الميدان") for d, doc in
            (("damascus", damascus), ("aleppo", aleppo))}
    assert pick == {"damascus": "place:nbh-damascus-midan", "aleppo": "place:nbh-aleppo-midan"}


def test_al_sham_reads_as_damascus_near_damascus_places():
    near = analyse("خرجت مظاهرة في الشام وفي حي المزة")
    far = analyse("عاد اللاجئون إلى الشام من تركيا")
    assert next(m.ref for m in near.mentions if m.text == "الشام") == "place:geonames:170654"
    assert next(m.ref for m in far.mentions if m.text == "الشام") == "place:country-sy"


def test_directional_region_keeps_direction_and_governorate():
    doc = analyse("قصف على بلدة كنصفرة في ريف إدلب الجنوبي")
    region = next(p for p in doc.places if p.direction)
    assert (region.direction, region.governorate, region.parent, region.kind) == (
        "south", "Idlib", "place:gov-idlib", "region")


def test_kb_facts_become_low_confidence_relations_with_the_mention_as_evidence():
    doc = analyse("قاتل عناصر لواء فاطميون في البادية", published=date(2017, 5, 1))
    r = next(r for r in doc.relations if r.source == "actor:iran" and r.target == "actor:fatemiyoun")
    assert r.type.value == "backs" and r.confidence < 0.8
    assert doc.text[r.evidence.start:r.evidence.end] == "لواء فاطميون"


def test_transliteration_reads():
    assert transliterate("عبد الملك بري") == "Abd al-Malik Berri"
    assert transliterate("خالد الحسن العلوش") == "Khalid al-Hassan al-Allush"


def test_ties_active_on_a_date_as_the_kb_says():
    """The linker's memo of which ties hold on a date agrees with the KB's own rule, asked twice."""
    from marsad.kb.load import load_kb
    from marsad.link.linker import _active

    links = [x for rec in load_kb().actors.values() for x in (*rec.backed_by, *rec.member_of)]
    assert any(x.start or x.end for x in links)
    for day in (None, date(2011, 3, 1), date(2015, 9, 30), date(2019, 6, 1), date(2024, 12, 8)):
        for _ in range(2):
            assert [_active(x, day) for x in links] == [x.active_on(day) for x in links]
