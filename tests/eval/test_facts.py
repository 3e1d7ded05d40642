"""translator.eval.facts: which reference facts an output carries."""

from translator.document import Sentence
from translator.eval.facts import carried, count


def test_a_number_in_digits_is_carried():
    assert carried([("number", "2024"), ("number", "3.5")], "In 2024 it grew 3.5 percent.") == [True, True]


def test_a_name_written_in_lower_case_is_carried():
    """A name of two words counts wherever the output writes it whole, capitals or not."""
    assert carried([("name", "ha noi"), ("name", "hai phong")], "the ha noi office opened") == [True, False]


def test_a_number_written_once_carries_one_copy():
    """A year reads as a number to the English and the Vietnamese reader alike: still one copy; a
    number written twice carries two."""
    assert carried([("number", "2024"), ("number", "2024")], "In 2024 it rained.") == [True, False]
    assert carried([("number", "5")] * 3, "It rose 5% in 2024 and 5% in 2025.") == [True, True, False]  # two copies
    source, reference = "Giá tăng 5% năm 2024 và lại tăng 5%.", "Prices rose 5% in 2024 and rose 5% again."
    counts = count([Sentence(source, "Prices rose 5% in 2024.")], [reference])
    assert (counts.facts, counts.kept, counts.missing_unflagged) == (3, 2, 1)


def test_the_counts_add_up_over_every_sentence():
    """Facts and kept facts summed; a missing fact counts as unflagged only in a sentence without flags."""
    from translator.eval.facts import FactCounts

    rows = [  # source, reference, output, flags
        ("Giá tăng 5% năm 2024.", "Prices rose 5% in 2024.", "Prices rose 5% in 2024.", []),
        ("Ông Halifax đến năm 2023.", "Mr Halifax came in 2023.", "He came in 2022.", ["number not kept: 2023"]),
        ("Có 7 người và ông Halifax.", "There were 7 people and Mr Halifax.", "There were people and Mr Halifax.", []),
    ]
    sentences = [Sentence(source, output, flags=flags) for source, _, output, flags in rows]
    counts = count(sentences, [reference for _, reference, _, _ in rows])
    assert counts == FactCounts(facts=6, kept=3, missing_unflagged=1, flagged_sentences=1, sentences=3)
    assert (counts.missing, counts.unflagged_share) == (3, 1 / 3)
    kept_all = count(sentences[:1], [rows[0][1]])  # no fact missing: no share to report, not 0%
    assert (kept_all, kept_all.missing, kept_all.unflagged_share) == (FactCounts(2, 2, 0, 0, 1), 0, None)


def test_the_ledger_table_counts_each_kind_by_status_the_most_found_first():
    """The report's ledger table: per kind, found and each status (an unchecked fact says so), the
    kinds in the order of how many were found."""
    from translator.eval.facts import ledger_table
    from translator.facts.ledger import Fact

    def fact(kind: str, status: str = "") -> Fact:
        return Fact(kind, 0, 1, "x", "x", "x", status=status)

    sentences = [
        Sentence("a", facts=[fact("date", "kept"), fact("number", "kept"), fact("number", "restored")]),
        Sentence("b"),
        Sentence("c", facts=[fact("number", "flagged"), fact("name"), fact("name", "placed")]),
    ]
    table = ledger_table(sentences)
    assert list(table) == ["number", "name", "date"]
    assert {kind: dict(row) for kind, row in table.items()} == {
        "number": {"found": 3, "kept": 1, "restored": 1, "flagged": 1},
        "name": {"found": 2, "unchecked": 1, "placed": 1},
        "date": {"found": 1, "kept": 1},
    }
    assert ledger_table([]) == {}
