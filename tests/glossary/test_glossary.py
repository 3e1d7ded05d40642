import pytest

from translator.errors import GlossaryError
from translator.glossary import fold, load, load_all, parse, shipped_paths

TSV = """# a comment
vi\ten\tnote\tdomain\tcase
kiểm soát xuất khẩu\texport controls\t\tgeopolitics\t
biện pháp kiểm soát xuất khẩu\texport control measures
mô hình ngôn ngữ lớn\tlarge language model (LLM)
AI\tAI
hòa bình|hoà bình\tpeace
thủy điện\thydropower
Nhà Trắng\tthe White House
bán dẫn\tsemiconductors
"""


def _found(glossary, text):
    return [(text[m.start : m.end], m.entry.en) for m in glossary.find(text)]


def test_longest_match_whole_syllables_and_order():
    g = parse(TSV)
    text = "Các biện pháp kiểm soát xuất khẩu và kiểm soát xuất khẩu chip; ông Trắng."
    assert _found(g, text) == [
        ("biện pháp kiểm soát xuất khẩu", "export control measures"),
        ("kiểm soát xuất khẩu", "export controls"),
    ]
    assert _found(g, "nhà trắng") == []  # a capitalised term keeps its case
    assert _found(g, "kiểm soát xuất khẩuu") == []  # whole syllables only


def test_ai_is_not_the_word_who():
    g = parse(TSV)
    assert _found(g, "Ai biết AI sẽ ra sao, ai cũng lo.") == [("AI", "AI")]


def test_tone_mark_placement_and_nfc_do_not_matter():
    import unicodedata

    g = parse(TSV)
    assert _found(g, "Hoà bình và thuỷ điện") == [("Hoà bình", "peace"), ("thuỷ điện", "hydropower")]
    [match] = g.find(unicodedata.normalize("NFD", "hòa bình"))  # offsets are into the NFC text
    assert (match.start, match.end, match.entry.en) == (0, len("hòa bình"), "peace")
    assert fold("hoà") == fold("hòa") and fold("thuỷ") == fold("thủy") and fold("uý") == fold("úy")
    assert len(fold("Hoà bình thuỷ")) == len("Hoà bình thuỷ")
    assert fold("hoàn") == "hoàn"  # a closed syllable has one spelling


def test_capitalised_word_inside_a_sentence_is_a_name():
    g = parse(TSV)
    assert _found(g, "Hiệp hội Công nghiệp Bán dẫn cho biết.") == []
    assert _found(g, "Bán dẫn là ngành chiến lược.") == [("Bán dẫn", "semiconductors")]


def test_later_glossaries_override(tmp_path):
    user = tmp_path / "user.tsv"
    user.write_text("vi\ten\nkiểm soát xuất khẩu\texport control regime\n", encoding="utf-8")
    merged = parse(TSV).merged(load(user))
    assert _found(merged, "kiểm soát xuất khẩu") == [("kiểm soát xuất khẩu", "export control regime")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("vi\ten\nmột\n", "2: both the Vietnamese and the English term are needed"),
        ("vi\ten\tnote\nmột\tone\tx\ty\n", "2: 4 columns"),
        ("vi\ten\ten\nmột\tone\n", "1: duplicate column 'en'"),
        ("vi\tnghĩa\nmột\tone\n", "1: the header must name vi and en"),
        ("vi\ten\tcase\nmột\tone\tmaybe\n", "2: case must be"),
    ],
)
def test_malformed_files_name_the_line(text, message):
    with pytest.raises(GlossaryError, match=message):
        parse(text, "g.tsv")


def test_wrong_encoding(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_bytes(b"vi\ten\n\xf0i\xe9n tho\xe1i\tphone\n")  # Windows-1258, not UTF-8
    with pytest.raises(GlossaryError, match="not UTF-8"):
        load(path)


def test_shipped_glossaries_are_big_enough_and_cover_the_seed_terms():
    assert {p.name for p in shipped_paths()} == {"ai.tsv", "geopolitics.tsv", "vietnam.tsv"}
    sizes = {path.name: len(load(path).entries) for path in shipped_paths()}
    assert sizes["ai.tsv"] >= 250 and sizes["geopolitics.tsv"] >= 250 and sizes["vietnam.tsv"] >= 100, sizes
    g = load_all([])
    text = (
        "mô hình ngôn ngữ lớn, kiểm soát xuất khẩu, Quy định bảo vệ dữ liệu chung, xứ cờ hoa, Nhà Trắng, "
        "Thung lũng Silicon, Liên minh châu Âu, Bắc Kinh, khoảnh khắc Sputnik, chủ quyền dữ liệu, luật mở rộng quy mô"
    )
    found = dict(_found(g, text))
    assert found["kiểm soát xuất khẩu"] == "export controls"
    assert found["mô hình ngôn ngữ lớn"] == "large language model (LLM)"
    assert found["Quy định bảo vệ dữ liệu chung"] == "General Data Protection Regulation (GDPR)"
    assert found["xứ cờ hoa"] == "the United States"
    assert found["luật mở rộng quy mô"] == "scaling laws"
    assert len(found) == 11


def test_a_term_right_after_a_colon_is_found_with_its_capital():
    """After a colon a sentence starts again: a capitalised term there is no part of a name."""
    glossary = parse("vi\ten\nkiểm soát xuất khẩu\texport controls\n")
    text = "Lưu ý: Kiểm soát xuất khẩu được siết chặt."
    assert [(text[m.start : m.end], m.entry.en) for m in glossary.find(text)] == [
        ("Kiểm soát xuất khẩu", "export controls")
    ]
    assert not glossary.find("Ủy ban Kiểm soát Xuất khẩu họp.")  # inside a name: not the term


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("en", "Syrian Arab Republic"),
        ("en_adj", "Syrian|Syrians"),
        ("case", "sensitive"),
        ("match", "short-name"),
        ("vi", "Syria|Xy-ri"),
    ],
)
def test_the_digest_changes_with_every_column_that_shapes_outputs(tmp_path, column, value):
    """The digest keys the outputs' signature: an edit it ignores would leave stale reports."""
    from translator.glossary import load_all

    def digest(row: dict) -> str:
        path = tmp_path / f"{column}.tsv"
        path.write_text("\t".join(row) + "\n" + "\t".join(row.values()) + "\n", encoding="utf-8")
        return load_all([path], shipped=False).digest()

    row = {"vi": "Xy-ri", "en": "Syria", "en_adj": "Syrian", "case": "", "match": ""}
    assert digest(row) != digest({**row, column: value})
