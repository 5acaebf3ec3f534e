"""`marsad load`: a batch output (Parquet and quarantine) into the store, idempotently.

Rows go through the store's own ``CorpusWriter`` (the same input keys, duplicate detection,
near-duplicate stories and event merging as `marsad ingest`), committed in transactions of
``batch_size`` articles with the layers bulk-inserted; an input already stored, by either route,
adds nothing, so loading the same folder twice leaves the database unchanged.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from sqlalchemy.orm import Session, sessionmaker

from marsad.batch.records import SCHEMAS, document_of, raw_of
from marsad.batch.runner import QUARANTINE
from marsad.errors import InputError
from marsad.store.ingest import Counts
from marsad.store.merge import DEFAULT_WINDOW_DAYS
from marsad.store.repository import DUPLICATE, CorpusWriter, Outcome

Progress = Callable[[Outcome], None]


def document_rows(out: Path, chunk: int = 256) -> Iterator[dict[str, Any]]:
    """The documents table row by row, a chunk at a time (memory stays flat on a large batch)."""
    parts = sorted((out / "documents").glob("part-*.parquet"))
    for part in parts:
        for batch in pq.ParquetFile(part).iter_batches(batch_size=chunk, columns=SCHEMAS["documents"].names):
            yield from batch.to_pylist()


def quarantine_rows(out: Path) -> Iterator[tuple[str, str, bytes | None]]:
    path = out / QUARANTINE
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            payload: bytes | None = None
            if record.get("raw") is not None:
                payload = record["raw"].encode("utf-8", "surrogatepass")
            elif record.get("raw_base64") is not None:
                payload = base64.b64decode(record["raw_base64"])
            yield record["input"], record["reason"], payload


def check_output(out: Path) -> None:
    if not (out / "documents").is_dir():
        raise InputError(str(out), "not a `marsad batch` output (no documents/ folder)")


def load(out: Path, sessions: sessionmaker[Session], *, batch_size: int = 500,
         window_days: int = DEFAULT_WINDOW_DAYS, progress: Progress | None = None) -> Counts:
    check_output(out)
    counts = Counts()
    with sessions() as session:
        writer = CorpusWriter(session, window_days)
        pending = 0

        def record(outcome: Outcome) -> None:
            nonlocal pending
            counts.add(outcome)
            pending += 1
            if progress:
                progress(outcome)
            if pending >= batch_size:
                session.commit()
                pending = 0

        try:
            for row in document_rows(out):
                raw = raw_of(row)
                if writer.seen(raw):
                    record(Outcome(DUPLICATE, detail=f"{raw.label}: input already stored"))
                    continue
                record(writer.add(raw, document_of(row)))
            for label, reason, payload in quarantine_rows(out):
                record(writer.quarantine(label, reason, payload))
        except BaseException:
            session.rollback()
            raise
        session.commit()
    return counts
