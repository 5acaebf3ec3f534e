"""The shipped tagger: a linear-chain CRF's weights in a compact .npz, decoded with numpy.

Training uses CRFsuite; for speed the runtime does not build feature strings per token: the
weights of every word's own attributes are summed once per (word, offset) and cached in one
array, word bigrams are looked up by word pair, so tagging a document is a few array operations
per feature kind and a Viterbi pass over all its sentences at once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

import numpy as np

from marsad.errors import InputError
from marsad.nlp.ner.features import (
    CONTEXT_KINDS,
    OFFSETS,
    Featurizer,
    first_words,
    gazetteer_feature_tags,
    gazetteer_matches,
    name_starts,
    word_attrs,
)

# attribute kind -> the (row, offset) pairs where a word's attribute of that kind is a feature
_ONLY_SELF = ((OFFSETS.index(0), 0),)
_OFFSETS_OF = {kind: tuple((r, k) for r, k in enumerate(OFFSETS) if k == 0 or kind in CONTEXT_KINDS.get(abs(k), ()))
               for kinds in CONTEXT_KINDS.values() for kind in kinds}
# Words whose weight rows stay cached (about 280 bytes each, 14 MB in all): news vocabulary repeats,
# so a bound far below a year's vocabulary serves nearly every token. When full, the half seen in most
# calls stays (on the NER corpora's 853k tokens, second half: 8.5% of tokens missed, against 11.8%
# when the cache is simply cleared and 6.6% with no bound).
CACHE_WORDS = 50_000
_OFFSET_ARRAY = np.array(OFFSETS)


def _attr_offsets(index: dict[str, int]) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """Where each word attribute is a feature the model knows (`1:w=حلب` is the word `حلب` seen from
    the token before it), as a CSR table: attribute -> id; per id, where its pairs start (and the
    next id's start, where they end); per pair, the row in OFFSETS and the weight index, rows ascending."""
    found: dict[str, list[tuple[int, int]]] = {}
    rows = {str(k): r for r, k in enumerate(OFFSETS)}
    for feature, j in index.items():
        k, _, attr = feature.partition(":")
        r = rows.get(k)
        if r is not None and (r, OFFSETS[r]) in _OFFSETS_OF.get(attr[:attr.find("=")], _ONLY_SELF):
            found.setdefault(attr, []).append((r, j))
    pairs = [sorted(p) for p in found.values()]
    starts = np.cumsum([0, *map(len, pairs)])
    flat = np.array([pair for p in pairs for pair in p], dtype=np.int64).reshape(-1, 2)
    return {attr: i for i, attr in enumerate(found)}, starts, flat[:, 0].copy(), flat[:, 1].copy()


class CrfModel:
    def __init__(self, labels: list[str], attrs: list[str], weights: np.ndarray, transitions: np.ndarray,
                 meta: dict, clusters: dict[str, str] | None = None, common: frozenset[str] = frozenset(),
                 counts: dict[str, int] | None = None) -> None:
        self.labels = labels
        self.counts = counts or {}  # corpus frequency of words (to find where a name starts)
        self.common = common  # frequent words the corpora never tag (for the apposition rules)
        self.meta = meta
        self.index = {a: i for i, a in enumerate(attrs)}
        self._attr_ids, self._attr_starts, self._attr_rows, self._attr_weights = _attr_offsets(self.index)
        self.weights = weights.astype(np.float32)
        self.transitions = transitions.astype(np.float32)
        self._trans3 = np.ascontiguousarray(self.transitions[:, :, None])  # (from, to, 1) for the Viterbi
        self._trans_rows = np.ascontiguousarray(self.transitions.T)  # (to, from)
        self.clusters = clusters
        # Subtracted from the O label's emission: trades precision for recall (0 = CRFsuite's decoding).
        self.o_bias = 0.0
        self.lexicon: dict[str, str] = {}  # the corpora's name lexicon (the `lx` gazetteer)
        self.featurizer = Featurizer(clusters)
        self._index_names(None)
        self._zero = np.zeros(len(labels), dtype=np.float32)
        # Word bigram features by pair of word ids: every split of "w1|w2" at a "|" is a pair, so a
        # pair of words finds its feature exactly when the feature string built from them exists.
        pairs: list[tuple[str, str, int, int]] = []
        for attr, j in self.index.items():
            if attr[:3] in ("b-=", "b+="):
                side = attr[1] == "+"
                pair = attr[3:]
                cut = pair.find("|")
                while cut >= 0:
                    pairs.append((pair[:cut], pair[cut + 1:], side, j))
                    cut = pair.find("|", cut + 1)
        self._bigram_words = {w: i for i, w in enumerate(dict.fromkeys(w for a, b, _, _ in pairs for w in (a, b)))}
        self._bigrams: list[tuple[np.ndarray, np.ndarray]] = []  # per side: sorted pair keys, feature rows
        for side in (0, 1):
            keyed = sorted({self._pair_key(self._bigram_words[a], self._bigram_words[b]): j
                            for a, b, sd, j in pairs if sd == side}.items())
            self._bigrams.append((np.array([k for k, _ in keyed], dtype=np.int64),
                                  np.array([j for _, j in keyed], dtype=np.int64)))
        self._clear_rows()
        self._gaz: dict[str, np.ndarray] = {}
        self._gaz_kinds: dict[str, int] = {}
        self._gaz_table = np.zeros((0, len(OFFSETS), len(labels)), dtype=np.float32)
        self._bias = self._sum(["bias"])
        self._edge_left = self._sum(["-1:edge"])
        self._edge_right = self._sum(["1:edge"])
        self._edges = np.stack([self._edge_left, self._edge_right])
        self._label_names = np.array(labels, dtype=object)
        # Per label: its chunk type's index in self._chunk_names (-1 for O), and whether it is I-.
        names = list(dict.fromkeys(t.partition("-")[2] for t in labels if t != "O"))
        self._chunk_names = np.array(names, dtype=object)
        self._chunk_kind = np.array([names.index(t.partition("-")[2]) if t != "O" else -1 for t in labels])
        self._is_inside = np.array([t.startswith("I-") for t in labels])

    # -- loading and saving -------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> CrfModel:
        try:
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                attrs = str(z["attrs"]).split("\n")
                clusters = None
                if "cluster_words" in z:
                    clusters = dict(zip(str(z["cluster_words"]).split("\n"), str(z["cluster_ids"]).split("\n"),
                                        strict=True))
                common = frozenset(str(z["common"]).split("\n")) if "common" in z else frozenset()
                counts = {}
                if "vocab_words" in z:
                    counts = dict(zip(str(z["vocab_words"]).split("\n"), z["vocab_counts"].tolist(), strict=True))
                model = cls(meta["labels"], attrs, z["weights"], z["transitions"], meta, clusters, common, counts)
                if "lexicon_forms" in z:
                    model.lexicon = dict(zip(str(z["lexicon_forms"]).split("\n"),
                                             str(z["lexicon_types"]).split("\n"), strict=True))
                return model
        except (OSError, KeyError, ValueError) as exc:
            raise InputError(str(path), f"not a marsad NER model ({exc})") from exc

    def set_gazetteer(self, gazetteer: dict[str, str] | None, multi: dict[tuple[str, ...], str] | None,
                      parts: dict[str, str] | None = None) -> None:
        self.featurizer = Featurizer(self.clusters, gazetteer, multi, parts)
        self._index_names(multi)
        self._clear_rows()

    def _index_names(self, multi: dict[tuple[str, ...], str] | None) -> None:
        """Ids of the first words of multi-word names and of the words that follow one, and every
        (first word, next word) pair as a sorted key: a token can open a gazetteer match only when it
        and the next word make such a pair, which numpy checks for all tokens at once."""
        firsts, _, seconds = first_words(multi) if multi else ({}, {}, {})
        self._first_index = {f: i for i, f in enumerate(firsts)}
        self._follower_index = {w: i for i, w in enumerate(sorted({w for ws in seconds.values() for w in ws}))}
        self._name_pairs = np.array(sorted(self._first_index[f] * len(self._follower_index) + self._follower_index[w]
                                           for f, ws in seconds.items() for w in ws), dtype=np.int64)

    # -- scoring -------------------------------------------------------------------------------
    def _sum(self, names: Sequence[str]) -> np.ndarray:
        rows = [self.index[n] for n in names if n in self.index]
        return self.weights[rows].sum(axis=0) if rows else self._zero

    def _pair_key(self, first: np.ndarray | int, second: np.ndarray | int) -> np.ndarray | int:
        return first * (len(self._bigram_words) + 1) + second

    def _clear_rows(self) -> None:
        self._slot: dict[str, int] = {}  # word -> its row block in self._store (slot 0: padding, all zero)
        self._slot_words = [""]  # slot -> word
        self._store = np.zeros((1, len(OFFSETS), len(self.labels)), dtype=np.float32)
        self._word_ids = np.full(1, -1, dtype=np.int64)  # per slot: the word's id in the bigram table, or -1
        self._hits = np.zeros(1, dtype=np.int64)  # per slot: in how many calls the word was seen (halved on eviction)
        # Per slot: the id (self._first_index) of the word's stem that starts a multi-word name, -1
        # when none does, -2 when several do; the word's id as the next word of a name, or -1.
        self._first_ids = np.full(1, -1, dtype=np.int64)
        self._follow_ids = np.full(1, -1, dtype=np.int64)

    def _evict(self, keep_words: Sequence[str]) -> None:
        """Bounded memory: keep the words seen in most calls (half the cache) and ``keep_words``."""
        used = len(self._slot_words)
        frequent = np.argsort(-self._hits[1:used], kind="stable")[:CACHE_WORDS // 2] + 1
        wanted = {self._slot[w] for w in keep_words if w in self._slot}
        kept = np.array([0, *sorted(wanted.union(frequent.tolist()))], dtype=np.intp)
        self._store = self._store[kept]
        self._word_ids = self._word_ids[kept]
        self._hits = self._hits[kept] // 2  # older counts weigh less than new ones
        self._first_ids = self._first_ids[kept]
        self._follow_ids = self._follow_ids[kept]
        self._slot_words = [self._slot_words[k] for k in kept.tolist()]
        self._slot = {w: k for k, w in enumerate(self._slot_words) if k}

    def _gaz_rows(self, g: str) -> np.ndarray:
        """(len(OFFSETS), n_labels): the weight a gazetteer-span tag ``g`` adds ``k`` tokens before it."""
        found = self._gaz.get(g)
        if found is None:
            found = self._gaz[g] = np.stack([
                self._sum([f"{k}:{a}" for a in g.split(" ")]) if k == 0 or "G" in CONTEXT_KINDS.get(abs(k), ())
                else self._zero for k in OFFSETS])
        return found

    def _gaz_index(self, kind: str) -> int:
        """Row in ``self._gaz_table`` of a gazetteer value's first-token rows (the next: the others)."""
        found = self._gaz_kinds.get(kind)
        if found is None:
            found = self._gaz_kinds[kind] = len(self._gaz_table)
            rows = np.stack([self._gaz_rows(tags) for tags in gazetteer_feature_tags(kind)])
            self._gaz_table = np.concatenate([self._gaz_table, rows])
        return found

    def _add_words(self, new: list[str]) -> None:
        """Sum and store the weight rows (offsets x labels) of words not in the cache."""
        base = len(self._slot_words)
        if base + len(new) > len(self._store):
            size = max(base + len(new), min(2 * len(self._store), CACHE_WORDS + 1))
            grown = np.zeros((size, len(OFFSETS), len(self.labels)), dtype=np.float32)
            grown[:base] = self._store[:base]
            self._store = grown
            for name, empty in (("_word_ids", -1), ("_hits", 0), ("_first_ids", -1), ("_follow_ids", -1)):
                setattr(self, name, np.concatenate([getattr(self, name)[:base],
                                                    np.full(size - base, empty, dtype=np.int64)]))
        self._slot_words += new
        self._hits[base:base + len(new)] = 0
        multi = self.featurizer.multi
        if multi:
            starts = [name_starts(w, multi)[:1] for w in new]
            self._first_ids[base:base + len(new)] = [-1 if not st else self._first_index[st[0][0][0]]
                                                     if len(st[0]) == 1 else -2 for st in starts]
        else:
            self._first_ids[base:base + len(new)] = -1
        self._follow_ids[base:base + len(new)] = [self._follower_index.get(w, -1) for w in new]
        fz = self.featurizer
        ids: list[int] = []  # the attributes of every new word that the model knows, word after word
        owners: list[int] = []  # the slot of each
        known = self._attr_ids.get
        for u, word in enumerate(new, base):
            self._slot[word] = u
            mine = [i for i in map(known, word_attrs(word, fz.clusters, fz.gazetteer, fz.parts)) if i is not None]
            ids += mine
            owners += [u] * len(mine)
        self._store[base:base + len(new)] = 0.0
        self._word_ids[base:base + len(new)] = [self._bigram_words.get(w, -1) for w in new]
        if ids:
            # Each attribute's (offset row, weight) pairs, in order.
            first = self._attr_starts[ids]
            counts = self._attr_starts[np.array(ids) + 1] - first
            pair = np.arange(np.add.reduce(counts)) + (first - (counts.cumsum() - counts)).repeat(counts)
            where = (np.array(owners) * len(OFFSETS)).repeat(counts) + self._attr_rows[pair]
            # Unbuffered, in order: the same float32 sums as adding each word's features one by one.
            n_labels = len(self.labels)
            np.add.at(self._store.reshape(-1), (where[:, None] * n_labels + np.arange(n_labels)).ravel(),
                      self.weights[self._attr_weights[pair]].ravel())

    def _slots(self, words: Sequence[str]) -> np.ndarray:
        """The cache slot of each word (its rows computed on a miss)."""
        try:
            slots = np.fromiter(map(self._slot.__getitem__, words), dtype=np.intp, count=len(words))
        except KeyError:
            new = list(dict.fromkeys(w for w in words if w not in self._slot))
            if len(self._slot) + len(new) > CACHE_WORDS:
                self._evict(words)
            self._add_words(new)
            slots = np.fromiter(map(self._slot.__getitem__, words), dtype=np.intp, count=len(words))
        self._hits[slots] += 1  # once per call and word (a buffered add)
        return slots

    def emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Emission scores of all tokens of ``sentences`` (concatenated) and each token's sentence id."""
        return self._emissions(list(chain.from_iterable(sentences)), list(map(len, sentences)))

    def _emissions(self, words: Sequence[str], lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
        n = len(words)
        sid = np.arange(len(lengths)).repeat(lengths)
        slots = self._slots(words)
        # Sentences laid out with two empty tokens (slot 0, all-zero rows) before, between and after
        # them, so that what a token adds to its neighbours at offsets ±1, ±2 never reaches another
        # sentence: it lands on the padding (0.0 added to a sentence's token, as CRFsuite adds nothing).
        reach = max(abs(k) for k in OFFSETS)
        at = np.arange(n) + reach * (sid + 1)  # each token's place in the padded layout
        size = n + reach * (len(lengths) + 1)
        padded = np.zeros(size, dtype=np.intp)
        padded[at] = slots
        rows = self._store.take(padded, axis=0)  # (padded tokens, offsets, labels)
        em = self._bias[None].repeat(size, axis=0)
        for r, k in enumerate(OFFSETS):
            # Token i receives the row of word i+k at offset k.
            em[reach:size - reach] += rows[reach + k:size - reach + k, r]
        # Then, in CRFsuite's order, the terms of two words or more, all in one unbuffered scatter
        # (in order: the same float32 sums as adding them one by one): the sentence edges, the word
        # bigrams ("b-" on the second word of a pair, then "b+" on the first), the gazetteer spans.
        ends = np.add.accumulate(lengths)
        targets = [at[ends - np.array(lengths)], at[ends - 1]]
        terms = [self._edges.repeat(len(lengths), axis=0)]  # every sentence's left edges, then right edges
        ids = self._word_ids.take(slots)
        first = ((ids[:-1] >= 0) & (ids[1:] >= 0) & (sid[:-1] == sid[1:])).nonzero()[0]
        if len(first):
            keys = self._pair_key(ids[first], ids[first + 1])
            for (known, feats), shift in zip(self._bigrams, (1, 0), strict=True):
                if len(known):
                    where = np.minimum(known.searchsorted(keys), len(known) - 1)
                    hit = known[where] == keys
                    targets.append(at[first[hit] + shift])
                    terms.append(self.weights.take(feats[where[hit]], axis=0))
        matches = gazetteer_matches(words, self.featurizer.multi, ends.tolist(), self._name_openers(slots, sid))
        if matches:
            inside: list[int] = []  # the tokens of every match, and the rows of their gazetteer tags
            tags: list[int] = []
            for i, size_, kind in matches:
                g = self._gaz_index(kind)
                inside += range(i, i + size_)
                tags += [g] + [g + 1] * (size_ - 1)
            targets.append((at[inside][:, None] - _OFFSET_ARRAY).ravel())  # token i - k: row of offset k
            terms.append(self._gaz_table.take(tags, axis=0).reshape(-1, len(self._bias)))
        n_labels = em.shape[1]
        np.add.at(em.reshape(-1), (np.concatenate(targets)[:, None] * n_labels + np.arange(n_labels)).ravel(),
                  np.concatenate(terms).ravel())
        return em.take(at, axis=0), sid

    def decode(self, words: Sequence[str], lengths: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Best label ids of the tokens of non-empty sentences of normalised words (``words``: the
        sentences concatenated, ``lengths`` theirs), each token's emission margin (best minus
        second-best label: a confidence) and its sentence id. Viterbi runs on all sentences at once."""
        em, sid = self._emissions(words, lengths)
        if self.o_bias:
            em[:, self.labels.index("O")] -= self.o_bias
        top2 = em.copy()
        top2.partition(-2, axis=1)
        margin = top2[:, -1] - top2[:, -2]
        return self._viterbi(em, sid, np.array(lengths)), margin, sid

    def chunks(self, path: np.ndarray, sid: np.ndarray) -> list[tuple[int, int, str]]:
        """``tags.spans`` of the label ids ``path`` (sentences concatenated, ``sid`` their ids: no chunk
        runs into the next sentence), without building a label string per token."""
        kind = self._chunk_kind.take(path)  # -1 for O
        # A token continues the chunk before it when it is I- of that chunk's type (conlleval).
        goes_on = np.zeros(len(path) + 1, dtype=bool)
        goes_on[1:-1] = self._is_inside.take(path[1:]) & (kind[1:] == kind[:-1]) & (sid[1:] == sid[:-1])
        named = kind >= 0
        first = (named & ~goes_on[:-1]).nonzero()[0]
        end = (named & ~goes_on[1:]).nonzero()[0] + 1
        return list(zip(first.tolist(), end.tolist(), self._chunk_names[kind[first]].tolist(), strict=True))

    def _name_openers(self, slots: np.ndarray, sid: np.ndarray) -> list[int]:
        """Tokens (ascending) that may open a multi-word gazetteer match: a stem of the word starts a
        name and the next word, in the same sentence, follows that first word in some name."""
        first = self._first_ids.take(slots[:-1])
        follow = self._follow_ids.take(slots[1:])
        maybe = ((first != -1) & (follow >= 0) & (sid[:-1] == sid[1:])).nonzero()[0]
        if not len(maybe) or not len(self._name_pairs):
            return []
        keys = first[maybe] * len(self._follower_index) + follow[maybe]
        found = self._name_pairs[np.minimum(self._name_pairs.searchsorted(keys), len(self._name_pairs) - 1)] == keys
        return maybe[found | (first[maybe] == -2)].tolist()  # several first stems: gazetteer_matches checks

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], np.ndarray]]:
        """Best label sequence of each sentence of normalised words, with each token's emission
        margin (best minus second-best label: a confidence). Viterbi runs on all sentences at once."""
        sentences = [s for s in sentences]
        live = [i for i, s in enumerate(sentences) if s]
        if not live:
            return [([], np.zeros(0, dtype=np.float32)) for _ in sentences]
        path, margin, _ = self.decode(list(chain.from_iterable(sentences[i] for i in live)),
                                      [len(sentences[i]) for i in live])
        names = self._label_names[path].tolist()
        out: list[tuple[list[str], np.ndarray]] = [([], margin[:0]) for _ in sentences]
        a = 0
        for i in live:
            b = a + len(sentences[i])
            out[i] = (names[a:b], margin[a:b])
            a = b
        return out

    def _viterbi(self, em: np.ndarray, sid: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best label of each token (sentences concatenated in ``em``, ``sid`` their ids)."""
        n_labels = len(self.labels)
        batch = len(lengths)
        longest = int(np.maximum.reduce(lengths))
        # Columns hold sentences longest first, so the sentences still running at step t are the
        # first active[t] columns and those ending at t a slice: no masks, no fancy indexing.
        order = (-lengths).argsort(kind="stable")
        column = np.empty(batch, dtype=np.intp)
        column[order] = np.arange(batch)
        ordered = lengths[order]
        active = (-ordered).searchsorted(-np.arange(longest + 1), side="left").tolist()  # sentences longer than t
        # (time, labels, sentences): the sentences are the innermost axis, so each step is three array
        # operations over all of them (numpy reduces slowly along a short last axis).
        pos = np.arange(len(em)) - (lengths.cumsum() - lengths)[sid]
        score = np.zeros((longest, n_labels, batch), dtype=np.float32)  # score[t]: best path score ending in each label
        at = column.take(sid)  # each token's column
        score[pos, :, at] = em
        cand = np.empty((n_labels, n_labels, batch), dtype=np.float32)
        best = np.empty((n_labels, batch), dtype=np.float32)
        # The transitions repeated for every sentence: a plain elementwise add per step (numpy is
        # slower when one operand repeats along the innermost axis).
        trans3 = self._trans3.repeat(batch, axis=2)
        add, most = np.add, np.maximum.reduce
        # Every column is updated at every step (past its end a sentence's scores are unused):
        # slicing out the running ones costs more than the work it saves.
        for before, now in zip(score[:-1, :, None, :], score[1:], strict=True):
            add(before, trans3, out=cand)  # (from, to, sentences)
            most(cand, axis=0, out=best)
            add(now, best, out=now)
        # Back from each sentence's own last step; a predecessor is the first best-scoring label
        # (np.argmax's tie rule, as a stored back-pointer table would give). Rows (sentences,
        # labels) here: a gather of transition rows, an add and one argmax per step.
        by_row = np.ascontiguousarray(score.transpose(0, 2, 1))
        into = self._trans_rows  # transitions[:, to] as rows
        last = by_row[ordered - 1, np.arange(batch)].argmax(axis=1)
        path = np.empty((longest, batch), dtype=np.intp)
        path[-1] = last
        step = np.empty((batch, n_labels), dtype=np.float32)
        rows, labels = list(by_row), list(path)  # each step's views, made once
        for t in range(longest - 1, 0, -1):
            into.take(labels[t], axis=0, out=step)
            add(step, rows[t - 1], out=step)
            step.argmax(axis=1, out=labels[t - 1])
            a, b = active[t], active[t - 1]
            if b > a:  # sentences whose last token is t - 1
                labels[t - 1][a:b] = last[a:b]
        return path[pos, at]

    def tag(self, words: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """Labels and margins of one sentence (see ``tag_many``)."""
        return self.tag_many([words])[0]


def export(crf_file: Path, out: Path, meta: dict, clusters: dict[str, str] | None = None,
           common: frozenset[str] = frozenset(), counts: dict[str, int] | None = None,
           lexicon: dict[str, str] | None = None) -> None:
    """Convert a CRFsuite model file into the compact .npz the runtime loads."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_file))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda t: (t != "O", t.partition("-")[2], t))
    lab = {t: i for i, t in enumerate(labels)}
    attrs: dict[str, int] = {}
    for attr, _ in info.state_features:
        attrs.setdefault(attr, len(attrs))
    weights = np.zeros((len(attrs), len(labels)), dtype=np.float32)
    for (attr, label), w in info.state_features.items():
        weights[attrs[attr], lab[label]] = w
    trans = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        trans[lab[a], lab[b]] = w
    tagger.close()
    extra = {"common": np.array("\n".join(sorted(common)))}
    if lexicon:
        extra |= {"lexicon_forms": np.array("\n".join(lexicon)), "lexicon_types": np.array("\n".join(lexicon.values()))}
    if counts:
        extra |= {"vocab_words": np.array("\n".join(counts)), "vocab_counts": np.array(list(counts.values()),
                                                                                      dtype=np.int32)}
    if clusters:
        extra |= {"cluster_words": np.array("\n".join(clusters)), "cluster_ids": np.array("\n".join(clusters.values()))}
    meta = {**meta, "labels": labels}
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, meta=np.array(json.dumps(meta, ensure_ascii=False)), attrs=np.array("\n".join(attrs)),
                        weights=weights.astype(np.float16), transitions=trans, **extra)
