"""The HTML report seen in a real browser: headless Chromium opens the page, and the test
checks that the charts and the table are there, that filtering and sorting work, that
the page reads without JavaScript, that nothing is fetched and nothing is logged as an
error, and saves a screenshot (`KZPS_SCREENSHOTS=dir` keeps them).

Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
commands on fd 3, replies on fd 4, each a JSON text ended by NUL), with the standard
library only. Without Chromium (`apt-get install chromium`) the tests skip, saying why.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from typer.testing import CliRunner

from kzps.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 30.0


def find_chromium() -> str | None:
    """The browser to use: $KZPS_CHROMIUM, else the first of NAMES on the PATH."""
    chosen = os.environ.get("KZPS_CHROMIUM")
    if chosen:
        return chosen
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One headless browser with one page; what the page said is kept in `console`,
    `errors` (exceptions, console errors, failed loads) and `requests`."""

    def __init__(self, executable: str, width: int = 1280, height: int = 900) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="kzps-chromium-")
        commands_in, self._commands = os.pipe()
        self._replies, replies_out = os.pipe()

        def pipes() -> None:  # the child's fd 3 reads commands, fd 4 writes replies
            read, write = os.dup(commands_in), os.dup(replies_out)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self._process = subprocess.Popen(  # noqa: S603 - a browser the test found on the PATH
            [
                executable,
                "--headless",
                "--no-sandbox",  # CI runs as root in a container
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=pipes,  # noqa: PLW1509 - only dup2 between fork and exec
        )
        os.close(commands_in)
        os.close(replies_out)
        self._buffer = b""
        self._next = 0
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self._loaded = False
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self._session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the browser, and wait for it."""
        with contextlib.suppress(OSError, EOFError, TimeoutError):
            self._call("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        os.close(self._replies)
        self._profile.cleanup()

    # -- the page ----------------------------------------------------------------------

    def open(self, url: str) -> None:
        """Load a page and wait until it has loaded."""
        self._loaded = False
        self.call("Page.navigate", {"url": url})
        deadline = time.monotonic() + TIMEOUT
        while not self._loaded:
            self._event(self._receive(deadline))

    def evaluate(self, expression: str) -> Any:
        """The value of a script run in the page (an exception in it is an error here)."""
        reply = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in reply:
            raise AssertionError(f"{expression!r} threw: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def screenshot(self, path: Path, *, full_page: bool = False) -> bytes:
        """A PNG of the viewport (or of the whole page), written to `path`."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            width, height = self.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            params["captureBeyondViewport"] = True
        data = base64.b64decode(self.call("Page.captureScreenshot", params)["data"])
        path.write_bytes(data)
        return data

    def pdf(self, path: Path) -> bytes:
        """The page printed (A4 as its own CSS asks), written to `path`."""
        reply = self.call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
        data = base64.b64decode(reply["data"])
        path.write_bytes(data)
        return data

    # -- the protocol ------------------------------------------------------------------

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A command to the page's session, and its result."""
        return self._call(method, params, self._session)

    def _call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._event(reply)

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        found: dict[str, Any] = json.loads(message)
        return found

    def _event(self, message: dict[str, Any]) -> None:
        """Keep what the page says: console lines, errors, requests; note the load."""
        method, params = message.get("method"), message.get("params", {})
        if method == "Page.loadEventFired":
            self._loaded = True
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            self.console.append((params["type"], text))
            if params["type"] in {"error", "assert"}:
                self.errors.append(f"console.{params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            described = details.get("exception", {}).get("description", details.get("text"))
            self.errors.append(f"exception: {described}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.errors.append(f"log: {params['entry']['text']}")
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Network.loadingFailed":
            self.errors.append(f"load failed: {params.get('errorText')}")


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium): the HTML report was not "
    "seen in a browser",
)


def report(folder: Path, lang: str = "en") -> Path:
    """The HTML report of examples/staff.csv, as on 2026-11-25."""
    page = folder / f"report-{lang}.html"
    result = CliRunner().invoke(
        app,
        ["roster", str(EXAMPLES / "staff.csv"), "--as-of", "2026-11-25", "-o", str(page), "-q"],
        env={"KZPS_LANG": lang},
    )
    assert result.exit_code == 1, result.stderr  # one row has an impossible date
    return page


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    return {lang: report(folder, lang=lang) for lang in ("en", "ru", "kk")}


@pytest.fixture
def browser() -> Any:
    assert CHROMIUM is not None
    with Browser(CHROMIUM, width=1280, height=1600) as opened:
        yield opened


def keep(data: bytes, name: str, tmp_path: Path) -> Path:
    """Save a screenshot beside the test, and in $KZPS_SCREENSHOTS if set."""
    path = tmp_path / name
    path.write_bytes(data)
    folder = os.environ.get("KZPS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(data)
    return path


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_page_shows_its_charts_and_table_with_no_errors(
    browser: Browser, pages: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    page = pages[lang]
    browser.open(page.as_uri())
    found = browser.evaluate(
        """({
        lang: document.documentElement.lang,
        ready: document.documentElement.hasAttribute("data-ready"),
        charts: Array.from(document.querySelectorAll("figure.chart svg")).map(
            svg => [svg.querySelectorAll("rect").length, svg.getBoundingClientRect().width]),
        forecast: document.querySelectorAll("table.forecast tbody tr").length,
        rows: document.querySelectorAll("#rows tbody tr").length,
        columns: document.querySelectorAll("#rows thead th").length,
        buttons: document.querySelectorAll("#rows thead th button").length,
        controls: !document.getElementById("controls").hidden,
        shown: document.getElementById("shown").textContent,
        chips: document.querySelectorAll("#rows .chip").length,
        overflow: document.documentElement.scrollWidth > window.innerWidth
    })"""
    )
    assert found["lang"] == lang
    assert found["ready"], "the script did not run to its end"
    assert [rects for rects, _ in found["charts"]] == [9, 5, 2]  # grades, statuses, forecast
    assert all(width > 300 for _, width in found["charts"])
    assert found["forecast"] == 1 + 12 + 1  # eligible now, 12 months, later
    assert found["rows"] == 12
    assert found["columns"] == found["buttons"] == 10 + 7
    assert found["controls"]
    assert found["shown"] == {"en": "12 of 12 rows shown", "ru": "Показано строк: 12 из 12"}.get(
        lang, "Көрсетілген жолдар: 12 / 12"
    )
    assert found["chips"] == 11  # every checked row; the row with an error has none
    assert not found["overflow"], "the page is wider than the window"
    assert browser.errors == []
    assert browser.requests == [page.as_uri()], "the page fetched something"
    shot = keep(browser.screenshot(tmp_path / "x.png"), f"roster-report-{lang}.png", tmp_path)
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(shot.read_bytes()[16:20], "big") == 1280  # the PNG's width


def shown_ids(browser: Browser) -> list[str]:
    result: list[str] = browser.evaluate(
        """Array.from(document.querySelectorAll("#rows tbody tr"))
            .filter(row => !row.hidden).map(row => row.cells[0].textContent)"""
    )
    return result


def test_the_filter_box_and_the_status_list_narrow_the_table(
    browser: Browser, pages: dict[str, Path]
) -> None:
    browser.open(pages["en"].as_uri())
    typed = """(text => { const box = document.getElementById("filter");
        box.value = text; box.dispatchEvent(new Event("input")); })"""
    browser.evaluate(f"{typed}('ҚАСЫМОВА')")  # any case, Kazakh letters too
    assert shown_ids(browser) == ["0003"]
    assert browser.evaluate('document.getElementById("shown").textContent') == (
        "1 of 12 rows shown"
    )
    browser.evaluate(f"{typed}('')")
    browser.evaluate(
        """(() => { const list = document.getElementById("status-filter");
            list.value = "eligible"; list.dispatchEvent(new Event("change")); })()"""
    )
    assert shown_ids(browser) == ["0002", "0003", "0007", "0010"]
    browser.evaluate(f"{typed}('Нұрланова')")
    assert shown_ids(browser) == ["0007"]
    assert browser.errors == []


def test_a_heading_sorts_its_column_both_ways(browser: Browser, pages: dict[str, Path]) -> None:
    browser.open(pages["en"].as_uri())
    click = """(name => Array.from(document.querySelectorAll("#rows thead th"))
        .find(th => th.textContent.trim() === name).querySelector("button").click())"""
    browser.evaluate(f"{click}('Eligible on')")
    assert shown_ids(browser)[:5] == ["0002", "0007", "0010", "0009", "0001"]  # by date
    assert shown_ids(browser)[-1] == "0012"  # no date: last, either way
    browser.evaluate(f"{click}('Eligible on')")
    assert shown_ids(browser)[:2] == ["0008", "0001"]
    assert shown_ids(browser)[-1] == "0012"
    browser.evaluate(f"{click}('Status')")  # by what HR does next, not alphabetically
    statuses = browser.evaluate(
        """Array.from(document.querySelectorAll("#rows tbody tr"))
            .map(row => row.getAttribute("data-status"))"""
    )
    assert statuses == ["eligible"] * 4 + ["not_yet"] * 3 + ["needs_review"] * 2 + [
        "not_eligible",
        "top",
        "error",
    ]
    sorted_by = browser.evaluate(
        """Array.from(document.querySelectorAll("#rows thead th[aria-sort]"))
            .map(th => [th.textContent.trim(), th.getAttribute("aria-sort")])"""
    )
    assert sorted_by == [["Status", "ascending"]]
    assert browser.errors == []


def test_the_page_reads_without_javascript(browser: Browser, pages: dict[str, Path]) -> None:
    browser.call("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.open(pages["en"].as_uri())
    found = browser.evaluate(
        """({controls: document.getElementById("controls").hidden,
            rows: document.querySelectorAll("#rows tbody tr").length,
            buttons: document.querySelectorAll("#rows thead button").length,
            charts: document.querySelectorAll("figure.chart svg rect").length,
            ready: document.documentElement.hasAttribute("data-ready")})"""
    )
    assert found == {"controls": True, "rows": 12, "buttons": 0, "charts": 16, "ready": False}
    assert browser.errors == []


def test_the_page_prints(browser: Browser, pages: dict[str, Path], tmp_path: Path) -> None:
    browser.open(pages["en"].as_uri())
    data = browser.pdf(tmp_path / "report.pdf")
    assert data.startswith(b"%PDF-")
    assert len(data) > 20_000  # the charts, the tables and the rows, not an empty page
    assert browser.errors == []
