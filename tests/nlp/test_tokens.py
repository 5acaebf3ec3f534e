"""The clitic-aware tokeniser."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from marsad.nlp.tokens import clitic_splits, stem_candidates, tokenize


def test_tokens_carry_offsets_into_the_text():
    text = "قصفت قوات النظام، صباح اليوم (الخميس) بلدة كفرنبل."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["قصفت", "قوات", "النظام", "،", "صباح", "اليوم", "(", "الخميس", ")",
                                        "بلدة", "كفرنبل", "."]
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_numbers_with_separators_and_eastern_digits_are_one_token():
    tokens = tokenize("مقتل ١٢ مدنياً و3.5 كم و12,000 نازح")
    # A conjunction glued to a number is split off: the number stays whole.
    assert [t.text for t in tokens] == ["مقتل", "١٢", "مدنياً", "و", "3.5", "كم", "و", "12,000", "نازح"]
    assert tokens[1].norm == "12"


def test_diacritics_tatweel_and_obfuscation_stay_inside_the_word():
    tokens = tokenize("قُصِفَتْ مـــدينة استـ.ـشهد")
    assert [t.text for t in tokens] == ["قُصِفَتْ", "مـــدينة", "استـ.ـشهد"]
    assert [t.norm for t in tokens] == ["قصفت", "مدينه", "استشهد"]


def test_clitic_splits_offer_every_reading_unsplit_first():
    assert clitic_splits("وللاسد") == (("", "وللاسد"), ("و", "للاسد"), ("ول", "لاسد"), ("ولل", "اسد"))
    assert ("وبال", "ميليشيات") in clitic_splits("وبالميليشيات")
    assert ("ب", "ادلب") in clitic_splits("بادلب")


def test_stem_candidates_restore_the_article_after_lil():
    assert "الاسد" in stem_candidates("وللاسد")
    assert "اسد" in stem_candidates("وللاسد")
    assert "ميليشيا" in stem_candidates("لميليشيا")


def test_stems_keep_at_least_two_letters():
    assert clitic_splits("بر") == (("", "بر"),)
    assert all(len(stem) >= 2 for _, stem in clitic_splits("وبال"))


@given(st.text(alphabet="ابتحلمنوي فكلـ.،؟٠١ \n", max_size=80))
def test_tokens_never_overlap_and_cover_every_non_space(text):
    tokens = tokenize(text)
    covered = set()
    for a, b in itertools.pairwise(tokens):
        assert a.end <= b.start
    for t in tokens:
        covered.update(range(t.start, t.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@given(st.text(alphabet="ابتسشقلمنهويأةى \u064b\u0650\u0640\u200c.*_-,٫٬1٣aZß!؟🙂\n", max_size=80))
def test_tokens_are_the_pattern_matches_with_their_normalised_form(text):
    # tokenize splits with the pattern in C; it must give exactly the pattern's matches, in order.
    from marsad.clean.normalize import normalize_text
    from marsad.nlp.tokens import TOKEN_RE

    tokens = tokenize(text)
    assert [(t.start, t.end, t.text) for t in tokens] == [(m.start(), m.end(), m.group())
                                                          for m in TOKEN_RE.finditer(text)]
    assert all(t.norm == normalize_text(t.text) for t in tokens)


def test_the_cache_of_normalised_forms_stays_bounded_and_right(monkeypatch):
    from marsad.clean.normalize import normalize_text
    from marsad.nlp import tokens

    monkeypatch.setattr(tokens, "_NORMALIZED_MAX", 5)
    tokens._normalized.clear()
    text = "قصفت قوات النظام بلدة كفرنبل وأسفرت الغارة عن مقتل ثلاثة مدنيين في إدلب"
    for _ in range(2):
        toks = tokenize(text)
        assert [t.norm for t in toks] == [normalize_text(t.text) for t in toks]
        assert len(tokens._normalized) <= 5
