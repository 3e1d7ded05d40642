"""The web app's job history in a real browser (Debian's Chromium driven by Playwright) across a restart:
a job run in the page is listed, survives the server's stop and a new ``vietrans serve`` process on the
same ``--data-dir`` (its download still works), and a job the stop cut short offers Re-run, which
completes it.  Screenshots go to ``$VIETRANS_SCREENSHOTS`` when set, else the test's folder."""

from __future__ import annotations

import asyncio
import contextlib
import io
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import finished, free_port, serving
from tests.server.test_browser import CHROMIUM, expect, playwright, shot

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

ARTICLE = "Học máy đang thay đổi cách các tòa soạn làm việc.\n\nBiên tập viên vẫn đọc lại từng câu."
CUT_SHORT = "Bài này bị cắt ngang khi máy chủ dừng.\n\nNó sẽ được dịch lại."


@contextlib.contextmanager
def serve_process(model: Path, folder: Path) -> Iterator[str]:
    """``vietrans serve`` as a process of its own, on the folder's data dir and memory, until the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "translator", "serve", "--model", str(model), "--no-download"]
    command += ["--terms", "inject", "--cache", str(folder / "memory.sqlite3"), "--data-dir", str(folder / "data")]
    process = subprocess.Popen([*command, "--port", str(port)], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(url + "/").status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"vietrans serve did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def browser():
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def _history_row(page, text: str):
    page.click("nav button[data-tab=history]")
    return page.locator("#jobs tbody tr", has_text=text)


def test_the_history_survives_a_restart_and_an_interrupted_job_is_rerun(browser, copy_model, tmp_path):
    with serving(copy_model, tmp_path) as first:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.goto(first.url + "/")
        page.fill("#source", ARTICLE)
        page.click("#translate")
        page.wait_for_selector("#sentences tbody tr")
        expect(_history_row(page, "text.txt")).to_contain_text("done")
        ran = first.app.state.jobs.all()[0].id

        async def never(doc, glossary_id=None):  # the engine still busy when the server stops
            await asyncio.Event().wait()

        first.service.translate = never
        cut = httpx.post(f"{first.url}/api/jobs", data={"text": CUT_SHORT, "name": "cat-ngang.txt"}).json()[0]["id"]
        page.close()

    with serve_process(copy_model, tmp_path) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.goto(url + "/")
        done = _history_row(page, "text.txt")
        expect(done).to_contain_text("done")
        expect(done.locator("button")).to_have_count(0)
        interrupted = _history_row(page, "cat-ngang.txt")
        expect(interrupted).to_contain_text("interrupted")
        rerun = interrupted.locator("button", has_text="Re-run")
        expect(rerun).to_be_visible()
        shot(page, "6-history-after-restart", tmp_path)

        done.click()  # the job as it was: its table and its downloads
        expect(page.locator("#sentences tbody tr")).to_have_count(2)
        with page.expect_download() as download:
            page.click("#downloads a >> text=docx-en")
        from docx import Document as Word

        word = Word(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert "machine learning" in "\n".join(p.text for p in word.paragraphs)
        assert download.value.suggested_filename.endswith(".en.docx")

        _history_row(page, "cat-ngang.txt").locator("button", has_text="Re-run").click()
        assert finished(url, cut)["status"] == "done"
        again = _history_row(page, "cat-ngang.txt")
        expect(again).to_contain_text("done")
        expect(again.locator("button")).to_have_count(0)
        shot(page, "7-rerun-done", tmp_path)
        assert {job["id"] for job in httpx.get(f"{url}/api/jobs").json()} == {ran, cut}
