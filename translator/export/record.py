"""What an article's outputs were made from, kept so they can be made again without the engine.

``vietrans review apply`` must change only the rows a reviewer changed: every other row,
the glossary terms and spans found, the page options and the model's identity must stay as
the article was translated, even offline, even when the model file or the glossaries are
gone.  So each translation run keeps, in the translation memory, the translated document
itself with its export options and where each output was written (and what made it); a
review re-renders that record with the human translations put in.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from translator.document import Block, BlockKind, Cell, Document, Removed, Sentence
from translator.export import ExportOptions

VERSION = 1


@dataclass
class Record:
    """One article's translation as its outputs show it."""

    document: Document
    export: ExportOptions
    outputs: list[tuple[str, Path, str]]  # (format, where it was written, the signature recorded with it)


def keep(memory, source: Path, doc: Document, export: ExportOptions, outputs: list[tuple[str, Path, str]]) -> None:
    """Record in ``memory`` that ``doc`` (the article at ``source``) was made into ``outputs``."""
    if outputs:
        memory.record_article(source, outputs[0][1].parent, dump(Record(doc, export, outputs)))


def dump(record: Record) -> bytes:
    """The record, compressed JSON."""
    doc = record.document
    data = {
        "version": VERSION,
        "document": {
            "blocks": [
                {
                    "kind": block.kind.value,
                    "text": block.text,
                    "marker": block.marker,
                    "cell": asdict(block.cell) if block.cell else None,
                    "sentences": [_sentence(s) for s in block.sentences],
                }
                for block in doc.blocks
            ],
            "removed": [asdict(r) for r in doc.removed],
            "meta": doc.meta,
            "source": str(doc.source) if doc.source else "",
            "vietnamese": doc.vietnamese,
        },
        "export": asdict(record.export),
        "outputs": [[fmt, str(path), signature] for fmt, path, signature in record.outputs],
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _sentence(sentence: Sentence) -> dict:
    return asdict(sentence)  # (its terms, spans and facts as dicts too)


def load(data: bytes) -> Record | None:
    """The record, or None when it is not one this version reads (a newer vietrans wrote it)."""
    try:
        raw = json.loads(zlib.decompress(data).decode("utf-8"))
        return _record(raw) if isinstance(raw, dict) and raw.get("version") == VERSION else None
    except (zlib.error, ValueError, TypeError, KeyError):
        return None


def _items() -> dict[str, type]:
    """The Sentence fields that hold a list of dataclasses, and their class (a field added to
    Sentence that holds such a list must be named here, or its record reads back as dicts)."""
    from translator.facts.ledger import Fact
    from translator.facts.spans import Span
    from translator.glossary.terms import TermUse

    return {"terms": TermUse, "spans": Span, "facts": Fact}


def _item(cls: type, data: dict):
    """A dataclass from its dict, JSON's lists back to the tuples its fields hold."""
    tuples = {f.name for f in fields(cls) if str(f.type).startswith("tuple")}
    return cls(**{key: tuple(value) if key in tuples else value for key, value in data.items()})


def _record(raw: dict) -> Record:
    items = _items()
    stored = raw["document"]
    blocks = []
    for block in stored["blocks"]:
        sentences = []
        for s in block["sentences"]:
            lists = {name: [_item(cls, d) for d in s.pop(name, [])] for name, cls in items.items()}
            sentences.append(Sentence(**s, **lists))
        cell = Cell(**block["cell"]) if block.get("cell") else None
        blocks.append(Block(BlockKind(block["kind"]), block["text"], sentences, block["marker"], cell))
    doc = Document(
        blocks=blocks,
        removed=[Removed(**r) for r in stored["removed"]],
        meta=dict(stored["meta"]),
        source=Path(stored["source"]) if stored["source"] else None,
        vietnamese=stored["vietnamese"],
    )
    outputs = [(fmt, Path(path), signature) for fmt, path, signature in raw["outputs"]]
    return Record(doc, ExportOptions(**raw["export"]), outputs)
