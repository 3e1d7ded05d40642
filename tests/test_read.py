import unicodedata

import pytest

from translator.document import BlockKind
from translator.errors import InputError
from translator.read import decode, read_article

TEXT = "Tiêu đề bài báo\n\nĐoạn một. Câu hai.\n\nThách thức mới\n\nĐoạn ba có “ngoặc kép”."


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        unicodedata.normalize("NFD", TEXT).encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "crlf", "decomposed"],
)
def test_every_encoding_reads_to_the_same_nfc_text(tmp_path, encoded):
    path = tmp_path / "a.txt"
    path.write_bytes(encoded)
    doc = read_article(path)
    assert [b.text for b in doc.blocks] == [
        "Tiêu đề bài báo",
        "Đoạn một. Câu hai.",
        "Thách thức mới",
        "Đoạn ba có “ngoặc kép”.",
    ]
    assert all(unicodedata.is_normalized("NFC", b.text) for b in doc.blocks)


def test_block_kinds_title_heading_paragraph(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    kinds = [b.kind for b in read_article(path).blocks]
    assert kinds == [BlockKind.TITLE, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH]


def test_hard_wrapped_lines_are_joined_but_standalone_lines_are_not():
    from translator.read import parse_blocks

    blocks = parse_blocks("Tiêu đề\n\nĐây là một câu bị\nngắt dòng giữa chừng.\nCâu mới bắt đầu.")
    assert [b.text for b in blocks] == ["Tiêu đề", "Đây là một câu bị ngắt dòng giữa chừng.", "Câu mới bắt đầu."]


def test_markdown_headings(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Tiêu đề\n\nĐoạn một.\n\n## Phần hai ##\n\nĐoạn hai.", encoding="utf-8")
    blocks = read_article(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.TITLE, "Tiêu đề"),
        (BlockKind.PARAGRAPH, "Đoạn một."),
        (BlockKind.HEADING, "Phần hai"),
        (BlockKind.PARAGRAPH, "Đoạn hai."),
    ]


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_invalid_utf8_is_an_input_error():
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode(b"Vi\x81t Nam \x8d", "x.txt")  # bytes that are neither UTF-8 nor Windows-1258


def test_markdown_lists_quotes_and_inline_markup(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "# Tiêu đề\n\nĐoạn có **chữ đậm**, *nghiêng*, `mã` và [liên kết](https://x.vn).\n\n"
        "- Mục một\n- Mục hai\n1. Bước một\n\n> Trích dẫn dòng một\n> dòng hai.\n\n![ảnh](a.png)\n",
        encoding="utf-8",
    )
    assert [(b.kind, b.text, b.marker) for b in read_article(path).blocks] == [
        (BlockKind.TITLE, "Tiêu đề", ""),
        (BlockKind.PARAGRAPH, "Đoạn có chữ đậm, nghiêng, mã và liên kết (https://x.vn).", ""),
        (BlockKind.LIST_ITEM, "Mục một", ""),
        (BlockKind.LIST_ITEM, "Mục hai", ""),
        (BlockKind.LIST_ITEM, "Bước một", "1."),
        (BlockKind.QUOTE, "Trích dẫn dòng một dòng hai.", ""),
    ]


def test_plain_text_bullets_are_list_items(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Tiêu đề\n\nÔng cho biết:\n- Tăng trưởng 7%\n• Lạm phát 3,5%", encoding="utf-8")
    assert [b.kind for b in read_article(path).blocks][2:] == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]


def test_control_characters_are_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Tiêu đề\x0b\n\nĐoạn\x07 một.\x1b".encode())
    assert [b.text for b in read_article(path).blocks] == ["Tiêu đề", "Đoạn một."]
