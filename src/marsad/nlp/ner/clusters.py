"""Word clusters learnt from the corpora's own text (no external embeddings are downloaded).

Each frequent word gets a vector from positive PMI with its neighbours at -2..+2, reduced by
SVD; k-means then groups the vectors twice (coarse and fine) with a fixed seed. A word's
cluster id `"coarse.fine"` lets the CRF generalise from names it saw to names used alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

POSITIONS = (-2, -1, 1, 2)


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 25) -> np.ndarray:
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        assign = (x @ centres.T).argmax(axis=1)  # rows are unit vectors: cosine similarity
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.mean(axis=0)
                centres[c] = v / (np.linalg.norm(v) or 1.0)
    return assign


def word_clusters(sentences: Iterable[Sequence[str]], *, vocab_size: int = 30_000, contexts: int = 1200,
                  dims: int = 100, coarse: int = 48, fine: int = 512, min_count: int = 2,
                  seed: int = 13) -> dict[str, str]:
    """Normalised word -> cluster id for the frequent words of ``sentences``."""
    words, emb = word_vectors(sentences, vocab_size=vocab_size, contexts=contexts, dims=dims, min_count=min_count)
    rng = np.random.default_rng(seed)
    big = _kmeans(emb.astype(np.float32), coarse, rng)
    small = _kmeans(emb.astype(np.float32), fine, rng)
    return {w: f"{big[i]}.{small[i]}" for i, w in enumerate(words)}


def word_vectors(sentences: Iterable[Sequence[str]], *, vocab_size: int = 30_000, contexts: int = 1200,
                 dims: int = 100, min_count: int = 2) -> tuple[list[str], np.ndarray]:
    """The frequent words of ``sentences`` and their unit-length PPMI+SVD vectors (also the
    neural tagger's initial word embeddings)."""
    sentences = [list(s) for s in sentences]
    counts = Counter(w for s in sentences for w in s)
    words = [w for w, n in counts.most_common(vocab_size) if n >= min_count]
    row = {w: i for i, w in enumerate(words)}
    col = {w: i for i, w in enumerate(words[:contexts])}
    rows: list[int] = []
    cols: list[int] = []
    for s in sentences:
        ids = [row.get(w, -1) for w in s]
        cids = [col.get(w, -1) for w in s]
        for i, r in enumerate(ids):
            if r < 0:
                continue
            for p, k in enumerate(POSITIONS):
                j = i + k
                if 0 <= j < len(s) and cids[j] >= 0:
                    rows.append(r)
                    cols.append(p * contexts + cids[j])
    m = np.zeros((len(words), len(POSITIONS) * contexts), dtype=np.float32)
    np.add.at(m, (np.array(rows), np.array(cols)), 1.0)
    # Positive PMI with context-distribution smoothing (alpha 0.75).
    total = m.sum()
    pw = m.sum(axis=1, keepdims=True) / total
    pc = m.sum(axis=0, keepdims=True) ** 0.75
    pc /= pc.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (pw * pc))
    m = np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0).astype(np.float32)
    # SVD through the small Gram matrix (contexts x contexts).
    vals, vecs = np.linalg.eigh(m.T @ m)
    top = np.argsort(vals)[::-1][:dims]
    emb = m @ vecs[:, top] / np.sqrt(np.maximum(vals[top], 1e-9)) ** 0.5
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    return words, emb
