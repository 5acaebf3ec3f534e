"""Throughput of the full `analyze` pipeline on one core, against a bare baseline in the same run.

    .venv/bin/python benchmarks/throughput.py [--n 2000] [--size 3000] [--corpus FILE.jsonl] [--profile]

The corpus is fixed: the examples plus ``--n`` generated articles (``marsad.synthetic``, seed 1,
``--size`` characters on average), or any JSON Lines file given with ``--corpus``. The process is
pinned to one core. It prints articles/s, tokens/s, mean and p99 latency per article (reading
included), peak RSS, the time of a bare baseline over the same inputs (reading and tokenising only)
and the ratio, the time per stage, and the start-up time (import + model/KB load, in a fresh process).
The CPU rows per stage add up to the whole: read, each stage, the tokens and normalised view the
stages share (own rows, not in the stage that first asked for them; the wall column keeps them in
it), and "other", what ``analyze`` spends outside every stage.
Targets: >= 100 articles/s per core, within 20x the baseline, RSS < 1.5 GB, start-up < 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad import pipeline
from marsad.batch.corpus import write_corpus
from marsad.errors import InputError
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import read_jsonl_lines, read_path
from marsad.nlp import segment as segment_module
from marsad.nlp.tokens import tokenize
from marsad.pipeline import WARM_TEXT, _loaded, analyze, get_stage, warm_up
from marsad.settings import Settings

REPO = Path(__file__).resolve().parents[1]
# What `marsad analyze` pays before its first article: imports, then every stage's model and KB load.
STARTUP = """
import sys, time
started = time.perf_counter()
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import read_path
from marsad.pipeline import analyze, warm_up
from marsad.settings import Settings
cpu = time.process_time()
imported = time.perf_counter()
settings = Settings()
warm_up(settings)  # as `marsad analyze` does before its first input
analyze(RawArticle(label="warm-up", text=sys.argv[1]), settings)
done = time.perf_counter()
print(f"{imported - started:.4f} {done - imported:.4f} {cpu:.4f} {time.process_time() - cpu:.4f}")
"""


def startup(cpu: int) -> tuple[float, ...]:
    """Wall and CPU seconds of import and of model/KB load in a fresh interpreter pinned to ``cpu``,
    and the wall time of the whole process (interpreter start included)."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", STARTUP, WARM_TEXT], check=True, capture_output=True, text=True,
                         preexec_fn=lambda: os.sched_setaffinity(0, {cpu})).stdout.split()
    return (*map(float, out), time.perf_counter() - started)


def inputs(corpus: Path, examples: Path) -> list[tuple[str, bytes | None]]:
    """Every input as (label, its JSON line) or (path, None) for an example file read from disk."""
    items: list[tuple[str, bytes | None]] = [(str(p), None) for p in sorted(examples.iterdir())
                                             if p.is_file() and p.suffix in {".txt", ".html"}]
    items += [(f"{corpus}:{n}", line) for n, line in enumerate(corpus.read_bytes().splitlines(), start=1)]
    return items


def read(label: str, line: bytes | None, settings: Settings) -> RawArticle | InputError:
    if line is None:
        return next(iter(read_path(label, settings)))
    return next(iter(read_jsonl_lines([line], label.rpartition(":")[0], settings, {},
                                      first_line=int(label.rpartition(":")[2]))))


SHARED = ("tokens", "normalised view")  # computed once per document by the first stage that asks


def cpu_clock_stages(settings: Settings) -> dict[str, float]:
    """Wrap each loaded stage, the clean stage (``pipeline.build_document``) and the two per-document
    computations the stages share (tokens and the normalised view, ``marsad.nlp.segment``), so their
    CPU seconds (this thread) add up in the returned dict.

    CPU time, unlike wall time, holds on a machine shared with other jobs. A stage's row leaves out
    the shared computations it triggered (they have their own rows); what ``analyze`` spends outside
    every stage (the time limit, the stage loop, freeing the previous document) becomes ``other``.
    """
    spent = {"read": 0.0, "analyze": 0.0, "clean": 0.0, **dict.fromkeys(SHARED, 0.0)}
    for name, attr in zip(SHARED, ("tokenize", "normalize"), strict=True):
        compute = getattr(segment_module, attr)  # looked up in marsad.nlp.segment at each call

        def timed_shared(text, _compute=compute, _name=name):
            c0 = time.thread_time()
            try:
                return _compute(text)
            finally:
                spent[_name] += time.thread_time() - c0

        setattr(segment_module, attr, timed_shared)
    build = pipeline.build_document

    def timed_build(raw, s):  # analyze looks build_document up in its module at each call
        c0 = time.thread_time()
        try:
            return build(raw, s)
        finally:
            spent["clean"] += time.thread_time() - c0

    pipeline.build_document = timed_build
    for name in settings.stages:
        if name == "clean":
            continue
        stage = get_stage(name)
        spent[name] = 0.0

        def timed(doc, s, _stage=stage, _name=name) -> None:
            c0, shared0 = time.thread_time(), sum(spent[k] for k in SHARED)
            try:
                _stage(doc, s)
            finally:
                spent[_name] += time.thread_time() - c0 - (sum(spent[k] for k in SHARED) - shared0)

        _loaded[name] = timed
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="generated articles")
    parser.add_argument("--size", type=int, default=3000, help="mean characters per generated article")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="a JSON Lines corpus to use instead of generated articles")
    parser.add_argument("--examples", type=Path, default=REPO / "examples")
    parser.add_argument("--cpu", type=int, default=None, help="core to pin to (default: the last one allowed)")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument profile here (.html or .txt)")
    args = parser.parse_args()

    cpu = args.cpu if args.cpu is not None else max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        source = f"{args.corpus}"
        if corpus is None:
            corpus = Path(tmp) / "corpus.jsonl"
            source = write_corpus(corpus, args.n, args.seed, args.examples, args.size)
        items = inputs(corpus, args.examples)

        # Start-up first, in a fresh process, before this one has warmed anything.
        imp, load, imp_cpu, load_cpu, wall = startup(cpu)

        warm_up(settings)
        # Baseline: reading and tokenising only, over the same inputs.
        tokens = chars = 0
        started, started_cpu = time.perf_counter(), time.thread_time()
        for label, line in items:
            raw = read(label, line, settings)
            if isinstance(raw, RawArticle):
                toks = tokenize(raw.text)
                tokens += len(toks)
                chars += len(raw.text)
        baseline, baseline_cpu = time.perf_counter() - started, time.thread_time() - started_cpu

        profiler = None
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler()
            profiler.start()
        timings: dict[str, float] = {}
        cpu_timings = cpu_clock_stages(settings)
        latencies: list[float] = []
        read_by_kind = {"text": (0, 0.0), "html": (0, 0.0)}  # inputs, CPU seconds
        failed = 0
        started, started_cpu = time.perf_counter(), time.thread_time()
        for label, line in items:
            t0, c0 = time.perf_counter(), time.thread_time()
            raw = read(label, line, settings)
            t1, c1 = time.perf_counter(), time.thread_time()
            timings["read"] = timings.get("read", 0.0) + t1 - t0
            cpu_timings["read"] += c1 - c0
            kind = "html" if isinstance(raw, RawArticle) and raw.content_type == "html" else "text"
            read_by_kind[kind] = (read_by_kind[kind][0] + 1, read_by_kind[kind][1] + c1 - c0)
            try:
                if isinstance(raw, InputError):
                    raise raw
                analyze(raw, settings, timings)
            except InputError:
                failed += 1
            cpu_timings["analyze"] += time.thread_time() - c1
            latencies.append(time.perf_counter() - t0)
        full, full_cpu = time.perf_counter() - started, time.thread_time() - started_cpu
        if profiler is not None:
            profiler.stop()
            report = profiler.output_text(unicode=True, show_all=False) if args.profile.suffix == ".txt" \
                else profiler.output_html()
            args.profile.write_text(report, encoding="utf-8")

    # Everything analyze spent outside its stages; with read, the rows add up to the full pipeline.
    cpu_timings["other"] = cpu_timings.pop("analyze") - sum(v for k, v in cpu_timings.items() if k != "read")
    n = len(items)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    latencies.sort()
    p99 = latencies[min(n - 1, int(0.99 * n))]
    rate, rate_cpu = n / full, n / full_cpu
    ratio, ratio_cpu = full / baseline, full_cpu / baseline_cpu
    mean_bytes = sum(len(line or b"") for _, line in items) / max(1, sum(1 for _, line in items if line))
    print(f"corpus: {n} articles ({source}; examples from {args.examples}), {chars / n:.0f} characters "
          f"of text per article on average (JSON line {mean_bytes / 1024:.1f} KB), {failed} quarantined")
    print(f"stages: {', '.join(settings.stages)}; pinned to core {cpu}; load average {os.getloadavg()[0]:.1f}")
    print("                    wall          CPU   (CPU time holds on a shared machine; targets use it)")
    print(f"full pipeline:   {full:7.2f} s   {full_cpu:7.2f} s")
    print(f"articles/s:      {rate:9.1f}   {rate_cpu:9.1f}")
    print(f"tokens/s:        {tokens / full:9,.0f}   {tokens / full_cpu:9,.0f}")
    print(f"baseline:        {baseline:7.2f} s   {baseline_cpu:7.2f} s   (read + tokenise, same inputs)")
    print(f"ratio:           {ratio:8.1f}x   {ratio_cpu:8.1f}x")
    print(f"latency per article (wall, reading included): mean {statistics.fmean(latencies) * 1000:.2f} ms  "
          f"p99 {p99 * 1000:.2f} ms")
    print("time per stage:            wall s    CPU s   CPU share  CPU ms/article")
    for name, seconds in sorted(cpu_timings.items(), key=lambda kv: -kv[1]):
        wall_s = f"{timings[name]:10.2f}" if name in timings else f"{'':10}"  # analyze times the stages only
        print(f"  {name:<16} {wall_s} {seconds:8.2f} {seconds / full_cpu:10.1%} {seconds / n * 1000:10.2f}")
    total = sum(cpu_timings.values())
    print(f"  {'total':<16} {'':>10} {total:8.2f} {total / full_cpu:10.1%} {total / n * 1000:10.2f}   "
          f"(read + every stage + other; the rest of the full pipeline's CPU is the loop around them)")
    print("  (tokens and the normalised view: computed once per document for every stage, by the first that "
          "asks; read per input: " + ", ".join(f"{k} {c} inputs {sec / max(1, c) * 1000:.2f} ms each"
                                                  for k, (c, sec) in read_by_kind.items()) + ")")
    print(f"peak RSS: {rss:.0f} MB")
    print(f"start-up (fresh process), wall: import {imp:.2f} s + model/KB load {load:.2f} s = {imp + load:.2f} s "
          f"(whole process {wall:.2f} s); CPU: {imp_cpu:.2f} s + {load_cpu:.2f} s = {imp_cpu + load_cpu:.2f} s")
    checks = [("articles/s >= 100", rate_cpu >= 100), ("ratio <= 20x", ratio_cpu <= 20), ("RSS < 1.5 GB", rss < 1536),
              ("start-up < 1.5 s", imp_cpu + load_cpu < 1.5)]
    print("targets: " + ", ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in checks))


if __name__ == "__main__":
    main()
