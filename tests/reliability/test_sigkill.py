"""SIGKILL at random moments never corrupts the corpus or loses committed work (SQLite and PostgreSQL).

Each kill hits a child process running the same code as `marsad ingest`, `marsad load` or `marsad batch`.
The children are forked from this warmed process (models and the KB already loaded) so that twenty
kills per database take seconds, not minutes; `test_real_cli_processes_survive_sigkill` kills the
installed `marsad ingest` command itself. After every kill: SQLite's `PRAGMA integrity_check` and
foreign-key check, the FTS5 index check, the corpus invariants (every event has sources and the right
counts, every stored article has all its layers), and nothing committed before is gone. After the
last kill a resumed run must end with exactly the counts of an uninterrupted run.

MARSAD_CRASH_KILLS sets the kills per test (default 20).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.pool import NullPool

from marsad.batch.load import load
from marsad.batch.runner import run_batch
from marsad.settings import Settings
from marsad.store import models as m
from marsad.store.db import database_url, migrate, open_store
from marsad.store.ingest import ingest
from marsad.synthetic import generate, write_jsonl

KILLS = int(os.environ.get("MARSAD_CRASH_KILLS", "20"))
# Kill delays are drawn from [0.02 s, min(run time, MAX_DELAY)]: each killed run resumes the last, so short
# delays still reach every part of the corpus, and twenty kills stay within seconds on a busy machine.
MAX_DELAY = float(os.environ.get("MARSAD_CRASH_MAX_DELAY", "1.0"))
SETTINGS = Settings()
COUNTED = [m.Article, m.Event, m.EventSource, m.EventActor, m.Mention, m.Relation, m.ArticleEntity, m.Actor,
           m.Place, m.Person, m.Quarantine]


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small corpus with near-duplicates, exact re-sends, HTML pages and unusable inputs."""
    folder = tmp_path_factory.mktemp("crash")
    path = folder / "corpus.jsonl"
    write_jsonl(path, generate(24, seed=11, size=350, duplicate_rate=0.3, bad_rate=0.1, html_rate=0.1,
                               exact_duplicate_rate=0.1))
    # Warm up here, once: every stage, the store and its near-duplicate index load before the first fork,
    # so a child spends its life writing, not importing.
    warm = folder / "warm.jsonl"
    warm.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:4]), encoding="utf-8")
    ingest([str(warm)], open_store(str(folder / "warm.db")), SETTINGS)
    return path


# -- children ----------------------------------------------------------------------------------------

LOGS: dict[int, Path] = {}


def fork(work: Callable[[], None]) -> int:
    """Run ``work`` in a forked child (its own process group); returns the pid."""
    import tempfile
    import traceback

    log = Path(tempfile.mkstemp(prefix="marsad-crash-child-", suffix=".log")[1])
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 0
        try:
            os.setpgid(0, 0)
            out = os.open(log, os.O_WRONLY)
            os.dup2(out, 1)
            os.dup2(out, 2)
            work()
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    LOGS[pid] = log
    return pid


def _exited(pid: int, status: int, what: str) -> None:
    log = LOGS.pop(pid)
    message = log.read_text(errors="replace")[-3000:]
    log.unlink(missing_ok=True)
    assert os.waitstatus_to_exitcode(status) == 0, f"{what}:\n{message}"


def kill_after(pid: int, delay: float) -> bool:
    """SIGKILL the child's process group after ``delay`` s; False when it had already finished."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            _exited(pid, status, "the child failed on its own")
            return False
        time.sleep(0.01)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    LOGS.pop(pid).unlink(missing_ok=True)
    return os.WIFSIGNALED(status)


def finish(pid: int, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            _exited(pid, status, "the resumed run failed")
            return
        time.sleep(0.02)
    os.killpg(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("the resumed run did not finish")


def ingest_work(url: str, corpus: Path) -> Callable[[], None]:
    def work() -> None:
        # Commit every few articles, so that kills land before, during and after commits.
        ingest([str(corpus)], open_store(url), SETTINGS, batch_size=3, commit_seconds=0.2)
    return work


def load_work(url: str, folder: Path) -> Callable[[], None]:
    def work() -> None:
        load(folder, open_store(url), batch_size=3)
    return work


def batch_work(corpus: Path, out: Path, partition_size: int = 4) -> Callable[[], None]:
    def work() -> None:
        run_batch([str(corpus)], out, SETTINGS, workers=0, partition_size=partition_size)
    return work


# -- checks ------------------------------------------------------------------------------------------

def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {model.__tablename__: conn.scalar(select(func.count()).select_from(model)) for model in COUNTED}


def committed_keys(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.scalars(select(m.Article.input_key))) | set(conn.scalars(select(m.Quarantine.input_key)))


def check_integrity(engine: Engine) -> None:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            # FTS5: the search index agrees with the articles it indexes.
            conn.execute(text("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"))
        # Every event is told by its sources, and its counts say so.
        wrong = conn.execute(text(
            "SELECT e.id FROM events e LEFT JOIN event_sources s ON s.event_id = e.id "
            "GROUP BY e.id, e.num_sources HAVING count(s.id) = 0 OR count(s.id) <> e.num_sources")).all()
        assert wrong == [], f"events whose sources disagree with them: {wrong}"
        assert conn.scalar(text("SELECT count(*) FROM event_sources WHERE event_id IS NULL")) == 0
        # Every stored article has all of its layers: an article is written whole or not at all.
        for article_id, document, duplicate_of in conn.execute(select(m.Article.id, m.Article.document,
                                                                      m.Article.duplicate_of)):
            if duplicate_of is not None:
                continue
            sources = conn.scalar(select(func.count()).where(m.EventSource.article_id == article_id))
            mentions = conn.scalar(select(func.count()).where(m.Mention.article_id == article_id))
            assert (sources, mentions) == (len(document["events"]), len(document["mentions"])), article_id


def reset(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(t.name for t in m.Base.metadata.sorted_tables)
                              + " RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(m.Base.metadata.sorted_tables):
                conn.execute(table.delete())


def reference(engine: Engine, work: Callable[[], None]) -> tuple[dict[str, int], float]:
    """The counts of an uninterrupted run, and how long it took (the range of kill delays)."""
    reset(engine)
    started = time.monotonic()
    finish(fork(work))
    elapsed = time.monotonic() - started
    expected = counts(engine)
    check_integrity(engine)
    reset(engine)
    return expected, elapsed


def kill_repeatedly(engine: Engine, work: Callable[[], None], expected: dict[str, int], span: float,
                    seed: int) -> int:
    """Kill runs at random moments until KILLS kills have landed; resume to the end after each series."""
    rng = random.Random(seed)
    kills = rounds = 0
    while kills < KILLS:
        rounds += 1
        assert rounds < KILLS * 4, "the runs kept finishing before the kill: the delays are too long"
        reset(engine)
        kept: set[str] = set()
        for _ in range(6):  # a series of kills on one database, each run resuming the last
            if kills >= KILLS:
                break
            killed = kill_after(fork(work), rng.uniform(0.02, min(span, MAX_DELAY)))
            check_integrity(engine)
            now = committed_keys(engine)
            assert kept <= now, "a kill lost committed work"
            kept = now
            if not killed:
                break
            kills += 1
        finish(fork(work))  # the resumed run
        check_integrity(engine)
        assert counts(engine) == expected
    return kills


@pytest.fixture
def engine(store_url: str):
    # No pool: the parent holds no connection while it forks, and every check sees the database anew.
    engine = create_engine(database_url(store_url), poolclass=NullPool)
    yield engine
    engine.dispose()


def test_ingest_survives_sigkill(engine, corpus_file):
    work = ingest_work(engine.url.render_as_string(hide_password=False), corpus_file)
    expected, elapsed = reference(engine, work)
    assert expected["articles"] > 10 and expected["events"] > 5 and expected["quarantine"] >= 1
    assert kill_repeatedly(engine, work, expected, elapsed, seed=1) >= KILLS


@pytest.fixture(scope="module")
def batch_output(corpus_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "out"
    finish(fork(batch_work(corpus_file, out)))
    return out


def test_load_survives_sigkill(engine, batch_output):
    work = load_work(engine.url.render_as_string(hide_password=False), batch_output)
    expected, elapsed = reference(engine, work)
    assert expected["articles"] > 10 and expected["quarantine"] >= 1
    assert kill_repeatedly(engine, work, expected, elapsed, seed=2) >= KILLS


def parquet_state(out: Path) -> dict[str, int]:
    """Rows per table; every part file must be a whole Parquet file."""
    rows: dict[str, int] = {}
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("_")):
        rows[folder.name] = sum(pq.ParquetFile(part).metadata.num_rows for part in folder.glob("part-*.parquet"))
    return rows


def test_batch_survives_sigkill(corpus_file, tmp_path):
    # A rerun starts over, so the kills must reach any moment of a whole run: a shorter corpus keeps that short.
    corpus = tmp_path / "short.jsonl"
    corpus.write_text("".join(corpus_file.read_text(encoding="utf-8").splitlines(keepends=True)[:8]),
                      encoding="utf-8")
    reference_out, out = tmp_path / "reference", tmp_path / "out"
    started = time.monotonic()
    finish(fork(batch_work(corpus, reference_out, partition_size=2)))
    span = time.monotonic() - started
    expected = parquet_state(reference_out)
    expected_quarantine = (reference_out / "quarantine.jsonl").read_text(encoding="utf-8")
    assert expected["documents"] > 3
    rng, kills = random.Random(3), 0
    while kills < KILLS:
        if kill_after(fork(batch_work(corpus, out, partition_size=2)), rng.uniform(0.02, span)):
            kills += 1
        parquet_state(out)  # raises on a torn part file (temporary .part-* files are never read as parts)
    finish(fork(batch_work(corpus, out, partition_size=2)))  # the rerun
    assert parquet_state(out) == expected
    assert (out / "quarantine.jsonl").read_text(encoding="utf-8") == expected_quarantine
    assert not list(out.glob("*/.part-*")), "a rerun leaves no temporary files behind"


def test_real_cli_processes_survive_sigkill(corpus_file, tmp_path):
    """The installed `marsad ingest` command (SQLite), killed at a random moment while it writes, then run
    to the end. (Its start-up takes seconds, hence the forked children above for the twenty kills.)"""
    marsad = Path(sys.executable).with_name("marsad")
    # The reference is the command's own uninterrupted run: the same code, settings and data as the killed one.
    reference_url = f"sqlite:///{tmp_path / 'reference.db'}"
    assert subprocess.run([str(marsad), "ingest", str(corpus_file), "--db", reference_url], capture_output=True,
                          timeout=600).returncode == 0
    expected = counts(create_engine(reference_url, poolclass=NullPool))
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = create_engine(url, poolclass=NullPool)
    migrate(engine)  # tables exist even if the kill lands before the command migrates
    command = [str(marsad), "ingest", str(corpus_file), "--db", url]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.Random(4).uniform(2.0, 5.0))  # after start-up, while it analyses and writes
    child.send_signal(signal.SIGKILL)
    child.wait()
    check_integrity(engine)
    assert subprocess.run(command, capture_output=True, timeout=600).returncode == 0
    check_integrity(engine)
    assert counts(engine) == expected
