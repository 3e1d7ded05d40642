import docx
import pytest

from translator.document import BlockKind
from translator.errors import InputError
from translator.read import read_article


def test_styles_become_block_kinds_and_tables_are_read(tmp_path):
    word = docx.Document()
    word.core_properties.title = "Báo cáo"
    word.core_properties.author = "Lan Anh"
    word.add_paragraph("Chip và địa chính trị", style="Title")
    word.add_paragraph("Phần mở đầu", style="Heading 1")
    word.add_paragraph("Đoạn văn đầu tiên.")
    word.add_paragraph("Mục một", style="List Bullet")
    word.add_paragraph("Mục hai", style="List Number")
    word.add_paragraph("Một câu trích dẫn.", style="Quote")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Ô thứ nhất"
    table.rows[0].cells[1].text = "Ô thứ hai"
    word.add_paragraph("Đoạn cuối.")
    path = tmp_path / "a.docx"
    word.save(path)
    doc = read_article(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Chip và địa chính trị"),
        (BlockKind.HEADING, "Phần mở đầu"),
        (BlockKind.PARAGRAPH, "Đoạn văn đầu tiên."),
        (BlockKind.LIST_ITEM, "Mục một"),
        (BlockKind.LIST_ITEM, "Mục hai"),
        (BlockKind.QUOTE, "Một câu trích dẫn."),
        (BlockKind.PARAGRAPH, "Ô thứ nhất"),
        (BlockKind.PARAGRAPH, "Ô thứ hai"),
        (BlockKind.PARAGRAPH, "Đoạn cuối."),
    ]
    assert doc.meta["title"] == "Báo cáo" and doc.meta["author"] == "Lan Anh"


def test_not_a_docx(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a Word"):
        read_article(path)
