"""NER figures: accuracy on ANERcorp test, NewsFANE's ANERcorp-test documents and 40 Syria
sentences; speed (tokens per second, one process, one core) and peak memory.

    .venv/bin/python benchmarks/ner.py [--data ../shared/data]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the figure is per core
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import resource
import sys
import time
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "nlp" / "fixtures" / "ner_syria_annotated.json"


def _fold(spans, fold):
    return [(a, b, fold.get(k, k)) for a, b, k in spans]


def tagging_speed(tagger, sentences: list[list[str]], what: str, note: str = "") -> None:
    """Tokens/s of ``tagger.tag_many`` in batches of 30 sentences: first with a cold word cache, then warm."""
    n = sum(map(len, sentences))
    for name in ("first pass, every word new to the cache", "second pass, words cached"):
        t = time.process_time()
        for i in range(0, len(sentences), 30):
            tagger.tag_many(sentences[i:i + 30])
        el = time.process_time() - t
        print(f"{what}, {name}: {n / el:,.0f} tokens/s ({n} tokens in {el:.2f} s CPU{note})")


def neural_figures(path: Path, data: Path | None) -> None:
    """ANERcorp test F1 and one-thread speed of the neural tagger alone (as the CRF's figures)."""
    import torch

    torch.set_num_threads(1)
    from marsad.nlp.ner.corpora import default_data_dir, read_anercorp
    from marsad.nlp.ner.evaluate import format_scores
    from marsad.nlp.ner.neural import load
    from marsad.nlp.ner.train import norm_words
    from marsad.nlp.ner.train_neural import test_scores

    c0 = time.process_time()
    model = load(path)
    print(f"neural tagger {path} ({path.stat().st_size / 1e6:.1f} MB): load {time.process_time() - c0:.2f} s CPU; "
          f"{model.meta.get('family')}, dims {model.meta.get('dims')}, epochs {model.meta.get('epochs')}, "
          f"dev F1 {model.meta.get('dev_f1')}")
    data = data or default_data_dir()
    print(format_scores(test_scores(model, data), "ANERcorp test, neural tagger alone"))
    sentences = [norm_words(s.tokens) for s in read_anercorp(data / "ner" / "anercorp" / "test.txt", raw=True)]
    n = sum(map(len, sentences))
    fresh = load(path)
    tagging_speed(fresh, sentences, "neural tagging", ", one thread")
    from marsad.nlp.ner.recognise import load_model
    from marsad.nlp.ner.train_neural import ensemble_scores, ensemble_tag

    crf = load_model()
    print(format_scores(ensemble_scores([fresh], data, 1.0), "ANERcorp test, neural + CRF (scores summed)"))
    t = time.process_time()
    for i in range(0, len(sentences), 30):
        ensemble_tag([fresh], crf, sentences[i:i + 30], 1.0)
    el = time.process_time() - t
    print(f"neural + CRF tagging, words cached: {n / el:,.0f} tokens/s ({n} tokens in {el:.2f} s CPU)")
    print(f"peak memory (max RSS of this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--neural", type=Path, default=None,
                        help="only the figures of a neural tagger saved by marsad.nlp.ner.train_neural")
    args = parser.parse_args()
    if args.neural:
        neural_figures(args.neural, args.data)
        return

    t0 = time.perf_counter()
    c0 = time.process_time()
    from marsad.nlp.ner.model import CrfModel
    from marsad.nlp.ner.recognise import MODEL_PATH, load_model

    CrfModel.load(MODEL_PATH)
    t1 = time.perf_counter()
    c1 = time.process_time()
    from marsad.nlp.ner.gazetteer import kb_forms

    kb_forms()
    t2 = time.perf_counter()
    model = load_model()
    t3 = time.perf_counter()
    print(f"import + model load: {t1 - t0:.2f} s wall, {c1 - c0:.2f} s CPU; "
          f"KB forms (shared with the gazetteer stage): {t2 - t1:.2f} s; "
          f"gazetteer tables: {t3 - t2:.2f} s; model file {MODEL_PATH.stat().st_size / 1e6:.1f} MB")
    print(f"  {model.meta.get('family')}, {len(model.index)} weighted attributes, labels {len(model.labels)}, "
          f"KB gazetteer={model.meta.get('gazetteer')}, clusters={model.meta.get('clusters')}, "
          f"lexicon {len(model.lexicon)} names")

    from marsad.nlp.ner import tags as T
    from marsad.nlp.ner.corpora import default_data_dir, read_anercorp, read_fane
    from marsad.nlp.ner.evaluate import analyse_text, evaluate_file, format_scores, score_spans, token_chunks_to_chars
    from marsad.nlp.ner.syria import select
    from marsad.nlp.ner.train import harmonise, norm_words

    data = (args.data or default_data_dir()) / "ner"
    if not data.is_dir():
        sys.exit(f"no corpora at {data}")
    test = data / "anercorp" / "test.txt"
    fane = data / "newsfane" / "test_anercorp_docs.tsv"

    for model_only in (True, False):
        label = "CRF alone" if model_only else "full stage (gazetteer + CRF + rules + merge)"
        print()
        print(format_scores(evaluate_file(test, "conll", model_only=model_only), f"ANERcorp test, {label}"))
    print()
    print(format_scores(evaluate_file(fane, "fane"), "NewsFANE ANERcorp-test documents, fine types, full stage"))

    # Syria: 31 held-out corpus sentences (gold from the corpus) + 9 annotated by hand.
    fold = {"ARMED_GROUP": "ORG"}
    pairs = []
    corpus = harmonise(select(data)[:31])
    for s in corpus:
        text, gold = token_chunks_to_chars(s.tokens, T.relabel(s.tags, {k: k for k in T.MODEL_TYPES if k != "MISC"}))
        doc = analyse_text(text)
        pairs.append((gold, _fold([(m.start, m.end, str(m.type)) for m in doc.mentions if m.type != "DATE"], fold)))
    own = json.loads(FIXTURE.read_text(encoding="utf-8"))["sentences"]
    own_pairs = []
    for item in own:
        gold = [(o, o + len(s), k) for s, k, o in item["mentions"]]
        doc = analyse_text(item["text"])
        pred = [(m.start, m.end, str(m.type)) for m in doc.mentions if m.type != "DATE"]
        own_pairs.append((gold, pred))
    print()
    print(format_scores(score_spans(pairs + [(_fold(g, fold), _fold(p, fold)) for g, p in own_pairs]),
                        f"Syria sentences ({len(corpus)} corpus + {len(own)} hand-annotated), ARMED_GROUP as ORG"))
    print()
    print(format_scores(score_spans(own_pairs), "the hand-annotated Syria sentences with ARMED_GROUP"))

    # Speed: the recogniser alone on ANERcorp test (tokens prepared beforehand), one core, CPU time
    # (the machine is shared, so wall time would measure the neighbours). Batches of 30 sentences,
    # about one article, as the stage tags a document at once.
    sentences = [norm_words(s.tokens) for s in read_anercorp(test, raw=True)]
    from marsad.nlp.ner.recognise import MODEL_PATH, with_gazetteers

    fresh = with_gazetteers(type(model).load(MODEL_PATH))
    print()
    tagging_speed(fresh, sentences, "CRF tagging")
    # Documents of 20 sentences each (NewsFANE marks no article boundaries), about an article's size.
    lines = [" ".join(s.tokens) for s in read_fane(fane)]
    docs = ["\n".join(lines[i:i + 20]) for i in range(0, len(lines), 20)]
    from marsad.document import Document
    from marsad.nlp.ner.recognise import recognise
    from marsad.nlp.segment import tokens_of
    from marsad.nlp.sentences import split_sentences
    from marsad.settings import DEFAULT_SETTINGS

    prepared = []
    for text in docs:
        doc = Document(text=text, sentences=split_sentences(text))
        tokens_of(doc)
        prepared.append(doc)
    n = sum(len(tokens_of(d)) for d in prepared)
    t = time.process_time()
    for doc in prepared:
        recognise(doc, DEFAULT_SETTINGS)
    el = time.process_time() - t
    print(f"whole ner stage on NewsFANE's documents (CRF + rules + merge, tokens given, words seen once "
          f"before): {n / el:,.0f} tokens/s ({n} tokens in {el:.2f} s CPU)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")


if __name__ == "__main__":
    main()
