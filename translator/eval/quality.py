"""Translation quality on a sentence-aligned test set, with and without the glossary.

``vietrans eval --src FILE.vi --ref FILE.en`` translates every source line
twice (plain, and with glossary terms enforced) and reports sacrebleu's BLEU,
chrF++ and TER, and glossary term accuracy: the share of glossary terms found
in the source whose English term appears in the output.  Each score comes
with sacrebleu's signature, so a figure can be reproduced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from translator.document import Block, BlockKind, Document, Sentence
from translator.engine import Engine
from translator.errors import InputError
from translator.glossary import Glossary
from translator.read import decode
from translator.terms import protect, term_pattern, verify


@dataclass
class Scores:
    bleu: float
    chrf: float
    ter: float
    term_accuracy: float | None  # None: no glossary term in the source
    terms: int
    signatures: dict[str, str]

    def as_dict(self) -> dict[str, object]:
        return {
            "bleu": round(self.bleu, 2),
            "chrf++": round(self.chrf, 2),
            "ter": round(self.ter, 2),
            "term_accuracy": None if self.term_accuracy is None else round(self.term_accuracy, 4),
            "terms": self.terms,
            "signatures": self.signatures,
        }


def read_lines(path: Path) -> list[str]:
    try:
        return decode(path.read_bytes(), str(path)).splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None


def score(outputs: list[str], references: list[str], term_hits: tuple[int, int]) -> Scores:
    from sacrebleu.metrics import BLEU, CHRF, TER

    metrics = {"bleu": BLEU(), "chrf++": CHRF(word_order=2), "ter": TER()}
    values = {name: metric.corpus_score(outputs, [references]).score for name, metric in metrics.items()}
    hits, total = term_hits
    return Scores(
        values["bleu"],
        values["chrf++"],
        values["ter"],
        hits / total if total else None,
        total,
        {name: str(metric.get_signature()) for name, metric in metrics.items()},
    )


def evaluate(
    sources: list[str],
    references: list[str],
    engine: Engine,
    glossary: Glossary | None,
    progress: Callable[[int], object] | None = None,
) -> dict[str, Scores]:
    """Scores without and (if ``glossary``) with the glossary, on the same sentences."""
    if len(sources) != len(references):
        raise InputError(f"the source has {len(sources)} lines, the reference {len(references)}: not aligned")
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, s, [Sentence(s)]) for s in sources])
    if glossary is not None:
        protect(doc, glossary)
    sentences = list(doc.sentences())
    plain = [t.text for t in engine.translate(sources, progress)]
    results = {"without glossary": score(plain, references, _term_hits(sentences, plain))}
    if glossary is not None:
        inputs = [s.engine_input or s.source for s in sentences]
        for sentence, translation in zip(sentences, engine.translate(inputs, progress), strict=True):
            sentence.translation = translation.text
            verify(sentence)
        enforced = [s.translation for s in sentences]
        results["with glossary"] = score(enforced, references, _term_hits(sentences, enforced))
    return results


def _term_hits(sentences: list[Sentence], outputs: list[str]) -> tuple[int, int]:
    """How many glossary terms of the sources have their English in ``outputs``, of how many."""
    hits = total = 0
    for sentence, output in zip(sentences, outputs, strict=True):
        for use in sentence.terms:
            total += 1
            hits += bool(term_pattern(use.en).search(output))
    return hits, total
