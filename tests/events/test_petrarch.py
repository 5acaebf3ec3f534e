"""UniversalPetrarch Arabic ASSAULT validation: detection recall of the gold PLOVER type and actor agreement."""

from __future__ import annotations

import pytest

from marsad.events.evaluate import evaluate_petrarch

from .helpers import SHARED

VALIDATION = SHARED / "data" / "events" / "upetrarch-arabic" / "validation" / "arabic_assault_gsr_validation.xml"


@pytest.mark.skipif(not VALIDATION.exists(), reason="shared data not available")
def test_assault_detection_recall() -> None:
    score = evaluate_petrarch(VALIDATION)
    print(f"UniversalPetrarch ASSAULT: {score.sentences} sentences, recall {score.recall:.3f}, "
          f"source agreement {score.source_agreement:.3f} ({score.source_gold}), "
          f"target agreement {score.target_agreement:.3f} ({score.target_gold})")
    assert score.sentences == 373
    assert score.recall >= 0.90
    # Measured 0.615 (88/143) and 0.624 (128/205); floors a little below.
    assert score.source_agreement >= 0.58
    assert score.target_agreement >= 0.59
