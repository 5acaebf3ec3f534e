"""Linking benchmark: accuracy on the surface-form test set, and time to link a 1,000-word article.

    python benchmarks/linking.py [--cases tests/fixtures/linking/surface_forms.tsv] [--runs 50]

Prints accuracy (overall and by kind: actor, person, place), the cases it gets wrong, the one-off
knowledge-base load time, and the per-article time of the gazetteer and link stages on one core
(median and p90 over ``--runs``), on the reference article repeated to 1,000 words.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import Counter
from pathlib import Path

from marsad.document import Document
from marsad.kb.load import load_kb
from marsad.link.evaluate import accuracy, evaluate, read_cases
from marsad.link.gazetteer import automaton, gazetteer
from marsad.link.linker import link
from marsad.nlp.segment import normalized_of, segment, tokens_of
from marsad.settings import DEFAULT_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "orient-aleppo-militias.txt"


def article_of(words: int) -> str:
    body = SAMPLE.read_text(encoding="utf-8").split("التعليقات")[0]
    paragraphs = [p for p in body.split("\n") if p.strip()]
    out: list[str] = []
    while sum(len(p.split()) for p in out) < words:
        out.extend(paragraphs)
    text, count = [], 0
    for p in out:
        if count >= words:
            break
        w = p.split()[: words - count]
        text.append(" ".join(w))
        count += len(w)
    return "\n\n".join(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "tests" / "fixtures" / "linking" / "surface_forms.tsv")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    t0 = time.perf_counter()
    kb = load_kb()
    automaton()
    load_s = time.perf_counter() - t0
    print(f"knowledge base: {len(kb.actors)} actors, {len(kb.people)} people, {len(kb.places)} places, "
          f"{len(kb.index)} surface forms; load + automaton {load_s:.2f} s (once per process)")

    cases = read_cases(args.cases)
    outcomes = evaluate(cases)
    total, right = Counter(), Counter()
    for o in outcomes:
        kind = o.case.expected.split(":")[0]
        total[kind] += 1
        right[kind] += o.ok
    print(f"linking accuracy: {accuracy(outcomes):.3f} ({sum(right.values())}/{len(outcomes)})")
    for kind in sorted(total):
        print(f"  {kind:7s} {right[kind] / total[kind]:.3f} ({right[kind]}/{total[kind]})")
    for o in outcomes:
        if not o.ok:
            print(f"  wrong: {o.case.surface!r} expected {o.case.expected}, got {o.got}")

    if not SAMPLE.exists():
        print("reference article absent: no timing")
        return
    text = article_of(args.words)
    wall, cpu, seg = [], [], []
    for _ in range(args.runs + 3):  # three warm-up runs, dropped
        doc = Document(text=text)
        t = time.perf_counter()
        segment(doc, DEFAULT_SETTINGS)
        tokens_of(doc)
        normalized_of(doc)
        seg.append(time.perf_counter() - t)
        t, c = time.perf_counter(), time.thread_time()
        gazetteer(doc, DEFAULT_SETTINGS)
        link(doc, DEFAULT_SETTINGS)
        cpu.append(time.thread_time() - c)
        wall.append(time.perf_counter() - t)
    wall, cpu, seg = wall[3:], cpu[3:], seg[3:]

    def ms(values: list[float]) -> str:
        p90 = sorted(values)[int(0.9 * len(values)) - 1]
        return f"median {statistics.median(values) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms"

    print(f"article: {len(text.split())} words, {len(doc.mentions)} mentions, {len(doc.actors)} actors, "
          f"{len(doc.people)} people, {len(doc.places)} places, {len(doc.relations)} relations")
    print(f"gazetteer + link, CPU time on one core: {ms(cpu)}; wall clock: {ms(wall)} ({args.runs} runs; "
          f"load average {os.getloadavg()[0]:.1f})")
    print(f"(upstream, not linking) segment + tokens + normalised view, wall: {ms(seg)}")


if __name__ == "__main__":
    main()
