"""`marsad load`: a batch output into the store, idempotently, and in agreement with `marsad ingest`."""

from __future__ import annotations

from sqlalchemy import func, select

from marsad.batch.load import load
from marsad.batch.records import TABLES, read_table
from marsad.batch.runner import run_batch
from marsad.settings import Settings
from marsad.store import models as m
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from marsad.store.repository import DUPLICATE, NEW, QUARANTINED

from .conftest import GENERATED, quarantine


def _counts(sessions) -> dict[str, int]:
    with sessions() as s:
        return {model.__tablename__: s.scalar(select(func.count()).select_from(model))
                for model in (m.Article, m.Mention, m.EventSource, m.Relation, m.Quarantine)}


def test_serial_batch_matches_the_reference(corpus, reference, tmp_path):
    out = tmp_path / "out"
    summary = run_batch(corpus, out, Settings(), workers=0, partition_size=10)
    assert summary.documents == 9 + GENERATED
    for table in TABLES:
        assert read_table(out, table).equals(reference[table]), table


def test_load_is_idempotent_and_agrees_with_ingest(corpus, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "An English text, not an Arabic article at all, about the weather."}\n{oops\n')
    out = tmp_path / "out"
    run_batch([*corpus, str(bad)], out, Settings(), workers=0, partition_size=10)
    assert len(quarantine(out)) == 2
    sessions = open_store(f"sqlite:///{tmp_path / 'corpus.db'}")

    first = load(out, sessions)
    assert first.by_status[NEW] + first.by_status[DUPLICATE] == 9 + GENERATED
    assert first.by_status[QUARANTINED] == 2
    stored = _counts(sessions)
    assert stored["articles"] == 9 + GENERATED and stored["quarantine"] == 2

    again = load(out, sessions)
    assert again.by_status[NEW] == 0 and again.by_status[QUARANTINED] == 0
    assert again.by_status[DUPLICATE] == 9 + GENERATED + 2
    assert _counts(sessions) == stored

    # The same inputs through `marsad ingest` are recognised as already stored.
    counts = ingest(corpus, sessions, Settings())
    assert counts.by_status[NEW] == 0 and counts.by_status[DUPLICATE] == 9 + GENERATED
    assert _counts(sessions) == stored
