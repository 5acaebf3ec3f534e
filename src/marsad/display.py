"""Terminal display of Documents (rich), with Arabic shaped and ordered for the terminal.

Most terminals neither join Arabic letters nor apply the bidirectional algorithm, so by default
strings are reshaped and put in visual order; `--bidi terminal` leaves both to a terminal
that does them itself (mlterm, Konsole, recent VTE).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import arabic_reshaper
from bidi import get_display
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from marsad.document import Document

_ARABIC = ("\u0600", "\u08ff")


def for_terminal(text: str | None, visual: bool, width: int = 60) -> str:
    """Escape for rich; in visual mode wrap first, then reorder each line (so lines stay in order)."""
    if not text:
        return ""
    if visual and any(_ARABIC[0] <= ch <= _ARABIC[1] for ch in text):
        lines = textwrap.wrap(text, width=width) or [text]
        text = "\n".join(get_display(arabic_reshaper.reshape(line)) for line in lines)
    return escape(text)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_documents(docs: Iterable[Document], console: Console, visual: bool = True) -> None:
    for doc in docs:
        print_document(doc, console, visual)


def print_document(doc: Document, console: Console, visual: bool = True) -> None:
    t = lambda s: for_terminal(s, visual)  # noqa: E731
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    head.add_row("title", t(doc.title) or "[dim](none)[/dim]")
    head.add_row("source", t(doc.source.path or doc.source.url or "") or "[dim](stdin)[/dim]")
    head.add_row("outlet", t(doc.source.outlet) or "[dim]unknown[/dim]")
    head.add_row("published", str(doc.published) if doc.published else "[dim]unknown[/dim]")
    head.add_row("id", doc.id)
    head.add_row("text", f"{len(doc.text):,} characters, {len(doc.sentences)} sentences, "
                         f"{len(doc.furniture)} furniture strings removed")
    head.add_row("begins", t(_short(doc.text)))
    console.print(Panel(head, title="marsad", title_align="left"))
    if doc.furniture:
        table = Table(title="removed furniture", title_justify="left", show_lines=False)
        table.add_column("reason", style="cyan")
        table.add_column("text")
        for item in doc.furniture[:15]:
            table.add_row(escape(item.reason), t(_short(item.text, 60)))
        if len(doc.furniture) > 15:
            table.add_row("…", f"{len(doc.furniture) - 15} more")
        console.print(table)
    _print_layers(doc, console, t)


def _print_layers(doc: Document, console: Console, t) -> None:  # type: ignore[no-untyped-def]
    if doc.mentions:
        table = Table(title=f"mentions ({len(doc.mentions)})", title_justify="left")
        for col in ("text", "type", "linked to"):
            table.add_column(col)
        for m in doc.mentions:
            table.add_row(t(m.text), m.type.value, escape(m.ref or "—"))
        console.print(table)
    if doc.events:
        table = Table(title=f"events ({len(doc.events)})", title_justify="left")
        for col in ("type", "status", "date", "summary"):
            table.add_column(col)
        for e in doc.events:
            kind = e.plover + (f"/{e.mode}" if e.mode else "")
            table.add_row(escape(kind), e.status.value, escape(e.date.value or "?"), t(e.summary_en))
        console.print(table)
