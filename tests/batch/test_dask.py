"""`marsad batch` on a 2-worker Dask cluster: the same records as one process, failures kept, crashes retried."""

from __future__ import annotations

import logging
import sys
import textwrap
from pathlib import Path

import dask
import pytest
from distributed import LocalCluster

from marsad.batch.records import TABLES, read_table
from marsad.batch.runner import run_batch
from marsad.pipeline import STAGES, register_stage
from marsad.settings import Settings

from .conftest import GENERATED, quarantine

FLAKY = """
import os
from pathlib import Path

MARK = Path({mark!r})


def crash_once(doc, settings):
    # The worker process dies (as on a segfault or the OOM killer) the first time it meets the input.
    if "CRASHONCE" in doc.text and not MARK.exists():
        MARK.touch()
        os._exit(3)


def crash_always(doc, settings):
    if "CRASHALWAYS" in doc.text:
        os._exit(3)
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two worker processes, one thread each; a stage module the workers can import, to crash them."""
    folder = tmp_path_factory.mktemp("stages")
    (folder / "marsad_test_flaky.py").write_text(textwrap.dedent(FLAKY.format(mark=str(folder / "crashed"))))
    sys.path.insert(0, str(folder))  # spawned workers start with the parent's sys.path
    register_stage("crash_once", "marsad_test_flaky:crash_once")
    register_stage("crash_always", "marsad_test_flaky:crash_always")
    # A partition that kills its worker twice is given up (the default allows 3 deaths: slower).
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.ERROR) as local:
        yield local
    STAGES.pop("crash_once", None)
    STAGES.pop("crash_always", None)
    sys.path.remove(str(folder))


def test_two_workers_write_exactly_the_records_of_a_single_process(corpus, reference, cluster, tmp_path):
    out = tmp_path / "out"
    summary = run_batch(corpus, out, Settings(), scheduler=cluster.scheduler_address, partition_size=7)
    assert summary.workers == 2
    assert summary.partitions >= 5  # the examples' 7 files, then 24 lines of JSON in runs of 7
    assert summary.documents == 9 + GENERATED and summary.quarantined == 0
    for table in TABLES:
        got = read_table(out, table)
        assert got.equals(reference[table]), table
    assert read_table(out, "documents").column("input").to_pylist()[-1].endswith(f"generated.jsonl:{GENERATED}")
    assert quarantine(out) == []


def test_bad_inputs_go_to_quarantine_with_their_reason_and_the_rest_is_written(corpus, reference, cluster,
                                                                               tmp_path):
    good = Path(corpus[1]).read_text(encoding="utf-8").splitlines()[:4]
    english = '{"text": "This is an English report about the weather in London and Paris today."}'
    lines = [good[0], "{not json", good[1], '{"title": "no body"}', english, good[2], good[3]]
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe broken \xff\n")
    out = tmp_path / "out"
    summary = run_batch([str(source), str(tmp_path / "missing.txt")], out, Settings(),
                        scheduler=cluster.scheduler_address, partition_size=3)
    assert summary.documents == 4 and summary.quarantined == 5
    docs = read_table(out, "documents")
    assert docs.column("input").to_pylist() == [f"{source}:{n}" for n in (1, 3, 6, 7)]
    expected = reference["documents"].slice(9, 4).column("doc_id")  # the same articles as in the reference
    assert docs.column("doc_id").equals(expected)
    bad = {r["input"]: r for r in quarantine(out)}
    assert set(bad) == {f"{source}:2", f"{source}:4", f"{source}:5", f"{source}:8", str(tmp_path / "missing.txt")}
    assert bad[f"{source}:2"]["reason"].startswith("invalid JSON") and bad[f"{source}:2"]["raw"] == "{not json"
    assert bad[f"{source}:4"]["reason"] == 'record has no "text" or "html" string'
    assert "not Arabic text" in bad[f"{source}:5"]["reason"] and bad[f"{source}:5"]["raw"].startswith("This is")
    assert "not UTF-8" in bad[f"{source}:8"]["reason"] and "raw_base64" in bad[f"{source}:8"]
    assert bad[str(tmp_path / "missing.txt")]["reason"] == "no such file or directory"


def _with_marker(line: str, marker: str) -> str:
    return line.replace('"text": "', f'"text": "{marker} ', 1)


def _crashy(corpus: list[str], tmp_path: Path, marker: str, line: int) -> Path:
    lines = [x for x in Path(corpus[1]).read_text(encoding="utf-8").splitlines() if '"text": "' in x][:9]
    lines[line - 1] = _with_marker(lines[line - 1], marker)
    source = tmp_path / "crashy.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


SETTINGS = Settings(stages=("clean", "segment", "crash_once", "crash_always"))


def test_a_partition_whose_worker_dies_is_run_again_and_nothing_is_lost(corpus, cluster, tmp_path):
    source = _crashy(corpus, tmp_path, "CRASHONCE", 2)
    out = tmp_path / "out"
    summary = run_batch([str(source)], out, SETTINGS, scheduler=cluster.scheduler_address, partition_size=3)
    assert summary.failed_partitions == [] and summary.quarantined == 0
    assert read_table(out, "documents").column("input").to_pylist() == [f"{source}:{n}" for n in range(1, 10)]


def test_a_partition_that_always_kills_its_worker_is_recorded_not_lost(corpus, cluster, tmp_path):
    source = _crashy(corpus, tmp_path, "CRASHALWAYS", 8)
    out = tmp_path / "out"
    summary = run_batch([str(source)], out, SETTINGS, scheduler=cluster.scheduler_address, partition_size=3)
    assert summary.failed_partitions == [2]
    assert read_table(out, "documents").column("input").to_pylist() == [f"{source}:{n}" for n in range(1, 7)]
    [record] = quarantine(out)
    assert record["input"].startswith(f"{source} (bytes ") and record["input"].endswith(", from line 7)")
    assert record["reason"].startswith("partition failed") and "KilledWorker" in record["reason"]
    assert not (out / "documents" / "part-00002.parquet").exists()
