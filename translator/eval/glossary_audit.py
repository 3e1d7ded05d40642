"""How often professional translators use a glossary's English: the glossary editor's audit.

``vietrans glossary audit --src X.vi --ref X.en`` finds every glossary entry
in the Vietnamese side of a parallel text and checks whether the human English
reference of that line uses the entry's English (or one of its forms: plural,
possessive, the adjective the entry gives).  Entries are listed worst first,
with examples of lines where the reference says something else, so an editor
can tell a legitimate variant from an entry that is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translator.errors import InputError
from translator.glossary import Entry, Glossary
from translator.glossary.terms import forms_pattern


@dataclass
class EntryAudit:
    """One entry's record on the parallel text."""

    entry: Entry
    matched: int = 0  # source lines where the entry matched
    agreed: int = 0  # ... whose reference uses its English
    examples: list[tuple[int, str, str]] = field(default_factory=list)  # (line, source, reference) disagreeing

    @property
    def agreement(self) -> float:
        return self.agreed / self.matched if self.matched else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "vi": self.entry.vi,
            "en": self.entry.en,
            "en_adj": self.entry.en_adj,
            "source": self.entry.source,
            "matched": self.matched,
            "agreed": self.agreed,
            "agreement": round(self.agreement, 4),
            "examples": [{"line": n, "source": s, "reference": r} for n, s, r in self.examples],
        }


def audit(sources: list[str], references: list[str], glossary: Glossary, examples: int = 3) -> list[EntryAudit]:
    """Every entry matched in ``sources``, worst agreement with ``references`` first
    (then the most matched first: those disagreements cost the most)."""
    if len(sources) != len(references):
        raise InputError(f"the source has {len(sources)} lines, the reference {len(references)}: not aligned")
    records: dict[Entry, EntryAudit] = {}
    for number, (source, reference) in enumerate(zip(sources, references, strict=True), 1):
        for entry in dict.fromkeys(match.entry for match in glossary.find(source)):
            record = records.setdefault(entry, EntryAudit(entry))
            record.matched += 1
            if forms_pattern((entry.en, *entry.adjectives, *_short_forms(entry.en))).search(reference):
                record.agreed += 1
            elif len(record.examples) < examples:
                record.examples.append((number, source, reference))
    return sorted(records.values(), key=lambda r: (r.agreement, -r.matched, r.entry.vi))


def _short_forms(english: str) -> tuple[str, ...]:
    """``term (ABBR)``: the reference may use either."""
    if english.endswith(")") and " (" in english:
        full, short = english[:-1].rsplit(" (", 1)
        return full, short
    return ()
