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

import csv
import hashlib
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import regex as re

from translator.data import word_list
from translator.errors import GlossaryError
from translator.facts.spans import is_title_before, starts_with_title, vietnamese_syllable
from translator.read.encoding import unicode_encoding

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
    warnings: list[str] = field(default_factory=list)  # what an import left out, and why

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

    def search(self, query: str) -> list[Entry]:
        """Entries whose Vietnamese or English contains ``query``, then the terms found in ``query`` itself."""
        wanted = fold(query)
        hits = [e for e in self if any(wanted in fold(v) for v in e.variants) or wanted in e.en.lower()]
        for match in self.find(query):
            if match.entry not in hits:
                hits.append(match.entry)
        return hits

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
            if best is not None and _deputy(text, best):
                continue  # "Phó Chủ tịch UBND" with no entry of its own: never the Chairman's term
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


_DEPUTY_BEFORE = re.compile(r"(?<![\p{L}])[Pp]hó\s+$")


def _deputy(text: str, match: Match) -> bool:
    """Whether a title's term stands right after "Phó" (deputy, vice): the deputy is not the
    title, so the title's English must not be enforced there."""
    return bool(_DEPUTY_BEFORE.search(text[: match.start])) and starts_with_title(match.entry.vi)


# A credit ("Ảnh: Minh Anh", "Bài: Đức Anh") or a place's abbreviation ("TP. Thủ Đức", "Q. Ba
# Đình", "P. Bến Nghé"): the capitalised syllables after it are a name, never a country.
_NAME_CONTEXT_BEFORE = re.compile(
    r"(?:(?<![\p{L}])(?:Ảnh|Bài|Bài và ảnh|Video|Clip|Đồ họa|Đồ hoạ|Thực hiện|Nguồn)\s*:|"
    r"(?<![\p{L}])(?:TP|Tp|tp|TX|Q|P|H|X)\.?)\s*(?:\p{Lu}[\p{L}\p{M}]*\s+){0,3}$"
)


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
    if _NAME_CONTEXT_BEFORE.search(text[:start]):
        return False
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
    variants = tuple(
        " ".join(v.split()) for v in unicodedata.normalize("NFC", row.get("vi", "")).split("|") if v.strip()
    )
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
    header = [_column(c) or c.strip().lower() for c in cells]  # "Tiếng Việt", "Ghi chú" as a spreadsheet names them
    duplicates = {c for c in header if header.count(c) > 1}
    if duplicates:
        raise GlossaryError(f"{where}: duplicate column {sorted(duplicates)[0]!r}")
    if not {"vi", "en"} <= set(header) or any(c not in COLUMNS for c in header):
        raise GlossaryError(f"{where}: the header must name vi and en, then any of {', '.join(COLUMNS[2:])}")
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


def read_file(path: Path) -> tuple[str, str]:
    """A glossary file's text, and the encoding an edit writes it back in: UTF-8 (with its BOM,
    if it had one) or UTF-16, as Excel saves "Unicode Text" (told as articles are told)."""
    from translator.files import read_bytes

    data = read_bytes(path, GlossaryError, "a glossary file")
    encoding = unicode_encoding(data) or "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as err:
        what = "UTF-8" if encoding == "utf-8" else encoding.upper()
        raise GlossaryError(f"{path}: not {what} (byte {err.start}); save the glossary as UTF-8") from None


def parse_file(text: str, path: Path) -> Glossary:
    """A glossary file's entries, read by its suffix: TSV (ours), or CSV (spreadsheets and
    CAT tools, :func:`parse_csv`).  A TBX termbase is converted once with ``glossary import``."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return parse_csv(text, str(path))
    if suffix in (".tbx", ".xml"):
        raise GlossaryError(f"{path}: a TBX termbase; convert it first: vietrans glossary import {path} NAME.tsv")
    return parse(text, str(path))


def load(path: str | Path, judged: bool = True) -> Glossary:
    """Load one glossary file (TSV or CSV).  ``judged``: refuse it where ``vietrans glossary
    check`` finds an error (:func:`judge`), so that a file is used only if it passes the check."""
    path = Path(path)
    glossary = parse_file(read_file(path)[0], path)
    if judged:
        errors = [p for p in judge(glossary) if p.level == "error"]
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise GlossaryError(f"{errors[0]}{more}; vietrans glossary check {path} lists every problem")
    return glossary


@dataclass(frozen=True)
class Problem:
    where: str  # file:line
    level: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: {self.message}"


def _common_words() -> frozenset[str]:
    """The words a glossary term must not be matched as (several a line; the comment lines are not words)."""
    return frozenset(word for line in word_list("vi_common_words.txt") for word in line.split())


def judge(glossary: Glossary) -> list[Problem]:
    """What is wrong with one file's entries: the same term given two Englishes (which one
    wins is an accident of order: an error; given twice the same, a warning), and a term that
    is also a common word (matched everywhere unless case-sensitive: an error).  ``glossary
    check`` reports these, and ``translate -g`` refuses a file with an error among them."""
    problems = []
    common = _common_words()
    seen: dict[tuple[bool, str], Entry] = {}
    for entry in glossary.entries:
        sensitive = entry.case_sensitive
        for variant in entry.variants:
            key = (sensitive, fold(variant, sensitive))
            other = seen.get(key)
            if other is not None and other is not entry:
                level, what = ("warning", "duplicate of") if other.en == entry.en else ("error", "conflicts with")
                problems.append(Problem(entry.source, level, f"{variant!r} {what} {other.source} ({other.en})"))
            seen[key] = entry
            lower = variant.lower()
            if not sensitive and lower in common:
                problems.append(
                    Problem(
                        entry.source, "error", f"{variant!r} is also the common word {lower!r}; make it case-sensitive"
                    )
                )
            elif sensitive and lower in common and entry.match != "short-name":
                problems.append(
                    Problem(entry.source, "warning", f"{variant!r} also starts sentences as the common word {lower!r}")
                )
    return problems


# Header cells of a CSV glossary, as spreadsheets and CAT tools name them (English or Vietnamese).
_LANGUAGES = {
    "vi": "vi",
    "vie": "vi",
    "vietnamese": "vi",
    "tiếng việt": "vi",
    "en": "en",
    "eng": "en",
    "english": "en",
    "tiếng anh": "en",
}
_HEADER_WORDS = {
    "note": "note",
    "notes": "note",
    "comment": "note",
    "comments": "note",
    "ghi chú": "note",
    "chú thích": "note",
    "domain": "domain",
    "subject": "domain",
    "lĩnh vực": "domain",
    "chủ đề": "domain",
}


def _column(cell: str) -> str | None:
    """A header cell's column: ``vi``/``en`` from a language code or name (``vi-VN``, ``en_US``,
    ``English``, ``Tiếng Anh``), one of our other columns or a name for one (``Ghi chú``:
    note); None when it is no header word."""
    word = " ".join(unicodedata.normalize("NFC", cell).strip().lower().split())
    if word in COLUMNS[2:]:
        return word
    if not word:
        return None
    return _HEADER_WORDS.get(word) or _LANGUAGES.get(word) or _LANGUAGES.get(re.split(r"[-_]", word)[0])


def parse_csv(text: str, name: str) -> Glossary:
    """A CSV glossary (ours, Google's, Amazon's, a spreadsheet's; comma, semicolon or tab).
    Its direction comes from its header's language codes or names (``en,vi`` is read the
    right way round); without a header, the columns are Vietnamese then English."""
    try:  # the delimiter from the header line; quoting as every spreadsheet writes it ("" inside "...")
        delimiter = csv.Sniffer().sniff(text[:4096].split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for row in reader:
        if any(c.strip() for c in row) and not row[0].lstrip().startswith("#"):
            rows.append((start, row))
        start = reader.line_num + 1
    if not rows:
        return Glossary([], [name])
    columns = [_column(c) for c in rows[0][1]]
    if "vi" in columns and "en" in columns:
        header, rows = columns, rows[1:]
    elif "vi" in columns or "en" in columns or (any(columns) and all(columns)):
        raise GlossaryError(f"{name}:1: the header names no Vietnamese and English columns: {rows[0][1]}")
    else:
        header = ["vi", "en"]
    entries = []
    for line, row in rows:
        if len(row) < 2:
            raise GlossaryError(f"{name}:{line}: one column; a glossary row needs a Vietnamese and an English term")
        cells = {column: cell for column, cell in zip(header, row, strict=False) if column}
        entries.append(entry_from_row(cells, f"{name}:{line}"))
    if set(header) - {"vi", "en", None}:
        return Glossary(entries, [name])
    grouped: dict[str, list[Entry]] = {}  # Google/Amazon: one row per variant; variants share their English
    for entry in entries:
        grouped.setdefault(entry.en, []).append(entry)
    merged = [
        Entry(same[0].vi, en, tuple(dict.fromkeys(v for e in same for v in e.variants)), source=same[0].source)
        for en, same in grouped.items()
    ]
    return Glossary(merged, [name])


def shipped_paths() -> list[Path]:
    """The glossaries that ship with vietrans, in the order they apply."""
    folder = resources.files("translator.glossaries")
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".tsv"))


def load_all(paths: Sequence[str | Path], shipped: bool = True) -> Glossary:
    """The shipped glossaries (unless ``shipped`` is false), then ``paths``; later ones override."""
    glossary = Glossary()
    for path in shipped_paths() if shipped else []:
        glossary = glossary.merged(load(path, judged=False))  # (their tests check them)
    for path in paths:
        glossary = glossary.merged(load(path))
    return glossary
