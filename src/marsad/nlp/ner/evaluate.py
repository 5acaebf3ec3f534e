"""Scoring with conlleval semantics: exact chunk match, precision/recall/F1 per type and micro."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.document import Document
from marsad.document import Span as DocSpan
from marsad.errors import InputError
from marsad.nlp.ner import tags as T
from marsad.nlp.ner.corpora import Sentence, read_anercorp, read_fane
from marsad.nlp.ner.tags import spans
from marsad.settings import DEFAULT_SETTINGS


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[str, Score]:
    """Scores per type and under "micro" for (gold tags, predicted tags) sentence pairs."""
    out: dict[str, Score] = {"micro": Score()}
    for gold, pred in pairs:
        g = Counter(spans(gold))
        p = Counter(spans(pred))
        for chunk in g | p:
            kind = chunk[2]
            s = out.setdefault(kind, Score())
            tp = min(g[chunk], p[chunk])
            s.tp += tp
            s.fn += g[chunk] - tp
            s.fp += p[chunk] - tp
            out["micro"].tp += tp
            out["micro"].fn += g[chunk] - tp
            out["micro"].fp += p[chunk] - tp
    return out


def format_scores(scores: dict[str, Score], title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'type':<12}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}")
    for kind in sorted(scores, key=lambda k: (k == "micro", k)):
        s = scores[kind]
        lines.append(f"{kind:<12}{s.precision:8.4f}{s.recall:8.4f}{s.f1:8.4f}{s.tp + s.fn:7d}{s.tp + s.fp:7d}")
    return "\n".join(lines)


def read_gold(path: Path, fmt: str) -> tuple[list[Sentence], dict[str, str]]:
    """Gold sentences of a file and the map from model labels to the file's scheme."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    if fmt == "fane":
        # Scored on the types marsad emits (FANE's works, products and vehicles are left out).
        kept = {k: k for k in T.MODEL_TYPES if k != "MISC"}
        gold = read_fane(path)
        for s in gold:
            s.tags = T.relabel(s.tags, kept)
        return gold, kept
    if fmt != "conll":
        raise InputError(str(path), f"unknown format {fmt!r} (conll or fane)")
    gold = read_anercorp(path, raw=True)
    for s in gold:  # other coarse CoNLL schemes spell the types differently
        s.tags = T.relabel(s.tags, {"PER": "PERS", "PERS": "PERS", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC",
                                    "MIS": "MISC", "GPE": "LOC"})
    return gold, T.TO_ANERCORP


def tag_tokens(tokens: Sequence[str], *, model_only: bool = False) -> list[str]:
    """Model labels for one gold-tokenised sentence: the CRF alone, or the whole stage
    (gazetteer, model, rules, merge) run on the sentence's text and mapped back to its tokens."""
    from marsad.nlp.ner.recognise import load_model, recognise
    from marsad.nlp.ner.train import norm_words

    if model_only:
        return load_model().tag(norm_words(list(tokens)))[0]
    starts = []
    pos = 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    text = " ".join(tokens)
    doc = Document(text=text, sentences=[DocSpan(start=0, end=len(text))])
    _run_gazetteer(doc)
    recognise(doc, DEFAULT_SETTINGS)
    # A gold token is labelled whole, clitics included (`وبغداد`): a mention covers the tokens it touches.
    owner = [i for i, t in enumerate(tokens) for _ in range(len(t) + 1)]
    chunks = []
    for m in doc.mentions:
        chunks.append((owner[m.start], owner[m.end - 1] + 1, str(m.type)))
    chunks = [(a, b, {"ARMED_GROUP": "ORG", "DATE": "O"}.get(k, k)) for a, b, k in chunks]
    return T.to_bio(len(tokens), [c for c in chunks if c[2] != "O"])


def _run_gazetteer(doc: Document) -> None:
    from marsad.pipeline import STAGES, get_stage

    if "gazetteer" in STAGES:
        get_stage("gazetteer")(doc, DEFAULT_SETTINGS)


def evaluate_file(path: Path, fmt: str = "conll", *, model_only: bool = False) -> dict[str, Score]:
    gold, mapping = read_gold(path, fmt)
    if model_only:
        from marsad.nlp.ner.recognise import load_model
        from marsad.nlp.ner.train import norm_words

        predicted = [labels for labels, _ in load_model().tag_many([norm_words(s.tokens) for s in gold])]
    else:
        predicted = [tag_tokens(s.tokens) for s in gold]
    return score((s.tags, T.relabel(p, mapping)) for s, p in zip(gold, predicted, strict=True))


CharSpan = tuple[int, int, str]


def analyse_text(text: str) -> Document:
    """Run segment, gazetteer (when installed) and this stage on a plain sentence or text."""
    from marsad.nlp.ner.recognise import recognise
    from marsad.nlp.sentences import split_sentences

    doc = Document(text=text, sentences=split_sentences(text))
    _run_gazetteer(doc)
    recognise(doc, DEFAULT_SETTINGS)
    return doc


def score_spans(pairs: Iterable[tuple[Iterable[CharSpan], Iterable[CharSpan]]]) -> dict[str, Score]:
    """Exact-match scores over character spans: (gold, predicted) per text."""
    out: dict[str, Score] = {"micro": Score()}
    for gold, pred in pairs:
        g, p = Counter(gold), Counter(pred)
        for chunk in g | p:
            tp = min(g[chunk], p[chunk])
            for key in (chunk[2], "micro"):
                s = out.setdefault(key, Score())
                s.tp += tp
                s.fn += g[chunk] - tp
                s.fp += p[chunk] - tp
    return out


def token_chunks_to_chars(tokens: Sequence[str], tags: Sequence[str]) -> tuple[str, list[CharSpan]]:
    """The text of space-joined tokens and the character spans of their BIO chunks."""
    starts = []
    pos = 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    chunks = [(starts[a], starts[b - 1] + len(tokens[b - 1]), k) for a, b, k in spans(tags)]
    return " ".join(tokens), chunks
