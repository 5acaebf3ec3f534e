"""Corpus readers: the known glitches are repaired in the loader, the files stay untouched."""

from pathlib import Path

import pytest

from marsad.nlp.ner import corpora as C
from marsad.nlp.ner.tags import spans

DATA = C.default_data_dir() / "ner"
needs_data = pytest.mark.skipif(not (DATA / "anercorp").is_dir(), reason="../shared/data not present")


def test_anercorp_glitches_are_repaired(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("مجلس B-ORG\nالأمن I-ORG\n O\nعمرو B-ERS\nموسى I-PERS\n. Oالإصابة O\nالصالحية ونايفة B-LOC\n"
                 "وزير o\n\nبغداد B-LOC\n", encoding="utf-8")
    raw = C.read_anercorp(f, raw=True)
    assert [len(s.tokens) for s in raw] == [10, 1]
    s = raw[0]
    assert s.tokens[2] == ","  # the empty token keeps its place
    assert s.tokens[5:7] == [".", "الإصابة"]
    assert s.tokens[7:9] == ["الصالحية", "ونايفة"]
    assert spans(s.tags) == [(0, 2, "ORG"), (3, 5, "PERS"), (7, 9, "LOC")]
    assert s.tags[9] == "O"
    mapped = C.read_anercorp(f)
    assert spans(mapped[0].tags) == [(0, 2, "ORG"), (3, 5, "PERSON"), (7, 9, "LOCATION")]


def test_wojood_keeps_the_outermost_kept_layer(tmp_path: Path):
    f = tmp_path / "w.txt"
    f.write_text("سكرتير B-OCC\nاللجنة I-OCC B-ORG\nالعربية I-OCC I-ORG\nفي I-OCC\nنابلس I-OCC B-GPE\n$#$ O\n",
                 encoding="utf-8")
    (s,) = C.read_wojood(f)
    assert s.tokens == ["سكرتير", "اللجنة", "العربية", "في", "نابلس"]
    # OCC is not a marsad type, so the nested ORG and GPE chunks surface.
    assert spans(s.tags) == [(1, 3, "ORG"), (4, 5, "LOCATION")]


@needs_data
def test_anercorp_split_sizes_match_the_published_split():
    train = C.read_anercorp(DATA / "anercorp" / "train.txt")
    test = C.read_anercorp(DATA / "anercorp" / "test.txt")
    # 125,305 and 25,008 lines of tokens; one line in each holds two tokens.
    assert sum(len(s.tokens) for s in train) == 125_306
    assert sum(len(s.tokens) for s in test) == 25_009


@needs_data
def test_training_corpora_never_include_anercorp_test_documents():
    test_words = {" ".join(s.tokens) for s in C.read_fane(DATA / "newsfane" / "test_anercorp_docs.tsv")
                  if len(s.tokens) > 12}
    train = C.training_corpora(DATA.parent, include=("newsfane",))
    assert train and not any(" ".join(s.tokens) in test_words for s in train if len(s.tokens) > 12)
