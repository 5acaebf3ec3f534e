"""Load test of `marsad serve`: 10,000 events, 50 concurrent clients, 60 s per scenario; prints figures.

    .venv/bin/python benchmarks/load.py                    # build (or reuse) the corpus, then measure
    .venv/bin/python benchmarks/load.py --duration 10      # a quick look

The corpus: synthetic articles (marsad.synthetic) analysed by the real pipeline, then re-issued with
shifted dates and a changed last line until the store holds ``--events`` corpus events, all written
through the store's CorpusWriter (duplicates, stories and event merging as in `marsad ingest`).
The server runs as `marsad serve` on 127.0.0.1 with the rate limit off (MARSAD_API_RATE_LIMIT=0: the
limiter would otherwise answer 429, by design, to 50 clients from one address). The load comes from
wrk (Debian's package) with a Lua script that rotates through the scenario's URLs; every non-2xx
answer, socket error and timeout is counted as an error. Traffic goes to 127.0.0.1 only and stops
after ``--duration`` seconds per scenario.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

LUA = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %%d, "seconds": %%f, "connect": %%d, "read": %%d, "write": %%d, '
    .. '"timeout": %%d, "non2xx": %%d, "p50_ms": %%f, '
    .. '"p90_ms": %%f, "p99_ms": %%f, "max_ms": %%f}\\n', summary.requests, summary.duration / 1e6,
    e.connect, e.read, e.write, e.timeout, e.status, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def shift_date(value: str | None, days: int) -> str | None:
    """Shift an ISO date (YYYY, YYYY-MM or YYYY-MM-DD, possibly with XX) by whole days when it is a full day."""
    if not value or len(value) != 10 or "X" in value:
        return value
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()


def build_corpus(db: str, target_events: int, base: int, seed: int) -> dict[str, int]:
    from sqlalchemy import func, select

    from marsad.errors import InputError
    from marsad.ingest.readers import from_text
    from marsad.pipeline import analyze
    from marsad.settings import Settings
    from marsad.store import models as m
    from marsad.store.db import open_store
    from marsad.store.repository import CorpusWriter
    from marsad.synthetic import generate

    settings = Settings()
    started = time.perf_counter()
    sessions = open_store(db)
    with sessions() as session:
        if (session.scalar(select(func.count()).select_from(m.Event)) or 0) >= target_events:
            base = 0  # already built: reuse it as it is
    analysed = []
    for n, record in enumerate(generate(base, seed=seed, size=900, duplicate_rate=0.1, html_rate=0.0)):
        try:
            raw = from_text(record["text"], f"synthetic:{n}", settings, url=record["url"], outlet=record["outlet"],
                            title=record["title"], published=record["published"])
            doc = analyze(raw, settings)
        except InputError:
            continue
        if doc.events:
            analysed.append((record, doc))
    print(f"analysed {base} synthetic articles in {time.perf_counter() - started:.0f} s: "
          f"{len(analysed)} with events", file=sys.stderr)
    with sessions() as session:
        writer = CorpusWriter(session)
        copy = 0
        events = session.scalar(select(func.count()).select_from(m.Event)) or 0
        while events < target_events:
            days = 45 * copy  # far enough apart that the copies' events never merge
            for n, (record, doc) in enumerate(analysed):
                note = f"\n\nتحديث {copy}-{n}"
                text = doc.text + note
                published = date.fromisoformat(record["published"]) + timedelta(days=days)
                raw = from_text(record["text"] + note, f"synthetic:{copy}:{n}", settings,
                                url=f"{record['url']}?v={copy}", outlet=record["outlet"], title=record["title"],
                                published=published.isoformat())
                copy_doc = doc.model_copy(deep=True)
                copy_doc.text, copy_doc.published = text, published
                copy_doc.events = [replace_date(e, days) for e in copy_doc.events]
                copy_doc.assign_id()
                writer.add(raw, copy_doc)
            session.commit()
            events = session.scalar(select(func.count()).select_from(m.Event)) or 0
            copy += 1
            print(f"  copy {copy}: {events} events", file=sys.stderr)
        counts = {"articles": session.scalar(select(func.count()).select_from(m.Article)) or 0, "events": events,
                  "event_sources": session.scalar(select(func.count()).select_from(m.EventSource)) or 0,
                  "actors": session.scalar(select(func.count()).select_from(m.Actor)) or 0}
    print(f"built the corpus in {time.perf_counter() - started:.0f} s: {counts}", file=sys.stderr)
    return counts


def replace_date(event, days: int):
    date_layer = event.date.model_copy(update={"value": shift_date(event.date.value, days)})
    if date_layer.value is None or "X" in (date_layer.value or ""):
        # An undated event would merge across copies; date it to the copy's article instead.
        date_layer = date_layer.model_copy(update={"value": (date(2020, 1, 1) + timedelta(days=days)).isoformat(),
                                                   "precision": "day"})
    return event.model_copy(update={"date": date_layer})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(base_url: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"marsad serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/stats", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("marsad serve did not answer in time")


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)


def scenarios(base_url: str) -> dict[str, list[str]]:
    """URLs per scenario, built from what the corpus holds (common actors, governorates, dates)."""
    stats = get_json(f"{base_url}/stats")
    actors = [a["id"] for a in get_json(f"{base_url}/actors?limit=5")["items"]]
    governorates = [g for g in stats["by_governorate"] if g != "unknown"][:3] or ["Aleppo"]
    plovers = list(stats["by_plover"])[:3]
    months = [m for m in stats["by_month"] if m != "unknown"]
    first = f"{months[0]}-01" if months else "2020-01-01"
    year_end = f"{months[0][:4]}-12-31" if months else "2020-12-31"

    def q(**params) -> str:
        return "/events?" + urlencode(params, doseq=True)

    events = [
        q(plover=plovers[0]), q(governorate=governorates[0], date_from=first, date_to=year_end),
        q(actor=actors[0], sort="-sources"), q(actor_kind="militia", limit=100),
        q(bbox="35.5,32.0,42.5,37.5", min_sources=1, offset=200), q(acled_event_type="Battles", status="occurred"),
        q(plover=plovers[1:3], governorate=governorates[-1], sort="date"),
        q(date_from=first, date_to=year_end, limit=20),
    ]
    network = [f"/network?{urlencode({'governorate': g})}" for g in governorates] + [
        f"/network?{urlencode({'actor': a})}" for a in actors[:3]] + [
        f"/network?{urlencode({'date_from': first, 'date_to': year_end})}"]
    return {"/events (filtered)": events, "/network (filtered)": network, "/network (whole corpus)": ["/network"]}


def drain(base_url: str) -> None:
    """Wait until the requests of the previous scenario (queued in the server after wrk closed) are served."""
    for _ in range(120):
        started = time.monotonic()
        urllib.request.urlopen(f"{base_url}/events?limit=1", timeout=300).read()
        if time.monotonic() - started < 0.5:
            return
        time.sleep(1)


def run_wrk(base_url: str, paths: list[str], clients: int, duration: int, threads: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(json.dumps(p) for p in paths))
    try:
        done = subprocess.run(["wrk", f"-t{threads}", f"-c{clients}", f"-d{duration}s", "--timeout", "60s",
                               "-s", script.name, base_url], capture_output=True, text=True, check=True)
    finally:
        os.unlink(script.name)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "marsad-load" / "load.db"),
                        help="SQLite file (reused when it already holds enough events)")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--base", type=int, default=300, help="synthetic articles analysed before copying")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds per scenario")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    counts = build_corpus(args.db, args.events, args.base, args.seed)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MARSAD_API_RATE_LIMIT": "0"}
    marsad = Path(sys.executable).with_name("marsad")
    log_path = Path(args.db).with_suffix(".serve.log")
    log = log_path.open("w")
    server = subprocess.Popen([str(marsad), "serve", "--db", args.db, "--port", str(port)], env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_ready(base_url, server)
        plan = scenarios(base_url)
        for paths in plan.values():  # every URL answers before we load it
            for path in paths:
                urllib.request.urlopen(base_url + path, timeout=120).read()
        print(f"corpus: {counts['events']} events, {counts['articles']} articles, {counts['actors']} actors; "
              f"{args.clients} clients, {args.duration} s per scenario, 127.0.0.1, {os.cpu_count()} cores")
        print(f"{'scenario':26} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
              f"{'max ms':>8} {'errors':>7}")
        for name, paths in plan.items():
            drain(base_url)
            r = run_wrk(base_url, paths, args.clients, args.duration, args.threads)
            errors = sum(r[k] for k in ("connect", "read", "write", "timeout", "non2xx"))
            detail = ", ".join(f"{k} {r[k]}" for k in ("connect", "read", "write", "timeout", "non2xx") if r[k])
            print(f"{name:26} {r['requests']:>9} {r['requests'] / r['seconds']:>8.1f} {r['p50_ms']:>8.1f} "
                  f"{r['p90_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['max_ms']:>8.1f} {errors:>7}"
                  + (f"  ({detail})" if detail else ""), flush=True)
        log.flush()
        statuses = Counter(re.findall(r'" (\d{3}) ', log_path.read_text(errors="replace")))
        print(f"server log ({log_path}): answers by status {dict(sorted(statuses.items()))}")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
