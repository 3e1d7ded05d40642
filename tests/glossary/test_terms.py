import pytest

from translator.document import Block, BlockKind, Document, Sentence
from translator.glossary import parse
from translator.glossary.terms import protect, term_counts, verify

GLOSSARY = parse(
    "vi\ten\nmô hình ngôn ngữ lớn\tlarge language model (LLM)\nkiểm soát xuất khẩu\texport controls\n"
    "đồng minh\tally\nNhà Trắng\tthe White House\n"
)


def _doc(*texts: str) -> Document:
    return Document(blocks=[Block(BlockKind.PARAGRAPH, t, [Sentence(t)]) for t in texts])


def test_terms_are_injected_with_the_abbreviation_once():
    doc = _doc("Mô hình ngôn ngữ lớn mới.", "Một mô hình ngôn ngữ lớn khác.", "Các mô hình ngôn ngữ lớn (LLM) mạnh.")
    protect(doc, GLOSSARY)
    assert [s.engine_input for s in doc.sentences()] == [
        "large language model (LLM) mới.",
        "Một large language model khác.",
        "Các large language model (LLM) mạnh.",
    ]
    untouched = _doc("Không có thuật ngữ.")
    protect(untouched, GLOSSARY)
    assert next(untouched.sentences()).engine_input == ""


def _translated(source: str, output: str) -> Sentence:
    doc = _doc(source)
    protect(doc, GLOSSARY)
    sentence = next(doc.sentences())
    sentence.translation = output
    verify(sentence)
    return sentence


def test_verified_terms_case_repaired_plural_and_sentence_start_kept():
    s = _translated("Các đồng minh và kiểm soát xuất khẩu.", "Export Controls and allies.")
    assert s.translation == "Export controls and allies."
    assert [(u.en, u.enforced) for u in s.terms] == [("ally", True), ("export controls", True)]
    assert s.flags == []


def test_dropped_or_mangled_terms_flag_the_sentence():
    s = _translated("Nhà Trắng và kiểm soát xuất khẩu.", "The White House and export restrictions.")
    assert [u.enforced for u in s.terms] == [True, False]
    assert s.flags == ["term not enforced: export controls"]


def test_the_leading_article_is_optional():
    s = _translated("Nhà Trắng cho biết.", "A White House spokesman said.")
    assert (s.translation, [u.enforced for u in s.terms], s.flags) == ("A White House spokesman said.", [True], [])


def test_the_leading_article_is_optional_for_a_one_word_name_too():
    from translator.glossary.terms import term_pattern

    assert term_pattern("the Pentagon").search("Pentagon officials said").group(0) == "Pentagon"
    assert term_pattern("the Pentagon").search("in the pentagons").group(0) == "the pentagons"  # any case, a plural
    assert term_pattern("the Pentagon").search("the Pentagonal shape") is None


def test_a_term_used_twice_must_appear_twice():
    s = _translated("kiểm soát xuất khẩu và kiểm soát xuất khẩu", "export controls and more")
    assert s.flags == ["term not enforced: export controls"]


def test_term_counts():
    doc = _doc("kiểm soát xuất khẩu và kiểm soát xuất khẩu.")
    protect(doc, GLOSSARY)
    sentence = next(doc.sentences())
    sentence.translation = "export controls and export controls."
    verify(sentence)
    assert term_counts(doc) == [("kiểm soát xuất khẩu", "export controls", 2, 2)]


def _protected(*texts: str, glossary=GLOSSARY) -> Document:
    from translator.facts.spans import SpanOptions

    doc = _doc(*texts)
    protect(doc, glossary, SpanOptions())
    return doc


def test_a_reviewed_english_is_checked_never_changed():
    """A person's English keeps every letter (no recasing, no restored figure); a layout-only
    fault ("4,33") counts as kept; each lacking term or fact is one note for the reviewer."""
    from translator.facts.spans import Span
    from translator.glossary.terms import TermUse, check_reviewed

    sentence = next(_protected("Nhà Trắng chi 4,33 tỷ USD cho kiểm soát xuất khẩu và 2.200.112 người.").sentences())
    sentence.translation = english = "The white house spent 4,33 billion USD on trade curbs."
    sentence.flags = ["an older note"]
    check_reviewed(sentence)
    assert sentence.translation == english
    assert sentence.terms == [
        TermUse("Nhà Trắng", "the White House", enforced=True, at=(0, 9)),
        TermUse("kiểm soát xuất khẩu", "export controls", enforced=False, at=(35, 54)),
    ]
    assert sentence.flags == [
        "the reviewed English lacks the term: export controls",
        "the reviewed English lacks the number: 2,200,112",
    ]
    assert sentence.spans == [
        Span("money", 14, 25, "4,33 tỷ USD", "4.33 billion USD", enforced=True),
        Span("number", 53, 62, "2.200.112", "2,200,112", enforced=False),
    ]
    assert [(f.kind, f.source, f.status) for f in sentence.facts] == [
        ("money", "4,33 tỷ USD", "kept"),
        ("number", "2.200.112", "flagged"),
    ]


def test_a_term_wins_over_a_span_it_overlaps():
    """ "ngày 30/4" is a glossary term and a date: the term's English is given, its span dropped."""
    from translator.facts.spans import Span

    glossary = parse("vi\ten\nngày 30/4\tReunification Day\n")
    sentence = next(_protected("Mừng ngày 30/4 và ngày 6/2/2025.", glossary=glossary).sentences())
    assert sentence.engine_input == "Mừng Reunification Day và 6 February 2025."
    assert sentence.plain_input == "Mừng ngày 30/4 và 6 February 2025."
    assert sentence.spans == [Span("date", 18, 31, "ngày 6/2/2025", "6 February 2025")]
    assert [(u.vi, u.en, u.at) for u in sentence.terms] == [("ngày 30/4", "Reunification Day", (5, 14))]


def test_a_verbatim_sentence_is_left_as_it_is():
    verbatim = Sentence("kiểm soát xuất khẩu 4,33 tỷ USD", verbatim=True)
    doc = Document(blocks=[Block(BlockKind.CODE, verbatim.source, [verbatim])])
    protect(doc, GLOSSARY)
    assert next(doc.sentences()) == Sentence("kiểm soát xuất khẩu 4,33 tỷ USD", verbatim=True)


@pytest.mark.parametrize(
    ("english", "text", "found"),
    [
        ("organization", "two organisations met", "organisations"),  # -ise/-ize
        ("labour", "labor costs", "labor"),  # -our/-or
        ("defence", "the defense budget", "defense"),  # -ence/-ense
        ("centre", "a data center", "center"),  # -re/-er
        ("US-China", "US–China talks", "US–China"),  # any dash
        ("US", "the U.S. said", "U.S."),  # a dotted acronym
        ("US", "let us go", None),  # an acronym keeps its case
        ("ASEAN", "Asean leaders", None),
        ("WORLD BANK", "the World Bank said", "World Bank"),  # a long all-capitals term is no acronym
        ("ally", "two allies", "allies"),
        ("ally", "Allies agreed", "Allies"),  # a short term in any case
        ("export controls", "export controlsX", None),  # whole words
    ],
)
def test_a_term_is_found_in_its_other_spellings(english, text, found):
    from translator.glossary.terms import term_pattern

    match = term_pattern(english).search(text)
    assert (match.group(0) if match else None) == found


def test_the_glossary_case_is_restored_inside_a_sentence_and_a_capital_kept_at_its_start():
    s = _translated("kiểm soát xuất khẩu và kiểm soát xuất khẩu", "Export Controls and the EXPORT CONTROLS.")
    assert (s.translation, s.flags) == ("Export controls and the export controls.", [])


def test_an_abbreviation_the_source_already_gives_is_not_given_twice():
    doc = _doc("Mô hình ngôn ngữ lớn (LLM) mới.", "Mô hình ngôn ngữ lớn khác.")
    protect(doc, GLOSSARY)
    assert [s.engine_input for s in doc.sentences()] == [
        "large language model (LLM) mới.",
        "large language model khác.",
    ]


@pytest.mark.parametrize(
    ("source", "english", "forms"),
    [
        ("Chính phủ Syria họp.", "Syrian", ("Syria", "Syrians")),  # after a noun it modifies: the adjective
        ("Quân đội rút khỏi Syria.", "Syria", ("Syrian", "Syrians")),  # elsewhere: the name
        ("Syria họp.", "Syria", ("Syrian", "Syrians")),
    ],
)
def test_a_term_after_a_noun_it_modifies_takes_its_adjective(source, english, forms):
    from translator.glossary.terms import TermUse

    glossary = parse("vi\ten\ten_adj\nSyria\tSyria\tSyrian|Syrians\n")
    doc = _doc(source)
    protect(doc, glossary)
    [use] = next(doc.sentences()).terms
    start = source.index("Syria")
    assert use == TermUse("Syria", english, at=(start, start + 5), forms=forms)


@pytest.mark.parametrize(
    ("source", "terms"),
    [
        ("Thượng tướng Nguyễn Tân Cương phát biểu.", []),  # inside a person's name: no place
        ("Ông Tân Cương Minh phát biểu.", []),  # the first words of a person's name: no place either
        ("Tân Cương có tuyết.", [("Tân Cương", "Xinjiang")]),
        ("Tổng thống Donald Trump nói.", [("Donald Trump", "Donald Trump")]),  # the whole name is the term
    ],
)
def test_a_term_inside_a_persons_name_is_no_term(source, terms):
    glossary = parse("vi\ten\nTân Cương\tXinjiang\nDonald Trump\tDonald Trump\n")
    doc = _doc(source)
    protect(doc, glossary)
    assert [(u.vi, u.en) for u in next(doc.sentences()).terms] == terms
