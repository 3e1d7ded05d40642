"""``python -m translator.eval.cleaning``: what it reports per page and in total, mistakes and all."""

import json
import unicodedata
from pathlib import Path

from translator.eval.cleaning import PageResult, check_folder, main

TITLE = "Giá vàng tăng mạnh trong tuần"
LEAD = "Giá vàng trong nước hôm nay tăng thêm 500.000 đồng mỗi lượng so với hôm qua."
BODY = "Các chuyên gia cho rằng xu hướng này còn kéo dài trong những tuần tới."
HEADER = "page                     story kept  lost  furniture kept  removed  "
PAGE = f"{TITLE}\n\n{LEAD}\n\n{BODY}\n\nChia sẻ Facebook\n"  # the last line is page furniture


def _folder(tmp_path: Path, expected: dict) -> Path:
    for name in expected:
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    (tmp_path / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def _report(folder: Path, capsys) -> tuple[int, list[str]]:
    """The command's exit status and every line it prints."""
    status = main([str(folder)])
    return status, capsys.readouterr().out.splitlines()


def test_a_page_cleaned_as_expected_is_ok(tmp_path, capsys):
    """Blocks are compared as readers see them: any Unicode form, spacing or letter case."""
    loose = unicodedata.normalize("NFD", "  GIÁ VÀNG  tăng mạnh\ttrong tuần ")
    story = {"story": [loose, LEAD, BODY, "Chia sẻ Facebook"], "title": loose}
    folder = _folder(
        tmp_path, {"a.txt": story, "b.txt": {"kinds": ["title", "lead", "paragraph", "heading"], "removed": 0}}
    )
    ok = "                             4     0               0        0  OK"
    totals = "2 pages: 8 story blocks kept, 0 lost; 0 furniture blocks kept (0.0% of kept), 0 removed; 0 mistakes"
    assert _report(folder, capsys) == (0, [HEADER, f"a.txt{ok}", f"b.txt{ok}", totals])


def test_every_kind_of_mistake_is_reported(tmp_path, capsys):
    """Story lost, furniture kept, order, title and date (the story form); kinds and removed
    blocks (the older form): each is a line under its page, and any of them fails the run."""
    expected = {
        "a.txt": {
            "story": [TITLE, BODY, LEAD, "Một đoạn không có trong trang."],
            "title": "Vàng tăng giá",
            "date": "2025-02-06",
        },
        "b.txt": {"kinds": ["title", "paragraph"], "removed": 1},
    }
    folder = _folder(tmp_path, expected)
    results = check_folder(folder)
    assert results == [
        PageResult(
            "a.txt",
            4,
            0,
            lost=["Một đoạn không có trong trang."],
            furniture=["Chia sẻ Facebook"],
            mistakes=[
                "the story's order is not kept",
                "story lost: Một đoạn không có trong trang.",
                "furniture kept: Chia sẻ Facebook",
                f"title {TITLE!r}, expected 'Vàng tăng giá'",
                "date None, expected '2025-02-06'",
            ],
        ),
        PageResult(
            "b.txt",
            4,
            0,
            mistakes=[
                "kept ['title', 'lead', 'paragraph', 'heading'], expected ['title', 'paragraph']",
                "removed 0 blocks, expected 1",
            ],
        ),
    ]
    assert _report(folder, capsys) == (
        1,
        [
            HEADER,
            "a.txt                             3     1               1        0  MISTAKE",
            *(f"    {mistake}" for mistake in results[0].mistakes),
            "b.txt                             4     0               0        0  MISTAKE",
            *(f"    {mistake}" for mistake in results[1].mistakes),
            "2 pages: 7 story blocks kept, 1 lost; 1 furniture blocks kept (12.5% of kept), 0 removed; 7 mistakes",
        ],
    )


def test_a_page_without_a_title_is_expected_to_have_none(tmp_path):
    """The first block is the title only when cleaning made it one: a page opening with its lead has none."""
    (tmp_path / "a.md").write_text(f"{LEAD}\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "expected.json").write_text(
        json.dumps({"a.md": {"story": [LEAD, BODY], "title": ""}}, ensure_ascii=False), encoding="utf-8"
    )
    assert check_folder(tmp_path) == [PageResult("a.md", 2, 0)]
