"""`python -m marsad.synthetic --n 10000 --seed 1 --out corpus.jsonl`: write a synthetic corpus."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import date

from marsad.synthetic import DEFAULT_DAYS, DEFAULT_START, generate, write_jsonl


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m marsad.synthetic", description="Write realistic synthetic Arabic conflict news as JSON Lines."
    )
    parser.add_argument("--n", type=int, default=1000, help="number of records")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="-", help="output file (JSON Lines); - for stdout")
    parser.add_argument("--size", type=int, default=3000, help="mean article length in characters")
    parser.add_argument("--duplicate-rate", type=float, default=0.15, help="share of republished stories")
    parser.add_argument("--bad-rate", type=float, default=0.0, help="share of unusable inputs (quarantine tests)")
    parser.add_argument("--html-rate", type=float, default=0.1, help="share of records given as HTML pages")
    parser.add_argument("--exact-duplicate-rate", type=float, default=0.0, help="share of byte-identical re-sends")
    parser.add_argument("--start", type=date.fromisoformat, default=DEFAULT_START, help="first publication date")
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="publication dates span this many days")
    args = parser.parse_args(argv)
    try:
        records = generate(
            args.n,
            seed=args.seed,
            size=args.size,
            duplicate_rate=args.duplicate_rate,
            bad_rate=args.bad_rate,
            html_rate=args.html_rate,
            exact_duplicate_rate=args.exact_duplicate_rate,
            start=args.start,
            days=args.days,
        )
        kinds: Counter[str] = Counter()

        def counted():  # type: ignore[no-untyped-def]
            for record in records:
                kinds["bad" if "defect" in record else "html" if "html" in record else "text"] += 1
                yield record

        began = time.perf_counter()
        written = write_jsonl("/dev/stdout" if args.out == "-" else args.out, counted())
    except ValueError as exc:
        print(f"marsad.synthetic: error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - began
    print(f"wrote {written} records to {args.out} in {elapsed:.2f} s ({dict(kinds)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
