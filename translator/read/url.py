"""Articles from URLs: each ``http(s)://`` input fetched, a feed expanded into its articles.

A fetched page is read by the same reader as the page saved to a file (its
bytes, its suffix from the Content-Type), so both give the same document;
provenance is added on top (the final URL after redirects, the fetch time,
the outlet).  The translation memory keeps, for each URL, its validators
(ETag, Last-Modified), the body's digest and the body itself: a re-run asks
conditionally, and a 304 gives the body kept, so an unchanged article is
neither downloaded nor, its outputs being current, read or translated again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from translator.document import Document
from translator.errors import InputError, NetworkError, VietransError
from translator.read.feed import FeedChoice, Item, choose, looks_like_feed, parse_feed
from translator.read.fetch import Fetched, Fetcher, FetchOptions, is_url, outlet

# What a Content-Type says about the reader to use; the URL's own suffix decides when it says nothing useful.
_SUFFIXES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/pdf": ".pdf",
}
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Remote:
    """One article at a URL: the page (fetched now, or kept by the memory) or why it failed."""

    url: str  # as given, or as its feed listed it
    page: Fetched | None = None
    item: Item | None = None  # the feed item that listed it
    error: VietransError | None = None
    downloaded: bool = False  # a body came over the network this run (not a 304)

    @property
    def stem(self) -> str:
        """The outputs' name: host and path, made safe (a URL never becomes a path as it is)."""
        parts = urlsplit(self.url)
        path = PurePosixPath(parts.path)
        if path.suffix.lower() in (".html", ".htm", ".shtml", ".php", ".aspx", ".txt", ".md", ".docx", ".pdf"):
            path = path.with_suffix("")
        raw = f"{outlet(self.url)}_{path.as_posix().strip('/')}" + (f"_{parts.query}" if parts.query else "")
        return re.sub(r"\.{2,}", ".", _SLUG.sub("-", raw)).strip("-.")[:200] or "page"

    @property
    def suffix(self) -> str:
        assert self.page is not None
        by_type = _SUFFIXES.get(self.page.content_type)
        by_name = PurePosixPath(urlsplit(self.page.final_url).path).suffix.lower()
        if by_type:
            return by_type
        return by_name if by_name in _SUFFIXES.values() else ".html"

    def document(self) -> Document:
        """The page read as its saved file would be, with where and when it was fetched."""
        from translator.read import read_data

        assert self.page is not None and self.page.data is not None
        data = self.page.data
        if self.suffix == ".html":
            from translator.read.html import as_utf8

            data = as_utf8(data, self.page.charset)  # the header's charset; then the reader sees what a file gives
        doc = read_data(data, self.url, self.suffix)
        doc.meta.pop("source_file", None)
        doc.meta["url"] = self.page.final_url
        doc.meta["fetched"] = self.page.fetched
        doc.meta.setdefault("site", outlet(self.page.final_url))
        if self.item is not None and self.item.published and not doc.meta.get("date"):
            doc.meta["date"] = self.item.published.strftime("%Y-%m-%d %H:%M")
        return doc


_COMMENT = re.compile(r"(?:^|\s)#.*")


def read_url_list(path: Path) -> list[str]:
    """The URLs of a ``--urls`` file: one a line, blank lines and ``#`` comments skipped (a ``#``
    starting the line or after a space; one inside a URL is its fragment)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the list of URLs ({err})") from None
    urls = []
    for number, line in enumerate(text.splitlines(), 1):
        line = _COMMENT.sub("", line).strip()
        if not line:
            continue
        if not is_url(line):
            raise InputError(f"{path}:{number}: {line[:80]}: not an http(s):// URL")
        urls.append(line)
    return urls


@dataclass
class Gathered:
    """What the URL inputs came to: articles in order, and what the user should know."""

    articles: list[Remote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    requests: int = 0
    wire_bytes: int = 0


def gather(urls: list[str], memory, options: FetchOptions, choice: FeedChoice, save_html: Path | None) -> Gathered:
    """Fetch every URL (a feed: its chosen items); ``memory`` (or None) gives and keeps validators.

    One URL that fails fails its article alone; when not one could be fetched because the
    network cannot be reached, the run stops with one line (``NetworkError``)."""
    gathered = Gathered()
    seen: set[str] = set()
    with Fetcher(options) as fetcher:
        for url in urls:
            remote = _fetch(Remote(url), fetcher, memory)
            page = remote.page
            if page is not None and page.data is not None and looks_like_feed(page.data):
                try:
                    items = choose(
                        parse_feed(page.data, page.final_url, page.content_type, page.charset), **vars(choice)
                    )
                except InputError as err:
                    gathered.articles.append(Remote(url, error=err))
                    continue
                if not items:
                    gathered.warnings.append(f"{url}: a feed with no item that --since/--match chose")
                found = [_fetch(Remote(item.url, item=item), fetcher, memory) for item in items if item.url not in seen]
            else:
                found = [remote]
            for article in found:
                if article.url not in seen:
                    seen.add(article.url)
                    gathered.articles.append(article)
                    if (
                        save_html is not None and article.page is not None
                    ):  # a page kept by the memory too, if not saved yet
                        _save(article, save_html, gathered.warnings)
        gathered.requests, gathered.wire_bytes = fetcher.requests, fetcher.wire_bytes
        failed = [a.error for a in gathered.articles if a.error is not None]
        if gathered.articles and len(failed) == len(gathered.articles) and fetcher.offline:
            raise NetworkError(
                f"cannot reach the network ({failed[0]}); URLs are read only when online: "
                "save the pages and translate the files"
            )
    return gathered


def _fetch(remote: Remote, fetcher: Fetcher, memory) -> Remote:
    """The page at ``remote.url``: asked conditionally when the memory has it (a 304 gives the
    body kept), kept in the memory when new."""
    record = memory.page(remote.url) if memory is not None else None
    kept = Fetched(status=304, **record) if record else None
    try:
        page = fetcher.get(remote.url, kept.etag if kept else None, kept.last_modified if kept else None)
    except VietransError as err:
        remote.error = err
        return remote
    if page.status == 304 and kept is not None:
        remote.page = kept
    else:
        remote.page, remote.downloaded = page, True
        if memory is not None:
            memory.store_page({k: getattr(page, k) for k in PAGE_FIELDS})
    return remote


# What the memory keeps of a page (translator.translate.memory, table pages).
PAGE_FIELDS = ("url", "final_url", "data", "content_type", "charset", "etag", "last_modified", "fetched")


def _save(article: Remote, folder: Path, warnings: list[str]) -> None:
    """The page as fetched, for citation: ``<stem>.html`` (a page that changed since gets the
    fetch time in its name; nothing saved before is overwritten)."""
    from translator.files import fit_name, write_bytes

    assert article.page is not None and article.page.data is not None
    target = folder / fit_name(article.stem + article.suffix, keep=article.suffix)
    if target.exists():
        if target.read_bytes() == article.page.data:
            return
        stamp = article.page.fetched.replace(":", "").replace("+0000", "Z")
        target = folder / fit_name(f"{article.stem}.{stamp}{article.suffix}", keep=article.suffix)
    try:
        write_bytes(article.page.data, target, force=True)
    except VietransError as err:
        warnings.append(f"{article.url}: the page was not saved ({err})")
