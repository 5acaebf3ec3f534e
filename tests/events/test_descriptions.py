"""Descriptions the KB cannot list (`مسلحون`, `جنود`, `مدنيين`) fill the actor slots by Arabic word order."""

from __future__ import annotations

import pytest

from marsad.events.evaluate import _argument_texts
from marsad.pipeline import analyze_text


def _roles(text: str) -> tuple[list[str], list[str]]:
    doc = analyze_text(text)
    events = [e for e in doc.events if e.plover == "ASSAULT"]
    assert events, text
    return ([t for e in events for t in _argument_texts(doc, e.id, "actor1")],
            [t for e in events for t in _argument_texts(doc, e.id, "actor2")])


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    # verb-subject-object with an indefinite subject and a victim object
    ("هاجم مسلحون مجهولون حافلة تقل مدنيين قرب مدينة درعا صباح اليوم.", "مسلحون", "مدنيين"),
    # passive with an agent phrase: the subject before the verb is the patient
    ("وقال مصدر محلي إن جندياً قتل على يد مسلحين في ريف إدلب.", "مسلحين", "جندي"),
    # `قام X بـ masdar`: a partitive subject acts, the genitive of the masdar is hit
    ("وقام عدد من الجنود بقتل المدنيين في القرية أمس.", "الجنود", "المدنيين"),
])
def test_description_arguments(text: str, actor1: str, actor2: str) -> None:
    got1, got2 = _roles(text)
    assert any(actor1 in t for t in got1), (text, got1, got2)
    assert any(actor2 in t for t in got2), (text, got1, got2)


def test_victims_never_act() -> None:
    """`أسفر عن مقتل 5 أشخاص`: the casualties are the attack's target, not its actor."""
    got1, got2 = _roles("انفجرت سيارة مفخخة في سوق شعبي بمدينة الباب ما أسفر عن مقتل خمسة أشخاص.")
    assert not any("أشخاص" in t for t in got1), got1
    assert any("أشخاص" in t for t in got2), got2
