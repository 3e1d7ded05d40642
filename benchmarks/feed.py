"""A 50-article feed: fetch time, fetch + translate time, and what a re-run costs.

Serves a news site on 127.0.0.1 (``translator.testsite``, a real HTTP server with ETags, gzip
and 304s) whose RSS feed lists N articles, each a page in VnExpress's markup holding sentences
of its own (FLORES-200 devtest from ``../shared`` when present, else generated sentences), and
measures, with the copy test model (CPU, one process):

(a) fetching alone: the feed and every article (``read.url.gather``, no memory);
(b) ``translate_files`` on the feed URL: fetch, read, clean, translate, write Markdown;
(c) the same again: a re-run, which should download no article and translate nothing.

``--delay 0`` throughout: on localhost the per-host pause would only measure itself (a real
outlet gets 1 s between requests by default, so N articles take at least N seconds).
The last line is one JSON object.

Run: .venv/bin/python benchmarks/feed.py [N_ARTICLES] [--smoke]   (default 50; --smoke: 5 short articles)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from html import escape
from pathlib import Path

FLORES = Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200-devtest" / "vie_Latn.devtest"


def _sentences(count: int) -> list[str]:
    if FLORES.exists():
        lines = [line.strip() for line in FLORES.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(lines) >= count:
            return lines[:count]
    return [
        f"Bài báo thứ {i // 20} có câu số {i % 20} về kinh tế, giáo dục và công nghệ bán dẫn." for i in range(count)
    ]


def _page(number: int, sentences: list[str]) -> bytes:
    """An article page in VnExpress's markup: title, lead, paragraphs of two sentences."""
    title, lead, *body = sentences
    paragraphs = "".join(f"<p class='Normal'>{escape(' '.join(body[i : i + 2]))}</p>" for i in range(0, len(body), 2))
    return (
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<meta property='og:site_name' content='VnExpress'>"
        f"<meta property='article:published_time' content='2026-12-{1 + number % 28:02d}T08:00:00+07:00'></head>"
        f"<body><nav><a href='/'>Trang chủ</a> <a href='/thoi-su'>Thời sự</a></nav>"
        f"<h1 class='title-detail'>{escape(title)}</h1><p class='description'>{escape(lead)}</p>"
        f"<article class='fck_detail'>{paragraphs}<p class='author_mail'><strong>Phóng viên {number}</strong></p>"
        f"</article><footer>© VnExpress</footer></body></html>"
    ).encode()


def main(count: int, per_article: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="vietrans-feed-bench-"))
    os.environ["VIETRANS_CACHE_DIR"] = str(work / "cache")
    from translator.engines import EngineSpec
    from translator.pipeline import Options, translate_files
    from translator.read.feed import FeedChoice
    from translator.read.fetch import FetchOptions
    from translator.read.url import gather
    from translator.testmodels import build_package
    from translator.testsite import Site, serve

    lines = _sentences(count * per_article)
    pages = {f"bai-{n:03d}.html": _page(n, lines[n * per_article : (n + 1) * per_article]) for n in range(count)}
    model = build_package(work / "copy.argosmodel", "copy", texts=["\n".join(lines)])
    fetch = FetchOptions(delay=0)
    options = Options(formats=("md",), engine=EngineSpec(model=str(model)), progress=False, fetch=fetch)
    with serve(Site(pages)) as site:
        feed = site.url("/feeds/rss.xml")
        started = time.perf_counter()
        fetched = gather([feed], None, fetch, FeedChoice(), None)
        fetch_seconds = time.perf_counter() - started
        assert len(fetched.articles) == count and not any(a.error for a in fetched.articles)
        started = time.perf_counter()
        first = translate_files([feed], work / "out", options)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = translate_files([feed], work / "out", options)
        again_seconds = time.perf_counter() - started
    assert first.done == count and again.skipped == count, (first.as_dict(), again.as_dict())
    return {
        "articles": count,
        "sentences": first.sentences,
        "fetch_only_s": round(fetch_seconds, 3),
        "fetch_only_requests": fetched.requests,
        "fetch_only_bytes_on_the_wire": fetched.wire_bytes,
        "fetch_and_translate_s": round(first_seconds, 2),
        "rerun_s": round(again_seconds, 3),
        "rerun_requests": again.requests,
        "rerun_bytes_downloaded": again.downloaded_bytes,
        "rerun_articles_downloaded": again.downloaded,
        "rerun_sentences_translated": again.translated,
        "rerun_files_skipped": again.skipped,
        "sentence_source": "FLORES-200 devtest" if FLORES.exists() else "generated",
    }


if __name__ == "__main__":
    smoke = "--smoke" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--smoke"]
    number = int(args[0]) if args else (5 if smoke else 50)
    report = main(number, 4 if smoke else 20)
    for key, value in report.items():
        print(f"{key:32} {value}")
    print(json.dumps(report))
