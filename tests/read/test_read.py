import unicodedata

import pytest
from click.testing import CliRunner

from tests.read.test_html import _cp1258
from tests.read.test_odt import _zipped
from translator.cli import main
from translator.document import BlockKind
from translator.errors import ExitCode, InputError
from translator.read import decode, read_article
from translator.read.encoding import decode as decode_with_warnings

TEXT = "Tiêu đề bài báo\n\nĐoạn một. Câu hai.\n\nThách thức mới\n\nĐoạn ba có “ngoặc kép”."


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        unicodedata.normalize("NFD", TEXT).encode("utf-8"),
        TEXT.encode("utf-16-le"),  # no BOM: told apart by where the zero bytes are
        TEXT.encode("utf-16-be"),
        _cp1258(TEXT),  # old Windows Vietnamese (converted with a warning)
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "crlf", "decomposed", "utf16le", "utf16be", "cp1258"],
)
def test_every_encoding_reads_to_the_same_nfc_text(tmp_path, encoded):
    path = tmp_path / "a.txt"
    path.write_bytes(encoded)
    doc = read_article(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Tiêu đề bài báo"),
        (BlockKind.PARAGRAPH, "Đoạn một. Câu hai."),
        (BlockKind.HEADING, "Thách thức mới"),
        (BlockKind.PARAGRAPH, "Đoạn ba có “ngoặc kép”."),
    ]
    assert all(unicodedata.is_normalized("NFC", b.text) for b in doc.blocks)
    legacy = encoded == _cp1258(TEXT)  # only a guess is warned about; a BOM or zero bytes are certain
    assert doc.warnings == (
        [f"{path}: converted from Windows-1258 (old Vietnamese Windows encoding)"] if legacy else []
    )


def test_block_kinds_title_heading_paragraph(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    kinds = [b.kind for b in read_article(path).blocks]
    assert kinds == [BlockKind.TITLE, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH]


def test_hard_wrapped_lines_are_joined_but_standalone_lines_are_not():
    from translator.read import parse_blocks

    blocks = parse_blocks("Tiêu đề\n\nĐây là một câu bị\nngắt dòng giữa chừng.\nCâu mới bắt đầu.")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.TITLE, "Tiêu đề"),
        (BlockKind.PARAGRAPH, "Đây là một câu bị ngắt dòng giữa chừng."),
        (BlockKind.PARAGRAPH, "Câu mới bắt đầu."),
    ]


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
    with pytest.raises(InputError) as err:
        read_article(tmp_path / "nope.txt")
    assert str(err.value) == f"{tmp_path / 'nope.txt'}: no such file"


def test_invalid_utf8_is_an_input_error():
    with pytest.raises(InputError) as err:
        decode(b"Vi\x81t Nam \x8d", "x.txt")  # bytes that are neither UTF-8 nor Windows-1258
    assert str(err.value) == "x.txt: not valid UTF-8 text (byte 2); save it as UTF-8"


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
    assert [(b.kind, b.text) for b in read_article(path).blocks] == [
        (BlockKind.TITLE, "Tiêu đề"),
        (BlockKind.PARAGRAPH, "Ông cho biết:"),
        (BlockKind.LIST_ITEM, "Tăng trưởng 7%"),
        (BlockKind.LIST_ITEM, "Lạm phát 3,5%"),
    ]


def test_control_characters_are_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Tiêu đề\x0b\n\nĐoạn\x07 một.\x1b".encode())
    assert [(b.kind, b.text) for b in read_article(path).blocks] == [
        (BlockKind.TITLE, "Tiêu đề"),
        (BlockKind.PARAGRAPH, "Đoạn một."),
    ]


MARKDOWN = """---
title: "Chip và địa chính trị"
author: [Lan Anh, Minh Phương]
date: 2025-02-06
url: https://example.vn/chip
tags: [chip, AI]
---

Đoạn mở đầu có [liên kết](https://example.vn/a "tiêu đề") và <https://example.vn/b>.

| Quốc gia | Thị phần |
| --- | :---: |
| Mỹ | 48,6% |

```python
print("không dịch")
```

3. Bước ba
4. Bước bốn

- Gạch đầu dòng
"""


def test_markdown_front_matter_tables_code_links_and_numbers(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = read_article(path)
    assert doc.meta["title"] == "Chip và địa chính trị" and doc.meta["author"] == "Lan Anh, Minh Phương"
    assert doc.meta["date"] == "2025-02-06" and doc.meta["url"] == "https://example.vn/chip"
    assert [(b.kind, b.text, b.marker) for b in doc.blocks] == [
        (BlockKind.TITLE, "Chip và địa chính trị", ""),
        (BlockKind.PARAGRAPH, "Đoạn mở đầu có liên kết (https://example.vn/a) và https://example.vn/b.", ""),
        (BlockKind.PARAGRAPH, "Quốc gia", ""),
        (BlockKind.PARAGRAPH, "Thị phần", ""),
        (BlockKind.PARAGRAPH, "Mỹ", ""),
        (BlockKind.PARAGRAPH, "48,6%", ""),
        (BlockKind.CODE, 'print("không dịch")', ""),
        (BlockKind.LIST_ITEM, "Bước ba", "3."),
        (BlockKind.LIST_ITEM, "Bước bốn", "4."),
        (BlockKind.LIST_ITEM, "Gạch đầu dòng", ""),
    ]


def test_markdown_through_the_cli_passes_code_and_numbers_through(copy_model, tmp_path):
    from click.testing import CliRunner

    from translator.cli import main

    path = tmp_path / "a.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["translate", str(path), "-o", str(tmp_path / "out"), "--model", str(copy_model), "-q", "-f", "md,jsonl"]
    )
    assert result.exit_code == 0, result.output
    import json

    rows = [json.loads(line) for line in (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    code = next(r for r in rows if r.get("kind") == "code")
    assert code["source"] == code["target"] == 'print("không dịch")' and not code.get("flags")
    text = (tmp_path / "out" / "a.bilingual.md").read_text(encoding="utf-8")
    assert "| 3\\. Bước ba |" in text and "title:" not in text and "| --- | :---: |" not in text


def test_front_matter_that_is_not_yaml_is_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\n\nĐoạn một: [không đóng\n\nĐoạn hai.\n", encoding="utf-8")
    assert "Đoạn hai." in [b.text for b in read_article(path).blocks]


@pytest.mark.parametrize(
    "invisible",
    ["\u00a0", "\u202f", "\u2007", "\u200b", "\u200b ", " \u200b", "\u200c ", "\u00ad ", " \ufeff", "\u2060 "],
)
def test_invisible_characters_do_not_hide_terms_sentences_or_numbers(tmp_path, invisible):
    from translator.facts.spans import find
    from translator.glossary import load_all
    from translator.pipeline import segment

    text = f"Trí tuệ{invisible}nhân tạo phát triển trên thế giới.{invisible}Học máy có 4,33{invisible}tỷ USD."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    doc = segment(read_article(path))
    [block] = doc.blocks
    assert [s.source for s in block.sentences] == [
        "Trí tuệ nhân tạo phát triển trên thế giới.",
        "Học máy có 4,33 tỷ USD.",
    ]
    assert [m.entry.vi for m in load_all([]).find(block.text)] == ["trí tuệ nhân tạo", "học máy"]
    assert [s.rendering for s in find(block.sentences[1].source) if s.kind == "money"] == ["4.33 billion USD"]


def test_short_english_text_is_warned_about(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("Chip exports\n\nThe US tightened export controls on chips.\n", encoding="utf-8")
    doc = read_article(path)
    assert (doc.vietnamese, doc.warnings) == (False, [f"{path}: does not look like Vietnamese"])
    path.write_text("Xuất khẩu chip\n\nMỹ siết chặt kiểm soát xuất khẩu chip.\n", encoding="utf-8")
    assert read_article(path).vietnamese


LOSSY = (
    'UTF-8 text that was mis-decoded as Windows-1252 and saved again ("Viá»‡t"), with some characters '
    "lost on the way, so it cannot be repaired exactly; find the original file"
)


def test_lossy_mojibake_is_named_for_what_it_is(tmp_path):
    text = "Người dân Việt Nam và Hoa Kỳ nâng cấp quan hệ đối tác chiến lược toàn diện trong thời gian tới. " * 3
    # "ờ" is E1 BB 9D in UTF-8, and Windows-1252 has no character for 9D: it was lost as "?"
    mangled = text.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "?")
    assert "?" in mangled
    path = tmp_path / "m.txt"
    path.write_text(mangled, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value) == f"{path}: {LOSSY}"


def test_nul_bytes_mean_binary():
    with pytest.raises(InputError) as err:
        decode(b"Tieu de bai bao\x00\x00\x01 va noi dung nhi phan \x00" * 3, "a.bin")
    assert str(err.value) == "a.bin: binary data, not text"


def test_bytes_that_are_no_vietnamese_are_not_taken_for_windows_1258():
    """Windows-1258 maps almost every byte to something: only text that then reads as
    Vietnamese is accepted, the rest is refused with the reason."""
    decodable = [b for b in range(0x80, 0x100) if _decodes(bytes([b]))]
    noise = b"Header " + bytes(decodable) * 4
    with pytest.raises(InputError) as err:
        decode(noise, "noise.txt")
    assert str(err.value) == (
        "noise.txt: not valid UTF-8 text (byte 7), and not Vietnamese in Windows-1258; save it as UTF-8"
    )
    hanoi = "Hà Nội là thủ đô của Việt Nam, một thành phố nghìn năm tuổi."
    assert decode_with_warnings(_cp1258(hanoi), "hn.txt") == (
        hanoi,
        ["hn.txt: converted from Windows-1258 (old Vietnamese Windows encoding)"],
    )


def _shown_by_windows(byte: int) -> str:
    """How Windows-1252 shows a byte (Latin-1 where it has no character): the usual mojibake."""
    return bytes([byte]).decode("cp1252") if _decodes_1252(byte) else chr(byte)


def _decodes_1252(byte: int) -> bool:
    try:
        bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _decodes(data: bytes) -> bool:
    try:
        data.decode("cp1258")
    except UnicodeDecodeError:
        return False
    return True


def test_mojibake_is_repaired_only_when_that_gains_vietnamese():
    vietnamese = "Thủ tướng Việt Nam phát biểu tại Hà Nội về kinh tế số."
    garbled = "".join(_shown_by_windows(b) for b in vietnamese.encode("utf-8")).encode("utf-8")
    assert decode_with_warnings(garbled, "tin.txt") == (
        vietnamese,
        ['tin.txt: repaired text that had been mis-decoded as Latin-1 ("Viá»‡t" → "Việt")'],
    )
    french = "Le café crème est brûlé à côté.".encode().decode("cp1252").encode("utf-8")
    with pytest.raises(InputError) as err:  # "repairing" it gains no Vietnamese: not done
        decode(french, "menu.txt")
    assert str(err.value) == f"menu.txt: {LOSSY}"


def test_english_with_a_stray_byte_is_not_taken_for_windows_1258():
    """One byte that Windows-1258 reads as a Vietnamese letter ("ă") does not make English text Vietnamese."""
    english = b"This report was saved by an old editor and has one odd byte \xe3 in it, nothing more."
    with pytest.raises(InputError) as err:
        decode(english, "report.txt")
    assert str(err.value) == (
        "report.txt: not valid UTF-8 text (byte 60), and not Vietnamese in Windows-1258; save it as UTF-8"
    )


def test_seven_letter_syllables_are_syllables():
    """ "nghiêng", "nghiệng": the longest Vietnamese syllables still read as words in Windows-1258."""
    text = "Nghiêng nghiêng nghiệng, ngoằng nghiêng nghiêng nghiêng nghiêng ngoảnh ngoảnh."
    assert decode(_cp1258(text), "old.txt") == text


def test_markdown_raw_html_blocks_are_kept_untranslated(tmp_path):
    """An embedded player or a raw HTML table is passed through like code: not translated, not lost."""
    path = tmp_path / "a.md"
    embed = '<iframe src="https://example.vn/video"\n  title="Phỏng vấn"></iframe>'
    path.write_text(
        f"# Tiêu đề bài viết\n\nĐoạn văn trước video.\n\n{embed}\n\nĐoạn văn sau video.\n", encoding="utf-8"
    )
    assert [(b.kind, b.text) for b in read_article(path).blocks] == [
        (BlockKind.TITLE, "Tiêu đề bài viết"),
        (BlockKind.PARAGRAPH, "Đoạn văn trước video."),
        (BlockKind.CODE, embed),
        (BlockKind.PARAGRAPH, "Đoạn văn sau video."),
    ]


def test_degree_and_copyright_signs_do_not_make_a_legacy_font():
    """TCVN3 spells Vietnamese letters with Latin-1 symbols (°, ±, ©…); a Unicode Vietnamese text
    full of them (a weather report) is Unicode all the same, and an English text with 3% of
    them (one in every 33 letters) is not TCVN3 either."""
    weather = "Nhiệt độ hôm nay ở Hà Nội là 35°C ± 2°, độ ẩm 80%. " * 3
    assert decode_with_warnings(weather.encode("utf-8")) == (weather, [])
    words = "Temperatures reached thirty degrees at noon and fell at six " * 2  # 100 letters
    assert sum(c.isalpha() for c in words) == 100
    english = words + "(35°, 20°, 15°)"
    assert decode_with_warnings(english.encode("utf-8")) == (english, [])


def test_two_characters_of_utf16_without_a_bom():
    assert decode_with_warnings("Hà".encode("utf-16-le")) == ("Hà", [])
    assert decode_with_warnings("Hà".encode("utf-16-be")) == ("Hà", [])


def test_text_given_as_data_is_named_after_its_file_name_alone():
    from translator.read import read_data

    doc = read_data("Tiêu đề\n\nMột câu về chip.\n".encode(), "/home/an/bai-bao.txt")
    assert (doc.meta, doc.warnings) == ({"source_file": "bai-bao.txt"}, [])


SPEECH = "“Chúng ta cần những kỹ sư hiểu cả phần cứng lẫn phần mềm”"
NO_FULL_STOP = (
    "Một đoạn văn khá dài không có dấu chấm ở cuối vì người viết quên mất nhưng vẫn là một đoạn văn của bài báo"
)


@pytest.mark.parametrize(
    "line",
    [SPEECH, "Ông Hùng nói: “Chúng ta cần kỹ sư”", "— Anh có thấy không", NO_FULL_STOP, "Câu một. Câu hai không chấm"],
    ids=["quoted speech", "speech in the line", "dialogue", "long, no full stop", "two sentences"],
)
def test_speech_and_paragraphs_without_a_full_stop_are_not_headings(line):
    from translator.read import parse_blocks

    blocks = parse_blocks(f"Tiêu đề của bài\n\nĐoạn mở đầu của bài viết.\n\n{line}\n\nDoanh nghiệp tăng đầu tư")
    assert [b.kind for b in blocks] == [BlockKind.TITLE, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.HEADING]


@pytest.mark.parametrize("title", ["Vì sao giá vàng tăng vọt?", "Giá vàng lập đỉnh mới!", "Mỹ “nóng mặt”, EU “kẹt”"])
def test_a_headline_that_asks_exclaims_or_quotes_is_the_title(title):
    from translator.read import parse_blocks

    blocks = parse_blocks(f"{title}\n\nGiá vàng trong nước sáng nay tăng thêm 2 triệu đồng mỗi lượng.")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.TITLE, title),
        (BlockKind.PARAGRAPH, "Giá vàng trong nước sáng nay tăng thêm 2 triệu đồng mỗi lượng."),
    ]


def test_in_markdown_only_what_the_author_marked_is_a_heading(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        f"# Tiêu đề\n\nĐoạn một.\n\n{SPEECH}\n\nDòng ngắn không dấu chấm\n\n## Phần hai\n", encoding="utf-8"
    )
    kinds = [b.kind for b in read_article(path).blocks]
    assert kinds == [BlockKind.TITLE, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.HEADING]


def test_markdown_footnotes_are_notes_numbered_where_they_are_cited(tmp_path):
    """A footnote is no heading, and a one-word one ("Reuters") is not swallowed as a link definition."""
    path = tmp_path / "a.md"
    path.write_text(
        "# Tiêu đề\n\nGDP tăng 6,9%[^gdp] và xuất khẩu tăng mạnh[^2].\n\n"
        "[^2]: Reuters\n[^gdp]: Nguồn: Tổng cục Thống kê\n",
        encoding="utf-8",
    )
    blocks = read_article(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.TITLE, "Tiêu đề"),
        (BlockKind.PARAGRAPH, "GDP tăng 6,9%[1] và xuất khẩu tăng mạnh[2]."),
        (BlockKind.NOTE, "[1] Nguồn: Tổng cục Thống kê"),
        (BlockKind.NOTE, "[2] Reuters"),
    ]


def test_markdown_table_cells_know_their_table_row_and_column(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "# Giá xăng\n\n| Thành phố | Giá |\n| --- | --- |\n| Hà Nội | 25.000 đồng |\n| TP.HCM | 24.500 đồng |\n\n"
        "| A | B |\n| --- | --- |\n| 1 | 2 |\n",
        encoding="utf-8",
    )
    from translator.document import Cell

    cells = [(b.text, b.cell) for b in read_article(path).blocks if b.cell]
    assert cells[:6] == [
        ("Thành phố", Cell(0, 0, 0, header=True)),
        ("Giá", Cell(0, 0, 1, header=True)),
        ("Hà Nội", Cell(0, 1, 0)),
        ("25.000 đồng", Cell(0, 1, 1)),
        ("TP.HCM", Cell(0, 2, 0)),
        ("24.500 đồng", Cell(0, 2, 1)),
    ]
    assert [c.table for _, c in cells[6:]] == [1, 1, 1, 1]


SPREADSHEET = (
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
    "<office:body><office:spreadsheet/></office:body></office:document-content>"
)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", b" \n\n", "the file is empty"),
        ("a.txt", b"%PDF-1.4", "this is a PDF document (name it .pdf to read it as one), not text"),
        ("a.txt", b"PK\x03\x04", "this is a zip archive (a .docx must be named .docx), not text"),
        ("a.txt", b"\xff\xfeH\x00i", "not valid UTF-16 text"),
        ("a.txt", b"abcdefg\x00" * 8, "binary data, not text"),
        ("a.txt", b"Hello \x81 world", "not valid UTF-8 text (byte 6); save it as UTF-8"),
        ("a.txt", "Grüße aus München.".encode("cp1258"),
         "not valid UTF-8 text (byte 2), and not Vietnamese in Windows-1258; save it as UTF-8"),
        ("a.txt", "Thaønh phoá Hoà Chí Minh laø thaønh phoá lôùn nhaát Vieät Nam.".encode(),
         "looks like TCVN3/VNI legacy font encoding, not Unicode; convert it first (e.g. with UniKey's converter) "
         "and save as UTF-8"),
        ("a.txt", "\u200b\u200b\n".encode(), "no text in the file"),
        ("a.html", b"   ", "not an HTML page"),
        ("a.html", b"<html><body></body></html>", "no article text found in this page"),
        ("a.docx", b"not a zip", "not a Word .docx document"),
        ("a.odt", b"not a zip", "not an OpenDocument text (.odt) file"),
        ("a.odt", _zipped(mimetype="x"), "not an OpenDocument text (.odt) file (it has no content.xml)"),
        ("a.odt", _zipped(content_xml=SPREADSHEET),
         "an OpenDocument file, but no text document (a spreadsheet or a drawing?)"),
        ("a.pdf", b"%PDF-1.4\ngarbage", "not a readable PDF (damaged or incomplete: PDFSyntaxError)"),
    ],
)  # fmt: skip
def test_an_article_that_cannot_be_read_fails_in_one_whole_line(copy_model, tmp_path, name, data, message):
    """`vietrans translate` of a file that is no article: after the summary, one line that says why (exit 3)."""
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["translate", str(path), "-o", str(tmp_path / "out"), "--model", str(copy_model)])
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        ExitCode.INPUT,
        f"vietrans: failed: {path}: {message}",
    )
    assert not (tmp_path / "out").exists()


def test_an_article_over_the_size_limit_is_refused_with_the_way_out(copy_model, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Hà Nội là thủ đô. " * 100, encoding="utf-8")
    args = ["translate", str(path), "-o", str(tmp_path / "out"), "--model", str(copy_model), "--max-size", "0.001"]
    result = CliRunner().invoke(main, args)
    said = (
        f"{path}: 0 MB is more than the 0.001 MB allowed for one article; split it, or raise the limit with --max-size"
    )
    assert (result.exit_code, result.output.splitlines()[-1]) == (ExitCode.INPUT, f"vietrans: failed: {said}")
