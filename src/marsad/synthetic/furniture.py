"""Page furniture around an article: what scrapers deliver with the text, and full HTML pages.

Outlets differ in what they leave (breadcrumbs, stamps, a repeated headline, share lines, comment
counters, "read also" lists, tags, copyright), so republications of one story differ here too.
"""

from __future__ import annotations

import random
from datetime import date
from html import escape

from marsad.synthetic.vocab import Outlet, Theatre

_RELATED = (
    "قصف يستهدف {p}",
    "اشتباكات على أطراف {p}",
    "حملة اعتقالات في {p}",
    "مظاهرة في {p}",
    "تعزيزات عسكرية تصل إلى {p}",
    "اغتيال جديد في {p}",
    "انفجار عبوة ناسفة قرب {p}",
    "نزوح عائلات من {p}",
)


_COMMENTS = ("الله يفرج عن أهلنا", "متى ينتهي هذا الوضع؟", "شكراً على المتابعة", "حسبنا الله")
_NAV = (
    '<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/syria">أخبار سوريا</a></li>'
    '<li><a href="/world">عربي ودولي</a></li>\n<li><a href="/reports">تقارير</a></li>'
    '<li><a href="/video">فيديو</a></li></ul></nav>'
)


def related_headlines(rng: random.Random, theatre: Theatre) -> list[str]:
    places = theatre.places
    return [
        _RELATED[int(rng.random() * len(_RELATED))].format(p=places[int(rng.random() * len(places))].name)
        for _ in range(2 + int(rng.random() * 3))
    ]


def text_furniture(
    rng: random.Random,
    outlet: Outlet,
    headline: str,
    published: date,
    theatre: Theatre,
    related: list[str],
    governorate: str,
) -> tuple[list[str], list[str]]:
    """(lines before the body, lines after it) for a plain-text record."""
    lead: list[str] = []
    if outlet.headline_in_text:
        lead.append(headline)
        if rng.random() < 0.3:
            lead.append(headline)  # some scrapers deliver the <title> and the <h1>
    if rng.random() < 0.25:
        lead.insert(0, f"الرئيسية > أخبار سوريا > {governorate}")
    if rng.random() < 0.2:
        lead.append(f"آخر تحديث: {published.isoformat()}")
    if rng.random() < 0.3:
        lead.append(f"{governorate} - {outlet.name}")
    trail: list[str] = []
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        block = rng.randrange(7)
        if block == 0:
            trail += [f"التعليقات ({rng.randint(0, 40)})"]
        elif block == 1:
            trail += ["شارك", "فيسبوك", "تويتر", "واتساب"]
        elif block == 2:
            trail += ["اقرأ أيضاً:", *related]
        elif block == 3:
            trail += ["الأكثر قراءة", *related[:2]]
        elif block == 4:
            trail += ["الوسوم: " + "، ".join(sorted({p.gov for p in rng.sample(theatre.places, 2)} | {"سوريا"}))]
        elif block == 5:
            trail += [f"جميع الحقوق محفوظة © {published.year} {outlet.name}"]
        else:
            trail += ["Facebook Comments"]
    return lead, trail


def html_page(
    rng: random.Random,
    outlet: Outlet,
    headline: str,
    blocks: list[tuple[str, str]],
    published: date,
    url: str,
    related: list[str],
) -> str:
    """A full article page: head metadata, navigation, share buttons, body, related list, comments, footer."""
    h = escape(headline)
    body = "\n".join(f"<h2>{escape(t)}</h2>" if kind == "h" else f"<p>{escape(t)}</p>" for kind, t in blocks)
    items = "".join(f'<li><a href="/syria/{i}">{escape(r)}</a></li>' for i, r in enumerate(related))
    comments = "".join(
        f'<li class="comment"><div class="author">{escape(rng.choice(("أبو محمد", "سامر", "أم خالد", "زائر")))}'
        f"</div><p>{escape(rng.choice(_COMMENTS))}"
        f"</p></li>"
        for _ in range(rng.randint(0, 3))
    )
    stamp = f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{h} - {escape(outlet.name)}</title>
<meta property="og:site_name" content="{escape(outlet.name)}">
<meta property="og:title" content="{h}">
<meta property="article:published_time" content="{published.isoformat()}T{stamp}:00+03:00">
<link rel="canonical" href="{escape(url)}">
</head><body>
<header><a class="logo" href="/">{escape(outlet.name)}</a>
{_NAV}</header>
<main><article><h1>{h}</h1>
<div class="meta"><time datetime="{published.isoformat()}">{published.isoformat()}</time></div>
<div class="share"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<div class="entry-content">
{body}
</div></article>
<section class="related"><h3>أخبار ذات صلة</h3><ul>{items}</ul></section>
<section id="comments"><h3>التعليقات</h3><ol>{comments}</ol></section>
</main>
<footer><a href="/privacy">سياسة الخصوصية</a>
<p>جميع الحقوق محفوظة © {published.year} {escape(outlet.name)}</p></footer>
</body></html>"""
