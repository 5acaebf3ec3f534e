"""Cleaning rules, each on inputs written for the rule (not tuned to one page)."""

import pytest

from marsad.clean.clean import clean_text
from marsad.clean.furniture import furniture_reason, is_prose

BODY = [
    "قالت مصادر محلية إن قوات النظام قصفت بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم بالمدفعية الثقيلة.",
    "وأضافت المصادر أن القصف أدى إلى دمار واسع في المنازل وخروج مستشفى البلدة عن الخدمة بشكل كامل.",
    "ولم يصدر أي تعليق رسمي من الجانب الحكومي حتى لحظة إعداد هذا التقرير حول ما جرى في البلدة.",
]


def article(*lines: str) -> str:
    return "\n\n".join(lines)


def removed_reasons(cleaned):
    return {text: reason for text, reason in cleaned.furniture}


def test_repeated_headline_is_kept_once_as_title():
    title = "قصف مدفعي يستهدف كفرنبل"
    cleaned = clean_text(article(title, title, *BODY))
    assert cleaned.title == title
    assert cleaned.text.startswith(BODY[0])
    assert [r for _, r in cleaned.furniture] == ["repeated headline", "repeated headline"]


def test_headline_set_apart_by_a_blank_line_becomes_title():
    cleaned = clean_text("قصف مدفعي يستهدف كفرنبل\n\n" + article(*BODY))
    assert cleaned.title == "قصف مدفعي يستهدف كفرنبل"
    assert cleaned.text.startswith(BODY[0])


def test_a_prose_first_paragraph_is_not_taken_for_a_title():
    cleaned = clean_text(article(*BODY))
    assert cleaned.title is None
    assert cleaned.text == article(*BODY)


def test_given_title_is_removed_from_the_top_also_with_a_site_suffix():
    cleaned = clean_text(article("قصف مدفعي يستهدف كفرنبل - موقع الخبر", *BODY), title="قصف مدفعي يستهدف كفرنبل")
    assert cleaned.title == "قصف مدفعي يستهدف كفرنبل"
    assert cleaned.text.startswith(BODY[0])


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("التعليقات (12)", "comment widget"),
        ("تعليقات", "comment widget"),
        ("Comments (3)", "comment widget"),
        ("أضف تعليقك", "comment widget"),
        ("Facebook Comments", "comment widget"),
        ("0", "no words (a counter, number or symbol)"),
        ("★ ★ ★", "no words (a counter, number or symbol)"),
        ("[ad_1]", "advertisement marker"),
        ("إعلان", "advertisement marker"),
        ("camera icon جانب من الدمار في المدينة", "photo caption or icon label"),
        ("tag icon سوريا", "photo caption or icon label"),
        ("صورة: أرشيفية لمدينة حلب", "photo caption or icon label"),
        ("الأكثر قراءة", "navigation or section heading"),
        ("🔥 الأكثر مشاهدة هذا الأسبوع", "navigation or section heading"),
        ("الرئيسية > أخبار > سوريا", "breadcrumb"),
        ("شارك على فيسبوك تويتر واتساب", "share or subscribe buttons"),
        ("تابعونا على تلغرام", "share or subscribe buttons"),
        ("Share Tweet Email", "share or subscribe buttons"),
        ("جميع الحقوق محفوظة © 2024", "site policy or copyright notice"),
        ("تاريخ النشر: 12 تموز 2019", "publication stamp"),
    ],
)
def test_furniture_lines_are_recognised_with_their_reason(line, reason):
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("line", [*BODY, "طرد نهائي", "وعود بالإقصاء ولكن", "مقتل ثلاثة مدنيين في قصف على إدلب"])
def test_article_lines_are_not_furniture(line):
    assert furniture_reason(line) is None


def test_trailing_block_goes_with_its_short_lines_but_body_headings_stay():
    text = article(BODY[0], "طرد نهائي", BODY[1], BODY[2], "التعليقات (0)", "0", "الأكثر قراءة",
                   "💡 أهم المواضيع", "قصة قصيرة عن شيء آخر")
    cleaned = clean_text(text)
    assert cleaned.text == article(BODY[0], "طرد نهائي", BODY[1], BODY[2])
    reasons = removed_reasons(cleaned)
    assert reasons["قصة قصيرة عن شيء آخر"] == "trailing page element"
    assert reasons["التعليقات (0)"] == "comment widget"


def test_leading_navigation_is_removed():
    cleaned = clean_text(article("الرئيسية", "أخبار سوريا / محلي", "شارك", *BODY))
    assert cleaned.text.startswith(BODY[0])
    assert len(cleaned.furniture) == 3


def test_related_articles_list_is_removed_with_its_items():
    text = article(BODY[0], "اقرأ أيضاً:", "مقتل قيادي في هيئة تحرير الشام", "غارات روسية على جبل الزاوية",
                   BODY[1], BODY[2])
    cleaned = clean_text(text)
    assert cleaned.text == article(BODY[0], BODY[1], BODY[2])
    assert {r for _, r in cleaned.furniture} == {"related-articles list"}


def test_inline_ad_marker_is_cut_from_a_prose_line():
    cleaned = clean_text(article(BODY[0] + " [ad_1]", BODY[1]))
    assert cleaned.text == article(BODY[0], BODY[1])
    assert ("[ad_1]", "advertisement marker") in cleaned.furniture


def test_caption_inside_the_body_is_removed():
    cleaned = clean_text(article(BODY[0], "camera icon آثار القصف على البلدة (أرشيف)", BODY[1]))
    assert cleaned.text == article(BODY[0], BODY[1])


def test_site_policy_paragraph_is_removed_even_when_long():
    policy = ("ترحب الشبكة بالنقاش الحيوي والمفيد، وننصحك بمراجعة إرشادات الاستخدام قبل النشر، "
              "وجميع مشاركاتك تخضع لسياسة الخصوصية وشروط الاستخدام الخاصة بالموقع.")
    assert is_prose(policy)
    cleaned = clean_text(article(*BODY, policy))
    assert cleaned.text == article(*BODY)


def test_control_and_bidi_override_characters_are_removed_and_recorded():
    cleaned = clean_text(article(BODY[0].replace("قوات", "قو\u202eات"), BODY[1] + "\x07"))
    assert "\u202e" not in cleaned.text and "\x07" not in cleaned.text
    assert any(reason == "control characters" for _, reason in cleaned.furniture)


def test_windows_line_endings_and_indentation_are_normalised():
    cleaned = clean_text("  " + BODY[0] + "\r\n\r\n    " + BODY[1] + "\r\n")
    assert cleaned.text == article(BODY[0], BODY[1])


LINE_PIECES = ["قصفت قوات النظام", "مدينة حلب", "صورة:", "(صورة: رويترز)", "سياسة الخصوصية", "جميع الحقوق محفوظة",
               "All Rights Reserved", "share-icon", "ıcon", "İcon", "[ad_1]", "أضف تعليق", "تعليقات (3)", "شارك",
               "اقرأ أيضا", "الأكثر قراءة", "2024", ".", "،", " ", " ", "ـ", "²", "ß", "\u200c"]


# Texts without an icon label or a policy phrase: prepare_lines marks all their lines as lacking them.
PLAIN_PIECES = [p for p in LINE_PIECES if "con" not in p.lower() and p not in {"سياسة الخصوصية", "جميع الحقوق محفوظة",
                                                                             "All Rights Reserved"}]


@pytest.mark.parametrize("pieces", [LINE_PIECES, PLAIN_PIECES])
@pytest.mark.parametrize("seed", range(3))
def test_lines_prepared_together_get_the_same_facts_and_reasons_as_alone(seed, pieces):
    import random

    from marsad.clean import furniture
    from marsad.clean.normalize import normalize_text

    rng = random.Random(seed)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))).strip() or "x" for _ in range(300)]
    for facts in (furniture._WORD_COUNTS, furniture._NORMALIZED, furniture._NO_ICON, furniture._NO_POLICY):
        facts.clear()
    furniture.prepare_lines(lines)
    assert bool(furniture._NO_ICON) == bool(furniture._NO_POLICY) == (pieces is PLAIN_PIECES)
    for line in lines:
        # What the bulk pass stored is what each line gives alone.
        assert furniture._WORD_COUNTS[line] == len(furniture.words(line)), line
        assert furniture._NORMALIZED[line] == normalize_text(line), line
        # A prose line is removed only for the reasons that hold for prose, as the full rule chain says.
        if is_prose(line):
            reason = furniture_reason(line)
            expected = reason if reason in furniture.ALWAYS_FURNITURE else None
            assert furniture.prose_furniture_reason(line) == expected, line
    # The rules skipped for lines without their keyword give the same reasons when they run.
    reasons = [furniture_reason(line) for line in lines]
    furniture._NO_ICON.clear()
    furniture._NO_POLICY.clear()
    assert [furniture_reason(line) for line in lines] == reasons


def test_empty_lines_are_prepared_too():
    from marsad.clean import furniture

    lines = ["قصفت قوات النظام مدينة حلب", "", "x", ""]
    furniture.prepare_lines(lines)
    assert [furniture._WORD_COUNTS[line] for line in lines] == [5, 0, 1, 0]
    assert [furniture.normalized_line(line) for line in lines] == ["قصفت قوات النظام مدينه حلب", "", "x", ""]
