"""Inputs cut into partitions that a worker reads by itself (only a small descriptor travels).

A JSON Lines file is cut at line boundaries into byte ranges of ``size`` lines; other files
(text, HTML, feeds, a directory's contents) are grouped ``size`` files at a time; a WARC file is
one partition (Common Crawl's news WARCs are about 1 GB each: one task per file). A worker reads
its partition and yields, for every input, the RawArticle or the InputError that names it,
together with the bytes to keep in quarantine if it fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import DOC_SUFFIXES, JSONL_SUFFIXES, read_jsonl_lines, read_path
from marsad.ingest.warc import is_warc, read_warc
from marsad.settings import Settings


@dataclass(frozen=True)
class Partition:
    index: int
    kind: str  # "jsonl" | "files" | "warc" | "missing"
    paths: tuple[str, ...]
    start: int = 0  # jsonl: byte range [start, end) and the number of its first line
    end: int = 0
    first_line: int = 1

    def describe(self) -> str:
        if self.kind == "jsonl":
            return f"{self.paths[0]} (bytes {self.start}-{self.end}, from line {self.first_line})"
        if len(self.paths) == 1:
            return self.paths[0]
        return f"{self.paths[0]} … {self.paths[-1]} ({len(self.paths)} files)"


@dataclass
class Item:
    """One input of a partition: the article to analyse, or the reason it cannot be."""

    label: str
    article: RawArticle | None
    error: InputError | None
    payload: bytes | None  # the input as received, kept in quarantine when it fails


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts) \
                    and child.suffix.lower() not in DOC_SUFFIXES:
                yield child
    else:
        yield path


def _jsonl_ranges(path: Path, size: int) -> Iterator[tuple[int, int, int]]:
    """(start byte, end byte, first line number) of runs of ``size`` lines."""
    start, line, first = 0, 0, 1
    position = 0
    with path.open("rb") as handle:
        for raw in handle:
            position += len(raw)
            line += 1
            if line - first + 1 >= size:
                yield start, position, first
                start, first = position, line + 1
    if position > start:
        yield start, position, first


def plan(inputs: list[str], size: int) -> list[Partition]:
    """Cut the inputs into partitions of about ``size`` articles each, in a stable order."""
    parts: list[Partition] = []
    loose: list[str] = []

    def flush() -> None:
        if loose:
            parts.append(Partition(len(parts), "files", tuple(loose)))
            loose.clear()

    for arg in inputs:
        path = Path(arg)
        if not path.exists():
            flush()
            parts.append(Partition(len(parts), "missing", (arg,)))
            continue
        for file in _files(path):
            if file.suffix.lower() in JSONL_SUFFIXES:
                flush()
                for start, end, first in _jsonl_ranges(file, size):
                    parts.append(Partition(len(parts), "jsonl", (str(file),), start, end, first))
            elif is_warc(file.name):
                flush()
                parts.append(Partition(len(parts), "warc", (str(file),)))
            else:
                loose.append(str(file))
                if len(loose) >= size:
                    flush()
    flush()
    return parts


def _file_payload(path: str, settings: Settings) -> bytes | None:
    try:
        file = Path(path)
        return file.read_bytes() if file.is_file() and file.stat().st_size <= settings.max_bytes else None
    except OSError:
        return None


def _item(result: RawArticle | InputError, payload: bytes | None) -> Item:
    if isinstance(result, InputError):
        return Item(result.source, None, result, payload)
    return Item(result.label, result, None, payload)


def read_partition(part: Partition, settings: Settings, defaults: dict[str, Any] | None = None) -> Iterator[Item]:
    defaults = defaults or {}
    if part.kind == "missing":
        yield Item(part.paths[0], None, InputError(part.paths[0], "no such file or directory"), None)
    elif part.kind == "jsonl":
        path = part.paths[0]
        try:
            with open(path, "rb") as handle:
                handle.seek(part.start)
                data = handle.read(part.end - part.start)
        except OSError as exc:
            yield Item(path, None, InputError(path, f"cannot read: {exc.strerror or exc}"), None)
            return
        for number, line in enumerate(data.splitlines(), start=part.first_line):
            for result in read_jsonl_lines([line], path, settings, defaults, first_line=number):
                yield _item(result, line)
    elif part.kind == "warc":
        for result in read_warc(part.paths[0], settings, **defaults):
            yield _item(result, None)
    else:
        for path in part.paths:
            for result in read_path(path, settings, **defaults):
                yield _item(result, _file_payload(path, settings) if isinstance(result, InputError) else None)

