"""The web app in a real browser (Debian's Chromium driven by Playwright): translate, review, edit the glossary.

Screenshots go to ``$VIETRANS_SCREENSHOTS`` when set (for a person to look at), else the test's folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

ARTICLE = (
    "Trí tuệ nhân tạo thay đổi tòa soạn.\n\n"
    "Phóng viên viết <script>window.pwned = 1</script> vào bài để thử.\n\n"
    'Ảnh <img src=x onerror="window.pwned = 2"> không được chạy.'
)


@pytest.fixture
def page(served, tmp_path):
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served.url + "/")
        page.dialogs = dialogs
        yield page
        browser.close()


def shot(page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("VIETRANS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_translate_and_review_in_the_browser(page, served, tmp_path):
    page.fill("#source", ARTICLE)
    page.click("#translate")
    page.wait_for_selector("#sentences tbody tr")
    rows = page.locator("#sentences tbody tr")
    assert rows.count() == 3
    # The article's markup is shown as text, never run.
    assert "<script>window.pwned = 1</script>" in rows.nth(1).locator("td.source").inner_text()
    assert "onerror" in rows.nth(2).locator("td.source").inner_text()
    assert page.evaluate("window.pwned") is None and page.dialogs == []
    assert page.locator("#sentences img, #sentences script").count() == 0
    assert "artificial intelligence (AI)" in rows.nth(0).locator("td.flags").inner_text()
    assert page.locator("#downloads a").count() >= 9
    shot(page, "1-translated", tmp_path)

    rows.nth(0).locator("textarea.english").fill("Artificial intelligence is changing the newsroom.")
    rows.nth(0).locator("input.comment").fill("smoother")
    rows.nth(1).locator("input.approve").check()
    page.click("#save-review")
    expect(page.locator("#review-result")).to_contain_text("1 sửa · corrected, 1 duyệt · approved")
    rows = page.locator("#sentences tbody tr")
    assert "reviewed" in rows.nth(0).get_attribute("class").split()
    assert rows.nth(0).locator("textarea.english").input_value() == "Artificial intelligence is changing the newsroom."
    assert "approved" in rows.nth(1).inner_text()
    shot(page, "2-reviewed", tmp_path)
    again = httpx.post(
        f"{served.url}/translate", data={"q": "Trí tuệ nhân tạo thay đổi tòa soạn.", "source": "vi", "target": "en"}
    )
    assert again.json()["translatedText"] == "Artificial intelligence is changing the newsroom."

    page.click("nav button[data-tab=history]")
    page.wait_for_selector("#jobs tbody tr")
    assert "done" in page.inner_text("#jobs tbody tr:first-child")
    shot(page, "3-history", tmp_path)


def test_edit_the_glossary_in_the_browser(page, served, tmp_path):
    page.click("nav button[data-tab=glossary]")
    page.fill("#g-vi", "bánh xèo")
    page.fill("#g-en", "sizzling pancake")
    page.fill("#g-note", "<b>món</b> miền Nam")
    page.click("#g-add")
    expect(page.locator("#gstatus")).to_contain_text("sizzling pancake")
    page.fill("#gq", "bánh xèo")
    page.click("#gsearch")
    page.wait_for_selector("#gentries tbody tr >> text=sizzling pancake")
    row = page.locator("#gentries tbody tr").first
    assert row.locator("td").nth(2).inner_text() == "<b>món</b> miền Nam"  # a note is text, not markup
    shot(page, "4-glossary", tmp_path)
    english = httpx.post(f"{served.url}/translate", data={"q": "Ăn bánh xèo.", "source": "vi", "target": "en"})
    assert "sizzling pancake" in english.json()["translatedText"]

    page.fill("#g-vi", "bánh xèo")  # a duplicate: the CLI's refusal, shown
    page.fill("#g-en", "crepe")
    page.click("#g-add")
    expect(page.locator("#gstatus")).to_contain_text("already there")
    assert page.locator("#gstatus").get_attribute("class") == "error"

    row.locator("button.remove").click()
    expect(page.locator("#gstatus")).to_contain_text("Removed: bánh xèo")
    page.fill("#gq", "bánh xèo")
    page.click("#gsearch")
    expect(page.locator("#gentries tbody")).not_to_contain_text("sizzling pancake")


def test_a_feed_given_in_the_browser_becomes_a_batch_in_the_history(page, tmp_path):
    from translator.testsite import Site, serve

    sites = Path(__file__).parents[1] / "data" / "sites"
    with serve(Site({n: (sites / n).read_bytes() for n in ("nld.html", "dantri.html")})) as site:
        page.fill("#urls", site.url("/feeds/rss.xml"))
        page.click("#translate")
        expect(page.locator("#status")).to_contain_text("2/2", timeout=60_000)
    fetched = page.locator("#jobs tbody tr", has_text="/sites/")
    expect(fetched).to_have_count(2, timeout=10_000)
    assert [fetched.nth(i).locator("td").nth(1).inner_text() for i in range(2)] == ["done", "done"]
    shot(page, "5-batch", tmp_path)
