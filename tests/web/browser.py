"""Debian's Chromium, driven headless by Playwright. Playwright never downloads a browser here."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    if CHROMIUM.exists():
        return str(CHROMIUM)
    return shutil.which("chromium")


def launch(playwright):  # type: ignore[no-untyped-def]
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium is not installed: `make test` installs it (apt-get install -y chromium)")
    return playwright.chromium.launch(executable_path=path, args=ARGS, headless=True)
