"""Readers: paths, stdin and JSON Lines become RawArticles, or InputErrors that name the input.

A reader never raises for one bad input: it yields the error in its place so the rest of the
run goes on, and the caller decides whether to print, quarantine or stop.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from marsad.errors import InputError
from marsad.ingest.encoding import control_ratio, decode
from marsad.ingest.html import extract_html, looks_like_html
from marsad.ingest.raw import RawArticle
from marsad.settings import Settings

ReadResult = RawArticle | InputError
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def _human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KB"


def _too_big(label: str, size: int, settings: Settings) -> InputError:
    return InputError(
        label, f"input is {_human_size(size)}, over the {_human_size(settings.max_bytes)} limit (--max-size)"
    )


def parse_date(value: Any, label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(label, f"published date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def from_bytes(data: bytes, label: str, settings: Settings, *, path: str | None = None,
               hint_html: bool = False, **meta: Any) -> RawArticle:
    """Decode and, for HTML, extract the main content of one input."""
    if len(data) > settings.max_bytes:
        raise _too_big(label, len(data), settings)
    text, encoding = decode(data, label)
    if control_ratio(text) > 0.01:
        raise InputError(label, "binary input (control characters), not text")
    return from_text(text, label, settings, path=path, hint_html=hint_html, raw=data, encoding=encoding, **meta)


def from_text(text: str, label: str, settings: Settings, *, path: str | None = None, hint_html: bool = False,
              html: bool | None = None, raw: bytes | str | None = None, encoding: str | None = None,
              url: str | None = None, outlet: str | None = None, published: Any = None,
              title: str | None = None) -> RawArticle:
    if len(text) > settings.max_bytes:
        raise _too_big(label, len(text.encode("utf-8", "surrogatepass")), settings)
    published_date = parse_date(published, label)
    is_html = html if html is not None else (hint_html or looks_like_html(text))
    if is_html:
        article = extract_html(text, label, url=url)
        article.path, article.raw, article.encoding = path, raw if raw is not None else text, encoding
        article.outlet = outlet or article.outlet
        article.published = published_date or article.published
        article.title = title or article.title
        return article
    return RawArticle(label=label, text=text, title=title, path=path, url=url, outlet=outlet,
                      published=published_date, raw=raw if raw is not None else text, encoding=encoding)


def read_jsonl_lines(lines: Iterable[str | bytes], label: str, settings: Settings,
                     defaults: dict[str, Any], first_line: int = 1) -> Iterator[ReadResult]:
    """One article per line: {"text"|"html", "url", "published", "outlet", "title"}.

    ``first_line`` numbers the lines of a slice of a file (batch partitions) as in the whole file.
    """
    for number, line in enumerate(lines, start=first_line):
        where = f"{label}:{number}"
        if len(line) > settings.max_bytes:
            yield _too_big(where, len(line), settings)
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(where, f"line is not UTF-8 ({exc.reason})")
                continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "a JSON Lines record must be an object")
            continue
        body, is_html = record.get("text"), False
        if body is None and record.get("html") is not None:
            body, is_html = record["html"], True
        if not isinstance(body, str):
            yield InputError(where, 'record has no "text" or "html" string')
            continue
        meta = {k: record.get(k) or defaults.get(k) for k in ("url", "outlet", "published", "title")}
        try:
            yield from_text(body, where, settings, html=is_html or None, **meta)
        except InputError as exc:
            yield exc


# A directory's own documentation (examples/README.md) is not an article; named explicitly, it is read.
DOC_SUFFIXES = {".md", ".rst"}


def _iter_files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts) \
                    and child.suffix.lower() not in DOC_SUFFIXES:
                yield child
    else:
        yield path


def read_path(path_arg: str, settings: Settings, **defaults: Any) -> Iterator[ReadResult]:
    """Read a file, a directory (recursively) or `-` (stdin; JSON Lines if every line is an object)."""
    if path_arg == "-":
        yield from _read_stdin(settings, defaults)
        return
    path = Path(path_arg)
    if not path.exists():
        yield InputError(path_arg, "no such file or directory")
        return
    for file in _iter_files(path):
        label = str(file)
        try:
            special = _feed_or_warc(file, label, settings, defaults)  # RSS/Atom and WARC readers
            if special is not None:
                yield from special
                continue
            if file.suffix.lower() in JSONL_SUFFIXES:
                # The size limit applies to each record, not to a file of many articles.
                with file.open("rb") as handle:
                    yield from read_jsonl_lines(_bounded_lines(handle, settings.max_bytes), label, settings,
                                                defaults)
                continue
            size = file.stat().st_size
            if size > settings.max_bytes:
                yield _too_big(label, size, settings)
                continue
            data = file.read_bytes()
            yield from_bytes(data, label, settings, path=label,
                             hint_html=file.suffix.lower() in HTML_SUFFIXES, **defaults)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(label, f"cannot read: {exc.strerror or exc}")


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """Lines of a binary file, none held longer than ``limit`` + 1 bytes (the rest is skipped)."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def _read_stdin(settings: Settings, defaults: dict[str, Any]) -> Iterator[ReadResult]:
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        yield _too_big("stdin", len(data), settings)
        return
    lines = [line for line in data.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith(b"{") for line in lines):
        yield from read_jsonl_lines(lines, "stdin", settings, defaults)
        return
    try:
        yield from_bytes(data, "stdin", settings, **defaults)
    except InputError as exc:
        yield exc


def _feed_or_warc(file: Path, label: str, settings: Settings, defaults: dict[str, Any]) -> Iterator[ReadResult] | None:
    """Dispatch .warc/.warc.gz (any size: each record is one input) and RSS/Atom feeds to their readers."""
    from marsad.ingest import feeds, warc  # imported here: both import this module

    if warc.is_warc(file.name):
        return warc.read_warc(label, settings, **defaults)
    suffix = file.suffix.lower()
    if suffix in feeds.FEED_SUFFIXES or suffix == ".xml":
        if file.stat().st_size > settings.max_bytes:
            return None
        data = file.read_bytes()
        if suffix in feeds.FEED_SUFFIXES or feeds.looks_like_feed(data):
            return feeds.read_feed(data, label, settings, path=label, **defaults)
    return None
