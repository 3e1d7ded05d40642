"""The cleaning stage on pages written in the styles of the major Vietnamese outlets."""

import pytest

from tests.conftest import DATA
from translator.eval.cleaning import check_folder, main

PAGES = DATA / "pages"
SITES = DATA / "sites"  # each site's real structure, with text of our own


@pytest.mark.parametrize("result", check_folder(PAGES), ids=lambda r: r.name)
def test_page_keeps_the_story_and_sets_aside_the_furniture(result):
    assert result.mistakes == []


def test_eval_command_reports_totals(capsys):
    assert main([str(PAGES)]) == 0
    assert "0 mistakes" in capsys.readouterr().out


@pytest.mark.parametrize("result", check_folder(SITES), ids=lambda r: r.name)
def test_site_page_whole_story_none_of_the_page(result):
    """Every story block kept in order, no furniture kept, title and date right (the eval's rules)."""
    assert result.mistakes == []
    assert not result.lost and not result.furniture


def test_eval_reports_story_and_furniture_per_site(capsys):
    assert main([str(SITES)]) == 0
    out = capsys.readouterr().out
    assert "16 pages: 176 story blocks kept, 0 lost; 0 furniture blocks kept (0.0% of kept)" in out
    assert out.splitlines()[0].split() == ["page", "story", "kept", "lost", "furniture", "kept", "removed"]


def test_eval_finds_a_lost_story_block_and_kept_furniture(tmp_path):
    """The eval itself can fail: a page whose expectation differs from what cleaning gives."""
    import json
    import shutil

    shutil.copy(SITES / "paste-tuoitre.txt", tmp_path / "page.txt")
    expected = json.loads((SITES / "expected.json").read_text(encoding="utf-8"))["paste-tuoitre.txt"]
    expected["story"] = [*expected["story"][:-1], "Từ khóa:", "Một đoạn không có trong trang."]
    (tmp_path / "expected.json").write_text(json.dumps({"page.txt": expected}, ensure_ascii=False), encoding="utf-8")
    [result] = check_folder(tmp_path)
    assert result.lost == ["Từ khóa:", "Một đoạn không có trong trang."]
    assert result.furniture == ["Hoài Thu"]


def test_eval_names_each_mistake_and_fails(tmp_path, capsys):
    """Every kind of mistake, in the report's words, and a failing exit status for a script."""
    import json

    first = (
        "Đây là đoạn văn đầu tiên của bài viết, dài hơn bảy mươi ký tự để kiểm tra phần bị cắt ngắn trong báo cáo lỗi."
    )
    second = "Đoạn thứ hai của bài viết nói về chip bán dẫn và kế hoạch của chính phủ trong năm tới."
    (tmp_path / "a.txt").write_text(f"{first}\n\n{second}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{first}\n\n{second}\n", encoding="utf-8")
    expected = {
        "a.txt": {"story": [second, first], "title": "", "date": "2025"},  # no title, as the page has none
        "b.txt": {"kinds": ["lead", "paragraph"], "removed": 2},
    }
    (tmp_path / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1].split() == ["a.txt", "2", "0", "0", "0", "MISTAKE"]
    assert out[2:4] == ["    the story's order is not kept", "    date None, expected '2025'"]
    assert out[4].split() == ["b.txt", "2", "0", "0", "0", "MISTAKE"]
    assert out[5] == "    removed 0 blocks, expected 2"
    expected["a.txt"] = {"story": [first + " Thêm một câu.", second], "title": second}
    (tmp_path / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    result = check_folder(tmp_path)[0]
    assert result.mistakes == [
        f"story lost: {(first + ' Thêm một câu.')[:70]}",
        f"furniture kept: {first[:70]}",
        f"title '', expected {second[:60]!r}",
    ]
