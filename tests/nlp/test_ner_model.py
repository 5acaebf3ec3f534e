"""The numpy decoder reproduces CRFsuite's own tagging of the same model exactly."""

from pathlib import Path

import pycrfsuite
import pytest

from marsad.nlp.ner import corpora as C
from marsad.nlp.ner.features import Featurizer, sentence_features
from marsad.nlp.ner.gazetteer import combine
from marsad.nlp.ner.model import CrfModel, export
from marsad.nlp.ner.train import norm_words

DATA = C.default_data_dir() / "ner"


@pytest.mark.skipif(not (DATA / "anercorp").is_dir(), reason="../shared/data not present")
def test_numpy_viterbi_matches_crfsuite(tmp_path: Path):
    sentences = C.read_anercorp(DATA / "anercorp" / "train.txt")[:400]
    held = C.read_anercorp(DATA / "anercorp" / "test.txt")[:60]
    lexicon = {"الولايات المتحدة": "STATE", "بغداد": "LOCATION", "جورج بوش": "PERSON"}
    single, multi, parts = combine({"lx": lexicon})
    fz = Featurizer({"بغداد": "1.2", "دمشق": "1.3"}, single, multi, parts)
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(sentence_features(norm_words(s.tokens), fz), s.tags)
    trainer.set_params({"c1": 0.05, "c2": 0.02, "max_iterations": 25, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / "m.crfsuite"))
    export(tmp_path / "m.crfsuite", tmp_path / "m.npz", {}, {"بغداد": "1.2", "دمشق": "1.3"})
    model = CrfModel.load(tmp_path / "m.npz")
    model.set_gazetteer(single, multi, parts)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "m.crfsuite"))
    words = [norm_words(s.tokens) for s in held]
    ours = [labels for labels, _ in model.tag_many(words)]
    theirs = [tagger.tag(sentence_features(w, fz)) for w in words]
    assert ours == theirs
    assert any(t != "O" for labels in ours for t in labels)
