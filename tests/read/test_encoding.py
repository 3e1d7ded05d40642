"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) converted to Unicode (``translator.read.encoding``)."""

import unicodedata

import pytest

from translator.errors import InputError
from translator.read.encoding import decode, from_legacy_font, legacy_font, legacy_font_of

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
LOWER = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | {"đ"}
ALPHABET = LOWER | {letter.upper() for letter in LOWER}

# The national motto that heads every official document, as offices typed it for decades.
MOTTO = "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc"
MOTTO_TCVN3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc"
MOTTO_VNI = "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc"


def test_the_motto_typed_in_tcvn3_and_in_vni_reads_in_unicode():
    assert from_legacy_font(MOTTO_TCVN3, "tcvn3") == MOTTO
    assert from_legacy_font(MOTTO_VNI, "vni") == MOTTO
    assert from_legacy_font("céng hoµ", "tcvn3-caps") == "CỘNG HOÀ"  # .VnTimeH draws the same codes as capitals


def test_tcvn3_gives_every_lowercase_letter_from_exactly_one_code():
    """TCVN3's lowercase letters live in 0xA1-0xFE; each Vietnamese letter comes from one code (ư from
    0xAD, which PDFs give as a soft hyphen), and each uppercase base letter (Ă Â Ê Ô Ơ Ư Đ) too."""
    converted = {code: from_legacy_font(chr(code), "tcvn3") for code in range(0xA1, 0xFF)}
    letters = [letter for code, letter in converted.items() if letter != chr(code) and letter in ALPHABET]
    assert len(letters) == len(set(letters))
    plain = set("aeiouyý")  # typed as themselves (ý is 0xFD in both)
    assert set(letters) | plain == LOWER | set("ĂÂÊÔƠƯĐ")


def test_vni_spells_every_letter_of_both_cases():
    marks = "øùûõïâàáåãäêèéúüë"
    pairs = [base + mark for base in "aeiouyôöAEIOUYÔÖ" for mark in marks + marks.upper()]
    produced = {from_legacy_font(spelling, "vni") for spelling in [*pairs, *"ñÑôÔöÖæÆóÓòÒîÎ"]}
    typed_as_themselves = set("aeiouyAEIOUYìíÌÍ")
    assert (produced & ALPHABET) | typed_as_themselves >= ALPHABET


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Covid-19 trong giai đoạn 2024-2025, - Hoàn thiện", "tcvn3"),  # hyphens that are hyphens stay
        ("ASCII text, 2024-2025 (version 3.1)", "vni"),
    ],
)
def test_plain_ascii_is_left_as_it_is(text, kind):
    ascii_part = "".join(c for c in text if c.isascii())
    assert from_legacy_font(ascii_part, kind) == ascii_part


@pytest.mark.parametrize(
    ("font", "kind"),
    [
        (".VnTime", "tcvn3"),
        ("ABCDEF+.VnTime", "tcvn3"),
        (".VnArial-Bold", "tcvn3"),
        (".VnTimeH", "tcvn3-caps"),
        ("QWERTY+.VnArialH-Bold", "tcvn3-caps"),
        ("VNI-Times", "vni"),
        ("AAAAAB+VNI-Helve-Bold", "vni"),
        ("ABCDEF+VNI-Times+Bold", "vni"),  # only the subset's prefix ends at a "+"
        ("ABCDEF+.VnArial+Bold", "tcvn3"),
        ("TimesNewRomanPSMT", None),
        ("BAAAAA+LiberationSerif", None),
        ("Vni", None),
        ("VnTimeH", "tcvn3-caps"),  # the leading dot lost on the way into the PDF
        ("VnExpressSans", None),
    ],
)
def test_legacy_fonts_are_known_by_name(font, kind):
    assert legacy_font_of(font) == kind


def test_legacy_text_is_told_by_its_letters():
    assert legacy_font(MOTTO_TCVN3 * 2) == "tcvn3"
    assert legacy_font(MOTTO_VNI * 2) == "vni"
    assert legacy_font(MOTTO * 2) is None


LOST = (
    'x.txt: UTF-8 text that was mis-decoded as Windows-1252 and saved again ("Viá»‡t"), with some characters '
    "lost on the way, so it cannot be repaired exactly; find the original file"
)


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (b"\xef\xbb\xbfHi", ("Hi", [])),
        (b"\xfe\xff\x00H\x00i", ("Hi", [])),
        (b"\xff\xfeH\x00i\x00", ("Hi", [])),
        (b"Hi", ("Hi", [])),  # too short to be told UTF-16 by its zero bytes
        (b"\xff\xfeH\x00i", "x.txt: not valid UTF-16 text"),
        (b"A\x00B", "x.txt: binary data, not text"),  # three bytes: too few to be UTF-16 without a BOM
        (b"\t\r\n\x00\xef\xbb\xbf", "x.txt: the file is empty"),
        (b"%PDF-1.7", "x.txt: this is a PDF document (name it .pdf to read it as one), not text"),
        (b"\x89PNG\r\n", "x.txt: this is a PNG image, not text"),
        (b"\xff\xd8\xff\xe0", "x.txt: this is a JPEG image, not text"),
        (b"GIF89a", "x.txt: this is a GIF image, not text"),
        (b"PK\x03\x04", "x.txt: this is a zip archive (a .docx must be named .docx), not text"),
        (b"\x1f\x8b\x08", "x.txt: this is a gzip archive, not text"),
        (b"\xd0\xcf\x11\xe0\xa1", "x.txt: this is an old Word or Excel file (save it as .docx), not text"),
        (b"{\\rtf1", "x.txt: this is an RTF document (save it as .docx or text), not text"),
        (
            "Thá»§ tÆ°á»›ng".encode(),
            ("Thủ tướng", ['x.txt: repaired text that had been mis-decoded as Latin-1 ("Viá»‡t" → "Việt")']),
        ),
        ("Viá»‡t Nam → Hà Ná»™i".encode(), LOST),  # "→" is no character a Windows-1252 misreading shows
        ("ÃÃ Ã€ test".encode(), LOST),  # taken back to bytes, not UTF-8
    ],
)
def test_bytes_decode_to_text_or_fail_with_one_line_that_says_what_they_are(data, outcome):
    if isinstance(outcome, tuple):
        assert decode(data, "x.txt") == outcome
    else:
        with pytest.raises(InputError) as err:
            decode(data, "x.txt")
        assert str(err.value) == outcome
