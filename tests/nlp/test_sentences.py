"""Sentence segmentation of Arabic news prose."""

from marsad.nlp.sentences import split_sentences


def texts(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_splits_at_full_stop_question_and_exclamation():
    text = "قصفت الطائرات البلدة. وقال مصدر إن القصف مستمر؟ نعم! انتهى"
    assert texts(text) == ["قصفت الطائرات البلدة.", "وقال مصدر إن القصف مستمر؟", "نعم!", "انتهى"]


def test_paragraph_breaks_end_sentences():
    assert texts("طرد نهائي\n\nوقالت مصادر محلية إن الاجتماع عقد") == ["طرد نهائي", "وقالت مصادر محلية إن الاجتماع عقد"]


def test_closing_quote_stays_with_its_sentence():
    assert texts('وقال إن "الوضع خطير." ثم غادر.') == ['وقال إن "الوضع خطير."', "ثم غادر."]


def test_decimals_abbreviations_and_commas_do_not_split():
    text = "بلغت المسافة 3.5 كم، وقال د. أحمد إن الوضع مستقر؛ والاشتباكات توقفت."
    assert texts(text) == [text]


def test_spans_are_trimmed_and_point_into_the_text():
    text = "  جملة أولى.   جملة ثانية.  "
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == ["جملة أولى.", "جملة ثانية."]
