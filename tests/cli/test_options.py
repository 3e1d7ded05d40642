"""The options several commands share, as a user writes them and as ``--help`` shows them."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from translator.cli import main
from translator.cli.options import cleaning_options, export_options
from translator.cli.translate import translate
from translator.errors import ExitCode
from translator.export import ExportOptions


@click.command()
@cleaning_options
@export_options
def _given(keep_all: bool, skip_non_vietnamese: bool, export: ExportOptions) -> None:
    """What a command declared with the cleaning and page options is handed."""
    click.echo(f"keep_all={keep_all} skip_non_vietnamese={skip_non_vietnamese} {export}")


DEFAULTS = "keep_all=False skip_non_vietnamese=False ExportOptions(layout='portrait', paper='a4')"


@pytest.mark.parametrize(
    ("arguments", "handed"),
    [
        ([], DEFAULTS),
        # every default, given explicitly, is accepted and means the same
        (["--non-vietnamese", "translate", "--layout", "portrait", "--paper", "a4"], DEFAULTS),
        (
            ["--keep-all", "--non-vietnamese", "skip", "--layout", "landscape", "--paper", "letter"],
            "keep_all=True skip_non_vietnamese=True ExportOptions(layout='landscape', paper='letter')",
        ),
    ],
)
def test_each_choice_reaches_the_command(arguments: list[str], handed: str):
    result = CliRunner().invoke(_given, arguments)
    assert (result.exit_code, result.output) == (0, handed + "\n")


def test_a_choice_is_spelt_as_help_shows_it():
    # the choices are lower case, as --help lists them; the error line lists them again
    result = CliRunner().invoke(_given, ["--paper", "A4"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: Invalid value for '--paper': 'A4' is not one of 'a4', 'letter'."


def test_help_shows_each_shared_option_its_choices_default_and_metavar():
    """The help lines of translate (serve declares the same options: tests/cli/test_serve.py)."""
    context = click.Context(translate)
    shown = {p.name: p.get_help_record(context) for p in translate.params}
    assert [shown[name] for name in ("keep_all", "non_vietnamese", "layout", "paper", "since")] == [
        ("--keep-all", "Translate everything; do not set aside page furniture."),
        (
            "--non-vietnamese [translate|skip]",
            "What to do with an article that does not look Vietnamese (a warning either way).  [default: translate]",
        ),
        ("--layout [portrait|landscape]", "Page orientation of the Word reports.  [default: portrait]"),
        ("--paper [a4|letter]", "Paper size of the Word reports.  [default: a4]"),
        ("--since DATE", "Feeds: only items published on or after DATE (YYYY-MM-DD[THH:MM])."),
    ]


_TRANSLATE = ["translate", "x.txt"]
_EVAL = ["eval", "--src", "a", "--ref", "b"]
_AUDIT = ["glossary", "audit", "--src", "a", "--ref", "b"]


@pytest.mark.parametrize(
    ("command", "option", "value", "allowed"),
    [
        (_TRANSLATE, "--concurrency", "65", "1<=x<=64"),
        (_TRANSLATE, "--timeout", "0.5", "x>=1"),
        (_TRANSLATE, "--beam-size", "0", "1<=x<=16"),
        (_TRANSLATE, "--batch-size", "0", "1<=x<=1024"),
        (_TRANSLATE, "--threads", "257", "0<=x<=256"),
        (_TRANSLATE, "--retries", "4", "0<=x<=3"),
        (_TRANSLATE, "--max-size", "0", "x>=0.001"),
        (_TRANSLATE, "--workers", "0", "x>=1"),
        (_TRANSLATE, "--limit", "0", "x>=1"),
        (_TRANSLATE, "--delay", "-1", "x>=0"),
        (_TRANSLATE, "--window", "0", "x>=1"),
        (["serve"], "--port", "65536", "0<=x<=65535"),
        (["serve"], "--rate-limit", "-1", "x>=0"),
        (_EVAL, "--limit", "0", "x>=1"),
        (_EVAL, "--retries", "4", "0<=x<=3"),
        (["glossary", "suggest"], "--min-count", "0", "x>=1"),
        (_AUDIT, "--top", "0", "x>=1"),
        (_AUDIT, "--examples", "-1", "x>=0"),
    ],
)
def test_a_number_out_of_its_range_is_a_usage_error_that_gives_the_range(command, option, value, allowed):
    """A count, size, pace or port the tool cannot use is refused before anything runs, with what it takes."""
    result = CliRunner().invoke(main, [*command, option, value])
    shown = str(float(value)) if option in ("--timeout", "--max-size", "--delay") else value
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        ExitCode.USAGE,
        f"Error: Invalid value for '{option}': {shown} is not in the range {allowed}.",
    )
