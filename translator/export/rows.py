"""Row ids and the review header: how every review format (DOCX table, XLIFF, TMX) names its rows.

An id is ``NUMBER-SOURCE-TARGET`` (the row's number and short hashes of the Vietnamese and of the
machine's English as written), so :mod:`translator.review` can tell later which row a reviewer
changed, whichever format came back.  Exports write them; the review stage reads them.  The
review table's status column offers :data:`STATUS_CHOICES` in a drop-down.
"""

from __future__ import annotations

import hashlib
import json

from translator.document import Document, Sentence


def digest(text: str) -> str:
    """A hash of ``text`` that ignores how its whitespace was laid out."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def flag_mark(flag: str) -> str:
    """The short hash a TMX export names a flag note by, and its reader recognises it by."""
    return digest(flag)[:6]


def row_id(number: int, sentence: Sentence) -> str:
    """A row's id: its number and short hashes of its source and of the English as written."""
    return f"{number}-{digest(sentence.source)[:6]}-{digest(sentence.translation)[:4]}"


def review_header(doc: Document) -> str:
    """Which article a review file is for, how many rows it had and the formats made with it, as one JSON line."""
    sources = [s.source for s in doc.sentences()]
    return json.dumps(
        {
            "vietrans_review": 1,
            "source": str(doc.source.resolve()) if doc.source else "",
            "rows": len(sources),
            "formats": doc.meta.get("formats", ""),
        },
        ensure_ascii=False,
    )


# The review table's drop-down (Vietnamese first: the desk's language) and what each choice means
# to ``review apply`` ("" : a status it does not act on, said back to the reviewer).
STATUS_CHOICES = (
    ("Đã duyệt (approved)", "approved"),
    ("Đã sửa (corrected)", "corrected"),
    ("Cần sửa (needs work)", ""),
)
_LABELS = {meaning: label for label, meaning in STATUS_CHOICES if meaning}


def status_text(sentence: Sentence) -> str:
    """What a review table's status cell says for a sentence: the drop-down's choice for a
    human translation, else a status the reviewer wrote that vietrans did not act on."""
    return _LABELS.get(sentence.reviewed, sentence.reviewed) if sentence.reviewed else sentence.status
