"""The review round trip as desks do it: Track Changes, Word comments, LibreOffice, CAT tools'
inline codes, statuses in Vietnamese, files e-mailed back, reports a person edited, no engine.

Every test drives the real CLI on a file edited the way the reviewer's program writes it
(:mod:`tests.review.word_edits` builds Word's tracked changes and comments with python-docx's oxml)."""

import json
import shutil

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.conftest import EXAMPLE, SOFFICE, libreoffice
from tests.review.word_edits import comment, tracked_move, tracked_replace, tracked_retype
from translator.cli import main
from translator.errors import ExitCode
from translator.review.docx import read_table
from translator.translate.memory import TranslationMemory

NAME = "chip-export-controls"


def _translate(model, out, cache, formats="docx-review,md,jsonl,xliff", *extra):
    args = ["translate", str(EXAMPLE), "-o", str(out), "-f", formats, "--model", str(model), "-q"]
    result = CliRunner().invoke(main, [*args, "--cache", str(cache), *extra])
    assert result.exit_code == 0, result.output
    return out / f"{NAME}.review.docx"


def _apply(review, cache, *extra):
    return CliRunner().invoke(main, ["review", "apply", str(review), "--cache", str(cache), *extra])


def _human(cache) -> dict[str, tuple[str, str, str]]:
    with TranslationMemory(cache) as memory:
        return {source: (english, status, said) for source, english, status, said, _ in memory.human_rows()}


def _set_status(cell, text: str) -> None:
    """Choose or type a status in the cell's drop-down, as Word writes it (the control's content)."""
    sdt = cell._tc.find(f".//{qn('w:sdt')}")
    if sdt is None:  # (a table without the drop-down: typed in the cell)
        cell.text = text
        return
    content = sdt.find(qn("w:sdtContent"))
    for child in list(content):
        content.remove(child)
    run = OxmlElement("w:r")
    piece = OxmlElement("w:t")
    piece.text = text
    run.append(piece)
    content.append(run)


def test_track_changes_are_read_as_word_shows_them_accepted(copy_model, tmp_path):
    review = _translate(copy_model, tmp_path / "out", tmp_path / "tm.sqlite3", "docx-review")
    word = open_docx(str(review))
    rows = word.tables[0].rows
    sources = [row.cells[1].text for row in rows]
    english = [row.cells[2].text for row in rows]
    first = english[2].split()[0]
    tracked_replace(rows[2].cells[2], first, "Advanced")  # the first word replaced
    tracked_retype(rows[4].cells[2], "Retyped entirely under Track Changes.")  # no plain run left
    tracked_move(rows[5].cells[2], english[5].split(" ", 1)[0], english[5].split()[-1])  # a word dragged
    word.save(str(review))
    result = _apply(review, tmp_path / "tm.sqlite3", "--no-rewrite")
    assert result.exit_code == 0, result.output
    assert "3 corrected, 0 approved; 3 new in the memory" in result.stdout
    human = _human(tmp_path / "tm.sqlite3")
    assert human[sources[2]][0] == "Advanced" + english[2][len(first) :]
    assert human[sources[4]][0] == "Retyped entirely under Track Changes."
    moved_word, rest = english[5].split(" ", 1)
    last = rest.split()[-1]
    assert human[sources[5]][0] == " ".join((rest[: -len(last)] + moved_word + last).split())


def _edited_with_word(review, word_path):
    """Row 3 corrected with Track Changes and commented on in Word, row 4's status chosen."""
    word = open_docx(str(review))
    rows = word.tables[0].rows
    source, english = rows[3].cells[1].text, rows[3].cells[2].text
    tracked_replace(rows[3].cells[2], english.split()[0], "Corrected")
    comment(word, rows[3].cells[2], "kiểm tra tên riêng")  # "check the proper name"
    _set_status(rows[4].cells[5], "Đã duyệt (approved)")
    word.save(str(word_path))
    return source, "Corrected" + english[len(english.split()[0]) :], rows[4].cells[1].text


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed")
def test_a_file_saved_again_by_libreoffice_reads_the_same(copy_model, tmp_path):
    review = _translate(copy_model, tmp_path / "out", tmp_path / "tm.sqlite3", "docx-review")
    word_file = tmp_path / "edited" / f"{NAME}.review.docx"
    word_file.parent.mkdir()
    source, corrected, approved = _edited_with_word(review, word_file)
    saved = libreoffice(word_file, "docx", tmp_path / "saved")
    result = _apply(saved, tmp_path / "tm.sqlite3", "--no-rewrite")
    assert result.exit_code == 0, result.output
    assert "1 corrected, 1 approved; 2 new in the memory" in result.stdout
    human = _human(tmp_path / "tm.sqlite3")
    assert human[source] == (corrected, "corrected", "Chị Lan: kiểm tra tên riêng")
    assert human[approved][1] == "approved"


def test_comments_travel_to_every_report(copy_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    review = _translate(copy_model, out, cache, "docx-review,docx,md,xliff,tmx")
    source, corrected, _ = _edited_with_word(review, review)
    result = _apply(review, cache)
    assert result.exit_code == 0, result.output
    said = "Chị Lan: kiểm tra tên riêng"
    assert _human(cache)[source] == (corrected, "corrected", said)
    bilingual = open_docx(str(out / f"{NAME}.bilingual.docx"))
    assert [c.text for c in bilingual.comments] == [said]  # a Word comment on the row's English
    assert corrected in {run.text for c in bilingual.tables[0]._cells for run in c.paragraphs[0].runs}
    assert f"💬 *{said}*" in (out / f"{NAME}.bilingual.md").read_text(encoding="utf-8")
    assert f'<note category="comment">{said}</note>' in (out / f"{NAME}.xlf").read_text(encoding="utf-8")
    assert f"<note>Comment: {said}</note>" in (out / f"{NAME}.tmx").read_text(encoding="utf-8")
    assert f"wrote {out / f'{NAME}.v2.review.docx'}" in result.stdout  # the refreshed table: a new file


def test_a_row_that_cannot_be_read_with_certainty_is_refused_whole(copy_model, tmp_path):
    review = _translate(copy_model, tmp_path / "out", tmp_path / "tm.sqlite3", "docx-review")
    word = open_docx(str(review))
    rows = word.tables[0].rows
    hidden = rows[2].cells[2].paragraphs[0].add_run(" and hidden words")  # hidden text: Word may not show it
    hidden._r.get_or_add_rPr().append(OxmlElement("w:vanish"))
    rows[3].cells[2].add_table(1, 1).cell(0, 0).text = "a table in the cell"
    rows[3].cells[2].paragraphs[0].runs[0].text = "Half a correction"
    rows[4].cells[5].text = "OK"
    sources = [rows[n].cells[1].text for n in (2, 3, 4)]
    word.save(str(review))
    result = _apply(review, tmp_path / "tm.sqlite3", "--no-rewrite")
    assert result.exit_code == ExitCode.PARTIAL
    assert "row 2: its English cell holds hidden text, which cannot be read as text; not applied" in result.stderr
    assert "row 3: its English cell holds a table inside the cell, which cannot be read" in result.stderr
    assert "0 corrected, 1 approved; 1 new in the memory" in result.stdout
    assert set(_human(tmp_path / "tm.sqlite3")) == {sources[2]}  # nothing of the two rows stored


def test_hidden_text_switched_off_is_read_as_text(copy_model, tmp_path):
    """``<w:vanish w:val="false"/>`` is how Word writes "not hidden" when a style hides a run."""
    review = _translate(copy_model, tmp_path / "out", tmp_path / "tm.sqlite3", "docx-review")
    word = open_docx(str(review))
    row = word.tables[0].rows[2]
    source, english = row.cells[1].text, row.cells[2].text
    shown = row.cells[2].paragraphs[0].add_run(" and shown words")
    vanish = OxmlElement("w:vanish")
    vanish.set(qn("w:val"), "false")
    shown._r.get_or_add_rPr().append(vanish)
    word.save(str(review))
    result = _apply(review, tmp_path / "tm.sqlite3", "--no-rewrite")
    assert result.exit_code == 0, result.output
    assert _human(tmp_path / "tm.sqlite3") == {source: (english + " and shown words", "corrected", "")}


def test_a_word_comment_and_the_comment_cell_on_one_row_are_both_kept(copy_model, tmp_path):
    cache = tmp_path / "tm.sqlite3"
    review = _translate(copy_model, tmp_path / "out", cache, "docx-review")
    source, corrected, _ = _edited_with_word(review, review)
    word = open_docx(str(review))
    word.tables[0].rows[3].cells[4].text = "xem lại"  # "look again", typed in the comment cell
    word.save(str(review))
    result = _apply(review, cache, "--no-rewrite")
    assert result.exit_code == 0, result.output
    assert _human(cache)[source] == (corrected, "corrected", "xem lại; Chị Lan: kiểm tra tên riêng")


def test_a_short_row_is_read_cell_by_cell_and_refused(copy_model, tmp_path):
    """A row with a cell deleted ("shift cells left"; Word writes the row short): the cells it has
    are read in their columns, the missing one blank, and the row is refused, not half-applied."""
    review = _translate(copy_model, tmp_path / "out", tmp_path / "tm.sqlite3", "docx-review")
    word = open_docx(str(review))
    row = word.tables[0].rows[3]
    row.cells[2].text = "A correction in a short row."
    row.cells[4].text = "xem lại"  # "check again"
    row._tr.remove(row.cells[5]._tc)  # its Status cell gone
    kept = [row.cells[n].text for n in range(5)]
    word.save(str(review))
    assert read_table(review).rows[2].texts == [*kept, ""]  # (row 3 is the table's third row after the header)
    result = _apply(review, tmp_path / "tm.sqlite3", "--no-rewrite")
    assert result.exit_code == ExitCode.PARTIAL
    assert "row 3: it has 5 cells, not 6; not applied" in result.stderr
    assert _human(tmp_path / "tm.sqlite3") == {}


def test_cat_tools_inline_codes_are_not_the_translation(copy_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "tmx,xliff")
    tmx = (out / f"{NAME}.tmx").read_text(encoding="utf-8")
    units = tmx.split("<tu ")
    seg = units[3].split('xml:lang="en">', 1)[1].split("</seg>")[0].split("<seg>")[1]
    coded = (
        '<bpt i="1">&lt;b&gt;</bpt>Bold<ept i="1">&lt;/b&gt;</ept> start,<ph x="2">&lt;br/&gt;</ph> '
        '<it pos="begin">&lt;i&gt;</it>then<ut>{\\i}</ut> the rest.'
    )
    (out / "coded.tmx").write_text(tmx.replace(f"<seg>{seg}</seg>", f"<seg>{coded}</seg>", 1), encoding="utf-8")
    result = _apply(out / "coded.tmx", cache, "--no-rewrite")
    assert result.exit_code == 0 and "1 corrected" in result.stdout, result.output
    assert "Bold start, then the rest." in {english for english, _, _ in _human(cache).values()}
    xliff = (out / f"{NAME}.xlf").read_text(encoding="utf-8")
    units = xliff.split("<target>")
    units[4] = (
        'A <pc id="1">wrapped</pc> word,<ph id="2"/> a<sc id="3"/> start<ec startRef="3"/> and a dash<cp hex="2014"/>'
        + units[4][units[4].index("</target>") :]
    )
    (out / "coded.xlf").write_text("<target>".join(units), encoding="utf-8")
    result = _apply(out / "coded.xlf", cache, "--no-rewrite")
    assert result.exit_code == 0 and "1 corrected" in result.stdout, result.output
    assert "A wrapped word, a start and a dash—" in {english for english, _, _ in _human(cache).values()}


def test_an_xliff_12_file_a_cat_tool_wrote_back(copy_model, tmp_path):
    from xml.etree import ElementTree as ET

    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    _translate(copy_model, out, cache, "xliff")
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = ET.parse(out / f"{NAME}.xlf").getroot()
    header = root.find(".//x:note[@category='vietrans-review']", ns).text
    units = root.findall(".//x:unit", ns)
    body = "".join(
        f'<trans-unit id="{u.get("id")}"><source>{u.find(".//x:source", ns).text}</source>'
        f"<target>{u.find('.//x:target', ns).text}</target></trans-unit>"
        for u in units
    )
    body = body.replace(
        f"<target>{units[2].find('.//x:target', ns).text}</target>",
        '<target state="final"><g id="1">Corrected</g> in<x id="2"/> a <bx id="3"/>CAT<ex id="3"/> tool.</target>',
    )
    body = body.replace(
        f'<trans-unit id="{units[3].get("id")}">', f'<trans-unit id="{units[3].get("id")}" approved="yes">'
    )
    xliff = (
        '<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file source-language="vi" target-language="en" datatype="plaintext" original="a"><header>'
        f'<note from="vietrans-review">{header}</note></header><body>{body}</body></file></xliff>'
    )
    (tmp_path / "back.xlf").write_text(xliff, encoding="utf-8")
    result = _apply(tmp_path / "back.xlf", cache, "--no-rewrite")
    assert result.exit_code == 0, result.output
    assert "1 corrected, 1 approved; 2 new in the memory" in result.stdout
    assert "Corrected in a CAT tool." in {english for english, _, _ in _human(cache).values()}


@pytest.mark.parametrize(
    ("status", "applied"),
    [
        ("Đã duyệt", True),
        ("Đạt", True),
        ("Duyệt", True),
        ("✅", True),
        ("✔", True),
        ("Da duyet", True),
        ("ok", True),
        ("Đã sửa", True),  # a correction's status on unchanged English: taken as the person's
        ("chưa đạt", False),  # "not yet passed": never read as "đạt"
        ("cần sửa", False),  # "needs fixing"
    ],
)
def test_statuses_as_desks_write_them(status, applied, copy_model, tmp_path):
    review = _translate(copy_model, tmp_path / "out", tmp_path / "tm.sqlite3", "docx-review")
    word = open_docx(str(review))
    cells = word.tables[0].rows[2].cells
    _set_status(cells[5], status)
    word.save(str(review))
    result = _apply(review, tmp_path / "tm.sqlite3", "--no-rewrite")
    assert (cells[1].text in _human(tmp_path / "tm.sqlite3")) is applied
    assert result.exit_code == (0 if applied else ExitCode.PARTIAL), result.output
    if not applied:
        assert f"row 2: marked {status!r} but its English is unchanged; not applied" in result.stderr


def test_the_status_column_is_a_drop_down(copy_model, tmp_path):
    review = _translate(copy_model, tmp_path / "out", tmp_path / "tm.sqlite3", "docx-review")
    cell = open_docx(str(review)).tables[0].rows[2].cells[5]._tc
    items = [item.get(qn("w:displayText")) for item in cell.iter(qn("w:listItem"))]
    assert items[1:] == ["Đã duyệt (approved)", "Đã sửa (corrected)", "Cần sửa (needs work)"]
    word = open_docx(str(review))  # the reviewer types over the control instead: read as well
    word.tables[0].rows[3].cells[5].text = "Đạt"
    word.save(str(review))
    assert "0 corrected, 1 approved" in _apply(review, tmp_path / "tm.sqlite3", "--no-rewrite").stdout


def test_reports_edited_since_are_left_alone_and_named(copy_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    review = _translate(copy_model, out, cache, "docx-review,md,jsonl")
    markdown = out / f"{NAME}.bilingual.md"
    edited = markdown.read_text(encoding="utf-8") + "\n> Editor's note: checked with the desk.\n"
    markdown.write_text(edited, encoding="utf-8")
    word = open_docx(str(review))
    _set_status(word.tables[0].rows[2].cells[5], "OK")
    word.save(str(review))
    result = _apply(review, cache)
    assert result.exit_code == 0, result.output
    assert markdown.read_text(encoding="utf-8") == edited
    assert f"{markdown}: edited since vietrans wrote it; left as it is (--force redoes it)" in result.stderr
    assert f"left as it is: {markdown} (edited since vietrans wrote it)" in result.stdout
    assert f"wrote {out / f'{NAME}.jsonl'}" in result.stdout
    forced = _apply(review, cache, "--force")
    assert f"wrote {markdown}" in forced.stdout and "Editor's note" not in markdown.read_text(encoding="utf-8")
    assert f"left as it is: {review} (the review file applied)" in forced.stdout  # even with --force


@pytest.mark.parametrize("force", [(), ("--force",)], ids=["plain", "force"])
def test_a_persons_file_where_a_new_format_goes_is_never_overwritten(force, copy_model, tmp_path):
    """-f jsonl asks for a report the article was not made in; a file of the person's own already
    at that name is left alone and said, even with --force (which redoes only vietrans's files)."""
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    review = _translate(copy_model, out, cache, "docx-review,md")
    theirs = out / f"{NAME}.jsonl"
    theirs.write_text("a person's own file\n", encoding="utf-8")
    result = _apply(review, cache, "-f", "md,jsonl", *force)
    assert result.exit_code == 0, result.output
    assert theirs.read_text(encoding="utf-8") == "a person's own file\n"
    assert result.stderr == (
        f"vietrans: warning: {review.name}: {theirs}: not written by vietrans with this memory; left as it is\n"
    )
    assert result.stdout == (
        f"{review}: 0 corrected, 0 approved; 0 new in the memory\n"
        f"  wrote {out / f'{NAME}.bilingual.md'}\n"
        f"  left as it is: {theirs} (not written by vietrans with this memory)\n"
    )


def test_unreviewed_rows_stay_as_made_with_the_users_options_and_no_engine(copy_model, tmp_path):
    glossary = tmp_path / "desk.tsv"
    glossary.write_text("vi\ten\nchâu Á\tthe Asian region\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    model = shutil.copy(copy_model, tmp_path / "model.argosmodel")
    options = ("-g", str(glossary), "--date-style", "iso", "--no-convert-numbers")
    review = _translate(model, out, cache, "docx-review,md,jsonl", *options)
    before = (out / f"{NAME}.bilingual.md").read_text(encoding="utf-8").splitlines()
    assert any("the Asian region" in line for line in before) and any("2025-03-14" in line for line in before)
    word = open_docx(str(review))
    _set_status(word.tables[0].rows[5].cells[5], "OK")
    approved = word.tables[0].rows[5].cells[2].text
    word.save(str(review))
    (tmp_path / "model.argosmodel").unlink()  # offline, the model gone: nothing needs it
    result = _apply(review, cache)
    assert result.exit_code == 0, result.output
    after = (out / f"{NAME}.bilingual.md").read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert len(changed) == 1 and approved in changed[0][1] and "✓ *reviewed (approved)*" in changed[0][1]


def _texts(folder) -> dict[str, str]:
    """Each report's text (a Word file's paragraphs and cells; its bytes hold the time it was saved)."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".docx":
            word = open_docx(str(path))
            cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
            found[path.name] = "\n".join([p.text for p in word.paragraphs] + cells)
        elif path.is_file():
            found[path.name] = path.read_text(encoding="utf-8")
    return found


def _review_round(model, root, where: str, times: int = 1, offline: bool = False):
    """Translate into ``root/out``, review there or from a Downloads folder, apply ``times``."""
    out, cache = root / "out", root / "tm.sqlite3"
    root.mkdir()
    model = shutil.copy(model, root / "model.argosmodel")
    review = _translate(model, out, cache, "docx-review,md,jsonl,xliff")
    if where == "downloads":
        review = shutil.copy(review, (root / "Downloads").mkdir() or root / "Downloads" / review.name)
    _edited_with_word(review, review)
    if offline:
        (root / "model.argosmodel").unlink()
    results = [_apply(review, cache) for _ in range(times)]
    assert all(r.exit_code == 0 for r in results), results[-1].output
    return out, results


def test_applied_from_another_folder_twice_offline_gives_the_same_reports(copy_model, tmp_path):
    here, _ = _review_round(copy_model, tmp_path / "a", "out")
    there, results = _review_round(copy_model, tmp_path / "b", "downloads", times=2, offline=True)
    assert sorted((tmp_path / "b" / "Downloads").iterdir()) == [tmp_path / "b" / "Downloads" / f"{NAME}.review.docx"]
    assert f"wrote {there / f'{NAME}.bilingual.md'}" in results[0].stdout  # where the article's outputs are
    mine, theirs = _texts(here), _texts(there)
    assert theirs.pop(f"{NAME}.review.docx") == mine.pop(f"{NAME}.v2.review.docx")  # the refreshed table
    del mine[f"{NAME}.review.docx"]  # (the reviewer's file, edited in place there)
    assert mine == theirs
    assert results[0].stdout.split(": ", 1)[1] == results[1].stdout.split(": ", 1)[1].replace(
        "0 new in the memory", "2 new in the memory"
    )


def test_reviewed_rows_are_checked_like_any_other(copy_model, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    review = _translate(copy_model, out, cache, "docx-review,docx,jsonl,md")
    rows_before = [json.loads(line) for line in (out / f"{NAME}.jsonl").read_text().splitlines()]
    cover = [p.text for p in open_docx(str(out / f"{NAME}.bilingual.docx")).paragraphs if p.text.startswith("Counts")]
    word = open_docx(str(review))
    rows = word.tables[0].rows
    third = rows_before[2]
    assert [t["enforced"] for t in third["terms"]] == [True] * len(third["terms"]) and third["spans"]
    terms = " ".join(t["en"] for t in third["terms"])
    facts = " ".join(f["english"] for f in third["facts"])  # (the ledger: the spans and every other fact)
    tracked_retype(rows[3].cells[2], f"A person's sentence with {terms} and {facts}.")  # keeps every fact
    fourth = rows_before[3]
    tracked_retype(rows[4].cells[2], "A person's sentence that drops what the Vietnamese says.")
    word.save(str(review))
    result = _apply(review, cache)
    assert result.exit_code == 0, result.output
    rows_after = [json.loads(line) for line in (out / f"{NAME}.jsonl").read_text().splitlines()]
    assert rows_after[2]["terms"] == third["terms"] and rows_after[2]["spans"] == third["spans"]
    assert rows_after[2]["flags"] == []
    lost = [t["en"] for t in fourth["terms"]]
    assert all(
        f"row 4: the reviewed English lacks the term: {term} (shown under the row)" in result.stderr for term in lost
    )
    assert [f"the reviewed English lacks the term: {term}" for term in lost] == rows_after[3]["flags"][: len(lost)]
    assert "fixed" not in result.stderr and rows_after[3]["target"].startswith("A person's sentence that drops")
    markdown = (out / f"{NAME}.bilingual.md").read_text(encoding="utf-8")
    assert f"✓ *reviewed (corrected)* ⚠ *the reviewed English lacks the term: {lost[0]}*" in markdown
    after = [p.text for p in open_docx(str(out / f"{NAME}.bilingual.docx")).paragraphs if p.text.startswith("Counts")]
    enforced = sum(t["enforced"] for r in rows_after for t in r["terms"])
    assert enforced == sum(t["enforced"] for r in rows_before for t in r["terms"]) - len(lost)
    assert after != cover and f"{enforced} of " in after[0]
