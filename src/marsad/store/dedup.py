"""Near-duplicate detection: MinHash signatures of word shingles in an LSH index (datasketch).

The same wire story republished by several outlets differs by headline, bylines and furniture;
its body shingles stay mostly the same, so the Jaccard estimate of two signatures finds it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 3
THRESHOLD = 0.7
SCHEME = "affine32"  # stored signatures are only comparable under the same hashing scheme
_WORD = re.compile(r"[^\W_]+")


def signature(normalized_body: str) -> LeanMinHash | None:
    """A MinHash of the body's word 3-grams; None when the text is too short to compare."""
    words = _WORD.findall(normalized_body)
    if len(words) < SHINGLE + 5:
        return None
    shingles = {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch(list(shingles))
    return LeanMinHash(m)


def to_bytes(sig: LeanMinHash) -> bytes:
    return np.asarray(sig.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(data, dtype=np.uint64), scheme=SCHEME)


@lru_cache(maxsize=8)
def _bands(threshold: float) -> tuple[int, int]:
    """LSH bands and rows for the threshold (datasketch integrates for them: slow, so once)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


class NearDuplicates:
    """An in-memory LSH index over stored signatures, rebuilt from the database each run."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=_bands(threshold))
        self.signatures: dict[int, LeanMinHash] = {}

    def add(self, key: int, sig: LeanMinHash) -> None:
        if key not in self.signatures:
            self.lsh.insert(key, sig)
            self.signatures[key] = sig

    def remove(self, key: int) -> None:
        if key in self.signatures:
            self.lsh.remove(key)
            del self.signatures[key]

    def best_match(self, sig: LeanMinHash) -> tuple[int, float] | None:
        """The stored article most similar to ``sig`` above the threshold, with its similarity."""
        best: tuple[int, float] | None = None
        for key in self.lsh.query(sig):
            similarity = sig.jaccard(self.signatures[key])
            if similarity >= self.threshold and (best is None or (similarity, -key) > (best[1], -best[0])):
                best = (key, similarity)
        return best
