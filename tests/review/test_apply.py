"""The review loop: a review table edited as a person edits it comes back as human translations."""

import json
import shutil

import pytest
from click.testing import CliRunner
from docx import Document as open_docx

from tests.conftest import EXAMPLE, SOFFICE, libreoffice
from translator.cli import main
from translator.errors import ExitCode
from translator.review.docx import read_table
from translator.translate.memory import TranslationMemory


def _translate(model, out, cache, formats="docx-review,md,jsonl,xliff"):
    args = [
        "translate",
        str(EXAMPLE),
        "-o",
        str(out),
        "-f",
        formats,
        "--model",
        str(model),
        "-q",
        "--cache",
        str(cache),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


def _rows(path):
    table = open_docx(str(path)).tables[0]
    return table, [[c.text for c in row.cells] for row in table.rows[1:]]


def _set(cell, text):
    """Replace a cell's text the way Word does when a person retypes it: runs split."""
    paragraph = cell.paragraphs[0]
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    half = len(text) // 2
    paragraph.runs[0].text = text[:half]
    paragraph.add_run(text[half:])


def _edit(path):
    """Correct row 3, approve row 4, retype row 5 unchanged, edit row 6's Vietnamese, mark row 7
    "needs work", comment on row 8, delete row 9, add a row."""
    word = open_docx(str(path))
    table = word.tables[0]
    _set(table.rows[3].cells[2], "Corrected by a person.")
    table.rows[3].cells[4].text = "better wording"
    table.rows[4].cells[5].text = "OK"
    _set(table.rows[5].cells[2], table.rows[5].cells[2].text)
    table.rows[6].cells[1].text += " (sửa)"
    extra = table.add_row().cells
    extra[1].text, extra[2].text = "Câu mới.", "A new sentence."
    table.rows[7].cells[5].text = "needs work"  # a status vietrans cannot act on: said, not dropped
    table.rows[8].cells[4].text = "check this name"  # a comment alone: said, not dropped
    table._tbl.remove(table.rows[9]._tr)  # a row deleted
    word.save(str(path))


def _apply(model, review, cache, *extra):
    """``review apply`` as a user runs it: no engine options (the reports are made from the record)."""
    del model
    return CliRunner().invoke(main, ["review", "apply", str(review), "--cache", str(cache), *extra])


def _parsed(model, tmp_path, formats: str, suffix: str):
    """The example translated into ``formats``; its ``suffix`` file parsed, to edit as a CAT tool would."""
    from xml.etree import ElementTree as ET

    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(model, out, cache, formats)
    path = out / f"chip-export-controls{suffix}"
    return path, ET.parse(path), cache


def test_corrections_come_back_into_memory_and_every_report(copy_model, random_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache)
    review = out / "chip-export-controls.review.docx"
    _, before = _rows(review)
    _edit(review)
    edited = shutil.copy(review, tmp_path / "edited.docx")
    result = _apply(copy_model, review, cache)
    assert result.exit_code == ExitCode.PARTIAL, result.output  # two rows could not be applied
    assert "1 corrected, 1 approved; 2 new in the memory" in result.stdout
    assert "row 6: its Vietnamese was edited; not applied" in result.stderr
    assert "no vietrans id in its # cell (an added row?)" in result.stderr
    assert "row 7: marked 'needs work' but its English is unchanged; not applied" in result.stderr
    assert "row 8: a comment but no correction or approval; not applied" in result.stderr
    assert "rows deleted from the file, left as they were: 9" in result.stderr
    with TranslationMemory(cache) as memory:
        assert memory.stats()["human"] == 2
        human = memory.lookup_human([before[2][1], before[3][1]])
    assert human == {
        before[2][1]: ("Corrected by a person.", "corrected", "better wording"),
        before[3][1]: (before[3][2], "approved", ""),
    }
    with TranslationMemory(cache) as memory:
        assert {row[0]: row[3] for row in memory.human_rows()}[before[2][1]] == "better wording"  # the comment
    # every report of the article is written again, the reviewed rows marked
    markdown = (out / "chip-export-controls.bilingual.md").read_text(encoding="utf-8")
    assert "Corrected by a person. ✓ *reviewed (corrected)*" in markdown
    rows = [json.loads(line) for line in (out / "chip-export-controls.jsonl").read_text().splitlines()]
    assert [r["reviewed"] for r in rows[2:5]] == ["corrected", "approved", None]
    # a report keeps the applied row's comment; a row not applied keeps its own only in the review table
    assert rows[2]["comment"] == "better wording" and rows[7]["comment"] is None
    assert "better wording" in markdown and "check this name" not in markdown
    assert 'state="final"' in (out / "chip-export-controls.xlf").read_text(encoding="utf-8")
    assert open_docx(str(review)).tables[0].rows[3].cells[2].text == "Corrected by a person."  # the reviewer's file
    refreshed = out / "chip-export-controls.v2.review.docx"  # the refreshed review table: a new file, named
    assert f"wrote {refreshed}" in result.stdout
    assert f"left as it is: {review} (the review file applied)" in result.stdout
    after = [row.texts for row in read_table(refreshed).rows]
    assert after[2][2] == "Corrected by a person." and after[2][5] == "Đã sửa (corrected)"
    assert after[3][5] == "Đã duyệt (approved)" and after[2][4] == "better wording"
    assert (after[6][5], after[7][4]) == ("needs work", "check this name")  # not applied, carried forward
    table = open_docx(str(refreshed)).tables[0]
    assert "E2EFDA" in table.rows[4].cells[2]._tc.xml and "E2EFDA" not in table.rows[5].cells[2]._tc.xml
    # a run of the same model again: the corrected sentence from the memory, the others unchanged
    again_out = tmp_path / "again"
    _translate(copy_model, again_out, cache, "jsonl")
    same = [json.loads(line) for line in (again_out / "chip-export-controls.jsonl").read_text().splitlines()]
    assert [r["target"] for r in same] == [r["target"] for r in rows]
    # the same file again changes nothing; a later run with another model keeps the people's work
    again = _apply(copy_model, edited, cache, "--no-rewrite")
    assert "1 corrected, 1 approved; 0 new in the memory" in again.stdout
    rewritten = _apply(copy_model, refreshed, cache, "--no-rewrite")  # the statuses carried: nothing new
    assert "1 corrected, 1 approved; 0 new in the memory" in rewritten.stdout
    assert "row 7: marked 'needs work'" in rewritten.stderr and "row 6" not in rewritten.stderr
    other = tmp_path / "other"
    _translate(random_model, other, cache, "jsonl")
    later = [json.loads(line) for line in (other / "chip-export-controls.jsonl").read_text().splitlines()]
    assert later[2]["target"] == "Corrected by a person." and later[3]["target"] == before[3][2]
    assert later[4]["reviewed"] is None and later[4]["target"] != before[4][2]  # the random model's


def test_ids_survive_a_libreoffice_round_trip(copy_model, tmp_path):
    if not SOFFICE:
        pytest.skip("LibreOffice is not installed")
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "docx-review")
    review = out / "chip-export-controls.review.docx"
    word = open_docx(str(review))
    _set(word.tables[0].rows[2].cells[2], "Fixed in LibreOffice.")
    edited = tmp_path / "edited" / "source.docx"
    edited.parent.mkdir()
    word.save(str(edited))
    saved = libreoffice(edited, "docx", tmp_path / "saved")
    result = _apply(copy_model, saved, cache, "--no-rewrite")
    assert result.exit_code == 0, result.output
    assert "1 corrected, 0 approved; 1 new in the memory" in result.stdout


def test_a_file_that_is_not_a_review_table_is_refused(copy_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "docx")
    result = _apply(copy_model, out / "chip-export-controls.bilingual.docx", cache)
    assert result.exit_code == ExitCode.INPUT
    assert result.output.strip().endswith("not a vietrans review file (made with -f docx-review, xliff or tmx)")
    missing = _apply(copy_model, tmp_path / "nope.docx", cache)
    assert missing.exit_code == ExitCode.INPUT and "no such file" in missing.output


def test_an_xliff_edited_in_a_cat_tool_is_applied(copy_model, tmp_path):
    from xml.etree import ElementTree as ET

    xliff, tree, cache = _parsed(copy_model, tmp_path, "xliff,md", ".xlf")  # written back with other prefixes
    out = xliff.parent
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    units = tree.getroot().findall(".//x:unit", ns)
    third, fourth = units[2], units[3]
    third.find(".//x:target", ns).text = "Fixed in the CAT tool."
    third.find(".//x:segment", ns).set("state", "final")
    notes = third.find("x:notes", ns)
    if notes is None:
        notes = ET.Element("{urn:oasis:names:tc:xliff:document:2.0}notes")
        third.insert(0, notes)
    ET.SubElement(notes, "{urn:oasis:names:tc:xliff:document:2.0}note").text = "terminology"
    ET.SubElement(notes, "{urn:oasis:names:tc:xliff:document:2.0}note").text = "house style"
    fourth.find(".//x:segment", ns).set("state", "final")
    units[4].find(".//x:segment", ns).set("state", "reviewed")
    units[5].find(".//x:segment", ns).set("state", "translated")  # as it was: not a review
    tree.write(xliff, encoding="utf-8", xml_declaration=True)
    result = _apply(copy_model, xliff, cache, "-f", "md,html")  # the formats to write again, chosen
    assert result.exit_code == 0, result.output
    assert "1 corrected, 2 approved; 3 new in the memory" in result.stdout
    assert "✓ reviewed (corrected)" in (out / "chip-export-controls.bilingual.html").read_text(encoding="utf-8")
    markdown = (out / "chip-export-controls.bilingual.md").read_text(encoding="utf-8")
    assert "Fixed in the CAT tool. ✓ *reviewed (corrected)*" in markdown
    with TranslationMemory(cache) as memory:
        comments = {row[3] for row in memory.human_rows()}
    assert "terminology; house style" in comments  # the reviewer's notes, not vietrans's own flags


def test_a_format_added_by_review_apply_counts_as_made_by_the_run(copy_model, tmp_path):
    """A report `review apply -f` adds is recorded as the first run's, in its format: translating
    again with that format among the others finds every output current and redoes nothing."""
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "xliff")
    applied = _apply(copy_model, out / "chip-export-controls.xlf", cache, "-f", "html")
    assert applied.exit_code == 0, applied.output
    args = ["translate", str(EXAMPLE), "-o", str(out), "-f", "xliff,html", "--model", str(copy_model)]
    again = CliRunner().invoke(main, [*args, "--cache", str(cache)])
    assert again.exit_code == 0, again.output
    assert "0 of 1 file(s) translated, 1 skipped (outputs exist; --force redoes them)" in again.output


def test_a_tmx_brings_back_corrections_and_a_cat_tools_own_units(copy_model, tmp_path):
    from xml.etree import ElementTree as ET

    tmx, tree, cache = _parsed(copy_model, tmp_path, "tmx", ".tmx")
    units = tree.getroot().findall(".//tu")
    units[2].findall("tuv")[1].find("seg").text = "Corrected in the TMX."
    extra = ET.SubElement(tree.getroot().find("body"), "tu")  # a unit from a translator's own memory
    for lang, text in (("vi", "Câu của người dịch."), ("en", "The translator's sentence.")):
        variant = ET.SubElement(extra, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
        ET.SubElement(variant, "seg").text = text
    tree.write(tmx, encoding="utf-8", xml_declaration=True)
    result = _apply(copy_model, tmx, cache)
    assert result.exit_code == 0, result.output
    assert "2 corrected, 0 approved; 2 new in the memory" in result.stdout  # untouched units are not taken
    assert f"left as it is: {tmx} (the review file applied)" in result.stdout  # the reviewer's file
    refreshed = tmx.with_name("chip-export-controls.v2.tmx")  # marks its reviewed unit: nothing new
    rewritten = _apply(copy_model, refreshed, cache)
    assert "1 corrected, 0 approved; 0 new in the memory" in rewritten.stdout
    with TranslationMemory(cache) as memory:
        assert memory.lookup_human(["Câu của người dịch."]) == {
            "Câu của người dịch.": ("The translator's sentence.", "corrected", "")
        }
        exported = memory.export_tmx()
    assert '<prop type="x-origin">human</prop><prop type="x-status">corrected</prop>' in exported


def test_the_machine_english_a_correction_replaced_is_kept(copy_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "docx-review")
    review = out / "chip-export-controls.review.docx"
    _, before = _rows(review)
    word = open_docx(str(review))
    _set(word.tables[0].rows[3].cells[2], "A person's English.")
    word.save(str(review))
    assert _apply(copy_model, review, cache, "--no-rewrite").exit_code == 0
    with TranslationMemory(cache) as memory:
        [row] = memory.human_rows()
    assert row[:3] == (before[2][1], "A person's English.", "corrected") and row[4] == before[2][2]


def _short_article_corrected(model, tmp_path, row: int, english: str):
    """A two-sentence article translated with a review table, one row's English corrected."""
    article = tmp_path / "bai.txt"
    article.write_text("Tiêu đề bài\n\nCâu thứ nhất của bài. Câu thứ hai của bài.\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    args = ["translate", str(article), "-o", str(out), "-f", "docx-review", "--model", str(model), "-q"]
    assert CliRunner().invoke(main, [*args, "--cache", str(cache)]).exit_code == 0
    review = out / "bai.review.docx"
    word = open_docx(str(review))
    _set(word.tables[0].rows[row].cells[2], english)
    word.save(str(review))
    return article, review, cache


def test_a_review_of_another_version_of_the_article_says_what_is_gone(copy_model, tmp_path):
    article, review, cache = _short_article_corrected(copy_model, tmp_path, 3, "The second sentence, corrected.")
    article.write_text("Tiêu đề bài\n\nCâu thứ nhất của bài. Một câu khác hẳn.\n", encoding="utf-8")
    args = ["translate", str(article), "-o", str(tmp_path / "out"), "-f", "md", "--model", str(copy_model), "-q"]
    assert CliRunner().invoke(main, [*args, "--cache", str(cache)]).exit_code == 0  # the new version's reports
    result = _apply(copy_model, review, cache)
    assert result.exit_code == 0, result.output
    assert "not in the current version of the article (kept for later runs): Câu thứ hai của bài." in result.stderr


def test_from_python(copy_model, tmp_path):
    from translator.review import apply_review

    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "docx-review")
    review = out / "chip-export-controls.review.docx"
    word = open_docx(str(review))
    word.tables[0].rows[2].cells[5].text = "approved"
    word.save(str(review))
    with TranslationMemory(cache) as memory:
        applied = apply_review(review, memory, ("jsonl",))
    assert (applied.approved, applied.stored, applied.problems) == (1, 1, [])
    assert applied.rewritten == [str(out / "chip-export-controls.jsonl")]


def test_an_editor_that_drops_the_documents_properties_keeps_the_last_line(copy_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "docx-review")
    review = out / "chip-export-controls.review.docx"
    word = open_docx(str(review))
    word.core_properties.identifier = ""
    word.tables[0].rows[2].cells[5].text = "✓"
    word.save(str(review))
    result = _apply(copy_model, review, cache, "--no-rewrite")
    assert result.exit_code == 0 and "0 corrected, 1 approved" in result.stdout


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.docx", b"not a zip", "not a Word document (File is not a zip file)"),
        ("a.xlf", b"<xliff", "not valid XML (unclosed token: line 1, column 0)"),
        ("a.xlf", b"<xliff/>", "not a vietrans review file (made with -f docx-review, xliff or tmx)"),
        ("a.pdf", b"%PDF", "not a review file (a .review.docx, .xlf or .tmx vietrans made)"),
        ("gone.xlf", None, "no such file"),
    ],
)
def test_files_that_are_not_review_files(name, data, message, copy_model, tmp_path):
    """Refused in one whole line, exit 3."""
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    result = _apply(copy_model, path, tmp_path / "tm.sqlite3")
    assert (result.exit_code, result.output) == (ExitCode.INPUT, f"vietrans: error: {path}: {message}\n")


def test_a_review_of_text_from_standard_input_stores_and_rewrites_nothing(copy_model, tmp_path):
    from translator.document import Block, BlockKind, Document, Sentence
    from translator.export import render

    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "Câu một.", [Sentence("Câu một.", "Sentence one.")])])
    review = tmp_path / "stdin.review.docx"
    review.write_bytes(render(doc, "docx-review"))
    word = open_docx(str(review))
    _set(word.tables[0].rows[1].cells[2], "The first sentence.")
    word.save(str(review))
    result = _apply(copy_model, review, tmp_path / "tm.sqlite3")
    assert result.exit_code == 0 and result.stderr == ""  # no article to rewrite, nothing to warn about
    assert "1 corrected, 0 approved; 1 new in the memory" in result.stdout


def test_a_tmx_from_another_tool_is_a_translators_memory(copy_model, tmp_path):
    tmx = tmp_path / "omegat.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="OmegaT" srclang="vi"/>'
        '<body><tu><tuv xml:lang="vi-VN"><seg>Câu của người dịch.</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>The translator\'s sentence.</seg></tuv></tu>'
        '<tu><tuv lang="VI"><seg>Câu kiểu TMX cũ.</seg></tuv><tuv lang="EN"><seg>An old-style unit.</seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>English alone: nothing to pair it with.</seg></tuv></tu>'
        '<tu><tuv xml:lang="vi"><seg>Tiếng Việt một mình.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    result = _apply(copy_model, tmx, tmp_path / "tm.sqlite3")
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert "2 corrected, 0 approved; 2 new in the memory" in result.stdout
    assert "unit 3: needs both its Vietnamese and its English; not applied" in result.stderr
    assert "unit 4: needs both its Vietnamese and its English; not applied" in result.stderr
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        old = memory.lookup_human(["Câu kiểu TMX cũ."])
    assert old == {"Câu kiểu TMX cũ.": ("An old-style unit.", "corrected", "")}


def test_our_tmx_whose_header_a_tool_dropped_still_applies(copy_model, tmp_path):

    tmx, tree, cache = _parsed(copy_model, tmp_path, "tmx", ".tmx")
    header = tree.getroot().find("header")
    for prop in header.findall("prop"):
        header.remove(prop)
    tree.getroot().findall(".//tu")[4].findall("tuv")[1].find("seg").text = "Corrected after a round trip."
    tree.write(tmx, encoding="utf-8", xml_declaration=True)
    result = _apply(copy_model, tmx, cache)
    assert result.exit_code == 0 and "1 corrected, 0 approved; 1 new in the memory" in result.stdout


def test_an_xliff_with_inline_markup_and_a_missing_target(copy_model, tmp_path):
    from xml.etree import ElementTree as ET

    xliff, tree, cache = _parsed(copy_model, tmp_path, "xliff", ".xlf")
    x = "{urn:oasis:names:tc:xliff:document:2.0}"
    units = list(tree.getroot().iter(f"{x}unit"))
    target = units[1].find(f"{x}segment/{x}target")  # a CAT tool's inline markup inside the English
    target.text = "Fixed "
    ET.SubElement(target, f"{x}pc", {"id": "1"}).text = "with"
    target[0].tail = " markup."
    segment = units[2].find(f"{x}segment")  # a target dropped, the segment still marked final
    segment.remove(segment.find(f"{x}target"))
    segment.set("state", "final")
    tree.write(xliff, encoding="utf-8", xml_declaration=True)
    result = _apply(copy_model, xliff, cache, "--no-rewrite")
    assert "1 corrected, 0 approved; 1 new in the memory" in result.stdout, result.output
    assert "row 3: the English is empty; not applied" in result.stderr
    with TranslationMemory(cache) as memory:
        assert "Fixed with markup." in {row[1] for row in memory.human_rows()}


def test_an_article_unreadable_or_gone_since_is_no_obstacle(copy_model, tmp_path):
    """The reports are made from the record of the translation, not from the article again."""
    article, review, cache = _short_article_corrected(copy_model, tmp_path, 2, "The first sentence, corrected.")
    article.write_bytes(b"\x00\x01\x02 binary now" * 50)
    result = _apply(copy_model, review, cache, "-f", "md")
    assert result.exit_code == 0 and "1 new in the memory" in result.stdout, result.output
    article.unlink()
    again = _apply(copy_model, review, cache, "-f", "md")
    assert again.exit_code == 0 and "0 new in the memory" in again.stdout, again.output
    assert "The first sentence, corrected." in (tmp_path / "out" / "bai.bilingual.md").read_text(encoding="utf-8")


def test_an_article_translated_without_a_record_is_said(copy_model, tmp_path):
    _, review, _ = _short_article_corrected(copy_model, tmp_path, 2, "The first sentence, corrected.")
    result = _apply(copy_model, review, tmp_path / "other.sqlite3")
    assert result.exit_code == ExitCode.PARTIAL and "1 new in the memory" in result.stdout
    assert result.stderr == (
        f"vietrans: warning: bai.review.docx: {tmp_path / 'bai.txt'}: no record of its translation in this memory "
        "(made before vietrans kept one, with --no-cache, or with another --cache); the memory was updated, "
        "no report rewritten (translate the article again to bring the corrections in)\n"
    )


def test_a_tmx_file_that_is_not_tmx(copy_model, tmp_path):
    path = tmp_path / "a.tmx"
    path.write_text('<?xml version="1.0"?><xliff version="2.0"/>', encoding="utf-8")
    result = _apply(copy_model, path, tmp_path / "tm.sqlite3")
    assert result.exit_code == ExitCode.INPUT and "not a vietrans review file" in result.output


def test_a_report_that_cannot_be_written_again_is_said_with_the_rest(copy_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "docx-review,md")
    review = out / "chip-export-controls.review.docx"
    word = open_docx(str(review))
    word.tables[0].rows[2].cells[1].text += " (sửa)"  # a row that cannot be applied
    word.save(str(review))
    (out / "chip-export-controls.bilingual.md").unlink()
    (out / "chip-export-controls.bilingual.md").mkdir()  # and a report that cannot be written
    result = _apply(copy_model, review, cache)
    assert result.exit_code == ExitCode.PARTIAL
    assert "its Vietnamese was edited" in result.stderr and "chip-export-controls.bilingual.md" in result.stderr


def test_judge_reads_past_an_added_row_and_names_every_deleted_one(tmp_path):
    """Rows after one a reviewer inserted are still applied; every row deleted is named."""
    from translator.document import Sentence
    from translator.export.rows import row_id
    from translator.review import Row, judge

    machine = [Sentence(f"Câu số {n}.", translation=f"Sentence {n}.") for n in range(1, 6)]
    rows = [
        Row(row_id(1, machine[0]), machine[0].source, "Sentence one.", "", ""),
        Row("", "Câu mới.", "A new sentence.", "", ""),  # inserted by the reviewer
        Row(row_id(3, machine[2]), machine[2].source, machine[2].translation, "", "OK"),
    ]
    applied = judge(tmp_path / "r.review.docx", {"vietrans_review": 1, "rows": 5}, rows)
    assert (applied.corrected, applied.approved) == (1, 1)
    assert applied.problems == ["row 2: no vietrans id in its # cell (an added row?); not applied"]
    assert applied.notes == ["rows deleted from the file, left as they were: 2, 4, 5"]


def test_problems_in_any_of_several_files_give_exit_8(copy_model, tmp_path):
    """review apply A B: a problem in A is not forgotten because B applied cleanly (nor the reverse)."""
    cache = tmp_path / "tm"
    for name in ("a", "b"):
        _translate(copy_model, tmp_path / name, cache, formats="docx-review")
    [troubled] = (tmp_path / "a").glob("*.review.docx")
    [clean] = (tmp_path / "b").glob("*.review.docx")
    word = open_docx(str(troubled))
    word.tables[0].rows[2].cells[5].text = "needs work"  # a status vietrans cannot act on
    word.save(str(troubled))
    word = open_docx(str(clean))
    word.tables[0].rows[3].cells[5].text = "OK"
    word.save(str(clean))
    edited = {path: path.read_bytes() for path in (troubled, clean)}
    for order in ((troubled, clean), (clean, troubled)):
        for path, data in edited.items():  # each run starts from the files as the reviewer sent them
            path.write_bytes(data)
        result = CliRunner().invoke(main, ["review", "apply", *map(str, order), "--cache", str(cache)])
        assert result.exit_code == ExitCode.PARTIAL, result.output


def test_a_reviewers_notes_in_a_tmx_are_comments_and_vietranss_flags_are_not(copy_model, tmp_path):
    """A TMX vietrans exported (every unit flagged), notes added and edited as a CAT tool does: the
    reviewer's notes are the comments applied and said, vietrans's own flags on every unit never
    are; its ``Comment:`` comes back as the comment, or as the reviewer edited it."""
    from xml.etree import ElementTree as ET

    from tests.review.test_xml import _note, _retype

    tmx, tree, cache = _parsed(copy_model, tmp_path, "tmx", ".tmx")
    units = tree.getroot().findall(".//tu")
    seg = [[v.find("seg") for v in u.findall("tuv")] for u in units]
    seg[2][1].text = "Corrected in the TMX."
    _note(units[2], "check the ministry's name")
    ET.SubElement(units[3], "prop", {"type": "x-status"}).text = "approved"  # approved: its flags stay flags
    _note(units[4], "ask the desk")  # a note alone: said, not applied, not dropped
    tree.write(tmx, encoding="utf-8", xml_declaration=True)
    applied = _apply(copy_model, tmx, cache)
    refreshed = tmx.with_name("chip-export-controls.v2.tmx")
    assert applied.stdout.splitlines() == [
        f"{tmx}: 1 corrected, 1 approved; 2 new in the memory",
        f"  wrote {refreshed}",
        f"  left as it is: {tmx} (the review file applied)",
    ]
    assert [line for line in applied.stderr.splitlines() if "warning" in line] == [
        "vietrans: warning: chip-export-controls.tmx: row 5: a comment but no correction or approval; not applied "
        "(set the status to OK / Đã duyệt to keep it)"
    ]
    english = seg[3][1].text
    with TranslationMemory(cache) as memory:
        assert [row[1:4] for row in memory.human_rows()] == [
            ("Corrected in the TMX.", "corrected", "check the ministry's name"),
            (english, "approved", ""),
        ]
    third = ET.parse(refreshed).getroot().findall(".//tu")[2]
    assert [n.text for n in third.findall("note")] == [
        "the reviewed English lacks the term: the US Department of Commerce",
        "the reviewed English lacks the term: AI chip",
        "the reviewed English lacks the term: China",
        "the reviewed English lacks the date: 14 March 2025",
        "the reviewed English lacks the number: 80",
        "Comment: check the ministry's name",
    ]
    again = _apply(copy_model, refreshed, cache)  # as vietrans wrote it: nothing new, its flags no comment
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[0] == f"{refreshed}: 1 corrected, 1 approved; 0 new in the memory"
    tree = ET.parse(refreshed)
    _retype(tree.getroot().findall(".//tu")[2], "Comment: check the ministry's name", "Comment: name checked")
    tree.write(refreshed, encoding="utf-8", xml_declaration=True)
    edited = _apply(copy_model, refreshed, cache)
    assert edited.stdout.splitlines()[0] == f"{refreshed}: 1 corrected, 1 approved; 1 new in the memory"
    with TranslationMemory(cache) as memory:
        assert [row[1:4] for row in memory.human_rows()] == [  # (the row changed last, last)
            (english, "approved", ""),
            ("Corrected in the TMX.", "corrected", "name checked"),
        ]
