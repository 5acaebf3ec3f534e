"""The pipeline: stages by name, errors that name the input, a time limit per document."""

import time

import pytest

from marsad.errors import InputError
from marsad.ingest.raw import RawArticle
from marsad.pipeline import STAGES, analyze, register_stage
from marsad.settings import Settings

TEXT = "عنوان\n\nقالت مصادر محلية إن الاشتباكات تجددت في مدينة حلب صباح اليوم بين الطرفين المتحاربين."


def _explode(doc, settings):
    raise ValueError("boom")


def _sleep(doc, settings):
    time.sleep(5)


@pytest.fixture
def extra_stages():
    register_stage("explode", f"{__name__}:_explode")
    register_stage("sleep", f"{__name__}:_sleep")
    yield
    STAGES.pop("explode", None)
    STAGES.pop("sleep", None)


def test_a_failing_stage_becomes_an_input_error_naming_input_and_stage(extra_stages):
    with pytest.raises(InputError) as info:
        analyze(RawArticle(label="a.txt", text=TEXT), Settings(stages=("clean", "segment", "explode")))
    assert info.value.source == "a.txt"
    assert "stage 'explode' failed (ValueError: boom)" in info.value.reason


def test_a_document_over_its_time_limit_is_stopped(extra_stages):
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        analyze(RawArticle(label="slow.txt", text=TEXT), Settings(stages=("clean", "sleep"), document_timeout=0.3))
    assert time.monotonic() - started < 3
    assert "longer than 0.3 s" in info.value.reason


def test_unknown_stage_is_named():
    with pytest.raises(InputError) as info:
        analyze(RawArticle(label="a.txt", text=TEXT), Settings(stages=("clean", "nonexistent")))
    assert "nonexistent" in info.value.reason


def test_segment_stage_fills_sentences():
    doc = analyze(RawArticle(label="a.txt", text=TEXT), Settings(stages=("clean", "segment")))
    assert doc.title == "عنوان"
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [doc.text]


def test_text_over_the_analysis_limit_is_quarantined_with_the_reason():
    with pytest.raises(InputError) as info:
        analyze(RawArticle(label="long.txt", text=TEXT * 3), Settings(max_text_chars=150))
    assert "analysis limit (max_text_chars)" in info.value.reason


def test_arabic_ratio_counts_letters_of_the_arabic_blocks_among_all_letters():
    from marsad.pipeline import arabic_ratio

    # Letters: ق ص ف (U+0600 block), ݐ (U+0750 block), a b c, ܐ (Syriac, not Arabic);
    # not letters: the harakat, the digits (Arabic-Indic too), spaces and punctuation.
    text = "قَصفٌ ١٢ ݐ abc ܐ, 3."
    assert arabic_ratio(text) == (4, 4 / 8)
    assert arabic_ratio("123 !") == (0, 0.0)
    assert arabic_ratio("") == (0, 0.0)


def test_analysis_leaves_no_reference_cycles():
    """``warm_up`` raises the collector's young threshold on the ground that an analysis frees all
    it builds by reference counting; a cycle made per article would make that grow memory."""
    import gc
    from pathlib import Path

    from marsad.ingest.readers import read_path

    examples = Path(__file__).resolve().parents[1] / "examples"
    raws = [raw for path in sorted(examples.glob("*.txt")) for raw in read_path(str(path), Settings())]
    analyze(raws[0])  # load every stage first: loading may build cycles once
    gc.collect()
    gc.disable()
    try:
        for raw in raws:
            analyze(raw)
        assert gc.collect() == 0
    finally:
        gc.enable()
