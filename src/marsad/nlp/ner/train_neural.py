"""Train the neural NER tagger (``neural.py``) on ANERcorp train and score it as the CRF is scored.

    nice -n 10 .venv/bin/python -m marsad.nlp.ner.train_neural [--data ../shared/data] [--out build/ner_neural.npz]

Recipe (docs/models/ner.md, "neural tagger"): the first 90% of ANERcorp train is trained on, the
last 10% is the development split for early stopping; word embeddings start from PPMI+SVD vectors
of all training corpora's text; the gazetteer inputs are the KB's forms and the corpora's name
lexicon, jack-knifed as for the CRF (ANERcorp's lexicon comes from the corpora that are not its
text). Fixed seed, one thread. ANERcorp test is scored at the end with the full lexicon (as the
shipped CRF runs), never used for a choice.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from marsad.nlp.ner import tags as T
from marsad.nlp.ner.corpora import ALL_CORPORA, Sentence, default_data_dir, read_anercorp, training_corpora
from marsad.nlp.ner.evaluate import Score, format_scores, score
from marsad.nlp.ner.gazetteer import combine, kb_forms
from marsad.nlp.ner.neural import (
    FEATURE_KINDS,
    PAD,
    UNK,
    Encoder,
    NeuralModel,
    encode_batch,
    load,
    require_torch,
    viterbi,
)
from marsad.nlp.ner.train import TWINS, common_words, harmonise, name_lexicon, norm_words
from marsad.nlp.tokens import clitic_splits

SOURCES = ("kb", "lx")
KINDS = (*T.MODEL_TYPES, "ARMED_GROUP")
SHAPES = ("num", "latin", "punct", "ar", "ar-long")
_log = partial(print, flush=True)


def feature_names(words: Sequence[str]) -> list[str]:
    """Every input feature the tagger may see: shapes, gazetteer kinds per source, proclitics."""
    assert FEATURE_KINDS == ("sh", "g", "np", "pre")
    names = [f"sh={s}" for s in SHAPES]
    for prefix in ("g", "np", "G=B", "G=I"):
        sep = "-" if prefix.startswith("G") else "="
        names += [f"{prefix}{sep}{src}:{k}" for src in SOURCES for k in KINDS]
    pre = Counter(w[:len(w) - len(clitic_splits(w)[-1][1])] for w in words)
    names += [f"pre={p}" for p, n in sorted(pre.items()) if p and n >= 5]
    return names


def tagger_scores(model: NeuralModel, gold: Sequence[Sequence[str]], raw_tags: Sequence[Sequence[str]],
                  batch: int = 64) -> dict[str, Score]:
    """Conlleval scores on ANERcorp's scheme (model labels mapped back as for the CRF)."""
    predicted: list[list[str]] = []
    for i in range(0, len(gold), batch):
        predicted += [labels for labels, _ in model.tag_many(gold[i:i + batch])]
    return score((g, T.relabel(p, T.TO_ANERCORP)) for g, p in zip(raw_tags, predicted, strict=True))


@dataclass
class Split:
    """ANERcorp train cut into training and development sentences, with the gazetteers: the
    jack-knifed one (lexicon from corpora that are not ANERcorp's text) for training and dev, the
    full one (every corpus, as at run time) for the test split."""

    corpora: list[Sentence]
    common: frozenset[str]
    train: list[Sentence]
    dev_words: list[list[str]]
    dev_raw: list[list[str]]
    jack: tuple
    full: tuple
    lexicon: dict[str, str]


def prepare(data: Path, *, gazetteer: bool = True, dev_fraction: float = 0.1) -> Split:
    corpora = harmonise(training_corpora(data, include=ALL_CORPORA))
    common = common_words(corpora)
    aner = [s for s in corpora if s.corpus == "anercorp"]
    raw = read_anercorp(next(iter(_anercorp_dirs(data))) / "train.txt", raw=True)
    assert len(raw) == len(aner)
    cut = int(len(aner) * (1 - dev_fraction))
    kb = kb_forms() if gazetteer else None
    others = [s for s in corpora if s.corpus not in ("anercorp", TWINS["anercorp"])]
    jack = combine({"kb": kb, "lx": name_lexicon(others, common) if gazetteer else {}}, common)
    lexicon = name_lexicon(corpora, common) if gazetteer else {}
    full = combine({"kb": kb, "lx": lexicon}, common)
    return Split(corpora, common, aner[:cut], [norm_words(s.tokens) for s in aner[cut:]],
                 [s.tags for s in raw[cut:]], jack, full, lexicon)


O_BIASES = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)


def choose_o_bias(model: NeuralModel, split: Split, log: Callable[[str], None] = _log) -> float:
    """The O-bias (subtracted from the O label's emission) with the best dev F1, as for the CRF."""
    model.set_gazetteer(*split.jack)
    found = []
    for bias in O_BIASES:
        model.o_bias = bias
        found.append((tagger_scores(model, split.dev_words, split.dev_raw)["micro"].f1, -bias))
    log("dev F1 by O-bias: " + ", ".join(f"{-b:g} -> {f:.4f}" for f, b in found))
    model.o_bias = -max(found)[1]
    model.set_gazetteer(*split.full)
    return model.o_bias


def train(data: Path, out: Path, *, epochs: int = 30, patience: int = 5, hidden: int = 128, batch_size: int = 16,
          lr: float = 1e-3, word_dropout: float = 0.1, dropout: float = 0.5, pretrained: bool = True,
          gazetteer: bool = True, freeze: bool = False, dev_fraction: float = 0.1, seed: int = 7,
          extra: Sequence[str] = (), extra_ratio: float = 1.0,
          log: Callable[[str], None] = _log) -> dict:
    import torch

    from marsad.nlp.ner.clusters import word_vectors
    from marsad.nlp.ner.neural import Tagger

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    random.seed(seed)
    started = time.time()
    split = prepare(data, gazetteer=gazetteer, dev_fraction=dev_fraction)
    common, train_s, dev_words, dev_raw = split.common, split.train, split.dev_words, split.dev_raw
    aner = [s for s in split.corpora if s.corpus == "anercorp"]

    text = [norm_words(s.tokens) for s in training_corpora(data)]
    train_words = [norm_words(s.tokens) for s in train_s]
    counts = Counter(w for s in train_words for w in s)
    if pretrained:
        vec_words, vectors = word_vectors(text)
    else:
        vec_words, vectors = [], np.zeros((0, 100), dtype=np.float32)
    vocab = ["<pad>", "<unk>", *vec_words]
    known = set(vocab)
    vocab += sorted(w for w, n in counts.items() if n >= 2 and w not in known)
    char_counts = Counter(c for s in text for w in s for c in w)
    chars = ["<pad>", "<unk>", *sorted(c for c, n in char_counts.items() if n >= 2)]
    features = feature_names([w for s in text for w in s])
    log(f"vocab {len(vocab)} ({len(vec_words)} with PPMI vectors), {len(chars)} chars, {len(features)} features; "
        f"{len(train_s)} training / {len(dev_words)} dev sentences ({time.time() - started:.0f} s)")
    jack, lexicon = split.jack, split.lexicon

    labels = sorted({t for s in aner for t in s.tags}, key=lambda t: (t != "O", t.partition("-")[2], t))
    label_id = {t: i for i, t in enumerate(labels)}
    dims = {"word_dim": vectors.shape[1] if pretrained else 100, "hidden": hidden, "dropout": dropout,
            "heads": 1 + len(extra)}
    # Multi-task: the other corpora, each with its own output layer and a lexicon built without it.
    kb = kb_forms() if gazetteer else None
    pools = []
    for name in extra:
        own = [s for s in split.corpora if s.corpus == name and len(s.tokens) <= 120]
        rest = [s for s in split.corpora if s.corpus not in (name, TWINS.get(name), "newsfane")]
        e = Encoder(vocab, chars, features)
        e.set_gazetteer(*combine({"kb": kb, "lx": name_lexicon(rest, split.common) if gazetteer else {}},
                                 split.common))
        pools.append((own, e))
        log(f"multi-task: {len(own)} sentences of {name}")
    enc = Encoder(vocab, chars, features)
    enc.set_gazetteer(*jack)
    tagger = Tagger(len(vocab), len(chars), len(features), len(labels), **dims)
    with torch.no_grad():  # unit-length rows, as the PPMI vectors are
        tagger.word.weight.normal_(0.0, dims["word_dim"] ** -0.5)
        tagger.word.weight[PAD] = 0.0
        if pretrained:
            tagger.word.weight[2:2 + len(vec_words)] = torch.from_numpy(vectors.astype(np.float32))
    if freeze:  # words seen only at test time keep their place next to the training words
        tagger.word.weight.requires_grad_(False)
    meta = {"family": "bilstm-crf", "dims": dims, "gazetteer": gazetteer and bool(kb_forms()), "seed": seed, "lr": lr,
            "freeze": freeze, "batch_size": batch_size, "word_dropout": word_dropout, "pretrained": pretrained,
            "train_sentences": len(train_s), "common": sorted(common), "extra": list(extra),
            "extra_ratio": extra_ratio}
    model = NeuralModel(tagger, enc, labels, meta)
    model.lexicon = lexicon
    opt = torch.optim.Adam([p for p in tagger.parameters() if p.requires_grad], lr=lr)

    def batches_of(sentences: list[Sentence], head: int) -> list[tuple[int, list[Sentence]]]:
        ordered = sorted(sentences, key=lambda s: len(s.tokens))
        return [(head, ordered[i:i + batch_size]) for i in range(0, len(ordered), batch_size)]

    encoders = [enc] + [e for _, e in pools]
    best, best_f1, best_epoch, stale = None, -1.0, 0, 0
    for epoch in range(1, epochs + 1):
        tagger.train()
        batches = batches_of(train_s, 0)
        if pools:
            share = int(extra_ratio * len(train_s) / len(pools))
            for h, (own, _) in enumerate(pools, 1):
                batches += batches_of(random.sample(own, min(share, len(own))), h)
        random.shuffle(batches)
        t0 = time.time()
        total = 0.0
        for head, group in batches:
            b = encode_batch(encoders[head], [norm_words(s.tokens) for s in group])
            if word_dropout:
                drop = torch.rand(len(b["words"])) < word_dropout
                b["words"] = b["words"].masked_fill(drop, UNK)
            tags = torch.zeros(b["index"].shape, dtype=torch.long)
            for r, s in enumerate(group):
                tags[r, :len(s.tags)] = torch.tensor([label_id.get(t, 0) for t in s.tags])
            loss = tagger.nll(tagger.emissions(b, head=head), tags, b["mask"])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tagger.parameters(), 5.0)
            opt.step()
            total += float(loss.detach()) * len(group)
        model = NeuralModel(tagger, enc, labels, meta)  # refreshes the decoder's copy of the transitions
        f1 = tagger_scores(model, dev_words, dev_raw)["micro"].f1
        seen = sum(len(g) for _, g in batches)
        log(f"epoch {epoch}: loss {total / seen:.3f}, dev F1 {f1:.4f} ({time.time() - t0:.0f} s)")
        if f1 > best_f1:
            best_f1, best_epoch, stale = f1, epoch, 0
            best = {k: v.detach().clone() for k, v in tagger.state_dict().items()}
            snapshot = NeuralModel(tagger, enc, labels, {**meta, "epochs": epoch, "dev_f1": round(f1, 4)})
            snapshot.lexicon = lexicon
            snapshot.save(out)  # the best so far, in case the run is stopped (no O-bias chosen yet)
        else:
            stale += 1
            if stale >= patience:
                break
    assert best is not None and PAD == 0
    tagger.load_state_dict(best)
    meta |= {"epochs": best_epoch, "dev_f1": round(best_f1, 4), "seconds": round(time.time() - started)}
    model = NeuralModel(tagger, enc, labels, meta)
    model.lexicon = lexicon
    meta["o_bias"] = choose_o_bias(model, split, log)
    model.save(out)
    log(f"best dev F1 {best_f1:.4f} at epoch {best_epoch}; wrote {out} ({out.stat().st_size / 1e6:.1f} MB) "
        f"in {meta['seconds']} s")
    return {"meta": meta, "model": model}


def torch_threads() -> None:
    import torch

    torch.set_num_threads(1)


def _anercorp_dirs(data: Path):
    from marsad.nlp.ner.corpora import locate

    yield locate([data])["anercorp"]


def test_scores(model: NeuralModel, data: Path) -> dict[str, Score]:
    test = read_anercorp(next(iter(_anercorp_dirs(data))) / "test.txt", raw=True)
    return tagger_scores(model, [norm_words(s.tokens) for s in test], [s.tags for s in test])


def ensemble_tag(models: Sequence[NeuralModel], crf, sentences: Sequence[Sequence[str]],
                 weight: float) -> list[list[str]]:
    """Viterbi over summed scores: each neural tagger's emissions and transitions plus ``weight``
    times the linear CRF's (a product of the models' distributions; ``weight`` 0 leaves the CRF out)."""
    live = [s for s in sentences if s]
    out = {id(s): [] for s in sentences}
    if live:
        first = models[0]
        em = sum(m.fast_emissions(live) for m in models)
        trans = sum(m._trans for m in models)
        bias = sum(m.o_bias for m in models)
        lengths = np.array([len(s) for s in live])
        if weight:
            crf_em, _ = crf.emissions(live)
            cols = [crf.labels.index(t) for t in first.labels]
            rows = np.repeat(np.arange(len(live)), lengths)
            pos = np.arange(len(crf_em)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            em[rows, pos] += weight * crf_em[:, cols]
            trans = trans + weight * crf.transitions[np.ix_(cols, cols)]
            bias += weight * crf.o_bias
        em[..., first.labels.index("O")] -= bias
        paths = viterbi(em, lengths, trans, sum(m._start for m in models), sum(m._end for m in models))
        for r, s in enumerate(live):
            out[id(s)] = [first.labels[k] for k in paths[r, :len(s)]]
    return [out[id(s)] for s in sentences]


def ensemble_scores(models: Sequence[NeuralModel], data: Path, weight: float, batch: int = 64) -> dict[str, Score]:
    """ANERcorp test scores of neural taggers combined with the shipped CRF (each with its O-bias)."""
    from marsad.nlp.ner.recognise import load_model

    crf = load_model() if weight else None
    test = read_anercorp(next(iter(_anercorp_dirs(data))) / "test.txt", raw=True)
    words = [norm_words(s.tokens) for s in test]
    predicted = []
    for i in range(0, len(words), batch):
        predicted += ensemble_tag(models, crf, words[i:i + batch], weight)
    return score((s.tags, T.relabel(p, T.TO_ANERCORP)) for s, p in zip(test, predicted, strict=True))


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=None)
    p.add_argument("--out", type=Path, default=Path("build/ner_neural.npz"))
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--patience", type=int, default=5)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--word-dropout", type=float, default=0.1)
    p.add_argument("--no-pretrained", action="store_true", help="random word embeddings instead of PPMI+SVD")
    p.add_argument("--no-gazetteer", action="store_true", help="no KB / name-lexicon inputs")
    p.add_argument("--freeze", action="store_true", help="keep the PPMI word vectors fixed")
    p.add_argument("--extra", nargs="*", default=[], choices=("wikifane", "aqmar", "wojood"),
                   help="also train on these corpora, each with its own output layer (multi-task)")
    p.add_argument("--extra-ratio", type=float, default=1.0,
                   help="sentences of the extra corpora per epoch, relative to ANERcorp's")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--evaluate", type=Path, nargs="*", default=None,
                   help="score saved taggers (and their sum) instead of training one")
    p.add_argument("--ensemble", type=float, nargs="*", default=[],
                   help="also score the sum with the shipped CRF's scores at these CRF weights")
    args = p.parse_args(argv)
    require_torch()  # a clear message when the extra is not installed
    data = args.data or default_data_dir()
    torch_threads()
    if args.evaluate:
        models = [load(path) for path in args.evaluate]
        split = None
        for path, model in zip(args.evaluate, models, strict=True):
            if "o_bias" not in model.meta:
                split = split or prepare(data)
                model.meta["o_bias"] = choose_o_bias(model, split)
            print(format_scores(test_scores(model, data), f"ANERcorp test, {path} alone"))
        names = " + ".join(str(p) for p in args.evaluate)
        if len(models) > 1:
            print(format_scores(ensemble_scores(models, data, 0.0), f"ANERcorp test, {names}"))
        for w in args.ensemble:
            print(format_scores(ensemble_scores(models, data, w), f"ANERcorp test, {names} + {w} x CRF"))
        return
    result = train(data, args.out, epochs=args.epochs, patience=args.patience, hidden=args.hidden, lr=args.lr,
                   batch_size=args.batch_size, word_dropout=args.word_dropout, pretrained=not args.no_pretrained,
                   gazetteer=not args.no_gazetteer, freeze=args.freeze, seed=args.seed, extra=args.extra,
                   extra_ratio=args.extra_ratio)
    print(format_scores(test_scores(result["model"], data), "ANERcorp test, neural tagger alone"))


if __name__ == "__main__":
    main()
