"""`marsad batch`: inputs in partitions, analysed on Dask workers, written as Parquet.

Each partition is one Dask task that reads its own inputs (only a small descriptor travels),
analyses them and writes its part of every table; the driver only collects counts. Workers load
the pipeline's stages (model, KB) once, when they start (``Warmup``), not per article. An input
that fails goes to the quarantine file with its reason; a partition whose task fails is retried
by Dask, and one that still fails is recorded in the quarantine file as a whole, never dropped.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.batch.partitions import Item, Partition, plan, read_partition
from marsad.batch.records import TABLES, raw_bytes, rows_of, write_part
from marsad.errors import InputError, MarsadError
from marsad.pipeline import STAGES, analyze
from marsad.settings import Settings

QUARANTINE = "quarantine.jsonl"
SUMMARY = "_batch.json"
_QUARANTINE_PARTS = "_quarantine"


class BatchError(MarsadError):
    """The batch as a whole cannot run (bad output folder, unreachable scheduler)."""


def quarantine_record(label: str, reason: str, payload: bytes | None, partition: int) -> dict[str, Any]:
    """A quarantine line: the input's label, the reason and the input itself (text, or base64 bytes)."""
    record: dict[str, Any] = {"input": label, "reason": reason, "partition": partition}
    if payload is not None:
        try:
            record["raw"] = payload.decode("utf-8")
        except UnicodeDecodeError:
            record["raw_base64"] = base64.b64encode(payload).decode("ascii")
    return record


def _analyse_item(item: Item, settings: Settings, partition: int,
                  rows: dict[str, list[dict[str, Any]]], quarantined: list[dict[str, Any]]) -> None:
    if item.error is not None or item.article is None:
        error = item.error or InputError(item.label, "unreadable input")
        quarantined.append(quarantine_record(error.source, error.reason, item.payload, partition))
        return
    try:
        doc = analyze(item.article, settings)
    except InputError as exc:
        quarantined.append(quarantine_record(exc.source, exc.reason, raw_bytes(item.article)[0], partition))
        return
    except Exception as exc:  # a bug outside the stages (cleaning) must not lose the partition
        reason = f"analysis failed ({type(exc).__name__}: {exc})"
        quarantined.append(quarantine_record(item.label, reason, raw_bytes(item.article)[0], partition))
        return
    for table, new in rows_of(item.article, doc).items():
        rows[table].extend(new)


def process_partition(part: Partition, settings: Settings, out: str,
                      defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """Analyse one partition and write its Parquet parts and quarantine part (the Dask task)."""
    started = time.perf_counter()
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    quarantined: list[dict[str, Any]] = []
    for item in read_partition(part, settings, defaults):
        _analyse_item(item, settings, part.index, rows, quarantined)
    target = Path(out)
    write_part(target, part.index, rows)
    folder = target / _QUARANTINE_PARTS
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".part-{part.index:05d}.{os.getpid()}.tmp"
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in quarantined), encoding="utf-8")
    os.replace(tmp, folder / f"part-{part.index:05d}.jsonl")
    return {"index": part.index, "documents": len(rows["documents"]), "quarantined": len(quarantined),
            "events": len(rows["events"]), "mentions": len(rows["mentions"]), "seconds": time.perf_counter() - started}


@dataclass
class BatchSummary:
    partitions: int = 0
    documents: int = 0
    quarantined: int = 0
    events: int = 0
    mentions: int = 0
    failed_partitions: list[int] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0

    def line(self) -> str:
        failed = f", {len(self.failed_partitions)} partitions failed" if self.failed_partitions else ""
        rate = self.documents / self.seconds if self.seconds else 0.0
        return (f"{self.documents} documents, {self.events} events, {self.mentions} mentions, "
                f"{self.quarantined} quarantined{failed}; {self.partitions} partitions on {self.workers} workers "
                f"in {self.seconds:.1f} s ({rate:.1f} articles/s)")


Progress = Callable[[dict[str, Any], int], None]


def prepare_output(out: Path) -> None:
    """Make ``out`` ready: create it, and remove what an earlier batch wrote there (only that)."""
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: output exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    for name in (*TABLES, _QUARANTINE_PARTS):
        folder = out / name
        if folder.is_dir():
            for part in [*folder.glob("part-*"), *folder.glob(".part-*")]:
                part.unlink()
    for name in (QUARANTINE, SUMMARY):
        (out / name).unlink(missing_ok=True)


def _drop_partition(out: Path, index: int) -> None:
    for name in TABLES:
        (out / name / f"part-{index:05d}.parquet").unlink(missing_ok=True)


def _finish(out: Path, parts: list[Partition], failures: dict[int, str], summary: BatchSummary) -> None:
    """Gather the quarantine parts (in input order) and the failed partitions into one file."""
    folder = out / _QUARANTINE_PARTS
    with (out / QUARANTINE).open("w", encoding="utf-8") as handle:
        for part in parts:
            if part.index in failures:
                record = quarantine_record(part.describe(), failures[part.index], None, part.index)
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                continue
            piece = folder / f"part-{part.index:05d}.jsonl"
            if piece.is_file():
                handle.write(piece.read_text(encoding="utf-8"))
    shutil.rmtree(folder, ignore_errors=True)
    summary.failed_partitions = sorted(failures)
    (out / SUMMARY).write_text(json.dumps(summary.__dict__, indent=2) + "\n", encoding="utf-8")


def _count(summary: BatchSummary, result: dict[str, Any]) -> None:
    summary.documents += result["documents"]
    summary.quarantined += result["quarantined"]
    summary.events += result["events"]
    summary.mentions += result["mentions"]


def run_serial(parts: list[Partition], settings: Settings, out: Path, defaults: dict[str, Any],
               summary: BatchSummary, progress: Progress | None) -> dict[int, str]:
    """Every partition in this process, one after the other (``--workers 0``; the reference run)."""
    for part in parts:
        result = process_partition(part, settings, str(out), defaults)
        _count(summary, result)
        if progress:
            progress(result, len(parts))
    return {}


def run_dask(parts: list[Partition], settings: Settings, out: Path, defaults: dict[str, Any],
             summary: BatchSummary, progress: Progress | None, *, scheduler: str | None, workers: int,
             retries: int) -> dict[int, str]:
    from distributed import Client, LocalCluster, as_completed

    from marsad.batch.worker import Warmup

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        raise BatchError(f"{scheduler or 'local cluster'}: cannot start or reach the Dask scheduler ({exc})") from None
    failures: dict[int, str] = {}
    try:
        client.register_plugin(Warmup(settings, STAGES), name="marsad-warmup")
        summary.workers = len(client.nthreads())
        futures = client.map(process_partition, parts, settings=settings, out=str(out), defaults=defaults,
                             key=[f"marsad-partition-{p.index}-{os.getpid()}-{time.time_ns()}" for p in parts],
                             retries=retries, pure=False)
        index_of = {f.key: p.index for f, p in zip(futures, parts, strict=True)}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # retried ``retries`` times by Dask and still failing
                index = index_of[future.key]
                failures[index] = f"partition failed after {retries + 1} attempts ({type(exc).__name__}: {exc})"
                _drop_partition(out, index)
                continue
            finally:
                future.release()
            _count(summary, result)
            if progress:
                progress(result, len(parts))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return failures


def available_cores() -> int:
    """Cores this process may run on (a container's or taskset's limit, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def run_batch(inputs: list[str], out: Path, settings: Settings, *, workers: int | None = None,
              scheduler: str | None = None, partition_size: int = 100, retries: int = 2,
              defaults: dict[str, Any] | None = None, progress: Progress | None = None) -> BatchSummary:
    """Analyse ``inputs`` into Parquet tables under ``out``; ``workers=0`` runs in this process."""
    started = time.perf_counter()
    prepare_output(out)
    parts = plan(inputs, max(1, partition_size))
    summary = BatchSummary(partitions=len(parts))
    defaults = defaults or {}
    if workers == 0 and not scheduler:
        summary.workers = 1
        failures = run_serial(parts, settings, out, defaults, summary, progress)
    else:
        failures = run_dask(parts, settings, out, defaults, summary, progress, scheduler=scheduler,
                            workers=workers or available_cores(), retries=retries)
    summary.seconds = time.perf_counter() - started
    _finish(out, parts, failures, summary)
    return summary
