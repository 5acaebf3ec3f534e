"""Triggers in their inflections and clitic forms, and the ontology mappings."""

from __future__ import annotations

import pytest

from marsad.clean.normalize import normalize_text
from marsad.events.lexicon import scan
from marsad.events.ontology import PLOVER_TYPES, acled_code, cameo_to_plover


def _triggers(text: str) -> list[tuple[str, str | None]]:
    out = []
    for hit in scan(normalize_text(text)):
        out += [(p.label, p.mode) for p in hit.payloads if p.kind == "trigger"]
    return out


@pytest.mark.parametrize(("word", "plover", "mode"), [
    ("قصفت", "ASSAULT", "heavy-weapons"), ("وقصفوا", "ASSAULT", "heavy-weapons"), ("سيقصف", "ASSAULT", "heavy-weapons"),
    ("بالغارات", "ASSAULT", "aerial"), ("غارتين", "ASSAULT", "aerial"), ("اغتيل", "ASSAULT", "assassinate"),
    ("واشتباكات", "ASSAULT", "clash"), ("استولت", "ASSAULT", "occupy"), ("اعتقلتهم", "COERCE", "arrest"),
    ("للاعتقال", "COERCE", "arrest"), ("تظاهر", "PROTEST", "demonstrate"), ("اعتصاماً", "PROTEST", "sit-in"),
    ("اجتماعاً", "CONSULT", "meet"), ("وطالبت", "REQUEST", "demand"), ("يهددون", "THREATEN", "military"),
    ("اتهمت", "ACCUSE", "accuse"), ("الهدنة", "AGREE", "ceasefire"), ("تعزيزات", "MOBILIZE", "troops"),
    ("انسحبت", "RETREAT", "withdraw"), ("خطفوا", "ASSAULT", "abduct"), ("انفجار", "ASSAULT", "explosives"),
])
def test_inflected_triggers(word: str, plover: str, mode: str) -> None:
    assert (plover, mode) in _triggers(f"وقال المصدر إن {word} أمس")


def test_words_that_only_look_like_triggers() -> None:
    assert _triggers("إضافة إلى ذلك بشكل كامل مع الطالب") == []
    assert _triggers("المناطق الخاضعة لسيطرة الفصائل") == [("ASSAULT", "occupy")]  # filtered later by context


def test_ontology_mappings() -> None:
    assert len(PLOVER_TYPES) == 16
    assert cameo_to_plover("190") == "ASSAULT" and cameo_to_plover("0871") == "AGREE" and cameo_to_plover("010") is None
    assert acled_code("ASSAULT", "aerial", "occurred").sub_event_type == "Air/drone strike"
    regain = acled_code("ASSAULT", "occupy", "occurred", actor1_state=True)
    assert regain.sub_event_type == "Government regains territory"
    assert acled_code("ASSAULT", "explosives", "failed").sub_event_type == "Disrupted weapons use"
    assert acled_code("COERCE", "expel", "promised").event_type is None
    assert acled_code("COERCE", "arrest", "occurred").sub_event_type == "Arrests"
