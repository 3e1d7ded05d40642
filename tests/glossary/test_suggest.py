"""Glossary suggestions from reviewers' corrections."""

import pytest
from click.testing import CliRunner
from docx import Document as open_docx

from tests.review.test_apply import _apply, _set, _translate
from tests.translate.test_sentences import GLOSSARY
from translator.cli import main
from translator.engines import packages as models
from translator.engines.ct2 import DecodeOptions, Engine
from translator.glossary import load, parse
from translator.glossary.suggest import Diff, Suggestion, not_a_term, suggest

MACHINE = "The export controls of the US were tightened."
HUMAN = "The export restrictions of the US were tightened."
SOURCE = "Các biện pháp kiểm soát xuất khẩu của Mỹ được siết chặt."


def test_the_words_a_person_replaced_are_found():
    diff = Diff.of(MACHINE, HUMAN)
    assert diff.replaced() == [((11, 19), "restrictions")]
    assert diff.instead(4, 19) == "export restrictions"  # a term's whole English, not just the changed word
    assert diff.instead(0, 3) is None  # left as it was
    assert Diff.of("A B C.", "A X Y B C.").instead(0, 3) == "A X Y B"  # words inserted inside count


def test_a_glossary_term_reviewers_keep_replacing_is_proposed_with_its_count():
    rows = [
        (SOURCE, HUMAN, "corrected", "", MACHINE),
        (
            "Kiểm soát xuất khẩu gây tranh cãi.",
            "Export restrictions are disputed.",
            "corrected",
            "",
            "Export controls are disputed.",
        ),
        ("Kiểm soát xuất khẩu mới.", "New export controls.", "corrected", "", "Export controls new."),  # term kept
        (SOURCE, MACHINE, "approved", "", None),
    ]
    assert suggest(rows, GLOSSARY) == [
        Suggestion(
            "kiểm soát xuất khẩu",
            "export restrictions",
            "export controls",
            in_glossary=True,
            count=2,
            examples=[SOURCE, rows[1][0]],
            evidence=[(SOURCE, MACHINE, HUMAN), (rows[1][0], rows[1][4], rows[1][1])],
        )
    ]


def test_other_changes_are_traced_to_their_vietnamese_by_the_models_attention(copy_model):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1))
    source = "Bộ Công Thương công bố."

    def aligner(src, machine):
        return engine.align([(src, machine)])[0]

    rows = [(source, "The Ministry of Industry and Trade công bố.", "corrected", "", source)]
    [found] = suggest(rows, GLOSSARY, aligner)
    assert (found.vi, found.en, found.was, found.in_glossary) == (
        "Bộ Công Thương",
        "The Ministry of Industry and Trade",
        "Bộ Công Thương",
        False,
    )
    assert suggest(rows, GLOSSARY) == []  # without a model, only glossary terms can be traced


def test_suggest_from_the_command_line_and_add_to_a_glossary(copy_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "docx-review")
    review = out / "chip-export-controls.review.docx"
    word = open_docx(str(review))
    row = next(r for r in word.tables[0].rows[1:] if "Beijing" in r.cells[2].text)  # the glossary's, placed
    _set(row.cells[2], row.cells[2].text.replace("Beijing", "the Chinese government"))
    word.save(str(review))
    assert _apply(copy_model, review, cache, "--no-rewrite").exit_code == 0
    mine = tmp_path / "mine.tsv"  # a new file: written with the full header
    args = ["glossary", "suggest", "--cache", str(cache), "--model", str(copy_model), "--add", str(mine)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "1\tBắc Kinh\tthe Chinese government\t(glossary: Beijing)\te.g. Theo giới phân tích" in result.stdout
    [entry] = load(mine).entries
    assert (entry.vi, entry.en) == ("Bắc Kinh", "the Chinese government")
    assert "from 1 review correction" in entry.note
    plain = tmp_path / "plain.tsv"  # no note column: the entry goes in without one
    plain.write_text("vi\ten\n", encoding="utf-8")
    assert CliRunner().invoke(main, [*args[:-1], str(plain)]).exit_code == 0
    assert [(e.vi, e.en, e.note) for e in load(plain).entries] == [("Bắc Kinh", "the Chinese government", "")]


def test_long_rewordings_are_not_terms_and_examples_are_capped():
    long_human = "The sweeping set of export restrictions imposed on chips by Washington this year were tightened."
    assert suggest([(SOURCE, long_human, "corrected", "", MACHINE)], GLOSSARY) == []
    rows = [(f"{SOURCE} {i}", HUMAN, "corrected", "", MACHINE) for i in range(5)] + [
        (SOURCE, HUMAN, "corrected", "", MACHINE)
    ] * 2
    [found] = suggest(rows, GLOSSARY)
    assert (found.count, found.examples) == (7, [f"{SOURCE} 0", f"{SOURCE} 1", f"{SOURCE} 2"])
    assert found.evidence == [(example, MACHINE, HUMAN) for example in found.examples]
    [again] = suggest(rows[5:], GLOSSARY)  # the same sentence corrected twice: one example
    assert (again.count, again.examples, again.evidence) == (2, [SOURCE], [(SOURCE, MACHINE, HUMAN)])


@pytest.mark.parametrize(
    ("vi", "why"),
    [
        ("Bộ Công Thương", ""),
        ("Hoa Kỳ", ""),  # two syllables make a term
        ("AI", ""),  # an acronym is a term
        ("EU", ""),
        ("G7", "a number: numbers are converted by rule, not by the glossary"),
        ("200", "a number: numbers are converted by rule, not by the glossary"),
        ("tăng", "one syllable: a common word or a piece of one (a name: glossary add it yourself)"),
        ("Anh", "one syllable: a common word or a piece of one (a name: glossary add it yourself)"),
        ("A", "one syllable: a common word or a piece of one (a name: glossary add it yourself)"),
        ("Pfizer", ""),  # one word, but no Vietnamese syllable
    ],
)
def test_what_is_no_glossary_term_and_why(vi, why):
    assert not_a_term(vi) == why


def test_no_words_of_the_machine_text_at_a_place_is_no_change():
    assert Diff.of("A b.", "A c.").instead(10, 12) is None


def test_attention_is_traced_back_to_whole_source_words():
    from translator.glossary.suggest import _source_of
    from translator.translate.align import Alignment

    source = "Bộ Công Thương công bố."
    # source pieces: Bộ | Côn | g | Thương | công | bố | .   target pieces: The | ministry | announced | .
    pieces = [(0, 2), (3, 6), (6, 7), (8, 14), (15, 19), (20, 23), (23, 24)]
    target = [(0, 3), (4, 12), (13, 22), (22, 23)]

    def rows(*peaks):
        return [[1.0 if s == peak else 0.0 for s in range(len(pieces))] for peak in peaks]

    alignment = Alignment(pieces, target, rows(0, 2, 5, 6))
    assert _source_of(alignment, source, 4, 12) == "Công"  # a piece inside a word: the whole word
    assert _source_of(alignment, source, 0, 12) == "Bộ Công"
    assert _source_of(alignment, source, 13, 23) == "bố"  # punctuation stripped
    assert _source_of(Alignment(pieces, target, rows(1)), source, 0, 3) == "Công"  # a piece at a word's start
    assert _source_of(Alignment(pieces, target, rows(3)), source, 0, 3) == "Thương"
    assert _source_of(Alignment(pieces, target, []), source, 0, 3) == ""  # no attention: nothing
    assert _source_of(Alignment(pieces, target, rows(0)), source, 4, 12) == ""  # a token without a row


def test_diff_boundaries():
    machine = "The export controls"
    assert Diff.of(machine, "A export controls").instead(3, 10) is None  # the word before is not the stretch's
    assert Diff.of(machine, "The export limits").instead(4, 11) is None  # nor the word after
    assert Diff.of(machine, "The new export controls").instead(4, 19) is None  # an insertion before it
    assert Diff.of(machine, "The export new controls").instead(4, 19) == "export new controls"  # inside it
    six, seven = "one two three four five six", "one two three four five six seven"
    assert Diff.of("A b.", f"A {six}.").replaced() == [((2, 4), six)]
    assert Diff.of("A b.", f"A {seven}.").replaced() == []  # a rewording, not a term
    assert Diff.of(f"A {six}.", "A b.").replaced() == [((2, 30), "b")]
    assert Diff.of(f"A {seven}.", "A b.").replaced() == []


def test_which_rows_count_and_in_what_order():
    row = (SOURCE, HUMAN, "corrected", "", MACHINE)
    skipped = [
        (SOURCE, HUMAN, "approved", "", MACHINE),  # approved: nothing replaced
        (SOURCE, HUMAN, "corrected", "", None),  # the machine's English unknown
        (SOURCE, MACHINE, "corrected", "", MACHINE),  # nothing changed
    ]
    assert [(s.vi.lower(), s.count) for s in suggest([*skipped, row], GLOSSARY)] == [("kiểm soát xuất khẩu", 1)]
    glossary = GLOSSARY.merged(parse("vi\ten\nBắc Kinh\tBeijing\nHoa Kỳ\tthe United States\n"))
    rows = [
        ("Hoa Kỳ và Bắc Kinh.", "America and Peking.", "corrected", "", "the United States and Beijing."),
        ("Bắc Kinh nói.", "PEKING says.", "corrected", "", "Beijing says."),
        ("Bắc Kinh đáp.", "Peking replied.", "corrected", "", "Beijing replied."),
    ]
    found = suggest(rows, glossary)
    assert [(s.vi, s.en, s.count) for s in found] == [("Bắc Kinh", "Peking", 3), ("Hoa Kỳ", "America", 1)]
    assert found[0].examples == [rows[0][0], rows[1][0], rows[2][0]]
    chips = glossary.merged(parse("vi\ten\nbán dẫn\tsemiconductors\n"))
    row = ("Hoa Kỳ và bán dẫn.", "America and chips.", "corrected", "", "the United States and semiconductors.")
    found = suggest([row], chips)  # as often made: in the order of their Vietnamese, whatever its case
    assert [(s.vi, s.en, s.count) for s in found] == [("bán dẫn", "chips", 1), ("Hoa Kỳ", "America", 1)]


def test_a_glossary_term_and_a_traced_change_in_one_sentence(copy_model):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1))
    source = "Bộ Công Thương siết kiểm soát xuất khẩu."
    machine = "Bộ Công Thương siết export controls."  # (the copy model attends by position)
    human = "The Ministry of Industry and Trade siết export restrictions."
    [term, traced] = sorted(
        suggest([(source, human, "corrected", "", machine)], GLOSSARY, lambda s, m: engine.align([(s, m)])[0]),
        key=lambda s: s.in_glossary,
        reverse=True,
    )
    assert (term.vi, term.en, term.in_glossary) == ("kiểm soát xuất khẩu", "export restrictions", True)
    assert (traced.vi, traced.en, traced.was) == (
        "Bộ Công Thương",
        "The Ministry of Industry and Trade",
        "Bộ Công Thương",
    )
    assert traced.examples == [source]


def _pieces(text: str, cuts: str = "") -> list[tuple[int, int]]:
    """Character spans of ``text``'s words, each word also cut after any character in ``cuts``."""
    import regex

    spans = []
    for word in regex.finditer(r"\S+", text):
        start = word.start()
        for i, char in enumerate(word.group(), word.start()):
            if char in cuts and i + 1 < word.end():
                spans.append((start, i + 1))
                start = i + 1
        spans.append((start, word.end()))
    return spans


def _aligner(links: dict[int, int], extra_columns: int = 0, cuts: str = ""):
    """TEST DOUBLE for the model's attention: target piece i attends wholly to source piece
    ``links[i]`` (or, unlinked, to an extra column such as the end token's)."""
    from translator.translate.align import Alignment

    def align(source: str, machine: str) -> Alignment:
        src, tgt = _pieces(source, cuts), _pieces(machine, cuts)
        width = len(src) + extra_columns
        return Alignment(
            src, tgt, [[1.0 if s == links.get(t, width - 1) else 0.0 for s in range(width)] for t in range(len(tgt))]
        )

    return align


def test_tracing_a_change_to_its_source_words():
    source = "Bộ Công Thương siết kiểm soát xuất khẩu"  # no final punctuation: a word ends the text
    machine = "Export controls tightened by Trade Ministry."
    human = "Export restrictions tightened by MOIT."
    # machine words: Export controls | tightened by | Trade Ministry -> source words 4-7 (the term) | 3 | 0-2
    links = {0: 4, 1: 6, 2: 3, 3: 3, 4: 0, 5: 2}
    found = suggest([(source, human, "corrected", "", machine)], GLOSSARY, _aligner(links))
    assert [(s.vi, s.en, s.was, s.in_glossary) for s in found] == [
        ("Bộ Công Thương", "MOIT", "Trade Ministry", False),  # after the term's change: still traced
        ("kiểm soát xuất khẩu", "Export restrictions", "export controls", True),
    ]


def test_a_change_traced_to_an_end_token_or_to_too_many_words_is_not_a_term():
    source = "Một hai ba bốn năm sáu bảy tám."
    machine = "One two three."
    human = "Uno two three."
    assert suggest([(source, human, "corrected", "", machine)], GLOSSARY, _aligner({}, extra_columns=1)) == []
    many = {0: 0, 1: 1, 2: 2}
    assert suggest([(source, "Uno dos tres.", "corrected", "", machine)], GLOSSARY, _aligner(many)) != []
    wide = {0: 0, 1: 6, 2: 2}  # "One two" drawn from seven source words: a rewording
    assert suggest([(source, "Uno dos three.", "corrected", "", machine)], GLOSSARY, _aligner(wide)) == []
    six = {0: 0, 1: 5, 2: 2}
    [found] = suggest([(source, "Uno dos three.", "corrected", "", machine)], GLOSSARY, _aligner(six))
    assert (found.vi, found.en, found.was) == ("Một hai ba bốn năm sáu", "Uno dos", "One two")


def test_pieces_inside_words_trace_to_whole_words():
    source = "Bộ trưởng nói."
    machine = "Minister said."
    human = "Secretary said."
    # source pieces: B|ộ trưởng nói.  target pieces: M|inister said.  "Minister" attends to "ộ" alone
    found = suggest([(source, human, "corrected", "", machine)], GLOSSARY, _aligner({0: 1, 1: 1, 2: 3}, cuts="BM"))
    assert [(s.vi, s.en) for s in found] == [("Bộ", "Secretary")]


def test_a_term_deleted_by_the_reviewer_proposes_nothing():
    assert suggest([(SOURCE, "The of the US were tightened.", "corrected", "", MACHINE)], GLOSSARY) == []


def test_a_six_word_english_for_a_term_is_still_a_term():
    human = "The export restrictions on advanced chips today of the US were tightened."
    [found] = suggest([(SOURCE, human, "corrected", "", MACHINE)], GLOSSARY)
    assert found.en == "export restrictions on advanced chips today"


def test_a_change_traced_to_the_last_word_of_the_source():
    found = suggest([("Một hai ba", "One two tres.", "corrected", "", "One two three.")], GLOSSARY, _aligner({2: 2}))
    assert [(s.vi, s.en) for s in found] == [("ba", "tres")]


def test_suggest_add_takes_whole_terms_only_and_shows_the_evidence(copy_model, tmp_path):
    """Corrections traced by the (copy) model's real attention: a number and a common verb are
    shown as not suggested, never written; a term is written, with each correction behind it."""
    from translator.translate.memory import TranslationMemory

    corrections = [  # (source = the copy model's output, the reviewer's English)
        ("Giá xăng tăng 500 đồng.", "Giá xăng soared 500 đồng."),
        ("Giá dầu giảm 200 đồng.", "Giá dầu giảm two hundred đồng."),
        ("Bộ Công Thương công bố.", "The Ministry of Industry and Trade công bố."),
    ]
    cache = tmp_path / "tm.sqlite3"
    with TranslationMemory(cache) as memory:
        rows = [(source, human, "corrected", "", "review.docx") for source, human in corrections]
        memory.store_human(rows, {source: source for source, _ in corrections})
    mine = tmp_path / "mine.tsv"
    args = ["glossary", "suggest", "--cache", str(cache), "--model", str(copy_model), "--add", str(mine)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert [(e.vi, e.en) for e in load(mine).entries] == [("Bộ Công Thương", "The Ministry of Industry and Trade")]
    assert "vietrans: not suggested: tăng → soared (one syllable" in result.stderr
    assert "vietrans: not suggested: 200 → two hundred (a number" in result.stderr
    assert f"{mine}: 1 entry written" in result.stderr
    assert "\t  machine:  Bộ Công Thương công bố.\n\t  reviewer: The Ministry of Industry and Trade công bố." in (
        result.stdout
    )


def test_only_the_case_of_a_suggestion_is_folded_never_its_spelling():
    """ "Export restrictions" at the start of a sentence and "export restrictions" within one are one
    suggestion; "Exportmaßnahmen" and "Exportmassnahmen" are two spellings, two suggestions."""
    machine = "Export controls are disputed."
    rows = [
        ("Kiểm soát xuất khẩu gây tranh cãi.", "Export restrictions are disputed.", "corrected", "", machine),
        ("Kiểm soát xuất khẩu gây tranh cãi.", "Now export restrictions are disputed.", "corrected", "", machine),
        ("Kiểm soát xuất khẩu gây tranh cãi.", "Exportmaßnahmen are disputed.", "corrected", "", machine),
        ("Kiểm soát xuất khẩu gây tranh cãi.", "Exportmassnahmen are disputed.", "corrected", "", machine),
    ]
    found = suggest(rows, GLOSSARY)
    assert sorted((s.en.lower(), s.count) for s in found) == [
        ("export restrictions", 2),
        ("exportmassnahmen", 1),
        ("exportmaßnahmen", 1),
    ]
