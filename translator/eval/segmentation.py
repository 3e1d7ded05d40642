"""Score sentence splitters on reference data: boundary precision, recall, F1.

``python -m translator.eval.segmentation DATA.jsonl`` reads JSON lines with
``text``, reference ``sentences`` and ``multi_sentence_suspect`` (indexes of
reference units that may hold several sentences) and prints vietrans beside
every peer that is installed, scored the same way in the same run.

A boundary is the offset where a sentence starts (the first excluded).  Not
counted either way: a boundary found strictly inside a suspect unit, and a
reference boundary after a unit with no final punctuation (a headline, which
no splitter can see once the lines are joined).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

Splitter = Callable[[str], list[str]]
_FINAL = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _starts(text: str, pieces: Iterable[str]) -> list[int]:
    """Offsets where each piece starts, found in order in ``text``."""
    offsets, cursor = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, cursor)
        if found < 0:
            raise ValueError(f"splitter changed the text near {piece[:40]!r}")
        offsets.append(found)
        cursor = found + len(piece)
    return offsets


def score_document(doc: dict, predicted: list[str], score: Score) -> None:
    """Add one document's boundaries to ``score``."""
    text, units = doc["text"], doc["sentences"]
    starts = _starts(text, units)
    ends = [s + len(u.strip()) for s, u in zip(starts, units, strict=True)]
    suspects = [(starts[i], ends[i]) for i in doc.get("multi_sentence_suspect", [])]
    reference = set(starts[1:])
    neutral = {starts[i + 1] for i, unit in enumerate(units[:-1]) if not _FINAL.search(unit)}
    found = set(_starts(text, predicted)[1:])
    for boundary in found:
        if boundary in neutral or any(a < boundary < b for a, b in suspects):
            continue
        if boundary in reference:
            score.tp += 1
        else:
            score.fp += 1
    score.fn += len(reference - neutral - found)


def evaluate(docs: list[dict], splitter: Splitter) -> tuple[Score, float]:
    """Score ``splitter`` over ``docs``; also return its speed in sentences per second."""
    score = Score()
    started = time.perf_counter()
    predictions = [splitter(doc["text"]) for doc in docs]
    seconds = time.perf_counter() - started
    for doc, predicted in zip(docs, predictions, strict=True):
        score_document(doc, predicted, score)
    count = sum(len(p) for p in predictions)
    return score, count / seconds if seconds else float("inf")


def peers() -> dict[str, Splitter]:
    """vietrans and every splitter that installs here, by name."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from translator.segment import split_sentences

    found: dict[str, Splitter] = {
        "vietrans": split_sentences,
        "nltk-punkt-untrained": PunktSentenceTokenizer().tokenize,
        "regex-baseline": regex_split,
    }
    try:
        from underthesea import sent_tokenize
    except ImportError:
        print("(underthesea is not installed: pip install 'vietrans[eval]' to compare with it)", file=sys.stderr)
    else:
        found["underthesea"] = sent_tokenize
    return found


_REGEX_BOUNDARY = regex.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(]*\p{Lu})")


def regex_split(text: str) -> list[str]:
    """The plain baseline: end punctuation, space, capital letter."""
    return [piece for piece in _REGEX_BOUNDARY.split(text) if piece.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m translator.eval.segmentation", description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="JSON-lines reference file")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    docs = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = {name: evaluate(docs, splitter) for name, splitter in peers().items()}
    if args.json:
        print(
            json.dumps(
                {
                    n: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "sentences_per_s": v}
                    for n, (s, v) in rows.items()
                }
            )
        )
        return 0
    print(f"{args.data.name}: {len(docs)} documents")
    print(f"{'splitter':<22} {'precision':>9} {'recall':>7} {'F1':>7} {'tp':>6} {'fp':>5} {'fn':>5} {'sent/s':>9}")
    for name, (s, speed) in rows.items():
        print(
            f"{name:<22} {s.precision:>9.4f} {s.recall:>7.4f} {s.f1:>7.4f} {s.tp:>6} {s.fp:>5} {s.fn:>5} {speed:>9.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
