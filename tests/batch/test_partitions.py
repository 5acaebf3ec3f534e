"""Partitions: JSON Lines cut at line boundaries with their true line numbers; WARC records read."""

from __future__ import annotations

import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.batch.partitions import plan, read_partition
from marsad.batch.records import read_table
from marsad.batch.runner import run_batch
from marsad.settings import Settings

from .conftest import EXAMPLES

BODY = ("قالت مصادر محلية إن اشتباكات عنيفة اندلعت بين قوات النظام وفصائل المعارضة في ريف حلب الغربي "
        "صباح اليوم، وأسفرت عن مقتل ثلاثة عناصر من الطرفين وإصابة آخرين بجروح.")


def test_jsonl_is_cut_into_runs_of_lines_that_keep_their_numbers(tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text("".join(json.dumps({"text": f"{BODY} ({i})"}, ensure_ascii=False) + "\n"
                              for i in range(1, 11)), encoding="utf-8")
    parts = plan([str(source)], 4)
    assert [(p.kind, p.first_line) for p in parts] == [("jsonl", 1), ("jsonl", 5), ("jsonl", 9)]
    assert parts[-1].end == source.stat().st_size
    labels = [item.label for p in parts for item in read_partition(p, Settings())]
    assert labels == [f"{source}:{n}" for n in range(1, 11)]
    texts = [item.article.text for p in parts for item in read_partition(p, Settings())]
    assert texts == [f"{BODY} ({i})" for i in range(1, 11)]


def test_directories_are_grouped_by_files_and_missing_inputs_named(tmp_path):
    parts = plan([str(EXAMPLES), str(tmp_path / "nope")], 4)
    kinds = [p.kind for p in parts]
    assert kinds == ["files", "files", "jsonl", "missing"]  # 6 files (README.md skipped), then wire.jsonl
    assert sum(len(p.paths) for p in parts if p.kind == "files") == 6


def _warc(path, pages: list[tuple[str, str]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                          http_headers=headers))


def test_warc_records_become_documents(tmp_path):
    page = "<html><head><title>اشتباكات في ريف حلب</title></head><body><article><h1>اشتباكات في ريف حلب</h1>" \
           f"<p>{BODY}</p><p>{BODY}</p></article></body></html>"
    source = tmp_path / "crawl.warc.gz"
    _warc(source, [("https://a.example/1", page), ("https://b.example/2", page.replace("ثلاثة", "أربعة"))])
    out = tmp_path / "out"
    summary = run_batch([str(source)], out, Settings(), workers=0)
    assert summary.documents == 2, (out / "quarantine.jsonl").read_text()
    docs = read_table(out, "documents")
    assert docs.column("url").to_pylist() == ["https://a.example/1", "https://b.example/2"]
    assert docs.column("outlet").to_pylist() == ["a.example", "b.example"]
    assert all(label.startswith(f"{source}#") for label in docs.column("input").to_pylist())
