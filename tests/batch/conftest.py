"""A small fixed corpus (the examples and generated articles) and the single-process reference tables."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

from marsad.batch.corpus import write_corpus
from marsad.batch.records import SCHEMAS, TABLES, rows_of
from marsad.errors import InputError
from marsad.ingest.readers import read_path
from marsad.pipeline import analyze
from marsad.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GENERATED = 24


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder / "generated.jsonl", GENERATED, seed=8, examples=EXAMPLES)
    return [str(EXAMPLES), str(folder / "generated.jsonl")]


def single_process(inputs: list[str], settings: Settings | None = None) -> tuple[dict[str, pa.Table], list[str]]:
    """The tables as the plain pipeline makes them, input after input; and the labels that failed."""
    settings = settings or Settings()
    rows: dict[str, list] = {t: [] for t in TABLES}
    failed: list[str] = []
    for path in inputs:
        for item in read_path(path, settings):
            if isinstance(item, InputError):
                failed.append(item.source)
                continue
            try:
                doc = analyze(item, settings)
            except InputError as exc:
                failed.append(exc.source)
                continue
            for table, new in rows_of(item, doc).items():
                rows[table].extend(new)
    return {t: pa.Table.from_pylist(rows[t], schema=SCHEMAS[t]) for t in TABLES}, failed


@pytest.fixture(scope="session")
def reference(corpus) -> dict[str, pa.Table]:
    tables, failed = single_process(corpus)
    assert not failed, failed
    return tables


def quarantine(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()]
