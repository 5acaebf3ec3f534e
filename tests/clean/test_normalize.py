"""The normalised view: what it folds, and that every offset maps back to the same characters."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.clean.normalize import _map_char, normalize, normalize_text

ARABIC_ALPHABET = "ابتثجحخدذرسشصضطظعغفقكلمنهوي" + "أإآٱىةؤئء" + "\u064b\u064e\u064f\u0650\u0651\u0652\u0640"
MIXED = ARABIC_ALPHABET + "٠١٢٣٤٥٦٧٨٩۰۱۲ abcXYZ.,-*_()\n\u200b\u200f\u202bﻻﷲ0123"


def test_hamza_alef_forms_fold():
    assert normalize_text("أحمد إدلب آمنة ٱلله") == "احمد ادلب امنه الله"


def test_alef_maqsura_and_taa_marbuta_fold():
    assert normalize_text("مستشفى حماة") == normalize_text("مستشفي حماه") == "مستشفي حماه"


def test_diacritics_and_tatweel_are_dropped():
    assert normalize_text("قُصِفَتْ مـــدينة") == "قصفت مدينه"


def test_eastern_and_persian_digits_become_western():
    assert normalize_text("مقتل ١٢ مدنياً و۳ أطفال") == "مقتل 12 مدنيا و3 اطفال"


def test_obfuscating_dots_inside_a_word_are_removed():
    assert normalize_text("استـ.ـشهد") == "استشهد"
    assert normalize_text("قـ*ـصف") == "قصف"
    # An ordinary full stop between sentences is kept.
    assert normalize_text("انتهى. وقال") == "انتهي. وقال"


def test_invisible_controls_are_dropped():
    assert normalize_text("حل\u200bب\u202b") == "حلب"


def test_presentation_forms_decompose():
    assert normalize_text("ﻻ") == "لا"


def test_latin_is_lowercased():
    assert normalize_text("CNN Arabic") == "cnn arabic"


def test_spans_map_back_to_the_original():
    text = "قالت مصادر محلية إنّ ميليشيـــات أسد قصفت بلدة"
    view = normalize(text)
    start = view.text.index("ميليشيات اسد")
    s, e = view.to_original(start, start + len("ميليشيات اسد"))
    assert text[s:e] == "ميليشيـــات أسد"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MIXED, max_size=200))
def test_every_normalised_character_comes_from_its_mapped_original(text):
    view = normalize(text)
    assert len(view.offsets) == len(view.text) + 1
    assert list(view.offsets[:-1]) == sorted(view.offsets[:-1])
    for i, ch in enumerate(view.text):
        assert ch in _map_char(text[view.offsets[i]]), (text, i)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MIXED, max_size=120), st.data())
def test_any_span_maps_to_an_original_span_that_normalises_to_it(text, data):
    view = normalize(text)
    if not view.text:
        return
    start = data.draw(st.integers(0, len(view.text) - 1))
    end = data.draw(st.integers(start + 1, len(view.text)))
    s, e = view.to_original(start, end)
    assert 0 <= s < e <= len(text)
    # Normalising the original span gives back (at least) the normalised span.
    assert view.text[start:end] in normalize_text(text[s:e])


# Characters outside the Arabic block too: sharp s expands, an emoji is outside the BMP, a lone
# surrogate can come from a broken decoder.
WIDE = MIXED + "ßİéК🙂\ud800ـ•·"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=WIDE, min_size=250, max_size=700))
def test_view_and_key_normalise_long_texts_character_by_character(text):
    # Long texts take the array path (a gather per code point); it must equal mapping each character.
    from marsad.clean.normalize import _without_obfuscators

    expected = "".join(_map_char(ch) for ch in _without_obfuscators(text))
    assert normalize(text).text == expected
    assert normalize_text(text) == expected


def test_spans_map_back_as_one_by_one():
    text = "قصفت قوّاتُ النظـــام مدينة استـ.ـشهد ﻻ بأس، ٣ قتلى"
    view = normalize(text)
    spans = [(s, e) for s in range(len(view.text)) for e in range(s + 1, min(len(view.text), s + 6) + 1)]
    assert view.spans_to_original(spans) == [view.to_original(s, e) for s, e in spans]
    assert view.spans_to_original([]) == []
