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
    assert merged.names == ["glossary", str(user)]
    assert load_all([user], shipped=False).names == [str(user)]


BAD_HEADER = "the header must name vi and en, then any of note, domain, case, en_adj, match"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("vi\ten\nmột\n", "g.tsv:2: both the Vietnamese and the English term are needed"),
        ("vi\ten\n \tone\n", "g.tsv:2: both the Vietnamese and the English term are needed"),
        # columns in the other order: a one-cell row has no Vietnamese cell at all, still a refusal
        ("en\tvi\nmodel\n", "g.tsv:2: both the Vietnamese and the English term are needed"),
        ("vi\ten\tnote\nmột\tone\tx\ty\n", "g.tsv:2: 4 columns, the header has 3"),
        ("vi\ten\ten\nmột\tone\n", "g.tsv:1: duplicate column 'en'"),
        ("vi\tnghĩa\nmột\tone\n", "g.tsv:1: " + BAD_HEADER),
        ("# terms\nvi\tnote\n", "g.tsv:2: " + BAD_HEADER),
        ("vi\ten\tcase\nmột\tone\tmaybe\n", "g.tsv:2: case must be sensitive or insensitive, not 'maybe'"),
        ("vi\ten\tmatch\nMỹ\tUS\tshort\n", "g.tsv:2: match must be empty or short-name, not 'short'"),
    ],
)
def test_malformed_files_name_the_line(text, message):
    with pytest.raises(GlossaryError) as refused:
        parse(text, "g.tsv")
    assert str(refused.value) == message


def test_wrong_encoding(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_bytes(b"vi\ten\n\xf0i\xe9n tho\xe1i\tphone\n")  # Windows-1258, not UTF-8
    with pytest.raises(GlossaryError) as refused:
        load(path)
    assert str(refused.value) == f"{path}: not UTF-8 (byte 6); save the glossary as UTF-8"


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


def test_a_letter_whose_lower_case_is_longer_keeps_the_offsets():
    """Folding "İ" to lower case gives two code points: that must not shift every later match."""
    text = "İzmir và kiểm soát xuất khẩu"
    assert _found(parse(TSV), text) == [("kiểm soát xuất khẩu", "export controls")]
    assert fold(text) == text  # left as written rather than a different length


def test_an_empty_glossary_finds_nothing():
    assert parse("vi\ten\n").find("kiểm soát xuất khẩu") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("xuất khẩu", ["export controls", "export control measures"]),  # inside the Vietnamese, file order
        ("WHITE HOUSE", ["the White House"]),  # inside the English, any case
        ("các biện pháp kiểm soát xuất khẩu mới", ["export control measures"]),  # a term found in the query
        ("hòa bình, thủy điện và AI", ["peace", "hydropower", "AI"]),  # several, in the query's order
        ("Hoà bình", ["peace"]),  # a hit both ways is listed once
        ("không có gì", []),
    ],
)
def test_search_lists_contained_terms_then_the_terms_in_the_query(query, expected):
    assert [e.en for e in parse(TSV).search(query)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chủ tịch UBND tỉnh phát biểu.", [("Chủ tịch UBND", "Chairman of the People's Committee")]),
        ("Phó Chủ tịch UBND tỉnh phát biểu.", []),  # the deputy is not the chairman
        ("Ông là phó Chủ tịch UBND.", []),
        ("Phó Chủ tịch nước dự lễ.", [("Phó Chủ tịch nước", "Vice President")]),  # a deputy with its own entry
        ("Phó giám đốc và Chủ tịch UBND", [("Chủ tịch UBND", "Chairman of the People's Committee")]),
    ],
)
def test_a_title_right_after_pho_is_not_the_titles_term(text, expected):
    glossary = parse("vi\ten\nChủ tịch UBND\tChairman of the People's Committee\nPhó Chủ tịch nước\tVice President\n")
    assert _found(glossary, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ảnh: Đức", []),  # a photo credit: a person
        ("Bài và ảnh: Nga", []),
        ("Nguồn: Reuters, Đức", [("Đức", "Germany")]),  # the credit is one name, a country may follow
        ("TP. Mỹ", []),  # a place's abbreviation: a place's name
        ("Q. Bình Mỹ", []),
        ("Đức: thất nghiệp tăng", [("Đức", "Germany")]),
        ("Quan hệ với Nga: căng thẳng", [("Nga", "Russia")]),
    ],
)
def test_a_short_name_after_a_credit_or_a_place_abbreviation_is_a_name(text, expected):
    glossary = parse(
        "vi\ten\tmatch\nĐức\tGermany\tshort-name\nNga\tRussia\tshort-name\nMỹ\tthe United States\tshort-name\n"
    )
    assert _found(glossary, text) == expected


def test_judge_gives_every_problem_of_a_file_whole():
    """Two Englishes for one term: an error; the same twice: a warning; a common word matched in
    any case: an error; a capitalised common word: a warning, unless it is a short name."""
    from translator.glossary import Problem, judge

    glossary = parse(
        "vi\ten\tcase\tmatch\n"
        "ai\twho\t\t\n"
        "Mỹ\tthe United States\t\tshort-name\n"
        "Đức\tGermany\t\t\n"
        "Đức\tGerman\t\t\n"
        "hòa bình|hoà bình\tpeace\t\t\n"
        "hoà bình\tpeace\t\t\n"
        "Tin\tTin\tinsensitive\t\n"
        "AI\tAI\t\t\n",
        "g.tsv",
    )
    assert [str(p) for p in judge(glossary)] == [
        "g.tsv:2: error: 'ai' is also the common word 'ai'; make it case-sensitive",
        "g.tsv:4: warning: 'Đức' also starts sentences as the common word 'đức'",
        "g.tsv:5: error: 'Đức' conflicts with g.tsv:4 (Germany)",
        "g.tsv:5: warning: 'Đức' also starts sentences as the common word 'đức'",
        "g.tsv:7: warning: 'hoà bình' duplicate of g.tsv:6 (peace)",
        "g.tsv:8: error: 'Tin' is also the common word 'tin'; make it case-sensitive",
        "g.tsv:9: warning: 'AI' also starts sentences as the common word 'ai'",
    ]
    assert judge(glossary)[0] == Problem(
        "g.tsv:2", "error", "'ai' is also the common word 'ai'; make it case-sensitive"
    )


def test_a_csv_with_nothing_but_comments_is_an_empty_glossary():
    from translator.glossary import parse_csv

    glossary = parse_csv("# exported terms\n\n", "g.csv")
    assert (glossary.entries, glossary.names) == ([], ["g.csv"])


def test_a_blank_header_cell_is_no_column_and_the_rows_still_group_by_english():
    from translator.glossary import Entry, parse_csv

    glossary = parse_csv("vi,en,\nHoa Kỳ,United States,x\nMỹ,United States,y\n", "g.csv")
    assert glossary.entries == [Entry("Hoa Kỳ", "United States", ("Hoa Kỳ", "Mỹ"), source="g.csv:2")]


def test_parse_gives_each_row_as_a_whole_entry():
    """Cells are trimmed, variants NFC with single spaces, case and match read in any case,
    a short row is padded, and each entry knows its file and line."""
    import unicodedata

    from translator.glossary import Entry

    nfd = unicodedata.normalize("NFD", "Hoà Kỳ")
    glossary = parse(
        "vi\ten\tnote\tdomain\tcase\ten_adj\tmatch\n"
        f"  {nfd} | Mỹ  quốc |\t the United States \t a note \t geo \t Sensitive \t American|US \t SHORT-NAME \n"
        "học máy\tmachine learning\n",
        "g.tsv",
    )
    assert glossary.entries == [
        Entry(
            "Hoà Kỳ",
            "the United States",
            ("Hoà Kỳ", "Mỹ quốc"),
            "a note",
            "geo",
            "sensitive",
            "g.tsv:2",
            "American|US",
            "short-name",
        ),
        Entry("học máy", "machine learning", ("học máy",), source="g.tsv:3"),
    ]
    assert glossary.names == ["g.tsv"]
    assert glossary.entries[0].adjectives == ("American", "US")


SHORT_NAMES = parse(
    "vi\ten\tmatch\nNga\tRussia\tshort-name\nAnh\tthe United Kingdom\tshort-name\nĐức\tGermany\tshort-name\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổng Thống Nga phát biểu.", [("Nga", "Russia")]),  # a capitalised title before: still the country
        ("Tại Nga, tuyết rơi.", [("Nga", "Russia")]),  # the word before opens the sentence: no name
        ("Ông Trần Đức nói.", []),  # a capitalised syllable before, inside the sentence: a name
        ("Hôm qua, Lê Nga nói.", []),
        ("Hội đồng NATO Nga họp.", [("Nga", "Russia")]),  # a capitalised word that is no Vietnamese syllable
        ("Quan hệ với Anh đang tốt.", [("Anh", "the United Kingdom")]),  # "Anh" before a word, mid-sentence
        ("Anh ấy nói.", []),  # opening a sentence before a lower-case word: the pronoun
        ("Nói xong. Anh cho biết thêm.", []),
        ("chị Nga đi chợ", []),
        ("Đức tin của họ", []),  # "đức tin" (faith) is a word
    ],
)
def test_a_short_name_is_the_country_only_where_no_name_or_word_is_meant(text, expected):
    assert _found(SHORT_NAMES, text) == expected


def test_fold_moves_the_tone_mark_onto_the_first_vowel_of_each_pair_only():
    assert fold("Hoà Hoè Thuỷ HOÀ quà", case=True) == "Hòa Hòe Thủy HÒA quà"
    assert fold("Hoà Hoè Thuỷ HOÀ quà") == "hòa hòe thủy hòa quà"


def test_a_capitalised_entry_wins_over_a_lower_case_one_for_the_same_words():
    glossary = parse("vi\ten\nNhà Trắng\tthe White House\nnhà trắng\ta white house\n")
    assert _found(glossary, "Nhà Trắng ra tuyên bố; nhà trắng ở góc phố.") == [
        ("Nhà Trắng", "the White House"),
        ("nhà trắng", "a white house"),
    ]


@pytest.mark.parametrize(
    ("rows", "more"),
    [
        ("phở\tpho\nphở\tsoup\n", ""),
        ("phở\tpho\nphở\tsoup\nbánh mì\tbread\nbánh mì\tsandwich\n", " (and 1 more)"),
    ],
)
def test_a_glossary_with_an_error_is_refused_naming_the_first(tmp_path, rows, more):
    """``translate -g`` uses a file only if ``glossary check`` passes it (load_all judges each given file)."""
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\n" + rows, encoding="utf-8")
    with pytest.raises(GlossaryError) as refused:
        load_all([path], shipped=False)
    first = f"{path}:3: error: 'phở' conflicts with {path}:2 (pho)"
    assert str(refused.value) == f"{first}{more}; vietrans glossary check {path} lists every problem"
    assert [e.en for e in load(path, judged=False).entries] == ["pho", "soup", "bread", "sandwich"][
        : len(rows.splitlines())
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("note,domain\nx,y\n", "g.csv:1: the header names no Vietnamese and English columns: ['note', 'domain']"),
        ("vi,meaning\nhọc máy,x\n", "g.csv:1: the header names no Vietnamese and English columns: ['vi', 'meaning']"),
        (
            "English;Ghi chú\nmodel;x\n",
            "g.csv:1: the header names no Vietnamese and English columns: ['English', 'Ghi chú']",
        ),
    ],
)
def test_a_csv_header_without_both_languages_is_refused(text, message):
    from translator.glossary import parse_csv

    with pytest.raises(GlossaryError) as refused:
        parse_csv(text, "g.csv")
    assert str(refused.value) == message


def test_a_first_row_with_one_header_word_is_a_row_of_terms():
    """ "chủ đề" (topic) names a column, but "topic" does not: the file has no header."""
    from translator.glossary import parse_csv

    glossary = parse_csv("chủ đề,topic\nhọc máy,machine learning\n", "g.csv")
    assert [(e.variants, e.en, e.source) for e in glossary.entries] == [
        (("chủ đề",), "topic", "g.csv:1"),
        (("học máy",), "machine learning", "g.csv:2"),
    ]


@pytest.mark.parametrize("name", ["g.tbx", "g.TBX", "g.xml"])
def test_a_termbase_is_refused_with_the_command_that_converts_it(tmp_path, name):
    path = tmp_path / name
    path.write_text('<?xml version="1.0"?><tbx/>', encoding="utf-8")
    with pytest.raises(GlossaryError) as refused:
        load(path)
    assert str(refused.value) == f"{path}: a TBX termbase; convert it first: vietrans glossary import {path} NAME.tsv"


def test_a_csv_is_read_by_its_suffix_in_any_case(tmp_path):
    path = tmp_path / "G.CSV"
    path.write_text("en,vi\nmodel,mô hình\n", encoding="utf-8")
    assert [(e.vi, e.en) for e in load(path).entries] == [("mô hình", "model")]
