"""The fixed corpus of the benchmarks: the examples plus generated ~3 KB articles, as JSON Lines.

Generated articles come from ``marsad.synthetic`` (templated, realistic Arabic news). Where that
module is not installed, articles are recombined from the examples' own paragraphs (shuffled by
seed, to the same size), so the figures can be taken on any checkout; the corpus says which it used.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import read_path
from marsad.settings import Settings


def example_articles(examples: Path) -> list[RawArticle]:
    return [item for item in read_path(str(examples), Settings()) if isinstance(item, RawArticle)]


def _recombined(examples: Path, n: int, seed: int, size: int) -> Iterator[dict[str, Any]]:
    paragraphs = [p.strip() for raw in example_articles(examples) for p in raw.text.split("\n")
                  if len(p.strip()) > 80]
    if not paragraphs:
        raise FileNotFoundError(f"{examples}: no example articles to build a corpus from")
    rng = random.Random(seed)
    for i in range(n):
        body: list[str] = []
        while sum(len(p) for p in body) < size:
            body.append(rng.choice(paragraphs))
        yield {"text": "\n\n".join(body), "url": f"https://news.example/{seed}/{i}",
               "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "outlet": "recombined"}


def generated(n: int, seed: int, examples: Path, size: int = 3000) -> tuple[str, Iterator[dict[str, Any]]]:
    """``n`` generated article records (``size`` characters on average) and the generator's name."""
    try:
        from marsad.synthetic import generate
    except ImportError:
        return "recombined example paragraphs (marsad.synthetic not installed)", _recombined(examples, n, seed, size)
    return "marsad.synthetic", ({k: v for k, v in r.items() if k in ("text", "html", "url", "published",
                                                                     "outlet", "title")}
                                for r in generate(n, seed=seed, size=size))


def write_corpus(path: Path, n: int, seed: int, examples: Path, size: int = 3000) -> str:
    """Write ``n`` generated articles as JSON Lines; returns the generator's name."""
    name, records = generated(n, seed, examples, size)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return name
