"""Facts against the human reference: how many the output keeps, and how many it loses unflagged.

The ledger (``translator.facts``) checks its own list of facts, so its figures cannot tell
what it misses.  Here the facts are found independently, from the reference: the numbers and
the Latin-script names, terms and acronyms that both the Vietnamese and the human English
carry (so the reference vouches for them).  A fact the output lacks is *missing*; a missing
fact in a sentence with no flag at all is what a reviewer would trust and publish wrong.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex as re

from translator.document import Sentence
from translator.facts.forms import loose, parse_vietnamese, words

_EN_NUMBER = re.compile(r"(?<![\p{L}\p{N}]|\d[.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\p{L}\p{N}]|\d[.,])\d+(?:\.\d+)?")
_VI_NUMBER = re.compile(r"(?<![\p{L}\p{N}]|\d[.,])\d[\d.,]*\d|(?<![\p{L}\p{N}]|\d[.,])\d")
_NAME = re.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}'’]*[\p{L}](?:-\p{L}+)*(?![\p{L}\p{N}])")
_NUMBER_WORDS = {words(n): Decimal(n) for n in range(100)}
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def _english_numbers(text: str) -> Counter[Decimal]:
    found: Counter[Decimal] = Counter()
    for m in _EN_NUMBER.finditer(text):
        try:
            found[Decimal(m[0].replace(",", "")).normalize()] += 1
        except InvalidOperation:
            continue
    return found


def _vietnamese_numbers(text: str) -> Counter[Decimal]:
    found: Counter[Decimal] = Counter()
    for m in _VI_NUMBER.finditer(text):
        value = parse_vietnamese(m[0])
        if value is not None:
            found[value.normalize()] += 1
    return found


def reference_facts(source: str, reference: str) -> list[tuple[str, str]]:
    """``(kind, fact)`` for each number and Latin-script name both texts carry ("number", "2024";
    "name", "halifax": names folded to lower case without diacritics)."""
    source_numbers = _vietnamese_numbers(source)
    facts = [
        ("number", str(value))
        for value, count in _english_numbers(reference).items()
        for _ in range(min(count, source_numbers[value]))
    ]
    source_names = {loose(m[0]) for m in _NAME.finditer(source)}
    names = dict.fromkeys(loose(m[0]) for m in _NAME.finditer(reference) if loose(m[0]) in source_names)
    return facts + [("name", name) for name in names]


def carried(facts: list[tuple[str, str]], output: str) -> list[bool]:
    """Whether ``output`` carries each fact (a number in digits or in words, each copy once)."""
    # Both readers see most numbers ("2024"): each value as often as the reader finding it more, not their sum.
    numbers = _english_numbers(output) | _vietnamese_numbers(output)
    numbers.update(_NUMBER_WORDS[w] for w in _WORD.findall(output.lower()) if w in _NUMBER_WORDS)
    names = {loose(m[0]) for m in _NAME.finditer(output)} | set(loose(output).split())
    out = []
    for kind, fact in facts:
        if kind == "number":
            value = Decimal(fact)
            out.append(numbers[value] > 0)
            numbers[value] -= 1
        else:
            whole = re.search(rf"(?<![\p{{L}}]){re.escape(fact)}(?![\p{{L}}])", loose(output))
            out.append(fact in names or whole is not None)
    return out


@dataclass
class FactCounts:
    """Reference facts in a set of translated sentences."""

    facts: int = 0
    kept: int = 0
    missing_unflagged: int = 0
    flagged_sentences: int = 0  # sentences with any flag (the price of flagging every missing fact)
    sentences: int = 0

    @property
    def missing(self) -> int:
        return self.facts - self.kept

    @property
    def unflagged_share(self) -> float | None:
        return self.missing_unflagged / self.missing if self.missing else None


def count(sentences: list[Sentence], references: list[str]) -> FactCounts:
    counts = FactCounts(sentences=len(sentences))
    for sentence, reference in zip(sentences, references, strict=True):
        facts = reference_facts(sentence.source, reference)
        kept = carried(facts, sentence.translation)
        counts.facts += len(facts)
        counts.kept += sum(kept)
        counts.missing_unflagged += 0 if sentence.flags else kept.count(False)
        counts.flagged_sentences += bool(sentence.flags)
    return counts


def ledger_table(sentences: list[Sentence]) -> dict[str, Counter[str]]:
    """Per fact kind: how many the ledger found, and how many were kept, restored, placed, flagged."""
    table: dict[str, Counter[str]] = {}
    for sentence in sentences:
        for fact in sentence.facts:
            row = table.setdefault(fact.kind, Counter())
            row["found"] += 1
            row[fact.status or "unchecked"] += 1
    return dict(sorted(table.items(), key=lambda item: -item[1]["found"]))
