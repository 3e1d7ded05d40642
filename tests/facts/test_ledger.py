"""The fact ledger: each case a journalist found going out fluent, wrong and unflagged."""

import pytest

from translator.document import Block, BlockKind, Document, Sentence
from translator.facts.ledger import ledger, restore
from translator.facts.spans import SpanOptions, find
from translator.glossary import load_all
from translator.glossary.terms import protect, verify


def _checked(source: str, output: str, glossary=None) -> Sentence:
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, source, [Sentence(source)])])
    protect(doc, glossary, SpanOptions())
    sentence = next(doc.sentences())
    sentence.translation = output
    verify(sentence, output)
    return sentence


def _facts(source: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.source, f.english) for f in ledger(source, find(source, SpanOptions()), [])]


@pytest.mark.parametrize(
    ("source", "wrong", "flag"),
    [
        ("Lãi 15,5 tỷ đồng.", "A profit of 15.5 percent.", "money not kept: 15,5 tỷ đồng → 15.5 billion dong"),
        ("Lãi 45.000 tỷ đồng.", "A profit of 45,000 tons.", "money not kept: 45.000 tỷ đồng → 45,000 billion dong"),
        ("Lãi 15,5 tỷ đồng.", "A profit of 15.5 dong.", "money not kept: 15,5 tỷ đồng → 15.5 billion dong"),
        ("Năm 2024 trời mưa.", "In 2044 it rained.", "year not kept: 2024"),
        ("Có 2/3 số hộ dân.", "There are 23 of the population.", "fraction not kept: 2/3 → two-thirds"),
        ("Đội thắng 3/4 trận.", "The team won 34 matches.", "score not kept: 3/4 → 3 of 4"),
        ("Giá tăng 10-15%.", "Prices rose 1015%.", "range not kept: 10-15% → 10–15%"),
        ("Đại hội lần thứ 14.", "The 4th congress.", "ordinal not kept: thứ 14 → 14th"),
        ("Dân số 2.200.112 người.", "The population is 2,200,12 people.", "number not kept: 2.200.112 → 2,200,112"),
        ("Xuất 2,5 triệu tấn gạo.", "It exported 2.5 tonnes of rice.", "number not kept: 2,5 triệu → 2.5 million"),
        ("Có 4 tháng.", "There are 14 months.", "number not kept: 4"),
        ("EVN tăng giá.", "EVV raised prices.", "code not kept: EVN"),
        ("Theo CIEM, giá tăng.", "According to CIME, prices rose.", "code not kept: CIEM"),
        ("CEO của FPT AI phát biểu.", "The CEO of AI spoke.", "code not kept: FPT"),
        ("Quyết định số 1279/QĐ-BCT.", "Decision 1279/S-SBT.", "code not kept: 1279/QĐ-BCT"),
        ("Theo Nghị định 15/2025/NĐ-CP.", "Under Decree 15/2025.", "code not kept: 15/2025/NĐ-CP"),
        ("Xem chú thích [1].", "See the note.", "footnote not kept: [1]"),
        ("Thượng tướng Nguyễn Tân Cương phát biểu.", "Nguyen Ngoc Anh spoke.", "name not kept: Nguyễn Tân Cương"),
        ("thượng tướng Nguyễn Tân Cương phát biểu.", "Nguyen Ngoc Anh spoke.", "name not kept: Nguyễn Tân Cương"),
        ("HLV Kim Sang-sik nói.", "Coach Kim Sang said.", "name not kept: Kim Sang-sik"),
        ("PGS.TS Trần Văn Nam nói.", "Professor Tran Nam said.", "name not kept: Trần Văn Nam"),
        ("NSƯT Thu Hà hát.", "Artist Thu sang.", "name not kept: Thu Hà"),
        (
            "Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên nói.",
            "The minister Nguyen Diegnation said.",
            "name not kept: Nguyễn Hồng Diên",
        ),
        ("Ông Brzezinski nói.", "Mr Brzezezinski said.", "name not kept: Brzezinski"),
        ("Đại học Dalhousie ở Halifax.", "Dalalals University in Halifax.", "foreign not kept: Dalhousie"),
        ("Đại học Dalhousie ở Halifax.", "Dalhousie University in Halifa.", "foreign not kept: Halifax"),
        ("Ảnh: Minh Anh", "Photo: UK", "name not kept: Minh Anh"),
        ("Minh Châu", "Minh City", "name not kept: Minh Châu"),
        ("Giá tăng 15%.", "Prices rose 15%5% of 15%.", "number repeated: 15%"),
        ("Giá tăng 15%.", "Prices rose 15%5% of 15%.", "number not in the source: 5%"),
    ],
)
def test_a_fact_garbled_or_dropped_is_flagged_by_name(source, wrong, flag):
    sentence = _checked(source, wrong)
    assert flag in sentence.flags


@pytest.mark.parametrize(
    ("source", "right"),
    [
        ("Lãi 15,5 tỷ đồng.", "A profit of 15.5 billion dong."),
        ("Lãi 15,5 tỷ đồng.", "A profit of VND15.5 billion."),
        ("Lãi 15,5 tỷ đồng.", "A profit of VND 15,500 million."),
        ("Lãi 45.000 tỷ đồng.", "A profit of 45 trillion VND."),
        ("Đạt 4,33 tỷ USD.", "It reached $4.33 billion."),
        ("Đạt 4,33 tỷ USD.", "It reached US$4.33bn."),
        ("Năm 2024 trời mưa.", "In 2024 it rained."),
        ("Có 2/3 số hộ dân.", "Two-thirds of households."),
        ("Có 2/3 số hộ dân.", "2/3 of households."),
        ("Đội thắng 3/4 trận.", "The team won three of the four matches."),
        ("Đội thắng 3/4 trận.", "The team won 3 out of 4 matches."),
        ("Giá tăng 10-15%.", "Prices rose 10% to 15%."),
        ("Giá tăng 10-15%.", "Prices rose between 10 and 15 per cent."),
        ("Đại hội lần thứ 14.", "The fourteenth congress."),
        ("Có 4 tháng.", "There are four months."),
        ("Có 4 tháng.", "There are 4 months."),
        ("Dân số 2.200.112 người.", "The population is 2,200,112."),
        ("Giá tăng 48,6%.", "Prices rose 48.6 percent."),
        ("Quyết định số 1279/QĐ-BCT.", "Decision No. 1279/QD-BCT."),
        ("Thượng tướng Nguyễn Tân Cương phát biểu.", "Colonel General Nguyen Tan Cuong spoke."),
        ("Ngày 6/2/2025, trời mưa.", "On February 6, 2025, it rained."),
        ("Vào tháng 3 trời mưa.", "It rained in March."),
        ("Lúc 15h30 chiều.", "At 3.30pm."),
        ("Giá tăng 15% [1].", "Prices rose 15% [1]."),
        ("Hà Nội", "Hanoi"),
        ("Ông Nguyễn Văn An nói.", "Mr Nguyen Van An said."),
    ],
)
def test_every_right_english_form_is_accepted(source, right):
    sentence = _checked(source, right)
    assert sentence.flags == [] and all(f.status in ("kept", "restored") for f in sentence.facts)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Lãi 15,5 tỷ đồng", ("money", "15,5 tỷ đồng", "15.5 billion dong")),
        ("Năm 2024", ("year", "2024", "2024")),
        ("Có 2/3 số hộ dân", ("fraction", "2/3", "two-thirds")),
        ("thắng 3/4 trận", ("score", "3/4", "3 of 4")),
        ("lần thứ XIV", ("ordinal", "thứ XIV", "14th")),
        ("Đại hội XIII", ("ordinal", "XIII", "13th")),
        ("từ 3 đến 5 người", ("range", "từ 3 đến 5", "3–5")),
        ("bản 1.9.7", ("number", "1.9.7", "1.9.7")),
        ("GS Ngô Bảo Châu", ("name", "Ngô Bảo Châu", "Ngô Bảo Châu")),
        ("Đại tá Lê Văn Minh", ("name", "Lê Văn Minh", "Lê Văn Minh")),
        ("BS Hoàng Minh", ("name", "Hoàng Minh", "Hoàng Minh")),
        ("LS Trương Anh Tú", ("name", "Trương Anh Tú", "Trương Anh Tú")),
        ("Bài: Minh Châu", ("name", "Minh Châu", "Minh Châu")),
        ("Minh Châu", ("name", "Minh Châu", "Minh Châu")),  # a byline alone
        ("dùng smartphone", ("foreign", "smartphone", "smartphone")),
        ("Türkiye cho biết", ("foreign", "Türkiye", "Türkiye")),
        ("mã VNM tăng", ("code", "VNM", "VNM")),
        ("xem https://vnexpress.net/a.html", ("url", "https://vnexpress.net/a.html", "https://vnexpress.net/a.html")),
    ],
)
def test_the_ledger_finds_each_kind(source, expected):
    assert expected in _facts(source)


@pytest.mark.parametrize(
    "source",
    [
        "UBND tỉnh họp.",
        "Học sinh THPT thi.",
        "Biển Đông rộng.",
        "Hà Nội mưa.",
        "Anh ấy nói tiếng Anh.",
        "Kết quả ok, hơn năm ngoái.",  # a two-letter foreign word is too short to tell a fact by
    ],
)
def test_vietnamese_abbreviations_words_and_places_are_no_facts(source):
    assert [f for f in _facts(source) if f[0] in ("code", "foreign", "name")] == []


def test_a_missing_fact_is_flagged_once_with_its_english_and_a_kept_one_never():
    sentence = _checked("EVN lãi 15,5 tỷ đồng năm 2024.", "EVN earned 15.5 percent in 2024.")
    assert sentence.flags == ["money not kept: 15,5 tỷ đồng → 15.5 billion dong"]
    assert [(f.kind, f.status) for f in sentence.facts] == [("code", "kept"), ("money", "flagged"), ("year", "kept")]


def test_a_number_in_the_vietnamese_layout_is_restored():
    sentence = _checked("Dân số 2.200.112 người.", "The population is 2.200.112 people.")
    assert sentence.translation == "The population is 2,200,112 people." and sentence.flags == []
    assert sentence.facts[0].status == "restored" and sentence.spans[0].enforced


def test_a_fact_only_the_placed_output_carries_was_placed():
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "x", [Sentence("Năm 2024 trời mưa.")])])
    protect(doc, None, SpanOptions())
    sentence = next(doc.sentences())
    sentence.translation = "In 2024 it rained."
    verify(sentence, first="In 2044 it rained.")
    assert sentence.facts[0].status == "placed" and sentence.flags == []


GLOSSARY = load_all(())


@pytest.mark.parametrize(
    ("source", "english", "not_english"),
    [
        ("Em học tiếng Anh.", "English", "the United Kingdom"),
        ("Tiếng Pháp khó.", "French", "France"),
        ("Cô dạy tiếng Nhật.", "Japanese", "Japan"),
        ("Phó Chủ tịch UBND tỉnh nói.", "Vice Chairman of the People's Committee",
         "Chairman of the People's Committee"),
        ("Phó Bí thư Thành ủy nói.", "Deputy Secretary of the municipal Party Committee",
         "Secretary of the municipal Party Committee"),
        ("phó Chủ tịch UBND tỉnh phát biểu.", "People's Committee", "Chairman of the People's Committee"),
    ],
)  # fmt: skip
def test_glossary_terms_in_context(source, english, not_english):
    terms = [m.entry.en for m in GLOSSARY.find(source)]
    assert english in terms and not_english not in terms


@pytest.mark.parametrize(
    "source", ["Ảnh: Minh Anh", "Bài: Đức Anh", "Tại TP. Thủ Đức", "Ở Q. Phú Nhuận Anh", "Theo Minh Anh"]
)
def test_credits_and_places_are_no_countries(source):
    assert [m.entry.en for m in GLOSSARY.find(source) if m.entry.match == "short-name"] == []


HEADS = ("Chủ tịch", "Bí thư", "Tổng Bí thư", "Thủ tướng", "Bộ trưởng", "Tổng thống", "Ngoại trưởng", "Tổng Thư ký",
         "Thống đốc", "Chánh án", "Viện trưởng", "Chủ nhiệm", "Giám đốc", "Tổng Giám đốc", "Đại sứ", "Tổng Lãnh sự",
         "Tổng Kiểm toán")  # fmt: skip


def test_every_title_in_the_shipped_glossaries_has_its_deputy():
    """A title entry ("Chủ tịch UBND") with "Phó" before it is the deputy's entry (Deputy/Vice ...),
    never the title's: else "Phó Chủ tịch" is promoted to "Chairman"."""
    titles = [(v, e) for e in GLOSSARY for v in e.variants if v.startswith(HEADS) and not v.startswith("Đại sứ quán")]
    assert len(titles) > 20
    for variant, entry in titles:
        deputy = GLOSSARY.find(f"Phó {variant} nói.")
        assert deputy and deputy[0].start == 0, variant
        assert deputy[0].entry.en.split()[0] in ("Deputy", "Vice", "UN", "US", "Chinese"), variant
        assert deputy[0].entry.en != entry.en, variant


def test_a_glossary_term_inside_a_persons_name_is_no_term():
    """ "Tân Cương" is Xinjiang, but not inside "Thượng tướng Nguyễn Tân Cương": the name is a fact."""
    source = "Thượng tướng Nguyễn Tân Cương thăm Tân Cương."
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, source, [Sentence(source)])])
    protect(doc, GLOSSARY, SpanOptions())
    sentence = next(doc.sentences())
    assert [(use.vi, use.at) for use in sentence.terms] == [("Tân Cương", (35, 44))]
    assert [(f.kind, f.source) for f in sentence.facts] == [("name", "Nguyễn Tân Cương")]


@pytest.mark.parametrize("source", ["đại biểu Bộ Quốc phòng Canada", "Bộ trưởng Bộ Y tế"])
def test_a_body_after_a_title_is_no_name(source):
    assert [f for f in _facts(source) if f[0] == "name"] == []


def test_two_names_with_no_title_one_right_after_the_other_are_two_facts():
    """Names found word by word, with no title to lead to them: a four-syllable name does not
    swallow the next person's family name, and the one the English drops is flagged."""
    source = "Hôm qua Tôn Nữ Thị Ninh Trần Văn Nam đến."
    assert _facts(source) == [("name", "Tôn Nữ Thị Ninh", "Tôn Nữ Thị Ninh"), ("name", "Trần Văn Nam", "Trần Văn Nam")]
    assert _checked(source, "Yesterday Ton Nu Thi Ninh came.").flags == ["name not kept: Trần Văn Nam"]


@pytest.mark.parametrize(
    ("source", "output", "flags"),
    [
        # whole numbers: digits or words, the ordinal of a count ("tầng 21": "the 21st floor")
        ("Có 4 tháng.", "There are four months.", []),
        ("Có 4 tháng.", "There are 14 months.", ["number not kept: 4", "number not in the source: 14"]),
        ("Có 21 đội.", "There are twenty-one teams.", []),
        ("Anh sống ở tầng 21.", "He lives on the 21st floor.", []),
        ("Có 4 người và 4 con chó.", "4 people and four dogs.", []),
        ("Có 4 người và 4 con chó.", "4 people and dogs.", ["number not kept: 4"]),  # one "4" is not two
        # decimals with the Vietnamese comma: never the whole number alone
        ("Điểm trung bình là 2,5.", "The average is 2.5.", []),
        ("Điểm trung bình là 2,5.", "The average is two.", ["number not kept: 2,5 → 2.5"]),
        ("Điểm trung bình là 2,0.", "The average is two.", []),
        # thousands separators: a comma, a space or none; never a digit short
        ("Dân số 2.200.112 người.", "The population is 2 200 112.", []),
        ("Dân số 2.200.112 người.", "The population is 2200112.", []),
        # percentages: the sign or its words beside the value
        ("Giá tăng 48,6%.", "Prices rose 48.6 per cent.", []),
        ("Giá tăng 48,6%.", "Prices rose 48.6.", ["percent not kept: 48,6% → 48.6%"]),
        ("Giá tăng 48,6%.", "Prices rose $48.6.", ["percent not kept: 48,6% → 48.6%"]),
        # money: the value, its magnitude and its currency, all three
        ("Lãi 15,5 tỷ đồng.", "A profit of 15.5 million dong.", ["money not kept: 15,5 tỷ đồng → 15.5 billion dong"]),
        ("Lãi 15,5 tỷ đồng.", "A profit of 15.5 billion.", ["money not kept: 15,5 tỷ đồng → 15.5 billion dong"]),
        ("Lãi 2,5 tỷ đồng.", "A profit of two billion dong.", ["money not kept: 2,5 tỷ đồng → 2.5 billion dong"]),
        ("Đạt 4,33 tỷ USD.", "It reached 4.33 billion dong.", ["money not kept: 4,33 tỷ USD → 4.33 billion USD"]),
        ("Lương 200 triệu đồng.", "A salary of VND200,000,000.", []),
        ("Lương 200 triệu đồng.", "A salary of 200 million dollars.",
         ["money not kept: 200 triệu đồng → 200 million dong"]),
        # dates and date ranges: any English order, every part of it
        ("Ngày 6/2/2025, trời mưa.", "On 2025-02-06, it rained.", []),
        ("Ngày 6/2/2025, trời mưa.", "On February 2025.", ["date not kept: Ngày 6/2/2025 → 6 February 2025"]),
        ("Ngày 6/2/2025, trời mưa.", "On 6 March 2025.", ["date not kept: Ngày 6/2/2025 → 6 February 2025"]),
        ("Ngày 6/2/2025, trời mưa.", "On February 6, 2024, it rained.",
         ["date not kept: Ngày 6/2/2025 → 6 February 2025", "number not in the source: 2024"]),
        ("Từ ngày 6-8/2/2025, trời mưa.", "From 6-8 February 2025, it rained.", []),
        ("Từ ngày 6-8/2/2025, trời mưa.", "From 6 February 2025, it rained.",
         ["date not kept: ngày 6-8/2/2025 → 6–8 February 2025"]),
        ("Quý 1/2025 tăng.", "The first quarter of 2025 rose.", []),
        ("Quý 1/2025 tăng.", "Q2 2025 rose.", ["date not kept: Quý 1/2025 → Q1 2025"]),
        ("Mùng 3 Tết.", "The 3rd day of the Lunar New Year.", []),
        ("Mùng 3 Tết.", "The fourth day of Tet.", ["date not kept: Mùng 3 Tết → the 3rd day of Tết (Lunar New Year)"]),
        ("Vào tháng 3 trời mưa.", "In Mar. it rained.", []),
        ("Vào tháng 3 trời mưa.", "In May it rained.", ["date not kept: tháng 3 → March"]),
        ("Vào tháng 13 trời mưa.", "In month 12 it rained.", ["number not kept: 13", "number not in the source: 12"]),
        # a day/month pair is a date as much as a fraction; a day past 31 is none
        ("Lễ Giáng sinh 25/12.", "Christmas, December 25.", []),
        # a fraction in words: one half, a third, a quarter, a fifth, a tenth (and their plurals)
        ("Có 1/5 số hộ dân.", "One fifth of households.", []),
        ("Có 2/5 số hộ dân.", "Two-fifths of households.", []),
        ("Có 3/10 số hộ dân.", "Three-tenths of households.", []),
        ("Có 1/5 số hộ dân.", "Many households.", ["fraction not kept: 1/5 → one fifth"]),
        ("Có 2/5 số hộ dân.", "Many households.", ["fraction not kept: 2/5 → two-fifths"]),
        ("Có 1/4 số hộ dân.", "Many households.", ["fraction not kept: 1/4 → one quarter"]),
        ("Có 2/7 số hộ dân.", "Many households.", ["fraction not kept: 2/7"]),  # no word for sevenths
        ("Có 31/5 đội.", "On May 31.", []),
        ("Có 32/5 đội.", "On 32 May.", ["fraction not kept: 32/5"]),
        ("Có 0/5 đội.", "On 0 May.", ["fraction not kept: 0/5"]),
        ("Có 5/13 đội.", "5/13 teams.", []),
        # times: 24-hour or 12-hour, never another hour or half of the day
        ("Lúc 15h30 chiều.", "At 15:30.", []),
        ("Lúc 15h30 chiều.", "At 3.30am.", ["time not kept: 15h30 → 15:30", "number not in the source: 3.30"]),
        ("Lúc 15h30 chiều.", "At 5:30pm.", ["time not kept: 15h30 → 15:30", "number not in the source: 5"]),
        # codes and versions: every part, in order, the case kept
        ("Cài bản 1.9.7.", "Install version 1.9.7.", []),
        ("Cài bản 1.9.7.", "Install version 1.9.", ["number not kept: 1.9.7", "number not in the source: 1.9"]),
        ("EVN tăng giá.", "EVN's prices rose.", []),
        # names: a possessive, never a plural (another name)
        ("Thượng tướng Nguyễn Tân Cương phát biểu.", "Nguyen Tan Cuongs spoke.", ["name not kept: Nguyễn Tân Cương"]),
        # ordinals: digits, words, Roman numerals; "thứ 2" is Monday
        ("Đại hội lần thứ 21.", "The twenty-first congress.", []),
        ("Đại hội lần thứ 21.", "The XXI congress.", []),
        ("Đại hội lần thứ 21.", "The 20th.", ["ordinal not kept: thứ 21 → 21st", "number not in the source: 20"]),
        ("Đại hội lần thứ 30.", "The thirtieth congress.", []),
        ("Họp vào thứ 2.", "A meeting on Monday.", []),
        ("Đại hội lần thứ 100.", "The 100th congress.", []),
        ("Đại hội lần thứ 100.", "The hundredth congress.", ["ordinal not kept: thứ 100 → 100th"]),
        # ranges and scores: both ends, in order ("3-2" is a score, "2-2" a draw: no range)
        ("Giá tăng 10-15%.", "Prices rose 15%.", ["range not kept: 10-15% → 10–15%"]),
        ("Việt Nam thắng 3-2.", "Vietnam won 3–2.", []),
        ("Việt Nam thắng 3-2.", "Vietnam won 2-3.", ["score not kept: 3-2 → 3–2"]),
        ("Việt Nam thắng 3-2.", "Vietnam won 3.", ["score not kept: 3-2 → 3–2"]),
        ("Hai đội hòa 2-2.", "The teams drew 2-2.", []),
        ("Hai đội hòa 2-2.", "The teams drew 2.", ["score not kept: 2-2 → 2–2"]),
        ("Ngày 15-3, trời mưa.", "On March 15, it rained.", []),
        ("Ngày 3-5, trời mưa.", "On May 3, it rained.", []),
        ("Ngày 1-5, trời mưa.", "On May 1, it rained.", []),  # day 1 and month 1 are dates too
        ("Ngày 15-1, trời mưa.", "On January 15, it rained.", []),
        # a foreign word in lower case may take the English plural; a name never does
        ("Người dùng smartphone tăng.", "More people use smartphones.", []),
        ("Người dùng smartphone tăng.", "More people use smartphone's apps.", []),
        ("Người dùng smartphone tăng.", "More people use phones.", ["foreign not kept: smartphone"]),
        ("Apple sửa lỗi eKYC.", "Apple fixed eKYC's bug.", []),  # a code whose case counts, possessive
    ],
)  # fmt: skip
def test_each_family_of_fact_is_kept_or_flagged_whole(source: str, output: str, flags: list[str]) -> None:
    sentence = _checked(source, output)
    assert sentence.flags == flags and sentence.translation == output


@pytest.mark.parametrize(
    ("source", "output", "fixed"),
    [
        ("Điểm trung bình là 2,5.", "The average is 2,5.", "The average is 2.5."),
        ("Giá tăng 48,6%.", "Prices rose 486%.", "Prices rose 48.6%."),
        ("Năm 2024 trời mưa.", "In 2,024 it rained.", "In 2024 it rained."),
        ("EVN tăng giá.", "Evn raised prices.", "EVN raised prices."),
        ("Türkiye cho biết.", "Turkiye said.", "Türkiye said."),  # a foreign name's letters
        ("Thượng tướng Nguyễn Tân Cương phát biểu.", "nguyen tan cuong spoke.", "Nguyễn Tân Cương spoke."),
    ],
)
def test_the_same_digits_or_letters_in_another_layout_are_restored(source: str, output: str, fixed: str) -> None:
    sentence = _checked(source, output)
    assert (sentence.translation, sentence.flags, [f.status for f in sentence.facts]) == (fixed, [], ["restored"])


@pytest.mark.parametrize(
    ("source", "facts"),
    [
        ("Hai đội hòa 2-2.", [("score", "2-2", "2–2")]),  # a draw: both numbers, no range
        ("Việt Nam thắng 3-2.", [("score", "3-2", "3–2")]),
        ("Giá tăng 2-3%.", [("range", "2-3%", "2–3%")]),
        ("Từ 2023-2025.", [("range", "Từ 2023-2025", "2023–2025")]),
    ],
)
def test_a_pair_of_numbers_is_a_range_only_when_it_rises(source: str, facts: list[tuple[str, str, str]]) -> None:
    assert _facts(source) == facts


@pytest.mark.parametrize(
    ("source", "output", "fixed"),
    [
        ("Thượng tướng Nguyễn Tân Cương phát biểu.", "nguyen tan cuong spoke.", "Nguyễn Tân Cương spoke."),
        ("Thượng tướng Nguyễn Tân Cương phát biểu.", "Nguyen Tan Cuongs spoke.", None),  # another name: no repair
        ("Thượng tướng Nguyễn Tân Cương phát biểu.", "Nguyễn Tân Cương spoke.", None),  # nothing to do
        ("EVN tăng giá.", "Evn and evn.", None),  # which one is it: not certain
        ("Dân số 2.200.112 người.", "It has 2.200.112 people.", "It has 2,200,112 people."),
        ("Giá tăng 48,6%.", "Prices rose 486 dollars.", None),  # the digits, but not the fact
        ("Giá tăng 48,6%.", "Prices rose 48,6 and 486%.", None),
    ],
)
def test_a_fact_is_restored_only_when_the_repair_is_certainly_it(source: str, output: str, fixed: str | None) -> None:
    """A repair that would not carry the fact is no repair: the reviewed English's check counts
    a fact it could restore as kept, so "Cuongs" for "Cương" would pass unflagged."""
    fact = ledger(source, find(source, SpanOptions()), [])[0]
    assert restore(output, fact) == fixed
