"""The record of a translation reads back as the document it was made from."""

import zlib
from pathlib import Path

from translator.document import Block, BlockKind, Cell, Document, Removed, Sentence
from translator.export import ExportOptions, render
from translator.export.record import Record, dump, load
from translator.facts.spans import Span
from translator.glossary.terms import TermUse


def test_a_record_reads_back_whole():
    sentence = Sentence(
        "Ngày 14/3/2025, Bắc Kinh.",
        "On 14 March 2025, Beijing.",
        score=-0.4,
        flags=["low model score"],
        terms=[TermUse("Bắc Kinh", "Beijing", True, (16, 24), ("Beijing's",))],
        spans=[Span("date", 5, 14, "14/3/2025", "14 March 2025", True)],
        comment="kiểm tra",
    )
    doc = Document(
        [
            Block(BlockKind.TITLE, "Tiêu đề", [Sentence("Tiêu đề", "Title")]),
            Block(BlockKind.LIST_ITEM, "x", [sentence], "3."),
            Block(BlockKind.PARAGRAPH, "Giá", [Sentence("Giá", "Price")], cell=Cell(0, 1, 2, header=True)),
        ],
        [Removed("Quảng cáo", "advertisement")],
        {"model": "copy 1.0", "formats": "md"},
        Path("/tmp/a.txt"),
    )
    record = Record(doc, ExportOptions("landscape", "letter"), [("md", Path("/out/a.bilingual.md"), "sig|md|x")])
    back = load(dump(record))
    assert back.document == doc and back.export == record.export and back.outputs == record.outputs
    assert render(back.document, "md") == render(doc, "md")


def test_what_is_not_a_record_is_none():
    assert load(b"not zlib") is None
    assert load(zlib.compress(b'{"version": 99}')) is None
