"""The shipped glossaries on Vietnamese written as the papers write it: state bodies, titles, short
country names where they are countries and never where they are a name, a pronoun or a word."""

import pytest

from tests.conftest import DATA
from translator.document import Block, BlockKind, Document, Sentence
from translator.glossary import load_all
from translator.glossary.terms import missing, protect

CASES = [line.split("\t") for line in (DATA / "news_terms.tsv").read_text(encoding="utf-8").splitlines()[3:]]
GLOSSARY = load_all(())


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_news_sentence(sentence, expected):
    found = "; ".join(f"{sentence[m.start : m.end]} = {m.entry.en}" for m in GLOSSARY.find(sentence))
    assert found == expected


@pytest.mark.parametrize(
    "sentence",
    ["Mỹ phẩm bán chạy.", "chị Nga đi chợ", "Anh ấy nói", "Nguyễn Đức Anh", "ông Trần Đức Lương", "Đức Giáo hoàng"],
)
def test_short_names_that_are_no_country(sentence):
    assert not [m for m in GLOSSARY.find(sentence) if m.entry.match == "short-name"]


def _protected(text):
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, text, [Sentence(text)])])
    protect(doc, GLOSSARY, None)
    return next(doc.sentences())


def test_a_term_modifying_a_noun_takes_its_adjective():
    sentence = _protected("Chính phủ Syria kêu gọi đối thoại.")
    assert [u.en for u in sentence.terms] == ["Syrian"]
    assert _protected("Quân đội Nga rút khỏi Syria.").terms[-1].en == "Syria"  # after "khỏi": the noun


def test_verification_accepts_the_terms_forms():
    sentence = _protected("Quân đội Mỹ rút quân.")
    assert [u.en for u in sentence.terms] == ["US"]  # after "quân đội": the adjective is enforced
    for english in ("US troops withdrew.", "American troops withdrew.", "The troops of the United States withdrew."):
        assert not missing(sentence, english), english
    assert missing(sentence, "The army of us all withdrew.")  # "us" is no "US"
    syria = _protected("Chính phủ Syria kêu gọi đối thoại.")
    assert not missing(syria, "The government of Syria called for talks.")  # the noun form counts too
    assert missing(syria, "The government called for talks.")


def test_latin_script_names_are_never_renamed():
    """A shipped entry may rename a Latin-script source only where that is a Vietnamese spelling."""
    vietnamese_spellings = {
        "Moskva",
        "Kiev",
        "Italia",
        "Campuchia",
        "Litva",
        "Na Uy",
        "Ba Lan",
        "Nam Phi",
        "Nam Sudan",
        "Ma Cao",
        "Nga",  # Vietnamese words and abbreviations written without marks
        "Anh",
        "TP.HCM",
    }
    for entry in GLOSSARY:
        for variant in entry.variants:
            latin = variant.isascii() and variant[:1].isupper() and " và " not in variant and "-" not in variant
            if latin and variant.lower() not in entry.en.lower() and variant not in vietnamese_spellings:
                # else only a Vietnamese acronym (LHQ, UBND, TTXVN) may be spelt out
                assert len(variant) <= 5 and variant.isupper(), f"{entry.source}: {variant!r} renamed {entry.en!r}"
