"""A generator of realistic Arabic conflict-news articles, deterministic by seed.

``generate(n, seed=…)`` yields JSON-Lines-ready records that marsad's readers take as they are:
``{"text"|"html", "url", "published", "outlet", "title", "story_id", "gold"}``. A share of stories
is republished by several outlets (same ``story_id``) with another headline, other furniture, a
later date and small edits: near-duplicates for the store's story grouping. ``bad_rate`` adds
inputs that must be quarantined (they carry ``"defect"``). ``gold`` says what the story reports
(event type, PLOVER and ACLED codes, actor keys, place, date, status, toll) for scoring.

Used by the corpus benchmarks (issue 6: ingest 10,000 articles; issue 8: throughput on ~3 KB
articles). Run as a script: ``python -m marsad.synthetic --n 10000 --seed 1 --out corpus.jsonl``.
"""

from __future__ import annotations

import heapq
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from marsad.synthetic.context import DATE_MARK, Ctx, date_phrase, eastern_digits, month_name
from marsad.synthetic.furniture import html_page, related_headlines, text_furniture
from marsad.synthetic.prose import backgrounds, heading, vary
from marsad.synthetic.templates import TEMPLATES, EventText, actor_kind
from marsad.synthetic.vocab import OUTLETS, THEATRES, Outlet

__all__ = ["generate", "write_jsonl"]

DEFAULT_START = date(2019, 1, 1)
DEFAULT_DAYS = 6 * 365
_WEIGHTS = [w for _, w in TEMPLATES]
_HTML_SHARE = sum(o.html for o in OUTLETS) / len(OUTLETS)  # only outlets with web pages publish HTML
_SYNONYMS = (
    ("مقتل", "مصرع"),
    ("اشتباكات", "مواجهات"),
    ("أفاد", "ذكر"),
    ("الأهالي", "السكان"),
    ("أسفر", "أدى"),
    ("مصادر محلية", "مصادر أهلية"),
    ("عنيفة", "ضارية"),
    ("استهدفت", "طالت"),
)


class _Story:
    """One reported event and the paragraphs every edition of it starts from."""

    def __init__(self, story_id: str, seed: int, published: date, size: int) -> None:
        self.id = story_id
        self.seed = seed
        rng = random.Random(seed)
        self.rng = rng
        self.outlet = rng.choice(OUTLETS)
        self.theatre = rng.choice(THEATRES)
        ctx = Ctx(rng, self.theatre, self.outlet.stance)
        template = rng.choices(TEMPLATES, weights=_WEIGHTS)[0][0]
        self.event: EventText = template(ctx)
        self.published = published
        self.event_date = published - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3, 5, 9)))
        # Body: lede, details, a quote, then background sections until the target size is reached.
        target = int(size * rng.uniform(0.75, 1.25))
        blocks: list[tuple[str, str]] = [("p", self.event.lede)]
        blocks += [("p", p) for p in self.event.details]
        blocks += [("p", q) for q in self.event.quotes]
        length = sum(len(b) for _, b in blocks)
        sections = 0
        pool: list[str] = []
        while length < target:
            if sections < 3 and rng.random() < 0.3:
                blocks.append(("h", heading(ctx)))
                sections += 1
            if not pool:
                pool = backgrounds(ctx, self.event_date, self.event.gold.get("actor1"), self.event.gold.get("actor2"))
            paragraph = vary(pool.pop(), ctx)
            blocks.append(("p", paragraph))
            length += len(paragraph) + 2
        self.blocks = blocks

    def gold(self) -> dict[str, Any]:
        ev = self.event
        return {
            "event_type": ev.key,
            "plover": ev.plover,
            "acled_event_type": ev.acled[0],
            "acled_sub_event_type": ev.acled[1],
            "status": ev.status,
            "date": self.event_date.isoformat(),
            "actor1_kind": actor_kind(ev.gold.get("actor1")),
            **ev.gold,
        }


def _render_marks(text: str, story: _Story, published: date, outlet: Outlet, rng: random.Random) -> str:
    if DATE_MARK in text:
        text = text.replace(DATE_MARK, date_phrase(story.event_date, published, outlet.months, rng))
    while "⟦M" in text:  # ⟦M7⟧: a month name in the outlet's month system
        i = text.index("⟦M")
        j = text.index("⟧", i)
        text = text[:i] + month_name(int(text[i + 2 : j]), outlet.months, rng) + text[j + 1 :]
    return text


def _edition(story: _Story, k: int, outlet: Outlet, published: date, html_rate: float) -> dict[str, Any]:
    """Edition ``k`` of a story: k=0 is the original; later ones are republications with edits."""
    rng = random.Random(f"{story.seed}:{k}")
    headline = story.event.headlines[0] if k == 0 else rng.choice(story.event.headlines)
    blocks = list(story.blocks)
    if k:
        # Republished copy: drop one background paragraph now and then, swap a few words.
        tail = [i for i, (kind, _) in enumerate(blocks) if kind == "p" and i > 2]
        if tail and rng.random() < 0.5:
            del blocks[rng.choice(tail)]
        swaps = rng.sample(_SYNONYMS, rng.randint(1, 3))
        new_blocks = []
        for kind, text in blocks:
            for old, new in swaps:
                text = text.replace(old, new, 1)
            new_blocks.append((kind, text))
        blocks = new_blocks
    blocks = [(kind, _render_marks(text, story, published, outlet, rng)) for kind, text in blocks]
    if outlet.eastern_digits:
        blocks = [(kind, eastern_digits(text)) for kind, text in blocks]
    gold = story.gold()
    slug = f"{gold['event_type'].replace('_', '-')}-{story.id.rsplit('-', 1)[-1]}"
    url = f"https://{outlet.domain}/{published:%Y/%m/%d}/{slug}" + (f"-{k}" if k else "")
    related = related_headlines(rng, story.theatre)
    record: dict[str, Any] = {
        "url": url,
        "published": published.isoformat(),
        "outlet": outlet.name,
        "title": headline,
        "story_id": story.id,
    }
    if outlet.html and rng.random() < html_rate / _HTML_SHARE:
        record["html"] = html_page(rng, outlet, headline, blocks, published, url, related)
    else:
        lead, trail = text_furniture(rng, outlet, headline, published, story.theatre, related, gold["governorate"])
        body = "\n\n".join(text for _, text in blocks)
        record["text"] = "\n\n".join([*lead, body, *trail])
    record["gold"] = gold
    return record


_NON_ARABIC = (
    "Syrian government forces shelled several villages in the southern Idlib countryside on Tuesday, "
    "according to a UK-based war monitor, which said at least four civilians were killed. ",
    "Les forces gouvernementales syriennes ont bombardé plusieurs villages du sud de la province d'Idleb "
    "mardi, selon une ONG, qui a fait état d'au moins quatre civils tués. ",
)


def _bad_record(rng: random.Random, i: int, published: date) -> dict[str, Any]:
    defect = rng.choice(("empty", "whitespace", "binary", "non_arabic", "html_no_article"))
    outlet = rng.choice(OUTLETS)
    record: dict[str, Any] = {
        "url": f"https://{outlet.domain}/{published:%Y/%m/%d}/broken-{i}",
        "published": published.isoformat(),
        "outlet": outlet.name,
        "story_id": f"bad-{i:07d}",
        "defect": defect,
    }
    if defect == "empty":
        record["text"] = ""
    elif defect == "whitespace":
        record["text"] = " \n\n\t \n"
    elif defect == "binary":
        junk = bytes(rng.getrandbits(8) for _ in range(rng.randint(200, 2000)))
        record["text"] = junk.decode("latin-1")
    elif defect == "non_arabic":
        record["text"] = rng.choice(_NON_ARABIC) * rng.randint(3, 12)
    else:
        record["html"] = (
            "<!DOCTYPE html><html><head><title>404</title></head><body><nav><ul><li><a href='/'>"
            "الرئيسية</a></li><li><a href='/syria'>أخبار سوريا</a></li></ul></nav><footer>"
            "جميع الحقوق محفوظة</footer></body></html>"
        )
    return record


def generate(
    n: int,
    seed: int = 1,
    size: int = 3000,
    duplicate_rate: float = 0.15,
    bad_rate: float = 0.0,
    html_rate: float = 0.1,
    exact_duplicate_rate: float = 0.0,
    start: date = DEFAULT_START,
    days: int = DEFAULT_DAYS,
) -> Iterator[dict[str, Any]]:
    """Yield ``n`` records, the same ones for the same arguments.

    size: mean length of an article's text in characters (bodies vary ±25%, furniture adds a little).
    duplicate_rate: share of records that republish a story already emitted (near-duplicates, same
    story_id, another outlet). bad_rate: share of deliberately unusable inputs (``"defect"`` says
    which). html_rate: share of records given as full HTML pages. exact_duplicate_rate: share of
    records re-sent byte for byte (same URL and content).
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    for name, rate in (
        ("duplicate_rate", duplicate_rate),
        ("bad_rate", bad_rate),
        ("html_rate", html_rate),
        ("exact_duplicate_rate", exact_duplicate_rate),
    ):
        if not 0 <= rate < 1:
            raise ValueError(f"{name} must be in [0, 1)")
    rng = random.Random(seed)
    # A story republished k-1 more times (k in 2..4, 2 extra copies on average): the probability that a new
    # story is republished gives the requested share of republications among all records.
    extra = 2.0
    p_multi = duplicate_rate / (extra * (1 - duplicate_rate)) if duplicate_rate else 0.0
    pending: list[tuple[int, int, dict[str, Any]]] = []  # (due index, order, record)
    order = 0
    stories = 0
    emitted: list[dict[str, Any]] = []
    for i in range(n):
        if pending and pending[0][0] <= i:
            yield heapq.heappop(pending)[2]
            continue
        roll = rng.random()
        if roll < bad_rate:
            yield _bad_record(rng, i, start + timedelta(days=rng.randrange(days)))
            continue
        if roll < bad_rate + exact_duplicate_rate and emitted:
            yield dict(rng.choice(emitted))
            continue
        published = start + timedelta(days=rng.randrange(days))
        story = _Story(f"story-{seed}-{stories:07d}", rng.getrandbits(63), published, size)
        stories += 1
        record = _edition(story, 0, story.outlet, published, html_rate)
        if exact_duplicate_rate and len(emitted) < 1000:
            emitted.append(record)
        if rng.random() < p_multi:
            others = [o for o in OUTLETS if o is not story.outlet]
            for k, outlet in enumerate(rng.sample(others, rng.randint(1, 3)), start=1):
                when = published + timedelta(days=rng.choice((0, 0, 1, 1, 2)))
                order += 1
                due = i + rng.randint(1, 60)
                heapq.heappush(pending, (due, order, _edition(story, k, outlet, when, html_rate)))
        yield record


def write_jsonl(path: str | Path, records: Iterator[dict[str, Any]]) -> int:
    """Write records as JSON Lines (UTF-8, Arabic unescaped); returns how many were written."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
