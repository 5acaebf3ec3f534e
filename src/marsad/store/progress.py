"""The `marsad ingest` progress bar (rich): articles/s and counts of new, duplicate, quarantined."""

from __future__ import annotations

import time
from collections import Counter

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from marsad.store.repository import DUPLICATE, NEW, QUARANTINED, SKIPPED, Outcome


class IngestProgress:
    def __init__(self, console: Console, verbose: bool = False) -> None:
        self.console, self.verbose = console, verbose
        self.counts: Counter[str] = Counter()
        self.started = time.monotonic()
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=console, transient=False)
        self.task = self.progress.add_task(self._text())

    def _text(self) -> str:
        c, elapsed = self.counts, max(time.monotonic() - self.started, 1e-9)
        rate = sum(c.values()) / elapsed
        return (f"{rate:6.1f} articles/s  [green]{c[NEW]} new[/]  [yellow]{c[DUPLICATE]} duplicate[/]  "
                f"[red]{c[QUARANTINED]} quarantined[/]  {c[SKIPPED]} skipped")

    def __enter__(self) -> IngestProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.update(self.task, description=self._text())
        self.progress.__exit__(*exc)

    def __call__(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status == QUARANTINED or (self.verbose and outcome.detail):
            self.progress.console.print(f"{outcome.status}: {outcome.detail}", markup=False, highlight=False)
        self.progress.update(self.task, description=self._text())
