"""Event extraction figures: UniversalPetrarch ASSAULT recall and actor agreement, F1 on marsad's
annotated reports, false events on the 60 no-event sentences, events per generated article (with
whether the story's own event is among them), and the speed of the events stage.

    .venv/bin/python benchmarks/events.py [--data ../shared/data] [--generated 200]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from marsad.events.evaluate import evaluate_annotated, evaluate_petrarch
from marsad.events.extract import extract_events
from marsad.ingest.readers import from_text
from marsad.nlp.segment import segment
from marsad.pipeline import analyze_text, build_document
from marsad.settings import DEFAULT_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "events"


def generated(n: int) -> None:
    """Events per generated ~3 KB article (``marsad.synthetic``, seed 1). The background paragraphs of
    these stories report a few other real events (an earlier clash, a past agreement, an accusation, an
    appeal), so about six per article are expected; the story's own event must be among them."""
    from marsad.synthetic import generate

    articles = events = confident = found = with_status = 0
    for record in generate(n, seed=1, size=3000):
        if "text" not in record or record.get("defect"):
            continue
        gold = record["gold"]
        doc = analyze_text(record["text"], title=record.get("title"), published=record.get("published"))
        articles += 1
        events += len(doc.events)
        confident += sum(e.confidence >= 0.5 for e in doc.events)
        same = [e for e in doc.events if e.acled_sub_event_type == gold["acled_sub_event_type"]]
        found += bool(same)
        with_status += any(e.status.value == gold["status"] for e in same)
    print(f"generated articles ({articles}): {events / articles:.2f} events per article "
          f"({confident / articles:.2f} at confidence >= 0.5); the story's ACLED sub-event type among them "
          f"in {found}/{articles}, with its status in {with_status}/{articles}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--generated", type=int, default=200, help="generated articles to count events on (0: skip)")
    args = parser.parse_args()
    xml = args.data / "events" / "upetrarch-arabic" / "validation" / "arabic_assault_gsr_validation.xml"
    s = evaluate_petrarch(xml)
    print(f"UniversalPetrarch ASSAULT ({s.sentences} sentences, default pipeline): recall {s.recall:.3f}; "
          f"source agreement {s.source_agreement:.3f} ({s.source_agree}/{s.source_gold}); "
          f"target agreement {s.target_agreement:.3f} ({s.target_agree}/{s.target_gold})")
    a = evaluate_annotated(FIXTURES / "annotated.json")
    print(f"annotated reports ({a.reports}, gold links): type+actor1+place P {a.precision:.3f} R {a.recall:.3f} "
          f"F1 {a.f1:.3f}; status {a.status_right}/{a.type_matched}")
    lines = [ln.strip() for ln in (FIXTURES / "no_event_sentences.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    flagged = sum(any(e.confidence >= 0.5 for e in analyze_text(ln).events) for ln in lines)
    print(f"no-event sentences with an event at confidence >= 0.5: {flagged}/{len(lines)}")
    if args.generated:
        generated(args.generated)

    # Speed of the events stage alone on ~3 KB articles (the reference article and a wire report, repeated).
    texts = [(ROOT.parent / "shared" / "samples" / "orient-aleppo-militias.txt").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    docs = []
    for text in texts * 40:
        doc = build_document(from_text(text, "bench", DEFAULT_SETTINGS), DEFAULT_SETTINGS)
        segment(doc, DEFAULT_SETTINGS)
        docs.append(doc)
    extract_events(docs[0], DEFAULT_SETTINGS)  # build the lexicon once
    size = sum(len(d.text.encode()) for d in docs) / len(docs)
    start = time.process_time()
    for doc in docs:
        extract_events(doc, DEFAULT_SETTINGS)
    spent = time.process_time() - start
    print(f"events stage: {len(docs) / spent:.0f} articles/s per core ({spent / len(docs) * 1000:.2f} ms each, "
          f"mean {size / 1024:.1f} KB, normalisation included)")


if __name__ == "__main__":
    main()
