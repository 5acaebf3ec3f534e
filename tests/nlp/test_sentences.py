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


def _by_paragraph(text):
    """The reference: paragraph by paragraph, sentence ends inside each (how the splitter used to work)."""
    import re

    end_re = re.compile(r"[.!?؟…]+[\"'»”’)\]]*(?=\s)")
    out = []

    def append(start, end):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))

    for para in re.finditer(r"[^\n]+", text):
        chunk, cursor = para.group(), 0
        for end in end_re.finditer(chunk):
            if re.search(r"(?:^|\s)\w[.]$", chunk[:end.end()]):
                continue
            append(para.start() + cursor, para.start() + end.end())
            cursor = end.end()
        append(para.start() + cursor, para.end())
    return out


def test_one_pass_over_the_text_splits_as_paragraph_by_paragraph():
    import random

    pieces = ["د.", "م", ".", "!", "؟", "…", "\n", "\n\n", " ", "\t", "\r\n", '"', "»", ")", "3.5", "كلمة", "ab", "a."]
    rng = random.Random(0)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [(s.start, s.end) for s in split_sentences(text)] == _by_paragraph(text), text
