"""Hostile inputs through the readers and the whole pipeline: a Document or a named reason, never a crash.

The default budget keeps CI fast; set MARSAD_FUZZ_EXAMPLES (e.g. 5000) for a longer local run.
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.readers import from_bytes
from marsad.pipeline import analyze
from marsad.settings import Settings

BUDGET = int(os.environ.get("MARSAD_FUZZ_EXAMPLES", "150"))
SETTINGS = Settings(max_bytes=2 * 1024 * 1024, document_timeout=20)
ARTICLE = ("قصف على كفرنبل\n\nقصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم الخميس، وقالت مصادر "
           "محلية إن القصف أدى إلى مقتل مدنيين اثنين وإصابة خمسة آخرين بجروح متفاوتة.")
fuzz = settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(data: bytes, label: str = "fuzz") -> Document | InputError:
    try:
        return analyze(from_bytes(data, label, SETTINGS), SETTINGS)
    except InputError as exc:
        assert exc.source == label and exc.reason
        return exc


@fuzz
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    run(data)


@fuzz
@given(st.integers(1, len(ARTICLE.encode()) - 1))
def test_truncated_utf8_keeps_the_whole_characters(cut):
    data = ARTICLE.encode("utf-8")[:cut]
    result = run(data)
    if isinstance(result, Document):
        assert "\ufffd" not in result.text
        assert ARTICLE.startswith((result.title or "") + "\n") or result.text in ARTICLE


@fuzz
@given(st.sampled_from(["utf-16-le", "utf-16-be", "cp1256", "utf-8-sig", "utf-32"]))
def test_encodings_give_the_same_document(encoding):
    assert run(ARTICLE.encode(encoding)).text == run(ARTICLE.encode("utf-8")).text


MIXED = st.text(alphabet=st.sampled_from(list(
    "ابتثجحخدذرسشصضطظعغفقكلمنهويأإآةى ًٌٍَُِّْـ"
    "abcxyz ABC 0123 ٠١٢٣ .,;:!?\"'()[]<>&/\\\n\t"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
    "שלום привет 中文 🔥💡✨\x00\x07\x1b"
)), max_size=3000)


@fuzz
@given(MIXED)
def test_mixed_scripts_directions_and_controls(text):
    result = run(text.encode("utf-8", "surrogatepass"))
    if isinstance(result, Document):
        for bad in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x00\x07\x1b":
            assert bad not in result.text and bad not in (result.title or "")


@fuzz
@given(st.recursive(st.just(ARTICLE), lambda inner: st.builds(
    lambda tag, body, n: f"<{tag}>{body * n}" + ("" if tag == "p" else f"</{tag}>"),
    st.sampled_from(["div", "p", "span", "table", "td", "article", "section", "b"]), inner, st.integers(1, 2)),
    max_leaves=30))
def test_nested_and_malformed_html(body):
    run(f"<html><body>{body}</body></html>".encode())


def test_deeply_nested_html_does_not_crash():
    depth = 5000
    page = "<html><body>" + "<div>" * depth + ARTICLE + "</div>" * (depth // 2)
    run(page.encode())


def test_one_megabyte_line():
    result = run(("كلمة " * 200_000).encode())
    assert isinstance(result, Document | InputError)


def test_one_megabyte_line_of_breadcrumb_separators():
    run((ARTICLE + "\n" + "الرئيسية / " * 100_000).encode())
