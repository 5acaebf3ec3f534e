"""Who did what to whom in sentences the lead checked by hand (expected actors read off the Arabic)."""

from __future__ import annotations

from marsad.document import Event
from marsad.pipeline import analyze_text

from .helpers import SHARED

PUBLISHED = "2023-03-10"


def _events(text: str, plover: str | None = None) -> list[Event]:
    doc = analyze_text(text, published=PUBLISHED)
    return [e for e in doc.events if plover is None or e.plover == plover]


def _one(text: str, plover: str, mode: str | None = None) -> Event:
    found = [e for e in _events(text, plover) if mode is None or e.mode == mode]
    assert len(found) == 1, (text, found)
    return found[0]


def test_ministry_is_no_visit_and_its_aircraft_act() -> None:
    """`وزارة` is not `و+زاره`; `طائراتها` are the ministry's aircraft, the denied strike's actor."""
    text = "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مستشفى."
    assert not _events(text, "CONSULT")
    ev = _one(text, "ASSAULT")
    assert ev.status.value == "denied"
    assert ev.actor1 == ["actor:russian-armed-forces"]
    assert "actor:russian-armed-forces" not in ev.actor2


def test_promise_reaches_over_speaker_and_time() -> None:
    """`وعد مسؤول … اليوم الثلاثاء بالإفراج`: a promise, not a release."""
    ev = _one("وعد مسؤول في الحكومة السورية اليوم الثلاثاء بالإفراج عن المعتقلين.", "CONCEDE")
    assert ev.status.value == "promised"



def test_context_actor_stays_near() -> None:
    """A subjectless verb takes the actor of the sentence before, not one from paragraphs away."""
    text = ("قصفت قوات النظام بلدة كفرنبل بقذائف المدفعية صباح اليوم.\n\n"
            "وتشهد المنطقة موجة نزوح واسعة منذ أسابيع بسبب الغلاء.\n\n"
            "وقال سكان إن الأسواق مغلقة منذ يومين في البلدة.\n\n"
            "وفي سياق آخر، اعتقلت مساء اليوم ثلاثة شبان في مدينة الرقة.")
    arrest = _one(text, "COERCE")
    assert "actor:syrian-government-forces" not in arrest.actor1
    near = "قصفت قوات النظام بلدة كفرنبل بقذائف المدفعية صباح اليوم. ثم اعتقلت ثلاثة شبان في البلدة."
    assert _one(near, "COERCE").actor1 == ["actor:syrian-government-forces"]


def test_genitive_after_the_object_is_not_the_subject() -> None:
    """`داهمت الدوريات منازل المعتقلين`: the detainees own the houses; the patrols raid."""
    ev = _one("داهمت الدوريات منازل المعتقلين في بلدة الصنمين.", "COERCE")
    assert "actor:detainees" not in ev.actor1
    # with no subject the verb recognises, the genitive still does not act
    ev = _one("داهمت منازل المعتقلين في بلدة الصنمين.", "COERCE")
    assert "actor:detainees" not in ev.actor1


def test_owner_of_the_hit_vehicle_is_the_target() -> None:
    ev = _one("انفجرت عبوة ناسفة بسيارة عسكرية تابعة للجيش التركي قرب مدينة الباب.", "ASSAULT")
    assert ev.actor2 == ["actor:turkish-armed-forces"]
    assert not ev.actor1


def test_nationality_after_event_noun_and_counted_civilians() -> None:
    """`غارات جوية روسية`: Russia's forces struck; the 12 civilians killed are the target."""
    ev = _one("قتل 12 مدنياً جراء غارات جوية روسية استهدفت بلدة كفرنبل.", "ASSAULT")
    assert ev.actor1 == ["actor:russian-armed-forces"]
    assert ev.actor2 == ["actor:civilians"]
    assert ev.fatalities == 12


def test_nationality_adjective_after_masdar() -> None:
    ev = _one("تعرضت قرية الحاضر لقصف تركي عنيف صباح اليوم.", "ASSAULT")
    assert ev.actor1 == ["actor:turkish-armed-forces"]


def test_arrested_young_men_are_civilians() -> None:
    ev = _one("اعتقلت قوات سوريا الديمقراطية عشرة شبان في مدينة الرقة.", "COERCE")
    assert ev.actor1 == ["actor:sdf"]
    assert ev.actor2 == ["actor:civilians"]


def test_object_after_title_and_affiliation() -> None:
    """`اغتال مسلحون القيادي في الفرقة الرابعة العقيد سامر حسن`: the colonel named after his titles is hit."""
    ev = _one("اغتال مسلحون مجهولون القيادي في الفرقة الرابعة العقيد سامر حسن في مدينة درعا.", "ASSAULT")
    assert ev.actor1 == ["actor:unidentified-gunmen"]
    assert ev.actor2 == ["person:samr-hassan"]


def test_takeover_summary_and_clash_subject() -> None:
    """`سيطرت الهيئة على قرية بعد اشتباكات مع قوات النظام`: the regime is the counterpart, not what was taken;
    the clash is fought by the sentence's subject."""
    text = "سيطرت هيئة تحرير الشام على قرية الحاضر بعد اشتباكات مع قوات النظام."
    take = _one(text, "ASSAULT", "occupy")
    assert take.actor1 == ["actor:hts"]
    assert "took control of Syrian" not in take.summary_en
    assert take.summary_en.startswith("Hay'at Tahrir al-Sham took control of Al ")
    assert take.summary_en.endswith("from Syrian government forces (Syrian Arab Army).")
    clash = _one(text, "ASSAULT", "clash")
    assert clash.actor1 == ["actor:hts"]
    assert clash.actor2 == ["actor:syrian-government-forces"]


def test_victims_before_an_attack_noun_never_act() -> None:
    """Counted or linked civilians before `بقصف` are hit; the agent follows the noun (`لقوات النظام`) or is
    named by a nationality adjective (`قصف مدفعي تركي`)."""
    ev = _one("قتل ثلاثة أطفال بقصف لقوات النظام على بلدة سرمين.", "ASSAULT")
    assert (ev.actor1, ev.actor2, ev.fatalities) == (["actor:syrian-government-forces"], ["actor:civilians"], 3)
    ev = _one("أصيب خمسة مدنيين بقصف مدفعي تركي على قرية في ريف الحسكة.", "ASSAULT")
    assert (ev.actor1, ev.injured) == (["actor:turkish-armed-forces"], 5)
    assert "actor:civilians" in ev.actor2


def test_nationality_of_a_described_agent() -> None:
    """`طائرة مسيرة تركية`, `طائرات حربية روسية`: the described aircraft are that state's forces."""
    ev = _one("قصفت طائرة مسيرة تركية سيارة في ريف القامشلي.", "ASSAULT")
    assert (ev.actor1, ev.mode) == (["actor:turkish-armed-forces"], "drone")
    ev = _one("شنت طائرات حربية روسية غارات على بلدة كفرنبل.", "ASSAULT")
    assert (ev.actor1, ev.mode) == (["actor:russian-armed-forces"], "aerial")
    # `طائراتها` (its aircraft) makes the denied strike an air strike
    ev = _one("نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مستشفى.", "ASSAULT")
    assert ev.mode == "aerial"


def test_fighting_before_a_takeover_is_a_detail_of_it() -> None:
    """`استولى داعش على أحياء … بعد هجوم مباغت`: one event (ACLED codes the takeover), the attack below 0.5."""
    events = _events("استولى تنظيم داعش على أحياء في مدينة الميادين بعد هجوم مباغت ليلة أمس.", "ASSAULT")
    assert [(e.mode, e.actor1) for e in events if e.confidence >= 0.5] == [("occupy", ["actor:islamic-state"])]


def test_reference_article_genitives_and_quotes() -> None:
    """`اقترح ممثلو الميليشيات إرسال ميليشيات إيران`: the representatives' genitive is their subject, not an
    object's genitive; `لا داعي لوجودهم … بعد السيطرة على المدينة` in a quote is no takeover by the outlet."""
    text = (SHARED / "samples" / "orient-aleppo-militias.txt").read_text(encoding="utf-8")
    doc = analyze_text(text)
    assert not [e for e in doc.events if "actor:orient-news" in e.actor1]
    propose = [e for e in doc.events if e.plover == "REQUEST" and e.mode == "propose"]
    assert propose and "actor:ndf" not in propose[0].actor1
    assert propose[0].actor2 == ["actor:iran-backed-militias"]


def test_common_noun_actors_are_lower_case_inside_a_summary() -> None:
    """"shelled civilians", not "shelled Civilians"; the KB marks such actors with ``common_noun``."""
    summary = _one("قصف على كفرنبل\n\nقتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على بلدة كفرنبل في ريف إدلب "
                   "الجنوبي.", "ASSAULT").summary_en
    assert " shelled civilians in Kafranbel" in summary
    assert "Civilians" not in summary


def test_a_protest_is_its_protesters_and_its_demand_no_event_of_its_own() -> None:
    """ACLED codes a protest with the protesters as actor1; the people who hold it are never its target,
    and what they demand (`مطالبين بالإفراج`) neither happened nor is a second event."""
    sit_in = "اعتصم العشرات من أهالي المعتقلين أمام مبنى المحكمة في دمشق مطالبين بالإفراج عن أبنائهم."
    events = _events(sit_in)
    assert [(e.plover, e.mode) for e in events] == [("PROTEST", "sit-in")]
    assert events[0].actor1 == ["actor:protesters"] and events[0].actor2 == []
    assert events[0].summary_en.startswith("Protesters held a sit-in in Damascus")
    vigil = _one("نظم أهالي مدينة الباب وقفة احتجاجية أمام المجلس المحلي احتجاجاً على انقطاع الكهرباء.", "PROTEST")
    assert vigil.actor1 == ["actor:protesters"] and vigil.actor2 == []
    march = _events("تظاهر العشرات في مدينة السويداء للمطالبة بإسقاط النظام.")
    assert [(e.plover, e.actor1) for e in march] == [("PROTEST", ["actor:protesters"])]


def test_a_demanded_release_is_no_release() -> None:
    """`طالبت … بالإفراج` and `المطالبة بالإفراج`: the release is what is wanted, not what happened."""
    assert not _events("جددت منظمات حقوقية المطالبة بالإفراج عن المعتقلين في سجون النظام.", "CONCEDE")
    assert not _events("طالبت الفصائل بالإفراج عن المعتقلين.", "CONCEDE")
    assert _one("أفرجت السلطات عن عشرين معتقلاً من سجن عدرا.", "CONCEDE").mode == "release"
