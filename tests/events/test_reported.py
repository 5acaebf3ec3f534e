"""A trigger word is not always a report of an event: hypotheticals, series, states, tallies and
bare references back to an event already told must not become events of their own."""

from __future__ import annotations

import pytest

from marsad.pipeline import analyze_text


def _types(text: str) -> list[str]:
    return [e.plover for e in analyze_text(text).events]


@pytest.mark.parametrize(("text", "plover"), [
    # `أي هجوم`: any attack that may come, none that happened
    ("وقال القيادي إن قواتنا جاهزة للتعامل مع أي هجوم على مواقعها في ريف درعا.", "ASSAULT"),
    # `الحذر` (caution) is a noun; the verb `حذر` (warned) never takes the article
    ("وخيم الهدوء الحذر على الأسواق في مدينة السويداء بعد أيام من التوتر.", "THREATEN"),
    # a series (`القصف المتكرر`) is the background, not one event
    ("وباتت المنطقة شبه خالية من السكان بفعل القصف المتكرر خلال السنوات الماضية.", "ASSAULT"),
    # the lack of aid is not a delivery
    ("ونزح أكثر من 800 شخص من ريف إدلب الجنوبي، وسط نقص حاد في المساعدات الإنسانية.", "AID"),
    # a monitor's tally over a month is not an attack, and the monitor did not kill anyone
    ("وثق المرصد السوري لحقوق الإنسان مقتل 93 شخصاً في ريف درعا منذ مطلع الشهر.", "ASSAULT"),
    # what someone asks to stop has not happened here
    ("ودعت الأمم المتحدة جميع الأطراف إلى وقف استهداف المدنيين والمنشآت الحيوية في ريف إدلب.", "ASSAULT"),
    # feared, not happened
    ("ويعد هذا التطور الثاني من نوعه في ريف درعا، وسط مخاوف من اتساع رقعة المواجهات.", "ASSAULT"),
    # repeated exchanges of fire along a front line are the background
    ("وتشهد خطوط التماس قرب بلدة الشحيل تبادلاً متكرراً لإطلاق النار.", "ASSAULT"),
    # worry, not an armed group, `controls everyone`
    ("وقال ناشط إن القلق يسيطر على الجميع في مدينة درعا.", "ASSAULT"),
    # its people left it (`هَجَرها`): nobody expelled anyone
    ("ويقول ناشطون إن المنطقة الممتدة بين بلدتين هجرها أغلب أهلها بعد موجات النزوح.", "COERCE"),
    # commitment to a truce in force is not a new agreement
    ("ونفت الحركة ذلك في بيان رسمي، مؤكدة التزامها بالتهدئة في ريف درعا الغربي.", "AGREE"),
])
def test_not_an_event(text: str, plover: str) -> None:
    assert plover not in _types(text), text


@pytest.mark.parametrize(("text", "plover"), [
    ("قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم.", "ASSAULT"),
    ("دخلت قافلة مساعدات إنسانية إلى مدينة درعا اليوم عبر معبر نصيب.", "AID"),
    ("وحذرت الأمم المتحدة من تداعيات استمرار العمليات العسكرية في ريف إدلب.", "THREATEN"),
    # observers who report (not analyse) an attack
    ("وقال مراقبون إن الغارات الجوية استهدفت مواقع في بلدة كفرنبل بريف إدلب الجنوبي أمس.", "ASSAULT"),
    # the fear in the first clause does not reach the strike told after `فيما`
    ("ونزحت عشرات العائلات خشية تجدد المعارك، فيما استهدفت طائرة مسيرة تركية سيارة عسكرية قرب منبج.", "ASSAULT"),
])
def test_still_an_event(text: str, plover: str) -> None:
    assert plover in _types(text), text


def test_bare_reference_joins_the_event_it_refers_to() -> None:
    doc = analyze_text("استقدمت قوات النظام تعزيزات عسكرية جديدة إلى مدينة درعا أمس.\n\n"
                       "وتأتي التعزيزات وسط حديث عن عملية عسكرية مرتقبة في المنطقة.")
    mobilize = [e for e in doc.events if e.plover == "MOBILIZE"]
    assert len(mobilize) == 1, [(e.plover, e.mode) for e in doc.events]
    assert len(mobilize[0].evidence) == 2


def test_accused_act_is_the_accusations_content() -> None:
    """`اتهمت X في وقت سابق من الشهر الجاري باستهداف`: one accusation, no attack of its own."""
    types = _types("وكانت قوات النظام قد اتهمت الهيئة في وقت سابق من الشهر الجاري باستهداف مواقع في دركوش.")
    assert "ACCUSE" in types and "ASSAULT" not in types, types


def test_suicide_drone_is_a_drone_strike() -> None:
    doc = analyze_text("استهدفت طائرة مسيرة انتحارية تابعة لقوات النظام نقطة عسكرية في بلدة الرحى بريف السويداء "
                       "الشرقي صباح اليوم، ما أسفر عن مقتل 3 عناصر.")
    assault = [e for e in doc.events if e.plover == "ASSAULT"]
    assert assault and assault[0].mode == "drone", [(e.plover, e.mode) for e in doc.events]
    assert assault[0].acled_sub_event_type == "Air/drone strike"
