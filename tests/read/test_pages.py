"""The cleaning stage on pages written in the styles of the major Vietnamese outlets."""

import json

import pytest

from tests.conftest import DATA
from translator.clean import clean
from translator.eval.cleaning import check_folder, main
from translator.read import read_data

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
    assert "18 pages: 191 story blocks kept, 0 lost; 0 furniture blocks kept (0.0% of kept)" in out
    assert out.splitlines()[0].split() == ["page", "story", "kept", "lost", "furniture", "kept", "removed"]


# Classes that mark boxes (related stories, ads, tags, share bars, navigation), as CMSs also put
# them on in-text links: "cms-relate" (PLO, Báo Mới), "link-inline-content" (Tuổi Trẻ, Thanh Niên).
BOX_CLASSES = (
    "cms-relate",
    "link-inline-content",
    "related-link",
    "tinlienquan",
    "insert-news",
    "readmore",
    "xem-them",
    "ads",
    "banner",
    "qc",
    "tags",
    "tag-list",
    "share-link",
    "social",
    "comment",
    "nav",
    "sidebar",
    "breadcrumb",
    "author",
    "widget",
)
EXPECTED = json.loads((SITES / "expected.json").read_text(encoding="utf-8"))
SITE_PAGES = [name for name in EXPECTED if name.endswith(".html")]


@pytest.mark.parametrize("tag", ["a", "span", "em", "strong", "b", "i"])
@pytest.mark.parametrize("name", SITE_PAGES)
def test_inline_elements_with_box_classes_stay_in_their_sentence(name, tag):
    """Every box-like class on in-text links and spans, one per word of a story paragraph: the
    paragraph is kept whole, on every site (its container's reading or the general extractor's)."""
    html = (SITES / name).read_text(encoding="utf-8")
    story = EXPECTED[name]["story"][2:]
    paragraph = next(t for t in story if len(t.split()) > len(BOX_CLASSES) // 2 and html.count(t) == 1)
    words = paragraph.split()
    marked = [
        f'<{tag} class="{BOX_CLASSES[i % len(BOX_CLASSES)]}" href="/bai-khac-{i}.html">{word}</{tag}>'
        if 0 < i < len(words) - 1
        else word
        for i, word in enumerate(words)
    ]
    page = html.replace(paragraph, " ".join(marked))
    doc = clean(read_data(page.encode("utf-8"), name, ".html"))
    assert paragraph in [b.text for b in doc.blocks]
    assert not [r.text for r in doc.removed if r.text in paragraph]


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
