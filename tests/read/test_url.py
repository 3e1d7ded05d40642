"""Articles from URLs and feeds through the pipeline, against a real HTTP server on 127.0.0.1."""

import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from translator.document import Sentence
from translator.engines import EngineSpec
from translator.errors import InputError, NetworkError
from translator.pipeline import Options, translate_files
from translator.read import read_article
from translator.read.feed import FeedChoice
from translator.read.fetch import FetchOptions
from translator.read.url import Remote, gather, read_url_list
from translator.testsite import Site, cp1258, serve

SITES = Path(__file__).parents[1] / "data" / "sites"
QUICK = FetchOptions(timeout=1, retries=1, backoff=0.05, delay=0)
# What only a fetched page has (its URL, when it was fetched, the host as its outlet when the page names none),
# or only a file (its name).
PROVENANCE = re.compile(r"^- \*\*(URL|Fetched|Source):\*\*.*\n|^- \*\*Site:\*\* 127\.0\.0\.1\n", re.MULTILINE)


@pytest.fixture
def site():
    with serve(Site({p.name: p.read_bytes() for p in sorted(SITES.glob("*.html"))})) as served:
        yield served


def _options(model: Path, **kw) -> Options:
    return Options(
        **{"formats": ("md",), "engine": EngineSpec(model=str(model)), "progress": False, "fetch": QUICK, **kw}
    )


def _same_document(fetched, saved) -> None:
    assert [(b.kind, b.text) for b in fetched.blocks] == [(b.kind, b.text) for b in saved.blocks]
    assert [(r.text, r.reason) for r in fetched.removed] == [(r.text, r.reason) for r in saved.removed]
    provenance = ("url", "fetched", "source_file")
    assert {k: v for k, v in fetched.meta.items() if k not in provenance} == {
        k: v for k, v in saved.meta.items() if k not in provenance
    }


@pytest.mark.parametrize("path", ["/sites/", "/moved/", "/wrong-charset/", "/cp1258/", "/cp1258-meta/"])
def test_a_fetched_page_reads_as_the_same_page_saved(site, path, tmp_path):
    """Also with a header naming the wrong charset, and in Windows-1258 named by the header or the page alone."""
    gathered = gather([site.url(path + "vnexpress.html")], None, QUICK, FeedChoice(), None)
    (article,) = gathered.articles
    doc = article.document()
    _same_document(doc, read_article(SITES / "vnexpress.html"))
    assert doc.meta["url"] == site.url("/sites/vnexpress.html" if path == "/moved/" else path + "vnexpress.html")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", doc.meta["fetched"]) and doc.meta["site"]


def test_a_page_in_a_legacy_charset_saved_reads_by_its_meta_tag(tmp_path):
    utf8 = (SITES / "vnexpress.html").read_text(encoding="utf-8")
    saved = tmp_path / "vnexpress.html"
    saved.write_bytes(cp1258(utf8.replace('charset="utf-8"', 'charset="windows-1258"')))
    _same_document(read_article(saved), read_article(SITES / "vnexpress.html"))


def _word_file(text: str) -> bytes:
    """``text`` as a Word file: its first line a heading, the rest paragraphs."""
    import io

    import docx

    word = docx.Document()
    title, *paragraphs = [line for line in text.splitlines() if line.strip()]
    word.add_heading(title, level=1)
    for paragraph in paragraphs:
        word.add_paragraph(paragraph)
    data = io.BytesIO()
    word.save(data)
    return data.getvalue()


@pytest.mark.parametrize(
    ("suffix", "content_type"),
    [
        (".txt", "text/plain; charset=utf-8"),
        (".md", "text/markdown"),
        # a server that names a charset for every type: a Word file's bytes are no text to decode
        (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document; charset=iso-8859-1"),
    ],
)
def test_a_fetched_document_that_is_not_html_reads_as_the_same_file_saved(suffix, content_type, tmp_path):
    """Read by the reader its Content-Type names (the URL has no suffix to go by), bytes as sent."""
    text = EXAMPLE.read_text(encoding="utf-8")
    data = {".txt": text.encode(), ".md": f"# {text}".encode(), ".docx": _word_file(text)}[suffix]
    saved = tmp_path / f"article{suffix}"
    saved.write_bytes(data)
    with serve(Site({}, files={"article": (data, content_type)})) as served:
        gathered = gather([served.url("/files/article")], None, QUICK, FeedChoice(), None)
    (article,) = gathered.articles
    fetched = article.document()
    assert fetched.meta.pop("site") == "127.0.0.1"  # the host as the outlet: the file names none
    _same_document(fetched, read_article(saved))


def test_a_fetched_page_in_windows_1258_named_only_by_its_meta_tag_reads_by_it():
    """A short article: too little text for the bytes' encoding to be guessed, so only its meta tag
    (the header names no charset) gives its Vietnamese back."""
    story = "Giá thép trong nước tăng nhẹ."
    page = f'<html><head><meta charset="utf-8"><title>Thép</title></head><body><article><p>{story}</p></article>'
    with serve(Site({"thep.html": page.encode()})) as short:
        (article,) = gather([short.url("/cp1258-meta/thep.html")], None, QUICK, FeedChoice(), None).articles
    assert [block.text for block in article.document().blocks] == ["Thép", story]
    assert article.page.charset is None and b'charset="windows-1258"' in article.page.data  # (as the site serves it)


def test_a_feed_gives_every_article_each_as_translating_its_saved_page(site, copy_model, tmp_path):
    result = translate_files([site.url("/feeds/rss.xml")], tmp_path / "out", _options(copy_model))
    assert result.done == len(site.pages) and not result.failures
    saved = tmp_path / "saved"
    saved.mkdir()
    for name, data in site.pages.items():
        (saved / name).write_bytes(data)
    translate_files([saved], tmp_path / "files", _options(copy_model))
    for name in site.pages:
        fetched = (tmp_path / "out" / f"127.0.0.1_sites-{Path(name).stem}.bilingual.md").read_text()
        from_file = (tmp_path / "files" / f"{Path(name).stem}.bilingual.md").read_text()
        assert f"- **URL:** {site.url('/sites/' + name)}\n" in fetched
        assert PROVENANCE.sub("", fetched) == PROVENANCE.sub("", from_file)


def test_a_rerun_downloads_no_article_and_translates_nothing(site, copy_model, tmp_path, monkeypatch):
    feed = site.url("/feeds/atom.xml")
    translate_files([feed], tmp_path / "out", _options(copy_model))
    sent = dict(site.bodies)
    import translator.engines.packages

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded for a re-run of an unchanged feed")

    monkeypatch.setattr(translator.engines.packages.ModelPackage, "open", no_model)
    again = translate_files([feed], tmp_path / "out", _options(copy_model))
    assert again.skipped == len(site.pages) and again.done == again.translated == again.downloaded == 0
    assert dict(site.bodies) == {**sent, "/robots.txt": 2 * sent["/robots.txt"]}  # only robots.txt came again
    assert all(site.headers[f"/sites/{n}"].get("If-None-Match") for n in site.pages)  # every article asked


def test_a_changed_article_alone_is_downloaded_and_translated_again(site, copy_model, tmp_path):
    feed = site.url("/feeds/rss.xml")
    translate_files([feed], tmp_path / "out", _options(copy_model))
    site.pages["nld.html"] = site.pages["nld.html"].replace("người".encode(), "NGƯỜI".encode())
    again = translate_files([feed], tmp_path / "out", _options(copy_model))
    assert (again.downloaded, again.redone, again.skipped) == (1, 1, len(site.pages) - 1)
    assert "NGƯỜI" in (tmp_path / "out" / "127.0.0.1_sites-nld.bilingual.md").read_text()


def test_feed_options_choose_the_articles(site, copy_model, tmp_path):
    choice = FeedChoice(limit=2)
    result = translate_files([site.url("/feeds/rss.xml")], tmp_path / "out", _options(copy_model, feed=choice))
    assert result.done == 2 and site.hits["/sites/vnexpress.html"] == 0  # the two newest only; no other fetched


def test_a_failing_url_fails_alone_and_the_batch_goes_on(site, copy_model, tmp_path):
    urls = [site.url(p) for p in ("/missing.html", "/sites/nld.html", "/menu.html", "/private/znews.html")]
    result = translate_files(urls, tmp_path / "out", _options(copy_model))
    assert result.done == 1
    assert dict(result.failures) == {
        urls[0]: f"{urls[0]}: the server answered 404 Not Found",
        urls[2]: f"{urls[2]}: no article text found in this page",
        urls[3]: f"{urls[3]}: robots.txt of 127.0.0.1 asks robots not to fetch this page (--ignore-robots)",
    }


def test_offline_is_one_error_for_the_run(copy_model, tmp_path):
    urls = ["https://vnexpress.invalid/a.html", "https://tuoitre.invalid/feed.rss"]
    with pytest.raises(NetworkError) as err:
        translate_files(urls, tmp_path / "out", _options(copy_model))
    assert str(err.value) == (
        f"cannot reach the network ({urls[0]}: cannot reach the host (no network, or no such host)); "
        "URLs are read only when online: save the pages and translate the files"
    )


def test_save_html_keeps_each_page_as_fetched(site, copy_model, tmp_path):
    options = _options(copy_model, save_html=tmp_path / "pages", feed=FeedChoice(limit=3))
    translate_files([site.url("/feeds/rss.xml")], tmp_path / "out", options)
    saved = sorted((tmp_path / "pages").iterdir())
    assert len(saved) == 3 and all(p.read_bytes() == site.pages[p.name.split("-", 1)[1]] for p in saved)


def test_a_saved_page_that_changed_is_kept_beside_it_under_the_fetch_time(site, tmp_path):
    # --save-html never overwrites a page saved before: the new one is <stem>.<fetch time, UTC>.html
    import datetime as dt

    url, folder = site.url("/sites/nld.html"), tmp_path / "pages"
    first = site.pages["nld.html"]
    gather([url], None, QUICK, FeedChoice(), folder)
    gather([url], None, QUICK, FeedChoice(), folder)  # the same page again: nothing more saved
    site.pages["nld.html"] = first.replace("người".encode(), "NGƯỜI".encode())
    gathered = gather([url], None, QUICK, FeedChoice(), folder)
    stamp = dt.datetime.fromisoformat(gathered.articles[0].page.fetched).strftime("%Y-%m-%dT%H%M%SZ")
    saved = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert saved == {"127.0.0.1_sites-nld.html": first, f"127.0.0.1_sites-nld.{stamp}.html": site.pages["nld.html"]}
    assert gathered.warnings == []


def test_a_feed_whose_items_none_match_says_so_and_one_with_a_match_says_nothing(site):
    feed = site.url("/feeds/rss.xml")
    none = gather([feed], None, QUICK, FeedChoice(match=("không có trong bản tin nào",)), None)
    assert (none.articles, none.warnings) == ([], [f"{feed}: a feed with no item that --since/--match chose"])
    some = gather([feed], None, QUICK, FeedChoice(limit=1), None)
    assert (len(some.articles), some.warnings) == (1, [])


def test_output_names_are_safe_whatever_the_url():
    stem = Remote("http://x.vn/../../etc/passwd?a=b/../c&d=<e>").stem
    assert stem == "x.vn_.-.-etc-passwd_a-b-.-c-d-e"  # one file name: no separator, no "..", no leading dot
    assert Remote("https://www.vnexpress.net/thu-tuong-4801234.html").stem == "vnexpress.net_thu-tuong-4801234"


def test_a_page_is_decoded_by_its_header_then_its_meta_tag_unless_it_is_utf8():
    from translator.read.html import as_utf8

    page = "<html><head><meta charset='windows-1258'></head><body><p>Hà Đông, Cà Mau, tàu ơi</p></body></html>"
    legacy = page.encode("cp1258")
    assert as_utf8(legacy) == page.encode("utf-8")  # the page's own declaration
    assert as_utf8(legacy.replace(b"windows-1258", b"utf-8"), "windows-1258") == page.replace(
        "windows-1258", "utf-8"
    ).encode("utf-8")  # the header's, over a wrong tag
    assert as_utf8(page.encode("utf-8"), "iso-8859-1") == page.encode("utf-8")  # valid UTF-8 is UTF-8


@pytest.mark.parametrize("fmt", ["md", "md-en", "docx", "docx-en", "docx-review", "tmx", "xliff", "jsonl", "html"])
def test_every_output_names_the_final_url_the_fetch_time_and_the_outlet(site, fmt):
    from translator.export import render

    (article,) = gather([site.url("/moved/tuoitre.html")], None, QUICK, FeedChoice(), None).articles
    doc = article.document()
    for block in doc.blocks:
        block.sentences = [Sentence(block.text, block.text)]
    data = render(doc, fmt)
    if fmt.startswith("docx"):
        import io
        import zipfile

        data = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    text = data.decode()
    assert site.url("/sites/tuoitre.html") in text and doc.meta["fetched"] in text and doc.meta["site"] in text


def test_a_url_list_skips_comments_and_keeps_each_urls_fragment(tmp_path):
    """``#`` starts a comment at the start of a line or after a space; inside a URL it is the URL's."""
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "\ufeff# thứ hai\n\n   # indented\nhttps://vnexpress.net/a.html\n"
        "https://vnexpress.net/b.html#binh-luan  # comments #2 and #3\n"
        "https://vnexpress.net/c.html\t# a tab before it\nhttps://tuoitre.vn/d.html#top\n",
        encoding="utf-8",
    )
    assert read_url_list(listing) == [
        "https://vnexpress.net/a.html",
        "https://vnexpress.net/b.html#binh-luan",
        "https://vnexpress.net/c.html",
        "https://tuoitre.vn/d.html#top",
    ]
    listing.write_text("https://vnexpress.net/a.html\nvnexpress.net/b.html # no scheme\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_url_list(listing)
    assert str(refused.value) == f"{listing}:2: vnexpress.net/b.html: not an http(s):// URL"
    with pytest.raises(InputError) as missing:
        read_url_list(tmp_path / "none.txt")
    assert str(missing.value) == f"{tmp_path / 'none.txt'}: no such file"
    listing.write_bytes(b"https://vnexpress.net/a.html\n\xff\n")
    with pytest.raises(InputError) as unreadable:
        read_url_list(listing)
    assert str(unreadable.value) == (
        f"{listing}: cannot read the list of URLs "
        "('utf-8' codec can't decode byte 0xff in position 29: invalid start byte)"
    )


def test_an_article_a_feed_lists_and_a_url_names_again_is_read_once_dated_by_its_feed():
    """The page has no date of its own: its feed item's date is its date.  A feed that cannot be
    read is the failure of that URL alone."""
    story = "".join(f"<p>Đoạn thứ {n} của bài viết kể về kế hoạch đào tạo kỹ sư bán dẫn.</p>" for n in range(1, 6))
    pages = {
        "nodate.html": f"<html><head><title>Kỹ sư bán dẫn</title></head><body><main>{story}</main></body></html>",
        "broken.xml": "<?xml version='1.0'?><rss version='2.0'><channel><title>Tin",
        "other.html": f"<html><body><main>{story}</main></body></html>",
    }
    with serve(Site({name: text.encode() for name, text in pages.items()})) as site:
        nodate, broken, other = (site.url(f"/sites/{name}") for name in pages)
        gathered = gather([site.url("/feeds/rss.xml"), nodate, broken, other], None, QUICK, FeedChoice(limit=1), None)
    assert [(a.url, a.error is None) for a in gathered.articles] == [(nodate, True), (broken, False), (other, True)]
    assert re.fullmatch(
        rf"{re.escape(broken)}: looks like a feed but cannot be read as RSS or Atom \(.+\)",
        str(gathered.articles[1].error),
    )
    assert gathered.warnings == []
    doc = gathered.articles[0].document()
    assert doc.meta == {
        "title": "Kỹ sư bán dẫn",
        "url": nodate,
        "fetched": gathered.articles[0].page.fetched,
        "site": "127.0.0.1",
        "date": "2026-12-04 08:00",
    }


def test_a_page_that_cannot_be_saved_is_named_in_a_warning_and_still_read(tmp_path):
    story = "".join(f"<p>Đoạn thứ {n} của bài viết kể về kế hoạch đào tạo kỹ sư bán dẫn.</p>" for n in range(1, 6))
    (tmp_path / "pages").write_text("a file where the folder should be", encoding="utf-8")
    with serve(Site({"a.html": f"<html><body><main>{story}</main></body></html>".encode()})) as site:
        url = site.url("/sites/a.html")
        gathered = gather([url], None, QUICK, FeedChoice(), tmp_path / "pages" / "saved")
    assert [(a.url, a.error) for a in gathered.articles] == [(url, None)]
    target = tmp_path / "pages" / "saved" / "127.0.0.1_sites-a.html"
    assert gathered.warnings == [
        f"{url}: the page was not saved ({target}: a part of the path is a file, not a folder)"
    ]


@pytest.mark.parametrize(
    ("name", "content_type", "suffix"),
    [
        ("report.pdf", "application/octet-stream", ".pdf"),  # a type that says nothing: the name's suffix
        ("notes.TXT", "application/octet-stream", ".txt"),
        ("report.pdf", "text/plain", ".txt"),  # a type that says something: the type
        ("data.bin", "application/octet-stream", ".html"),  # neither: a page
        ("index", "", ".html"),
    ],
)
def test_a_fetched_file_is_read_by_its_content_type_else_its_name(name, content_type, suffix):
    from translator.read.fetch import Fetched

    page = Fetched(url="", final_url=f"https://x.vn/files/{name}?v=2", status=200, data=b"", content_type=content_type)
    assert Remote("https://x.vn/a", page=page).suffix == suffix
