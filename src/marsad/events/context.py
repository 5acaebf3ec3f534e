"""The view of a Document the event stage works on: normalised text, words, sentences, clauses, mentions.

Everything here is in normalised-text offsets; ``to_original`` maps back for the Document.
Built once per document with a few linear passes (array operations for words, bisect for offsets).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from marsad.clean.codepoints import CodePointTable, code_points
from marsad.clean.normalize import NormalizedView
from marsad.document import Document, Mention, MentionType
from marsad.events.lexicon import Hit, scan
from marsad.nlp.segment import normalized_of


def _char_kind(ch: str) -> int:
    r"""1 for a word character (what the regex ``\w`` matches), 0 for white space, 2 for anything else."""
    if ch.isalnum() or ch == "_":
        return 1
    return 0 if ch.isspace() else 2


_CHAR_KIND = CodePointTable(_char_kind)


def word_spans(text: str) -> tuple[list[int], list[int], list[int]]:
    r"""Start and end offsets of the tokens of ``text`` that the regex ``\w+|[^\w\s]`` finds (runs of word
    characters and single other characters), and the indices of the ``\w+`` ones; from one array lookup per
    character instead of a match object each."""
    if not text:
        return [], [], []
    kinds = _CHAR_KIND(code_points(text))
    word = kinds == 1
    single = kinds == 2
    starts = np.flatnonzero(single | (word & ~np.concatenate(([False], word[:-1]))))
    ends = np.flatnonzero(single | (word & ~np.concatenate((word[1:], [False])))) + 1
    return starts.tolist(), ends.tolist(), np.flatnonzero(word[starts]).tolist()


# Clause boundaries: strong punctuation, and connectives that open a new proposition, read word by word:
# a connective is a whole word (`و`/`ف` allowed before it); `الا ان…` and `قبل ان` are two words one space apart.
_CONNECTIVES = frozenset(f"{c}{w}" for c in ("", "و", "ف") for w in (
    "حيث", "بينما", "فيما", "بعد", "اضافه", "لافته", "لافتا", "مبررا", "مبرره", "كما", "كونها", "كونه", "مضيفا",
    "مضيفه", "مشيرا", "مشيره", "عبر", "اثر"))
_PAIRS = {f"{c}{w}": follow for c in ("", "و", "ف") for w, follow in (
    ("الا", frozenset({"ان", "انها", "انه"})), ("قبل", frozenset({"ان"})))}
_STRONG = frozenset("؛;:")


_OPENERS = _CONNECTIVES | _STRONG | frozenset(_PAIRS)


def _clause_cuts(text: str, starts: list[int], ends: list[int], s: int, e: int, words: list[str]) -> list[int]:
    """Where clauses begin inside [s, e); ``words`` are the sentence's words (its tokens from ``s``)."""
    if _OPENERS.isdisjoint(words):
        return []
    cuts: list[int] = []
    base = bisect_left(starts, s)
    skip = -1
    for k, word in enumerate(words):
        if k <= skip or word not in _OPENERS:
            continue
        i = base + k
        a, b = starts[i], ends[i]
        if a <= s:
            continue  # cuts lie strictly inside the sentence
        if word in _CONNECTIVES or word in _STRONG:
            cuts.append(a)
        elif i + 1 < len(starts) and starts[i + 1] == b + 1 and text[b] == " " \
                and text[b + 1:ends[i + 1]] in _PAIRS[word]:
            cuts.append(a)
            skip = k + 1  # the pair is one connective
    return cuts


ACTOR_TYPES = frozenset({MentionType.PERSON, MentionType.ORG, MentionType.ARMED_GROUP, MentionType.STATE,
                         MentionType.NORP})
PLACE_TYPES = frozenset({MentionType.LOCATION, MentionType.FACILITY})


# Not frozen, like lexicon.Hit: built often, never changed (hashable as if frozen).
@dataclass(slots=True, unsafe_hash=True)
class NMention:
    """A mention in normalised offsets."""

    start: int
    end: int
    mention: Mention | Any  # a Mention, or an unlinked description (events.nominals.Description)

    @property
    def ref(self) -> str | None:
        return self.mention.ref


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    # The document's normalised text and word offsets (shared, not copies).
    text: str = field(repr=False, default="")
    word_starts: list[int] = field(repr=False, default_factory=list)
    word_ends: list[int] = field(repr=False, default_factory=list)
    doc_words: list[str] = field(repr=False, default_factory=list)  # the text's words, ``word_starts`` order
    _clauses: list[tuple[int, int]] | None = field(repr=False, default=None)
    _words: list[str] | None = field(repr=False, default=None)
    memo: dict[str, Any] = field(repr=False, default_factory=dict)  # other facts about the sentence, read once

    @property
    def words(self) -> list[str]:
        """The sentence's words (read when first asked for)."""
        if self._words is None:
            lo, hi = bisect_left(self.word_starts, self.start), bisect_left(self.word_starts, self.end)
            self._words = self.doc_words[lo:hi]
        return self._words

    @property
    def clauses(self) -> list[tuple[int, int]]:
        """The sentence's clauses, cut where a connective or strong punctuation opens a new one
        (found when first asked for: most sentences hold no event)."""
        if self._clauses is None:
            s, e = self.start, self.end
            cuts = _clause_cuts(self.text, self.word_starts, self.word_ends, s, e, self.words)
            clauses = [(a, b) for a, b in itertools.pairwise([s, *cuts, e]) if b > a]
            self._clauses = clauses or [(s, e)]
        return self._clauses

    def clause_of(self, pos: int) -> tuple[int, int]:
        for clause in self.clauses:
            if clause[0] <= pos < clause[1]:
                return clause
        return (self.start, self.end)


@dataclass(slots=True)
class Context:
    doc: Document
    view: NormalizedView
    text: str
    word_starts: list[int]
    word_ends: list[int]
    word_tokens: list[int]  # indices of the words that are \w+ runs (not punctuation)
    words: list[str]  # the text of each word, sliced once
    sentences: list[Sentence]
    hits: list[Hit]
    actors: list[NMention]
    places: list[NMention]
    # Spans of all actor and place mentions, sorted: where a description may not start.
    taken: list[tuple[int, int]] = field(default_factory=list)
    # Per-document indexes, built once: start offsets of ``actors``/``places`` (sorted, non-overlapping)
    # for bisecting, the KB records of the document's places and actors.
    actor_starts: list[int] = field(default_factory=list)
    place_starts: list[int] = field(default_factory=list)
    place_records: dict[str, Any] = field(default_factory=dict)
    actor_kinds: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.view.to_original(start, end)

    def word_index(self, pos: int) -> int:
        """Index of the word containing or following ``pos``."""
        return bisect_right(self.word_starts, pos) - 1

    def words_between(self, start: int, end: int) -> int:
        """Number of words in [start, end)."""
        if end <= start:
            return 0
        return bisect_left(self.word_starts, end) - bisect_left(self.word_starts, start)

    def next_words(self, pos: int, n: int) -> list[str]:
        i = bisect_left(self.word_starts, pos)
        return self.words[i:i + n]

    def prev_words(self, pos: int, n: int) -> list[str]:
        i = bisect_left(self.word_starts, pos)
        return self.words[max(0, i - n):i]

    def actors_in(self, start: int, end: int) -> list[NMention]:
        """Actor mentions starting in [start, end), in text order."""
        return self.actors[bisect_left(self.actor_starts, start):bisect_left(self.actor_starts, end)]

    def places_in(self, start: int, end: int) -> list[NMention]:
        """Place mentions starting in [start, end), in text order."""
        return self.places[bisect_left(self.place_starts, start):bisect_left(self.place_starts, end)]

    def actor_at(self, pos: int) -> NMention | None:
        """The actor mention covering ``pos`` (mentions do not overlap)."""
        i = bisect_right(self.actor_starts, pos) - 1
        if i >= 0 and pos < self.actors[i].end:
            return self.actors[i]
        return None

    def sentence_of(self, pos: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].end <= pos:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.sentences) and self.sentences[lo].start <= pos:
            return self.sentences[lo]
        return None


def _keep_longest(items: list[NMention]) -> list[NMention]:
    """Drop mentions nested in a longer one (`آل بري` inside `ميليشيات آل بري`)."""
    items.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[NMention] = []
    for item in items:
        if out and item.start < out[-1].end:
            continue
        out.append(item)
    return out


def build_context(doc: Document) -> Context:
    view = normalized_of(doc)
    text = view.text
    starts, ends, word_tokens = word_spans(text)
    words = list(map(text.__getitem__, map(slice, starts, ends)))
    offsets = view.offsets
    ctx = Context(doc, view, text, starts, ends, word_tokens, words, [], scan(text), [], [])
    # Every original offset the context needs, mapped to the normalised text in one call.
    wanted = [x for span in doc.sentences for x in (span.start, span.end)]
    wanted += [x for mention in doc.mentions for x in (mention.start, mention.end)]
    mapped = np.searchsorted(offsets, wanted, side="left").tolist() if wanted else []
    paragraph = 0
    previous_end = 0
    for i, span in enumerate(doc.sentences):
        s, e = mapped[2 * i], mapped[2 * i + 1]
        if "\n" in doc.text[previous_end:span.start]:
            paragraph += 1
        previous_end = span.end
        ctx.sentences.append(Sentence(i, s, e, paragraph, text, starts, ends, words))
    actors: list[NMention] = []
    places: list[NMention] = []
    base = 2 * len(doc.sentences)
    for k, mention in enumerate(doc.mentions):
        nm = NMention(mapped[base + 2 * k], mapped[base + 2 * k + 1], mention)
        ref = mention.ref or ""
        if ref.startswith("place:") or (not ref and mention.type in PLACE_TYPES):
            places.append(nm)
        elif ref.startswith(("actor:", "person:")) or (not ref and mention.type in ACTOR_TYPES):
            actors.append(nm)
    ctx.actors = _keep_longest(actors)
    ctx.places = _keep_longest(places)
    ctx.taken = sorted((m.start, m.end) for m in itertools.chain(ctx.actors, ctx.places))
    ctx.actor_starts = [m.start for m in ctx.actors]
    ctx.place_starts = [m.start for m in ctx.places]
    ctx.place_records = {p.id: p for p in doc.places}
    ctx.actor_kinds = {a.id: (a.kind, a.inter_code) for a in doc.actors}
    return ctx
