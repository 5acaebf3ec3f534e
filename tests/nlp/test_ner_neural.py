"""The neural tagger's parts: the encoder reads clitics and gazetteers, the CRF layer's loss and
Viterbi agree with brute force, and a small tagger trained on ANERcorp learns and round-trips."""

import itertools
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from marsad.nlp.ner import corpora as C  # noqa: E402
from marsad.nlp.ner import tags as T  # noqa: E402
from marsad.nlp.ner.evaluate import score  # noqa: E402
from marsad.nlp.ner.gazetteer import combine  # noqa: E402
from marsad.nlp.ner.neural import UNK, Encoder, NeuralModel, Tagger, encode_batch, viterbi  # noqa: E402
from marsad.nlp.ner.train import norm_words  # noqa: E402
from marsad.nlp.ner.train_neural import feature_names  # noqa: E402

DATA = C.default_data_dir() / "ner"


def _encoder() -> Encoder:
    vocab = ["<pad>", "<unk>", "الاسد", "ادلب", "قال"]
    chars = ["<pad>", "<unk>", *"ابتثجحخدذرزسشصضطظعغفقكلمنهوي"]
    enc = Encoder(vocab, chars, feature_names(["وللاسد", "بادلب", "قال"] * 5))
    enc.set_gazetteer(*combine({"lx": {"ادلب": "LOCATION", "بشار الاسد": "PERSON"}}))
    return enc


def test_encoder_reads_the_stem_behind_clitics():
    enc = _encoder()
    wid, sid, cids, fids = enc.word("وللاسد")  # "and to al-Assad": unknown as a whole
    assert wid == UNK and sid == enc.word_index["الاسد"]
    assert "".join(enc.chars[c] for c in cids) == "اسد"  # characters of the clitic-free core
    names = {enc.features[f] for f in fids}
    assert "pre=ولل" in names and "np=lx:PERSON" in names  # a word of a known multi-word name
    _, sid, _, fids = enc.word("بادلب")
    assert sid == enc.word_index["ادلب"] and "g=lx:LOCATION" in {enc.features[f] for f in fids}
    assert enc.word("قال")[0] == enc.word_index["قال"]


def test_encoder_marks_multi_word_gazetteer_spans():
    enc = _encoder()
    spans = enc.spans(["قال", "بشار", "الاسد", "امس"])
    assert [[enc.features[f] for f in ids] for ids in spans] == [[], ["G=B-lx:PERSON"], ["G=I-lx:PERSON"], []]


def _tiny(n_labels: int = 3) -> Tagger:
    torch.manual_seed(0)
    tagger = Tagger(5, 30, 4, n_labels, word_dim=4, char_dim=3, filters=4, hidden=3)
    with torch.no_grad():
        for p in (tagger.transitions, tagger.start, tagger.end):
            p.normal_()
    return tagger


def test_crf_loss_and_viterbi_match_brute_force():
    tagger = _tiny()
    em = torch.randn(2, 4, 3)
    mask = torch.tensor([[True] * 4, [True, True, True, False]])
    tags = torch.tensor([[0, 1, 2, 1], [2, 2, 0, 0]])
    tr, st, en = tagger.transitions.detach(), tagger.start.detach(), tagger.end.detach()

    def path_score(b, path):
        s = st[path[0]] + em[b, 0, path[0]] + en[path[-1]]
        return s + sum(tr[path[t - 1], path[t]] + em[b, t, path[t]] for t in range(1, len(path)))

    expected = []
    best = []
    for b, n in enumerate((4, 3)):
        paths = list(itertools.product(range(3), repeat=n))
        scores = torch.stack([path_score(b, p) for p in paths])
        expected.append(torch.logsumexp(scores, 0) - path_score(b, tags[b, :n].tolist()))
        best.append(list(paths[int(scores.argmax())]))
    assert float(tagger.nll(em, tags, mask).detach()) == pytest.approx(float(torch.stack(expected).mean()), abs=1e-4)
    decoded = viterbi(em.numpy(), np.array([4, 3]), tr.numpy(), st.numpy(), en.numpy())
    assert decoded[0].tolist() == best[0] and decoded[1, :3].tolist() == best[1]


@pytest.mark.skipif(not (DATA / "anercorp").is_dir(), reason="../shared/data not present")
def test_small_tagger_learns_anercorp_and_round_trips(tmp_path: Path):
    torch.set_num_threads(1)
    torch.manual_seed(3)
    sentences = [s for s in C.read_anercorp(DATA / "anercorp" / "train.txt")[:600] if 8 <= len(s.tokens) <= 25][:120]
    words = [norm_words(s.tokens) for s in sentences]
    vocab = ["<pad>", "<unk>", *sorted({w for s in words for w in s})]
    chars = ["<pad>", "<unk>", *sorted({c for s in words for w in s for c in w})]
    enc = Encoder(vocab, chars, feature_names([w for s in words for w in s]))
    labels = sorted({t for s in sentences for t in s.tags}, key=lambda t: (t != "O", t))
    tagger = Tagger(len(vocab), len(chars), len(enc.features), len(labels), word_dim=24, filters=16, hidden=24,
                    dropout=0.1)
    opt = torch.optim.Adam(tagger.parameters(), lr=0.02)
    for _ in range(10):
        for i in range(0, len(words), 25):
            b = encode_batch(enc, words[i:i + 25])
            gold = torch.zeros(b["index"].shape, dtype=torch.long)
            for r, s in enumerate(sentences[i:i + 25]):
                gold[r, :len(s.tags)] = torch.tensor([labels.index(t) for t in s.tags])
            loss = tagger.nll(tagger.emissions(b), gold, b["mask"])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model = NeuralModel(tagger, enc, labels, {"dims": {"word_dim": 24, "filters": 16, "hidden": 24}})
    gazetteer = combine({"lx": {"بغداد": "LOCATION", "جورج بوش": "PERSON", "الامم المتحده": "ORG"}})
    model.set_gazetteer(*gazetteer)
    # the numpy decoder (cached input projections) computes what the PyTorch modules compute
    batch = words[:40]
    slow, fast = model.emissions(batch), model.fast_emissions(batch)
    for r, s in enumerate(batch):
        assert np.allclose(slow[r, :len(s)], fast[r, :len(s)], atol=1e-4)
    tagged = [labels for labels, _ in model.tag_many(words)]
    f1 = score((s.tags, p) for s, p in zip(sentences, tagged, strict=True))["micro"].f1
    assert f1 > 0.6  # fits its own training sentences (a random tagger scores near 0)
    model.save(tmp_path / "n.npz")
    again = NeuralModel.load(tmp_path / "n.npz")
    again.set_gazetteer(*gazetteer)
    assert again.labels == labels and again.encoder.vocab == vocab
    # float16 storage: the same tags on (nearly) every token
    same = sum(a == b for x, y in zip(tagged, (t for t, _ in again.tag_many(words)), strict=True)
               for a, b in zip(x, y, strict=True))
    assert same >= 0.995 * sum(map(len, words))
    empty, first = again.tag_many([[], words[0]])
    assert empty[0] == [] and len(empty[1]) == 0
    assert first[0] == again.tag(words[0])[0] and len(first[1]) == len(words[0])
    # what it finds are chunks of the model's types
    assert {k for s in tagged for _, _, k in T.spans(s)} <= set(T.MODEL_TYPES)
