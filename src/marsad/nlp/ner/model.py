"""The shipped tagger: a linear-chain CRF's weights in a compact .npz, decoded with numpy.

Training uses CRFsuite; for speed the runtime does not build feature strings per token: the
weights of every word's own attributes are summed once per (word, offset) and cached, so
tagging a sentence is a few array additions and a Viterbi pass.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from marsad.errors import InputError
from marsad.nlp.ner.features import CONTEXT_KINDS, OFFSETS, Featurizer, gazetteer_spans

# attribute kind -> the (row, offset) pairs where a word's attribute of that kind is a feature
_ONLY_SELF = ((OFFSETS.index(0), 0),)
_OFFSETS_OF = {kind: tuple((r, k) for r, k in enumerate(OFFSETS) if k == 0 or kind in CONTEXT_KINDS.get(abs(k), ()))
               for kinds in CONTEXT_KINDS.values() for kind in kinds}


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
        self._rows: dict[str, np.ndarray] = {}
        self._gaz: dict[tuple[int, str], np.ndarray] = {}
        self._bias = self._sum(["bias"])
        self._edge_left = self._sum(["-1:edge"])
        self._edge_right = self._sum(["1:edge"])

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
        self._rows.clear()

    # -- scoring -------------------------------------------------------------------------------
    def _sum(self, names: Sequence[str]) -> np.ndarray:
        rows = [self.index[n] for n in names if n in self.index]
        return self.weights[rows].sum(axis=0) if rows else self._zero

    def _gaz_row(self, k: int, g: str) -> np.ndarray:
        found = self._gaz.get((k, g))
        if found is None:
            found = self._gaz[(k, g)] = self._sum([f"{k}:{a}" for a in g.split(" ")])
        return found

    def _word_rows(self, word: str) -> np.ndarray:
        """(len(OFFSETS), n_labels): the weight a word adds to the token ``k`` places before it."""
        found = self._rows.get(word)
        if found is None:
            index = self.index
            rows: list[int] = []
            where: list[int] = []
            for a in self.featurizer.attrs(word):
                for r, k in _OFFSETS_OF.get(a[:a.find("=")], _ONLY_SELF):
                    j = index.get(f"{k}:{a}")
                    if j is not None:
                        rows.append(j)
                        where.append(r)
            found = np.zeros((len(OFFSETS), len(self.labels)), dtype=np.float32)
            if rows:
                np.add.at(found, where, self.weights[rows])
            if len(self._rows) > 300_000:
                self._rows.clear()
            self._rows[word] = found
        return found

    def emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Emission scores of all tokens of ``sentences`` (concatenated) and each token's sentence id."""
        words = [w for s in sentences for w in s]
        n = len(words)
        sid = np.repeat(np.arange(len(sentences)), [len(s) for s in sentences])
        rows = np.stack([self._word_rows(w) for w in words])  # (n, offsets, labels)
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
        ends = np.cumsum([len(s) for s in sentences])
        em[ends - np.array([len(s) for s in sentences])] += self._edge_left
        em[ends - 1] += self._edge_right
        idx = self.index
        weights = self.weights
        for i in range(1, n):
            if sid[i] == sid[i - 1]:
                j = idx.get(f"b-={words[i - 1]}|{words[i]}")
                if j is not None:
                    em[i] += weights[j]
                j = idx.get(f"b+={words[i - 1]}|{words[i]}")
                if j is not None:
                    em[i - 1] += weights[j]
        if self.featurizer.multi:
            start = 0
            for s in sentences:
                for i, g in enumerate(gazetteer_spans(s, self.featurizer.multi)):
                    if g:
                        for k in OFFSETS:
                            kinds = CONTEXT_KINDS.get(abs(k))
                            if 0 <= i - k < len(s) and (kinds is None or "G" in kinds):
                                em[start + i - k] += self._gaz_row(k, g)
                start += len(s)
        return em, sid

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], np.ndarray]]:
        """Best label sequence of each sentence of normalised words, with each token's emission
        margin (best minus second-best label: a confidence). Viterbi runs on all sentences at once."""
        sentences = [s for s in sentences]
        out: list[tuple[list[str], np.ndarray]] = [([], np.zeros(0, dtype=np.float32)) for _ in sentences]
        live = [i for i, s in enumerate(sentences) if s]
        if not live:
            return out
        em, _ = self.emissions([sentences[i] for i in live])
        if self.o_bias:
            em[:, self.labels.index("O")] -= self.o_bias
        lengths = np.array([len(sentences[i]) for i in live])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        n_labels = len(self.labels)
        top2 = np.partition(em, -2, axis=1)[:, -2:]
        margin = top2[:, 1] - top2[:, 0]
        longest = int(lengths.max())
        shortest = int(lengths.min())
        # (sentences, time, labels), padded; past its end a sentence keeps its score.
        grid = np.zeros((len(live), longest, n_labels), dtype=np.float32)
        pos = np.arange(len(em)) - np.repeat(starts, lengths)
        grid[np.repeat(np.arange(len(live)), lengths), pos] = em
        back = np.empty((longest, len(live), n_labels), dtype=np.int32)
        keep = np.broadcast_to(np.arange(n_labels, dtype=np.int32), (len(live), n_labels))
        score = grid[:, 0].copy()
        trans = self.transitions
        for t in range(1, longest):
            cand = score[:, :, None] + trans  # (sentences, from, to)
            best = cand.argmax(axis=1)
            new = cand.max(axis=1) + grid[:, t]
            if t < shortest:  # every sentence still running: no masking needed
                score = new
                back[t] = best
            else:
                active = (lengths > t)[:, None]
                score = np.where(active, new, score)
                back[t] = np.where(active, best, keep)
        path = np.empty((longest, len(live)), dtype=np.int64)
        path[-1] = score.argmax(axis=1)
        rows = np.arange(len(live))
        for t in range(longest - 1, 0, -1):
            path[t - 1] = back[t, rows, path[t]]
        labels = self.labels
        for r, i in enumerate(live):
            n = int(lengths[r])
            out[i] = ([labels[b] for b in path[:n, r]], margin[starts[r]:starts[r] + n])
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
