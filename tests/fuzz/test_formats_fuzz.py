"""Hostile feeds, WARC files, JSON Lines and compressed bombs through the readers: every input ends in
RawArticles (then a Document) or an InputError naming it, never an exception, a file read or a hang.

The default budget keeps CI fast; MARSAD_FUZZ_EXAMPLES (e.g. 5000) gives a longer local run.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.feeds import read_feed
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import read_jsonl_lines, read_path
from marsad.ingest.warc import read_warc
from marsad.pipeline import analyze
from marsad.settings import Settings

BUDGET = int(os.environ.get("MARSAD_FUZZ_EXAMPLES", "150"))
SETTINGS = Settings(max_bytes=1024 * 1024, document_timeout=20)
ARTICLE = ("قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم الخميس، وقالت مصادر محلية إن القصف أدى "
           "إلى مقتل مدنيين اثنين وإصابة خمسة آخرين بجروح متفاوتة.")
PAGE = f"<html><head><title>قصف على كفرنبل</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
fuzz = settings(max_examples=BUDGET, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SECRET = "TOPSECRET-ENTITY-CONTENT-7f3a"


def drain(items) -> list[RawArticle | InputError]:
    """Read everything; each item is an article or an error naming its input, and articles analyse."""
    out = []
    for item in items:
        assert isinstance(item, RawArticle | InputError), item
        if isinstance(item, InputError):
            assert item.source and item.reason
        else:
            try:
                assert isinstance(analyze(item, SETTINGS), Document)
            except InputError as exc:
                assert exc.reason
        out.append(item)
    return out


def text_of(items) -> str:
    return " ".join(f"{i.text} {i.title} {i.outlet}" if isinstance(i, RawArticle) else str(i) for i in items)


# -- RSS/Atom: external entities are never resolved ------------------------------------------------------

def feed(doctype: str, ref: str, body: str = ARTICLE) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [{doctype}]>\n<rss version="2.0"><channel>'
            f"<title>Outlet {ref}</title><item><title>قصف {ref}</title><link>https://x.example/1</link>"
            f"<description>{body} {ref}</description></item></channel></rss>").encode()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


@pytest.mark.parametrize("shape", ["general", "parameter", "in-title", "xinclude"])
def test_xxe_file_entities_are_not_resolved(secret_file, shape):
    uri = secret_file.as_uri()
    data = {
        "general": feed(f'<!ENTITY xxe SYSTEM "{uri}">', "&xxe;"),
        "parameter": feed(f'<!ENTITY % p SYSTEM "{uri}"> %p;', ""),
        "in-title": feed(f'<!ENTITY xxe SYSTEM "{uri}">', "&xxe;&xxe;"),
        "xinclude": (f'<?xml version="1.0"?><rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
                     f'<channel><title>t</title><item><title>x</title><description>{ARTICLE}'
                     f'<xi:include href="{uri}" parse="text"/></description></item></channel></rss>').encode(),
    }[shape]
    items = drain(read_feed(data, "feed.rss", SETTINGS))
    assert SECRET not in text_of(items)
    # The same feed as a file on disk, through the dispatching reader.
    path = secret_file.with_name("feed.rss")
    path.write_bytes(data)
    assert SECRET not in text_of(drain(read_path(str(path), SETTINGS)))


def test_entity_expansion_bomb_is_not_expanded():
    levels = ['<!ENTITY l0 "ههههههههههههههههههههه">'] + [
        f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10)]
    items = drain(read_feed(feed("".join(levels), "&l9;"), "bomb.rss", SETTINGS))
    assert all(len(i.text) < 10_000 for i in items if isinstance(i, RawArticle))


@fuzz
@given(st.data())
def test_mutated_feeds(data):
    base = feed("", "")
    mutations = data.draw(st.lists(st.tuples(st.integers(0, len(base) - 1), st.binary(max_size=8)), max_size=6))
    mutated = bytearray(base)
    for at, chunk in mutations:
        mutated[at:at + len(chunk)] = chunk
    cut = data.draw(st.integers(1, len(mutated)))
    drain(read_feed(bytes(mutated[:cut]), "fuzz.rss", SETTINGS))


# -- WARC: lying lengths, damaged and truncated records, bombs -------------------------------------------

def warc_record(payload: bytes, *, gz: bool = False, encoding: str | None = None, rec_type: str = "response",
                content_type: str = "text/html; charset=utf-8") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    headers = [("Content-Type", content_type)] + ([("Content-Encoding", encoding)] if encoding else [])
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://x.example/a", rec_type, payload=io.BytesIO(payload),
                                                  http_headers=http))
    return buffer.getvalue()


def read_warc_bytes(tmp_path: Path, data: bytes, name: str = "x.warc", analyse: bool = True
                    ) -> list[RawArticle | InputError]:
    path = tmp_path / name
    path.write_bytes(data)
    items = read_warc(str(path), SETTINGS)
    return drain(items) if analyse else list(items)


def test_good_warc_reads(tmp_path):
    items = read_warc_bytes(tmp_path, warc_record(PAGE.encode()) * 2)
    assert [type(i) for i in items] == [RawArticle, RawArticle] and "كفرنبل" in items[0].text


@pytest.mark.parametrize("length", ["0", "10", "99999999", "-5", "abc", "1e3", ""])
def test_warc_records_with_lying_lengths(tmp_path, length, capfd):
    record = warc_record(PAGE.encode())
    lying = re.sub(rb"Content-Length: \d+", f"Content-Length: {length}".encode(), record, count=1)
    items = read_warc_bytes(tmp_path, lying + record)
    assert items, "a damaged file is reported, never silently empty"
    assert all(isinstance(i, RawArticle) or i.source.startswith(str(tmp_path)) for i in items)


# Built once: a record carries a fresh id and date, and hypothesis needs the same bytes on every replay.
BASE_WARC = {gz: warc_record(PAGE.encode(), gz=gz) + warc_record(b"\x89PNG....", gz=gz, content_type="image/png")
             for gz in (False, True)}


@fuzz
@given(st.data())
def test_mutated_and_truncated_warc(tmp_path_factory, data):
    gz = data.draw(st.booleans())
    base = BASE_WARC[gz]
    mutated = bytearray(base)
    for at, chunk in data.draw(st.lists(st.tuples(st.integers(0, len(base) - 1), st.binary(min_size=1, max_size=6)),
                                        max_size=4)):
        mutated[at:at + len(chunk)] = chunk
    cut = data.draw(st.integers(1, len(mutated)))
    read_warc_bytes(tmp_path_factory.mktemp("warc"), bytes(mutated[:cut]), "x.warc.gz" if gz else "x.warc")


def zeros_gzip(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed in pieces (the bomb is built without holding it)."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=1) as handle:
        block = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            handle.write(block)
    return out.getvalue()


BOMB = 256 << 20  # 256 MB once decompressed, about 250 KB on disk


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zeros_gzip(BOMB)


def test_http_gzip_bomb_in_warc_is_cut_at_the_size_limit(tmp_path, bomb):
    import tracemalloc

    data = warc_record(bomb, gz=True, encoding="gzip") + warc_record(PAGE.encode(), gz=True)
    tracemalloc.start()
    items = read_warc_bytes(tmp_path, data, "bomb.warc.gz", analyse=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(items[0], InputError) and "over the" in items[0].reason
    assert isinstance(items[1], RawArticle)  # the file goes on after the bomb
    # The limit's bytes and their text, not the bomb: 16 MB against 256 MB.
    assert peak < 16 * SETTINGS.max_bytes, f"peak {peak / 1e6:.0f} MB while reading a {BOMB >> 20} MB bomb"


def test_warc_member_bomb_is_streamed_not_held(tmp_path):
    import tracemalloc

    # A WARC record whose own gzip member expands to 128 MB of page: read up to the limit, then skipped.
    # warcio inflates each 16 KB compressed block whole (up to ~17 MB at zlib's ratio), so the peak is a
    # constant of about 66 MB whatever the member's size (measured: 47 MB at 16 MB, 66 MB at 64 and 256 MB).
    big = b"<html><body><p>" + b"\xd8\xa7" * (64 << 20) + b"</p></body></html>"
    data = warc_record(big, gz=True) + warc_record(PAGE.encode(), gz=True)
    del big
    tracemalloc.start()
    items = read_warc_bytes(tmp_path, data, "member.warc.gz", analyse=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(items[0], InputError) and "over the" in items[0].reason
    assert isinstance(items[1], RawArticle)
    assert peak < 96e6, f"peak {peak / 1e6:.0f} MB for a 128 MB member"


@pytest.mark.parametrize("name", ["bomb.html", "bomb.txt", "bomb.rss", "bomb.xml", "bomb.jsonl", "bomb"])
def test_compressed_files_are_refused_not_inflated(tmp_path, bomb, name):
    path = tmp_path / name
    path.write_bytes(bomb)
    items = drain(read_path(str(path), SETTINGS))
    assert items and all(isinstance(i, InputError) for i in items)


def test_deflate_bomb_in_warc_is_cut_too(tmp_path):
    compressor = zlib.compressobj(1)
    payload = b"".join(compressor.compress(b"\0" * (1 << 20)) for _ in range(64)) + compressor.flush()
    items = read_warc_bytes(tmp_path, warc_record(payload, encoding="deflate"), "deflate.warc")
    assert len(items) == 1 and isinstance(items[0], InputError)


# -- JSON Lines and directories -------------------------------------------------------------------------

JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                        max_size=4), max_leaves=12)


@fuzz
@given(st.lists(st.one_of(
    st.binary(max_size=200),
    st.builds(lambda v: __import__("json").dumps(v).encode(), JSON_VALUES),
    st.builds(lambda t, p, u: __import__("json").dumps({"text": t, "published": p, "url": u}).encode(),
              st.sampled_from([ARTICLE, "", "x", PAGE]), st.one_of(st.none(), st.text(max_size=12), st.integers()),
              st.one_of(st.none(), st.text(max_size=20))),
), max_size=8))
def test_jsonl_lines(lines):
    items = drain(read_jsonl_lines(lines, "fuzz.jsonl", SETTINGS, {}))
    for item in items:
        label = item.source if isinstance(item, InputError) else item.label
        assert label.startswith("fuzz.jsonl:")


@fuzz
@given(st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".rss", ".atom", ".xml", ".warc", ".warc.gz", ""]),
       st.binary(max_size=2048))
def test_any_bytes_under_any_name(tmp_path_factory, suffix, data):
    path = tmp_path_factory.mktemp("any") / f"input{suffix}"
    path.write_bytes(data)
    drain(read_path(str(path), SETTINGS))
