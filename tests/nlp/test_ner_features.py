"""Features and decoding of the shipped tagger: gazetteer spans, per-word caches, batching."""

import pytest

from marsad.nlp.ner import model as M
from marsad.nlp.ner.features import gazetteer_spans, gazetteer_tags
from marsad.nlp.ner.recognise import MODEL_PATH, with_gazetteers

MULTI = {
    ("جيش", "الاسلام"): "kb:ARMED_GROUP",
    ("جيش", "الاسلام", "في", "الغوطه", "الشرقيه"): "lx:ORG",  # its 3- and 4-word prefixes are no names
    ("هيئه", "تحرير", "الشام"): "kb:ARMED_GROUP|lx:ORG",
    ("تحرير", "الشام"): "lx:LOCATION",
}


def test_gazetteer_spans_take_the_longest_name_with_a_clitic_on_the_first_word():
    words = ["قال", "وجيش", "الاسلام", "في", "الغوطه", "ان", "لهيئه", "تحرير", "الشام"]
    assert gazetteer_spans(words, MULTI) == [
        "", "G=B-kb:ARMED_GROUP", "G=I-kb:ARMED_GROUP", "", "", "",
        "G=B-kb:ARMED_GROUP G=B-lx:ORG", "G=I-kb:ARMED_GROUP G=I-lx:ORG", "G=I-kb:ARMED_GROUP G=I-lx:ORG"]


def test_gazetteer_spans_walk_past_prefixes_that_are_not_names():
    words = ["جيش", "الاسلام", "في", "الغوطه", "الشرقيه", "تحرير", "الشام"]
    assert gazetteer_spans(words, MULTI) == ["G=B-lx:ORG"] + ["G=I-lx:ORG"] * 4 + [
        "G=B-lx:LOCATION", "G=I-lx:LOCATION"]
    # A name never runs past the end of the words given (one sentence).
    assert gazetteer_spans(["جيش", "الاسلام", "في", "الغوطه"], MULTI) == [
        "G=B-kb:ARMED_GROUP", "G=I-kb:ARMED_GROUP", "", ""]


TEXTS = ("قال العقيد احمد الحمد ان قوات النظام قصفت مدينه ادلب وريف حلب الجنوبي",
         "واعلن ابو محمد الجولاني ان هيئه تحرير الشام سيطرت علي بلده كفرنبل",
         "دمشق",
         "",
         "وزار الرئيس الامريكي جورج بوش بغداد امس")
SENTENCES = [t.split() for t in TEXTS]


@pytest.fixture(scope="module")
def model():
    return with_gazetteers(M.CrfModel.load(MODEL_PATH))


def test_a_batch_tags_each_sentence_as_if_alone(model):
    # Context, bigram and gazetteer features never cross a sentence boundary in a batch.
    together = model.tag_many(SENTENCES)
    for sentence, (labels, margin) in zip(SENTENCES, together, strict=True):
        alone_labels, alone_margin = model.tag(sentence)
        assert labels == alone_labels
        assert margin.tolist() == alone_margin.tolist()
    assert any(t != "O" for labels, _ in together for t in labels)
    assert together[3][0] == []


def test_a_small_word_cache_gives_the_same_tags(model, monkeypatch):
    expected = [(labels, margin.tolist()) for labels, margin in model.tag_many(SENTENCES)]
    small = with_gazetteers(M.CrfModel.load(MODEL_PATH))
    monkeypatch.setattr(M, "CACHE_WORDS", 8)  # far fewer words than a batch holds: cleared often
    for _ in range(2):
        got = [(labels, margin.tolist()) for labels, margin in small.tag_many(SENTENCES)]
        assert got == expected
        assert len(small._slot) <= max(8, len({w for s in SENTENCES for w in s}))


def test_gazetteer_tags_stop_at_sentence_ends():
    words = ["قال", "جيش", "الاسلام", "جيش", "الاسلام", "في", "الغوطه", "الشرقيه"]
    # One list of two sentences: `جيش | الاسلام …` is no name across the boundary after index 3.
    assert gazetteer_tags(words, MULTI, [4, 8]) == [
        (1, "G=B-kb:ARMED_GROUP"), (2, "G=I-kb:ARMED_GROUP")]
    assert gazetteer_tags(words, MULTI, [3, 8]) == [
        (1, "G=B-kb:ARMED_GROUP"), (2, "G=I-kb:ARMED_GROUP"), (3, "G=B-lx:ORG"), (4, "G=I-lx:ORG"),
        (5, "G=I-lx:ORG"), (6, "G=I-lx:ORG"), (7, "G=I-lx:ORG")]


def test_the_word_cache_stays_bounded_and_keeps_frequent_words(monkeypatch):
    model = with_gazetteers(M.CrfModel.load(MODEL_PATH))
    monkeypatch.setattr(M, "CACHE_WORDS", 20)
    expected = model.tag(["قصفت", "الطائرات", "دمشق"])
    for n in range(30):  # every call: the frequent words and four words never seen before
        model.tag_many([["قصفت", "الطائرات", "دمشق"], [f"كلمة{n}{k}" for k in "ابتث"]])
        assert len(model._slot) <= 20 + 7
    assert {"قصفت", "الطائرات", "دمشق"} <= model._slot.keys()
    labels, margin = model.tag(["قصفت", "الطائرات", "دمشق"])
    assert labels == expected[0] and margin.tolist() == expected[1].tolist()
