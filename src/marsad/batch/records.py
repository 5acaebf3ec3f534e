"""Documents as Parquet rows: one table each for documents, events, mentions and relations.

The documents table keeps the whole Document as JSON (every layer, for loading into the store)
and the input as received with the reader's metadata (so the store can compute the same input
key as `marsad ingest` and stay idempotent across both routes). The other tables are flat, one
row per fact, for DuckDB/pandas; every row carries ``doc_id`` and ``input`` (the input's label).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.document import Document
from marsad.ingest.raw import RawArticle

TABLES = ("documents", "events", "mentions", "relations")

_STR, _INT, _F = pa.string(), pa.int64(), pa.float64()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("input", _STR), ("doc_id", _STR), ("path", _STR), ("url", _STR), ("outlet", _STR),
        ("title", _STR), ("published", pa.date32()), ("language", _STR), ("text", _STR),
        ("n_chars", _INT), ("n_sentences", _INT), ("n_mentions", _INT), ("n_events", _INT),
        ("n_relations", _INT), ("n_furniture", _INT), ("document", _STR),
        # The input as received and the reader's own metadata (the store's input key uses them).
        ("raw", pa.binary()), ("raw_is_text", pa.bool_()), ("content_type", _STR), ("input_title", _STR),
    ]),
    "events": pa.schema([
        ("input", _STR), ("doc_id", _STR), ("event_id", _STR), ("plover", _STR), ("mode", _STR),
        ("acled_event_type", _STR), ("acled_sub_event_type", _STR),
        ("actor1", pa.list_(_STR)), ("actor2", pa.list_(_STR)), ("place", _STR), ("place_precision", _STR),
        ("date_value", _STR), ("date_precision", _STR), ("date_text", _STR), ("status", _STR),
        ("attributed_to", _STR), ("attributed_ref", _STR),
        ("sentence_start", _INT), ("sentence_end", _INT), ("trigger_start", _INT), ("trigger_end", _INT),
        ("n_evidence", _INT), ("fatalities", _INT), ("injured", _INT), ("confidence", _F), ("summary_en", _STR),
    ]),
    "mentions": pa.schema([
        ("input", _STR), ("doc_id", _STR), ("mention_id", _STR), ("text", _STR), ("start", _INT), ("end", _INT),
        ("type", _STR), ("ref", _STR), ("origin", _STR), ("confidence", _F), ("framing", _STR),
    ]),
    "relations": pa.schema([
        ("input", _STR), ("doc_id", _STR), ("type", _STR), ("source", _STR), ("target", _STR),
        ("start", _INT), ("end", _INT), ("confidence", _F),
    ]),
}


def raw_bytes(raw: RawArticle) -> tuple[bytes, bool]:
    """The input as received, as bytes, and whether it arrived as text (str) rather than bytes."""
    if isinstance(raw.raw, bytes):
        return raw.raw, False
    return (raw.raw if raw.raw is not None else raw.text).encode("utf-8", "surrogatepass"), True


def rows_of(raw: RawArticle, doc: Document) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysed input adds to each table."""
    key = {"input": raw.label, "doc_id": doc.id}
    payload, is_text = raw_bytes(raw)
    documents = [{
        **key, "path": doc.source.path, "url": doc.source.url, "outlet": doc.source.outlet, "title": doc.title,
        "published": doc.published, "language": doc.language, "text": doc.text, "n_chars": len(doc.text),
        "n_sentences": len(doc.sentences), "n_mentions": len(doc.mentions), "n_events": len(doc.events),
        "n_relations": len(doc.relations), "n_furniture": len(doc.furniture), "document": doc.model_dump_json(),
        "raw": payload, "raw_is_text": is_text, "content_type": raw.content_type, "input_title": raw.title,
    }]
    events = [{
        **key, "event_id": e.id, "plover": e.plover, "mode": e.mode, "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type, "actor1": list(e.actor1), "actor2": list(e.actor2),
        "place": e.place, "place_precision": e.place_precision, "date_value": e.date.value,
        "date_precision": e.date.precision, "date_text": e.date.text, "status": str(e.status),
        "attributed_to": e.attributed_to.text if e.attributed_to else None,
        "attributed_ref": e.attributed_to.ref if e.attributed_to else None,
        "sentence_start": e.sentence.start, "sentence_end": e.sentence.end,
        "trigger_start": e.trigger.start, "trigger_end": e.trigger.end, "n_evidence": len(e.evidence),
        "fatalities": e.fatalities, "injured": e.injured, "confidence": e.confidence, "summary_en": e.summary_en,
    } for e in doc.events]
    mentions = [{
        **key, "mention_id": x.id, "text": x.text, "start": x.start, "end": x.end, "type": str(x.type),
        "ref": x.ref, "origin": x.origin, "confidence": x.confidence, "framing": x.framing,
    } for x in doc.mentions]
    relations = [{
        **key, "type": str(r.type), "source": r.source, "target": r.target, "start": r.evidence.start,
        "end": r.evidence.end, "confidence": r.confidence,
    } for r in doc.relations]
    return {"documents": documents, "events": events, "mentions": mentions, "relations": relations}


def write_part(out: Path, index: int, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write one partition's tables; atomic per file, so a retried partition replaces, never doubles."""
    for table in TABLES:
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"part-{index:05d}.parquet"
        tmp = folder / f".part-{index:05d}.{os.getpid()}.tmp"
        pq.write_table(pa.Table.from_pylist(rows[table], schema=SCHEMAS[table]), tmp, compression="zstd")
        os.replace(tmp, final)


def read_table(out: Path, table: str) -> pa.Table:
    """One table of a batch output, its parts in partition order (so rows keep input order)."""
    parts = sorted((out / table).glob("part-*.parquet"))
    if not parts:
        return SCHEMAS[table].empty_table()
    return pa.concat_tables(pq.read_table(p, schema=SCHEMAS[table]) for p in parts)


def document_of(row: dict[str, Any]) -> Document:
    return Document.model_validate_json(row["document"])


def raw_of(row: dict[str, Any]) -> RawArticle:
    """The RawArticle behind a documents row, as the reader produced it (for the store's input key)."""
    payload: bytes = row["raw"]
    raw: bytes | str = payload.decode("utf-8", "surrogatepass") if row["raw_is_text"] else payload
    doc = json.loads(row["document"])
    return RawArticle(label=row["input"], text=doc["text"], title=row["input_title"], path=row["path"],
                      url=row["url"], outlet=row["outlet"], published=row["published"], raw=raw,
                      content_type=row["content_type"] or "text")
