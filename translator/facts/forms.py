"""Every right English form of a fact, as one pattern: what the fact ledger accepts.

A fact is kept when the output carries it whole, however English writes it: "4 months" and
"four months"; "15.5 billion dong", "VND 15.5 billion" and "VND15,500 million"; "6 February
2025" and "February 6, 2025"; "two-thirds" and "2/3"; "Nguyễn Tân Cương" and "Nguyen Tan
Cuong".  Amounts are compared by value (the magnitude is part of it: "15.5 billion" is never
"15.5"), and a unit or currency must stand beside the value.  The house style (what vietrans
writes when it places a fact itself) is the first form; README, "Facts", lists the others.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex as re

from translator.facts.spans import MONTHS

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth \
thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
_FRACTION_WORDS = {2: "halves?|half", 3: "thirds?", 4: "quarters?|fourths?", 5: "fifths?", 10: "tenths?"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SCALES = {Decimal(10) ** 12: r"trillion|tn", Decimal(10) ** 9: r"billion|bn|bln", Decimal(10) ** 6: r"million|mn|mln"}
SCALES_ALL = {**SCALES, Decimal(1000): r"thousand"}
_ANY_SCALE = "|".join(SCALES_ALL.values())
# The English for each currency and unit the Vietnamese finder knows (keyed by its house-style word).
CURRENCY_FORMS = {
    "dong": r"VND|VNĐ|dong|đồng|Vietnamese dong",
    "VND": r"VND|VNĐ|dong|đồng|Vietnamese dong",
    "USD": r"USD|US\$|\$|(?:US |American )?dollars?",
    "dollars": r"USD|US\$|\$|(?:US |American )?dollars?",
    "euros": r"EUR|€|euros?",
    "EUR": r"EUR|€|euros?",
    "won": r"KRW|₩|(?:South Korean |Korean )?won",
    "yen": r"JPY|¥|(?:Japanese )?yen",
    "yuan": r"CNY|RMB|¥|yuan|renminbi",
    "pounds sterling": r"GBP|£|pounds?(?: sterling)?",
    "roubles": r"RUB|₽|r[ou]bles?",
}
UNIT_FORMS = {
    "%": r"%|per\s?cent|percentage points?|pc\b",
    "km": r"km|kilomet(?:re|er)s?",
    "km²": r"km²|km2|sq(?:uare)?\.? ?km|square kilomet(?:re|er)s?",
    "m²": r"m²|m2|sq(?:uare)?\.? ?m\b|square met(?:re|er)s?",
    "kg": r"kg|kilo(?:gram(?:me)?)?s?",
    "tonnes": r"tonnes?|tons?|t\b|metric tons?",
    "hectares": r"hectares?|ha\b",
    "litres": r"lit(?:re|er)s?|l\b",
    "MW": r"MW|megawatts?",
    "GW": r"GW|gigawatts?",
    "kWh": r"kWh|kilowatt[- ]hours?",
}
_BEFORE = r"(?<![\p{L}\p{N}]|[\p{N}][.,])"
_AFTER = r"(?![\p{N}]|[.,]\p{N}|\p{L})"


def words(n: int) -> str | None:
    """``n`` in English words (0-99), or None beyond."""
    if 0 <= n < 20:
        return _ONES[n]
    if 20 <= n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens - 2] + (f"-{_ONES[ones]}" if ones else "")
    return None


def ordinal_words(n: int) -> str | None:
    if 0 <= n < 20:
        return _ORDINAL_WORDS[n]
    if 20 <= n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens - 2][:-1] + "ieth" if not ones else f"{_TENS[tens - 2]}-{_ORDINAL_WORDS[ones]}"
    return None


def digits(value: Decimal) -> str:
    """``value`` the English way: thousands with commas, a decimal point ("2,200,112", "15.5")."""
    text = format(value.normalize(), "f")
    whole, _, decimal = text.partition(".")
    return f"{int(whole):,}" + (f".{decimal}" if decimal else "")


def value_pattern(value: Decimal) -> str:
    """``value`` (no magnitude) as English may write it: digits with or without thousands
    separators (a comma, a space, none), and in words up to ninety-nine."""
    text = digits(value)
    whole, _, decimal = text.partition(".")
    groups = whole.split(",")
    body = groups[0] + "".join(rf"[, \u202f]?{g}" for g in groups[1:])
    body += rf"\.{decimal}0*" if decimal else r"(?:\.0+)?"
    spelled = words(int(value)) if value == value.to_integral_value() else None
    return f"(?:{body}|{spelled.replace('-', '[- ]')})" if spelled else f"(?:{body})"


def amount_pattern(value: Decimal) -> str:
    """An amount (the magnitude in it) as English may write it: "15.5 billion", "15,500 million",
    "15,500,000,000"; never with a magnitude it does not have ("15.5" alone is not 15.5 billion)."""
    forms = []
    for scale, names in SCALES_ALL.items():
        scaled = value / scale
        if scaled >= 1 and scaled == round(scaled, 3) and (scale != 1000 or scaled == scaled.to_integral_value()):
            forms.append(rf"{value_pattern(scaled)}\s?(?:{names})")
    forms.append(rf"{value_pattern(value)}(?!\s?(?:{_ANY_SCALE})\b)")
    return "(?:" + "|".join(forms) + ")"


def quantity_pattern(value: Decimal, currency: str = "", unit: str = "") -> str:
    """An amount with its currency or unit beside it, before or after ("$4.33 billion",
    "4.33 billion USD", "48.6%", "1,200 kilometres")."""
    core = amount_pattern(value) + _AFTER_AMOUNT
    amount = _BEFORE + core
    if currency:
        names = CURRENCY_FORMS[currency]
        return rf"(?:(?<![\p{{L}}])(?:{names})\s?{core}|{amount}\s?(?:of\s)?(?:{names})(?![\p{{L}}]))"
    if unit:
        return rf"{amount}\s?(?:{UNIT_FORMS[unit]})(?![\p{{L}}²])"
    return amount + _NO_UNIT


_AFTER_AMOUNT = r"(?![\p{N}]|[.,]\p{N})"
_NO_UNIT = r"(?!\s?(?:%|per\s?cent|percent)|[\p{L}])(?<![$€£¥₩]\s?\S*)"


def plain_pattern(value: Decimal) -> str:
    """A count or a bare number: the value, no magnitude, no percent or currency attached."""
    ordinal = "(?:st|nd|rd|th)?" if value == value.to_integral_value() else ""
    return rf"(?<![$€£¥₩\p{{L}}\p{{N}}]|[\p{{N}}][.,]){amount_pattern(value)}{ordinal}{_AFTER_AMOUNT}{_NO_UNIT}"


def year_pattern(year: str) -> str:
    return rf"(?<![\p{{N}}.,]){year}(?![\p{{N}}]|[.,]\d)"


def ordinal_pattern(n: int) -> str:
    """ "14th", "fourteenth", "XIV"; days 2-8 of the week are also weekdays ("thứ 2" is Monday)."""
    forms = [rf"{n}(?:st|nd|rd|th)", rf"(?-i:{roman(n)})"]
    if ordinal_words(n):
        forms.append(ordinal_words(n).replace("-", "[- ]"))
    if 2 <= n <= 8:
        forms.append(WEEKDAYS[n - 2])
    return rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(forms)})(?![\p{{L}}\p{{N}}])"


def roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def part_pattern(numerator: int, denominator: int, of: bool) -> str:
    """A fraction ("2/3", "two-thirds", "two in three") or a score ("3 of 4", "three of the four")."""
    a, b = value_pattern(Decimal(numerator)), value_pattern(Decimal(denominator))
    forms = [rf"{numerator}\s?/\s?{denominator}", rf"{a}\s(?:out\s)?(?:of|in)\s(?:the\s|its\s|their\s)?{b}"]
    name = _FRACTION_WORDS.get(denominator) or (ordinal_words(denominator) or "") + "s?"
    if not of and 0 < numerator < denominator and name != "s?":
        one = "(?:one|a)" if numerator == 1 else value_pattern(Decimal(numerator))
        forms.append(rf"{one}[- ](?:{name})")
    return rf"(?<![\p{{L}}\p{{N}}/])(?:{'|'.join(forms)})(?![\p{{N}}]|/\d)"


def range_pattern(low: Decimal, high: Decimal, unit: str = "") -> str:
    """ "10–15%", "10% to 15%", "between 10 and 15 percent"."""
    after = rf"\s?(?:{UNIT_FORMS[unit]})" if unit else ""
    first = rf"{value_pattern(low)}(?:{after})?"
    return rf"{_BEFORE}{first}\s?(?:[-–—]|to|and)\s?{value_pattern(high)}{after}{_AFTER}"


def date_pattern(day: int | None, month: int | None, year: int | None, last_day: int | None = None) -> str:
    """A date in any English order: "6 February 2025", "February 6, 2025", "Feb 6", "2025-02-06"."""
    if month is None:
        return year_pattern(str(year))
    name = MONTHS[month - 1]
    month_p = rf"(?:{name}|{name[:3]}\.?)"
    if day is None:
        return rf"{month_p},?\s(?:of\s)?{year}"
    days = rf"{day}(?:st|nd|rd|th)?" if last_day is None else rf"{day}(?:st|nd|rd|th)?\s?(?:[-–—]|to|and)\s?{last_day}"
    days = rf"(?:the\s)?{days}(?:st|nd|rd|th)?"
    year_p = rf",?\s{year}" if year else ""
    forms = [rf"{days}\s(?:of\s)?{month_p}{year_p}", rf"{month_p}\s{days}{year_p}"]
    if year and last_day is None:
        forms.append(rf"{year}-{month:02d}-{day:02d}")
    return rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(forms)})(?![\p{{N}}])"


def loose(text: str) -> str:
    """Lower case without diacritics, one character for one (so offsets carry over)."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("Đ", "D").replace("đ", "d"))[0]
        out.append(base.lower() if len(base.lower()) == 1 else base)
    return "".join(out)


def unmarked(text: str) -> str:
    """``text`` without diacritics, its case kept, one character for one ("Nguyen" for "Nguyễn")."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("Đ", "D").replace("đ", "d"))[0]
        out.append(base)
    return "".join(out)


def name_pattern(name: str) -> str:
    """A name or code, on :func:`unmarked` text: diacritics free, the words apart or joined ("Ha
    Noi", "Hanoi"), a possessive after it, and a plural after a word in lower case (a term:
    "smartphones"; "Simons" is not "Simon")."""
    parts = [re.escape(p) for p in re.split(r"[\s\-‐–]+", unmarked(name)) if p]
    heads = [p[:2] if p.startswith("\\") else p[:1] for p in parts]
    joined = [rf"(?:[\s\-‐–]{p}|(?i:{h}){p[len(h) :]})" for p, h in zip(parts[1:], heads[1:], strict=True)]
    ending = r"(?:'s|’s|s)?" if name[:1].islower() else r"(?:'s|’s)?"
    return r"(?<![\p{L}\p{N}])" + parts[0] + "".join(joined) + ending + r"(?![\p{L}\p{N}])"


@lru_cache(maxsize=8192)
def compiled(pattern: str, ignore_case: bool = True) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


def parse_vietnamese(text: str) -> Decimal | None:
    """A number as Vietnamese writes it ("2.200.112", "15,5"), or None where the form is ambiguous."""
    try:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
            return Decimal(text.replace(".", "").replace(",", "."))
        if re.fullmatch(r"\d+(?:,\d+)?", text):
            return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return None
