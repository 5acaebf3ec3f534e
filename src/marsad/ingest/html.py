"""HTML pages: main-content extraction (trafilatura) and publication date (htmldate).

What the extractor leaves out (navigation, footers, comment forms) is recorded as removed text
with a reason, so nothing disappears silently. trafilatura, htmldate and lxml are imported on the
first HTML page (~0.25 s of start-up that plain text never needs).
"""

from __future__ import annotations

import logging
import re

from marsad.clean.furniture import is_prose
from marsad.errors import InputError
from marsad.ingest.raw import RawArticle

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"</?(?:p|div|span|a|br|script|table|li|h[1-6])\b[^>]*>", re.IGNORECASE)
MAX_RECORDED_BOILERPLATE = 200

# trafilatura and htmldate log at WARNING for ordinary pages; marsad reports its own errors.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def looks_like_html(text: str) -> bool:
    head = text[:2048]
    return bool(_HTML_START.match(head)) or len(_TAGS.findall(head)) >= 5


def extract_html(html: str, label: str, url: str | None = None) -> RawArticle:
    import htmldate
    import trafilatura

    # deduplicate=False: trafilatura's de-duplication remembers text across calls, which would
    # silently drop a wire story from the second outlet that republished it.
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True, deduplicate=False)
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        raise InputError(label, f"HTML could not be parsed ({type(exc).__name__})") from None
    if doc is None or not any(is_prose(line) for line in (doc.text or "").splitlines()):
        raise InputError(label, "HTML page has no article text (main-content extraction found nothing)")
    published = None
    try:
        found = htmldate.find_date(html, url=url, original_date=True, extensive_search=False)
        if found:
            from datetime import date

            published = date.fromisoformat(found)
    except Exception:  # a page without a readable date is ordinary, not an error
        published = None
    article = RawArticle(label=label, text=doc.text, title=doc.title or None, url=url or doc.url,
                         outlet=doc.sitename or None, published=published, content_type="html")
    article.removed = _boilerplate(html, doc.text)
    return article


_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th",
           "section", "article", "header", "footer", "nav", "aside", "form", "table", "blockquote", "dd", "dt")


def _visible_text(html: str) -> str:
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8")
    tree = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    for hidden in tree.xpath("//script|//style|//noscript|//template"):
        hidden.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    return tree.text_content()


def _boilerplate(html: str, kept: str) -> list[tuple[str, str]]:
    """Lines of the page's visible text that the extractor did not keep."""
    try:
        full = _visible_text(html)
    except Exception:  # the extractor already succeeded; the record of boilerplate is best effort
        return []
    kept_lines = {line.strip() for line in kept.splitlines()}
    removed: list[tuple[str, str]] = []
    for line in full.splitlines():
        line = line.strip()
        if line and line not in kept_lines and line not in kept:
            removed.append((line[:500], "outside the page's main content (HTML boilerplate)"))
            if len(removed) >= MAX_RECORDED_BOILERPLATE:
                break
    return removed
