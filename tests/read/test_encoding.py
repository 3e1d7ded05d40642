"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) converted to Unicode (``translator.read.encoding``)."""

import unicodedata

import pytest

from translator.read.encoding import from_legacy_font, legacy_font, legacy_font_of

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
