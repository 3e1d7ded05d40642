"""News feeds (RSS 0.9x/1.0/2.0, Atom) read with feedparser, and the choice among their items.

A feed is recognised by what it holds, not by its name or its Content-Type
(outlets serve RSS as text/html, text/xml or application/octet-stream): a
root element ``rss``, ``feed`` or ``rdf:RDF`` near the start, confirmed by
feedparser naming a version.  Relative links are made absolute against the
feed's final URL (feedparser's content-location base, then ``urljoin`` for
what it leaves).  ``--since``, ``--match`` and ``--limit`` choose among the
items; matching folds case and Vietnamese tone-mark placement (``hoà`` finds
``Hòa``), as the glossary does.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from translator.errors import InputError

_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_SNIFF = 2048  # feeds name their root element after an XML declaration and perhaps a comment or stylesheet


@dataclass(frozen=True)
class FeedChoice:
    """Which of a feed's items to translate (``--since``, ``--limit``, ``--match``)."""

    since: dt.datetime | None = None
    limit: int | None = None
    match: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One article a feed lists."""

    url: str
    title: str = ""
    summary: str = ""  # text, tags removed
    published: dt.datetime | None = None  # UTC


def looks_like_feed(data: bytes) -> bool:
    """Bytes whose root element is a feed's (cheap: HTML pages are never parsed as feeds)."""
    head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(_ROOT.search(head)) and not head[:200].lower().startswith((b"<!doctype html", b"<html"))


def parse_feed(data: bytes, url: str, content_type: str = "", charset: str | None = None) -> list[Item]:
    """The feed's items, in its order; ``InputError`` when it is no feed feedparser can read."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.version or (parsed.bozo and not parsed.entries):  # broken beyond what feedparser mends
        raise InputError(f"{url}: looks like a feed but cannot be read as RSS or Atom ({parsed.get('bozo_exception')})")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or next((x.get("href") for x in entry.get("links", []) if x.get("href")), "")
        if not link:
            continue
        link = urljoin(url, link.strip())
        if urlsplit(link).scheme not in ("http", "https"):
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(
            Item(
                url=link,
                title=_text(entry.get("title", "")),
                summary=_text(entry.get("summary", "")),
                published=dt.datetime(*when[:6], tzinfo=dt.timezone.utc) if when else None,
            )
        )
    return items


def _text(html: str) -> str:
    """Feed titles and summaries are HTML fragments: their text, spaces made single, in NFC (a
    Windows-1258 feed writes its tone marks as separate characters)."""
    html = unicodedata.normalize("NFC", html)
    if "<" not in html and "&" not in html:
        return " ".join(html.split())
    from lxml import html as lxml_html

    try:
        fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml's ParserError on an empty or broken fragment: the raw text is still useful
        return " ".join(re.sub(r"<[^>]*>", " ", html).split())
    for element in fragment.iter(*_BREAKS):  # "<p>giảm</p><p>Xăng</p>" is two words, not "giảmXăng"
        element.tail = f" {element.tail or ''}"
    return " ".join(fragment.text_content().split())


_BREAKS = ("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote")


def fold(text: str) -> str:
    """The form titles and patterns are compared in: one tone-mark placement, lower case."""
    from translator.glossary import fold as glossary_fold

    return glossary_fold(" ".join(text.split()))


def parse_since(text: str) -> dt.datetime:
    """``2026-12-01`` or ``2026-12-01T08:00[+07:00]`` as an aware datetime (no zone: UTC)."""
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"--since {text}: not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def choose(
    items: list[Item], since: dt.datetime | None = None, limit: int | None = None, match: tuple[str, ...] = ()
) -> list[Item]:
    """The items to translate: published at or after ``since`` (undated items are kept: they
    cannot be judged), whose title or summary holds one of ``match``, newest first, at most ``limit``.
    An item listed twice is taken once."""
    patterns = [fold(p) for p in match if p.strip()]
    chosen, seen = [], set()
    for item in items:
        if item.url in seen:
            continue
        if since is not None and item.published is not None and item.published < since:
            continue
        if patterns and not any(p in fold(f"{item.title} {item.summary}") for p in patterns):
            continue
        seen.add(item.url)
        chosen.append(item)
    if all(item.published is not None for item in chosen):  # else the feed's own order stands
        chosen.sort(key=lambda item: item.published, reverse=True)
    return chosen[:limit] if limit else chosen
