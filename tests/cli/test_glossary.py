"""`vietrans glossary ...` and glossary enforcement through `vietrans translate`."""

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from translator.cli import main
from translator.engines import EngineSpec
from translator.errors import ExitCode
from translator.glossary import load

USER = (
    "# my terms\nvi\ten\tnote\tdomain\tcase\n"
    "kiểm soát xuất khẩu\texport control regime\tours\tpolicy\t\nAI\tAI\t\t\tsensitive\n"
)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def user_glossary(tmp_path) -> Path:
    path = tmp_path / "mine.tsv"
    path.write_text(USER, encoding="utf-8")
    return path


def test_shipped_glossaries_pass_check():
    result = run("glossary", "check", "--quiet-warnings")
    assert result.exit_code == 0, result.output
    assert "error:" not in result.output


def test_check_reports_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "vi\ten\tcase\nai\twho\t\nxuất khẩu\texport\t\nxuất khẩu\texports\t\n  lớn \tbig\t\n", encoding="utf-8"
    )
    result = run("glossary", "check", bad)
    assert result.exit_code == ExitCode.GLOSSARY
    assert f"{bad}:2: error: 'ai' is also the common word 'ai'" in result.output
    assert f"{bad}:4: error: 'xuất khẩu' conflicts with {bad}:3" in result.output
    assert f"{bad}:5: warning: stray whitespace" in result.output


def test_check_gives_every_problem_its_level_and_counts_them(tmp_path):
    """A common word matched in any case is an error; case-sensitive, a warning (it still starts
    sentences), but for a short country name or a phrase.  A term given twice: the same English is a
    warning, another English an error.  --quiet-warnings prints the errors only."""
    path = tmp_path / "g.tsv"
    path.write_text(
        "vi\ten\tcase\tmatch\n"
        "ai\twho\t\t\n"
        "Hoa Kỳ|Mỹ\tUnited States\tsensitive\t\n"
        "Pháp\tFrance\tsensitive\tshort-name\n"
        "Nhà Trắng\tWhite House\tsensitive\t\n"
        "xuất khẩu\texport\t\t\n"
        "xuất khẩu\texport\t\t\n"
        "xuất khẩu\texports\t\t\n"
        "glossary\tglossary\t\t\n",  # a word of the common words' file comment, not one of its words
        encoding="utf-8",
    )
    errors = [
        f"{path}:2: error: 'ai' is also the common word 'ai'; make it case-sensitive",
        f"{path}:8: error: 'xuất khẩu' conflicts with {path}:7 (export)",
    ]
    warnings = [
        f"{path}:3: warning: 'Mỹ' also starts sentences as the common word 'mỹ'",
        f"{path}:7: warning: 'xuất khẩu' duplicate of {path}:6 (export)",
    ]
    result = run("glossary", "check", path)
    assert result.exit_code == ExitCode.GLOSSARY
    assert result.stdout.splitlines() == [errors[0], warnings[0], warnings[1], errors[1]]
    assert result.stderr == f"{path}: 2 error(s), 2 warning(s)\n"
    quiet = run("glossary", "check", "--quiet-warnings", path)
    assert quiet.stdout.splitlines() == errors and quiet.stderr == result.stderr


def test_add_and_remove_keep_order_and_comments(user_glossary):
    assert run("glossary", "add", user_glossary, "chip tiên tiến|chip hiện đại", "advanced chips").exit_code == 0
    assert run("glossary", "add", user_glossary, "AI", "artificial intelligence").exit_code == ExitCode.GLOSSARY
    assert run("glossary", "add", user_glossary, "AI", "A.I.", "--replace").exit_code == 0
    lines = user_glossary.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# my terms" and lines[2].startswith("kiểm soát xuất khẩu\t")
    assert lines[3].startswith("AI\tA.I.") and lines[4].startswith("chip tiên tiến|chip hiện đại\tadvanced chips")
    assert run("glossary", "remove", user_glossary, "chip hiện đại").exit_code == 0
    assert "chip tiên tiến" not in user_glossary.read_text(encoding="utf-8")
    assert run("glossary", "remove", user_glossary, "không có").exit_code == ExitCode.GLOSSARY


def test_list_and_find(user_glossary):
    assert "export control regime" in run("glossary", "list", "-f", user_glossary).output
    found = run("glossary", "find", "kiểm soát", "-f", user_glossary)
    assert found.exit_code == 0 and "export control regime" in found.output
    assert "the White House" in run("glossary", "find", "Nhà Trắng").output


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx"])
def test_export_import_round_trip_loses_nothing(fmt, tmp_path):
    from translator.glossary import shipped_paths

    for source in shipped_paths():
        exported = tmp_path / f"{source.stem}.{fmt}"
        back = tmp_path / f"{source.stem}.back.tsv"
        assert run("glossary", "export", source, exported, "--format", fmt).exit_code == 0
        assert run("glossary", "import", exported, back, "--format", fmt).exit_code == 0
        original, returned = load(source), load(back)
        fields = lambda g: [(e.variants, e.en, e.note, e.domain, e.case) for e in g.entries]  # noqa: E731
        assert fields(returned) == fields(original)


def test_tbx_is_tbx_basic_and_csv_layouts_for_google_and_amazon(user_glossary, tmp_path):
    tbx = tmp_path / "g.tbx"
    run("glossary", "export", user_glossary, tbx)
    root = ET.parse(tbx).getroot()
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    google, amazon = tmp_path / "google.csv", tmp_path / "amazon.csv"
    run("glossary", "export", user_glossary, google, "--format", "csv-google")
    run("glossary", "export", user_glossary, amazon, "--format", "csv-amazon")
    assert next(csv.reader(io.StringIO(google.read_text(encoding="utf-8")))) == [
        "kiểm soát xuất khẩu",
        "export control regime",
    ]
    assert next(csv.reader(io.StringIO(amazon.read_text(encoding="utf-8")))) == ["vi", "en"]
    back = tmp_path / "back.tsv"
    assert run("glossary", "import", amazon, back).exit_code == 0
    assert [e.en for e in load(back).entries] == ["export control regime", "AI"]


def test_translate_enforces_terms_with_the_copy_model(copy_model, user_glossary, tmp_path):
    # The copy model copies its input, so injected terms come out whole (repair: tests/test_translate.py).
    result = run(
        "translate",
        EXAMPLE,
        "-o",
        tmp_path,
        "--model",
        copy_model,
        "-f",
        "md",
        "-q",
        "-g",
        user_glossary,
        "--terms",
        "inject",
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{EXAMPLE.stem}.bilingual.md").read_text(encoding="utf-8")
    assert "export control regime" in text  # the user's glossary overrides the shipped one
    assert "| trí tuệ nhân tạo | artificial intelligence | 1 | 1 |" in text  # the terms appendix
    assert "term not enforced" not in text
    assert "## Glossary terms" in text


def test_random_model_fails_to_keep_terms_and_the_sentences_are_flagged(random_model, tmp_path):
    result = run("translate", EXAMPLE, "-o", tmp_path, "--model", random_model, "-q", "--terms", "inject")
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{EXAMPLE.stem}.bilingual.md").read_text(encoding="utf-8")
    assert "⚠ *term not enforced: export controls*" in text  # the title's
    assert "⚠ *term not enforced: export control measures*" in text
    import docx

    word = docx.Document(tmp_path / f"{EXAMPLE.stem}.bilingual.docx")
    flagged = [row.cells[1] for row in word.tables[0].rows[1:] if "term not enforced" in row.cells[1].text]
    assert flagged and all("FCE4D6" in cell._tc.xml for cell in flagged)  # shaded for the reviewer


def test_terms_off_only_checks(copy_model, tmp_path):
    result = run("translate", EXAMPLE, "-o", tmp_path, "--model", copy_model, "-f", "md", "-q", "--terms", "off")
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{EXAMPLE.stem}.bilingual.md").read_text(encoding="utf-8")
    assert "⚠ *term not enforced: export controls*" in text  # the copy model writes the Vietnamese back
    assert run("translate", EXAMPLE, "--terms", "always").exit_code == 2  # a usage error, not a crash


def test_no_glossary(copy_model, tmp_path):
    run("translate", EXAMPLE, "-o", tmp_path, "--model", copy_model, "-f", "md", "-q", "--no-glossary")
    assert "Glossary terms" not in (tmp_path / f"{EXAMPLE.stem}.bilingual.md").read_text(encoding="utf-8")


def test_editing_a_glossary_retranslates_only_the_sentences_it_touches(copy_model, user_glossary, tmp_path):
    from translator.pipeline import Options, translate_files

    options = Options(
        formats=("md",),
        engine=EngineSpec(model=str(copy_model)),
        progress=False,
        cache=tmp_path / "tm",
        glossaries=(user_glossary,),
        shipped_glossaries=False,
    )
    first = translate_files([EXAMPLE], tmp_path / "o1", options)
    run("glossary", "add", user_glossary, "kiểm soát xuất khẩu", "export curbs", "--replace")
    second = translate_files([EXAMPLE], tmp_path / "o2", options)
    assert 0 < second.translated < first.translated
    assert second.translated == 2  # the title and the lead's first sentence hold the edited term


def test_list_with_several_files_shows_the_entries_of_each(user_glossary, tmp_path):
    other = tmp_path / "other.tsv"
    other.write_text("vi\ten\nmô hình\tmodel\n", encoding="utf-8")
    result = run("glossary", "list", "-f", user_glossary, "-f", other)
    assert result.exit_code == 0, result.output
    assert "export control regime" in result.output and "model" in result.output


# --- each refusal of a glossary file, as the user reads it: one whole line, exit 6 ----------------------


WANTED = "{p}:1: the header must name vi and en, then any of note, domain, case, en_adj, match"
NO_LANGUAGES = "{p}:1: the header names no Vietnamese and English columns: ['Vietnamese', 'Notes']"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("g.tsv", "vi\ten\nmột\n", "{p}:2: both the Vietnamese and the English term are needed"),
        ("g.tsv", "vi\ten\tcase\nmột\tone\tmaybe\n", "{p}:2: case must be sensitive or insensitive, not 'maybe'"),
        ("g.tsv", "vi\ten\tmatch\nMỹ\tUS\tlong\n", "{p}:2: match must be empty or short-name, not 'long'"),
        ("g.tsv", "vi\ten\ten\nmột\tone\n", "{p}:1: duplicate column 'en'"),
        ("g.tsv", "vi\tnghĩa\nmột\tone\n", WANTED),
        ("g.tsv", "vi\ten\tnote\nmột\tone\tx\ty\n", "{p}:2: 4 columns, the header has 3"),
        ("g.tsv", b"vi\ten\n\xf0i\xe9n\tphone\n", "{p}: not UTF-8 (byte 6); save the glossary as UTF-8"),
        ("g.tbx", "<tbx/>", "{p}: a TBX termbase; convert it first: vietrans glossary import {p} NAME.tsv"),
        ("g.csv", "Vietnamese,Notes\nmột,x\n", NO_LANGUAGES),
        ("g.csv", "English,\nmột,one\n", NO_LANGUAGES.replace("'Vietnamese', 'Notes'", "'English', ''")),
        ("g.csv", "vi,en\nmột\n", "{p}:2: one column; a glossary row needs a Vietnamese and an English term"),
    ],
)  # fmt: skip
def test_a_glossary_file_that_cannot_be_read_is_refused_in_one_whole_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = CliRunner().invoke(main, ["glossary", "list", "--file", str(path)])
    assert (result.exit_code, result.output) == (ExitCode.GLOSSARY, f"vietrans: error: {message.format(p=path)}\n")


def test_translate_refuses_a_glossary_that_fails_its_check_and_says_where(copy_model, tmp_path):
    path = tmp_path / "g.tsv"
    out = tmp_path / "out"
    first = f"{path}:3: error: 'phở' conflicts with {path}:2 (pho)"
    for rows, more in [
        ("phở\tpho\nphở\tnoodle soup\n", ""),
        ("phở\tpho\nphở\tsoup\nbánh mì\tbread\nbánh mì\tsandwich\n", " (and 1 more)"),
    ]:
        path.write_text(f"vi\ten\n{rows}", encoding="utf-8")
        result = run("translate", EXAMPLE, "-o", out, "--model", copy_model, "-g", path, "-q")
        said = f"vietrans: error: {first}{more}; vietrans glossary check {path} lists every problem\n"
        assert (result.exit_code, result.output) == (ExitCode.GLOSSARY, said)
        assert not out.exists()


def test_glossary_add_and_remove_refuse_in_one_whole_line(tmp_path):
    """Why an edit was not made: the file, the line, and what to do instead."""
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\nmột\tone\n", encoding="utf-8")
    for args, message in [
        (["add", tmp_path, "hai", "two"], f"{tmp_path}: is a folder, not a glossary file"),
        (["add", path, "một", "single"], f"{path}:2: 'một' is already there (one); add --replace to change it"),
        (["add", path, "đơn|một", "single"], f"{path}:2: 'một' is already there (one); add --replace to change it"),
        (["add", path, "hai", "two", "--note", "n"],
         f"{path}: has no 'note' column (header: vi, en); add it to the header, or leave --note out"),
        (["add", path, "hai", "two\tpair"],
         "the English 'two\\tpair' contains U+0009, which a glossary line cannot hold; remove it"),
        (["remove", tmp_path / "none.tsv", "một"], f"{tmp_path / 'none.tsv'}: no such file"),
        (["remove", path, "hai"], f"{path}: no entry for 'hai'"),
    ]:  # fmt: skip
        result = run("glossary", *args)
        assert (result.exit_code, result.output) == (ExitCode.GLOSSARY, f"vietrans: error: {message}\n"), args
    assert path.read_text(encoding="utf-8") == "vi\ten\nmột\tone\n"
