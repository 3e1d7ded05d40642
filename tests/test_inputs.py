"""Which files a run reads (``translator.inputs``): each article once, with the folder it was found under."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.errors import InputError
from translator.inputs import expand_inputs

ARTICLES = "(.txt, .text, .md, .markdown, .html, .htm, .docx, .odt, .pdf)"


def _tree(root: Path) -> None:
    """Articles, and files a folder or a glob must skip: hidden, an editor's, vietrans's own, no article."""
    for name in (
        "a.txt",
        "B.MD",  # a suffix in capitals is still an article's
        "sub/c.html",
        "sub/deep/d.pdf",
        ".hidden.txt",
        ".git/e.txt",  # a hidden folder is not walked
        "~$a.docx",
        ".~lock.a.txt#",
        "#a.txt#",
        "a.txt~",
        "a.bilingual.md",
        "a.en.docx",
        "a.jsonl",
        "a.bilingual.html",
        "photo.png",
    ):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_a_folder_gives_its_articles_in_order_with_itself_as_their_root(tmp_path):
    _tree(tmp_path / "in")
    (tmp_path / "in" / "link").symlink_to(tmp_path / "in" / "sub")  # a link to a folder is not followed
    root = tmp_path / "in"
    assert expand_inputs([str(root)]) == [
        (str(root / "B.MD"), root),
        (str(root / "a.txt"), root),
        (str(root / "sub" / "c.html"), root),
        (str(root / "sub" / "deep" / "d.pdf"), root),
    ]


@pytest.mark.parametrize(
    ("pattern", "root", "found"),
    [
        ("in/*", "in", ["in/B.MD", "in/a.txt"]),
        ("in/**/*.txt", "in", ["in/a.txt"]),
        ("in/sub/**/*", "in/sub", ["in/sub/c.html", "in/sub/deep/d.pdf"]),
        ("in/s?b/*.html", "in", ["in/sub/c.html"]),
        ("*/a.*", ".", ["in/a.txt"]),
    ],
)
def test_a_glob_gives_the_articles_it_matches_with_the_folders_before_its_first_wildcard(
    tmp_path, monkeypatch, pattern, root, found
):
    _tree(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    assert expand_inputs([pattern]) == [(name, Path(root)) for name in found]


def test_files_urls_and_standard_input_are_taken_as_given_and_each_once(tmp_path, monkeypatch):
    _tree(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    url = "https://vnexpress.net/bai-1.html"
    given = ["in/a.txt", "-", url, "in/../in/a.txt", str(tmp_path / "in" / "a.txt"), "-", url, "missing.txt"]
    given += ["in/photo.png", "in/a.bilingual.md"]  # named, a file is read whatever its name
    assert expand_inputs(given) == [
        ("in/a.txt", None),
        ("-", None),
        (url, None),
        ("missing.txt", None),  # reported when it is read
        ("in/photo.png", None),
        ("in/a.bilingual.md", None),
    ]


def test_a_folder_named_twice_and_a_file_in_it_give_each_article_once(tmp_path):
    _tree(tmp_path / "in")
    root = tmp_path / "in"
    assert expand_inputs([str(root / "a.txt"), str(root), str(root)]) == [
        (str(root / "a.txt"), None),
        (str(root / "B.MD"), root),
        (str(root / "sub" / "c.html"), root),
        (str(root / "sub" / "deep" / "d.pdf"), root),
    ]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("empty", f"empty: no articles {ARTICLES} in this folder"),
        ("empty/*", f"empty/*: no articles {ARTICLES} match this pattern"),
        ("in/*.png", f"in/*.png: no articles {ARTICLES} match this pattern"),
        ("in/*.bilingual.*", f"in/*.bilingual.*: no articles {ARTICLES} match this pattern"),
    ],
)
def test_a_folder_or_a_glob_without_articles_fails_with_one_line(tmp_path, monkeypatch, given, message):
    _tree(tmp_path / "in")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "photo.png").write_bytes(b"\x89PNG")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as err:
        expand_inputs([given])
    assert str(err.value) == message
