"""The Dask worker plugin: load the pipeline (stages, model, KB) once per worker, at its start."""

from __future__ import annotations

import time
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from marsad.settings import Settings


class Warmup(WorkerPlugin):
    """Runs ``warm_up`` in every worker as it joins; stage modules cache what they load per process.

    It also carries the driver's stage registry, so a stage a plugin registered in the driver
    (``register_stage``) is known to the workers too (its module must be importable there).
    """

    def __init__(self, settings: Settings, stages: dict[str, str] | None = None) -> None:
        self.settings = settings
        self.stages = dict(stages or {})
        self.seconds: float | None = None
        self.error: str | None = None

    def setup(self, worker: Any) -> None:
        from marsad.pipeline import STAGES, register_stage, warm_up

        for name, target in self.stages.items():
            if STAGES.get(name) != target:
                register_stage(name, target)
        started = time.perf_counter()
        try:
            warm_up(self.settings)
        except Exception as exc:  # a worker that cannot warm up still runs: each input then names the failure
            self.error = f"{type(exc).__name__}: {exc}"
        self.seconds = time.perf_counter() - started
