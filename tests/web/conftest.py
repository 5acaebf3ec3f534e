"""Fixtures for the dashboard's end-to-end tests: a corpus of the examples, the reference article
and a hostile article, served by the real API, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.web.browser import launch
from tests.web.server import serving

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
REFERENCE = REPO.parent / "shared" / "samples" / "orient-aleppo-militias.txt"
# The README's screenshots are refreshed only when asked (MARSAD_SCREENSHOTS=1), so a test run
# leaves the checkout as it found it; otherwise they go to a temporary folder (still taken: a page
# that cannot be captured is a failure).
SCREENSHOTS = (REPO / "docs" / "screenshots" if os.environ.get("MARSAD_SCREENSHOTS") == "1"
               else Path(tempfile.gettempdir()) / "marsad-screenshots")

# Article text is untrusted: markup in it must show as text and never run.
HOSTILE_TITLE = 'اشتباكات في ريف حلب <script>window.__pwned = "title"</script>'
HOSTILE_BODY = (
    "قالت مصادر محلية إن اشتباكات عنيفة اندلعت بين فصائل المعارضة وقوات النظام في ريف حلب الغربي. "
    '<img src="x" onerror="window.__pwned = \'img\'"> وأضافت المصادر أن القصف استهدف قرية كفر حلب '
    '<a href="javascript:window.__pwned = \'link\'">اضغط هنا</a> مما أدى إلى سقوط جرحى بين المدنيين.\n'
    "وأكد ناشطون أن الطيران الحربي شن غارات على المنطقة <script>window.__pwned = 'body'</script> "
    "في ساعات الصباح الأولى، فيما لم تصدر أي جهة رسمية تعليقاً على الحادثة حتى الآن."
)
HOSTILE_URL = "javascript:window.__pwned = 'source'"


def write_hostile(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    record = {"title": HOSTILE_TITLE, "text": HOSTILE_BODY, "url": HOSTILE_URL,
              "outlet": 'Evil <img src=x onerror="window.__pwned=\'outlet\'">', "published": "2019-07-20"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from marsad.settings import Settings
    from marsad.store.db import open_store
    from marsad.store.ingest import ingest

    folder = tmp_path_factory.mktemp("dashboard")
    url = f"sqlite:///{folder / 'marsad.db'}"
    sessions = open_store(url)
    inputs = [str(EXAMPLES), str(REFERENCE), str(write_hostile(folder))]
    ingest(inputs, sessions, Settings())
    sessions.kw["bind"].dispose()
    return url


@pytest.fixture(scope="session")
def api(corpus_url: str) -> Iterator[str]:
    with serving(corpus_url) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def context(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    # One context for the run, so the places' coordinates the first page fetched stay cached in
    # localStorage as they do for an analyst. The page's Content-Security-Policy is bypassed:
    # Playwright's waits need eval, and the escaping test must prove that article text cannot run
    # even without that second line of defence.
    ctx = browser.new_context(viewport={"width": 1366, "height": 820}, locale="en-GB", bypass_csp=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context) -> Iterator[object]:  # type: ignore[no-untyped-def]
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.add_init_script("localStorage.removeItem('marsad.lang')")  # every test starts in English
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    pg.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
