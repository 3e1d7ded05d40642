"""The options several commands share, as a user writes them and as ``--help`` shows them."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from translator.cli import main
from translator.cli.options import cleaning_options, engine_options, export_options, fetch_options
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


def _command(many: bool) -> click.Command:
    """A command declared with the shared options, built when a test calls it: the declarations then run
    under the test (at import time no test would be seen running them)."""

    def handed(**kw: object) -> None:
        """Never run: only its help is read."""

    declared = engine_options(many)(cleaning_options(export_options(fetch_options(handed))))
    return click.command()(declared)


_ENGINE_HELP = (
    "What translates: ctranslate2 (--model, default the installed Argos package), ctranslate2:MODEL, "
    "openai (--llm-model, --base-url) or openai:NAME@URL"
)


@pytest.mark.parametrize(
    ("many", "engine"),
    [
        (False, _ENGINE_HELP + ".  [default: ctranslate2]"),
        # eval compares engines: --engine repeats and has no default of its own
        (True, _ENGINE_HELP + ". Repeat to compare engines."),
    ],
)
def test_help_shows_each_shared_option_its_choices_default_and_metavar(many: bool, engine: str):
    """Every help line of the shared options, in their order (translate, serve, eval and review declare them)."""
    command = _command(many)
    context = click.Context(command)
    assert [p.get_help_record(context) for p in command.params] == [
        ("-e, --engine SPEC", engine),
        (
            "-m, --model TEXT",
            "A .argosmodel file, a package folder or an installed package's name, or a CTranslate2 model folder "
            "(OPUS-MT, NLLB-200, M2M-100, MADLAD-400).",
        ),
        (
            "--model-family [argos|marian|nllb|m2m100|madlad]",
            "The family of a --model folder, where its files do not tell.",
        ),
        ("--base-url URL", "openai engine: the server, e.g. http://127.0.0.1:8080/v1"),
        ("--llm-model NAME", "openai engine: the model's name on the server."),
        (
            "--api-key-env VAR",
            "openai engine: the environment variable with the server's key, if it wants one.  "
            "[default: OPENAI_API_KEY]",
        ),
        ("--concurrency INTEGER RANGE", "openai engine: paragraphs sent at once.  [default: 4; 1<=x<=64]"),
        (
            "--timeout FLOAT RANGE",
            "openai engine: seconds to wait for a reply (each is tried 3 more times, with back-off).  "
            "[default: 120; x>=1]",
        ),
        ("--keep-all", "Translate everything; do not set aside page furniture."),
        (
            "--non-vietnamese [translate|skip]",
            "What to do with an article that does not look Vietnamese (a warning either way).  [default: translate]",
        ),
        ("--layout [portrait|landscape]", "Page orientation of the Word reports.  [default: portrait]"),
        ("--paper [a4|letter]", "Paper size of the Word reports.  [default: a4]"),
        ("--since DATE", "Feeds: only items published on or after DATE (YYYY-MM-DD[THH:MM])."),
        ("--limit INTEGER RANGE", "Feeds: at most N items from each feed, newest first.  [x>=1]"),
        (
            "--match TEXT",
            "Feeds: only items whose title or summary holds TEXT (case and tone placement ignored); repeatable.",
        ),
        ("--ignore-robots", "Fetch pages even where robots.txt asks robots not to."),
        (
            "--delay FLOAT RANGE",
            "Seconds between two requests to the same site (a longer robots.txt Crawl-delay wins).  "
            "[default: 1.0; x>=0]",
        ),
    ]


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        # each unknown name once, in the order given, comma-joined; the known ones are not named
        ("pdfx,odtx", "'pdfx,odtx'"),
        (" md, pdfx ,odtx,pdfx", "'pdfx,odtx'"),
        # no name at all: the value as written
        (",", "','"),
    ],
)
def test_an_unknown_format_is_a_usage_error_naming_each_unknown_one(value: str, refused: str):
    result = CliRunner().invoke(main, ["translate", "-f", value, "x.txt"])
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        ExitCode.USAGE,
        f"Error: Invalid value for '-f' / '--format': {refused}: "
        "choose from md, md-en, docx, docx-en, docx-review, tmx, xliff, jsonl, html",
    )


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
