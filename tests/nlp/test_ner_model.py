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


def _shipped() -> CrfModel:
    from marsad.nlp.ner.recognise import MODEL_PATH

    return CrfModel.load(MODEL_PATH)


def test_chunks_of_label_ids_are_the_bio_spans_of_the_labels():
    import random

    import numpy as np

    from marsad.nlp.ner.tags import spans

    model = _shipped()
    rng = random.Random(7)
    for _ in range(200):
        lengths = [rng.randint(1, 12) for _ in range(rng.randint(1, 6))]
        path = np.array([rng.randrange(len(model.labels)) for _ in range(sum(lengths))])
        sid = np.repeat(np.arange(len(lengths)), lengths)
        # The chunks of all sentences at once: their labels end to end, an O between two sentences.
        flat, at = [], []
        for k, label in enumerate(model.labels[i] for i in path):
            if k and sid[k] != sid[k - 1]:
                flat.append("O")
            at.append(len(flat))
            flat.append(label)
        expected = [(at.index(a), at.index(b - 1) + 1, kind) for a, b, kind in spans(flat)]
        assert model.chunks(path, sid) == expected


def test_evicting_cached_words_changes_no_label(monkeypatch):
    import marsad.nlp.ner.model as M

    lexicon = {"الولايات المتحدة": "STATE", "بغداد": "LOCATION", "جورج بوش": "PERSON", "ريف حلب الشمالي": "LOCATION"}
    sentences = [s.split() for s in (
        "قال جورج بوش في بغداد ان الولايات المتحدة باقيه",
        "قصفت الطايرات ريف حلب الشمالي امس وقتل ثلاثه",
        "وصل الرئيس جورج بوش الي الولايات المتحدة",
        "اشتباكات في ريف حلب الشمالي بين الفصايل",
    )]
    plain, small = _shipped(), _shipped()
    for model in (plain, small):
        model.set_gazetteer(*combine({"lx": lexicon}))
    expected = [plain.tag(s)[0] for s in sentences]
    monkeypatch.setattr(M, "CACHE_WORDS", 12)  # a few sentences fill it: words are evicted and added again
    for _ in range(3):
        assert [small.tag(s)[0] for s in sentences] == expected
    assert len(small._slot) <= 12 + max(map(len, sentences))
    assert any(t != "O" for labels in expected for t in labels)
