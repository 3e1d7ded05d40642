import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.conftest import DATA, EXAMPLE, SEED, needs_seed
from tests.export.test_docx import read_pairs
from translator.cli import main
from translator.errors import ExitCode, ModelError
from translator.pipeline import Options, prepare
from translator.read import read_article


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _check_outputs(source: Path, out: Path, with_copy_model: bool) -> None:
    md = out / f"{source.stem}.bilingual.md"
    docx_path = out / f"{source.stem}.bilingual.docx"
    assert md.is_file() and docx_path.is_file()
    doc = prepare(read_article(source), Options())
    sentences = [s.source for s in doc.sentences()]
    pairs = read_pairs(docx_path.read_bytes())
    title = doc.blocks[0].sentences if doc.blocks[0].kind == "title" else []
    expected = sentences[len(title) :]  # the title is the document's heading, not a table row
    assert [vi for vi, _ in pairs] == expected
    assert all(en.strip() for _, en in pairs)
    for block in doc.blocks:  # the sentences hold every character of the kept text
        assert re.sub(r"\s", "", "".join(s.source for s in block.sentences)) == re.sub(r"\s", "", block.text)
    if with_copy_model:
        assert [en for _, en in pairs] == expected


def test_translate_example_end_to_end(copy_model, tmp_path):
    result = run("translate", EXAMPLE, "-o", tmp_path, "--model", copy_model, "-q", "--no-glossary", "--no-protect")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "sentences" in result.output
    _check_outputs(EXAMPLE, tmp_path, with_copy_model=True)


@needs_seed()
def test_translate_seed_with_installed_random_model(random_model, tmp_path):
    assert run("models", "install", random_model).exit_code == 0
    result = run("translate", SEED, "-o", tmp_path, "--format", "md,docx", "-q")
    assert result.exit_code == 0, result.output
    _check_outputs(SEED, tmp_path, with_copy_model=False)
    assert "TEST MODEL" in (tmp_path / f"{SEED.stem}.bilingual.md").read_text(encoding="utf-8")


def test_existing_output_is_left_untouched_without_force(copy_model, tmp_path):
    target = tmp_path / f"{EXAMPLE.stem}.bilingual.md"
    target.write_text("mine")
    result = run("translate", EXAMPLE, "-o", tmp_path, "--model", copy_model, "--format", "md", "-q")
    assert result.exit_code == 0
    assert "1 skipped (outputs exist; --force redoes them)" in result.output
    assert target.read_text() == "mine"
    assert run("translate", EXAMPLE, "-o", tmp_path, "--model", copy_model, "-f", "md", "--force", "-q").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_only_missing_formats_are_written(copy_model, tmp_path):
    md = tmp_path / f"{EXAMPLE.stem}.bilingual.md"
    md.write_text("mine")
    assert run("translate", EXAMPLE, "-o", tmp_path, "--model", copy_model, "-q").exit_code == 0
    assert md.read_text() == "mine"
    assert (tmp_path / f"{EXAMPLE.stem}.bilingual.docx").is_file()


@pytest.mark.parametrize(
    ("args", "usage", "says"),
    [
        (["translate", "-q"], "main translate [OPTIONS] [INPUTS]...", "Missing argument 'INPUTS...'."),
        (["models", "install", "vi", "en", "x"], "main models install [OPTIONS] SPEC...",
         "give one PATH.argosmodel, or two language codes: vi en"),
    ],
)  # fmt: skip
def test_usage_mistakes_outside_the_options_exit_2(args, usage, says):
    """Nothing to translate, or an install spec neither a file nor a language pair: the whole usage message."""
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.USAGE
    assert result.output == f"Usage: {usage}\nTry '{usage.split(' [')[0]} --help' for help.\n\nError: {says}\n"


def test_no_model_installed_names_the_command(tmp_path):
    out = tmp_path / "out"
    result = run("translate", EXAMPLE, "-o", out, "-q")
    assert result.exit_code == ExitCode.MODEL
    assert result.output.strip().count("\n") == 0
    assert "vietrans models install" in result.output
    assert not out.exists()


def test_unknown_format_and_missing_input(copy_model, tmp_path):
    assert run("translate", EXAMPLE, "-f", "md,pdf", "-o", tmp_path).exit_code == ExitCode.USAGE
    result = run("translate", tmp_path / "nope.txt", "--model", copy_model, "-o", tmp_path)
    assert result.exit_code == ExitCode.INPUT and "no such file" in result.output


def test_models_commands(random_model, tmp_path):
    assert "no models installed" in run("models", "list").output
    assert run("models", "install", random_model).exit_code == 0
    assert "test model" in run("models", "list").output
    corrupt = tmp_path / "corrupt.argosmodel"
    corrupt.write_bytes(b"PK\x03\x04 not really")
    result = run("models", "install", corrupt)
    assert result.exit_code == ExitCode.MODEL and "vietrans: error:" in result.output
    assert run("models", "remove", "translate-vi_en-vietrans-test-random").exit_code == 0
    for name in ("nothing", "translate-vi_en-vietrans-test-random", "..", "."):  # gone, or no package's name
        refused = run("models", "remove", name)
        assert refused.exit_code == ExitCode.MODEL
        assert refused.output == f"vietrans: error: no installed package named {name!r} (see: vietrans models list)\n"


def test_python_dash_m_runs_the_same_cli(copy_model, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "translator",
            "translate",
            str(EXAMPLE),
            "-o",
            str(tmp_path),
            "-f",
            "md",
            "--model",
            str(copy_model),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "sentences" in proc.stdout
    assert "translating" in proc.stderr  # tqdm progress goes to stderr
    assert (tmp_path / f"{EXAMPLE.stem}.bilingual.md").is_file()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--help"], ["translate", "glossary", "models", "cache", "eval"]),
        (["translate", "--help"], ["--terms", "--format", "--glossary", "--retries", "--ray", "--date-style"]),
        (["models", "--help"], ["install", "list", "remove"]),
        (["glossary", "--help"], ["audit", "add", "check", "import", "export"]),
        (["eval", "--help"], ["--src", "--ref", "--terms", "--dump"]),
    ],
)
def test_help(args, says):
    result = run(*args)
    assert result.exit_code == 0
    assert all(word in result.output for word in says), result.output


def test_the_engine_option_is_explained_as_written():
    result = run("translate", "--help")
    assert (
        "-e, --engine SPEC What translates: ctranslate2 (--model, default the installed Argos package), "
        "ctranslate2:MODEL, openai (--llm-model, --base-url) or openai:NAME@URL. [default: ctranslate2]"
    ) in " ".join(result.output.split())  # the help as written, however the terminal wraps it


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's words after ``vietrans``, groups included."""
    found = [path]
    if isinstance(command, click.Group):
        for name in command.list_commands(click.Context(command)):
            found += _commands(command.commands[name], (*path, name))
    return found


@pytest.mark.parametrize("path", _commands(main), ids=lambda path: " ".join(path) or "vietrans")
def test_every_option_and_subcommand_is_explained_in_help(path):
    """``--help`` explains each option (its help text, not just its name) and names each subcommand
    with its summary."""
    command = main
    for name in path:
        command = command.commands[name]
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    shown = "".join(result.output.split())  # (wherever click wraps the lines)
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip(), f"{param.opts[0]} has no help"
            assert all(re.search(rf"(?<!\S){re.escape(o)}\b", result.output) for o in param.opts), param.opts
            assert "".join(param.help.split()) in shown, param.opts[0]
    for name, sub in getattr(command, "commands", {}).items():
        assert (sub.help or "").strip() and name + "".join(sub.help.split())[:12] in shown, name


def test_only_eval_offers_several_engines():
    """``eval`` compares engines (``--engine`` repeated); ``translate`` takes one."""
    assert "Repeat to compare engines" in " ".join(run("eval", "--help").output.split())
    assert "Repeat to compare" not in " ".join(run("translate", "--help").output.split())


def test_an_internal_error_is_one_line_and_exit_code_1(copy_model, tmp_path, monkeypatch):
    """A bug (not a user's mistake) still gives one line, with how to see the details."""
    import translator.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(translator.pipeline, "prepare", broken)  # stands in for a bug in vietrans
    result = run("translate", EXAMPLE, "-o", tmp_path, "--model", copy_model, "-q")
    assert result.exit_code == 1
    assert "internal error: RuntimeError: something unforeseen" in result.output and "VIETRANS_DEBUG" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("raised", "debug", "line", "code"),
    [
        (RuntimeError("something unforeseen"), "", "vietrans: internal error: RuntimeError: something unforeseen"
         " (set VIETRANS_DEBUG=1 for details)", ExitCode.ERROR),
        (KeyboardInterrupt(), "", "vietrans: interrupted", ExitCode.INTERRUPTED),
        (KeyboardInterrupt(), "1", "vietrans: interrupted", ExitCode.INTERRUPTED),
        (ModelError("no model"), "", "vietrans: error: no model", ExitCode.MODEL),
        (ModelError("no model"), "1", "vietrans: error: no model", ExitCode.MODEL),
    ],
)
def test_the_command_turns_every_failure_into_one_line_and_its_exit_code(raised, debug, line, code, monkeypatch):
    """Whatever a command raises, the user reads one line and the documented exit status (the group's promise)."""
    from translator.engines import packages

    def broken():
        raise raised

    monkeypatch.setattr(packages, "scan", broken)  # stands in for a failure anywhere under a command
    monkeypatch.setenv("VIETRANS_DEBUG", debug)
    result = CliRunner().invoke(main, ["models", "list"])
    assert (result.exit_code, result.output) == (code, line + "\n")


def test_vietrans_debug_shows_an_internal_error_whole(monkeypatch):
    """``VIETRANS_DEBUG=1`` lets a bug's traceback through, for the one who reports it."""
    from translator.engines import packages

    def broken():
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(packages, "scan", broken)
    monkeypatch.setenv("VIETRANS_DEBUG", "1")
    with pytest.raises(RuntimeError, match="something unforeseen"):
        run("models", "list")


def test_an_unreachable_index_is_exit_code_7(tmp_path, monkeypatch):
    from argostranslate import settings

    monkeypatch.setattr(settings, "remote_package_index", (tmp_path / "missing.json").as_uri())
    result = run("models", "install", "vi", "en")
    assert result.exit_code == 7 and "vietrans models install PATH" in result.output


def test_no_download_stops_at_once_with_no_model(tmp_path, monkeypatch):
    """--no-download: with no model installed, one line saying how to get one, and no fetch."""
    monkeypatch.delenv("VIETRANS_OFFLINE", raising=False)
    import translator.engines.packages

    def fetch(*args, **kwargs):
        raise AssertionError("--no-download must not fetch")

    monkeypatch.setattr(translator.engines.packages, "install_from_index", fetch)
    result = run("translate", EXAMPLE, "-o", tmp_path, "--no-download", "-q")
    assert result.exit_code == 4 and "Traceback" not in result.output


def test_html_input_end_to_end_with_metadata_and_appendix(copy_model, tmp_path):
    page = DATA / "pages" / "dantri-eu.html"
    result = run("translate", page, "-o", tmp_path, "--model", copy_model, "-f", "md", "-q")
    assert result.exit_code == 0, result.output
    assert "block(s) left out" in result.output
    text = (tmp_path / "dantri-eu.bilingual.md").read_text(encoding="utf-8")
    assert "- **Site:** Báo Dân trí" in text and "dantri.com.vn" in text
    assert "## Left out of the translation" in text and "Google bị phạt 2,4 tỷ euro" in text


def test_keep_all_translates_the_furniture_too(copy_model, tmp_path):
    page = DATA / "pages" / "dantri.txt"
    run("translate", page, "-o", tmp_path / "clean", "--model", copy_model, "-f", "md", "-q")
    run("translate", page, "-o", tmp_path / "all", "--model", copy_model, "-f", "md", "-q", "--keep-all")
    cleaned = (tmp_path / "clean" / "dantri.bilingual.md").read_text(encoding="utf-8")
    everything = (tmp_path / "all" / "dantri.bilingual.md").read_text(encoding="utf-8")
    assert "| Nhật Bản tăng ngân sách quốc phòng | Nhật Bản tăng ngân sách quốc phòng |" not in cleaned
    assert "| Nhật Bản tăng ngân sách quốc phòng | other stories" in cleaned
    assert "Nhật Bản tăng ngân sách quốc phòng" in everything and "Left out" not in everything


ARTICLE = (
    "Vốn đầu tư tăng mạnh trong tháng đầu năm\n\nÔng Đặng Hoàng Giang cho biết vốn đạt 4,33 tỷ USD ngày 6/2/2025.\n"
)


def _english(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("| --- | --- |", 1)[1]


def test_span_and_page_options_through_the_cli(copy_model, tmp_path):
    """Each option changes what it says (the copy model writes back what it is given)."""

    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Inches

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    common = ["translate", article, "--model", copy_model, "--no-glossary", "-q", "--json"]
    result = run(
        *common,
        "-o",
        tmp_path / "one",
        "-f",
        "md,docx",
        "--date-style",
        "mdy",
        "--ascii-names",
        "--layout",
        "landscape",
        "--paper",
        "letter",
        "--batch-size",
        "4",
        "--threads",
        "1",
        "--device",
        "cpu",
        "--retries",
        "0",
    )
    assert result.exit_code == 0, result.output
    english = _english(tmp_path / "one" / "a.bilingual.md")
    assert "February 6, 2025" in english and "Dang Hoang Giang" in english and "4.33 billion USD" in english
    section = docx.Document(tmp_path / "one" / "a.bilingual.docx").sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and abs(section.page_width - Inches(11)) < Inches(0.05)
    result = run(*common, "-o", tmp_path / "two", "-f", "md", "--no-convert-numbers", "--date-style", "iso")
    english = _english(tmp_path / "two" / "a.bilingual.md")
    assert "4,33 tỷ USD" in english and "2025-02-06" in english and "Đặng Hoàng Giang" in english
    article.write_text(ARTICLE * 20, encoding="utf-8")  # about 2 kB
    big = run(*common, "-o", tmp_path / "three", "--max-size", "0.001")
    assert big.exit_code == 3 and "MB allowed for one article" in big.output


def test_the_beam_size_is_part_of_what_the_memory_keys_on(copy_model, tmp_path):
    import json

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cache = tmp_path / "tm.sqlite3"
    common = ["translate", article, "--model", copy_model, "-q", "--json", "-f", "md", "--cache", cache, "--force"]
    first = json.loads(run(*common, "-o", tmp_path / "a", "--beam-size", "1").output)
    other = json.loads(run(*common, "-o", tmp_path / "b", "--beam-size", "3").output)
    same = json.loads(run(*common, "-o", tmp_path / "c", "--beam-size", "1").output)
    assert first["cached"] == 0 and other["cached"] == 0 and same["translated"] == 0


def test_the_readme_lists_every_exit_code():
    import re

    from tests.conftest import ROOT
    from translator.errors import ExitCode

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    assert {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)} == {int(code) for code in ExitCode}


def test_the_eval_table_shows_each_figure_under_its_heading(capsys):
    """The comparison table people paste into reports: a heading per column, n/a where a figure
    does not apply (no glossary, no time), and sentences per second, not seconds per sentence."""
    from translator.cli.eval import _eval_table
    from translator.eval.quality import Scores

    signatures = {"BLEU": "nrefs:1|bleu-sig", "chrF++": "chrf-sig"}
    with_terms = Scores(41.236, 60.5, 45.0, signatures, term_chrf=58.25, terms=8, terms_found=6, facts=10,
                        facts_kept=6, facts_missing_unflagged=1, flagged=3, flags={"untranslated": 2}, retried=1,
                        placed=2, seconds=4.0, sentences=12)  # fmt: skip
    without = Scores(40.0, 59.0, 46.0, signatures, facts=4, facts_kept=4, seconds=0.0, sentences=12)
    _eval_table({"terms=repair, retries=1": with_terms, "no glossary, retries=1": without})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["setup", "BLEU", "chrF++", "TER", "chrF++", "terms", "terms", "facts", "kept",
                                "missing", "unflagged", "flagged", "again", "sent/s"]  # fmt: skip
    assert lines[1].split()[-14:] == ["41.24", "60.50", "45.00", "58.25", "75.0%", "of", "8", "6/10", "1/4", "(25%)",
                                      "3", "(25%)", "3", "3.0"]  # fmt: skip
    assert lines[2].split()[-11:] == ["40.00", "59.00", "46.00", "n/a", "n/a", "4/4", "0/0", "0", "(0%)", "0", "n/a"]
    assert lines[3] == "flags (terms=repair, retries=1): untranslated 2"
    assert lines[4] == "flags (no glossary, retries=1): none"
    assert lines[5:] == ["BLEU: nrefs:1|bleu-sig", "chrF++: chrf-sig"]


# --- usage mistakes are exit 2, whatever the library would have said (issue 27) ----------------------

ENGINE = "Invalid value for '--engine': "


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--engine", "openai"],
         ENGINE + "the openai engine needs a model and a server: --llm-model NAME --base-url URL"),
        (["--engine", "openai:qwen@localhost:8080"],
         ENGINE + "--base-url localhost:8080: give the server's address, e.g. http://127.0.0.1:8080/v1"),
        (["--engine", "deepl"],
         ENGINE + "unknown engine 'deepl'; use ctranslate2, openai (see vietrans translate --help)"),
        (["--llm-model", "qwen"], "--llm-model goes with --engine openai"),
        (["--base-url", "http://127.0.0.1:8080/v1"], "--base-url goes with --engine openai"),
        (["--concurrency", "8"], "--concurrency goes with --engine openai"),
        (["--model-family", "nllb"], "--model-family goes with --model (a model folder)"),
        (["--engine", "openai:qwen@http://127.0.0.1:9/v1", "--model", "m"],
         "--model goes with a ctranslate2 engine (an LLM's name: --llm-model)"),
        (["--engine", "openai:qwen@http://127.0.0.1:9/v1", "--model-family", "nllb"],
         "--model-family goes with a ctranslate2 engine (an LLM's name: --llm-model)"),
        (["-", "-f", "md,docx"], "standard input goes to standard output in one format: use -f md, or -o DIR"),
    ],
)  # fmt: skip
def test_usage_mistakes_exit_2(args, says, tmp_path):
    """Each of these once went on to fail as something else (no model 4, a download 7, an output 5)
    or was silently ignored."""
    article = tmp_path / "a.txt"
    article.write_text("Hà Nội là thủ đô.\n", encoding="utf-8")
    inputs = [] if "-" in args else [str(article)]
    result = CliRunner().invoke(main, ["translate", *inputs, "-o", str(tmp_path / "o"), *args], input="Một câu.\n")
    if "-" in args:
        result = CliRunner().invoke(main, ["translate", *args], input="Một câu.\n")
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.output.splitlines()[-1] == f"Error: {says}" and not (tmp_path / "o").exists()


def test_standard_input_to_standard_output_is_markdown_by_default(copy_model, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "translator", "translate", "-", "--model", str(copy_model), "-q"],
        input="Tiêu đề bài báo\n\nHà Nội là thủ đô của Việt Nam.\n",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Tiêu đề bài báo\n") and "| Hà Nội | Hanoi | 1 | 1 |" in proc.stdout  # Markdown
    assert "1 of 1 file(s) translated" in proc.stderr and "error" not in proc.stderr


@pytest.mark.parametrize(
    "command", [["cache", "stats"], ["cache", "export"], ["cache", "clear"], ["glossary", "suggest"]]
)
def test_a_mistyped_memory_path_is_refused_and_not_made(command, tmp_path):
    typo = tmp_path / "memory" / "memroy.sqlite3"
    result = run(*command, "--cache", typo)
    assert result.exit_code == ExitCode.MEMORY, result.output
    assert f"vietrans: error: {typo}: no translation memory there" in result.output
    assert not typo.parent.exists()  # nothing made: no folder, no file, not SQLite's side files


def test_the_json_summary_writes_vietnamese_names_as_they_are(copy_model, tmp_path):
    """``--json`` is UTF-8 text, not \\u escapes: a script or a person reads ``bài báo`` as named."""
    import json

    article = tmp_path / "bài báo.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("translate", article, "-o", tmp_path / "ra", "--model", copy_model, "-q", "--json", "-f", "md")
    assert result.exit_code == 0, result.output
    assert "bài báo.bilingual.md" in result.output
    assert json.loads(result.output)["outputs"] == [str(tmp_path / "ra" / "bài báo.bilingual.md")]
