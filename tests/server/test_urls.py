"""Batch jobs from URL lists and feeds, fetched from a real HTTP server on 127.0.0.1 (translator.testsite)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import serving
from translator.read.fetch import FetchOptions
from translator.testsite import Site, serve

SITES = Path(__file__).parents[1] / "data" / "sites"


@pytest.fixture(scope="module")
def site():
    pages = {n: (SITES / n).read_bytes() for n in ("nld.html", "dantri.html", "znews.html")}
    with serve(Site(pages)) as served:
        yield served


@pytest.fixture(scope="module")
def fetching(copy_model, tmp_path_factory):
    quick = FetchOptions(delay=0, retries=0, backoff=0)
    with serving(copy_model, tmp_path_factory.mktemp("urls"), fetch=quick) as running:
        yield running


def progress(url: str, batch: str) -> dict:
    for _ in range(600):
        state = httpx.get(f"{url}/api/batches/{batch}").json()
        if state["done"] + state["error"] == state["total"]:
            return state
        time.sleep(0.1)
    raise AssertionError("the batch did not finish")


def test_a_feed_and_a_list_of_urls_become_a_batch_with_progress(site, fetching):
    listing = f"# today\n{site.url('/feeds/rss.xml')}\n{site.url('/missing.html')}\n"
    started = httpx.post(f"{fetching.url}/api/jobs", data={"urls": listing}, timeout=60)
    assert started.status_code == 202
    body = started.json()
    assert len(body["jobs"]) == 4
    state = progress(fetching.url, body["batch"])
    assert (state["total"], state["done"], state["error"]) == (4, 3, 1)
    failed = next(job for job in state["jobs"] if job["status"] == "error")
    assert failed["error"].endswith("the server answered 404 Not Found") and "\n" not in failed["error"]
    done = next(job for job in state["jobs"] if job["status"] == "done")
    table = httpx.get(f"{fetching.url}/api/jobs/{done['id']}").json()
    assert table["sentences"] > 3 and table["rows"][0]["source"]
    markdown = httpx.get(f"{fetching.url}/api/jobs/{done['id']}/export/md").text
    assert site.url("/sites/") in markdown  # where it was fetched from, in the report
    assert httpx.get(f"{fetching.url}/api/batches/nope").status_code == 404


def test_a_server_started_with_no_urls_fetches_nothing(site, copy_model, tmp_path):
    before = site.hits["/sites/nld.html"]
    with serving(copy_model, tmp_path, fetch_urls=False) as closed:
        refused = httpx.post(f"{closed.url}/api/jobs", data={"urls": site.url("/sites/nld.html")})
    said = "this server does not fetch URLs (started with --no-urls)"
    assert (refused.status_code, refused.json()) == (403, {"error": said, "message": said})
    assert site.hits["/sites/nld.html"] == before
