"""Apply a judged review: store the human translations, then make the article's reports again.

The reports are made again from the record of the article's translation
(:mod:`translator.export.record`): every row nobody reviewed is exactly as it was made (its
English, flags, glossary terms and spans, the page options, the model named), so no engine
is needed and nothing else changes; only rows with a human translation change, and those
are checked like any other (a term or number the person's English lacks is a note, never
repaired).  The reports are written where the article's outputs are, wherever the review file
was applied from.  Nothing a person handed in or edited is overwritten: the review file
applied is left as it is (the refreshed review table, carrying the comments and statuses
forward, is a new file beside it), and a report edited since vietrans wrote it is left
alone with a warning, as ``translate`` does.
"""

from __future__ import annotations

import copy
import hashlib
import os
from pathlib import Path

from translator.document import Document
from translator.errors import InputError, VietransError
from translator.export.rows import digest
from translator.review.judge import Applied, judge, read_review

# The formats a reviewer hands back: a new file is written beside one that is theirs.
REVIEW_FORMATS = ("docx-review", "xliff", "tmx")


def apply_review(
    path: Path, memory, formats: tuple[str, ...] | None = None, rewrite: bool = True, force: bool = False
) -> Applied:
    """Store the human translations of the review file at ``path`` in ``memory`` and, with
    ``rewrite``, make the article's reports again where they were written: in ``formats``, else
    those it was made with.  ``force``: also overwrite reports edited since vietrans wrote them
    (never the review file applied)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    header, rows, notes = read_review(path)
    result = judge(path, header, rows)
    result.notes += notes
    record(result, memory)
    if not rewrite or not header.get("source"):
        return result
    from translator.export.record import load

    source = Path(header["source"])
    records = [r for r in map(load, memory.article_records(source)) if r is not None]
    if not records:
        result.problems.append(
            f"{source}: no record of its translation in this memory (made before vietrans kept one, with "
            "--no-cache, or with another --cache); the memory was updated, no report rewritten "
            "(translate the article again to bring the corrections in)"
        )
    for made in records:
        _refresh(made, path, memory, formats, force, result)
    return result


def record(result: Applied, memory) -> None:
    """Store a judged review's human translations in ``memory`` (the machine English each
    correction replaced beside it, for ``glossary suggest``); the web review stores the same way."""
    for source, target_hash in result.replaced.items():
        found = [t for t in memory.machine_translations(source) if digest(t)[:4] == target_hash]
        if found:
            result.machine[source] = found[0]
    result.stored = memory.store_human(result.human, result.machine)


def _refresh(record, applied: Path, memory, formats, force: bool, result: Applied) -> None:
    """Make one record's reports again with the memory's human translations."""
    from translator.export import FORMATS, output_name

    doc = record.document
    _put_human(doc, memory, result)
    targets = {fmt: (target, signature) for fmt, target, signature in record.outputs}
    first_fmt, (first, signature) = next(iter(targets.items()))
    stem = first.name[: -len(FORMATS[first_fmt].suffix)]
    for fmt in formats or ():
        if fmt not in targets:  # a format asked for that the article was not made in: beside the others
            run, _, source_digest = signature.rsplit("|", 2)
            targets[fmt] = (first.with_name(output_name(stem, fmt)), f"{run}|{fmt}|{source_digest}")
    for fmt, (target, signature) in targets.items():
        if formats and fmt not in formats:
            continue
        try:
            _write(doc, fmt, target, signature, record.export, applied, memory, force, result)
        except VietransError as err:
            result.problems.append(f"{target}: {err}")


def _put_human(doc: Document, memory, result: Applied) -> None:
    """Every human translation into the document, checked; the rest as it was made."""
    from translator.glossary.terms import check_reviewed

    sentences = [s for s in doc.sentences() if not s.verbatim]
    human = memory.lookup_human([s.source for s in sentences])
    present = set()
    for sentence in sentences:
        present.add(" ".join(sentence.source.split()))
        if sentence.source in human:
            sentence.translation, sentence.reviewed, sentence.comment = human[sentence.source]
            sentence.score = None
            check_reviewed(sentence)
            number = result.numbers.get(sentence.source)
            if number is not None:  # a row of this review that lacks a fact: the reviewer is told
                result.notes += [f"row {number}: {flag} (shown under the row)" for flag in sentence.flags]
        elif sentence.source in result.carried:
            sentence.status, sentence.comment = result.carried[sentence.source]
    for source_text, *_ in result.human:
        if " ".join(source_text.split()) not in present:
            result.notes.append(f"not in the current version of the article (kept for later runs): {source_text[:60]}")


def _write(doc, fmt: str, target: Path, signature: str, export, applied: Path, memory, force, result) -> None:
    """Render ``fmt`` and write it at ``target``, unless a person's file is there: then a review
    file goes to a new name beside it, a report is left alone with a warning."""
    from translator.export import render
    from translator.files import write_bytes

    state = _state(target, applied, memory)
    reasons = {
        "applied": "the review file applied",
        "edited": "edited since vietrans wrote it",
        "theirs": "not written by vietrans with this memory",
    }
    if state in reasons and fmt in REVIEW_FORMATS:
        result.left.append(f"{target} ({reasons[state]})")
        target = _fresh(target, fmt, applied, memory)
    elif state in reasons and not (force and state == "edited"):
        result.left.append(f"{target} ({reasons[state]})")
        result.warnings.append(
            f"{target}: {reasons[state]}; left as it is" + (" (--force redoes it)" * (state == "edited"))
        )
        return
    data = render(doc if fmt == "docx-review" else _without_carried(doc), fmt, export)
    write_bytes(data, target, force=True)
    memory.record_output(target, signature, hashlib.sha256(data).hexdigest())
    result.written.append(str(target))


def _without_carried(doc: Document) -> Document:
    """The document without the statuses and comments of rows not applied (they are not in the
    memory, so a report shows them only in the next review table)."""
    if not any(s.status or (s.comment and not s.reviewed) for s in doc.sentences()):
        return doc
    doc = copy.deepcopy(doc)
    for sentence in doc.sentences():
        if not sentence.reviewed:
            sentence.status, sentence.comment = "", ""
    return doc


def _state(target: Path, applied: Path, memory) -> str:
    """``absent``, ``applied`` (the review file being applied), ``ours`` (as vietrans wrote it),
    ``edited`` (vietrans wrote it, a person changed it since) or ``theirs`` (not vietrans's)."""
    if not target.exists():
        return "absent"
    if target.is_file() and os.path.samefile(target, applied):
        return "applied"
    record = memory.output_record(target)
    if record is None:
        return "theirs"
    if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == record[1]:
        return "ours"
    return "edited"


def _fresh(target: Path, fmt: str, applied: Path, memory) -> Path:
    """A new name beside ``target`` for a refreshed review file: ``NAME.v2.review.docx`` (or the
    first of v3, v4 … that is free, or vietrans's own unchanged file from an earlier apply)."""
    from translator.export import FORMATS

    suffix = FORMATS[fmt].suffix
    stem = target.name[: -len(suffix)]
    for number in range(2, 1000):
        candidate = target.with_name(f"{stem}.v{number}{suffix}")
        if _state(candidate, applied, memory) in ("absent", "ours"):
            return candidate
    raise InputError(f"{target}: no free name for the refreshed review file beside it")
