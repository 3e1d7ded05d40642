"""translator.read.markdown: what a Markdown file's blocks are."""

import pytest

from translator.document import BlockKind
from translator.read.markdown import read_markdown


def test_a_paragraph_after_a_list_is_a_paragraph_again():
    blocks, _ = read_markdown("1. một\n2. hai\n\nĐoạn sau danh sách.\n\n- ba\n")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.LIST_ITEM, "một"),
        (BlockKind.LIST_ITEM, "hai"),
        (BlockKind.PARAGRAPH, "Đoạn sau danh sách."),
        (BlockKind.LIST_ITEM, "ba"),
    ]
    assert [b.marker for b in blocks] == ["1.", "2.", "", ""]


def test_a_footnote_of_two_paragraphs_keeps_both_as_written():
    blocks, _ = read_markdown("Câu[^1].\n\n[^1]: Chú thích một.\n\n    Đoạn hai của chú thích.\n")
    texts = [b.text for b in blocks]
    assert "[1] Chú thích một." in texts and "Đoạn hai của chú thích." in texts
    assert len(texts) == 3


def test_nested_lists_keep_each_items_text_and_own_number():
    """A list inside an item, or a quote, leaves the item as it was: the item's later paragraphs
    are paragraphs of it, not numbered again as items of their own, and the list after a nested
    one keeps its own numbers."""
    blocks, _ = read_markdown(
        "1. Bước một\n\n   - chi tiết a\n   - chi tiết b\n\n     > trích trong mục\n\n   Tiếp bước một.\n"
        "2. Bước hai\n   1) con một\n   2) con hai\n\n   Vẫn bước hai.\n\nĐoạn sau.\n\n- Một ý.\n\n  Ý ấy nói thêm.\n"
    )
    assert [(b.kind, b.text, b.marker) for b in blocks] == [
        (BlockKind.LIST_ITEM, "Bước một", "1."),
        (BlockKind.LIST_ITEM, "chi tiết a", ""),
        (BlockKind.LIST_ITEM, "chi tiết b", ""),
        (BlockKind.QUOTE, "trích trong mục", ""),
        (BlockKind.PARAGRAPH, "Tiếp bước một.", ""),
        (BlockKind.LIST_ITEM, "Bước hai", "2."),
        (BlockKind.LIST_ITEM, "con một", "1)"),
        (BlockKind.LIST_ITEM, "con hai", "2)"),
        (BlockKind.PARAGRAPH, "Vẫn bước hai.", ""),
        (BlockKind.PARAGRAPH, "Đoạn sau.", ""),
        (BlockKind.LIST_ITEM, "Một ý.", ""),
        (BlockKind.PARAGRAPH, "Ý ấy nói thêm.", ""),  # no second bullet either
    ]


NOT_META = (BlockKind.HEADING, "title: Không phải")  # a line underlined with --- is a heading
ONE, TWO = (BlockKind.PARAGRAPH, "Đoạn một."), (BlockKind.PARAGRAPH, "Đoạn hai.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đoạn một.\n\ntitle: Không phải\n---\n\nĐoạn hai.\n", [ONE, NOT_META, TWO]),
        ("Đoạn một.\n\n---\ntitle: Không phải\n---\n\nĐoạn hai.\n", [ONE, NOT_META, TWO]),  # a rule first
        ("\n---\ntitle: Không phải\n---\nĐoạn hai.\n", [(BlockKind.TITLE, NOT_META[1]), TWO]),  # a blank line first
    ],
)
def test_only_a_block_at_the_very_start_is_front_matter(text, expected):
    """Elsewhere a ``---`` line is Markdown: nothing is read as metadata, and no text is lost."""
    blocks, meta = read_markdown(text)
    assert meta == {}
    assert [(b.kind, b.text) for b in blocks] == expected


P, L, T, C, Q, N = (
    BlockKind.PARAGRAPH,
    BlockKind.LIST_ITEM,
    BlockKind.TITLE,
    BlockKind.CODE,
    BlockKind.QUOTE,
    BlockKind.NOTE,
)
TITLED = (
    "---\ntitle: Giá lúa tăng mạnh\nauthor: ''\nauthors: [An, Bình]\npublished: 2024-05-01\nlink: https://vd.vn/a\n"
)


@pytest.mark.parametrize(
    ("text", "expected", "meta"),
    [
        pytest.param(  # known keys under their field, a list joined, the first given of two kept
            TITLED + "source: VnExpress\nsite: Khác\ntags: [x]\nurl: ''\n---\nĐoạn một.\n",
            [(T, "Giá lúa tăng mạnh"), (P, "Đoạn một.")],
            {
                "title": "Giá lúa tăng mạnh",
                "author": "An, Bình",
                "date": "2024-05-01",
                "url": "https://vd.vn/a",
                "site": "VnExpress",
            },
            id="front matter",
        ),
        pytest.param(  # the author's own # heading is the title; the front matter's is only metadata
            "---\nTitle: Tiêu đề phụ\n...\n# Tiêu đề thật\n\nĐoạn một.\n",
            [(T, "Tiêu đề thật"), (P, "Đoạn một.")],
            {"title": "Tiêu đề phụ"},
            id="heading over meta title",
        ),
        pytest.param(  # a sentence is no headline: metadata only
            "---\ntitle: Hôm nay trời mưa. Ngày mai nắng.\n---\nĐoạn một.\n",
            [(P, "Đoạn một.")],
            {"title": "Hôm nay trời mưa. Ngày mai nắng."},
            id="meta title not a headline",
        ),
        pytest.param(  # never closed, a list, broken YAML: no front matter, the text read as it is
            "---\ntitle: Mở mãi\n\nĐoạn một.\n", [(P, "title: Mở mãi"), (P, "Đoạn một.")], {}, id="unclosed"
        ),
        pytest.param("---\n- một\n---\nĐoạn một.\n", [(L, "một"), (P, "Đoạn một.")], {}, id="not a mapping"),
        pytest.param("---\ntitle: [mở\n---\nĐoạn một.\n", [(T, "title: [mở"), (P, "Đoạn một.")], {}, id="bad yaml"),
        pytest.param(  # code and raw HTML pass through as written; an empty fence is nothing
            "Đoạn một.\n\n```\n  x = 1\ny = 2\n```\n\n```\n\n```\n\n    thụt lề\n\n<div>\nthô\n</div>\n\n> Trích.\n",
            [(P, "Đoạn một."), (C, "  x = 1\ny = 2"), (C, "thụt lề"), (C, "<div>\nthô\n</div>"), (Q, "Trích.")],
            {},
            id="code",
        ),
        pytest.param(  # markup dropped; a link keeps its target unless the text is the target
            "Xem [bài *gốc*](https://vd.vn/b) và <https://vd.vn/c>, thư <a@vd.vn>, `mã`[^1] [trống]().  \nDòng hai.\n\n"
            "[^1]: Ghi [chú](https://vd.vn/d).\n",
            [
                (P, "Xem bài gốc (https://vd.vn/b) và https://vd.vn/c, thư a@vd.vn, mã[1] trống."),
                (P, "Dòng hai."),
                (N, "[1] Ghi chú (https://vd.vn/d)."),
            ],
            {},
            id="inline",
        ),
    ],
)
def test_markdown_reads_as_the_author_marked_it(text, expected, meta):
    """Front matter is metadata, never text; code stays as written; inline markup leaves its text."""
    blocks, got_meta = read_markdown(text)
    assert [(b.kind, b.text) for b in blocks] == expected
    assert got_meta == meta


def test_a_table_s_cells_know_their_table_row_and_column():
    """Two tables, each cell placed, the header row marked: an export rebuilds the same tables."""
    from translator.document import Cell

    blocks, _ = read_markdown(
        "| Thành phố | Giá |\n|---|---|\n| Huế | 10 |\n| Vinh | 12 |\n\nGiữa.\n\n| A | B |\n|---|---|\n| x | y |\n"
    )
    assert [(b.kind, b.text, b.cell) for b in blocks] == [
        (P, "Thành phố", Cell(0, 0, 0, header=True)),
        (P, "Giá", Cell(0, 0, 1, header=True)),
        (P, "Huế", Cell(0, 1, 0)),
        (P, "10", Cell(0, 1, 1)),
        (P, "Vinh", Cell(0, 2, 0)),
        (P, "12", Cell(0, 2, 1)),
        (P, "Giữa.", None),
        (P, "A", Cell(1, 0, 0, header=True)),
        (P, "B", Cell(1, 0, 1, header=True)),
        (P, "x", Cell(1, 1, 0)),
        (P, "y", Cell(1, 1, 1)),
    ]


def test_a_markdown_file_is_decoded_and_read_with_its_metadata():
    from translator.read.markdown import read_markdown_file

    doc = read_markdown_file("---\ntitle: Giá lúa tăng\n---\nĐoạn một.\n".encode(), "bai.md")
    assert [(b.kind, b.text) for b in doc.blocks] == [(T, "Giá lúa tăng"), (P, "Đoạn một.")]
    assert doc.meta == {"title": "Giá lúa tăng"} and doc.warnings == []
