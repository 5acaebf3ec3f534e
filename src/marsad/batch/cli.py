"""The bodies of `marsad batch` and `marsad load`: progress on stderr, exit codes, errors without tracebacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from marsad.errors import InputError, MarsadError
from marsad.settings import Settings

err = Console(stderr=True, highlight=False, soft_wrap=True)


def run_batch_command(inputs: list[str], out: Path, settings: Settings, *, scheduler: str | None,
                      workers: int | None, partition_size: int, retries: int) -> int:
    from marsad.batch.runner import QUARANTINE, run_batch

    columns = (TextColumn("partitions"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[docs]} documents, {task.fields[bad]} quarantined"))
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("batch", total=None, docs=0, bad=0)
        state = {"docs": 0, "bad": 0}

        def advance(result: dict[str, Any], total: int) -> None:
            state["docs"] += result["documents"]
            state["bad"] += result["quarantined"]
            bar.update(task, total=total, advance=1, docs=state["docs"], bad=state["bad"])

        try:
            summary = run_batch(inputs, out, settings, workers=workers, scheduler=scheduler,
                                partition_size=partition_size, retries=retries, progress=advance)
        except MarsadError as exc:
            err.print(f"marsad: error: {exc}")
            return 1
    err.print(f"marsad: {summary.line()}")
    if summary.quarantined or summary.failed_partitions:
        err.print(f"marsad: failed inputs and their reasons are in {out / QUARANTINE}")
    if (summary.quarantined or summary.failed_partitions) and not summary.documents:
        return 1  # as `marsad analyze`: 1 when nothing was analysed, 2 when some inputs failed
    return 2 if summary.quarantined or summary.failed_partitions else 0


def run_load_command(folder: Path, db: str | None) -> int:
    from marsad.batch.load import load
    from marsad.store.db import StoreError, open_store

    try:
        counts = load(folder, open_store(db))
    except InputError as exc:
        err.print(f"[red]marsad: error:[/red] {exc.source}: {exc.reason}", markup=True)
        return 1
    except StoreError as exc:
        err.print(f"marsad: error: {exc}")
        return 1
    err.print(f"marsad: loaded {folder}: {counts.summary()}")
    return 0
