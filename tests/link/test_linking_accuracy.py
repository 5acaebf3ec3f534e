"""Linking accuracy on the project's test set of surface forms in context (floor 0.95)."""

from __future__ import annotations

from pathlib import Path

from marsad.link.evaluate import accuracy, evaluate, read_cases

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "linking" / "surface_forms.tsv"


def test_linking_accuracy_floor():
    cases = read_cases(CASES)
    assert len(cases) >= 200
    outcomes = evaluate(cases)
    score = accuracy(outcomes)
    wrong = [(o.case.surface, o.case.expected, o.got) for o in outcomes if not o.ok]
    print(f"\nlinking accuracy {score:.3f} on {len(cases)} surface forms; wrong: {wrong}")
    assert score >= 0.95, wrong
    framings = {line.split("\t")[2].split(":")[0] for line in CASES.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")}
    assert framings == {"actor", "person", "place"}
