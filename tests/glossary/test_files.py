"""Editing and importing glossary files as users have them: their header, line ends, BOM,
mode and links kept; bad characters, unreadable files and folders refused with one line."""

import csv
import io
import os
import re
import stat
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from translator.cli import main
from translator.errors import ExitCode, GlossaryError
from translator.glossary import load


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _refused(result, code=ExitCode.GLOSSARY) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("vietrans: error:")]
    assert len(errors) == 1, result.output
    return errors[0]


# --- add / remove ----------------------------------------------------------------------------------


def test_add_to_a_two_column_file_keeps_two_columns(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\nmô hình\tmodel\n", encoding="utf-8")
    assert run("glossary", "add", path, "học máy", "machine learning").exit_code == 0
    assert path.read_text(encoding="utf-8") == "vi\ten\nmô hình\tmodel\nhọc máy\tmachine learning\n"
    assert load(path).entries[-1].en == "machine learning"


@pytest.mark.parametrize("before", ["", "# thuật ngữ của tôi\n"])
@pytest.mark.parametrize("suffix", ["tsv", "csv"])
def test_add_to_an_empty_or_comments_only_file_gives_it_the_full_header(tmp_path, before, suffix):
    """Whole files compared: the comments kept, the header after them, no blank line before it;
    a CSV file with no row to tell its delimiter by gets commas."""
    path = tmp_path / f"g.{suffix}"
    path.write_text(before, encoding="utf-8")
    assert run("glossary", "add", path, "học máy", "machine learning", "--note", "ML").exit_code == 0
    sep = "\t" if suffix == "tsv" else ","
    header = sep.join(["vi", "en", "note", "domain", "case", "en_adj", "match"])
    assert path.read_text(encoding="utf-8") == f"{before}{header}\nhọc máy{sep}machine learning{sep}ML\n"


def test_add_writes_the_files_own_column_order(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\tdomain\tnote\nmô hình\tmodel\tai\t\n", encoding="utf-8")
    assert run("glossary", "add", path, "học máy", "machine learning", "--note", "ML", "--domain", "ai").exit_code == 0
    entry = load(path).entries[-1]
    assert (entry.note, entry.domain) == ("ML", "ai")
    assert path.read_text(encoding="utf-8").splitlines()[-1] == "học máy\tmachine learning\tai\tML"


def test_add_refuses_a_field_the_file_has_no_column_for(tmp_path):
    path = tmp_path / "g.tsv"
    before = "vi\ten\nmô hình\tmodel\n"
    path.write_text(before, encoding="utf-8")
    assert "no 'note' column" in _refused(run("glossary", "add", path, "học máy", "ML", "--note", "x"))
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("sep", "added"),
    [
        (";", 'học máy;machine learning, ML;"a;b"'),
        (",", 'học máy,"machine learning, ML",a;b'),
        ("\t", "học máy\tmachine learning, ML\ta;b"),
    ],
    ids=["semicolon", "comma", "tab"],
)
def test_add_and_remove_keep_a_csv_glossarys_own_delimiter(tmp_path, sep, added):
    """A spreadsheet saves CSV with commas, semicolons (many locales) or tabs: an edit reads the
    file's lines with its delimiter and writes its row with it, quoting a cell that holds it.
    Whole files compared, after the add and after the remove."""
    path = tmp_path / "g.csv"
    path.write_text(f"vi{sep}en{sep}note\nmô hình{sep}model\n", encoding="utf-8")
    result = run("glossary", "add", path, "học máy", "machine learning, ML", "--note", "a;b")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == f"vi{sep}en{sep}note\nmô hình{sep}model\n{added}\n"
    assert run("glossary", "remove", path, "mô hình").exit_code == 0
    assert path.read_text(encoding="utf-8") == f"vi{sep}en{sep}note\n{added}\n"


@pytest.mark.parametrize("sep", [" ", "|"])
@pytest.mark.parametrize("command", [["add", "học máy", "ML"], ["remove", "mô hình"]])
def test_a_csv_header_split_by_neither_comma_semicolon_nor_tab_is_one_column(tmp_path, sep, command):
    """Only a comma, semicolon or tab delimits a CSV glossary: a header "vi en" or "vi|en" is one
    cell, which names no vi and en columns; refused in one line, the file untouched (never read as
    split at spaces, bars or letters)."""
    path = tmp_path / "g.csv"
    before = f"vi{sep}en\nmô hình{sep}model\n"
    path.write_text(before, encoding="utf-8")
    assert _refused(run("glossary", *command[:1], path, *command[1:])) == (
        f"vietrans: error: {path}:1: the header must name vi and en, then any of note, domain, case, en_adj, match"
    )
    assert path.read_text(encoding="utf-8") == before


def test_add_an_adjective_and_a_short_name(tmp_path):
    path = tmp_path / "new.tsv"
    assert run("glossary", "add", path, "Nga", "Russia", "--adj", "Russian", "--match", "short-name").exit_code == 0
    assert path.read_text(encoding="utf-8").splitlines() == [
        "vi\ten\tnote\tdomain\tcase\ten_adj\tmatch",
        "Nga\tRussia\t\t\t\tRussian\tshort-name",
    ]
    entry = load(path).entries[0]
    assert (entry.adjectives, entry.match) == (("Russian",), "short-name")
    two = tmp_path / "two.tsv"
    two.write_text("vi\ten\n", encoding="utf-8")
    assert "no 'en_adj' column" in _refused(run("glossary", "add", two, "Nga", "Russia", "--adj", "Russian"))
    assert "--adj" in _refused(run("glossary", "add", two, "Nga", "Russia", "--adj", "Russian"))
    assert run("glossary", "add", two, "Nga", "Russia", "--match", "always").exit_code == 2  # not a choice
    bad = tmp_path / "bad.tsv"
    bad.write_text("vi\ten\tmatch\nNga\tRussia\talways\n", encoding="utf-8")
    assert "match must be empty or short-name" in _refused(run("glossary", "list", "--file", bad))


def test_add_keeps_crlf_bom_mode_and_a_missing_final_newline(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_bytes(b"\xef\xbb\xbfvi\ten\r\n# comment\r\nm\xc3\xb4 h\xc3\xacnh\tmodel")
    path.chmod(0o664)
    assert run("glossary", "add", path, "học máy", "machine learning").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 3 and b"\n" not in data.replace(b"\r\n", b"")
    assert data.endswith("học máy\tmachine learning".encode())
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


_HELD = {  # a character a line cannot hold, as the refusal names it
    "a\tb": "U+0009", "a\nb": "U+000A", "a\u2028b": "LINE SEPARATOR", "a\x85b": "U+0085",
    "a\x07b": "U+0007", "a\u2029b": "PARAGRAPH SEPARATOR",
}


@pytest.mark.parametrize("bad", list(_HELD))
@pytest.mark.parametrize("where", ["vi", "en", "note", "domain", "adj"])
def test_add_refuses_characters_a_line_cannot_hold(tmp_path, bad, where):
    """Each field of the entry is checked, and the refusal names the field, its value and the character."""
    path = tmp_path / "g.tsv"
    before = "vi\ten\tnote\tdomain\ten_adj\nmô hình\tmodel\t\t\t\n"
    path.write_text(before, encoding="utf-8")
    values = {"vi": [f"học {bad} máy", "ML"], "en": ["học máy", f"M{bad}L"]}
    args = values.get(where, ["học máy", "ML", f"--{where}", bad])
    value = {"vi": f"học {bad} máy", "en": f"M{bad}L"}.get(where, bad)
    what = {"vi": "term", "en": "English", "adj": "adjective"}.get(where, where)
    assert _refused(run("glossary", "add", path, *args)) == (
        f"vietrans: error: the {what} {value!r} contains {_HELD[bad]}, which a glossary line cannot hold; remove it"
    )
    assert path.read_text(encoding="utf-8") == before


def test_add_through_a_symbolic_link_edits_the_linked_file(tmp_path):
    real = tmp_path / "real.tsv"
    real.write_text("vi\ten\nmô hình\tmodel\n", encoding="utf-8")
    link = tmp_path / "link.tsv"
    link.symlink_to(real)
    assert run("glossary", "add", link, "học máy", "machine learning").exit_code == 0
    assert link.is_symlink() and "machine learning" in real.read_text(encoding="utf-8")


def test_replace_changes_the_line_that_wins_over_duplicates(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\nmô hình\tmodel\nhọc máy\tML\nmô hình\tpattern\n", encoding="utf-8")
    assert run("glossary", "add", path, "mô hình", "AI model", "--replace").exit_code == 0
    glossary = load(path, judged=False)  # (two Englishes for one term: translate -g refuses the file)
    assert [m.entry.en for m in glossary.find("mô hình")] == ["AI model"]


def test_remove_removes_every_line_defining_the_term(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\nmô hình\tmodel\nhọc máy\tML\nmô hình|mô-hình\tpattern\n", encoding="utf-8")
    result = run("glossary", "remove", path, "mô hình")
    assert result.exit_code == 0 and result.output.count("removed") == 2
    assert load(path).find("mô hình") == [] and path.read_text(encoding="utf-8") == "vi\ten\nhọc máy\tML\n"


@pytest.mark.parametrize("command", [["add", "x", "y"], ["remove", "x"]])
def test_editing_a_folder_is_one_line(tmp_path, command):
    assert "is a folder" in _refused(run("glossary", command[0], tmp_path, *command[1:]))


def test_import_from_or_to_a_folder_is_one_line(tmp_path):
    assert "is a folder" in _refused(run("glossary", "import", tmp_path, tmp_path / "x.tsv"))
    source = tmp_path / "g.csv"
    source.write_text("vi,en\nmô hình,model\n", encoding="utf-8")
    (tmp_path / "dest").mkdir()
    assert "is a folder" in _refused(run("glossary", "import", source, tmp_path / "dest"), ExitCode.OUTPUT)


# --- import ------------------------------------------------------------------------------------------


def _import(tmp_path: Path, name: str, content: str | bytes, *extra):
    source = tmp_path / name
    source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    dest = tmp_path / "out.tsv"
    return run("glossary", "import", source, dest, *extra), dest


@pytest.mark.parametrize(
    "content",
    [
        "en,vi\nmodel,mô hình\nmachine learning,học máy\n",
        "vi-VN,en-US\nmô hình,model\nhọc máy,machine learning\n",
        "en_US;vi_VN\nmodel;mô hình\nmachine learning;học máy\n",
        "English,Vietnamese\nmodel,mô hình\nmachine learning,học máy\n",
        "mô hình;model\nhọc máy;machine learning\n",
        "vi\ten\nmô hình\tmodel\nhọc máy\tmachine learning\n",
    ],
    ids=["amazon-en-vi", "regions", "semicolon", "names", "semicolon-no-header", "tab"],
)
def test_csv_direction_and_delimiter_come_from_the_file(tmp_path, content):
    result, dest = _import(tmp_path, "g.csv", content)
    assert result.exit_code == 0, result.output
    assert {(e.vi, e.en) for e in load(dest).entries} == {("mô hình", "model"), ("học máy", "machine learning")}


def test_one_column_rows_and_multiline_cells_name_the_right_line(tmp_path):
    result, _ = _import(tmp_path, "g.csv", 'vi,en\n"mô\nhình",model\nhọc máy\n')
    message = _refused(result)
    assert "g.csv:4" in message and "one column" in message


def test_csv_quotes_inside_cells_come_back_as_written(tmp_path):
    """A spreadsheet doubles a quote inside a quoted cell; the importer must undo it."""
    source = tmp_path / "g.csv"
    source.write_text('vi,en,note\nChủ tịch nước,President,"as in ""President To Lam"""\n', encoding="utf-8")
    assert run("glossary", "import", source, tmp_path / "g.tsv").exit_code == 0
    assert load(tmp_path / "g.tsv").entries[0].note == 'as in "President To Lam"'


def test_an_empty_import_is_refused(tmp_path):
    result, dest = _import(tmp_path, "g.csv", "vi,en\n")
    assert "no glossary entries" in _refused(result)
    assert not dest.exists()


TBX_2008 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="t1"><descrip type="subjectField">ai</descrip>
 <langSet xml:lang="vi-VN"><tig><term>mô hình ngôn ngữ lớn</term></tig><tig><term>LLM</term></tig></langSet>
 <langSet xml:lang="en-US"><tig><term>large language model</term></tig></langSet></termEntry>
<termEntry id="t2">
 <langSet xml:lang="en"><ntig><termGrp><term>export controls</term></termGrp></ntig></langSet>
 <langSet xml:lang="vi"><ntig><termGrp><term>kiểm soát xuất khẩu</term></termGrp></ntig></langSet></termEntry>
</body></text></martif>
"""
TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>
<conceptEntry id="c1"><langSec xml:lang="vi"><termSec><term>mô hình ngôn ngữ lớn</term></termSec>
<termSec><term>LLM</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>large language model</term></termSec></langSec></conceptEntry>
<conceptEntry id="c2"><langSec xml:lang="vi"><termSec><term>kiểm soát xuất khẩu</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>export controls</term></termSec></langSec></conceptEntry>
</body></text></tbx>
"""


ISO_639_2 = TBX_V3.replace('xml:lang="vi"', 'xml:lang="vie"').replace('xml:lang="en"', 'xml:lang="ENG"')
# A French section and an English term left empty, before the English one: neither is an entry's.
OTHER_LANGUAGE = TBX_V3.replace(
    '<langSec xml:lang="en"><termSec><term>large',
    '<langSec xml:lang="fr"><termSec><term>grand modèle de langage</term></termSec></langSec>'
    '<langSec xml:lang="en"><termSec><term> </term></termSec><termSec><term>large',
)


@pytest.mark.parametrize(
    "content",
    [TBX_2008, TBX_V3, TBX_V3.replace(' xmlns="urn:iso:std:iso:30042:ed-2"', ""), ISO_639_2, OTHER_LANGUAGE],
)
def test_tbx_2008_and_v3(tmp_path, content):
    """Languages named as TBX tools name them: vi-VN, en-US, or ISO 639-2's vie and eng in any case;
    other languages and empty terms are passed over."""
    result, dest = _import(tmp_path, "g.tbx", content)
    assert result.exit_code == 0, result.output
    entries = load(dest).entries
    assert [(e.variants, e.en) for e in entries] == [
        (("mô hình ngôn ngữ lớn", "LLM"), "large language model"),
        (("kiểm soát xuất khẩu",), "export controls"),
    ]


def test_xml_that_is_not_tbx_is_refused(tmp_path):
    result, _ = _import(tmp_path, "g.tbx", "<?xml version='1.0'?><xliff><file/></xliff>")
    assert "not a TBX file" in _refused(result)


def test_glossary_find_with_no_hit_has_its_own_exit_code(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\nmô hình\tmodel\n", encoding="utf-8")
    result = run("glossary", "find", "không có gì", "-f", path)
    assert result.exit_code == ExitCode.NOT_FOUND and "no glossary entry matches" in result.output
    assert run("glossary", "find", "mô hình", "-f", path).exit_code == 0


def test_umask_applies_to_new_glossaries(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "new.tsv"
        assert run("glossary", "add", path, "mô hình", "model").exit_code == 0
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    finally:
        os.umask(old)


# --- check, import and export: what they promise, field by field -----------------------------------


def test_check_gives_each_problem_its_line_and_level(tmp_path):
    """Errors stop a glossary; warnings only inform. Case-sensitive terms differing in case are
    two terms, not a conflict; a term a longer term translates otherwise is a warning, once (a longer
    term whose English holds the term's English or adjective keeps it: no warning)."""
    from translator.glossary.files import Problem, check

    path = tmp_path / "g.tsv"
    nfd = unicodedata.normalize("NFD", "Hoa Kỳ")
    path.write_text(
        f"vi\ten\tcase\ten_adj\n{nfd}\tUnited States\t\nVinAI\tVinAI\tsensitive\nVinai\tVinai Corp\tsensitive\n"
        "xuất khẩu\texport\t\nxuất khẩu\texport\t\nkiểm soát xuất khẩu\ttrade restrictions\t\n"
        "hàng xuất khẩu\toutbound goods\t\n"
        "học máy\tmachine learning\t\nkỹ thuật học máy\tmachine learning techniques\t\n"
        "Hà Lan\tthe Netherlands\t\tDutch\nngười Hà Lan\tthe Dutch\t\n",
        encoding="utf-8",
    )
    inside = f"inside 'kiểm soát xuất khẩu' ({path}:7) it becomes 'trade restrictions'"
    assert check(path) == [
        Problem(f"{path}:2", "warning", "text is not Unicode NFC (it is read as NFC)"),
        Problem(f"{path}:5", "warning", inside),
        Problem(f"{path}:6", "warning", f"'xuất khẩu' duplicate of {path}:5 (export)"),
        Problem(f"{path}:6", "warning", inside),
    ]
    # Comments and blank lines are not rows (their spacing is free); the lines after them are still read.
    path.write_text(f"#  my  terms \n\nvi\ten\tcase\n{nfd}\tUS\t\nAI\tAI\tyes: please\n", encoding="utf-8")
    assert check(path) == [
        Problem(f"{path}:4", "warning", "text is not Unicode NFC (it is read as NFC)"),
        Problem(f"{path}:5", "error", "case must be sensitive or insensitive, not 'yes: please'"),
    ]


def test_a_bad_header_after_comments_names_its_own_line(tmp_path):
    from translator.glossary import Entry
    from translator.glossary.files import add

    path = tmp_path / "g.tsv"
    path.write_text("# my terms\n\nvi\ten\tcolour\nmô hình\tmodel\t\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=rf"^{re.escape(str(path))}:3: the header must name vi and en"):
        add(path, Entry("học máy", "machine learning"))


def test_rows_of_a_headerless_csv_are_numbered_from_one(tmp_path):
    result, _ = _import(tmp_path, "g.csv", "mô hình\nhọc máy,machine learning\n")
    assert "g.csv:1: one column" in _refused(result)


def test_google_and_amazon_rows_sharing_an_english_term_become_one_entry():
    """Those layouts hold one row per Vietnamese variant: the variants come back together."""
    from translator.glossary import parse_csv as _from_csv

    glossary = _from_csv("Hoa Kỳ,United States\nMỹ,United States\nhọc máy,machine learning\n", "g.csv")
    assert [(e.variants, e.en) for e in glossary.entries] == [
        (("Hoa Kỳ", "Mỹ"), "United States"),
        (("học máy",), "machine learning"),
    ]
    assert glossary.names == ["g.csv"]


def test_tbx_with_a_plain_lang_attribute_is_read(tmp_path):
    """Some tools write ``lang=`` without the XML namespace."""
    from translator.glossary.files import import_file

    path = tmp_path / "g.tbx"
    path.write_text(TBX_2008.replace("xml:lang=", "lang="), encoding="utf-8")
    glossary = import_file(path)
    assert [(e.variants, e.en) for e in glossary.entries][1] == (("kiểm soát xuất khẩu",), "export controls")
    assert glossary.names == [str(path)]


EXPORTED_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" style="dca" type="TBX-Basic" xml:lang="en">
  <tbxHeader>
    <fileDesc>
      <sourceDesc>
        <p>vietrans glossary</p>
      </sourceDesc>
    </fileDesc>
  </tbxHeader>
  <text>
    <body>
      <conceptEntry id="c1">
        <descrip type="subjectField">công nghệ</descrip>
        <note>AI &amp; ML</note>
        <langSec xml:lang="vi">
          <termSec>
            <term>học máy</term>
          </termSec>
          <termSec>
            <term>máy học</term>
          </termSec>
        </langSec>
        <langSec xml:lang="en">
          <termSec>
            <term>machine learning</term>
          </termSec>
        </langSec>
      </conceptEntry>
      <conceptEntry id="c2">
        <langSec xml:lang="vi">
          <termSec>
            <term>Nga</term>
            <termNote type="x-caseSensitivity">sensitive</termNote>
            <termNote type="x-match">short-name</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="en">
          <termSec>
            <term>Russia</term>
          </termSec>
          <termSec>
            <term>Russian</term>
            <termNote type="partOfSpeech">adjective</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""


def test_exported_tbx_is_the_whole_tbx_basic_document(tmp_path):
    """TBX v3 (ISO 30042:2019) requires ``type`` and ``style`` on the root; every field of an entry
    has its place (subject field, note, each variant, case and match notes, the adjective)."""
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\tnote\tdomain\tcase\ten_adj\tmatch\nhọc máy|máy học\tmachine learning\tAI & ML\tcông nghệ\n"
                    "Nga\tRussia\t\t\tsensitive\tRussian\tshort-name\n", encoding="utf-8")  # fmt: skip
    assert run("glossary", "export", path, tmp_path / "g.tbx").exit_code == 0
    assert (tmp_path / "g.tbx").read_text(encoding="utf-8") == EXPORTED_TBX


GLOSSARY_TSV = (
    "vi\ten\tnote\tdomain\tcase\ten_adj\tmatch\n"
    'học máy|máy học\tmachine learning\t"ML", often\tcông nghệ\n'
    "Nga\tRussia\t\t\tsensitive\tRussian\tshort-name\n"
)
EXPORTED = {
    "tsv": GLOSSARY_TSV,
    "csv": "vi,en,note,domain,case,en_adj,match\n"
    'học máy|máy học,machine learning,"""ML"", often",công nghệ\n'
    "Nga,Russia,,,sensitive,Russian,short-name\n",
    "csv-google": "học máy,machine learning\nmáy học,machine learning\nNga,Russia\n",
    "csv-amazon": "vi,en\nhọc máy,machine learning\nmáy học,machine learning\nNga,Russia\n",
}


@pytest.mark.parametrize("fmt", EXPORTED)
def test_each_export_format_is_the_whole_file_and_imports_back(tmp_path, fmt):
    """TSV and our CSV carry every field (a TSV cell as written, quotes and all; a CSV cell with a
    comma or quote quoted; trailing empty cells left out); Google's layout has no header, Amazon's
    a vi,en one, both one row per variant.  What export writes, import reads: every field, or for
    Google and Amazon the terms."""
    from translator.glossary import parse
    from translator.glossary.files import export, import_file

    exported = export(parse(GLOSSARY_TSV, "g.tsv"), fmt)
    assert exported.decode("utf-8") == EXPORTED[fmt]
    path = tmp_path / f"g.{fmt[:3]}"
    path.write_bytes(exported)
    fields = lambda g: [(e.variants, e.en, e.note, e.domain, e.case, e.en_adj, e.match) for e in g.entries]  # noqa: E731
    full = [
        (("học máy", "máy học"), "machine learning", '"ML", often', "công nghệ", "", "", ""),
        (("Nga",), "Russia", "", "", "sensitive", "Russian", "short-name"),
    ]
    terms_only = [(v, en, "", "", "", "", "") for v, en, *_ in full]
    assert fields(import_file(path)) == (full if fmt in ("tsv", "csv") else terms_only)


# --- glossaries as users have them (issue 27) --------------------------------------------------------


def test_a_csv_with_a_vietnamese_header_imports_its_notes_not_its_header(tmp_path):
    source = tmp_path / "thuat-ngu.csv"
    source.write_text(
        "Tiếng Việt,Tiếng Anh,Ghi chú\nkiểm soát xuất khẩu,export controls,theo Bộ Công Thương\n"
        '"chất bán dẫn","semiconductor","số ít, dùng trong tiêu đề"\n',
        encoding="utf-8-sig",
    )
    result = run("glossary", "import", source, tmp_path / "out.tsv")
    assert result.exit_code == 0, result.output
    entries = load(tmp_path / "out.tsv").entries
    assert [(e.vi, e.en, e.note) for e in entries] == [
        ("kiểm soát xuất khẩu", "export controls", "theo Bộ Công Thương"),
        ("chất bán dẫn", "semiconductor", "số ít, dùng trong tiêu đề"),
    ]
    half = tmp_path / "half.csv"  # a header naming one language: never read as a term
    half.write_text("Tiếng Việt,Nghĩa\nchất bán dẫn,semiconductor\n", encoding="utf-8")
    assert "the header names no Vietnamese and English columns" in _refused(run("glossary", "import", half, "x.tsv"))


def test_a_utf16_glossary_from_excel_is_read_checked_and_edited_as_utf16(tmp_path, copy_model):
    """Excel's "Unicode Text": UTF-16 with a BOM, tab-separated, CRLF, the sheet's own header."""
    path = tmp_path / "terms.txt"
    path.write_bytes("Tiếng Việt\tTiếng Anh\tGhi chú\r\nTrí tuệ nhân tạo\tAI-X\tthử\r\n".encode("utf-16"))
    assert load(path).entries[0].en == "AI-X"
    assert run("glossary", "check", path).exit_code == 0
    assert run("glossary", "add", path, "học máy", "machine learning").exit_code == 0
    assert path.read_bytes().startswith(b"\xff\xfe")
    assert path.read_bytes().decode("utf-16").endswith("\r\nhọc máy\tmachine learning\r\n")
    article = tmp_path / "a.txt"
    article.write_text("Tiêu đề\n\nTrí tuệ nhân tạo phát triển nhanh.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("translate", article, "-o", out, "-f", "md-en", "--model", copy_model, "-q", "-g", path)
    assert result.exit_code == 0, result.output
    assert "AI-X" in (out / "a.en.md").read_text(encoding="utf-8")


def test_dash_g_reads_a_csv_glossary(tmp_path, copy_model):
    glossary = tmp_path / "terms.csv"
    glossary.write_text("Tiếng Việt;Tiếng Anh\nTrí tuệ nhân tạo;AI-X\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Tiêu đề\n\nTrí tuệ nhân tạo phát triển nhanh.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("translate", article, "-o", out, "-f", "md-en", "--model", copy_model, "-q", "-g", glossary)
    assert result.exit_code == 0, result.output
    assert "AI-X" in (out / "a.en.md").read_text(encoding="utf-8")
    tbx = tmp_path / "terms.tbx"
    tbx.write_text("<tbx/>", encoding="utf-8")
    message = _refused(run("translate", article, "-o", out, "--model", copy_model, "-q", "-g", tbx, "--force"))
    assert f"convert it first: vietrans glossary import {tbx}" in message


def test_glossary_add_to_a_new_csv_writes_csv(tmp_path):
    path = tmp_path / "new.csv"
    assert run("glossary", "add", path, "chất bán dẫn", "semiconductor, chip", "--note", "số ít").exit_code == 0
    assert run("glossary", "add", path, "học máy", "machine learning").exit_code == 0
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows == [["vi", "en", "note", "domain", "case", "en_adj", "match"],
                    ["chất bán dẫn", "semiconductor, chip", "số ít"], ["học máy", "machine learning"]]  # fmt: skip
    assert [e.en for e in load(path).entries] == ["semiconductor, chip", "machine learning"]
    assert run("glossary", "remove", path, "học máy").exit_code == 0
    assert "học máy" not in path.read_text(encoding="utf-8")


TERMBASE = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="vi"><text><body>
  <termEntry id="t1">
    <descrip type="subjectField">kinh tế</descrip>
    <langSet xml:lang="vi"><tig><term>lạm phát</term></tig><tig><term>lạm-phát</term></tig></langSet>
    <langSet xml:lang="en">
      <tig><term>price rise</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      <tig><term>inflation</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>inflationary pressure</term></tig>
    </langSet>
  </termEntry>
  <termEntry id="t2">
    <langSet xml:lang="vi"><tig><term>tăng trưởng</term></tig></langSet>
  </termEntry>
  <termEntry id="t3">
    <langSet xml:lang="vi-VN"><ntig><termGrp><term>xuất khẩu</term></termGrp></ntig></langSet>
    <langSet xml:lang="en-US"><ntig><termGrp><term>export</term></termGrp>
      <descrip type="subjectField">trade</descrip></ntig></langSet>
  </termEntry>
</body></text></martif>
"""


def test_a_tbx_concept_without_english_is_left_out_with_a_warning_the_rest_imported(tmp_path):
    source = tmp_path / "termbase.tbx"
    source.write_text(TERMBASE, encoding="utf-8")
    result = run("glossary", "import", source, tmp_path / "out.tsv")
    assert result.exit_code == 0, result.output
    assert f"vietrans: warning: {source}: concept t2: no English term; left out" in result.stderr
    assert "wrote" in result.stdout and "(2 entries" in result.stdout
    first, second = load(tmp_path / "out.tsv").entries
    assert first.variants == ("lạm phát", "lạm-phát") and first.en == "inflation"  # the preferred term
    assert first.domain == "kinh tế" and first.note == "also: inflationary pressure / deprecated: price rise"
    assert (second.vi, second.en, second.domain) == ("xuất khẩu", "export", "trade")  # subject field on a term
    only = tmp_path / "only.tbx"
    only.write_text(TERMBASE.split('<termEntry id="t1">')[0] + "</body></text></martif>", encoding="utf-8")
    assert "no glossary entries found" in _refused(run("glossary", "import", only, tmp_path / "x.tsv"))


def test_tbx_export_and_import_keep_adjectives_and_short_names(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("vi\ten\tcase\ten_adj\tmatch\nSyria\tSyria\tsensitive\tSyrian\t\nNga\tRussia\t\tRussian\tshort-name\n",
                    encoding="utf-8")  # fmt: skip
    assert run("glossary", "export", path, tmp_path / "g.tbx").exit_code == 0
    assert run("glossary", "import", tmp_path / "g.tbx", tmp_path / "back.tsv").exit_code == 0
    entries = load(tmp_path / "back.tsv").entries
    assert [(e.vi, e.en, e.en_adj, e.match, e.case) for e in entries] == [
        ("Syria", "Syria", "Syrian", "", "sensitive"),
        ("Nga", "Russia", "Russian", "short-name", ""),
    ]


def test_glossary_check_and_translate_g_judge_a_file_alike(tmp_path, copy_model):
    """NFD text (as macOS writes it) is read as NFC by both: a warning, not an error; one term
    given two Englishes is an error in both: which one wins would be an accident of order."""
    article = tmp_path / "a.txt"
    article.write_text("Tiêu đề\n\nTrí tuệ nhân tạo phát triển nhanh.\n", encoding="utf-8")
    nfd = tmp_path / "nfd.tsv"
    nfd.write_text(unicodedata.normalize("NFD", "vi\ten\nTrí tuệ nhân tạo\tAI-X\n"), encoding="utf-8")
    twice = tmp_path / "twice.tsv"
    again = unicodedata.normalize("NFD", "trí tuệ  nhân tạo")  # the same term, typed again elsewhere
    twice.write_text(f"vi\ten\ntrí tuệ nhân tạo\tAI-X\nhọc máy\tML\n{again}\tAI-Y\n", encoding="utf-8")
    for glossary, code in ((nfd, 0), (twice, ExitCode.GLOSSARY)):
        checked = run("glossary", "check", glossary)
        translated = run("translate", article, "-o", tmp_path / glossary.stem, "-f", "md", "--model", copy_model,
                         "-q", "-g", glossary)  # fmt: skip
        assert (checked.exit_code, translated.exit_code) == (code, code), (checked.output, translated.output)
    assert f"{twice}:4: error: 'trí tuệ nhân tạo' conflicts with {twice}:2 (AI-X)" in translated.stderr
    assert run("glossary", "list", "-f", twice).exit_code == 0  # looking at the file is still allowed


def test_tbx_terms_straight_in_the_language_section(tmp_path):
    """Some tools write ``<term>`` straight inside ``langSet`` (no ``tig``): the terms are still read."""
    vietnamese = "<tig><term>mô hình ngôn ngữ lớn</term></tig><tig><term>LLM</term></tig>"
    content = TBX_2008.replace(vietnamese, "<term> LLM </term>")
    content = content.replace("<tig><term>large language model</term></tig>", "<term>large language model</term>")
    result, dest = _import(tmp_path, "g.tbx", content)
    assert result.exit_code == 0, result.output
    assert [(e.variants, e.en) for e in load(dest).entries] == [
        (("LLM",), "large language model"),
        (("kiểm soát xuất khẩu",), "export controls"),
    ]


def test_a_tbx_file_named_xml_is_read_as_tbx_and_each_concept_left_out_says_why(tmp_path):
    """Termbases are often saved as ``.xml``; every concept left out is named (by its id, else its
    number) with what it lacks, and a file left with nothing is refused with the first reason."""
    concepts = [
        '<termEntry id="en-only"><langSet xml:lang="en"><tig><term>tax</term></tig></langSet></termEntry>',
        '<termEntry><langSet xml:lang="vi"><tig><term>thuế</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>duty</term><termNote type="administrativeStatus">'
        "deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>",
        '<termEntry id="ok"><langSet xml:lang="vi"><tig><term>lạm phát</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>inflation</term></tig></langSet></termEntry>',
    ]
    source = tmp_path / "termbase.xml"
    source.write_text(f'<martif type="TBX" xml:lang="vi"><text><body>{"".join(concepts)}</body></text></martif>',
                      encoding="utf-8")  # fmt: skip
    result = run("glossary", "import", source, tmp_path / "out.tsv")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"vietrans: warning: {source}: concept en-only: no Vietnamese term; left out",
        f"vietrans: warning: {source}: concept 2: no English term; left out",
    ]
    assert [(e.vi, e.en) for e in load(tmp_path / "out.tsv").entries] == [("lạm phát", "inflation")]
    source.write_text(source.read_text(encoding="utf-8").replace(concepts[2], ""), encoding="utf-8")
    assert _refused(run("glossary", "import", source, tmp_path / "none.tsv")) == (
        f"vietrans: error: {source}: no glossary entries found; {source}: concept en-only: no Vietnamese term; left out"
    )
    source.write_text("<martif>\n<text>", encoding="utf-8")
    assert _refused(run("glossary", "import", source, tmp_path / "none.tsv")) == (
        f"vietrans: error: {source}:2: not well-formed XML"
    )
    source.write_text("<xliff version='1.2'/>", encoding="utf-8")
    assert _refused(run("glossary", "import", source, tmp_path / "none.tsv")) == (
        f"vietrans: error: {source}: not a TBX file (its root element is <xliff>)"
    )
