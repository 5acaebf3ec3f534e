"""Outlets named in source phrases are whole words: `المدن` (Al-Modon) is not in `المدني`, `الوطن` not in `الوطني`."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.clean.normalize import normalize_text
from marsad.events.attribution import _outlet_in
from marsad.pipeline import analyze_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(("phrase", "outlet"), [
    # Outlet names inside longer words name no outlet.
    ("الدفاع المدني السوري", None), ("الناشط المدني مهند أبو فخر", None), ("حماية المدنيين", None),
    ("قيادي في فصائل الجيش الوطني", None), ("قيادي في ميليشيا الدفاع الوطني", None), ("الجبهة الوطنية", None),
    ("السويداء 245", None),
    # Whole names, alone, after a clitic, or inside a longer phrase.
    ("موقع المدن الإخباري", "Al-Modon"), ("بحسب المدن", "Al-Modon"), ("والمدن", "Al-Modon"),
    ("صحيفة الوطن الموالية", "Al-Watan"), ("مراسل سانا", "SANA"), ("لسانا", "SANA"), ("لأورينت نت", "Orient Net"),
    ("شبكة السويداء 24", "Suwayda 24"), ("المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights"),
    # After the preposition ل the article's alef drops: ل + المرصد is written للمرصد.
    ("للمرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights"), ("وللمدن", "Al-Modon"),
    ("للمدنيين", None), ("للوطنية", None),
])
def test_outlet_names_are_whole_words(phrase: str, outlet: str | None) -> None:
    assert _outlet_in(normalize_text(phrase)) == outlet


def test_civil_defence_is_no_outlet() -> None:
    """`بحسب ما أفاد الدفاع المدني السوري`: the source is the civil defence, told to no outlet (it read as Al-Modon)."""
    doc = analyze_text((EXAMPLES / "airstrike-idlib.txt").read_text(encoding="utf-8"), label="airstrike-idlib")
    sourced = [e.attributed_to for e in doc.events if e.attributed_to is not None
               and e.attributed_to.text == "الدفاع المدني السوري"]
    assert sourced
    assert all(a.outlet is None for a in sourced)


def test_according_to_the_observatory_names_it_as_the_outlet() -> None:
    """`وفقاً للمرصد السوري`, the issue's own example of attribution, found no outlet before."""
    doc = analyze_text("قصف على كفرنبل\n\nقتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على بلدة كفرنبل في ريف إدلب "
                       "الجنوبي، وفقاً للمرصد السوري لحقوق الإنسان.", label="sohr")
    assert doc.events
    attributed = doc.events[0].attributed_to
    assert attributed is not None and attributed.text == "للمرصد السوري لحقوق الإنسان"
    assert attributed.outlet == "Syrian Observatory for Human Rights"
    assert doc.events[0].summary_en.endswith("(according to Syrian Observatory for Human Rights).")



def test_the_outlet_a_source_told_is_no_argument() -> None:
    """`وقالت مصادر محلية لأورينت نت`: Orient Net reports the strike; it was read as its target."""
    doc = analyze_text("قصف تركي\n\nقصفت طائرات مسيرة تركية قرية في ريف الحسكة الشمالي، وقالت مصادر محلية لأورينت نت "
                       "إن القصف طال مستشفى ميدانياً.", label="outlet")
    strike = next(e for e in doc.events if e.plover == "ASSAULT")
    assert strike.actor1 == ["actor:turkish-armed-forces"]
    assert strike.actor2 == []
    assert strike.attributed_to is not None and strike.attributed_to.outlet == "Orient Net"
