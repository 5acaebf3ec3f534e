"""RSS and Atom feed files (feedparser): one RawArticle per entry, with its title, link and date.

The entry's full content (``content:encoded`` / Atom ``content``) is preferred over its summary;
an entry with neither is an InputError naming the entry, and the rest of the feed goes on. An entry's
HTML is a fragment of the article, not a page, so it becomes text with html-text (paragraphs kept,
scripts and styles dropped) rather than through main-content extraction, which discards short
fragments; the entry's markup is kept as the raw input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser
import html_text

from marsad.errors import InputError
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import from_text
from marsad.settings import Settings

FEED_SUFFIXES = {".rss", ".atom"}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of an .xml file open an RSS, Atom or RDF feed."""
    return bool(_FEED_ROOT.search(head[:2048]))


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


_TAG = re.compile(r"<[A-Za-z!/]")


def _entry_body(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            return content["value"]
    for key in ("summary", "description"):
        if (entry.get(key) or "").strip():
            return entry[key]
    return None


def _fragment_text(body: str) -> str:
    """The text of an entry's body: HTML fragments lose their markup, plain text stays as it is."""
    return html_text.extract_text(body) if _TAG.search(body) else body


def read_feed(data: bytes, label: str, settings: Settings, *, path: str | None = None,
              **defaults: Any) -> Iterator[RawArticle | InputError]:
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser raises on some damaged bytes (UnicodeDecodeError, NUL in a name)
        yield InputError(label, f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    if not parsed.entries:
        reason = f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})" if parsed.get("bozo") \
            else "feed has no entries"
        yield InputError(label, reason)
        return
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{label}#{number}"
        body = _entry_body(entry)
        if body is None:
            yield InputError(where, "feed entry has no content or summary")
            continue
        published = defaults.get("published") or _entry_date(entry)
        try:
            yield from_text(_fragment_text(body), where, settings, path=path, html=False, raw=body,
                            url=defaults.get("url") or entry.get("link"),
                            outlet=defaults.get("outlet") or feed_title, published=published,
                            title=defaults.get("title") or (entry.get("title") or "").strip() or None)
        except InputError as exc:
            yield exc
