"""`marsad ingest` over every input kind: files, directories, JSON Lines, RSS/Atom, WARC; idempotence."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.ingest.feeds import read_feed
from marsad.ingest.readers import read_path
from marsad.ingest.warc import read_warc
from marsad.settings import Settings
from marsad.store import models as m
from marsad.store.ingest import ingest, reanalyze

HAND = Settings(stages=("clean", "segment"))
BODY = ("أفادت مصادر محلية بأن قصفاً مدفعياً استهدف أطراف مدينة {town} صباح اليوم، ما أدى إلى أضرار في منازل "
        "المدنيين، فيما ردت فصائل المعارضة باستهداف مواقع قوات النظام في المنطقة ذاتها بحسب ناشطين.")

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>شبكة أخبار الشمال</title><link>https://north.example</link>
<item><title>قصف على سراقب</title><link>https://north.example/1</link>
<pubDate>Tue, 02 Jul 2019 08:00:00 +0300</pubDate>
<content:encoded><![CDATA[<p>{one}</p><p>تابعونا على تلغرام</p>]]></content:encoded></item>
<item><title>قصف على معرة النعمان</title><link>https://north.example/2</link>
<pubDate>Wed, 03 Jul 2019 09:00:00 +0300</pubDate><description>{two}</description></item>
<item><title>خبر بلا نص</title><link>https://north.example/3</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة الجنوب</title>
<entry><title>قصف على نوى</title><link href="https://south.example/a"/><updated>2019-07-05T10:00:00Z</updated>
<content type="html">&lt;p&gt;{body}&lt;/p&gt;</content></entry></feed>"""


def write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    """(url, content type, body) responses, each after its request record, as a crawler writes them."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for url, content_type, body in pages:
            status = "404 Not Found" if url.endswith("/missing") else "200 OK"
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def html_page(title: str, body: str) -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><nav>الرئيسية | أخبار</nav>"
            f"<article><h1>{title}</h1><p>{body}</p><p>{body.replace('صباح', 'مساء')}</p></article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>").encode()


def test_rss_entries_become_articles_with_their_metadata():
    data = RSS.format(one=BODY.format(town="سراقب"), two=BODY.format(town="معرة النعمان")).encode()
    items = list(read_feed(data, "north.rss", HAND, path="north.rss"))
    first, second, empty = items
    assert first.title == "قصف على سراقب" and first.url == "https://north.example/1"
    assert first.outlet == "شبكة أخبار الشمال" and first.published == date(2019, 7, 2)
    assert "سراقب" in first.text and second.published == date(2019, 7, 3)
    assert empty.source == "north.rss#3" and "no content" in empty.reason


def test_short_html_entries_lose_their_markup_and_keep_their_paragraphs():
    # Two tags only: too few to be taken for a page, but still markup that must not reach the text.
    body = ("<p>قصفت طائرات حربية روسية بلدة <b>كفرنبل</b> في ريف إدلب.</p>"
            "<p>وقال ناشطون إن القصف استهدف السوق.</p><script>alert(1)</script>")
    data = RSS.format(one=BODY.format(town="سراقب"), two="x").replace(
        "<description>x</description>", f"<description><![CDATA[{body}]]></description>").encode()
    _, second, _ = list(read_feed(data, "north.rss", HAND))
    assert second.text.split("\n\n") == ["قصفت طائرات حربية روسية بلدة كفرنبل في ريف إدلب.",
                                        "وقال ناشطون إن القصف استهدف السوق."]
    assert "<b>كفرنبل</b>" in second.raw  # the entry as received stays the raw input


def test_atom_and_broken_feeds(tmp_path):
    atom = tmp_path / "south.atom"
    atom.write_text(ATOM.format(body=BODY.format(town="نوى")), encoding="utf-8")
    (article,) = list(read_path(str(atom), HAND))
    assert article.outlet == "وكالة الجنوب" and article.url == "https://south.example/a" and "نوى" in article.text
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><title>x</title>", encoding="utf-8")
    (error,) = list(read_path(str(broken), HAND))
    assert error.source == str(broken) and "feed" in error.reason
    # An .xml file that is not a feed goes to the ordinary reader.
    plain = tmp_path / "note.xml"
    plain.write_text(f"<doc><p>{BODY.format(town='درعا')}</p></doc>", encoding="utf-8")
    (doc,) = list(read_path(str(plain), HAND))
    assert "درعا" in doc.text


def test_warc_responses_become_articles(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [
        ("https://www.enabbaladi.example/2019/07/a", "text/html; charset=utf-8",
         html_page("قصف على سراقب", BODY.format(town="سراقب"))),
        ("https://www.enabbaladi.example/logo.png", "image/png", b"\x89PNG\r\n"),
        ("https://www.enabbaladi.example/missing", "text/html", b"<html>404</html>"),
    ])
    (article,) = list(read_warc(str(warc), HAND))
    assert article.url == "https://www.enabbaladi.example/2019/07/a" and article.outlet == "enabbaladi.example"
    assert "سراقب" in article.text and "جميع الحقوق محفوظة" not in article.text
    assert isinstance(article.raw, bytes) and b"<article>" in article.raw
    not_warc = tmp_path / "fake.warc"
    not_warc.write_bytes(b"this is not a warc file at all")
    (error,) = list(read_path(str(not_warc), HAND))
    assert "WARC" in error.reason


def make_inputs(root: Path) -> None:
    """A folder with every kind of input, including bad ones."""
    (root / "a.txt").write_text(BODY.format(town="داعل"), encoding="utf-8")
    (root / "nested").mkdir()
    (root / "nested" / "b.txt").write_text(BODY.format(town="طفس"), encoding="utf-8")
    (root / "nested" / "english.txt").write_text("An English note, not an Arabic article at all." * 3)
    lines = [{"text": BODY.format(town="جاسم"), "outlet": "SMART", "published": "2019-06-30"},
             {"text": BODY.format(town="إنخل"), "outlet": "SMART", "published": "2019-07-02"}]
    (root / "wire.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines)
                                     + "\n{broken json\n", encoding="utf-8")
    (root / "north.rss").write_text(RSS.format(one=BODY.format(town="سراقب"), two=BODY.format(town="كفرنبل")),
                                    encoding="utf-8")
    write_warc(root / "crawl.warc.gz", [("https://horan.example/x", "text/html",
                                         html_page("قصف على الصنمين", BODY.format(town="الصنمين")))])
    (root / "blob.bin").write_bytes(gzip.compress(b"\x00\x01" * 400))


def table_counts(sessions) -> dict[str, int]:
    with sessions() as s:
        return {model.__tablename__: s.scalar(select(func.count()).select_from(model))
                for model in (m.Article, m.Quarantine, m.Mention, m.Event)}


def test_ingest_a_folder_of_every_kind_then_again_adds_nothing(sessions, tmp_path):
    make_inputs(tmp_path)
    first = ingest([str(tmp_path)], sessions, HAND)
    # a.txt, b.txt, 2 JSONL, 2 RSS entries with text, 1 WARC page; quarantined: English text, bad JSON line,
    # the empty RSS entry, the binary file.
    assert first.by_status["new"] == 7 and first.by_status["quarantined"] == 4
    with sessions() as s:
        reasons = {q.label.rsplit("/", 1)[-1]: q.reason for q in s.scalars(select(m.Quarantine))}
        assert "not Arabic" in reasons["english.txt"] and "invalid JSON" in reasons["wire.jsonl:3"]
        assert s.scalars(select(m.Quarantine.raw).where(m.Quarantine.label.endswith("wire.jsonl:3"))).one() \
            == b"{broken json\n"
        outlets = set(s.scalars(select(m.Article.outlet)))
        assert {"SMART", "شبكة أخبار الشمال", "horan.example"} <= outlets
    before = table_counts(sessions)
    again = ingest([str(tmp_path)], sessions, HAND)
    assert again.by_status["new"] == 0 and again.by_status["duplicate"] == 11
    assert table_counts(sessions) == before


def test_workers_store_the_same_corpus(sessions, tmp_path):
    make_inputs(tmp_path)
    counts = ingest([str(tmp_path)], sessions, HAND, workers=2)
    assert counts.by_status["new"] == 7 and counts.by_status["quarantined"] == 4
    with sessions() as s:
        labels = list(s.scalars(select(m.Article.label).order_by(m.Article.id)))
    read_order = [getattr(item, "label", None) for item in read_path(str(tmp_path), HAND)]
    assert labels == [label for label in read_order if label in labels]  # written in input order
    assert ingest([str(tmp_path)], sessions, HAND, workers=2).by_status["duplicate"] == 11


def test_since_skips_older_articles(sessions, tmp_path):
    make_inputs(tmp_path)
    counts = ingest([str(tmp_path / "wire.jsonl"), str(tmp_path / "north.rss")], sessions, HAND,
                    since=date(2019, 7, 1))
    assert counts.by_status["skipped"] == 1  # the JSON Lines article of 30 June
    assert counts.by_status["new"] == 3


def assert_layers_match_documents(sessions) -> None:
    """No half-written article: each stored article has exactly the layers its Document lists."""
    with sessions() as s:
        for article in s.scalars(select(m.Article).where(m.Article.duplicate_of.is_(None))):
            doc = article.document
            for model, key in ((m.Mention, "mentions"), (m.Relation, "relations"), (m.EventSource, "events")):
                stored = s.scalar(select(func.count()).select_from(model).where(model.article_id == article.id))
                assert stored == len(doc[key]), (article.label, key)
        assert s.scalar(select(func.count()).select_from(m.EventSource).where(m.EventSource.event_id.is_(None))) == 0


def test_real_pipeline_end_to_end_and_reanalysis(sessions):
    """Through whatever stages exist today: the stored layers match each Document, and survive reanalysis."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    counts = ingest([str(examples)], sessions, Settings())
    assert counts.by_status["new"] >= 8 and counts.by_status["quarantined"] == 0
    assert_layers_match_documents(sessions)
    before = table_counts(sessions)
    with sessions() as s:
        reference = s.scalars(select(m.Article).where(m.Article.label.endswith("orient-aleppo-militias.txt"))).one()
        assert reference.title.startswith("التوتر يعود للواجهة") and "الأكثر قراءة" not in reference.text
    result = reanalyze(sessions, Settings())
    assert result.failed == 0 and result.reanalyzed == before["articles"]
    assert table_counts(sessions) == before  # the same pipeline gives the same corpus
    assert_layers_match_documents(sessions)
