"""Feeds recognised by content, read with relative links made absolute, and the choice among items."""

import datetime as dt
from pathlib import Path

import pytest

from translator.errors import InputError
from translator.read.feed import Item, choose, looks_like_feed, parse_feed, parse_since
from translator.read.fetch import Fetcher, FetchOptions
from translator.testsite import Site, cp1258, serve

SITES = Path(__file__).parents[1] / "data" / "sites"
TITLES = {"nld.html": "Thủ tướng HOÀ Bình phát biểu", "dantri.html": "Giá xăng giảm", "znews.html": "Bão số 3"}


@pytest.fixture
def site():
    pages = {name: (SITES / name).read_bytes() for name in TITLES}
    with serve(Site(pages, titles=TITLES)) as served:
        yield served


@pytest.mark.parametrize("path", ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/rdf.xml", "/feeds/as-html"])
def test_each_kind_of_feed_is_recognised_by_its_content_and_its_links_made_absolute(site, path):
    with Fetcher(FetchOptions(delay=0)) as fetcher:
        page = fetcher.get(site.url(path))
    assert looks_like_feed(page.data)
    items = parse_feed(page.data, page.final_url, page.content_type, page.charset)
    assert [i.url for i in items] == [site.url(f"/sites/{n}") for n in TITLES]
    assert items[0].title == TITLES["nld.html"]
    if path != "/feeds/rdf.xml":  # the RSS 1.0 fixture has no dates
        assert items[0].published == dt.datetime(2026, 12, 4, 8, tzinfo=dt.timezone.utc)


def test_pages_are_not_feeds():
    for page in SITES.glob("*.html"):
        assert not looks_like_feed(page.read_bytes())
    assert not looks_like_feed(b"<!DOCTYPE html><html><body><p>about <rss> feeds</p>")


def test_a_broken_feed_is_one_line():
    with pytest.raises(InputError, match="cannot be read as RSS or Atom"):
        parse_feed(b"<rss version='2.0'><channel>", "http://x.vn/feed")


def test_an_item_without_a_title_is_read_with_an_empty_one():
    """RSS 2.0 needs a title or a description, not both: an untitled item is matched on its summary alone."""
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title><link>http://x.vn/</link>'
        "<description>Tin</description><item><link>/tin/1.html</link><description>Giá xăng giảm</description>"
        "</item></channel></rss>"
    ).encode()
    assert parse_feed(rss, "http://x.vn/feed") == [Item("http://x.vn/tin/1.html", "", "Giá xăng giảm", None)]


def _items():
    day = dt.datetime(2026, 12, 4, tzinfo=dt.timezone.utc)
    return [
        Item("http://x.vn/1", "Giá xăng giảm", "Xăng RON95 giảm 500 đồng", day - dt.timedelta(days=2)),
        Item("http://x.vn/2", "Thủ tướng Hoà Bình", "Phát biểu tại hội nghị", day),
        Item("http://x.vn/3", "Bão số 3 đổ bộ", "THUỶ ĐIỆN xả lũ", day - dt.timedelta(days=1)),
        Item("http://x.vn/2", "Thủ tướng Hoà Bình (cập nhật)", "", day),
    ]


def test_newest_first_each_once_and_limited():
    assert [i.url for i in choose(_items())] == ["http://x.vn/2", "http://x.vn/3", "http://x.vn/1"]
    assert [i.url for i in choose(_items(), limit=2)] == ["http://x.vn/2", "http://x.vn/3"]


def test_since_keeps_the_items_published_from_then():
    chosen = choose(_items(), since=parse_since("2026-12-03"))
    assert [i.url for i in chosen] == ["http://x.vn/2", "http://x.vn/3"]
    undated = [*_items(), Item("http://x.vn/4", "Không ngày")]
    assert "http://x.vn/4" in [i.url for i in choose(undated, since=parse_since("2026-12-03"))]


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        ("hòa bình", ["http://x.vn/2"]),
        ("HOÀ", ["http://x.vn/2"]),
        ("thủy điện", ["http://x.vn/3"]),
        ("ron95", ["http://x.vn/1"]),
    ],
)
def test_match_folds_case_and_tone_placement_on_title_and_summary(pattern, found):
    assert [i.url for i in choose(_items(), match=(pattern,))] == found


def test_match_is_not_diacritic_blind():
    assert choose(_items(), match=("hoa binh",)) == []  # "hoa" (flower) is not "hòa"


def test_since_must_be_a_date():
    with pytest.raises(InputError, match="--since yesterday: not a date"):
        parse_since("yesterday")
    assert parse_since("2026-12-01T08:00+07:00") == dt.datetime(2026, 12, 1, 1, tzinfo=dt.timezone.utc)


RSS_ITEMS = (
    "<item><title>Không link</title><description>Giá</description></item>"
    "<item><title>Thư</title><link>mailto:a@x.vn</link></item>"
    "<item><title>Giá &amp;amp; lãi   suất</title><link> /tin/2.html </link>"
    "<description>&lt;p&gt;Lãi &lt;b&gt;suất&lt;/b&gt; giảm&lt;/p&gt;"
    "&lt;p&gt;Xăng&lt;br&gt;tăng&lt;/p&gt;</description>"
    "<pubDate>Fri, 04 Dec 2026 08:00:00 +0700</pubDate></item>"
    "<item><title>&lt;!DOCTYPE x&gt;</title><link>https://y.vn/3</link><description>&lt;html&gt;</description></item>"
)
ATOM_ENTRIES = (
    '<entry><title type="html">&lt;i&gt;Bão&lt;/i&gt;&lt;br/&gt;số 3</title><link rel="alternate" href="bao.html"/>'
    "<id>urn:x:1</id><updated>2026-12-03T01:02:03Z</updated></entry>"
    '<entry><title>Mưa</title><link href="javascript:alert(1)"/><id>urn:x:2</id></entry>'
)


@pytest.mark.parametrize(
    ("feed", "url", "expected"),
    [
        pytest.param(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title><link>http://x.vn/</link>'
            f"<description>Tin</description>{RSS_ITEMS}</channel></rss>",
            "http://x.vn/feed",
            [
                Item(
                    "http://x.vn/tin/2.html",
                    "Giá & lãi suất",
                    "Lãi suất giảm Xăng tăng",  # paragraphs and line breaks part words
                    dt.datetime(2026, 12, 4, 1, tzinfo=dt.timezone.utc),
                ),
                Item("https://y.vn/3", "", "", None),  # markup that is no text leaves none
            ],
            id="rss",
        ),
        pytest.param(
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            f"<id>urn:x</id><updated>2026-12-04T08:00:00Z</updated>{ATOM_ENTRIES}</feed>",
            "http://x.vn/a/feed",
            [Item("http://x.vn/a/bao.html", "Bão số 3", "", dt.datetime(2026, 12, 3, 1, 2, 3, tzinfo=dt.timezone.utc))],
            id="atom",
        ),
    ],
)
def test_a_feeds_items_are_its_web_articles_with_plain_text_and_utc_dates(feed, url, expected):
    """Items without a link, or with one no browser fetches (mailto:, javascript:), are no articles;
    titles and summaries are text, their HTML dropped; an undated-published Atom entry has its update date."""
    assert parse_feed(feed.encode(), url) == expected


@pytest.mark.parametrize(
    ("encode", "charset"), [(cp1258, "windows-1258"), (lambda text: text.encode("utf-16-le"), "utf-16le")]
)
def test_a_feed_with_no_declaration_of_its_own_is_read_in_the_charset_its_server_names(encode, charset):
    """A feed whose XML names no encoding is decoded as the HTTP header says, not as UTF-8."""
    rss = "<rss version='2.0'><channel><item><title>Giá xăng giảm mạnh</title><link>https://e.vn/a</link></item></channel></rss>"
    items = parse_feed(encode(rss), "https://e.vn/rss", "application/rss+xml", charset)
    assert items == [Item(url="https://e.vn/a", title="Giá xăng giảm mạnh", summary="", published=None)]
