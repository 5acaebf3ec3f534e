"""The shipped tagger: a linear-chain CRF's weights in a compact .npz, decoded with numpy.

Training uses CRFsuite; for speed the runtime does not build feature strings per token: the
weights of every word's own attributes are summed once per (word, offset) and cached in one
array, word bigrams are looked up by word pair, so tagging a document is a few array operations
per feature kind and a Viterbi pass over all its sentences at once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

from marsad.errors import InputError
from marsad.nlp.ner.features import CONTEXT_KINDS, OFFSETS, Featurizer, gazetteer_tags, word_attrs

# attribute kind -> the (row, offset) pairs where a word's attribute of that kind is a feature
_ONLY_SELF = ((OFFSETS.index(0), 0),)
_OFFSETS_OF = {kind: tuple((r, k) for r, k in enumerate(OFFSETS) if k == 0 or kind in CONTEXT_KINDS.get(abs(k), ()))
               for kinds in CONTEXT_KINDS.values() for kind in kinds}
# Words whose weight rows stay cached (about 280 bytes each): news vocabulary repeats, so a bound
# far below a year's vocabulary still serves nearly every token from the cache.
CACHE_WORDS = 50_000


class CrfModel:
    def __init__(self, labels: list[str], attrs: list[str], weights: np.ndarray, transitions: np.ndarray,
                 meta: dict, clusters: dict[str, str] | None = None, common: frozenset[str] = frozenset(),
                 counts: dict[str, int] | None = None) -> None:
        self.labels = labels
        self.counts = counts or {}  # corpus frequency of words (to find where a name starts)
        self.common = common  # frequent words the corpora never tag (for the apposition rules)
        self.meta = meta
        self.index = {a: i for i, a in enumerate(attrs)}
        self.weights = weights.astype(np.float32)
        self.transitions = transitions.astype(np.float32)
        self.clusters = clusters
        # Subtracted from the O label's emission: trades precision for recall (0 = CRFsuite's decoding).
        self.o_bias = 0.0
        self.lexicon: dict[str, str] = {}  # the corpora's name lexicon (the `lx` gazetteer)
        self.featurizer = Featurizer(clusters)
        self._zero = np.zeros(len(labels), dtype=np.float32)
        # Word bigram features by word pair: every split of "w1|w2" at a "|" is a key, so a pair
        # finds its feature exactly when the feature string would be built from it.
        self._bigrams: tuple[dict[tuple[str, str], int], ...] = ({}, {})
        for attr, j in self.index.items():
            side = ("b-=", "b+=").index(attr[:3]) if attr[:3] in ("b-=", "b+=") else -1
            if side >= 0:
                pair = attr[3:]
                cut = pair.find("|")
                while cut >= 0:
                    self._bigrams[side][(pair[:cut], pair[cut + 1:])] = j
                    cut = pair.find("|", cut + 1)
        self._clear_rows()
        self._gaz: dict[str, np.ndarray] = {}
        self._bias = self._sum(["bias"])
        self._edge_left = self._sum(["-1:edge"])
        self._edge_right = self._sum(["1:edge"])
        self._label_names = np.array(labels, dtype=object)

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
        self._clear_rows()

    # -- scoring -------------------------------------------------------------------------------
    def _sum(self, names: Sequence[str]) -> np.ndarray:
        rows = [self.index[n] for n in names if n in self.index]
        return self.weights[rows].sum(axis=0) if rows else self._zero

    def _clear_rows(self) -> None:
        self._slot: dict[str, int] = {}  # word -> its row block in self._store
        self._store = np.zeros((0, len(OFFSETS), len(self.labels)), dtype=np.float32)
        self._attr_rows: dict[str, tuple[tuple[int, int], ...]] = {}

    def _gaz_rows(self, g: str) -> np.ndarray:
        """(len(OFFSETS), n_labels): the weight a gazetteer-span tag ``g`` adds ``k`` tokens before it."""
        found = self._gaz.get(g)
        if found is None:
            found = self._gaz[g] = np.stack([
                self._sum([f"{k}:{a}" for a in g.split(" ")]) if k == 0 or "G" in CONTEXT_KINDS.get(abs(k), ())
                else self._zero for k in OFFSETS])
        return found

    def _attr_offsets(self, attr: str) -> tuple[tuple[int, int], ...]:
        """(row, weight index) of each offset at which ``attr`` is a feature the model knows."""
        found = self._attr_rows.get(attr)
        if found is None:
            index = self.index
            found = tuple((r, index[f"{k}:{attr}"]) for r, k in _OFFSETS_OF.get(attr[:attr.find("=")], _ONLY_SELF)
                          if f"{k}:{attr}" in index)
            if len(self._attr_rows) > CACHE_WORDS:
                self._attr_rows.clear()
            self._attr_rows[attr] = found
        return found

    def _add_words(self, new: list[str]) -> None:
        """Sum and store the weight rows (offsets x labels) of words not in the cache."""
        if len(self._slot) + len(new) > max(CACHE_WORDS, len(new)):
            self._slot.clear()  # bounded memory: start over rather than grow without end
        base = len(self._slot)
        if base + len(new) > len(self._store):
            grown = np.zeros((max(base + len(new), min(2 * len(self._store), CACHE_WORDS)), len(OFFSETS),
                              len(self.labels)), dtype=np.float32)
            grown[:base] = self._store[:base]
            self._store = grown
        fz = self.featurizer
        rows: list[int] = []
        where: list[int] = []
        width = len(OFFSETS)
        for u, word in enumerate(new, base):
            self._slot[word] = u
            for a in word_attrs(word, fz.clusters, fz.gazetteer, fz.parts):
                for r, j in self._attr_offsets(a):
                    rows.append(j)
                    where.append(u * width + r)
        block = self._store[base:base + len(new)]
        block[:] = 0.0
        if rows:
            # Unbuffered, in order: the same float32 sums as adding each word's features one by one.
            n_labels = len(self.labels)
            flat = (np.array(where)[:, None] * n_labels + np.arange(n_labels)).ravel()
            np.add.at(self._store.reshape(-1), flat, self.weights[rows].ravel())

    def _word_rows(self, words: Sequence[str]) -> np.ndarray:
        """(len(words), len(OFFSETS), n_labels): the weight each word adds to the token ``k`` places before it."""
        slot = self._slot
        ids = [slot.get(w) for w in words]
        if None in ids:
            self._add_words(list(dict.fromkeys(w for w, i in zip(words, ids, strict=True) if i is None)))
            ids = [slot.get(w) for w in words]
            if None in ids:  # the cache was cleared to make room: this call's words all go in again
                self._add_words(list(dict.fromkeys(words)))
                ids = [slot[w] for w in words]
        return self._store[ids]

    def emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Emission scores of all tokens of ``sentences`` (concatenated) and each token's sentence id."""
        words = [w for s in sentences for w in s]
        n = len(words)
        lengths = [len(s) for s in sentences]
        sid = np.repeat(np.arange(len(sentences)), lengths)
        rows = self._word_rows(words)  # (n, offsets, labels)
        em = np.tile(self._bias, (n, 1))
        for r, k in enumerate(OFFSETS):
            # Token i receives the row of word i+k at offset k, within its own sentence.
            if k == 0:
                em += rows[:, r]
            elif k > 0:
                same = (sid[:n - k] == sid[k:])[:, None]
                em[:n - k] += np.where(same, rows[k:, r], 0.0)
            else:
                same = (sid[-k:] == sid[:n + k])[:, None]
                em[-k:] += np.where(same, rows[:n + k, r], 0.0)
        ends = np.cumsum(lengths)
        em[ends - np.array(lengths)] += self._edge_left
        em[ends - 1] += self._edge_right
        # Word bigrams: "b-" on the second word of a pair, then "b+" on the first (CRFsuite's order).
        pairs = list(pairwise(words))
        for side, shift in ((0, 1), (1, 0)):
            table = self._bigrams[side]
            hits = [(i, j) for i, j in enumerate(map(table.get, pairs)) if j is not None]
            if hits:
                at, feats = np.array(hits).T
                inside = sid[at] == sid[at + 1]
                em[at[inside] + shift] += self.weights[feats[inside]]
        multi = self.featurizer.multi
        if multi:
            found = [(start + i, g) for s, start in zip(sentences, ends - np.array(lengths), strict=True)
                     for i, g in gazetteer_tags(s, multi)]
            if found:
                at = np.array([i for i, _ in found])
                block = np.stack([self._gaz_rows(g) for _, g in found])
                for r, k in enumerate(OFFSETS):  # in the order CRFsuite adds them, offset by offset
                    to = at - k
                    ok = (to >= 0) & (to < n)
                    ok[ok] = sid[to[ok]] == sid[at[ok]]
                    em[to[ok]] += block[ok, r]
        return em, sid

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], np.ndarray]]:
        """Best label sequence of each sentence of normalised words, with each token's emission
        margin (best minus second-best label: a confidence). Viterbi runs on all sentences at once."""
        sentences = [s for s in sentences]
        out: list[tuple[list[str], np.ndarray]] = [([], np.zeros(0, dtype=np.float32)) for _ in sentences]
        live = [i for i, s in enumerate(sentences) if s]
        if not live:
            return out
        em, sid = self.emissions([sentences[i] for i in live])
        if self.o_bias:
            em[:, self.labels.index("O")] -= self.o_bias
        lengths = np.array([len(sentences[i]) for i in live])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        n_labels = len(self.labels)
        top2 = np.partition(em, -2, axis=1)[:, -2:]
        margin = top2[:, 1] - top2[:, 0]
        longest = int(lengths.max())
        batch = len(live)
        # (time, sentences, labels), padded; a sentence's path starts from its own last step.
        pos = np.arange(len(em)) - np.repeat(starts, lengths)
        grid = np.zeros((longest, batch, n_labels), dtype=np.float32)
        grid[pos, sid] = em
        score = grid  # score[t]: best score of a path ending in each label at t (overwrites the grid)
        back = np.empty((longest, batch, n_labels), dtype=np.intp)
        cand = np.empty((batch, n_labels, n_labels), dtype=np.float32)
        trans = self.transitions
        for t in range(1, longest):
            np.add(score[t - 1][:, :, None], trans, out=cand)  # (sentences, from, to)
            cand.argmax(axis=1, out=back[t])
            new = cand.max(axis=1)
            score[t] += new
        rows = np.arange(batch)
        last = score[lengths - 1, rows].argmax(axis=1)
        ending: dict[int, np.ndarray] = {}
        for t in np.unique(lengths - 1).tolist():
            ending[t] = np.flatnonzero(lengths - 1 == t)
        path = np.empty((longest, batch), dtype=np.intp)
        path[-1] = last
        for t in range(longest - 1, 0, -1):
            path[t - 1] = back[t, rows, path[t]]
            if t - 1 in ending:
                path[t - 1, ending[t - 1]] = last[ending[t - 1]]
        names = self._label_names[path[pos, sid]].tolist()
        for r, i in enumerate(live):
            a, b = int(starts[r]), int(starts[r] + lengths[r])
            out[i] = (names[a:b], margin[a:b])
        return out

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
