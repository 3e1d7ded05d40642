"""The fact ledger: every number, name and code a sentence states, and whether the output carries it.

A fluent translation that says "15.5 percent" for ``15,5 tỷ đồng``, "2044" for ``2024`` or
"EVV" for ``EVN`` reads well and is wrong; only checking each fact catches it.  For every
sentence :func:`ledger` lists its facts: the protected spans (``translator.facts.spans``: money,
dates, names, links ...) and every other number (years, counts, fractions, scores, ranges,
ordinals), acronym, document number, footnote mark, Vietnamese name (after a title or by
its surname, bylines and photo credits) and Latin-script word that is no Vietnamese
syllable (a foreign name or term).  Each fact carries the pattern of every right English
form (``translator.facts.forms``).  :func:`check` says which the output carries whole, and which
numbers it has too many of (a copy repeated, a number the source never had).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

import regex as re

from translator.data import word_list
from translator.facts import forms
from translator.facts.spans import _CURRENCIES, _SCALES, _UNITS, SURNAMES, Span, _ordinal, _strip, overlaps

STATUSES = ("kept", "restored", "placed", "flagged")
NUMERIC = ("money", "percent", "unit", "number", "year", "fraction", "score", "range", "ordinal")


@dataclass(frozen=True)
class Fact:
    """One fact of a sentence: where it is, what kind, the English it must become (house
    style) and the pattern of every right English form; its status once checked."""

    kind: str
    start: int
    end: int
    source: str
    english: str
    pattern: str
    on_loose: bool = False  # matched on forms.unmarked(output): names and codes, diacritics free
    case: bool = False  # the pattern is case-sensitive (a name, an acronym: "us" is not "US")
    status: str = ""  # kept, restored, placed or flagged
    repair: bool = True  # False (``--no-protect``): only checked, never restored or placed

    def finder(self) -> re.Pattern:
        return forms.compiled(self.pattern, not self.case)

    def matches(self, text: str) -> list[tuple[int, int]]:
        subject = forms.unmarked(text) if self.on_loose else text
        return [m.span() for m in self.finder().finditer(subject)]

    @property
    def problem(self) -> str:
        """The reviewer's flag for a fact the output lacks."""
        arrow = f" → {self.english}" if self.english != self.source else ""
        return f"{self.kind} not kept: {self.source}{arrow}"


_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE_WORDS = {**_SCALES}
_SCALE_VALUES = {"trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3}
_SCALE = "|".join(sorted(map(re.escape, _SCALE_WORDS), key=len, reverse=True))
_AMOUNT = re.compile(rf"^(?P<n>{_NUM})(?:\s*(?P<s>{_SCALE}))?\s*(?P<rest>.*)$", re.IGNORECASE)
_B = r"(?<![\p{L}\p{N}.,/\-])"
_E = r"(?![\p{L}\p{N}]|[.,/]\d)"
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")
_DOCUMENT = re.compile(r"(?<![\p{L}\p{N}/])\d+(?:/\d{2,4})?/[\p{Lu}Đ]{1,8}(?:-[\p{Lu}Đ]{1,8})*(?![\p{L}\p{N}])")
_PART = re.compile(
    rf"{_B}(?P<a>\d{{1,3}})/(?P<b>\d{{1,3}}){_E}(?P<of>\s+(?:trận|ván|game|set|lần|cú|bàn|câu|trường hợp)\b)?"
)
_RANGE = re.compile(
    rf"(?:(?<!\p{{L}})từ\s+)?{_B}(?P<lo>{_NUM})\s*(?:[-–—]|đến|tới)\s*(?P<hi>{_NUM})(?P<u>\s*%)?{_E}", re.IGNORECASE
)
_ORDINAL = re.compile(
    r"(?<!\p{L})(?:thứ\s+(?P<n>\d{1,3})|(?:thứ\s+|(?<!\p{L}))(?P<r>(?-i:X{0,3}(?:IX|IV|V?I{0,3}))))(?![\p{L}\p{N}])",
    re.IGNORECASE,
)
_MONTH = re.compile(r"(?<!\p{L})tháng\s+(?P<m>\d{1,2})(?![\p{L}\p{N}]|[.,/]\d)", re.IGNORECASE)
_NUMBER = re.compile(rf"{_B}(?P<n>{_NUM})(?:\s+(?P<s>{_SCALE}))?(?![\p{{L}}\p{{N}}]|[.,]\d)", re.IGNORECASE)
_ODD_NUMBER = re.compile(r"(?<![\p{L}\p{N}.,])\d+(?:[.,]\d+)+(?![\p{L}\p{N}]|[.,]\d)")
_ACRONYM = re.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\p{N}&]*\p{Lu}[\p{Lu}\p{N}]*(?![\p{L}\p{N}])")
_WORD = re.compile(r"(?<![\p{L}\p{N}])\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}]*)*(?![\p{L}\p{N}])")
_OUTPUT_NUMBER = re.compile(r"(?<![\p{L}\p{N}]|\d[.,])\d(?:[\d.,]*\d)?%?")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_VI_ACRONYMS = word_list("vi_acronyms.txt")  # translated, not kept: UBND, HĐND, THPT ...
_CAP = r"\p{Lu}[\p{Ll}\p{M}]*"
_CAPITALISED_RUN = re.compile(rf"(?<![\p{{L}}])(?P<name>{_CAP}(?:\s+{_CAP})+)(?![\p{{L}}])")
_CREDIT = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Ảnh|Bài|Bài và ảnh|Video|Clip|Đồ họa|Đồ hoạ|Thực hiện|Nguồn|Theo)\s*:?\s*"
    r"(?P<name>[\p{Lu}][\p{L}\p{M}]*(?:[\s/,\-]+[\p{Lu}][\p{L}\p{M}.]*)*)\s*[.)]?\s*$"
)
_BYLINE = re.compile(rf"\s*(?P<name>{_CAP}(?:\s+{_CAP}){{1,3}})\s*\.?\s*")
_TONE_AND_VOWEL_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_BARE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)


def vietnamese_word(word: str) -> bool:
    """Whether ``word`` is one Vietnamese syllable: Vietnamese letters and marks only ("Türkiye"
    and "Halifax" are not), in a Vietnamese syllable's shape ("Linh", "Thượng"; not "Brzezinski")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if any(unicodedata.combining(c) and c not in _TONE_AND_VOWEL_MARKS for c in decomposed):
        return False
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bool(_BARE_SYLLABLE.fullmatch(base))


def vietnamese_words(word: str) -> bool:
    """Whether every part of a hyphenated word is a Vietnamese syllable ("Sang-sik" is not)."""
    return all(vietnamese_word(part) for part in word.split("-"))


def ledger(text: str, spans: list[Span], terms: list[tuple[int, int]], ascii_names: bool = False) -> list[Fact]:
    """The facts of ``text``: one per protected span, then every other number, code and name
    not inside a span or a glossary term (``terms``: their places)."""
    ranges = [m for m in _RANGE.finditer(text) if not overlaps(*m.span(), terms)]
    spans = [s for s in spans if not any(m.start() <= s.start and s.end <= m.end() for m in ranges)]
    facts = [from_span(span) for span in spans]
    taken: list[tuple[int, int]] = [*terms, *((s.start, s.end) for s in spans)]

    def add(kind: str, start: int, end: int, english: str, pattern: str, **how) -> None:
        if start < end and not overlaps(start, end, taken):
            taken.append((start, end))
            facts.append(Fact(kind, start, end, text[start:end], english, pattern, **how))

    for m in _FOOTNOTE.finditer(text):
        add("footnote", *m.span(), m[0], re.escape(m[0]))
    for m in _DOCUMENT.finditer(text):
        add("code", *m.span(), m[0], forms.name_pattern(m[0]), on_loose=True, case=True)
    for m in _PART.finditer(text):
        a, b, of = int(m["a"]), int(m["b"]), bool(m["of"])
        pattern = forms.part_pattern(a, b, of)
        if not of and 1 <= a <= 31 and 1 <= b <= 12:  # "6/2" may be a date too
            pattern = f"(?:{pattern}|{forms.date_pattern(a, b, None)})"
        english = f"{a} of {b}" if of else (_fraction_words(a, b) or f"{a}/{b}")
        add("score" if of else "fraction", m.start(), m.end("b"), english, pattern)
    for m in ranges:
        low, high = forms.parse_vietnamese(m["lo"]), forms.parse_vietnamese(m["hi"])
        if low is not None and high is not None:  # "3-2", "2-2" are scores: both numbers, in order
            unit = "%" if m["u"] else ""
            years = all(re.fullmatch(r"1[5-9]\d\d|20\d\d", n) for n in (m["lo"], m["hi"]))
            english = f"{m['lo']}–{m['hi']}" if years else f"{forms.digits(low)}–{forms.digits(high)}{unit}"
            pattern = forms.range_pattern(low, high, unit)
            day_month = re.fullmatch(r"\d{1,2}", m["lo"]) and re.fullmatch(r"\d{1,2}", m["hi"])
            if day_month and not unit and 1 <= low <= 31 and 1 <= high <= 12:  # "15-3" may be a date too
                pattern = f"(?:{pattern}|{forms.date_pattern(int(low), int(high), None)})"
            start = m.start("lo") if not m[0].lower().startswith("từ") else m.start()
            add("range" if low < high else "score", start, m.end(), english, pattern)
    for m in _MONTH.finditer(text):
        if 1 <= int(m["m"]) <= 12:
            name = forms.MONTHS[int(m["m"]) - 1]
            add("date", *m.span(), name, rf"(?<!\p{{L}})(?:{name}|{name[:3]}\.?|month\s{m['m']})(?!\p{{L}})")
    for m in _ORDINAL.finditer(text):
        if m["r"] is not None and len(m["r"]) < 2 and not m[0].lower().startswith("thứ"):
            continue  # a lone "I" or "V" is a letter, not a number
        n = int(m["n"]) if m["n"] else _roman_value(m["r"])
        if n:
            add("ordinal", *m.span(), _ordinal(n), forms.ordinal_pattern(n))
    for m in _NUMBER.finditer(text):
        _add_number(m, add)
    for m in _ODD_NUMBER.finditer(text):  # a version, a phone number: its digits in order
        groups = re.split(r"[.,]", m[0])
        add("number", *m.span(), m[0], r"(?<![\p{N}])" + r"[.,\s]?".join(groups) + r"(?![\p{N}])")
    for m in _CREDIT.finditer(text):
        _add_name(text, m.start("name"), m.end("name"), add, ascii_names)
    byline = _BYLINE.fullmatch(text)
    if byline and all(vietnamese_word(w) for w in byline["name"].split()):  # a byline alone: "Minh Châu"
        _add_name(text, byline.start("name"), byline.end("name"), add, ascii_names)
    for start, end in personal_names(text):
        _add_name(text, start, end, add, ascii_names)
    for m in _ACRONYM.finditer(text):
        if m[0].lower() not in _VI_ACRONYMS:
            add("code", *m.span(), m[0], rf"(?<![\p{{L}}\p{{N}}]){re.escape(m[0])}(?:'s|’s|s)?(?![\p{{L}}\p{{N}}])",
                case=True)  # fmt: skip
    for m in _WORD.finditer(text):
        word = m[0]
        if len(word) > 2 and not word.isupper() and word.lower() not in _VI_WORDS and not vietnamese_words(word):
            add("foreign", *m.span(), m[0], forms.name_pattern(m[0]), on_loose=True)
    return sorted(facts, key=lambda f: f.start)


_VI_WORDS = frozenset({"tivi", "xích-lô", "ôtô"})  # loans written as Vietnamese words, translated


def personal_names(text: str) -> list[tuple[int, int]]:
    """Where the Vietnamese personal names are in ``text`` (see :func:`vietnamese_names`)."""
    return [name for m in _CAPITALISED_RUN.finditer(text) for name in vietnamese_names(m["name"], m.start())]


def vietnamese_names(run: str, offset: int = 0) -> list[tuple[int, int]]:
    """Where the personal names are in a run of capitalised syllables: a family name and two or
    three more ("Bộ Công Thương Nguyễn Hồng Diên": the last three)."""
    found, words = [], [(m.start() + offset, m.end() + offset, m[0]) for m in re.finditer(r"\S+", run)]
    index = 0
    while index < len(words):
        if words[index][2].lower() in SURNAMES and len(words) - index >= 3:
            last = min(index + 4, len(words)) - 1
            found.append((words[index][0], words[last][1]))
            index = last + 1
        else:
            index += 1
    return found


def _add_name(text: str, start: int, end: int, add, ascii_names: bool) -> None:
    name = text[start:end].strip(" .,")
    end = start + len(name)
    english = _strip(name) if ascii_names else name
    add("name", start, end, english, forms.name_pattern(name), on_loose=True, case=True)


def _add_number(m: re.Match, add) -> None:
    value = forms.parse_vietnamese(m["n"])
    if value is None:
        return
    if m["s"]:
        amount = value * _SCALE_VALUES[_SCALES[m["s"].lower()]]
        english = f"{forms.digits(value)} {_SCALES[m['s'].lower()]}"
        add("number", m.start(), m.end(), english, forms.quantity_pattern(amount))
    elif re.fullmatch(r"1[5-9]\d\d|20\d\d", m["n"]):
        add("year", *m.span("n"), m["n"], forms.year_pattern(m["n"]))
    else:
        add("number", *m.span("n"), forms.digits(value), forms.plain_pattern(value))


def from_span(span: Span) -> Fact:
    """The fact a protected span states (a span whose English cannot be told is checked as written)."""
    make = {"kind": span.kind, "start": span.start, "end": span.end, "source": span.source, "english": span.rendering}
    if span.kind in ("name", "code", "url", "email"):
        case = span.kind in ("name", "code")  # a link's case may change; a name's and a code's not
        return Fact(**make, pattern=forms.name_pattern(span.rendering), on_loose=True, case=case)
    if span.kind == "time":
        hours, minutes = map(int, span.rendering.split(":"))
        twelve = hours % 12 or 12
        suffix = "a" if hours < 12 else "p"
        clock = rf"{hours:02d}[:.h]{minutes:02d}|{hours}[:.h]{minutes:02d}|{hours}h|{hours:02d}{minutes:02d} hours"
        pattern = rf"(?<!\d)(?:{clock}|{twelve}(?:[:.]{minutes:02d})?\s?{suffix}\.?m\b)"
        return Fact(**make, pattern=pattern)
    if span.kind == "date":
        return Fact(**make, pattern=_date_fact_pattern(span.rendering))
    amount = _AMOUNT.match(span.source)
    value = forms.parse_vietnamese(amount["n"]) if amount else None
    if value is None:
        return Fact(**make, pattern=re.escape(span.rendering))
    scale = amount["s"]
    total = value * _SCALE_VALUES[_SCALES[scale.lower()]] if scale else value
    rest = amount["rest"].split("/")[0].strip().lower()
    if span.kind == "percent":
        return Fact(**make, pattern=forms.quantity_pattern(total, unit="%"))
    if span.kind == "money" and rest in _CURRENCIES:
        return Fact(**make, pattern=forms.quantity_pattern(total, currency=_CURRENCIES[rest]))
    if span.kind == "unit" and rest in _UNITS:
        return Fact(**make, pattern=forms.quantity_pattern(total, unit=_UNITS[rest]))
    return Fact(**make, pattern=forms.quantity_pattern(total))


_DMY = re.compile(r"^(?:(?P<d>\d{1,2})(?:–(?P<d2>\d{1,2}))?\s)?(?P<m>[A-Z][a-z]+)(?:\s(?P<y>\d{4}))?$")
_MDY = re.compile(r"^(?P<m>[A-Z][a-z]+)\s(?P<d>\d{1,2})(?:,\s(?P<y>\d{4}))?$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")


def _date_fact_pattern(rendering: str) -> str:
    """Every English order of a date rendered in house style (or as the options chose)."""
    for form in (_DMY, _MDY, _ISO):
        m = form.match(rendering)
        if m and (m["m"].isdigit() or m["m"] in forms.MONTHS):
            month = int(m["m"]) if m["m"].isdigit() else forms.MONTHS.index(m["m"]) + 1
            day, year = (int(m["d"]) if m["d"] else None), (int(m["y"]) if m["y"] else None)
            return forms.date_pattern(day, month, year, int(m["d2"]) if m.groupdict().get("d2") else None)
    quarter = re.match(r"^Q(\d) (\d{4})$", rendering)
    if quarter:
        q, year = int(quarter[1]), quarter[2]
        return rf"(?:Q{q}\s?{year}|(?:{forms.ordinal_words(q)}|{_ordinal(q)})\squarter\s(?:of\s)?{year})"
    tet = re.match(r"^the (\d+)\w\w day of Tết", rendering)
    if tet:
        n = int(tet[1])
        return rf"(?:{_ordinal(n)}|{forms.ordinal_words(n)})\sday\sof\s(?:the\s)?(?:Tết|Tet|Lunar New Year)"
    return re.escape(rendering)


def _fraction_words(a: int, b: int) -> str:
    names = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 10: "tenth"}
    if not 0 < a < b or b not in names:
        return ""
    return f"one {names[b]}" if a == 1 else f"{forms.words(a)}-{names[b]}s"


def _roman_value(text: str) -> int:
    values = [_ROMAN[c] for c in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def check(facts: list[Fact], source: str, text: str) -> tuple[list[bool], list[str]]:
    """Whether ``text`` carries each fact (each match of the output used once, the most specific
    facts first), and the numbers it has too many of: a fact's copy repeated ("15%5% of 15%"),
    or digits the source does not have at all."""
    order = sorted(range(len(facts)), key=lambda i: (facts[i].kind in ("number", "year", "foreign"), facts[i].start))
    used: list[tuple[int, int]] = []
    carried = [False] * len(facts)
    for i in order:
        for span in facts[i].matches(text):
            if not overlaps(*span, used):
                used.append(span)
                carried[i] = True
                break
    extra = []
    wanted = Counter(f.pattern for f in facts if f.kind in NUMERIC)
    for fact in dict.fromkeys(f for f in facts if f.kind in NUMERIC):
        digits_only = [s for s in fact.matches(text) if any(c.isdigit() for c in text[s[0] : s[1]])]
        if len(digits_only) > wanted[fact.pattern] and any(not overlaps(*s, used) for s in digits_only):
            extra.append(f"number repeated: {fact.english}")
    known = {re.sub(r"\D", "", m[0]) for m in re.finditer(r"\d[\d.,]*", source)}
    for m in _OUTPUT_NUMBER.finditer(text):
        number = m[0].rstrip(".,%")
        if not overlaps(*m.span(), used) and re.sub(r"\D", "", number) not in known:
            extra.append(f"number not in the source: {m[0]}")
    return carried, list(dict.fromkeys(extra))


def fact_record(fact: Fact) -> dict[str, object]:
    """A fact as the JSON Lines export and ``vietrans eval --dump`` write it."""
    return {
        "kind": fact.kind,
        "source": fact.source,
        "english": fact.english,
        "found": fact.status in ("kept", "restored", "placed"),
        "status": fact.status,
    }


def settle(facts: list[Fact], carried: list[bool], first: list[bool] | None = None) -> list[Fact]:
    """The facts with their status: kept (by the first output), placed (only after placing), flagged."""
    out = []
    for i, fact in enumerate(facts):
        if not carried[i]:
            status = "flagged"
        elif fact.status == "restored":
            status = "restored"
        else:
            status = "placed" if first is not None and not first[i] else "kept"
        out.append(replace(fact, status=status))
    return out


_DIGITS = re.compile(r"\d[\d.,]*\d|\d")


def restore(text: str, fact: Fact) -> str | None:
    """The output with a fact put right, when the change is certainly the same thing: the same
    digits in another layout ("2.200.112" for "2,200,112"), or a name, code or link with its
    case or diacritics changed ("nguyen tan cuong").  None when not certain, or nothing to do."""
    if fact.kind in ("name", "code", "url", "email", "foreign"):
        wanted, folded = forms.loose(fact.english), forms.loose(text)
        at = folded.find(wanted)
        if fact.english in text or at < 0 or folded.find(wanted, at + 1) >= 0 or len(folded) != len(text):
            return None
        fixed = text[:at] + fact.english + text[at + len(wanted) :]
        return fixed if fact.matches(fixed) else None  # "Nguyen Tan Cuongs" is another name
    if fact.kind in ("number", "percent", "money", "unit", "year") and not fact.matches(text):
        number = _DIGITS.search(fact.english)
        if number is None:
            return None
        digits = re.sub(r"\D", "", number[0])
        candidates = [m for m in _DIGITS.finditer(text) if re.sub(r"\D", "", m[0]) == digits]
        if len(candidates) != 1:
            return None
        fixed = text[: candidates[0].start()] + number[0] + text[candidates[0].end() :]
        return fixed if fact.matches(fixed) else None
    return None
