"""The "ner" pipeline stage: model and rule mentions, merged with the gazetteer's KB mentions."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain, compress, count, groupby
from operator import attrgetter, itemgetter
from pathlib import Path

import numpy as np

from marsad.document import Document, Mention
from marsad.nlp.ner import rules
from marsad.nlp.ner.clitics import name_start
from marsad.nlp.ner.gazetteer import combine, kb_forms
from marsad.nlp.ner.merge import Candidate, from_mention, merge, to_mentions
from marsad.nlp.ner.model import CrfModel
from marsad.nlp.segment import tokens_of
from marsad.nlp.tokens import Token
from marsad.settings import Settings

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "ner.npz"
EMITTED = {"PERSON", "ORG", "STATE", "LOCATION", "FACILITY", "NORP"}  # MISC is not a marsad type
# Heads (normalised) that make an organisation an armed group: brigades, battalions, fronts, militias.
_ARMED_HEADS = re.compile(r"^(?:و|ف)?(?:ب|ل)?(?:ال)?(?:لواء|الويه|كتايب|كتيبه|جيش|جبهه|فيلق|سرايا|سريه|قوات|"
                          r"ميليشيا|ميليشيات|مليشيا|مليشيات|فصيل|فصايل|تنظيم|فرقه|حشد|درع|حرس|"
                          r"مجموعه|غرفه|تجمع)$")
RULE_CONFIDENCE = 0.8
_START, _END = attrgetter("start"), attrgetter("end")
MAX_SENTENCE = 400  # tokens tagged as one sequence at most
BATCH = 64  # sentences decoded together
# One-word model mentions below this confidence are dropped: on news they are mostly common nouns
# (`المدينة` "the city", 0.63 in the reference article). ANERcorp test, full stage: 0.652 -> 0.647.
MIN_SINGLE_WORD = 0.7
# Lowering the O label's score by this much trades a little precision for recall; chosen on a
# development split (the last 10% of ANERcorp train, model trained on the rest): 0 → F1 0.677,
# 0.5 → 0.691, 1.0 → 0.685 (docs/models/ner.md).
O_BIAS = 0.5


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> CrfModel:
    """The shipped model, loaded once per process (with the KB gazetteer when it was trained with one)."""
    return with_gazetteers(CrfModel.load(path))


def with_gazetteers(model: CrfModel) -> CrfModel:
    """Attach the gazetteers the model was trained with: its own name lexicon, and the KB's forms."""
    kb = kb_forms() if model.meta.get("gazetteer") else None
    model.set_gazetteer(*combine({"kb": kb, "lx": model.lexicon}, model.common))
    model.o_bias = O_BIAS
    return model


def _sentence_ranges(doc: Document, tokens: list[Token], starts: Sequence[int] | None = None,
                     ends: Sequence[int] | None = None) -> list[tuple[int, int]]:
    """Token index ranges of the document's sentences (the whole text when it has none)."""
    if not doc.sentences:
        return [(0, len(tokens))] if tokens else []
    # Tokens are in text order and never overlap: their starts and ends both ascend.
    if starts is None or ends is None:
        starts = list(map(_START, tokens))
        ends = list(map(_END, tokens))
    out = []
    i = 0
    for s in doc.sentences:
        i = bisect_left(starts, s.start, i)
        j = bisect_right(ends, s.end, i)
        if j > i:
            out.append((i, j))
        i = j
    return out


def _confidence(margins: list[float]) -> float:
    # The weakest token decides: a logistic of its emission margin.
    return 1.0 / (1.0 + math.exp(-min(margins))) if margins else 0.5


def _words(tokens: list[Token]) -> list[str]:
    return [t.norm or t.text for t in tokens]


def model_mentions(model: CrfModel, tokens: list[Token], chunks: list[tuple[int, int, str]], margin,
                   words: list[str] | None = None, limit: int | None = None) -> list[Candidate]:
    """Mentions from the CRF's chunks (``tags.spans`` of its labels) of one sentence: MISC dropped,
    titles trimmed, types refined. ``limit``: where the sentence ends in ``tokens`` (default: their end)."""
    if words is None:
        words = _words(tokens)
    common = model.common
    out = []
    for a, b, kind in chunks:
        if kind not in EMITTED:
            continue
        # Titles and ranks are not part of the name (`العقيد أحمد الحمد` names `أحمد الحمد`).
        while b - a > 1 and (words[a] in rules.TITLES or words[a] in rules.TITLE_MODIFIERS):
            a += 1
        if (b - a == 1 and words[a] in common) or words[a] in rules.FUNCTION_WORDS:
            continue  # a word the corpora almost never tag; `ماهو مرسوم` is "what is decreed"
        if kind == "PERSON":
            b = rules.nisba_extension(words, b, common, limit)
        elif kind == "ORG" and _ARMED_HEADS.match(words[a]):
            kind = "ARMED_GROUP"
        confidence = _confidence(margin[a:b])
        if b - a == 1 and confidence < MIN_SINGLE_WORD:  # a hesitant one-word name is mostly a noun
            continue
        out.append(Candidate(name_start(tokens[a], model.counts), tokens[b - 1].end, kind, "model", confidence))
    return out


def rule_mentions(model: CrfModel, tokens: list[Token], context: Callable[[], list[Candidate | Mention]],
                  norms: list[str] | None = None) -> list[Candidate]:
    """Rule mentions of one sentence; ``context`` gives the mentions a parenthesised name may alias
    (asked for only when the sentence has one)."""
    common = model.common
    words = [t.norm for t in tokens] if norms is None else norms
    out = [Candidate(name_start(tokens[r.start], model.counts), tokens[r.end - 1].end, r.type, "rule",
                     RULE_CONFIDENCE, rules={r.rule})
           for r in rules.find(tokens, common, words)]
    ranges = rules.parenthesised(tokens, common, words)
    if not ranges:
        return out
    covered = {(c.start, c.end) for c in out}
    around = context()
    for a, b in ranges:
        start, end = tokens[a].start, tokens[b - 1].end
        if (start, end) in covered:
            continue
        kind = _parenthesis_type(words, a, start, end, tokens[a - 1].start, around)
        if kind:
            out.append(Candidate(start, end, kind, "rule", RULE_CONFIDENCE, rules={"parenthesis"}))
    return out


def _parenthesis_type(words: list[str], a: int, start: int, end: int, paren: int,
                      context: list[Candidate | Mention]) -> str | None:
    """The type of a parenthesised name: what the model reads inside; a person after a role
    word (`قائد ميليشيا الباقر (…)`) or with a kunya; else an alias of the mention just before."""
    inside = [c for c in context if start <= c.start and c.end <= end]
    if any(w in rules.KUNYA for w in words[a:a + 1]) or any(w in rules.ROLES for w in words[max(0, a - 5):a - 1]):
        return "PERSON"
    if inside:
        return str(max(inside, key=lambda c: c.end - c.start).type)
    before = [c for c in context if c.end <= paren and paren - c.end <= 1]
    return str(before[0].type) if before else None


def recognise(doc: Document, settings: Settings) -> None:
    """Add model and rule mentions to ``doc.mentions``, merge with the KB's, renumber m1… in text order."""
    model = load_model()
    tokens = tokens_of(doc)
    kb = [m for m in doc.mentions if m.origin == "kb"]  # kept as they are unless a longer name displaces one
    others = [from_mention(m) for m in doc.mentions if m.origin != "kb"]
    starts, ends, texts, norms = zip(*tokens, strict=True) if tokens else ((), (), (), ())  # each field at once
    words = [n or t for n, t in zip(norms, texts, strict=True)] if "" in norms else norms
    # Very long "sentences" (text without punctuation) are tagged in pieces, and sentences in
    # batches, so that memory stays bounded on the largest inputs.
    ranges = [(k, min(k + MAX_SENTENCE, j)) for i, j in _sentence_ranges(doc, tokens, starts, ends)
              for k in range(i, j, MAX_SENTENCE)]
    found: dict[int, list[Candidate]] = {}  # the model's mentions of each range that has some
    for b in range(0, len(ranges), BATCH):
        batch = ranges[b:b + BATCH]
        lengths = [j - i for i, j in batch]
        # The batch's sentences, concatenated: most often one stretch of the document's tokens.
        first, end = batch[0][0], batch[-1][1]
        contiguous = sum(lengths) == end - first
        path, margin, sid = model.decode(words[first:end] if contiguous else
                                         list(chain.from_iterable(words[i:j] for i, j in batch)), lengths)
        chunks = model.chunks(path, sid)
        if not chunks:
            continue
        # Position p of sentence k is token p + shift[k].
        shift = np.array([i for i, _ in batch]) - (np.add.accumulate(lengths) - lengths)
        if contiguous:
            margins = [0.0] * first + margin.tolist()
        else:
            scattered = np.zeros(len(tokens), dtype=margin.dtype)
            scattered[np.arange(len(path)) + shift[sid]] = margin
            margins = scattered.tolist()
        shifts = shift.tolist()
        for k, mine in groupby(zip(chunks, sid[[a for a, _, _ in chunks]].tolist(), strict=True), key=itemgetter(1)):
            d = shifts[k]
            found[b + k] = model_mentions(model, tokens, [(a + d, e + d, kind) for (a, e, kind), _ in mine], margins,
                                          words, batch[k][1])
    for f in found.values():
        others += f
    triggers = list(compress(count(), map(rules.TRIGGERS.__contains__, norms)))  # where a rule can start
    for r, (i, j) in enumerate(ranges):
        t = bisect_left(triggers, i)
        if t < len(triggers) and triggers[t] < j:
            mine, first = found.get(r, []), tokens[i].start
            others += rule_mentions(model, tokens[i:j], lambda f=mine, s=first: f + [c for c in kb if s <= c.start],
                                    norms[i:j])
    doc.mentions = to_mentions(doc.text, merge(doc.text, kb, others))
