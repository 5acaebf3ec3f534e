"""The synthetic corpus generator: deterministic, ~3 KB articles, varied, near-duplicate groups,
deliberately bad records, and every good record analyses through the pipeline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from statistics import mean

import pytest

from marsad.errors import InputError
from marsad.ingest.readers import read_jsonl_lines
from marsad.pipeline import analyze
from marsad.settings import Settings
from marsad.synthetic import generate, write_jsonl
from marsad.synthetic.context import count
from marsad.synthetic.vocab import GOVERNORATES, WEEKDAYS


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return list(generate(1500, seed=11, duplicate_rate=0.2))


def _body(record: dict) -> str:
    return record.get("text") or record.get("html") or ""


def test_same_seed_same_records_other_seed_other_records() -> None:
    first = list(generate(150, seed=5, bad_rate=0.05))
    assert first == list(generate(150, seed=5, bad_rate=0.05))
    other = list(generate(150, seed=6, bad_rate=0.05))
    assert [r["url"] for r in first] != [r["url"] for r in other]


def test_exact_count_and_records_are_json_lines_ready(corpus: list[dict], tmp_path) -> None:
    assert len(corpus) == 1500
    path = tmp_path / "c.jsonl"
    assert write_jsonl(path, iter(corpus)) == 1500
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == 1500
    for line, record in zip(lines, corpus, strict=True):
        parsed = json.loads(line)
        assert parsed == record
        assert ("text" in parsed) != ("html" in parsed)
        assert {"url", "published", "outlet", "title", "story_id", "gold"} <= parsed.keys()
        date.fromisoformat(parsed["published"])
        assert parsed["url"].startswith("https://") and ".example/" in parsed["url"]
    assert len({r["url"] for r in corpus}) == len(corpus)  # republications get their own URL


def test_articles_are_about_3_kb(corpus: list[dict]) -> None:
    lengths = [len(r["text"]) for r in corpus if "text" in r]
    assert 2600 <= mean(lengths) <= 3600, mean(lengths)
    assert min(lengths) > 1500
    small = [len(r["text"]) for r in generate(200, seed=2, size=1000, html_rate=0)]
    assert 800 <= mean(small) <= 1400, mean(small)


def test_variety_of_events_places_outlets_and_forms(corpus: list[dict]) -> None:
    gold = [r["gold"] for r in corpus]
    types = Counter(g["event_type"] for g in gold)
    assert len(types) >= 17, types
    assert {g["acled_event_type"] for g in gold} >= {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Strategic developments"}
    assert {g["status"] for g in gold} >= {"occurred", "promised", "threatened", "denied", "reported_claim"}
    assert len({g["governorate"] for g in gold}) >= 13
    assert {g["governorate"] for g in gold} <= set(GOVERNORATES)
    assert len({r["outlet"] for r in corpus}) >= 15
    assert 0.05 <= sum("html" in r for r in corpus) / len(corpus) <= 0.2
    text = "\n".join(_body(r) for r in corpus)
    for marker in ("حزيران", "يونيو", "اليوم", "أمس", "الماضي", "ريف إدلب الجنوبي", "قسد", "هيئة تحرير الشام",
                   "المرصد السوري لحقوق الإنسان", "الدفاع المدني السوري", "ميليشيات", "قوات النظام"):
        assert marker in text, marker
    assert re.search("[٠-٩]{2}", text), "no Eastern Arabic digits anywhere"
    # The event's place is named in the article.
    assert all(r["gold"]["place"] in _body(r) for r in corpus)


def test_weekdays_agree_with_dates(corpus: list[dict]) -> None:
    """`اليوم الخميس` in an article published on a Thursday; `أمس الأربعاء` the day before."""
    checked = 0
    for r in corpus:
        published = date.fromisoformat(r["published"])
        body = _body(r)
        for match in re.finditer(r"(?<!\w)(اليوم|أمس) (" + "|".join(WEEKDAYS) + r")(?!\w)", body):
            offset = 0 if match.group(1) == "اليوم" else 1
            assert WEEKDAYS[(published.weekday() - offset) % 7] == match.group(2), (r["url"], match.group())
            checked += 1
    assert checked > 100


def test_near_duplicate_groups(corpus: list[dict]) -> None:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in corpus:
        groups[r["story_id"]].append(r)
    multi = [g for g in groups.values() if len(g) > 1]
    republished = sum(len(g) - 1 for g in multi)
    assert 0.12 <= republished / len(corpus) <= 0.28, republished / len(corpus)
    for group in multi:
        assert len({r["outlet"] for r in group}) == len(group)  # each copy from another outlet
        assert len({_body(r) for r in group}) == len(group)  # never byte-identical
        assert len({r["gold"]["event_type"] for r in group}) == 1
        original = group[0]
        assert all(r["published"] >= original["published"] for r in group)
    # Copies share most of their text: word 4-shingle overlap with the original is high.
    def shingles(r: dict) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", re.sub(r"<[^>]+>", " ", _body(r)))
        return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}

    overlaps = []
    for group in multi[:60]:
        a = shingles(group[0])
        for copy in group[1:]:
            b = shingles(copy)
            overlaps.append(len(a & b) / len(a | b))
    assert mean(overlaps) >= 0.5, mean(overlaps)
    # ... while unrelated articles share little.
    unrelated = [len(shingles(x) & shingles(y)) / len(shingles(x) | shingles(y))
                 for x, y in zip(corpus[:40], corpus[40:80], strict=True) if x["story_id"] != y["story_id"]]
    assert mean(unrelated) < 0.2


def test_exact_duplicates_when_asked() -> None:
    records = list(generate(300, seed=4, exact_duplicate_rate=0.1, duplicate_rate=0))
    urls = Counter(r["url"] for r in records)
    assert sum(c - 1 for c in urls.values()) >= 10


def test_number_noun_agreement() -> None:
    assert count(1, "civilian") == "مدني واحد"
    assert count(2, "member") == "عنصرين"
    assert count(3, "civilian") == "ثلاثة مدنيين"
    assert count(3, "civilian", words=False) == "3 مدنيين"
    assert count(15, "child") == "15 طفلاً"


def test_every_record_analyses_and_bad_ones_are_refused() -> None:
    settings = Settings()
    records = list(generate(60, seed=9, bad_rate=0.15, duplicate_rate=0.2, html_rate=0.15))
    defects = {r["defect"] for r in records if "defect" in r}
    assert len(defects) >= 2
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    analysed = 0
    for record, item in zip(records, read_jsonl_lines(lines, "synthetic", settings, {}), strict=True):
        if "defect" in record:
            with pytest.raises(InputError):
                if isinstance(item, InputError):
                    raise item
                analyze(item, settings)
            continue
        assert not isinstance(item, InputError), item
        doc = analyze(item, settings)
        analysed += 1
        assert doc.title == record["title"]
        assert doc.source.outlet == record["outlet"] and doc.source.url == record["url"]
        assert str(doc.published) == record["published"]
        assert record["gold"]["place"] in doc.text
        assert doc.title not in doc.text  # the headline is not repeated in the body
        for furniture in ("التعليقات", "Facebook Comments", "جميع الحقوق محفوظة", "الرئيسية >", "آخر تحديث"):
            assert furniture not in doc.text, (record["url"], furniture)
    assert analysed >= 40


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        list(generate(5, duplicate_rate=1.5))
    with pytest.raises(ValueError):
        list(generate(-1))


def test_script_entry_point(tmp_path) -> None:
    out = tmp_path / "corpus.jsonl"
    proc = subprocess.run([sys.executable, "-m", "marsad.synthetic", "--n", "25", "--seed", "1", "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 25
    assert [json.loads(line) for line in lines] == list(generate(25, seed=1))
    bad = subprocess.run([sys.executable, "-m", "marsad.synthetic", "--n", "5", "--bad-rate", "2", "--out", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "bad_rate" in bad.stderr and "Traceback" not in bad.stderr


def test_vocabulary_is_consistent() -> None:
    from marsad.synthetic.vocab import ACTORS, OUTLETS, THEATRES

    for theatre in THEATRES:
        assert theatre.places and theatre.dyads and theatre.air and theatre.drone, theatre.key
        for pair in (*theatre.dyads, *theatre.air, *theatre.drone):
            assert len(pair) == 2 and all(key in ACTORS for key in pair), (theatre.key, pair)
        assert all(key in ACTORS for key in (*theatre.arresters, *theatre.mediators)), theatre.key
        assert all(place.gov in GOVERNORATES for place in theatre.places), theatre.key
    assert len({o.domain for o in OUTLETS}) == len(OUTLETS)
    assert all(o.domain.endswith(".example") for o in OUTLETS)  # fictional outlets only
