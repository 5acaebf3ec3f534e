"""`marsad batch` on a local Dask cluster: 1 vs 2 workers, and worker memory over a long batch.

    .venv/bin/python benchmarks/batch.py scaling [--n 2000]      # target: 2 workers >= 1.6x one worker
    .venv/bin/python benchmarks/batch.py memory [--n 50000]      # target: flat worker RSS

The corpus is generated (``marsad.synthetic``, ~3,000 characters per article, seed 1). Clusters
are started and warmed up (model and KB loaded) before the clock starts, so the figures are the
steady state of a batch. Wall time and the CPU time the workers used are both printed: on a
machine shared with other jobs the wall-clock speed-up understates the scaling, and the CPU
figures show how much of it is contention. ``memory`` samples every worker's RSS while the batch
runs and prints it per 10,000 articles with the growth fitted over the run.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil
from distributed import Client, LocalCluster

from marsad.batch.corpus import write_corpus
from marsad.batch.runner import run_batch
from marsad.pipeline import warm_up
from marsad.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def _worker_rss() -> int:
    return psutil.Process().memory_info().rss


def _driver_cpu() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system


def _worker_cpu() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system


def run(corpus: Path, out: Path, workers: int, partition_size: int,
        sample: Any = None) -> tuple[float, float, Any]:
    """(wall s, workers' CPU s, summary) of one batch on a fresh, warmed-up local cluster."""
    settings = Settings()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.run(warm_up, settings)
        cpu0 = sum(client.run(_worker_cpu).values())
        started = time.perf_counter()
        stop = threading.Event()
        sampler = None
        if sample is not None:
            sampler = threading.Thread(target=sample, args=(cluster.scheduler_address, stop), daemon=True)
            sampler.start()
        summary = run_batch([str(corpus)], out, settings, scheduler=cluster.scheduler_address,
                            partition_size=partition_size, progress=sample.progress if sample else None)
        wall = time.perf_counter() - started
        stop.set()
        if sampler is not None:
            sampler.join()
        cpu = sum(client.run(_worker_cpu).values()) - cpu0
    return wall, cpu, summary


def _burn(seconds: float) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        pass
    return time.process_time() - cpu


def cores_available(processes: int, seconds: float = 3.0) -> float:
    """How many cores ``processes`` busy processes get right now (CPU seconds per wall second)."""
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        started = time.perf_counter()
        cpu = sum(pool.map(_burn, [seconds] * processes))
        return cpu / (time.perf_counter() - started)


def scaling(args: argparse.Namespace, corpus: Path, tmp: Path) -> None:
    # A control: what the machine gives one and two pure busy loops now (a shared or throttled
    # machine gives less than one core each; the batch cannot scale past what it is given).
    one, two = cores_available(1), cores_available(2)
    print(f"control: 1 busy process gets {one:.2f} cores, 2 get {two:.2f} (perfect scaling here: {two / one:.2f}x)")
    results = {}
    for workers in (1, 2):
        wall, cpu, summary = run(corpus, tmp / f"out{workers}", workers, args.partition_size)
        results[workers] = (wall, cpu, summary.documents)
        print(f"{workers} worker{'s' if workers > 1 else ' '}: {summary.documents} documents in {wall:.1f} s wall "
              f"({summary.documents / wall:.1f} articles/s), workers' CPU {cpu:.1f} s "
              f"({summary.documents / cpu:.1f} articles per CPU-second); the workers got {cpu / wall:.2f} cores "
              f"of the machine; load average {os.getloadavg()[0]:.1f}")
    (w1, c1, _), (w2, c2, _) = results[1], results[2]
    print(f"speed-up 1 -> 2 workers: {w1 / w2:.2f}x wall (target >= 1.6x); "
          f"CPU per article {c2 / c1:.2f}x that of one worker (1.00 = no parallel overhead)")
    print(f"driver (scheduler and client) CPU over both runs: {_driver_cpu():.1f} s")


class Sampler:
    """RSS of every worker every ``every`` seconds, with the number of articles done at that moment."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.done = 0
        self.samples: list[tuple[int, dict[str, int]]] = []

    def progress(self, result: dict[str, Any], total: int) -> None:
        self.done += result["documents"] + result["quarantined"]

    def __call__(self, address: str, stop: threading.Event) -> None:
        with Client(address) as client:
            while not stop.wait(self.every):
                try:
                    self.samples.append((self.done, client.run(_worker_rss)))
                except OSError:
                    break


def memory(args: argparse.Namespace, corpus: Path, tmp: Path) -> None:
    sampler = Sampler(args.every)
    wall, cpu, summary = run(corpus, tmp / "out", 2, args.partition_size, sampler)
    print(f"{summary.documents} documents, {summary.quarantined} quarantined in {wall:.0f} s on 2 workers "
          f"({summary.documents / wall:.1f} articles/s wall, {summary.documents / cpu:.1f} per CPU-second)")
    mb = 1024 * 1024
    print("articles done   RSS per worker (MB)")
    step, mark = 10_000 if args.n >= 20_000 else max(1, args.n // 5), 0
    for done, rss in sampler.samples:
        if done >= mark:
            print(f"{done:>13,}   " + "  ".join(f"{v / mb:7.1f}" for v in rss.values()))
            mark = done - done % step + step
    # Growth: least-squares slope of mean worker RSS against articles done, in each half of the run
    # (the first half includes caches filling up to their bounds; the second is the steady state).
    for name, low, high in (("first half", 0.0, 0.5), ("second half", 0.5, 1.01)):
        points = [(d, sum(r.values()) / len(r)) for d, r in sampler.samples if low * args.n <= d < high * args.n]
        if len(points) < 3:
            continue
        print(f"growth per worker, {name} ({points[0][0]:,}-{points[-1][0]:,} articles): "
              f"{_slope(points) * 10_000 / mb:+.1f} MB per 10k articles (least squares), "
              f"{(points[-1][1] - points[0][1]) / mb:+.1f} MB end to end")


def _slope(points: list[tuple[int, float]]) -> float:
    n = len(points)
    mx = sum(d for d, _ in points) / n
    my = sum(v for _, v in points) / n
    return sum((d - mx) * (v - my) for d, v in points) / max(1e-9, sum((d - mx) ** 2 for d, _ in points))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("scaling", "memory"))
    parser.add_argument("--n", type=int, help="articles (default 2,000 for scaling, 50,000 for memory)")
    parser.add_argument("--size", type=int, default=3000, help="mean characters per generated article")
    parser.add_argument("--partition-size", type=int, default=50)
    parser.add_argument("--every", type=float, default=5.0, help="memory: seconds between RSS samples")
    parser.add_argument("--keep", type=Path, help="keep the generated corpus here (reused when it exists)")
    args = parser.parse_args()
    if args.keep is not None and args.keep.suffix != ".jsonl":
        # `marsad batch` picks its reader by suffix: any other name is read as one text document.
        parser.error(f"--keep {args.keep}: the corpus file must end in .jsonl (e.g. {args.keep}.jsonl)")
    args.n = args.n or (2000 if args.mode == "scaling" else 50_000)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = args.keep or tmp / "corpus.jsonl"
        if not corpus.exists():
            name = write_corpus(corpus, args.n, 1, REPO / "examples", args.size)
            print(f"corpus: {args.n:,} articles from {name}")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        (scaling if args.mode == "scaling" else memory)(args, corpus, tmp)


if __name__ == "__main__":
    main()
