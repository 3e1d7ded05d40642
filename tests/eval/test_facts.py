"""translator.eval.facts: which reference facts an output carries."""

from translator.eval.facts import carried


def test_a_number_in_digits_is_carried():
    assert carried([("number", "2024"), ("number", "3.5")], "In 2024 it grew 3.5 percent.") == [True, True]


def test_a_name_written_in_lower_case_is_carried():
    """A name of two words counts wherever the output writes it whole, capitals or not."""
    assert carried([("name", "ha noi"), ("name", "hai phong")], "the ha noi office opened") == [True, False]
