"""Per-character facts as array lookups: a text's code points index a table filled on first sight.

The cleaner, the normaliser and the language check each ask one question of every character of
every article; a Python loop per character was their main cost. A table holds the answer per code
point (``fill``, computed the first time that code point is seen), so a text's answers are one
numpy gather.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (lone surrogates included) as a uint32 array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


class CodePointTable:
    """``fill(character)`` for every code point, computed the first time it is seen and kept.

    ``missing`` marks a code point not seen yet: a value ``fill`` never returns.
    """

    def __init__(self, fill: Callable[[str], int], dtype: type = np.int8, missing: int = -1) -> None:
        self.fill = fill
        self.missing = missing
        self.values = np.full(0x110000, missing, dtype=dtype)

    def __call__(self, codes: np.ndarray) -> np.ndarray:
        values = self.values[codes]
        unseen = values == self.missing
        if unseen.any():
            for code in np.unique(codes[unseen]).tolist():
                self.values[code] = self.fill(chr(code))
            values = self.values[codes]
        return values
