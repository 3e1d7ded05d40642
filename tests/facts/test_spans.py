import pytest

from translator.document import Block, BlockKind, Document, Sentence
from translator.facts.spans import Span, SpanOptions, find
from translator.glossary.terms import protect, verify


def _renderings(text: str, **options) -> list[tuple[str, str, str]]:
    return [(s.kind, s.source, s.rendering) for s in find(text, SpanOptions(**options))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đạt hơn 4,33 tỷ USD", ("money", "4,33 tỷ USD", "4.33 billion USD")),
        ("chi 2,87 triệu won mỗi người", ("money", "2,87 triệu won", "2.87 million won")),
        ("gần 2.000 USD", ("money", "2.000 USD", "2,000 USD")),
        ("tăng 51 đồng/lít", ("money", "51 đồng/lít", "51 dong per litre")),
        ("giá 283,82 € một tấn", ("money", "283,82 €", "283.82 euros")),
        ("hơn 1.000 chuyến bay", ("number", "1.000", "1,000")),
        ("dân số 2.200.112 người", ("number", "2.200.112", "2,200,112")),
        ("trồng 150.000 cây xanh", ("number", "150.000", "150,000")),
        ("tăng 48,6% so với", ("percent", "48,6%", "48.6%")),
        ("tăng 3,5 % năm nay", ("percent", "3,5 %", "3.5%")),
        ("dài 1.200 km đường", ("unit", "1.200 km", "1,200 km")),
        ("xuất 2,5 triệu tấn gạo", ("number", "2,5 triệu", "2.5 million")),
        ("gieo 30 ha lúa", ("unit", "30 ha", "30 hectares")),
        ("nặng 12,5 kilôgam", ("number", "12,5", "12.5")),  # a decimal comma alone is converted
    ],
)
def test_numbers_money_and_units(text, expected):
    assert _renderings(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "phiên bản 1.9.7 ra mắt",
        "gọi số 0912.345.678 ngay",
        "tỷ lệ 1/2 số phiếu",
        "con số là 1.000.",
        "năm 2025 và 2026",
    ],
)
def test_ambiguous_forms_are_left_alone(text):
    assert [r for r in _renderings(text) if r[0] in ("number", "date", "money")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("từ 15h ngày 6/2/2025, giá tăng", [("time", "15h", "15:00"), ("date", "ngày 6/2/2025", "6 February 2025")]),
        ("Ngày 6/2, Bộ Ngoại giao", [("date", "Ngày 6/2", "6 February")]),
        ("Sáng 6/2, hàng nghìn người", [("date", "6/2", "6 February")]),
        ("cập nhật 06/02/2025 | 13:54", [("date", "06/02/2025", "6 February 2025")]),
        ("ngày 6 tháng 2 năm 2025", [("date", "ngày 6 tháng 2 năm 2025", "6 February 2025")]),
        ("mùng 8 Tết Ất Tỵ", [("date", "mùng 8 Tết", "the 8th day of Tết (Lunar New Year)")]),
        ("mùng 1 Tết", [("date", "mùng 1 Tết", "the 1st day of Tết (Lunar New Year)")]),
        ("mùng 2 Tết", [("date", "mùng 2 Tết", "the 2nd day of Tết (Lunar New Year)")]),
        ("mùng 3 Tết", [("date", "mùng 3 Tết", "the 3rd day of Tết (Lunar New Year)")]),
        ("vào quý II/2025", [("date", "quý II/2025", "Q2 2025")]),
        ("trong Quý iv/2024", [("date", "Quý iv/2024", "Q4 2024")]),
        ("trong quý 3/2024", [("date", "quý 3/2024", "Q3 2024")]),
        ("cuối tháng 1/2025", [("date", "tháng 1/2025", "January 2025")]),
        ("lúc 15h30 chiều", [("time", "15h30", "15:30")]),
        ("thi vào ngày 6-7/6", [("date", "ngày 6-7/6", "6–7 June")]),
    ],
)
def test_dates_and_times(text, expected):
    assert _renderings(text) == expected


def test_day_ranges_follow_the_date_style_like_single_dates():
    """One sentence, one style: with mdy a range is "February 6–8", never "6–8 February"."""
    text = "diễn ra ngày 6-8/2 và ngày 9/2, rồi ngày 10-12/3/2026"
    assert [r for _, _, r in _renderings(text, date_style="mdy")] == ["February 6–8", "February 9", "March 10–12, 2026"]
    assert [r for _, _, r in _renderings(text)] == ["6–8 February", "9 February", "10–12 March 2026"]
    assert [r for _, _, r in _renderings(text, date_style="iso")] == [
        "6–8 February",  # no year: ISO has no form for it, the default one is used
        "9 February",
        "2026-03-10/2026-03-12",
    ]
    # no such days: left as written and flagged
    assert find("ngày 30-31/2") == [Span("date", 0, 12, "ngày 30-31/2", "ngày 30-31/2", problem="impossible date")]
    assert find("ngày 28-30/2") == [Span("date", 0, 12, "ngày 28-30/2", "ngày 28-30/2", problem="impossible date")]


@pytest.mark.parametrize(
    ("style", "full", "no_year"),
    [
        ("dmy", "6 February 2025", "6 February"),
        ("mdy", "February 6, 2025", "February 6"),
        ("iso", "2025-02-06", "6 February"),
    ],
)
def test_date_styles(style, full, no_year):
    """ISO 8601 needs a year: a date without one keeps the day-month form."""
    assert _renderings("ngày 6/2/2025 và ngày 6/2", date_style=style) == [
        ("date", "ngày 6/2/2025", full),
        ("date", "ngày 6/2", no_year),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Đại sứ Đặng Hoàng Giang, Trưởng Phái đoàn", "Đặng Hoàng Giang"),
        ("chị Trịnh Hồng Giang, Giám đốc điều hành", "Trịnh Hồng Giang"),
        ("đã có cuộc làm việc ông Amandeep Singh Gill, Phó Tổng Thư ký", "Amandeep Singh Gill"),
        ("Tổng thống Mỹ Donald Trump cho rằng", "Donald Trump"),
        ("Tổng thống Ukraine Volodymyr Zelenskyy nói", "Volodymyr Zelenskyy"),
        ("ông George W. Bush nói", "George W. Bush"),
        ("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên phát biểu", "Nguyễn Hồng Diên"),  # the body before is no name
        ("ông Nguyễn Văn An Bình Minh Tuấn nói", "Nguyễn Văn An Bình Minh"),  # at most five words
        ("ông Đại nói", "Đại"),  # one word after a title is a name
        ("bà Ngân cho biết", "Ngân"),  # ... even one that opens a body's noun ("Ngân hàng") elsewhere
        ("Chủ tịch Thưởng nói hôm nay", "Thưởng"),
        ("ông Thanh Hoàng Long nói", "Thanh Hoàng Long"),  # a surname among the last two words starts no name
    ],
)
def test_names_pass_through(text, name):
    assert _renderings(text) == [("name", name, name)]


@pytest.mark.parametrize(
    "text",
    [
        "Theo Reuters, giá tăng.",
        "Bộ trưởng Bộ Quốc phòng nói",  # a body after a title
        "Giám đốc Sở Y Tế nói",
        "ông Nam nói",  # a word that opens capitalised runs but is no name
        "gặp Tim hôm qua",  # one foreign word is no name
        "Chủ tịch Tập đoàn Vingroup nói",  # a body's two-syllable noun, only its first syllable capitalised
        "Tổng giám đốc Ngân hàng Nhà nước nói",
        "Giám đốc Công ty ABC nói",
        "Chủ tịch Ủy ban nhân dân tỉnh nói",
        "Tổng giám đốc Tổng công ty Điện lực nói",
    ],
)
def test_not_names(text):
    assert _renderings(text) == []


def test_ascii_names_option():
    assert _renderings("Đại sứ Đặng Hoàng Giang", ascii_names=True) == [
        ("name", "Đặng Hoàng Giang", "Dang Hoang Giang")
    ]


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("url", "https://vnexpress.net/ai-123.html"),
        ("email", "info@dantri.com.vn"),
        ("code", "#AI"),
        ("code", "@openai"),
        ("code", "R1"),
        ("code", "o1"),
        ("code", "H20"),
        ("code", "GPT-4"),
        ("code", "RON 92"),
        ("code", "E5"),
    ],
)
def test_links_and_codes_pass_through(kind, code):
    assert _renderings(f"Xem {code} hôm nay") == [(kind, code, code)]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("1.000", "1,000"),
        ("2.200.112", "2,200,112"),
        ("1.000,5", "1,000.5"),
        ("12,5", "12.5"),
        ("2025", "2025"),
        ("1.9.7", None),  # a version
        ("12.34", None),  # a group of two digits is no thousands group
        ("1,000.5", None),  # already English: which reading is meant is not certain
        ("0912.345.678", None),  # a phone number
        ("", None),
    ],
)
def test_number_converts_only_what_is_certain(text, english):
    from translator.facts.spans import number

    assert number(text) == english


def test_numbers_can_be_left_unconverted():
    assert _renderings("đạt 4,33 tỷ USD", convert_numbers=False) == [("money", "4,33 tỷ USD", "4,33 tỷ USD")]


def _sentence(source: str, output: str) -> Sentence:
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, source, [Sentence(source)])])
    protect(doc, None, SpanOptions())
    sentence = next(doc.sentences())
    sentence.translation = output
    verify(sentence)
    return sentence


def test_engine_input_carries_the_renderings():
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "x", [Sentence("Dân số 2.200.112 người vào ngày 6/2/2025.")])])
    protect(doc, None, SpanOptions())
    assert next(doc.sentences()).engine_input == "Dân số 2,200,112 người vào 6 February 2025."


def test_a_number_in_the_wrong_layout_is_restored_and_a_mangled_one_flagged():
    restored = _sentence("Dân số 2.200.112 người.", "The population is 2.200.112 people.")
    assert restored.translation == "The population is 2,200,112 people." and not restored.flags
    assert restored.spans[0].enforced
    mangled = _sentence("Dân số 2.200.112 người.", "The population is 2,200,12 people.")
    assert mangled.flags == ["number not kept: 2.200.112 → 2,200,112", "number not in the source: 2,200,12"]
    assert not mangled.spans[0].enforced


def test_a_name_with_changed_case_is_restored_one_translated_away_is_flagged():
    ok = _sentence("chị Trịnh Hồng Giang nói.", "Ms trinh hong giang said.")
    assert ok.translation == "Ms Trịnh Hồng Giang said." and not ok.flags
    lost = _sentence("chị Trịnh Hồng Giang nói.", "Ms Trinh Red River said.")
    assert lost.flags == ["name not kept: Trịnh Hồng Giang"]


def test_end_to_end_the_english_column_carries_the_renderings(copy_model, tmp_path):
    from click.testing import CliRunner

    from translator.cli import main

    article = tmp_path / "a.txt"
    article.write_text(
        "Đầu tư nước ngoài tăng mạnh\n\nTheo số liệu, tháng 1/2025 vốn đăng ký đạt hơn 4,33 tỷ USD, tăng 48,6%.\n\n"
        "Sáng 6/2, Đại sứ Đặng Hoàng Giang gặp ông Amandeep Singh Gill tại New York lúc 15h30.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        [
            "translate",
            str(article),
            "-o",
            str(tmp_path),
            "--model",
            str(copy_model),
            "-f",
            "jsonl",
            "-q",
            "--no-glossary",
        ],
    )
    assert result.exit_code == 0, result.output
    import json

    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    first, second = rows[1], rows[2]
    assert "January 2025" in first["target"] and "4.33 billion USD" in first["target"] and "48.6%" in first["target"]
    assert first["target"].index("January 2025") < first["target"].index("4.33 billion USD")  # in place
    assert "6 February" in second["target"] and "15:30" in second["target"]
    assert "Đặng Hoàng Giang" in second["target"] and "Amandeep Singh Gill" in second["target"]
    assert all(span["kept"] for row in rows for span in row["spans"])
    assert {s["kind"] for row in rows for s in row["spans"]} >= {"date", "money", "percent", "name", "time"}


@pytest.mark.parametrize(
    "text",
    [
        "Hôm 31/2/2025 trời mưa.",
        "Ngày 29/2/2023 là ngày thường.",
        "Vào 2023-02-29 có họp.",
        "ngày 31/4 đã qua",
        "ngày 35/13/2025 không có",
    ],
)
def test_impossible_dates_are_left_as_written_and_flagged(text):
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, text, [Sentence(text)])])
    protect(doc, None, SpanOptions())
    sentence = next(doc.sentences())
    [span] = [s for s in sentence.spans if s.kind == "date"]
    assert span.rendering == span.source and span.problem == "impossible date"
    assert sentence.engine_input == ""  # the model sees the date as the author wrote it
    assert sentence.flags == [f"impossible date, left as written: {span.source}"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 29/2/2024 là ngày nhuận.", "29 February 2024"),
        ("Vào 2024-02-29 có họp.", "29 February 2024"),
        ("sáng 29/2 có họp", "29 February"),
    ],
)
def test_real_leap_days_and_iso_dates_are_converted(text, expected):
    [span] = find(text)
    assert (span.kind, span.rendering, span.problem) == ("date", expected, "")


@pytest.mark.parametrize("title", ["Ông", "Bà", "Chị", "Anh", "Thủ tướng", "Bộ trưởng", "Luật sư", "Chuyên gia"])
def test_a_name_after_a_sentence_initial_title_is_protected(title):
    starts = [(s.kind, s.source) for s in find(f"{title} Trần Văn Nam nói.")]
    inside = [(s.kind, s.source) for s in find(f"Hôm qua {title.lower()} Trần Văn Nam nói.")]
    assert starts == inside == [("name", "Trần Văn Nam")]


def test_a_country_after_a_capitalised_title_is_no_name():
    assert find("Anh Quốc và Pháp ký thỏa thuận.") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sara Danius, thư ký của Ủy Ban Nobel Văn Học.", ["Sara Danius"]),  # "Ban" continues "Ủy Ban"
        ("trên sóng Đài Phát Thanh Sveriges ở Thụy Điển", []),  # "Thanh" continues "Đài Phát Thanh"
        ("với Bob Dylan về giải thưởng", ["Bob Dylan"]),
        ("ông Tim Cook nói", ["Tim Cook"]),  # after a lower-case word: a person's name
        ("Hội Tim Mạch mời Tom Hanks", ["Tom Hanks"]),
        ("Lãnh đạo Triều Tiên Kim Jong Un", ["Kim Jong Un"]),  # after a country, a name begins
        ("Cựu Tổng Thống Kim Dae Jung", ["Kim Dae Jung"]),  # and after a title
    ],
)
def test_a_vietnamese_name_going_on_is_no_foreign_name(text, names):
    assert [s.source for s in find(text) if s.kind == "name"] == names


def test_restoring_never_guesses_among_candidates():
    """Two places in the output hold the same digits, or the name twice: which one is the span is
    not certain, so nothing is changed and the sentence is flagged."""
    two = _sentence("Dân số 2.200.112 người.", "2.200.112 people, of 2.200.112 counted.")
    assert two.translation == "2.200.112 people, of 2.200.112 counted."
    assert two.flags == ["number not kept: 2.200.112 → 2,200,112"]
    twice = _sentence("chị Trịnh Hồng Giang nói.", "trinh hong giang said trinh hong giang would.")
    assert "Trịnh" not in twice.translation and twice.flags == ["name not kept: Trịnh Hồng Giang"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tăng 1.234,5 tấn", ("unit", "1.234,5 tấn", "1,234.5 tonnes")),
        ("đạt 1.234,5 tỷ đồng", ("money", "1.234,5 tỷ đồng", "1,234.5 billion dong")),
        ("lúc 9h05 sáng", ("time", "9h05", "09:05")),
        ("lúc 9h sáng", ("time", "9h", "09:00")),
    ],
)
def test_decimal_commas_become_points_and_hours_are_padded(text, expected):
    assert expected in _renderings(text)


@pytest.mark.parametrize(
    "text", ["ngày 35/2/2025", "ngày 6/13/2025", "ngày 0/5/2025", "ngày 12/0/2025", "tháng 13/2024", "tháng 0/2024"]
)
def test_no_day_35_or_month_13(text):
    """Out of range day or month: never rendered as a date (flagged as left as written)."""
    found = [r for r in _renderings(text) if r[0] == "date"]
    assert all(r[2] == r[1] for r in found), found  # left as written, not invented


@pytest.mark.parametrize(
    ("source", "output", "restored"),
    [
        ("Giá tăng 48,6% so với năm trước.", "Prices rose 48,6% on last year.", "Prices rose 48.6% on last year."),
        ("Vốn đạt 4,33 tỷ USD trong tháng.", "Capital hit 4,33 billion USD.", "Capital hit 4.33 billion USD."),
        ("Đường dài 1.200 km qua ba tỉnh.", "The road runs 1.200 km.", "The road runs 1,200 km."),
        ("Mẫu GPT-4 được phát hành.", "The gpt-4 model was released.", "The GPT-4 model was released."),
        (
            "Xem tại https://Example.vn/Bao-Cao ngay.",
            "See https://example.vn/bao-cao now.",
            "See https://Example.vn/Bao-Cao now.",
        ),
        (
            "Liên hệ Lien.He@Bao.vn để biết thêm.",
            "Write to lien.he@bao.vn for more.",
            "Write to Lien.He@Bao.vn for more.",
        ),
        ("ông Đặng Hoàng Giang nói.", "Mr Dang Hoang Giang said.", "Mr Đặng Hoàng Giang said."),
        ("ông Đặng Hoàng Giang nói.", "dang hoang giang said so.", "Đặng Hoàng Giang said so."),  # at the very start
        ("ông Đặng Hoàng Giang nói.", "Mr đặng hoàng giang said.", "Mr Đặng Hoàng Giang said."),  # lower-case đ
    ],
    ids=["percent", "money", "unit", "code", "url", "email", "name-with-Đ", "name-first", "name-lower-đ"],
)
def test_every_kind_of_span_is_restored_when_certain(source, output, restored):
    sentence = _sentence(source, output)
    assert sentence.translation == restored and not sentence.flags
    assert all(span.enforced for span in sentence.spans)


def test_ordinals_in_english():
    from translator.facts.spans import _ordinal

    assert [_ordinal(n) for n in (1, 2, 3, 4, 10, 11, 12, 13, 20, 21, 22, 23, 101, 111, 112, 113, 121)] == [
        "1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "20th",
        "21st", "22nd", "23rd", "101st", "111th", "112th", "113th", "121st",
    ]  # fmt: skip


def test_ascii_names_lose_every_diacritic_and_the_crossed_d():
    from translator.facts.spans import _strip

    assert (
        _strip("Đặng Hoàng Giang đến Đà Nẵng, Huế và Quảng Ngãi") == "Dang Hoang Giang den Da Nang, Hue va Quang Ngai"
    )
    assert _strip("Nguyễn Thị Ánh Tuyết ỞỠỢ ưừ") == "Nguyen Thi Anh Tuyet OOO uu"
