"""Browser tests: Debian's Chromium driven by Playwright against a live Django server.

Never `playwright install`: we launch the system browser by path. Screenshots of each
page are written to test-artifacts/screenshots/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# keep Chromium off the network (it has none here) and away from any real profile
CHROMIUM_ARGS = [
    "--disable-sync",
    "--no-sandbox",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-quic",
    "--disable-background-networking",
]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: `apt-get install chromium` (.ci/run does this)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright gives every launch a fresh, empty profile of its own
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _context(browser: Browser, **kwargs: object) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, **kwargs)  # type: ignore[arg-type]
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = _context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A 390-pixel touch phone."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
        device_scale_factor=2,
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_js(browser: Browser) -> Iterator[Page]:
    context = _context(browser, java_script_enabled=False)
    yield context.new_page()
    context.close()


def serious_violations(page: Page) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical findings on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def narrow_text(page: Page) -> list[tuple[str, float]]:
    """Paragraphs and list items squeezed under 280 pixels wide, and a page wider than
    the screen (on a phone, both are layout bugs: a wide table scrolls in its own box)."""
    found: list[tuple[str, float]] = page.evaluate(
        """() => [...document.querySelectorAll('main p, main li, main dd')]
            .filter(e => e.offsetParent !== null && e.textContent.trim().length > 40)
            .map(e => [e.textContent.trim().slice(0, 40), e.getBoundingClientRect().width])
            .filter(x => x[1] < 280)
            .concat(document.documentElement.scrollWidth > window.innerWidth + 1
              ? [["the page is wider than the screen", document.documentElement.scrollWidth]]
              : [])"""
    )
    return found


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
