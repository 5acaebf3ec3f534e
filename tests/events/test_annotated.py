"""marsad's annotated reports (every ACLED type, every status) and the 60 no-event sentences."""

from __future__ import annotations

import json
from collections import Counter

from marsad.events.evaluate import evaluate_annotated
from marsad.events.ontology import ACLED_TYPES
from marsad.pipeline import analyze_text

from .helpers import FIXTURES

ANNOTATED = FIXTURES / "annotated.json"


def test_annotated_set_covers_every_acled_type_and_status() -> None:
    reports = json.loads(ANNOTATED.read_text(encoding="utf-8"))["reports"]
    assert len(reports) >= 30
    acled = Counter(e["acled"] for r in reports for e in r["events"])
    statuses = Counter(e["status"] for r in reports for e in r["events"])
    assert set(ACLED_TYPES) <= set(acled)
    assert {"occurred", "attempted", "failed", "planned", "promised", "threatened", "denied", "conditional",
            "reported_claim"} <= set(statuses)


def test_f1_type_actor1_place_on_annotated_reports() -> None:
    score = evaluate_annotated(ANNOTATED)
    print(f"annotated: {score.reports} reports, P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}, "
          f"status {score.status_right}/{score.type_matched}")
    for line in score.details:
        print(" ", line)
    assert score.f1 >= 0.75
    assert score.status_right / score.type_matched >= 0.85


def test_no_event_sentences_rarely_yield_confident_events() -> None:
    lines = [ln.strip() for ln in (FIXTURES / "no_event_sentences.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert len(lines) == 60
    flagged = [ln for ln in lines if any(e.confidence >= 0.5 for e in analyze_text(ln).events)]
    print(f"no-event sentences with an event at confidence >= 0.5: {len(flagged)}/60", *flagged, sep="\n")
    assert len(flagged) <= 6
