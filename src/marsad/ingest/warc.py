"""WARC files (warcio), as Common Crawl's news crawl writes them: each HTML response is an article.

Request, metadata, non-HTML and non-200 records are not articles and are passed over; a record
that cannot be read is an InputError naming the file and the record, and the file goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.errors import InputError
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import from_bytes
from marsad.settings import Settings

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _outlet(url: str | None) -> str | None:
    host = urlsplit(url or "").hostname
    return host.removeprefix("www.") if host else None


def read_warc(path: str, settings: Settings, **defaults: Any) -> Iterator[RawArticle | InputError]:
    try:
        records = 0
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                # warcio also reads old ARC files, and leniently takes any text for one: count real WARC records.
                records += record.format.startswith("warc")
                if record.rec_type not in ("response", "resource"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}#{record.rec_headers.get_header('WARC-Record-ID') or url}"
                if record.rec_type == "response":
                    if record.http_headers is None or record.http_headers.get_statuscode() != "200":
                        continue
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                try:
                    payload = record.content_stream().read(settings.max_bytes + 1)
                    yield from_bytes(payload, where, settings, path=path, hint_html=True,
                                     url=defaults.get("url") or url,
                                     outlet=defaults.get("outlet") or _outlet(url),
                                     published=defaults.get("published"), title=defaults.get("title"))
                except InputError as exc:
                    yield exc
                except Exception as exc:  # a damaged record: report it, keep reading the file
                    yield InputError(where, f"unreadable WARC record ({type(exc).__name__}: {exc})")
        if not records:
            yield InputError(path, "not a readable WARC file (no WARC records)")
    except ArchiveLoadFailed as exc:
        yield InputError(path, f"not a readable WARC file ({exc})")
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # warcio fails in other ways on damaged headers (AttributeError, ValueError…)
        yield InputError(path, f"not a readable WARC file ({type(exc).__name__}: {exc})")
