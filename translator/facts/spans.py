"""Numbers, dates, money, names and links: render them the English way, keep them intact.

Machine translation corrupts Vietnamese figures ("2.200.112" → "2,200,12"),
reads "6/2/2025" the American way and translates names as words.  Here each
such span is found in the Vietnamese sentence and given its English
rendering (``4,33 tỷ USD`` → ``4.33 billion USD``, ``6/2/2025`` →
``6 February 2025``; a name, a URL or a code stays as it is), which is
written into the model's input like a glossary term and checked in its
output.  A span the model lost is restored where that is certain (the same
digits in another layout, a name with its case or diacritics changed) and
flagged where it is not.  Ambiguous forms (a lone ``1.000``, a version
``1.9.7``, a fraction ``1/2``, a phone number) are left alone: never guess.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import regex as re

from translator.data import word_list

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SCALES = {
    "nghìn tỷ": "trillion",
    "ngàn tỷ": "trillion",
    "tỷ": "billion",
    "tỉ": "billion",
    "triệu": "million",
    "nghìn": "thousand",
    "ngàn": "thousand",
}
_CURRENCIES = {
    "usd": "USD",
    "đô la mỹ": "USD",
    "đô la": "dollars",
    "đôla": "dollars",
    "euro": "euros",
    "eur": "EUR",
    "won": "won",
    "yên": "yen",
    "yen": "yen",
    "nhân dân tệ": "yuan",
    "vnđ": "VND",
    "vnd": "VND",
    "đồng": "dong",
    "bảng anh": "pounds sterling",
    "rúp": "roubles",
    "€": "euros",
}
_UNITS = {
    "km": "km",
    "km2": "km²",
    "m2": "m²",
    "kg": "kg",
    "tấn": "tonnes",
    "ha": "hectares",
    "lít": "litres",
    "mw": "MW",
    "gw": "GW",
    "kwh": "kWh",
}
_TITLES = sorted(word_list("vi_titles.txt"), key=len, reverse=True)  # before a name: ông, Bộ trưởng, HLV ...
SURNAMES = word_list("vi_surnames.txt")  # Nguyễn, Trần, Lê ...


@dataclass(frozen=True)
class Span:
    """A protected span of a sentence: where, what kind, and how English writes it."""

    kind: str  # number, percent, money, unit, date, time, name, url, email, code
    start: int
    end: int
    source: str
    rendering: str
    enforced: bool = False
    problem: str = ""  # why the span is left as written and flagged (an impossible date)

    @property
    def converted(self) -> bool:
        return self.rendering != self.source


@dataclass(frozen=True)
class SpanOptions:
    convert_numbers: bool = True
    date_style: str = "dmy"
    ascii_names: bool = False  # strip diacritics from Vietnamese names for readers who prefer that


def number(text: str) -> str | None:
    """A Vietnamese-formatted number in English form, or None where that is not certain."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        whole, _, decimal = text.partition(",")
        return whole.replace(".", ",") + ("." + decimal if decimal else "")
    if re.fullmatch(r"\d+,\d+", text):
        return text.replace(",", ".")
    if re.fullmatch(r"\d+", text):
        return text
    return None


def date(day: int, month: int, year: int | None, style: str = "dmy") -> str | None:
    """The date in English, or None when no calendar has it (31/2, 29/2/2023, month 13)."""
    if not real_date(day, month, year):
        return None
    name = MONTHS[month - 1]
    if style == "iso" and year:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if style == "mdy":
        return f"{name} {day}, {year}" if year else f"{name} {day}"
    return f"{day} {name} {year}" if year else f"{day} {name}"


def date_range(first: int, last: int, month: int, year: int | None, style: str = "dmy") -> str | None:
    """Days of one month in English, in the same style as single dates: ``6–8 February``,
    ``February 6–8, 2026``, ``2026-02-06/2026-02-08``; None if either day does not exist."""
    start, end = date(first, month, year, style), date(last, month, year, style)
    if not (start and end):
        return None
    if style == "iso" and year:
        return f"{start}/{end}"
    if style == "mdy":
        return f"{MONTHS[month - 1]} {first}–{last}" + (f", {year}" if year else "")
    return f"{first}–{end}"


def real_date(day: int, month: int, year: int | None) -> bool:
    """Whether the date exists (without a year, 29 February does)."""
    import datetime as dt

    try:
        dt.date(year or 2000, month, day)  # 2000 was a leap year
    except ValueError:
        return False
    return True


_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+"
_SCALE = "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))
_CURRENCY = "|".join(sorted(map(re.escape, _CURRENCIES), key=len, reverse=True))
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_B = r"(?<![\p{L}\p{N}.,/])"  # nothing number-like just before
_E = r"(?![\p{L}\p{N}]|[.,/]\d)"  # nor just after

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("url", re.compile(r"\bhttps?://[^\s<>\"“”]+[^\s<>\"“”.,;:!?)]|\bwww\.[^\s<>\"“”]+[^\s<>\"“”.,;:!?)]")),
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    (
        "code",
        re.compile(
            r"(?<![\p{L}\p{N}@#])(?:[#@][\p{L}\p{N}_]+|RON\s\d+|[A-Za-z]+-\d+[A-Za-z]*|"
            r"[A-Za-z]{1,4}\d{1,4}[A-Za-z]?)(?![\p{L}\p{N}])"
        ),
    ),
    (
        "date",
        re.compile(
            rf"{_B}(?:(?:ngày|mùng|mồng)\s+)?(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})"
            rf"(?:\s+năm\s+(?P<y>\d{{4}}))?{_E}",
            re.IGNORECASE,
        ),
    ),
    (  # a range of days with its year: "ngày 10-12/3/2026" (before the single date, which would take "12/3/2026")
        "date",
        re.compile(
            rf"(?:(?<!\p{{L}})ngày\s+|{_B})(?P<d>\d{{1,2}})-(?P<d2>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}}){_E}",
            re.IGNORECASE,
        ),
    ),
    (
        "date",
        re.compile(
            rf"(?:(?<!\p{{L}})ngày\s+|{_B})(?P<d>\d{{1,2}})[/-](?P<m>\d{{1,2}})[/-](?P<y>\d{{4}}){_E}", re.IGNORECASE
        ),
    ),
    ("date", re.compile(rf"{_B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_E}")),  # ISO 8601
    # d/m alone is a date only after a word that says so ("ngày 6/2", "sáng 6/2"); else it may be a fraction
    (
        "date",
        re.compile(
            rf"(?:(?P<keep>(?:sáng|chiều|tối|trưa|đêm|hôm|từ|đến)\s+)(?:ngày\s+)?|(?:ngày|mùng|mồng)\s+)"
            rf"(?P<d>\d{{1,2}})(?:-(?P<d2>\d{{1,2}}))?/(?P<m>\d{{1,2}}){_E}",
            re.IGNORECASE,
        ),
    ),
    ("date", re.compile(rf"tháng\s+(?P<m>\d{{1,2}})/(?P<y>\d{{4}}){_E}", re.IGNORECASE)),
    ("date", re.compile(rf"quý\s+(?P<q>IV|I{{1,3}}|[1-4])/(?P<y>\d{{4}}){_E}", re.IGNORECASE)),
    ("date", re.compile(r"(?:mùng|mồng)\s+(?P<d>\d{1,2})\s+Tết", re.IGNORECASE)),
    ("time", re.compile(rf"{_B}(?P<h>[01]?\d|2[0-3])h(?P<min>[0-5]\d)?{_E}")),
    (
        "money",
        re.compile(
            rf"{_B}(?P<n>{_NUM})(?:\s+(?P<s>{_SCALE}))?\s+(?P<c>{_CURRENCY})"
            rf"(?:/(?P<per>{_UNIT}))?(?![\p{{L}}\p{{N}}])",
            re.IGNORECASE,
        ),
    ),
    ("percent", re.compile(rf"{_B}(?P<n>{_NUM})\s?%")),
    ("unit", re.compile(rf"{_B}(?P<n>{_NUM})\s?(?P<u>{_UNIT})(?![\p{{L}}\p{{N}}])", re.IGNORECASE)),
    ("number", re.compile(rf"{_B}(?P<n>{_NUM})(?:\s+(?P<s>{_SCALE}))?(?=\s+\p{{L}}|\s*$|[,;:)]\s)", re.IGNORECASE)),
]
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_NAME_WORD = r"(?:\p{Lu}\.(?=\s+\p{Lu})|\p{Lu}[\p{Ll}\p{M}]*(?:-\p{Lu}?[\p{Ll}\p{M}]+)?)"  # "W." only mid-name
# A title is written with a capital at the start of a sentence ("Ông Trần Văn Nam nói"), and many
# papers write "bộ trưởng" in lower case inside one: both spellings of the first letter introduce a name.
_NAME_AFTER_TITLE = re.compile(
    rf"(?:(?<![\p{{L}}])(?i:{'|'.join(map(re.escape, _TITLES))})\.?)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,7}})"
)
_FOREIGN_NAME = re.compile(
    r"(?<![\p{L}])(?P<name>[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?){1,3})(?![\p{L}])"
)
# Words that may open a capitalised run but are not names: countries, and Vietnamese words written without marks.
_NOT_NAMES = frozenset(
    "Mỹ Nga Pháp Đức Anh Ý Nhật Hàn Trung Quốc Úc Ukraine Israel Iran Canada Mexico Italy Australia Việt Nam Triều "
    "Tiên Đài Loan Thái Lan Lào Campuchia Philippines Indonesia Malaysia Singapore Brazil EU LHQ Theo Trong Sau Khi "
    "Cho Con Hai Ba Tin Nhung Tuy Sinh Cung Dan Tai Tren Ngay Nam".split()
)


# A Vietnamese syllable written without its marks ("Ban", "Thanh"): onset, vowels, coda.
_BARE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?", re.I
)


def vietnamese_syllable(word: str) -> bool:
    """A Vietnamese syllable: one with Vietnamese marks, or one shaped like one ("Linh", "Anh")."""
    return bool(re.search(r"[^\x00-\x7f]", word)) or bool(_BARE_SYLLABLE.fullmatch(word))


# The first word of a body's name: after a title, a capitalised run opening with one is no person.
_BODIES = frozenset(
    "bộ sở đại trường viện ủy ban tập ngân cục tổng hội học bệnh quỹ tỉnh quận huyện xã phường đài báo tạp "
    "nhà trung đảng vụ phòng".split()
)
# A body whose name starts with a two-syllable noun, only the first capitalised ("Chủ tịch Tập đoàn
# Vingroup", "Giám đốc Công ty ABC"): after a title, its first syllable is no given name.
_BODY_NOUNS = frozenset(
    "tập đoàn|ngân hàng|công ty|tổng công|ủy ban|uỷ ban|hội đồng|bệnh viện|học viện|đại học|trung tâm|nhà máy|"
    "văn phòng|tòa án|toà án|tạp chí|liên đoàn|hiệp hội|thông tấn|đài truyền".split("|")
)
_NEXT_WORD = re.compile(r"\s+(\p{Ll}+)")
_CAPITALISED_BEFORE = re.compile(r"(?<![\p{L}])(\p{Lu}[\p{L}\p{M}]*)\s+$")
_TITLE_BEFORE = re.compile(rf"(?i)(?<![\p{{L}}])(?:{'|'.join(map(re.escape, _TITLES))})\.?\s+$")


_TITLE_FIRST = re.compile(rf"(?i)^(?:{'|'.join(map(re.escape, _TITLES))})(?![\p{{L}}])")


def starts_with_title(text: str) -> bool:
    """Whether ``text`` opens with a title ("Chủ tịch UBND", "Bộ trưởng Quốc phòng")."""
    return bool(_TITLE_FIRST.match(text))


def is_title_before(text: str) -> bool:
    """Whether ``text`` ends with a title and a space ("Tổng thống ", "Bộ trưởng ")."""
    return bool(_TITLE_BEFORE.search(text))


def _inside_vietnamese_name(text: str, start: int, words: list[str]) -> int:
    """How many of ``words`` (a Latin-letter run at ``start``) belong to a capitalised Vietnamese
    name before it: in "Ủy Ban Nobel" and "Đài Phát Thanh Sveriges", "Ban" and "Thanh" are
    Vietnamese syllables continuing the name, not the first name of a person.  After a country
    ("Triều Tiên Kim Jong Un") or a title ("Tổng Thống Kim Dae-jung") a name begins."""
    before = _CAPITALISED_BEFORE.search(text[:start])
    if not before or before[1] in _NOT_NAMES or is_title_before(text[:start]):
        return 0
    count = 0
    while count < len(words) and vietnamese_syllable(words[count]):  # (the run's words are ASCII)
        count += 1
    return count


def overlaps(start: int, end: int, taken: Iterable[tuple[int, ...]]) -> bool:
    """Whether ``start:end`` overlaps any ``(start, end, ...)`` already taken."""
    return any(start < other[1] and other[0] < end for other in taken)


def find(text: str, options: SpanOptions | None = None) -> list[Span]:
    """Protected spans in ``text``, left to right, none overlapping (the first pattern wins)."""
    options = options or SpanOptions()
    found: list[Span] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int, rendering: str | None, problem: str = "") -> None:
        if rendering is None or overlaps(start, end, taken):
            return
        taken.append((start, end))
        found.append(Span(kind, start, end, text[start:end], rendering, problem=problem))

    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            keep = match.groupdict().get("keep")
            start = match.end("keep") if keep else match.start()  # "sáng 6/2": "sáng" stays Vietnamese
            rendering = _render(kind, match, options)
            if rendering is None and kind == "date" and match.groupdict().get("d"):
                # "31/2/2025": no such day. Leave it as written (the model must not "correct" it) and flag it.
                add(kind, start, match.end(), text[start : match.end()], "impossible date")
                continue
            add(kind, start, match.end(), rendering)
    for pattern in (_NAME_AFTER_TITLE, _FOREIGN_NAME):
        for match in pattern.finditer(text):
            start, end = match.span("name")
            words = text[start:end].split()
            while words and words[0] in _NOT_NAMES:  # "Tổng thống Mỹ Donald Trump": Mỹ is no part of the name
                start += len(words.pop(0)) + 1
            while words and words[0].lower() not in SURNAMES and any(w.lower() in SURNAMES for w in words[1:-2]):
                start += len(words.pop(0)) + 1  # "Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên": the body is no name
            if len(words) > 5:  # a name has at most five words; more is a run of names or a body
                del words[5:]
                end = start + len(" ".join(words))
            if pattern is _FOREIGN_NAME:
                for _ in range(_inside_vietnamese_name(text, start, words)):
                    start += len(words.pop(0)) + 1
            if len(words) > 1 and words[0].lower() in _BODIES:
                continue  # "đại biểu Bộ Quốc phòng", "giảng viên Đại học ...": a body, not a name
            after = _NEXT_WORD.match(text, end)
            if len(words) == 1 and after and f"{words[0]} {after[1]}".lower() in _BODY_NOUNS:
                continue  # "Chủ tịch Tập đoàn Vingroup": "Tập" is no given name
            if len(words) >= (1 if pattern is _NAME_AFTER_TITLE else 2):
                name = text[start:end]
                add("name", start, end, _strip(name) if options.ascii_names else name)
    return sorted(found, key=lambda s: s.start)


def _render(kind: str, match: re.Match, options: SpanOptions) -> str | None:
    groups = match.groupdict()
    if kind in ("url", "email", "code"):
        return match.group(0)
    if kind == "time":
        return f"{int(groups['h']):02d}:{groups['min'] or '00'}"
    if kind == "date":
        if groups.get("q"):
            quarter = _ROMAN.get(groups["q"].upper()) or int(groups["q"])
            return f"Q{quarter} {groups['y']}"
        if "Tết" in match.group(0) or "tết" in match.group(0):
            return f"the {_ordinal(int(groups['d']))} day of Tết (Lunar New Year)"
        if not groups.get("d"):
            return f"{MONTHS[int(groups['m']) - 1]} {groups['y']}" if 1 <= int(groups["m"]) <= 12 else None
        year = int(groups["y"]) if groups.get("y") else None
        if groups.get("d2"):
            return date_range(int(groups["d"]), int(groups["d2"]), int(groups["m"]), year, options.date_style)
        return date(int(groups["d"]), int(groups["m"]), year, options.date_style)
    if not options.convert_numbers:
        return match.group(0)
    value = number(groups["n"])
    if value is None:
        return None
    if kind == "percent":
        return f"{value}%"
    if kind == "unit":
        return f"{value} {_UNITS[groups['u'].lower()]}"
    scale = f" {_SCALES[groups['s'].lower()]}" if groups.get("s") else ""
    if kind == "money":
        per = f" per {_UNITS[groups['per'].lower()].rstrip('s')}" if groups.get("per") else ""
        return f"{value}{scale} {_CURRENCIES[groups['c'].lower()]}{per}"
    if not scale and "." not in groups["n"] and "," not in groups["n"]:
        return None  # a plain integer needs no protection
    return f"{value}{scale}"


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _strip(text: str) -> str:
    """Vietnamese diacritics removed ("Đặng Hoàng Giang" → "Dang Hoang Giang")."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
