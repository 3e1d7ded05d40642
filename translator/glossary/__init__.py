"""Domain glossaries: load TSV files, find their terms in Vietnamese text.

A glossary is a UTF-8 TSV file with a header row (``vi``, ``en``, then
optional ``note``, ``domain``, ``case``); ``#`` starts a comment line;
variants of a Vietnamese term are separated by ``|``.  Matching works on
whole syllables, ignores which of the two Vietnamese tone-mark placements a
text uses (``hoà``/``hòa``), takes the longest match, and respects case
where it matters: an entry whose Vietnamese term has a capital letter
(``AI``, ``Nhà Trắng``) matches only with that case, so ``AI`` never
matches the word ``ai`` ("who").  Later glossaries override earlier ones.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import regex as re

from translator.data import word_list
from translator.errors import GlossaryError
from translator.facts.spans import is_title_before, vietnamese_syllable

COLUMNS = ("vi", "en", "note", "domain", "case", "en_adj", "match")
CASE_VALUES = ("", "sensitive", "insensitive")
MATCH_VALUES = ("", "short-name")

# "hoà"/"hòa", "hoè"/"hòe", "thuỷ"/"thủy": in an open syllable the tone mark may sit on either
# vowel.  Folding moves it onto the first; both spellings are two code points, so length holds.
_SECOND_VOWEL_TONE = re.compile(r"([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?!\p{L})")
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


def _tone_on_first(match: re.Match) -> str:
    first, second = match.group(1), match.group(2)
    base, tone = unicodedata.normalize("NFD", second)[0], unicodedata.normalize("NFD", second)[1:]
    if (first.lower(), base.lower()) not in _PAIRS:
        return match.group(0)
    return unicodedata.normalize("NFC", first + tone) + base


def fold(text: str, case: bool = False) -> str:
    """The form terms are compared in: NFC, one tone-mark placement ("hòa" for "hoà"),
    and lower case unless ``case``.  Same length as the NFC text, so offsets carry over."""
    text = _SECOND_VOWEL_TONE.sub(_tone_on_first, unicodedata.normalize("NFC", text))
    if not case:
        lowered = text.lower()
        if len(lowered) == len(text):
            text = lowered
    return text


@dataclass(frozen=True)
class Entry:
    """One term: its Vietnamese forms and the English to enforce."""

    vi: str  # the first variant, as written
    en: str
    variants: tuple[str, ...] = ()
    note: str = ""
    domain: str = ""
    case: str = ""  # "", "sensitive" or "insensitive"
    source: str = ""  # file:line it came from
    en_adj: str = ""  # the adjective form(s), "|"-separated, the first enforced: "Syrian" for "Syria"
    match: str = ""  # "short-name": a one-syllable country name that is also a word or a given name

    @property
    def adjectives(self) -> tuple[str, ...]:
        return tuple(a.strip() for a in self.en_adj.split("|") if a.strip())

    @property
    def case_sensitive(self) -> bool:
        """Explicit, else: a term written with a capital letter is matched with that case."""
        if self.case:
            return self.case == "sensitive"
        return any(ch.isupper() for ch in self.vi)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry


@dataclass
class Glossary:
    """Entries by folded Vietnamese form; a later entry for the same form wins."""

    entries: list[Entry] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index: dict[tuple[bool, str], Entry] | None = None

    def __len__(self) -> int:
        return len(self._by_form())

    def __iter__(self):
        return iter(dict.fromkeys(self._by_form().values()))

    def _by_form(self) -> dict[tuple[bool, str], Entry]:
        if self._index is None:
            index: dict[tuple[bool, str], Entry] = {}
            for entry in self.entries:
                for variant in entry.variants or (entry.vi,):
                    sensitive = entry.case_sensitive
                    index[(sensitive, fold(variant, sensitive))] = entry
            self._index = index
        return self._index

    def merged(self, other: Glossary) -> Glossary:
        """This glossary with ``other``'s entries on top."""
        return Glossary(self.entries + other.entries, self.names + other.names)

    def digest(self) -> str:
        """Changes whenever any entry changes (for the outputs' signature)."""
        text = "\n".join(
            f"{e.vi}\t{e.en}\t{'|'.join(e.variants)}\t{e.case}\t{e.en_adj}\t{e.match}" for e in self.entries
        )
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, leftmost first, the longest at each place.

        A case-insensitive entry does not match a capitalised word inside a
        sentence: that word is part of a name.  Offsets are into the NFC
        form of ``text`` (the form every reader produces)."""
        text = unicodedata.normalize("NFC", text)
        index = self._by_form()
        if not index:
            return []
        folded = {False: fold(text), True: fold(text, case=True)}
        longest = max(len(form) for _, form in index)
        matches: list[Match] = []
        position = 0
        starts = [m.start() for m in _SYLLABLE_START.finditer(text)]
        for start in starts:
            if start < position:
                continue
            best: Match | None = None
            in_name = text[start].isupper() and not _SENTENCE_START.search(text[:start])
            for end in _ends(text, start, longest):
                for sensitive in (True, False) if not in_name else (True,):
                    entry = index.get((sensitive, folded[sensitive][start:end]))
                    if entry is not None and (best is None or end > best.end):
                        best = Match(start, end, entry)
            if best is not None and (best.entry.match != "short-name" or short_name_here(text, best.start, best.end)):
                matches.append(best)
                position = best.end
        return matches


# A capitalised word inside a sentence belongs to a name ("Hiệp hội Công nghiệp Bán dẫn"):
# only entries written with capitals match there.
_SENTENCE_START = re.compile(r"(?:^|[.!?:…]\s*|\n)[\s\"'“‘(\[«–—-]*$")
_SYLLABLE_START = re.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{N}]")
_SYLLABLE_END = re.compile(r"[\p{L}\p{N}](?![\p{L}\p{N}])")


def _ends(text: str, start: int, longest: int) -> Iterable[int]:
    """Ends of whole syllables from ``start`` within ``longest`` characters."""
    for match in _SYLLABLE_END.finditer(text, start, min(len(text), start + longest)):
        yield match.end()


_KINSHIP = word_list("vi_person_words.txt")  # ông, bà, anh, chị ... before a person's name
_COMPOUNDS = word_list("vi_short_name_compounds.txt")  # "mỹ phẩm", "anh hùng", "ý kiến" ...
_PRONOUNS = frozenset({"anh"})  # short names that also start sentences as a pronoun ("Anh ấy", "Anh nói")
_WORD_BEFORE = re.compile(r"(?<![\p{L}\p{M}])([\p{L}\p{M}]+)[ \t]+$")
_WORD_AFTER = re.compile(r"^[ \t]+([\p{L}\p{M}]+)")


def short_name_here(text: str, start: int, end: int) -> bool:
    """Whether a short country name ("Mỹ", "Nga", "Anh", "Đức" ...) at ``text[start:end]`` is the
    country, decided from the syllables around it (glossaries/README.md, "Short country names"):

    - not after a word for a person ("chị Nga", "ông Đức", "anh Đức");
    - not inside a Vietnamese personal name: after a capitalised Vietnamese syllable that is
      no title ("Nguyễn Đức", but "Tổng Thống Nga"), or before one ("Mỹ Linh", "Đức Anh",
      "Đức Phật"; a foreign name may follow: "Tổng thống Mỹ Donald Trump");
    - not the first syllable of a common word ("mỹ phẩm", "anh hùng", "pháp luật", "ý kiến");
    - "Anh" opening a sentence before a lower-case word is the pronoun ("Anh ấy nói", "Anh cho biết").
    """
    word = text[start:end]
    before = _WORD_BEFORE.search(text[:start])
    after = _WORD_AFTER.match(text[end:])
    if before:
        previous = before.group(1)
        if previous.lower() in _KINSHIP:
            return False
        inside_name = previous[0].isupper() and vietnamese_syllable(previous)
        if inside_name and not is_title_before(text[:start]) and not _SENTENCE_START.search(text[: before.start(1)]):
            return False
    if after:
        following = after.group(1)
        if following[0].isupper() and vietnamese_syllable(following):
            return False
        if f"{word} {following}".lower() in _COMPOUNDS:
            return False
        if word.lower() in _PRONOUNS and following[0].islower() and _SENTENCE_START.search(text[:start]):
            return False
    return True


def split_lines(text: str) -> list[str]:
    """Lines as a glossary file has them: only ``\n`` (or ``\r\n``) ends one, so that a
    U+2028 or U+0085 inside a cell never shifts the line numbers."""
    return text.replace("\r\n", "\n").split("\n")


def entry_from_row(row: dict[str, str], where: str) -> Entry:
    """An entry from a row's cells by column name; errors name ``where`` (file:line)."""
    variants = tuple(v.strip() for v in unicodedata.normalize("NFC", row.get("vi", "")).split("|") if v.strip())
    english = unicodedata.normalize("NFC", row.get("en", "").strip())
    if not variants or not english:
        raise GlossaryError(f"{where}: both the Vietnamese and the English term are needed")
    case = row.get("case", "").strip().lower()
    if case not in CASE_VALUES:
        raise GlossaryError(f"{where}: case must be sensitive or insensitive, not {case!r}")
    match = row.get("match", "").strip().lower()
    if match not in MATCH_VALUES:
        raise GlossaryError(f"{where}: match must be empty or short-name, not {match!r}")
    return Entry(
        variants[0],
        english,
        variants,
        row.get("note", "").strip(),
        row.get("domain", "").strip(),
        case,
        where,
        unicodedata.normalize("NFC", row.get("en_adj", "").strip()),
        match,
    )


def parse_header(cells: list[str], where: str) -> list[str]:
    """The column names of a header row, checked."""
    header = [c.strip().lower() for c in cells]
    duplicates = {c for c in header if header.count(c) > 1}
    if duplicates:
        raise GlossaryError(f"{where}: duplicate column {sorted(duplicates)[0]!r}")
    if header[:2] != ["vi", "en"] or any(c not in COLUMNS for c in header):
        raise GlossaryError(f"{where}: the header must be vi, en, then any of note, domain, case")
    return header


def parse(text: str, name: str = "glossary") -> Glossary:
    """Read TSV text; errors name the file and line."""
    entries = []
    header: list[str] | None = None
    for number, line in enumerate(split_lines(text), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = parse_header(cells, f"{name}:{number}")
            continue
        if len(cells) > len(header):
            raise GlossaryError(f"{name}:{number}: {len(cells)} columns, the header has {len(header)}")
        entries.append(entry_from_row(dict(zip(header, cells, strict=False)), f"{name}:{number}"))
    return Glossary(entries, [name])


def load(path: str | Path) -> Glossary:
    """Load one TSV glossary file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"{path}: cannot read ({err.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{path}: not UTF-8 (byte {err.start}); save the glossary as UTF-8") from None
    return parse(text, str(path))


def shipped_paths() -> list[Path]:
    """The glossaries that ship with vietrans, in the order they apply."""
    folder = resources.files("translator.glossaries")
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".tsv"))


def load_all(paths: Sequence[str | Path], shipped: bool = True) -> Glossary:
    """The shipped glossaries (unless ``shipped`` is false), then ``paths``; later ones override."""
    glossary = Glossary()
    for path in ([*shipped_paths()] if shipped else []) + [Path(p) for p in paths]:
        glossary = glossary.merged(load(path))
    return glossary
