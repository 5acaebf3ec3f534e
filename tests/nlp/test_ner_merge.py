"""Merging KB, model and rule mentions: longest, best-supported; the KB wins on known names."""

import itertools

from marsad.nlp.ner.merge import Candidate, merge, to_mentions


def spans_of(text: str, merged: list[Candidate]) -> list[tuple[str, str, str]]:
    return [(text[c.start:c.end], c.type, c.origin) for c in merged]


def at(text: str, surface: str, kind: str, origin: str, **kw) -> Candidate:
    i = text.index(surface)
    return Candidate(i, i + len(surface), kind, origin, **kw)


def test_kb_wins_on_the_same_span_and_keeps_its_ref():
    text = "قصفت قوات الأسد مدينة إدلب"
    kb = [at(text, "إدلب", "LOCATION", "kb", ref="place:idlib")]
    out = merge(text, kb, [at(text, "إدلب", "ORG", "model", confidence=0.9)])
    assert spans_of(text, out) == [("إدلب", "LOCATION", "kb")]
    assert out[0].ref == "place:idlib"


def test_a_longer_name_replaces_a_contained_kb_name():
    text = "زار حافظ الأسد ريف دمشق"
    kb = [at(text, "الأسد", "PERSON", "kb", ref="person:bashar"), at(text, "دمشق", "LOCATION", "kb")]
    model = [at(text, "حافظ الأسد", "PERSON", "model"), at(text, "ريف دمشق", "LOCATION", "model")]
    assert spans_of(text, merge(text, kb, model)) == [("حافظ الأسد", "PERSON", "model"),
                                                     ("ريف دمشق", "LOCATION", "model")]


def test_an_added_adjective_does_not_displace_the_kb():
    text = "أعلن حزب الله اللبناني"
    kb = [at(text, "حزب الله", "ARMED_GROUP", "kb", ref="actor:hezbollah")]
    out = merge(text, kb, [at(text, "حزب الله اللبناني", "ORG", "model")])
    assert spans_of(text, out) == [("حزب الله", "ARMED_GROUP", "kb")]


def test_a_group_of_people_is_no_part_of_a_persons_name():
    """`محتجون غاضبون` (angry protesters) was tagged a person, and became an invented one."""
    text = "أحرق محتجون غاضبون الإطارات"
    kb = [at(text, "محتجون", "NORP", "kb", ref="actor:protesters")]
    out = merge(text, kb, [at(text, "محتجون غاضبون", "PERSON", "model")])
    assert spans_of(text, out) == [("محتجون", "NORP", "kb")]


def test_crossing_spans_keep_the_kb_and_no_overlap_remains():
    text = "هيئة تحرير الشام وحلفاؤها في إدلب"
    kb = [at(text, "هيئة تحرير الشام", "ARMED_GROUP", "kb")]
    model = [at(text, "الشام وحلفاؤها", "LOCATION", "model"), at(text, "إدلب", "LOCATION", "model")]
    out = merge(text, kb, model)
    assert spans_of(text, out) == [("هيئة تحرير الشام", "ARMED_GROUP", "kb"), ("إدلب", "LOCATION", "model")]
    assert all(a.end <= b.start for a, b in itertools.pairwise(out))


def test_rule_and_model_agreeing_pool_support_and_the_rule_types_it():
    text = "قتل العقيد أحمد الحمد"
    model = [at(text, "أحمد الحمد", "ORG", "model", confidence=0.6),
             at(text, "أحمد الحمد", "PERSON", "rule", confidence=0.8, rules={"title"}),
             at(text, "أحمد", "PERSON", "model")]
    (only,) = merge(text, [], model)
    assert (text[only.start:only.end], only.type, only.origin, only.support) == ("أحمد الحمد", "PERSON", "rule", 2)


def test_mentions_are_renumbered_in_text_order():
    text = "من دمشق إلى حلب"
    merged = merge(text, [at(text, "حلب", "LOCATION", "kb")], [at(text, "دمشق", "LOCATION", "model")])
    assert [(m.id, m.text) for m in to_mentions(text, merged)] == [("m1", "دمشق"), ("m2", "حلب")]


def test_unchanged_kb_mentions_are_kept_and_renumbered():
    from marsad.document import Mention
    from marsad.nlp.ner.merge import from_mention

    text = "من دمشق إلى حلب"
    kb = [Mention(id="m1", text="حلب", start=text.index("حلب"), end=len(text), type="LOCATION", origin="kb",
                  ref="place:aleppo", confidence=0.95)]
    merged = merge(text, [from_mention(m) for m in kb], [at(text, "دمشق", "LOCATION", "model", confidence=0.91234)])
    out = to_mentions(text, merged)
    assert [(m.id, m.text, m.origin, m.confidence) for m in out] == [("m1", "دمشق", "model", 0.912),
                                                                     ("m2", "حلب", "kb", 0.95)]
    assert out[1] is kb[0] and out[1].ref == "place:aleppo"


def test_kb_mentions_given_as_mentions_are_kept_or_displaced_never_changed():
    from marsad.document import Mention

    text = "زار حافظ الأسد مدينة إدلب"
    asad = Mention(id="m1", text="الأسد", start=text.index("الأسد"), end=text.index("الأسد") + 5, type="PERSON",
                   origin="kb", ref="person:bashar", confidence=0.9)
    idlib = Mention(id="m2", text="إدلب", start=text.index("إدلب"), end=len(text), type="LOCATION", origin="kb",
                    ref="place:idlib", confidence=0.95)
    merged = merge(text, [idlib, asad], [at(text, "حافظ الأسد", "PERSON", "model"), at(text, "إدلب", "ORG", "model")])
    assert [(text[c.start:c.end], c.origin) for c in merged] == [("حافظ الأسد", "model"), ("إدلب", "kb")]
    assert merged[1] is idlib
    out = to_mentions(text, merged)
    assert out[1] is idlib and (idlib.id, idlib.type, idlib.ref) == ("m2", "LOCATION", "place:idlib")
