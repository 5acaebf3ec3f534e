"""Killing `marsad ingest` with SIGKILL at random points loses nothing committed and duplicates nothing."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from sqlalchemy import func, select

from marsad.settings import Settings
from marsad.store import models as m
from marsad.store.db import make_engine, open_store
from marsad.store.ingest import ingest
from marsad.synthetic import generate, write_jsonl

# Enough articles that three kills land inside a run even when the pipeline is fast.
N = 80


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("kill") / "corpus.jsonl"
    write_jsonl(path, generate(N, seed=7, duplicate_rate=0.3, bad_rate=0.08, exact_duplicate_rate=0.08))
    return path


def snapshot(sessions) -> dict[str, object]:
    with sessions() as s:
        def count(model, *where):
            return s.scalar(select(func.count()).select_from(model).where(*where))

        return {
            "articles": count(m.Article), "duplicates": count(m.Article, m.Article.duplicate_of.is_not(None)),
            "stories": s.scalar(select(func.count(func.distinct(m.Article.story_id)))),
            "quarantine": count(m.Quarantine), "mentions": count(m.Mention), "relations": count(m.Relation),
            "event_sources": count(m.EventSource), "events": count(m.Event),
            "labels": sorted(s.scalars(select(m.Article.label))),
            "layers": sorted(s.execute(select(m.Article.label, func.count(m.Mention.id))
                                       .outerjoin(m.Mention, m.Mention.article_id == m.Article.id)
                                       .group_by(m.Article.label)).all()),
        }


@pytest.fixture(scope="module")
def expected(corpus_file, tmp_path_factory):
    """The corpus an uninterrupted run stores (in process, on its own SQLite file)."""
    sessions = open_store(f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}")
    ingest([str(corpus_file)], sessions, Settings())
    return snapshot(sessions)


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", *args]


def test_sigkill_at_random_points_then_resume(store_url, corpus_file, expected):
    rng = random.Random(2019)
    engine = make_engine(store_url)

    def stored() -> int:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(m.Article))

    kills = 0
    for _ in range(3):
        if stored() >= expected["articles"] - 6:
            break  # too close to the end for a kill to land inside the run
        target = stored() + rng.randint(1, 6)
        process = subprocess.Popen(command("ingest", str(corpus_file), "--db", store_url, "--batch-size", "3"),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None and stored() < target:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.1))  # land somewhere inside the next few batches
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
    assert kills >= 2, "the ingest finished before it could be killed: the corpus is too small"
    assert 0 < stored() <= expected["articles"]
    done = subprocess.run(command("ingest", str(corpus_file), "--db", store_url), capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    engine.dispose()
    sessions = open_store(store_url)
    assert snapshot(sessions) == expected
    with sessions() as s:
        for article in s.scalars(select(m.Article).where(m.Article.duplicate_of.is_(None))):
            for model, key in ((m.Mention, "mentions"), (m.Relation, "relations"), (m.EventSource, "events")):
                n = s.scalar(select(func.count()).select_from(model).where(model.article_id == article.id))
                assert n == len(article.document[key]), (article.label, key)


def test_cli_export_after_ingest(store_url, corpus_file, tmp_path):
    ingest([str(corpus_file)], open_store(store_url), Settings())
    out = tmp_path / "events.csv"
    result = subprocess.run(command("export", "--format", "acled", "--out", str(out), "--db", store_url),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out)
    assert "event_id_cnty" in frame.columns and f"wrote {len(frame)} events" in result.stderr
    bad = subprocess.run(command("export", "--format", "acled", "--out", str(out), "--db", store_url,
                                 "--bbox", "1,2"), capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "bbox needs 4" in bad.stderr and "Traceback" not in bad.stderr
