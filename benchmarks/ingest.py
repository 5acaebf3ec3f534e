"""Ingest benchmark: articles/s into SQLite, idempotent re-ingest, near-duplicate grouping.

    .venv/bin/python benchmarks/ingest.py                     # 10,000 generated articles (marsad.synthetic)
    .venv/bin/python benchmarks/ingest.py --corpus any.jsonl  # any JSON Lines corpus
    .venv/bin/python benchmarks/ingest.py --n 1000 --workers 2 --stages clean,segment

Prints the ingest rate, the rows a second ingest of the same input adds (must be 0), and how the
stories the store formed compare with the generator's own ``story_id`` (when the corpus has one).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from sqlalchemy import func, select

from marsad.settings import Settings
from marsad.store import models as m
from marsad.store.db import open_store
from marsad.store.ingest import ingest

TABLES = (m.Article, m.Mention, m.Actor, m.Person, m.Place, m.Event, m.EventSource, m.EventActor, m.Relation,
          m.ArticleEntity, m.Quarantine)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the analysis workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def row_counts(sessions) -> dict[str, int]:
    with sessions() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in TABLES}


def pairs(groups: dict[object, list[int]]) -> set[tuple[int, int]]:
    return {p for members in groups.values() for p in combinations(sorted(members), 2)}


def story_agreement(sessions, corpus: Path) -> str | None:
    """Pairwise precision/recall of the store's stories against the corpus's story_id."""
    truth: dict[int, str] = {}
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = json.loads(line) if line.strip() else {}
            if record.get("story_id") is not None and "defect" not in record:
                truth[number] = str(record["story_id"])
    if not truth:
        return None
    found: dict[int, list[int]] = defaultdict(list)
    expected: dict[str, list[int]] = defaultdict(list)
    with sessions() as s:
        for label, story in s.execute(select(m.Article.label, m.Article.story_id)):
            line = int(label.rsplit(":", 1)[1])
            if line in truth:
                found[story].append(line)
                expected[truth[line]].append(line)
    got, want = pairs(found), pairs(expected)
    precision = len(got & want) / len(got) if got else 1.0
    recall = len(got & want) / len(want) if want else 1.0
    return (f"{len(want)} same-story pairs in the corpus, {len(got)} grouped by the store: "
            f"precision {precision:.3f}, recall {recall:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a JSON Lines corpus (default: generate one)")
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate when no --corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database URL (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--stages", help="comma-separated pipeline stages (default: marsad's default)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    corpus = args.corpus
    if corpus is None:
        from marsad.synthetic import generate, write_jsonl

        corpus = work / "corpus.jsonl"
        write_jsonl(corpus, generate(args.n, seed=args.seed, bad_rate=0.01, exact_duplicate_rate=0.02))
    records = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    settings = Settings(stages=tuple(args.stages.split(","))) if args.stages else Settings()
    # A JSON Lines file holds many articles: the size limit is per article, not per file.
    settings = replace(settings, max_bytes=max(settings.max_bytes, corpus.stat().st_size + 1))
    sessions = open_store(args.db or f"sqlite:///{work / 'bench.db'}")
    print(f"corpus: {corpus} ({records} records); stages: {', '.join(settings.stages)}; workers: {args.workers}")

    began, cpu_began = time.perf_counter(), cpu_seconds()
    counts = ingest([str(corpus)], sessions, settings, workers=args.workers)
    elapsed, cpu = time.perf_counter() - began, cpu_seconds() - cpu_began
    print(f"first ingest: {counts.total} inputs in {elapsed:.1f} s = {counts.total / elapsed:.1f} articles/s "
          f"({counts.summary()})")
    # Wall time depends on what else the machine runs; CPU time per article does not (much).
    print(f"CPU: {cpu:.1f} s in all processes = {1000 * cpu / counts.total:.1f} ms per input; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    before = row_counts(sessions)
    print("rows: " + ", ".join(f"{k} {v}" for k, v in before.items()))

    began = time.perf_counter()
    again = ingest([str(corpus)], sessions, settings, workers=args.workers)
    elapsed = time.perf_counter() - began
    after = row_counts(sessions)
    added = {k: after[k] - before[k] for k in after if after[k] != before[k]}
    print(f"re-ingest: {elapsed:.1f} s ({again.summary()}); rows added: {sum(added.values())} {added or ''}")

    with sessions() as s:
        stories = s.execute(select(m.Article.story_id, func.count()).group_by(m.Article.story_id)
                            .having(func.count() > 1)).all()
        merged = s.scalar(select(func.count()).select_from(m.Event).where(m.Event.num_sources > 1))
    print(f"near-duplicates: {len(stories)} stories told by several articles "
          f"({sum(n for _, n in stories)} articles); {merged} events merged from several sources")
    agreement = story_agreement(sessions, corpus)
    if agreement:
        print(f"story grouping vs the generator: {agreement}")


if __name__ == "__main__":
    main()
