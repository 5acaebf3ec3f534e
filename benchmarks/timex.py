"""Accuracy of marsad's Arabic date grammar on the Arabic TimeML test set (silver).

For every TIMEX3 of type DATE in ``<data>/time/arabic-timeml-test/*.tml``: normalise its text with
the document creation time (the set states none: taken from the document's own `اليوم` annotation,
else 2015-12-24, the date most of its `اليوم` values give) and compare with the gold value.
Prints accuracy over all DATE expressions and over those the grammar recognises.

    .venv/bin/python benchmarks/timex.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from marsad.events.timex import normalize_date

DEFAULT_DCT = date(2015, 12, 24)
TIMEX = re.compile(r'<TIMEX3[^>]*type="(?P<type>[A-Z]+)"[^>]*value="(?P<value>[^"]*)"[^>]*>(?P<text>[^<]*)</TIMEX3>')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    args = parser.parse_args()
    folder = args.data / "time" / "arabic-timeml-test"
    files = sorted(folder.glob("*.tml"))
    if not files:
        sys.exit(f"benchmarks/timex.py: no .tml files in {folder}")
    total = recognised = right = 0
    wrong: list[str] = []
    for path in files:
        raw = path.read_text(encoding="utf-8-sig")
        found = list(TIMEX.finditer(raw))
        dct = DEFAULT_DCT
        for m in found:
            if m.group("text").strip() == "اليوم" and re.fullmatch(r"\d{4}-\d\d-\d\d", m.group("value")):
                dct = date.fromisoformat(m.group("value"))
                break
        for m in found:
            if m.group("type") != "DATE":
                continue
            total += 1
            got = normalize_date(m.group("text"), dct)
            if got is None:
                continue
            recognised += 1
            if got.value == m.group("value"):
                right += 1
            else:
                wrong.append(f"{path.name}: {m.group('text')!r} gold {m.group('value')} got {got.value}")
    print(f"Arabic TimeML (silver): {total} DATE expressions in {len(files)} documents")
    print(f"recognised: {recognised} ({recognised / total:.1%})")
    print(f"normalised value accuracy: {right / total:.3f} of all, {right / max(recognised, 1):.3f} of recognised")
    for line in wrong[:15]:
        print("  ", line)


if __name__ == "__main__":
    main()
