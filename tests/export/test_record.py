"""The record of a translation reads back as the document it was made from."""

import json
import zlib
from pathlib import Path

import pytest

from translator.document import Block, BlockKind, Cell, Document, Removed, Sentence
from translator.export import ExportOptions, render
from translator.export.record import VERSION, Record, dump, load
from translator.facts.spans import Span
from translator.glossary.terms import TermUse


def _a_record() -> Record:
    """A record with every kind of thing a document holds."""
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
    return Record(doc, ExportOptions("landscape", "letter"), [("md", Path("/out/a.bilingual.md"), "sig|md|x")])


def _versioned(data: bytes, version: int) -> bytes:
    """``data`` as a vietrans writing record format ``version`` would have written it."""
    raw = json.loads(zlib.decompress(data))
    return zlib.compress(json.dumps({**raw, "version": version}).encode("utf-8"))


def test_a_record_reads_back_whole():
    record = _a_record()
    doc = record.document
    back = load(dump(record))
    assert back.document == doc and back.export == record.export and back.outputs == record.outputs
    assert render(back.document, "md") == render(doc, "md")
    assert load(_versioned(dump(record), VERSION)).document == doc  # (so a newer version's is whole)


@pytest.mark.parametrize(
    "data",
    [
        b"not zlib",
        zlib.compress(b'{"version": 99}'),  # a newer vietrans's
        _versioned(dump(_a_record()), VERSION + 1),  # a newer vietrans's, whole
        zlib.compress(b"[1]"),  # JSON, but no record
        zlib.compress(b'{"version": 1}'),  # this version's, cut short
        zlib.compress(b"\xff"),  # not UTF-8
    ],
)
def test_what_is_not_a_record_is_none(data: bytes):
    assert load(data) is None


class _Memory:
    """Stands in for the translation memory: what was asked to be kept."""

    def __init__(self) -> None:
        self.kept: list[tuple[Path, Path, bytes]] = []

    def record_article(self, source: Path, folder: Path, record: bytes) -> None:
        self.kept.append((source, folder, record))


def test_a_run_keeps_its_record_under_the_article_and_its_first_outputs_folder():
    """What ``review apply`` later finds: the record filed under the source and the folder the outputs went to."""
    from translator.export.record import keep

    doc = Document([Block(BlockKind.PARAGRAPH, "Một.", [Sentence("Một.", "One.")])], meta={"model": "m"})
    outputs = [("md", Path("/out/a/a.bilingual.md"), "s1"), ("tmx", Path("/elsewhere/a.tmx"), "s2")]
    memory = _Memory()
    keep(memory, Path("/in/a.txt"), doc, ExportOptions("landscape"), outputs)
    [(source, folder, record)] = memory.kept
    back = load(record)
    assert (source, folder, back.document, back.export, back.outputs) == (
        Path("/in/a.txt"),
        Path("/out/a"),
        doc,
        ExportOptions("landscape"),
        outputs,
    )


def test_a_run_that_wrote_nothing_keeps_no_record():
    from translator.export.record import keep

    memory = _Memory()
    keep(memory, Path("/in/a.txt"), Document([]), ExportOptions(), [])
    assert memory.kept == []
