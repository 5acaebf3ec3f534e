"""Train the NER model from the corpora: harmonise their labels, train a CRF, export the .npz.

Reproducible: CRFsuite's L-BFGS is deterministic, the word clusters use a fixed seed and the
corpora are read in a fixed order.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from marsad.clean.normalize import normalize_text
from marsad.nlp.ner import tags as T
from marsad.nlp.ner.corpora import ALL_CORPORA, Sentence, training_corpora
from marsad.nlp.ner.features import Featurizer, sentence_features
from marsad.nlp.ner.gazetteer import combine
from marsad.nlp.ner.model import export

SEQUENCES = ("anercorp",)  # the corpora trained on as sequences (see docs/models/ner.md)
DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.02, "max_iterations": 200}
_FACILITY_HEADS = {"مسجد", "جامع", "مطار", "قلعه", "سجن", "مستشفي", "كنيسه", "قصر", "متحف", "معبر", "جسر",
                   "شارع", "ميدان", "فندق", "ملعب", "مرفا", "ميناء", "سد", "قاعده", "مدرسه", "جامعه"}


def common_words(sentences: list[Sentence], min_count: int = 8, max_tagged: float = 0.02) -> frozenset[str]:
    """Frequent words the corpora (almost) never tag: what a name is not made of."""
    seen: Counter[str] = Counter()
    tagged: Counter[str] = Counter()
    for s in sentences:
        for w, t in zip(norm_words(s.tokens), s.tags, strict=True):
            seen[w] += 1
            if t != "O":
                tagged[w] += 1
    return frozenset(w for w, n in seen.items() if n >= min_count and tagged[w] <= max_tagged * n)


def norm_words(tokens: list[str]) -> list[str]:
    return [normalize_text(t) or t for t in tokens]


def _lexicon(sentences: list[Sentence], kind: str, min_count: int = 2) -> set[str]:
    """Surface forms (normalised span text) a fine-grained corpus gives type ``kind`` most of the time."""
    tagged: Counter[str] = Counter()
    for s in sentences:
        words = norm_words(s.tokens)
        for a, b, k in T.spans(s.tags):
            if k == kind:
                tagged[" ".join(words[a:b])] += 1
    return {form for form, n in tagged.items() if n >= min_count}


def harmonise(sentences: list[Sentence]) -> list[Sentence]:
    """Give the coarse corpora (ANERcorp, AQMAR, Wojood) the fine distinctions FANE makes.

    LOC chunks that FANE calls a Nation become STATE, facility-headed ones FACILITY; single
    words FANE tags as peoples (NORP) and a coarse corpus leaves untagged become NORP. This
    keeps one word from carrying two labels across corpora; NORP maps to O on ANERcorp's scheme.
    """
    fane = [s for s in sentences if s.corpus in ("newsfane", "wikifane")]
    nations = _lexicon(fane, "STATE")
    norp = {f for f in _lexicon(fane, "NORP", 3) if " " not in f and len(f) > 3}
    out = []
    for s in sentences:
        if s.corpus in ("newsfane", "wikifane"):
            out.append(s)
            continue
        words = norm_words(s.tokens)
        chunks = []
        for a, b, k in T.spans(s.tags):
            text = " ".join(words[a:b])
            if k == "LOCATION" and (text in nations or (b - a == 1 and _stripped(text) in nations)):
                k = "STATE"
            elif k == "LOCATION" and _stripped(words[a]) in _FACILITY_HEADS and b - a > 1:
                k = "FACILITY"
            chunks.append((a, b, k))
        tags = T.to_bio(len(words), chunks)
        for i, w in enumerate(words):
            if tags[i] == "O" and (w in norp or _stripped(w) in norp):
                tags[i] = "B-NORP"
        out.append(Sentence(s.tokens, tags, s.corpus))
    return out


def _stripped(word: str) -> str:
    from marsad.nlp.tokens import clitic_splits

    splits = clitic_splits(word)
    return splits[1][1] if len(splits) > 1 and splits[1][0] in ("و", "ب", "ل", "ف") else word


TWINS = {"anercorp": "newsfane", "newsfane": "anercorp"}  # the same news text, annotated twice


def name_lexicon(sentences: list[Sentence], common: frozenset[str]) -> dict[str, str]:
    """Normalised entity forms of the corpora -> their most frequent type (the `lx` gazetteer)."""
    seen: dict[str, Counter[str]] = {}
    for s in sentences:
        words = norm_words(s.tokens)
        for a, b, k in T.spans(s.tags):
            form = " ".join(_stripped(w) if i == a else w for i, w in enumerate(words[a:b], a))
            if len(form) > 1 and form not in common:
                seen.setdefault(form, Counter())[k] += 1
    return {form: kinds.most_common(1)[0][0] for form, kinds in sorted(seen.items())}


def train(data: Path | Sequence[Path], out: Path, *, sequences: Sequence[str] = ALL_CORPORA,
          lexicon_from: Sequence[str] = ALL_CORPORA, params: dict | None = None,
          clusters: dict[str, str] | None = None, kb: dict[str, str] | None = None,
          log: Callable[[str], None] = print) -> dict:
    """Train on the ``sequences`` corpora under ``data`` and write the model to ``out``.

    The name lexicon of ``lexicon_from`` is a feature; for each training corpus it is built
    without that corpus (and its twin), so the CRF learns how far a lexicon from *other* text
    can be trusted, which is the situation at run time.
    """
    import pycrfsuite

    params = {**DEFAULT_PARAMS, **(params or {})}
    started = time.time()
    every = sorted(set(sequences) | set(lexicon_from), key=ALL_CORPORA.index)
    corpora = harmonise(training_corpora(data, include=every))
    common = common_words(corpora)
    by_corpus: dict[str, list[Sentence]] = {}
    for s in corpora:
        by_corpus.setdefault(s.corpus, []).append(s)
    trainer = pycrfsuite.Trainer(verbose=False)
    n_tokens = n_sentences = 0
    for name in sequences:
        if name not in by_corpus:
            continue
        others = [s for c in lexicon_from if c not in (name, TWINS.get(name)) for s in by_corpus.get(c, [])]
        single, multi, parts = combine({"kb": kb, "lx": name_lexicon(others, common)}, common)
        fz = Featurizer(clusters, single, multi, parts)
        for s in by_corpus[name]:
            trainer.append(sentence_features(norm_words(s.tokens), fz), s.tags)
            n_tokens += len(s.tokens)
            n_sentences += 1
    log(f"training on {n_sentences} sentences, {n_tokens} tokens of {', '.join(sequences)}; "
        f"lexicon from {', '.join(lexicon_from)}")
    trainer.set_params({**params, "feature.possible_transitions": True})
    lexicon = name_lexicon([s for c in lexicon_from for s in by_corpus.get(c, [])], common)
    with tempfile.TemporaryDirectory() as tmp:
        crf = Path(tmp) / "ner.crfsuite"
        trainer.train(str(crf))
        meta = {"family": "crf", "sequences": list(sequences), "lexicon_from": list(lexicon_from),
                "params": params, "sentences": n_sentences, "tokens": n_tokens, "gazetteer": bool(kb),
                "clusters": bool(clusters), "seconds": round(time.time() - started)}
        counts = Counter(w for s in corpora for w in norm_words(s.tokens))
        vocab = {w: n for w, n in sorted(counts.items()) if n >= 2 and "\n" not in w}
        export(crf, out, meta, clusters, common, vocab, lexicon)
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {meta['seconds']} s")
    return meta


def train_default(data: Sequence[Path], out: Path, *, log: Callable[[str], None] = print) -> dict:
    """The shipped model's recipe: clusters from the corpora's text, the KB gazetteer when the
    install has one, every corpus, the parameters chosen in docs/models/ner.md."""
    from marsad.nlp.ner.clusters import word_clusters
    from marsad.nlp.ner.gazetteer import kb_forms

    started = time.time()
    text = [norm_words(s.tokens) for s in training_corpora(data)]
    clusters = word_clusters(text)
    log(f"word clusters: {len(clusters)} words in {time.time() - started:.0f} s")
    return train(data, out, sequences=SEQUENCES, clusters=clusters, kb=kb_forms(), log=log)
