"""``vietrans serve``: its options, and its errors as one line before anything starts."""

from __future__ import annotations

from click.testing import CliRunner

from translator.cli import main


def test_help_names_the_apis_and_the_safety_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--api-keys", "--max-size", "--rate-limit", "--model", "--glossary", "--terms"):
        assert option in result.output


def test_an_unreadable_or_empty_keys_file_is_one_line(tmp_path):
    missing = CliRunner().invoke(main, ["serve", "--api-keys", str(tmp_path / "keys.txt")])
    assert missing.exit_code == 3
    assert missing.output.startswith("vietrans: error: ") and "cannot read the API keys" in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("# no keys yet\n\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--api-keys", str(empty)])
    assert result.exit_code == 3 and "no API keys in the file" in result.output
    assert "Traceback" not in result.output


def test_no_model_is_one_line_before_the_server_starts(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--model", str(tmp_path / "none.argosmodel"), "--no-download"])
    assert result.exit_code == 4 and result.output.startswith("vietrans: error: ")
