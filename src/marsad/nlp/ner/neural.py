"""A neural NER tagger trained from scratch: word + stem embeddings, a character CNN, gazetteer
inputs, a BiLSTM and a CRF output layer (PyTorch; optional extra ``marsad[neural]``).

It exists to be compared with the shipped CRF (docs/models/ner.md); it has the CRF model's
tagging interface (``tag_many`` → labels and emission margins per sentence) so either can be
scored by the same code. Nothing is pretrained elsewhere: the word embeddings start from
PPMI+SVD vectors of the training corpora (``clusters.word_vectors``).

Every input of the BiLSTM except the multi-word gazetteer tags depends on one word only, so at
run time each word's input row is computed once and cached (as the CRF caches weight rows).
The weights are stored in an ``.npz`` (no pickle), with the vocabularies in its metadata.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from marsad.errors import InputError
from marsad.nlp.ner.features import Featurizer, gazetteer_spans
from marsad.nlp.tokens import clitic_splits, stem_candidates

try:
    import torch
    from torch import nn
except ImportError:  # the default install has no torch: the module stays importable, the model not
    torch = None
    nn = None

PAD, UNK = 0, 1
MAX_CHARS = 20
# Word attribute kinds of the CRF's featurizer that the tagger takes as inputs (the rest, words
# and affixes, it learns from its embeddings and characters).
FEATURE_KINDS = ("sh", "g", "np", "pre")


def require_torch() -> None:
    if torch is None:
        raise InputError("torch", "the neural NER tagger needs PyTorch: pip install 'marsad[neural]'")


class Encoder:
    """Normalised words -> (word id, stem id, character ids, feature ids), memoised per word."""

    def __init__(self, vocab: Sequence[str], chars: Sequence[str], features: Sequence[str]) -> None:
        self.vocab, self.chars, self.features = list(vocab), list(chars), list(features)
        self.word_index = {w: i for i, w in enumerate(self.vocab)}
        self.char_index = {c: i for i, c in enumerate(self.chars)}
        self.feature_index = {f: i for i, f in enumerate(self.features)}
        self.featurizer = Featurizer()
        self._memo: dict[str, tuple[int, int, tuple[int, ...], tuple[int, ...]]] = {}

    def set_gazetteer(self, gazetteer: Mapping[str, str] | None, multi: Mapping[tuple[str, ...], str] | None,
                      parts: Mapping[str, str] | None = None) -> None:
        self.featurizer = Featurizer(None, gazetteer, multi, parts)
        self._memo.clear()

    def word(self, w: str) -> tuple[int, int, tuple[int, ...], tuple[int, ...]]:
        found = self._memo.get(w)
        if found is None:
            index = self.word_index
            wid = index.get(w, UNK)
            # The stem: the barest clitic-free reading the vocabulary knows (`وللاسد` -> `الاسد`).
            sid = next((index[s] for s in reversed(stem_candidates(w)[1:]) if s in index), wid)
            core = clitic_splits(w)[-1][1] if len(w) > 1 else w
            cids = tuple(self.char_index.get(c, UNK) for c in core[:MAX_CHARS]) or (UNK,)
            fids = tuple(sorted({self.feature_index[a] for a in self.featurizer.attrs(w)
                                 if a[:a.find("=")] in FEATURE_KINDS and a in self.feature_index}))
            if len(self._memo) > 300_000:
                self._memo.clear()
            found = self._memo[w] = (wid, sid, cids, fids)
        return found

    def spans(self, words: Sequence[str]) -> list[tuple[int, ...]]:
        """Feature ids of the multi-word gazetteer tags (`G=B-kb:LOCATION`) of each token."""
        index = self.feature_index
        return [tuple(index[g] for g in tags.split(" ") if g in index) if tags else ()
                for tags in gazetteer_spans(words, self.featurizer.multi)]


def encode_batch(enc: Encoder, sentences: Sequence[Sequence[str]]) -> dict:
    """Tensors of a batch: the distinct words' inputs and each token's index into them."""
    uniq: dict[str, int] = {}
    for s in sentences:
        for w in s:
            uniq.setdefault(w, len(uniq))
    rows = [enc.word(w) for w in uniq]
    longest = max(len(r[2]) for r in rows)
    chars = np.zeros((len(rows), longest), dtype=np.int64)
    feats = np.zeros((len(rows), len(enc.features)), dtype=np.float32)
    for i, (_, _, c, f) in enumerate(rows):
        chars[i, :len(c)] = c
        feats[i, list(f)] = 1.0
    return {"words": torch.tensor([r[0] for r in rows]), "stems": torch.tensor([r[1] for r in rows]),
            "chars": torch.from_numpy(chars), "feats": torch.from_numpy(feats),
            **padded_layout(enc, sentences, uniq)}


def padded_layout(enc: Encoder, sentences: Sequence[Sequence[str]], where: dict[str, int]) -> dict:
    """Each token's index into the batch's distinct words, the padding mask and its span inputs."""
    n = max(len(s) for s in sentences)
    index = np.zeros((len(sentences), n), dtype=np.int64)
    mask = np.zeros((len(sentences), n), dtype=bool)
    spans = np.zeros((len(sentences), n, len(enc.features)), dtype=np.float32)
    for b, s in enumerate(sentences):
        index[b, :len(s)] = [where[w] for w in s]
        mask[b, :len(s)] = True
        for t, ids in enumerate(enc.spans(s)):
            if ids:
                spans[b, t, list(ids)] = 1.0
    return {"index": torch.from_numpy(index), "mask": torch.from_numpy(mask), "spans": torch.from_numpy(spans)}


if nn is not None:

    class Tagger(nn.Module):
        """Word-level inputs -> BiLSTM -> per-label emission scores; CRF transitions on top."""

        def __init__(self, n_words: int, n_chars: int, n_features: int, n_labels: int, *, word_dim: int = 100,
                     char_dim: int = 32, filters: int = 64, hidden: int = 128, dropout: float = 0.5,
                     heads: int = 1) -> None:
            super().__init__()
            self.word = nn.Embedding(n_words, word_dim, padding_idx=PAD)
            self.char = nn.Embedding(n_chars, char_dim, padding_idx=PAD)
            self.conv = nn.Conv1d(char_dim, filters, kernel_size=3, padding=1)
            self.n_features = n_features
            self.lstm = nn.LSTM(2 * word_dim + filters + n_features, hidden, batch_first=True, bidirectional=True)
            self.drop = nn.Dropout(dropout)
            self.out = nn.Linear(2 * hidden, n_labels)
            # Output layers of the other corpora when trained multi-task (their annotation
            # conventions differ from ANERcorp's); the tagger itself uses ``out``.
            self.heads = nn.ModuleList([nn.Linear(2 * hidden, n_labels) for _ in range(heads - 1)])
            self.transitions = nn.Parameter(torch.zeros(n_labels, n_labels))
            self.start = nn.Parameter(torch.zeros(n_labels))
            self.end = nn.Parameter(torch.zeros(n_labels))

        def word_inputs(self, words, stems, chars, feats):
            """(distinct words, input dim) without the gazetteer-span part."""
            c = self.char(chars).transpose(1, 2)  # (n, char_dim, len)
            c = torch.relu(self.conv(c)).masked_fill((chars == PAD)[:, None, :], 0.0).max(dim=2).values
            return torch.cat([self.word(words), self.word(stems), c, feats], dim=1)

        def emissions(self, batch: dict, *, word_rows=None, head: int = 0):
            rows = self.word_inputs(batch["words"], batch["stems"], batch["chars"], batch["feats"]) \
                if word_rows is None else word_rows
            x = rows[batch["index"]]  # (B, T, D)
            x = torch.cat([x[..., :-self.n_features], x[..., -self.n_features:] + batch["spans"]], dim=2)
            lengths = batch["mask"].sum(dim=1)
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths.cpu(), batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
            return (self.heads[head - 1] if head else self.out)(self.drop(h))

        def nll(self, em, tags, mask):
            """Mean negative log-likelihood of the gold label sequences under the linear-chain CRF."""
            b, n, _ = em.shape
            ar = torch.arange(b)
            gold = self.start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
            alpha = self.start + em[:, 0]
            for t in range(1, n):
                m = mask[:, t]
                step = self.transitions[tags[:, t - 1], tags[:, t]] + em[ar, t, tags[:, t]]
                gold = gold + step * m
                nxt = torch.logsumexp(alpha[:, :, None] + self.transitions[None] + em[:, t, None, :], dim=1)
                alpha = torch.where(m[:, None], nxt, alpha)
            last = tags[ar, mask.sum(dim=1) - 1]
            gold = gold + self.end[last]
            return (torch.logsumexp(alpha + self.end, dim=1) - gold).mean()


def viterbi(em: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray,
            end: np.ndarray) -> np.ndarray:
    """Best label paths of a padded batch of emissions (B, T, L) -> (B, T) label ids."""
    b, n, n_labels = em.shape
    score = start + em[:, 0]
    back = np.zeros((n, b, n_labels), dtype=np.int64)
    keep = np.broadcast_to(np.arange(n_labels), (b, n_labels))
    for t in range(1, n):
        cand = score[:, :, None] + trans
        best = cand.argmax(axis=1)
        new = cand.max(axis=1) + em[:, t]
        active = (lengths > t)[:, None]
        score = np.where(active, new, score)
        back[t] = np.where(active, best, keep)
    path = np.zeros((n, b), dtype=np.int64)
    path[-1] = (score + end).argmax(axis=1)
    rows = np.arange(b)
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, rows, path[t]]
    return path.T


class NeuralModel:
    """The trained tagger with its vocabularies; ``tag_many`` as ``CrfModel.tag_many``."""

    def __init__(self, tagger, encoder: Encoder, labels: list[str], meta: dict) -> None:
        self.tagger, self.encoder, self.labels, self.meta = tagger, encoder, labels, meta
        self.lexicon: dict[str, str] = dict(meta.get("lexicon", {}))
        self.o_bias = 0.0
        self._rows: dict[str, np.ndarray] = {}
        tagger.eval()
        self._trans = tagger.transitions.detach().numpy()
        self._start = tagger.start.detach().numpy()
        self._end = tagger.end.detach().numpy()
        # The BiLSTM's weights for the numpy decoder (``fast_emissions``): both directions stacked.
        w = {k: v.detach().numpy().astype(np.float32) for k, v in tagger.lstm.state_dict().items()}
        self._hidden = w["weight_hh_l0"].shape[1]
        self._wih = np.stack([w["weight_ih_l0"], w["weight_ih_l0_reverse"]])  # (2, 4H, D)
        self._wih_flat = np.ascontiguousarray(self._wih.reshape(-1, self._wih.shape[2]).T)  # (D, 2 * 4H)
        self._whh = np.stack([w["weight_hh_l0"].T, w["weight_hh_l0_reverse"].T])  # (2, H, 4H)
        self._bias = np.stack([w["bias_ih_l0"] + w["bias_hh_l0"], w["bias_ih_l0_reverse"] + w["bias_hh_l0_reverse"]])
        self._wout = tagger.out.weight.detach().numpy().T.copy()  # (2H, labels)
        self._bout = tagger.out.bias.detach().numpy()
        h = self._hidden  # tanh(x/2)/2 + 1/2 is the logistic: one tanh call for all four gates
        self._gate_scale = np.concatenate([np.full(2 * h, 0.5), np.ones(h), np.full(h, 0.5)]).astype(np.float32)
        self._proj: dict[str, np.ndarray] = {}
        self._span_proj: dict[tuple[int, ...], np.ndarray] = {}

    def set_gazetteer(self, gazetteer, multi, parts=None) -> None:
        self.encoder.set_gazetteer(gazetteer, multi, parts)
        self._rows.clear()
        self._proj.clear()

    # -- the numpy decoder ---------------------------------------------------------------------
    def _projections(self, words: Sequence[str]) -> np.ndarray:
        """(len(words), 2, 4H): each word's input already multiplied into both LSTM directions."""
        new = [w for w in words if w not in self._proj]
        if new:
            rows = self._word_rows(new)
            proj = (rows @ self._wih_flat).reshape(len(new), 2, -1) + self._bias
            if len(self._proj) > 50_000:
                self._proj.clear()
            self._proj.update(zip(new, proj, strict=True))
        return np.stack([self._proj[w] for w in words])

    def _span_row(self, ids: tuple[int, ...]) -> np.ndarray:
        found = self._span_proj.get(ids)
        if found is None:
            n = len(self.encoder.features)
            cols = [self._wih.shape[2] - n + i for i in ids]
            found = self._span_proj[ids] = self._wih[:, :, cols].sum(axis=2)
        return found

    def fast_emissions(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """``emissions`` computed with numpy: the input projection of every word is cached, so per
        token only the recurrent step remains. Equal to the PyTorch path up to float rounding."""
        order = sorted(range(len(sentences)), key=lambda b: -len(sentences[b]))
        lengths = np.array([len(sentences[b]) for b in order])
        n_b, n_t, h = len(order), int(lengths[0]), self._hidden
        uniq = list(dict.fromkeys(w for s in sentences for w in s))
        where = {w: i for i, w in enumerate(uniq)}
        proj = np.concatenate([self._projections(uniq), np.zeros((1, 2, 4 * h), dtype=np.float32)])
        idx = np.full((n_b, n_t), len(uniq))
        ridx = np.full((n_b, n_t), len(uniq))
        for r, b in enumerate(order):
            ids = [where[w] for w in sentences[b]]
            idx[r, :len(ids)] = ids
            ridx[r, :len(ids)] = ids[::-1]
        # (T, B, 4H) per direction, time-major so that a step reads contiguous rows; the backward
        # direction runs over each sentence reversed.
        xs = [np.ascontiguousarray(proj[idx.T, 0]), np.ascontiguousarray(proj[ridx.T, 1])]
        for r, b in enumerate(order):
            n = len(sentences[b])
            for t, ids in enumerate(self.encoder.spans(sentences[b])):
                if ids:
                    row = self._span_row(ids)
                    xs[0][t, r] += row[0]
                    xs[1][n - 1 - t, r] += row[1]
        active = (lengths[None, :] > np.arange(n_t)[:, None]).sum(axis=1)
        scale = self._gate_scale
        outs = []
        for d in (0, 1):
            x, whh = xs[d], self._whh[d]
            hs = np.zeros((n_b, h), dtype=np.float32)
            cs = np.zeros((n_b, h), dtype=np.float32)
            out = np.zeros((n_t, n_b, h), dtype=np.float32)
            for t in range(n_t):
                k = active[t]
                g = np.tanh((x[t, :k] + hs[:k] @ whh) * scale)
                ifo = g * 0.5 + 0.5
                c = ifo[:, h:2 * h] * cs[:k] + ifo[:, :h] * g[:, 2 * h:3 * h]
                cs[:k] = c
                hs[:k] = out[t, :k] = ifo[:, 3 * h:] * np.tanh(c)
            outs.append(out.transpose(1, 0, 2))
        back = np.clip(lengths[:, None] - 1 - np.arange(n_t)[None, :], 0, None)
        both = np.concatenate([outs[0], outs[1][np.arange(n_b)[:, None], back]], axis=2)
        em = both @ self._wout + self._bout
        result = np.empty_like(em)
        result[order] = em
        return result

    def _word_rows(self, words: Sequence[str]) -> np.ndarray:
        new = [w for w in dict.fromkeys(words) if w not in self._rows]
        if new:
            batch = encode_batch(self.encoder, [new])
            with torch.inference_mode():
                rows = self.tagger.word_inputs(batch["words"], batch["stems"], batch["chars"], batch["feats"])
            if len(self._rows) > 300_000:
                self._rows.clear()
            self._rows.update(zip(new, rows.numpy(), strict=True))
        return np.stack([self._rows[w] for w in words])

    def emissions(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """(B, T, labels) emission scores of a batch of non-empty sentences (padded)."""
        uniq = list(dict.fromkeys(w for s in sentences for w in s))
        batch = padded_layout(self.encoder, sentences, {w: i for i, w in enumerate(uniq)})
        with torch.inference_mode():
            em = self.tagger.emissions(batch, word_rows=torch.from_numpy(self._word_rows(uniq)))
        return em.numpy()

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], np.ndarray]]:
        sentences = list(sentences)
        out: list[tuple[list[str], np.ndarray]] = [([], np.zeros(0, dtype=np.float32)) for _ in sentences]
        live = [i for i, s in enumerate(sentences) if s]
        if not live:
            return out
        em = self.fast_emissions([sentences[i] for i in live])
        if self.o_bias:
            em[..., self.labels.index("O")] -= self.o_bias
        lengths = np.array([len(sentences[i]) for i in live])
        paths = viterbi(em, lengths, self._trans, self._start, self._end)
        top2 = np.partition(em, -2, axis=2)[..., -2:]
        margins = top2[..., 1] - top2[..., 0]
        for r, i in enumerate(live):
            n = int(lengths[r])
            out[i] = ([self.labels[k] for k in paths[r, :n]], margins[r, :n])
        return out

    def tag(self, words: Sequence[str]) -> tuple[list[str], np.ndarray]:
        return self.tag_many([words])[0]

    # -- saving and loading ----------------------------------------------------------------
    def save(self, path: Path) -> None:
        meta = {**self.meta, "labels": self.labels, "vocab": self.encoder.vocab, "chars": self.encoder.chars,
                "features": self.encoder.features, "lexicon": self.lexicon}
        state = {f"w.{k}": v.detach().numpy().astype(np.float16) for k, v in self.tagger.state_dict().items()}
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, meta=np.array(json.dumps(meta, ensure_ascii=False)), **state)

    @classmethod
    def load(cls, path: Path) -> NeuralModel:
        require_torch()
        try:
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                state = {k[2:]: torch.from_numpy(z[k].astype(np.float32)) for k in z.files if k.startswith("w.")}
        except (OSError, KeyError, ValueError) as exc:
            raise InputError(str(path), f"not a marsad neural NER model ({exc})") from exc
        encoder = Encoder(meta["vocab"], meta["chars"], meta["features"])
        tagger = Tagger(len(encoder.vocab), len(encoder.chars), len(encoder.features), len(meta["labels"]),
                        **meta.get("dims", {}))
        tagger.load_state_dict(state)
        return cls(tagger, encoder, meta["labels"], meta)


def load(path: Path) -> NeuralModel:
    """A saved tagger with the gazetteers it was trained with: its name lexicon and, when it was
    trained with one, the KB's forms (as ``recognise.with_gazetteers`` does for the CRF)."""
    from marsad.nlp.ner.gazetteer import combine, kb_forms

    model = NeuralModel.load(path)
    kb = kb_forms() if model.meta.get("gazetteer") else None
    model.set_gazetteer(*combine({"kb": kb, "lx": model.lexicon}, frozenset(model.meta.get("common", ()))))
    model.o_bias = float(model.meta.get("o_bias", 0.0))  # chosen on the development split
    return model
