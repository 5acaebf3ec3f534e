"""The bundled examples analyse end to end, and cleaning keeps what examples/README.md says it must.

The expectations below are copied from the hand-written gold list in examples/README.md, not from
the program's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.document import Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

TITLES = {
    "airstrike-idlib.txt": "مقتل خمسة مدنيين بينهم طفلان بغارات روسية على بلدة كنصفرة في جبل الزاوية",
    "protest-suwayda.txt": "السويداء.. مظاهرة في ساحة الكرامة تطالب بالإفراج عن المعتقلين ورحيل الأجهزة الأمنية",
    "meeting-daraa.txt": "اجتماع في درعا بين اللجنة الأمنية ووجهاء طفس لبحث التسوية وسحب التعزيزات",
    "capture-manbij.txt": '"قسد" تسيطر على قرية المحسنلي بريف منبج بعد اشتباكات مع فصائل الجيش الوطني',
    "ied-daraa.html": "مقتل عنصرين من قوات النظام بانفجار عبوة ناسفة غربي درعا",
}
# (first words of the body, last words of the body)
BODY_EDGES = {
    "airstrike-idlib.txt": ("إدلب - وكالة الأنباء المحلية", "نحو المخيمات القريبة من الحدود التركية."),
    "protest-suwayda.txt": ("تظاهر العشرات من أبناء محافظة السويداء", "منذ ساعات الصباح."),
    "meeting-daraa.txt": ("درعا - مراسل وكالة الأنباء المحلية", "على الأحياء الجنوبية من المدينة."),
    "capture-manbij.txt": ("سيطرت قوات سوريا الديمقراطية (قسد)", "وفق إحصاءات المرصد."),
    "ied-daraa.html": ("قتل عنصران من قوات النظام", "وعناصر سابقين في فصائل المعارضة."),
}
WIRE = {
    "https://wire-news.example/2024/10/17/qamishli-drone":
        ("مسيرة تركية تستهدف سيارة لقسد قرب القامشلي", "وكالة الأنباء المحلية", "2024-10-17",
         "استهدفت طائرة مسيرة تركية"),
    "https://wire-news.example/2024/11/04/douma-arrests":
        ("حملة اعتقالات لقوات النظام في دوما بريف دمشق", "شبكة الشام اليوم", "2024-11-04", "شنت قوات النظام"),
    "https://wire-news.example/2024/07/08/mayadin-isis-attack":
        ("هجوم لخلايا تنظيم الدولة في بادية الميادين يقتل ستة عناصر من قوات النظام", "صحيفة البادية اليوم",
         "2024-07-08", "قتل ستة عناصر"),
}
# Everything around the HTML article body that must not survive extraction and cleaning.
HTML_DROPPED = [
    "تسجيل الدخول", "عربي ودولي", "تقارير وتحقيقات", "ابحث في الموقع", "قصف إسرائيلي على محيط بلدة خان أرنبة",
    "أخبار سوريا", "أحمد الزعبي", "مشاهدة", "شارك", "فيسبوك", "واتساب", "طباعة", "صورة أرشيفية", "الوسوم",
    "أخبار ذات صلة", "اغتيال قيادي سابق في المعارضة بمدينة جاسم", "تستقدم تعزيزات جديدة إلى محيط مدينة طفس",
    "وقفة احتجاجية في نوى", "اشتباكات بين مجموعتين محليتين في بصرى الشام", "التعليقات", "أبو عمر الحوراني",
    "المنطقة صارت ما تنطاق", "نرجو من الشبكة متابعة", "أضف تعليقاً", "إرسال التعليق", "لا تعبر عن رأي الشبكة",
    "الأكثر قراءة", "ساحة الكرامة للأسبوع الأربعين", "غارات روسية على أطراف جسر الشغور", "الليرة السورية",
    "من نحن", "سياسة الخصوصية", "شروط الاستخدام", "تابعونا", "جميع الحقوق محفوظة",
]
HTML_KEPT = [
    "على الطريق الواصل بين بلدتي اليادودة والمزيريب بريف درعا الغربي",
    "ونقلت القتيلين والمصاب إلى المشفى الوطني في مدينة درعا",
    "اعتقلت خلالها أربعة شبان، بينهم شقيقان",
    "خلايا إرهابية مرتبطة بتنظيم داعش",
    "خطف في الريف الشرقي",
    "اختطف مسلحون مجهولون مساء أمس الإثنين الشاب محمد خالد الحريري (24 عاماً)",
    "وثق مكتب توثيق الشهداء في درعا 47 عملية",
]


TITLE_CASES = sorted(TITLES)
WIRE_CASES = list(WIRE)


@pytest.fixture(scope="module")
def analysed() -> list[Document]:
    """`marsad analyze examples/ --format json`, run as a user runs it."""
    proc = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "analyze", str(EXAMPLES), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return [Document.model_validate(json.loads(line)) for line in proc.stdout.splitlines() if line.strip()]


def _by_file(docs: list[Document]) -> dict[str, Document]:
    return {Path(d.source.path).name: d for d in docs if d.source.path}


def test_every_example_is_analysed(analysed: list[Document]) -> None:
    inputs = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html"})
    assert sorted(_by_file(analysed)) == inputs
    wire_lines = [line for line in (EXAMPLES / "wire.jsonl").read_text("utf-8").splitlines() if line.strip()]
    assert len(analysed) == len(inputs) + len(wire_lines)
    for doc in analysed:
        assert doc.language == "ar"
        assert doc.id and doc.text.strip()
        assert doc.sentences, f"{doc.source}: no sentences"


@pytest.mark.parametrize("name", TITLE_CASES)
def test_titles_and_body_edges(analysed: list[Document], name: str) -> None:
    doc = _by_file(analysed)[name]
    assert doc.title == TITLES[name]
    start, end = BODY_EDGES[name]
    assert doc.text.startswith(start), doc.text[:120]
    assert doc.text.endswith(end), doc.text[-120:]
    # The headline is kept once, as the title, and never repeated in the body.
    assert TITLES[name] not in doc.text


def test_repeated_headline_recorded_as_furniture(analysed: list[Document]) -> None:
    doc = _by_file(analysed)["airstrike-idlib.txt"]
    repeated = [f for f in doc.furniture if f.text == TITLES["airstrike-idlib.txt"]]
    assert len(repeated) == 2  # the file states it three times: one title, two removed copies


def test_eastern_digits_are_shown_as_written(analysed: list[Document]) -> None:
    doc = _by_file(analysed)["capture-manbij.txt"]
    assert "فجر اليوم السبت ١٦ آذار/مارس ٢٠٢٤" in doc.text
    assert "نحو ٤٠ عائلة" in doc.text


def test_html_keeps_its_body_and_drops_the_page(analysed: list[Document]) -> None:
    doc = _by_file(analysed)["ied-daraa.html"]
    for kept in HTML_KEPT:
        assert kept in doc.text, kept
    leaked = [s for s in HTML_DROPPED if s in doc.text]
    assert not leaked, f"page furniture left in the body: {leaked}"
    assert str(doc.published) == "2024-05-21"
    assert doc.source.outlet == "شبكة الجنوب الإخبارية"
    assert doc.source.url == "https://janoub-news.example/syria/2024/05/21/daraa-ied-yadudeh"
    # What went is recorded, with a reason, for the analyst to audit.
    removed = " ".join(f.text for f in doc.furniture)
    for gone in ("أخبار ذات صلة", "التعليقات (2)", "الأكثر قراءة", "جميع الحقوق محفوظة"):
        assert gone in removed, gone


def test_trailing_share_block_is_dropped(analysed: list[Document]) -> None:
    doc = _by_file(analysed)["protest-suwayda.txt"]
    for furniture in ("شارك هذا المقال", "فيسبوك", "تويتر", "واتساب", "التعليقات"):
        assert furniture not in doc.text, furniture


def test_trailing_buttons_and_counter_are_dropped(analysed: list[Document]) -> None:
    doc = _by_file(analysed)["protest-suwayda.txt"]
    removed = {f.text for f in doc.furniture}
    assert {"فيسبوك", "تويتر", "واتساب", "التعليقات (3)"} <= removed
    assert "التعليقات (3)" not in doc.text


def test_wire_records_are_all_read(analysed: list[Document]) -> None:
    assert {d.source.url for d in analysed if d.source.path is None} == set(WIRE)


@pytest.mark.parametrize("url", WIRE_CASES)
def test_wire_records_keep_their_metadata(analysed: list[Document], url: str) -> None:
    doc = next(d for d in analysed if d.source.url == url)
    title, outlet, published, body_start = WIRE[url]
    assert doc.source.outlet == outlet
    assert str(doc.published) == published
    assert doc.title == title
    assert doc.text.startswith(body_start)
