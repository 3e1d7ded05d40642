"""Turn a file's bytes into Vietnamese text, or say clearly why not.

Articles arrive as UTF-8 (with or without a BOM), UTF-16 (with or without
one), old Windows-1258 files, UTF-8 that was once mis-decoded as Latin-1
("Viá»‡t Nam"), text in the legacy font encodings TCVN3 or VNI, and
sometimes not as text at all (a PDF, an image, a zip).  What is certain is
converted, with a warning; what is not is refused with the reason.
"""

from __future__ import annotations

import codecs
import unicodedata

import regex as re

from translator.errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_MAGIC = (
    (b"%PDF", "a PDF document (name it .pdf to read it as one)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (a .docx must be named .docx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file (save it as .docx)"),
    (b"{\\rtf", "an RTF document (save it as .docx or text)"),
)
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below
_VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)
_MOJIBAKE = re.compile(r"á[»º].|Ã.|Ä‘|Æ[°¡]")  # how "ệ", "à", "đ", "ư" look once UTF-8 is read as Windows-1252
# Characters TCVN3 (ABC) and VNI fonts put where Vietnamese letters belong.
_TCVN3 = re.compile(r"[¸µ¶·¹¨¾»¼½Æ©ª®¬«¡¢£¤¥¦§¯°±²³´º¿]")
_VNI = re.compile(r"[aeiouyAEIOUY][äöüëùøûõïò]")
# Letters only real Unicode Vietnamese has (ă, đ, ơ, ư and the tone-marked vowels of U+1EA0-1EF9).
_UNICODE_ONLY = re.compile(r"[\u1ea0-\u1ef9ăĂđĐơƠưƯ]")


def decode(data: bytes, name: str = "input") -> tuple[str, list[str]]:
    """``(text, warnings)`` for a file's bytes; ``InputError`` when they are not usable text."""
    warnings: list[str] = []
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{name}: the file is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not text")
    encoding = unicode_encoding(data)
    if encoding:
        try:
            return data.decode(encoding), warnings
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid {encoding.upper()} text") from None
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        text = _legacy(data, name, err.start)
        warnings.append(f"{name}: converted from Windows-1258 (old Vietnamese Windows encoding)")
        return text, warnings
    repaired = _repair_mojibake(text)
    if repaired is not None:
        warnings.append(f'{name}: repaired text that had been mis-decoded as Latin-1 ("Viá»‡t" → "Việt")')
        return repaired, warnings
    if len(_MOJIBAKE.findall(text)) >= 2 and not _UNICODE_ONLY.search(text):
        raise InputError(
            f'{name}: UTF-8 text that was mis-decoded as Windows-1252 and saved again ("Viá»‡t"), with some '
            "characters lost on the way, so it cannot be repaired exactly; find the original file"
        )
    if _legacy_font(text):
        raise InputError(
            f"{name}: looks like TCVN3/VNI legacy font encoding, not Unicode; convert it first "
            "(e.g. with UniKey's converter) and save as UTF-8"
        )
    return text, warnings


def unicode_encoding(data: bytes) -> str | None:
    """The encoding a BOM names, or UTF-16 told by its zero bytes; None: neither (UTF-8 or legacy)."""
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None) or _utf16_without_bom(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 written without a BOM: every other byte of Latin text is zero."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _legacy(data: bytes, name: str, bad: int) -> str:
    """Windows-1258, when the result reads as Vietnamese; else refuse."""
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        raise InputError(f"{name}: not valid UTF-8 text (byte {bad}); save it as UTF-8") from None
    letters = sum(c.isalpha() for c in text)
    if letters and len(_VIETNAMESE.findall(text)) / letters > 0.05 and _reads_as_words(text):
        return text
    raise InputError(f"{name}: not valid UTF-8 text (byte {bad}), and not Vietnamese in Windows-1258; save it as UTF-8")


def _reads_as_words(text: str) -> bool:
    """Text made of syllables: most words short, with at most one tone-marked vowel each.  Almost
    any bytes decode as Windows-1258, and high bytes decode to marked letters; noise does not
    form syllables."""
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return False
    syllables = [w for w in words if len(w) <= 7 and sum(c in _TONES for c in unicodedata.normalize("NFD", w)) <= 1]
    return len(syllables) >= 0.8 * len(words)


def _repair_mojibake(text: str) -> str | None:
    """UTF-8 read as Latin-1/Windows-1252 and saved again: undo it when the round trip is exact."""
    if len(_MOJIBAKE.findall(text)) < 2:
        return None
    raw = bytearray()
    for char in text:  # each character back to the byte Windows-1252 (or Latin-1) showed it as
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None  # a character no such misreading produces: not certain
            raw.append(ord(char))
    try:
        repaired = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return repaired if len(_VIETNAMESE.findall(repaired)) > len(_VIETNAMESE.findall(text)) else None


def _legacy_font(text: str) -> bool:
    """Latin letters mixed with the symbols TCVN3 or VNI use for Vietnamese ones, and no real Vietnamese."""
    letters = sum(c.isalpha() for c in text)
    if letters < 40 or len(_UNICODE_ONLY.findall(text)) > 0.005 * letters:
        return False
    return len(_TCVN3.findall(text)) > 0.03 * letters or len(_VNI.findall(text)) > 0.03 * letters


def looks_vietnamese(text: str) -> bool:
    """Enough Vietnamese letters for Vietnamese text (about one in six letters has a mark).

    Below 20 letters (a heading, an acronym) there is too little to tell."""
    letters = sum(c.isalpha() for c in text)
    return letters < 20 or len(_VIETNAMESE.findall(text)) / letters > 0.03


# --- legacy Vietnamese fonts: TCVN3 (ABC) and VNI ------------------------------------------------------
# Before Unicode, Vietnamese offices typed in fonts that draw Vietnamese letters in the places of
# Latin-1 symbols.  A PDF keeps the font's name (".VnTime", "VNI-Times"), so its text can be converted
# with certainty; without the name, the symbols' density (``legacy_font``) tells.
_TONES_ORDER = "\u0300\u0309\u0303\u0301\u0323"  # grave, hook, tilde, acute, dot below: TCVN3's order
# TCVN3 lowercase: each base vowel, then its five toned forms in the order above (TCVN 5712:1993, VN3).
_TCVN3_VOWELS = {
    "a": "µ¶·¸¹",
    "ă": "»¼½¾Æ",
    "â": "ÇÈÉÊË",
    "e": "ÌÎÏÐÑ",
    "ê": "ÒÓÔÕÖ",
    "i": "×ØÜÝÞ",
    "o": "ßáâãä",
    "ô": "åæçèé",
    "ơ": "êëìíî",
    "u": "ïñòóô",
    "ư": "õö÷øù",
    "y": "úûüýþ",
}
_TCVN3_LETTERS = dict(zip("¨©ª«¬\u00ad®¡¢£¤¥¦§", "ăâêôơưđĂÂÊÔƠƯĐ", strict=False))
_TCVN3_TABLE = str.maketrans(
    {
        **_TCVN3_LETTERS,
        "\u2212": "ư",  # the ư glyph sits at 0xAD (a soft hyphen); PDF producers often name it "minus"
        **{
            code: unicodedata.normalize("NFC", base + tone)
            for base, codes in _TCVN3_VOWELS.items()
            for code, tone in zip(codes, _TONES_ORDER, strict=False)
        },
    }
)
_TCVN3_HYPHEN_U = re.compile(r"(?<=^|[\s\p{L}])-(?=\p{Ll})")  # 0xAD read as "-": "ng-êi" is người
# VNI spells a letter as a base and a second character for its marks: "aø" is à, "eá" is ế, "ôù" is ớ.
_VNI_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # grave, acute, hook, tilde, dot below
_VNI_MARKS = {
    **dict(zip("øùûõï", _VNI_TONES, strict=True)),
    **dict(zip("âàáåãä", ["\u0302" + tone for tone in ("", *_VNI_TONES)], strict=True)),  # circumflex (and a tone)
    **dict(zip("êèéúüë", ["\u0306" + tone for tone in ("", *_VNI_TONES)], strict=True)),  # breve (and a tone)
}
_VNI_MARKS.update({mark.upper(): combining for mark, combining in list(_VNI_MARKS.items())})
_VNI_LETTERS = dict(zip("ñÑôÔöÖæÆóÓòÒîÎ", "đĐơƠưƯỉỈĩĨịỊỵỴ", strict=False))
_VNI_PAIR = re.compile(
    r"([aA])([øùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË])|([eEoO])([øùûõïâàáåãäØÙÛÕÏÂÀÁÅÃÄ])"
    r"|([uUyYôÔöÖ])([øùûõïØÙÛÕÏ])|([ñÑôÔöÖæÆóÓòÒîÎ])"
)


# TCVN3 font families, for PDFs that dropped the leading dot of ".VnTime" from the font's name.
_TCVN3_FONTS = re.compile(
    r"Vn(?:Time|Arial|Avant|Book|Bodoni|Century|Clarendon|Cooper|Courier|Free|Helvet|Linus|Monotype|Present"
    r"|Shelley|Southern|Stamp|Universe|Vogue|Aristote|Black|Commercial)"
)


def legacy_font_of(font_name: str) -> str | None:
    """``"tcvn3"``, ``"tcvn3-caps"`` (a TCVN3 capitals font such as .VnTimeH) or ``"vni"`` for a font
    name (a PDF subset's "ABCDEF+" prefix allowed); ``None`` for any other font."""
    name = font_name.split("+", 1)[-1]
    if re.match(r"VNI[-_ ]", name, re.IGNORECASE):
        return "vni"
    if re.match(r"\.Vn[A-Z]", name) or _TCVN3_FONTS.match(name):
        base = re.split(r"[-,]", name)[0]  # ".VnTimeH-Bold" is the capitals font in bold
        return "tcvn3-caps" if base.endswith("H") else "tcvn3"
    return None


def from_legacy_font(text: str, kind: str) -> str:
    """``text`` typed in a TCVN3 or VNI font (``legacy_font_of``'s kinds), as Unicode."""
    if kind == "vni":
        return _VNI_PAIR.sub(_vni_letter, text)
    text = _TCVN3_HYPHEN_U.sub("ư", text.translate(_TCVN3_TABLE))
    return text.upper() if kind == "tcvn3-caps" else text


def _vni_letter(match: re.Match) -> str:
    if match.group(7):
        return _VNI_LETTERS[match.group(7)]
    base, mark = next((match.group(i), match.group(i + 1)) for i in (1, 3, 5) if match.group(i))
    base = {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư"}.get(base, base)
    return unicodedata.normalize("NFC", base + _VNI_MARKS[mark])


def legacy_font(text: str) -> str | None:
    """``"tcvn3"`` or ``"vni"`` when ``text`` reads as typed in that legacy font (see ``_legacy_font``)."""
    if not _legacy_font(text):
        return None
    return "vni" if len(_VNI.findall(text)) > len(_TCVN3.findall(text)) else "tcvn3"
