"""Readers: encodings detected, bad inputs named with their reason, good inputs unaffected."""

import json
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.ingest.encoding import decode
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import read_path
from marsad.settings import Settings

ARTICLE = ("اشتباكات في ريف حلب\n\n"
           "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حلب الغربي صباح اليوم الخميس، "
           "وقالت مصادر محلية إن الاشتباكات أسفرت عن مقتل ثلاثة عناصر من الطرفين وإصابة آخرين بجروح.")


def read_all(path, **kw):
    return list(read_path(str(path), Settings(**kw)))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"])
def test_text_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / f"a-{encoding}.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    [item] = read_all(path)
    assert isinstance(item, RawArticle), item
    assert item.text.lstrip("\ufeff") == ARTICLE


def test_windows_1256_is_reported_as_such():
    text, encoding = decode(ARTICLE.encode("cp1256"), "x")
    assert text == ARTICLE
    assert encoding.replace("_", "").replace("-", "").lower() in {"cp1256", "windows1256"}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b"   \n\t ", "empty input"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary input (a PDF document)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary input (a PNG image)"),
        (b"\x1f\x8b\x08\x00\x00\x00", "binary input (gzip-compressed data)"),
        (bytes(range(256)) * 4, "binary input"),
    ],
)
def test_bad_files_are_errors_naming_the_file_and_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [item] = read_all(path)
    assert isinstance(item, InputError)
    assert item.source == str(path)
    assert item.reason.startswith(reason)


def test_oversized_files_are_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(ARTICLE.encode() * 200)
    [item] = read_all(path, max_bytes=10_000)
    assert isinstance(item, InputError)
    assert "over the" in item.reason and "limit" in item.reason


def test_missing_path_is_an_error(tmp_path):
    [item] = read_all(tmp_path / "nope.txt")
    assert isinstance(item, InputError) and item.reason == "no such file or directory"


def test_directories_are_read_recursively_in_order_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    items = read_all(tmp_path)
    assert [Path(i.path).name for i in items] == ["1.txt", "2.txt"]


def test_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": ARTICLE, "url": "https://example.org/1", "published": "2019-08-20", "outlet": "مثال"}),
        "{not json",
        json.dumps({"html": f"<html><body><article><p>{ARTICLE}</p></article></body></html>"}),
        json.dumps({"url": "https://example.org/3"}),
        json.dumps({"text": ARTICLE, "published": "20 August"}),
        json.dumps(["a list"]),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["RawArticle", "InputError", "RawArticle", "InputError",
                                                 "InputError", "InputError"]
    first = items[0]
    assert (first.url, first.outlet, str(first.published)) == ("https://example.org/1", "مثال", "2019-08-20")
    assert items[1].source == f"{path}:2" and items[1].reason.startswith("invalid JSON")
    assert items[2].content_type == "html" and "اشتباكات عنيفة" in items[2].text
    assert items[3].reason == 'record has no "text" or "html" string'
    assert "not an ISO date" in items[4].reason


def test_html_is_detected_by_content_not_only_by_suffix(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(f"<!DOCTYPE html><html><head><title>t</title></head><body><nav>الرئيسية</nav>"
                    f"<article><p>{ARTICLE}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>",
                    encoding="utf-8")
    [item] = read_all(path)
    assert isinstance(item, RawArticle), item
    assert item.content_type == "html"
    assert "جميع الحقوق" not in item.text and "اندلعت اشتباكات" in item.text
    assert any("main content" in reason for _, reason in item.removed)


def test_html_without_an_article_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav><a href='/'>home</a></nav></body></html>",
                    encoding="utf-8")
    [item] = read_all(path)
    assert isinstance(item, InputError) and "no article text" in item.reason


def test_jsonl_size_limit_applies_per_record_not_per_file(tmp_path):
    path = tmp_path / "many.jsonl"
    record = json.dumps({"text": ARTICLE}, ensure_ascii=False)
    huge = json.dumps({"text": ARTICLE * 100}, ensure_ascii=False)
    path.write_text("\n".join([record] * 30 + [huge, record]), encoding="utf-8")
    limit = 4 * len(record.encode())
    assert path.stat().st_size > limit
    items = read_all(path, max_bytes=limit)
    assert [type(i).__name__ for i in items] == ["RawArticle"] * 30 + ["InputError", "RawArticle"]
    assert items[30].source == f"{path}:31" and "limit" in items[30].reason


def test_input_errors_survive_pickling():
    import pickle

    error = pickle.loads(pickle.dumps(InputError("a.txt", "empty input")))
    assert (error.source, error.reason, str(error)) == ("a.txt", "empty input", "a.txt: empty input")
