"""The `marsad` command end to end, as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "examples" / "orient-aleppo-militias.txt"
SCHEMA = json.loads((REPO / "docs" / "document.schema.json").read_text(encoding="utf-8"))
GOOD = ("قصف على كفرنبل\n\nقصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم، "
        "وقالت مصادر محلية إن القصف أدى إلى مقتل مدنيين اثنين وإصابة خمسة آخرين بجروح.")


def marsad(*args, stdin: bytes | None = None):
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], input=stdin, capture_output=True,
                          env=env, timeout=120)


def test_reference_article_json_matches_the_acceptance():
    result = marsad("analyze", str(SAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["title"] == 'التوتر يعود للواجهة.. ميليشيات روسيا تريد إقصاء نظيرتها الإيرانية من حلب "نهائياً"'
    assert doc["text"].startswith("عادت المناوشات")
    assert doc["text"].endswith('بعد الانتهاء من ملف إدلب".')
    assert doc["text"].count("التوتر يعود للواجهة") == 0
    for furniture in ("التعليقات (0)", "الأكثر قراءة", "أهم المواضيع", "أهم التصنيفات", "💡", "✨"):
        assert furniture not in doc["text"]
    assert doc["language"] == "ar"
    assert doc["published"] is None
    assert len(doc["sentences"]) >= 9


def test_shared_sample_is_the_same_as_the_bundled_example():
    shared = SHARED / "samples" / "orient-aleppo-militias.txt"
    if shared.exists():
        assert shared.read_bytes() == SAMPLE.read_bytes()


def test_table_output_shows_the_article_and_the_furniture():
    result = marsad("analyze", str(SAMPLE), "--format", "table", "--bidi", "terminal")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "التوتر يعود للواجهة" in out
    assert "comment widget" in out and "repeated headline" in out


def test_table_output_reorders_arabic_for_terminals_by_default():
    result = marsad("analyze", str(SAMPLE), "--format", "table")
    out = result.stdout.decode()
    assert result.returncode == 0
    # Visual order: reshaped presentation forms, and the headline's first word appears reversed.
    assert "التوتر" not in out
    assert any("\ufe70" <= ch <= "\ufeff" for ch in out)


def test_stdin_and_metadata_options():
    result = marsad("analyze", "-", "--published", "2019-08-21", "--url", "https://example.org/a",
                    "--outlet", "مثال", stdin=GOOD.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert doc["published"] == "2019-08-21"
    assert doc["source"] == {"path": None, "url": "https://example.org/a", "outlet": "مثال"}
    assert doc["title"] == "قصف على كفرنبل"


def test_stdin_json_lines_gives_json_lines():
    lines = "\n".join(json.dumps({"text": GOOD, "outlet": f"o{i}"}, ensure_ascii=False) for i in range(3))
    result = marsad("analyze", "-", stdin=lines.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    docs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [d["source"]["outlet"] for d in docs] == ["o0", "o1", "o2"]


def test_bad_inputs_are_named_and_the_good_ones_still_analysed(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "english.txt").write_text("Government forces shelled the town of Kafranbel this morning. " * 5)
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>")
    (tmp_path / "legacy.txt").write_bytes(GOOD.encode("cp1256"))
    (tmp_path / "big.txt").write_bytes(GOOD.encode("utf-8") * 100)
    result = marsad("analyze", str(tmp_path), "--max-size", "5000")
    assert result.returncode == 2, "some inputs failed: partial-failure exit status"
    errors = result.stderr.decode().splitlines()
    by_file = {Path(line.split(": ")[2]).name: line for line in errors if line.startswith("marsad: error:")}
    assert set(by_file) == {"empty.txt", "image.png", "english.txt", "nav.html", "big.txt"}
    assert "empty input" in by_file["empty.txt"]
    assert "binary input (a PNG image)" in by_file["image.png"]
    assert "not Arabic text" in by_file["english.txt"]
    assert "no article text" in by_file["nav.html"]
    assert "limit" in by_file["big.txt"]
    assert "Traceback" not in result.stderr.decode()
    docs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert sorted(Path(d["source"]["path"]).name for d in docs) == ["good.txt", "legacy.txt"]
    assert docs[0]["text"] == docs[1]["text"]


def test_nothing_analysed_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = marsad("analyze", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert result.stdout == b""
    err = result.stderr.decode()
    assert "empty.txt: empty input" in err and "missing.txt: no such file or directory" in err


def test_cnn_page_body_matches_the_expected_text():
    import difflib

    page = SHARED / "data" / "html" / "cnn-arabic-syria"
    result = marsad("analyze", str(page / "arabic_article.html"))
    assert result.returncode == 0, result.stderr.decode()
    text = json.loads(result.stdout)["text"]
    expected = (page / "arabic_article.expected.txt").read_text(encoding="utf-8")
    similarity = difflib.SequenceMatcher(None, text, expected, autojunk=False).ratio()
    print(f"CNN Arabic body similarity: {similarity:.4f}")
    assert similarity >= 0.95


def test_assabah_page_keeps_with_and_drops_without_snippets():
    page = SHARED / "data" / "html" / "assabah-tunisia"
    evaldata = next(iter(json.loads((page / "assabah.evaldata.json").read_text(encoding="utf-8")).values()))
    result = marsad("analyze", str(page / evaldata["file"]))
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    for snippet in evaldata["with"]:
        assert snippet in doc["text"], snippet
    for snippet in evaldata["without"]:
        assert snippet not in doc["text"], snippet
