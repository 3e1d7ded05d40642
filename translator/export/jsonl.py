"""JSON lines: one object per sentence, for scripts and analysis."""

from __future__ import annotations

import json

from translator.document import Document
from translator.export import ExportOptions, document_name, fetched_from
from translator.facts.ledger import fact_record


def render(doc: Document, options: ExportOptions | None = None) -> bytes:
    lines = []
    index = 0
    provenance = fetched_from(doc)
    for block_number, block in enumerate(doc.blocks):
        for sentence in block.sentences:
            lines.append(
                json.dumps(
                    {
                        "document": document_name(doc),
                        **provenance,
                        "model": doc.meta.get("model", ""),
                        "block": block_number,
                        "kind": block.kind.value,
                        "index": index,
                        "source": sentence.source,
                        "target": sentence.translation,
                        "score": sentence.score,
                        "flags": sentence.flags,
                        "reviewed": sentence.reviewed or None,
                        "comment": sentence.comment or None,
                        "terms": [{"vi": t.vi, "en": t.en, "enforced": t.enforced} for t in sentence.terms],
                        "spans": [
                            {"kind": p.kind, "source": p.source, "rendering": p.rendering, "kept": p.enforced}
                            for p in sentence.spans
                        ],
                        "facts": [fact_record(f) for f in sentence.facts],
                    },
                    ensure_ascii=False,
                )
            )
            index += 1
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
