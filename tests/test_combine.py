"""The brief as a job: written when its articles or options change, never over an edited one."""

import hashlib
from pathlib import Path

import pytest

from translator.engines import EngineSpec
from translator.pipeline import Options, translate_files
from translator.read.fetch import FetchOptions
from translator.testsite import Site, serve

SITES = Path(__file__).parent / "data" / "sites"


@pytest.fixture
def site():
    with serve(Site({n: (SITES / n).read_bytes() for n in ("nld.html", "znews.html")})) as served:
        yield served


def _options(model: Path, **kw) -> Options:
    fetch = FetchOptions(delay=0, retries=0)
    defaults = {"formats": ("md",), "engine": EngineSpec(model=str(model)), "progress": False, "fetch": fetch}
    return Options(**{**defaults, "combine": "brief", **kw})


def test_the_brief_follows_its_articles_and_leaves_an_edited_one_alone(site, copy_model, tmp_path):
    feed, out = site.url("/feeds/rss.xml"), tmp_path / "out"
    translate_files([feed], out, _options(copy_model))
    brief = out / "brief.md"
    assert brief.read_text().count('<a id="article-') == 2
    again = translate_files([feed], out, _options(copy_model))
    assert str(brief) not in again.outputs  # current: not written again
    assert again.skipped == 2 and again.sentences == 0  # nor any article read again for it
    site.pages["nld.html"] = site.pages["nld.html"].replace("người".encode(), "NGƯỜI".encode())
    changed = translate_files([feed], out, _options(copy_model))
    assert str(brief) in changed.outputs and "NGƯỜI" in brief.read_text()
    assert changed.done == 1 and changed.skipped == 1  # the other article only read for the brief
    assert brief.read_text().count('<a id="article-') == 2
    brief.write_text(brief.read_text() + "\nMy notes.\n")
    site.pages["znews.html"] = site.pages["znews.html"].replace("người".encode(), "NGƯỜI".encode())
    edited = translate_files([feed], out, _options(copy_model))
    assert brief.read_text().endswith("My notes.\n")
    assert (
        f"{brief}: not written by vietrans from these articles, or edited since; left as it is (--force replaces it)"
        in (edited.warnings)
    )


def test_a_brief_in_formats_that_hold_one_article_is_refused_with_a_warning(site, copy_model, tmp_path):
    result = translate_files([site.url("/sites/nld.html")], tmp_path, _options(copy_model, formats=("tmx",)))
    assert result.done == 1 and not list(tmp_path.glob("brief*"))
    assert result.warnings == [
        "--combine brief: none of the chosen formats holds several articles (md, md-en, docx, docx-en, html);"
        " no brief written"
    ]


def test_a_very_long_brief_name_is_shortened_before_its_suffix(tmp_path):
    # --combine NAME as long as a file name may be: NAME.md would not fit, so NAME is cut (a hash stands for
    # the cut), never the suffix that tells what the file is
    from translator.combine import plan_brief
    from translator.files import NAME_MAX
    from translator.jobs import Result

    name = "bản tin " * 40
    options = Options(formats=("md", "docx"), combine=name)
    brief = plan_brief([], [], tmp_path, None, options, Result())
    assert brief is not None and [fmt for fmt, _ in brief.outputs] == ["md", "docx"]
    for fmt, path in brief.outputs:
        assert path.parent == tmp_path and path.name.endswith("." + fmt), path.name
        assert len(path.name.encode()) <= NAME_MAX and path.name.startswith(name[:100])


def test_a_brief_missing_one_format_gets_that_format_only(site, copy_model, tmp_path):
    """The formats already there are current: written again, they would lose nothing but their time."""
    feed, out = site.url("/feeds/rss.xml"), tmp_path / "out"
    translate_files([feed], out, _options(copy_model))
    before = (out / "brief.md").stat().st_mtime_ns
    more = translate_files([feed], out, _options(copy_model, formats=("md", "md-en")))
    assert str(out / "brief.en.md") in more.outputs and str(out / "brief.md") not in more.outputs
    assert (out / "brief.md").stat().st_mtime_ns == before
    assert (out / "brief.en.md").read_text(encoding="utf-8").count('<a id="article-') == 2


def test_the_brief_is_a_job_whose_source_is_its_articles_in_order(tmp_path):
    """Its digest is the order asked for and each article's digest, in the order given (a missing input by
    its name: it fails when read); its outputs are the chosen formats that hold several articles."""
    from translator.combine import plan_brief
    from translator.jobs import Job, Result

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Một.", encoding="utf-8")
    b.write_text("Hai.", encoding="utf-8")
    missing = tmp_path / "c.txt"
    jobs = [Job(str(p), []) for p in (a, b, missing)]
    options = Options(formats=("md", "md-en", "tmx", "html"), combine="tin", combine_order="given")
    brief = plan_brief(jobs, jobs[1:], tmp_path / "out", None, options, Result())
    parts = ["given", hashlib.sha256("Một.".encode()).hexdigest(), hashlib.sha256(b"Hai.").hexdigest()]
    expected = hashlib.sha256("|".join([*parts, f"missing {missing}"]).encode()).hexdigest()
    assert (brief.source, brief.outputs, brief.digest, brief.redo) == (
        "--combine tin",
        [
            ("md", tmp_path / "out" / "tin.md"),
            ("md-en", tmp_path / "out" / "tin.en.md"),
            ("html", tmp_path / "out" / "tin.html"),
        ],
        expected,
        False,
    )
    assert [job.brief_only for job in jobs] == [True, False, False]


def test_a_brief_that_cannot_be_written_fails_as_the_brief(tmp_path):
    from translator.combine import plan_brief, write_brief
    from translator.jobs import Result

    (tmp_path / "out").write_text("a file where the folder should be")
    options = Options(formats=("md", "html"), combine="tin")
    brief = plan_brief([], [], tmp_path / "out", None, options, Result())
    result = Result()
    write_brief(brief, [], None, options, result)
    assert (result.failures, result.outputs) == (
        [("--combine tin", f"{tmp_path / 'out'}: a file is in the way of the output folder")],
        [],
    )
