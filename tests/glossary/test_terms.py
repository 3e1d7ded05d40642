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
    assert all(use.enforced for use in s.terms) and not s.flags


def test_dropped_or_mangled_terms_flag_the_sentence():
    s = _translated("Nhà Trắng và kiểm soát xuất khẩu.", "The White House and export restrictions.")
    assert [u.enforced for u in s.terms] == [True, False]
    assert s.flags == ["term not enforced: export controls"]


def test_the_leading_article_is_optional():
    s = _translated("Nhà Trắng cho biết.", "A White House spokesman said.")
    assert s.terms[0].enforced and not s.flags


def test_the_leading_article_is_optional_for_a_one_word_name_too():
    from translator.glossary.terms import term_pattern

    assert term_pattern("the Pentagon").search("Pentagon officials said") is not None
    assert term_pattern("the Pentagon").search("the pentagons") is not None  # any case, a plural
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
