"""Apposition rules: titles and ranks, aliases, kunyas, nisbas, parentheses."""

from marsad.nlp.ner import rules
from marsad.nlp.tokens import tokenize

# A small stand-in for the model's common-word list: frequent words the corpora never tag.
COMMON = frozenset({"قال", "في", "من", "ان", "الذي", "قوات", "اليوم", "امس", "الامريكي", "السوري", "مع", "على"})


def found(text: str) -> list[tuple[str, str, str]]:
    tokens = tokenize(text)
    return [(text[tokens[r.start].start:tokens[r.end - 1].end], r.type, r.rule) for r in rules.find(tokens, COMMON)]


def test_ranks_and_titles_introduce_a_name():
    assert found("قتل العقيد أحمد الحمد في ريف حلب") == [("أحمد الحمد", "PERSON", "title")]
    assert found("وقال اللواء الركن سهيل الحسن إن") == [("سهيل الحسن", "PERSON", "title")]
    assert found("التقى القيادي البارز أبو محمد الجولاني") == [("أبو محمد الجولاني", "PERSON", "title")]
    assert found("وأضاف الشيخ عبد الله المحيسني") == [("عبد الله المحيسني", "PERSON", "title")]


def test_a_title_followed_by_an_adjective_is_not_a_name():
    assert found("قال الرئيس الأمريكي اليوم") == []


def test_title_before_a_parenthesised_name():
    assert found("رئيس فرع المخابرات الجوية في حلب العقيد (علي ديوب حسن)") == [("علي ديوب حسن", "PERSON", "title")]


def test_aliases_after_known_as():
    assert found("خالد الحسن العلوش الملقب بـ (خالد أبو حسين)") == [("خالد أبو حسين", "PERSON", "alias")]
    # The rule keeps whole tokens; the recogniser strips the attached preposition (`ب`) afterwards.
    assert found("المعروف بأبي عمر الشيشاني") == [("بأبي عمر الشيشاني", "PERSON", "alias")]


def test_kunya_with_nisba():
    assert found("أعلن أبو عمر الشيشاني في كلمة") == [("أبو عمر الشيشاني", "PERSON", "kunya")]


def test_parenthesised_short_names():
    tokens = tokenize("ميليشيا الباقر (خالد الحسن العلوش) و(أجانب في المدينة منذ سنوات طويلة)")
    ranges = rules.parenthesised(tokens, COMMON)
    assert [" ".join(t.text for t in tokens[a:b]) for a, b in ranges] == ["خالد الحسن العلوش"]


def test_nisba_extends_a_name():
    words = [t.norm for t in tokenize("أحمد الحلبي السوري قال")]
    assert rules.nisba_extension(words, 1, COMMON) == 2
