"""``vietrans translate`` with URLs, feeds, --urls and --combine: exit codes and one-line errors."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from translator.cli import main
from translator.errors import ExitCode
from translator.testsite import Site, serve

SITES = Path(__file__).parents[1] / "data" / "sites"


@pytest.fixture
def site():
    pages = {n: (SITES / n).read_bytes() for n in ("nld.html", "dantri.html", "znews.html")}
    with serve(Site(pages)) as served:
        yield served


def _run(model: Path, *args: str):
    return CliRunner().invoke(main, ["translate", "--model", str(model), "-q", "--delay", "0", "-f", "md", *args])


def test_a_feed_gives_every_article_and_one_brief_and_a_rerun_nothing(site, copy_model, tmp_path):
    out = tmp_path / "out"
    first = _run(copy_model, site.url("/feeds/rss.xml"), "-o", str(out), "--combine", "brief")
    assert first.exit_code == 0, first.output
    assert "3 of 3 file(s) translated" in first.output
    assert sorted(p.name for p in out.iterdir()) == [
        "127.0.0.1_sites-dantri.bilingual.md",
        "127.0.0.1_sites-nld.bilingual.md",
        "127.0.0.1_sites-znews.bilingual.md",
        "brief.md",
    ]
    brief = (out / "brief.md").read_text()
    assert "- **Articles:** 3" in brief and brief.count('<a id="article-') == 3
    again = _run(copy_model, site.url("/feeds/rss.xml"), "-o", str(out), "--combine", "brief", "--json")
    assert again.exit_code == 0 and '"translated": 0' in again.output and '"downloaded": 0' in again.output
    assert '"skipped": 3' in again.output and "brief.md" not in again.output


def test_match_given_twice_keeps_the_items_matching_either(site, copy_model, tmp_path):
    """--match is repeatable: each pattern adds the items it matches (the test feed's titles are the pages' names)."""
    out = tmp_path / "out"
    result = _run(copy_model, site.url("/feeds/rss.xml"), "-o", str(out), "--match", "nld", "--match", "znews")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "127.0.0.1_sites-nld.bilingual.md",
        "127.0.0.1_sites-znews.bilingual.md",
    ]


def test_one_failing_url_fails_alone_with_exit_8(site, copy_model, tmp_path):
    result = _run(copy_model, site.url("/missing.html"), site.url("/sites/nld.html"), "-o", str(tmp_path))
    assert result.exit_code == ExitCode.PARTIAL
    assert f"vietrans: failed: {site.url('/missing.html')}: the server answered 404 Not Found\n" in result.output
    assert "Traceback" not in result.output


def test_offline_is_one_line_with_exit_7(copy_model, tmp_path):
    result = _run(copy_model, "https://vnexpress.invalid/tin.html", "-o", str(tmp_path))
    assert result.exit_code == ExitCode.NETWORK
    assert result.output.startswith("vietrans: error: cannot reach the network") and result.output.count("\n") == 1


def test_urls_file_with_comments(site, copy_model, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# today's reading\n\n{site.url('/sites/nld.html')}  # the union story\n{site.url('/sites/znews.html')}\n"
    )
    result = _run(copy_model, "--urls", str(listing), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "2 of 2 file(s) translated" in result.output
    listing.write_text("vnexpress.net/tin.html\n")
    bad = _run(copy_model, "--urls", str(listing), "-o", str(tmp_path / "out"))
    assert bad.exit_code == ExitCode.INPUT and "urls.txt:1: vnexpress.net/tin.html: not an http(s):// URL" in bad.output


@pytest.mark.parametrize(
    ("args", "message"),
    [(("--since", "hôm qua"), "not a date"), (("--combine", "../brief"), "a plain file name")],
)
def test_bad_feed_and_brief_options_are_usage_errors(copy_model, tmp_path, args, message):
    result = _run(copy_model, "http://127.0.0.1:9/feed.xml", *args)
    assert result.exit_code == ExitCode.USAGE and message in result.output
