import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from translator.cli import main
from translator.engines import EngineSpec
from translator.errors import ExitCode
from translator.translate.memory import TranslationMemory

TMX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
    '  <header creationtool="vietrans" creationtoolversion="1" datatype="plaintext" segtype="sentence"'
    ' adminlang="en" srclang="vi" o-tmf="vietrans-sqlite"/>\n  <body>\n'
)
TMX_TAIL = "  </body>\n</tmx>\n"


def test_lookup_store_and_contexts(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        memory.store("model-a", [("Xin chào.", "Xin chào.", "Hello.", -0.5)])
        assert memory.lookup("model-a", ["Xin  chào.", "Khác."]) == {"Xin  chào.": ("Hello.", -0.5)}
        assert memory.lookup("model-b", ["Xin chào."]) == {}  # another model or options: not reused
        assert memory.stats() == _stats(memory.path, entries=1, contexts=1)
        assert memory.clear() == 1 and memory.stats() == _stats(memory.path)


def _stats(path, entries: int = 0, human: int = 0, contexts: int = 0) -> dict[str, object]:
    """What ``stats`` says: the counts, and the bytes of the memory's files (its WAL included)."""
    size = sum(f.stat().st_size for f in path.parent.glob(path.name + "*"))
    return {"path": str(path), "entries": entries, "human": human, "contexts": contexts, "bytes": size}


def test_lookups_across_many_chunks_find_every_sentence(tmp_path):
    """SQLite takes a limited number of parameters per query: a lookup is cut into chunks of 500
    keys, and no chunk may lose a key (a re-run would silently translate again what it had), nor
    may a lookup turn into one query per sentence (a long document would crawl)."""
    sources = [f"Câu số {i}." for i in range(1200)]
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        memory.store("ctx", [(s, s, f"Sentence {i}.", -1.0) for i, s in enumerate(sources)])
        memory.store_human([(s, f"Human {i}.", "corrected", "", "r.docx") for i, s in enumerate(sources)])
        statements: list[str] = []
        memory._db.set_trace_callback(statements.append)  # the memory's own connection, watched
        found = memory.lookup("ctx", sources)
        assert [q.split()[0] for q in statements] == ["SELECT"] * 3  # 500 + 500 + 200 keys
        assert found == {s: (f"Sentence {i}.", -1.0) for i, s in enumerate(sources)}
        statements.clear()
        human = memory.lookup_human(sources)
        assert [q.split()[0] for q in statements] == ["SELECT"] * 3
        assert human == {s: (f"Human {i}.", "corrected", "") for i, s in enumerate(sources)}


def test_cache_commands_and_tmx_export(tmp_path):
    path = tmp_path / "tm.sqlite3"
    with TranslationMemory(path) as memory:
        memory.record_shown("ctx", [("Mỹ & Trung Quốc <cạnh tranh>.", "US & China <compete>.")])
        memory.store("ctx", [("Mỹ & Trung Quốc <cạnh tranh>.",) * 2 + ("US & China <compete>.", -1.0)])
    runner = CliRunner()
    stats = runner.invoke(main, ["cache", "stats", "--cache", str(path)]).output
    said = "1 sentences in 1 context(s) (model, options), 0 human translations (reviewed), SIZE MB at {}\n"
    assert re.fullmatch(re.escape(said.format(path)).replace("SIZE", r"\d+\.\d"), stats)  # (the size: SQLite's)
    tmx = tmp_path / "out.tmx"
    export = ["cache", "export", "--cache", str(path), "-o", str(tmx)]
    first, again = runner.invoke(main, export), runner.invoke(main, export)
    assert (first.exit_code, first.output) == (0, f"wrote {tmx}\n")
    assert (again.exit_code, again.output) == (5, f"vietrans: error: {tmx} exists; add --force to overwrite it\n")
    assert tmx.read_text(encoding="utf-8") == (
        TMX_HEAD + '    <tu><prop type="x-origin">machine</prop><prop type="x-context">ctx</prop>'
        '<tuv xml:lang="vi"><seg>Mỹ &amp; Trung Quốc &lt;cạnh tranh&gt;.</seg></tuv>'
        '<tuv xml:lang="en"><seg>US &amp; China &lt;compete&gt;.</seg></tuv></tu>\n' + TMX_TAIL
    )
    assert ET.parse(tmx).getroot().get("version") == "1.4"  # well-formed XML
    assert runner.invoke(main, ["cache", "clear", "--cache", str(path)]).output == "removed 1 sentences\n"


@pytest.mark.parametrize("command", [["stats"], ["clear"], ["export", "-o", "out.tmx"]])
def test_a_cache_command_on_a_memory_that_is_not_there_says_so_and_makes_none(tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a broken export would write its out.tmx
    missing = tmp_path / "typo.sqlite3"
    result = CliRunner().invoke(main, ["cache", command[0], "--cache", str(missing), *command[1:]])
    assert (result.exit_code, result.output) == (
        ExitCode.MEMORY,
        f"vietrans: error: {missing}: no translation memory there (check the path; vietrans translate makes one)\n",
    )
    assert not missing.exists() and not (tmp_path / "out.tmx").exists()


def test_export_shows_the_original_vietnamese_not_the_engine_input(copy_model, tmp_path):
    """Glossary terms and numbers are written into the model's input in English; the memory's
    TMX still pairs the author's Vietnamese with the translation."""
    article = tmp_path / "a.txt"
    source = "Trí tuệ nhân tạo đạt 4,33 tỷ USD năm 2025."
    article.write_text(f"Tiêu đề\n\n{source}\n", encoding="utf-8")
    cache = tmp_path / "tm.sqlite3"
    runner = CliRunner()
    args = ["translate", str(article), "-o", str(tmp_path / "out"), "--model", str(copy_model), "-q"]
    assert runner.invoke(main, [*args, "--cache", str(cache), "-f", "md"]).exit_code == 0
    tmx = runner.invoke(main, ["cache", "export", "--cache", str(cache)]).output
    root = ET.fromstring(tmx)
    pairs = [tuple(seg.text for seg in tu.iter("seg")) for tu in root.iter("tu")]
    assert pairs == [  # (the copy model's English, with the term placed, is what it is)
        ("Tiêu đề", "Tiêu đề"),
        (source, "Artificial intelligence (AI) USD năm 2025."),
    ]


def test_a_memory_written_before_originals_were_kept_still_opens(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE memory (key TEXT PRIMARY KEY, context TEXT NOT NULL, source TEXT NOT NULL,"
        " translation TEXT NOT NULL, score REAL, created REAL NOT NULL)"
    )
    db.execute("INSERT INTO memory VALUES ('k', 'ctx', 'Xin chào.', 'Hello.', -0.1, 0)")
    db.commit()
    db.close()
    with TranslationMemory(path) as memory:
        assert memory.stats() == _stats(path, entries=1, contexts=1)
    result = CliRunner().invoke(main, ["cache", "export", "--cache", str(path)])
    assert (result.exit_code, result.stdout, result.stderr) == (  # no report showed it: not exported, but said
        0,
        TMX_HEAD + TMX_TAIL,
        "vietrans: note: 1 sentence(s) translated before reports were recorded are not exported;"
        " translate their articles again (from the memory) to export them\n",
    )


def test_a_corrupt_memory_file_is_its_own_error(copy_model, tmp_path):
    from tests.conftest import EXAMPLE

    cache = tmp_path / "tm.sqlite3"
    cache.write_bytes(b"this is not a database, it is a note I saved here" * 100)
    result = CliRunner().invoke(
        main,
        ["translate", str(EXAMPLE), "-o", str(tmp_path / "o"), "--model", str(copy_model), "-q", "--cache", str(cache)],
    )
    assert result.exit_code == ExitCode.MEMORY
    assert result.output == f"vietrans: error: {cache}: cannot open the translation memory (file is not a database)\n"
    assert cache.read_bytes().startswith(b"this is not a database")  # the user's file untouched
    stats = CliRunner().invoke(main, ["cache", "stats", "--cache", str(cache)])
    assert (stats.exit_code, stats.output) == (ExitCode.MEMORY, result.output)


def _run(model, out, memory, **options):
    from tests.conftest import EXAMPLE
    from translator.pipeline import Options, translate_files

    base = {"formats": ("md",), "progress": False, "cache": memory, "use_glossary": False, "spans": None}
    return translate_files([EXAMPLE], out, Options(engine=EngineSpec(model=str(model)), **{**base, **options}))


def test_the_memory_never_serves_another_models_or_options_output(copy_model, random_model, tmp_path):
    """The promise, through the pipeline: what one model (or one beam size) translated is never
    served to another, and what the same model translated with the same options always is."""
    from translator.engines.ct2 import DecodeOptions

    memory = tmp_path / "tm.sqlite3"
    first = _run(copy_model, tmp_path / "a", memory)
    assert first.cached == 0 and first.translated == first.sentences > 0
    assert _run(random_model, tmp_path / "b", memory).cached == 0  # another model: no hits
    assert _run(copy_model, tmp_path / "c", memory, decode=DecodeOptions(beam_size=3)).cached == 0  # another beam
    assert _run(copy_model, tmp_path / "d", memory).translated == 0  # the same model and options: all hits


def test_same_name_and_version_with_other_weights_is_another_model(tmp_path):
    """A model's identity is its weights and tokenizer, not its name and version."""
    from translator.engines.packages import resolve
    from translator.testmodels import build_package

    one = resolve(str(build_package(tmp_path / "one.argosmodel", "random", seed=1)))
    two = resolve(str(build_package(tmp_path / "two.argosmodel", "random", seed=2)))
    assert (one.name, one.version) == (two.name, two.version)
    assert one.identity != two.identity
    again = resolve(str(build_package(tmp_path / "again.argosmodel", "random", seed=1)))
    assert again.identity == one.identity  # the same weights, built again: the same identity
    first = _run(one.path, tmp_path / "a", tmp_path / "tm.sqlite3")
    assert _run(two.path, tmp_path / "b", tmp_path / "tm.sqlite3").cached == 0 < first.sentences


def test_decomposed_and_composed_text_share_a_key(tmp_path):
    import unicodedata

    composed = "Thủ tướng phát biểu tại Hà Nội."
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        memory.store("m", [(composed, composed, "The PM spoke in Hanoi.", -0.3)])
        decomposed = unicodedata.normalize("NFD", composed)
        assert decomposed != composed
        assert memory.lookup("m", [decomposed]) == {decomposed: ("The PM spoke in Hanoi.", -0.3)}


def test_human_translations_keep_their_comments_and_what_they_replaced(tmp_path):
    """A review applied again from a report written since (no comments in it) keeps the first
    review's comment; a row without any comment has none; applying the same rows twice stores nothing."""
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        rows = [("Câu một.", "Sentence one.", "corrected", "better wording", "a.review.docx"),
                ("Câu hai.", "Sentence two.", "approved", "", "a.review.docx")]  # fmt: skip
        assert memory.store_human(rows, {"Câu một.": "Sentence 1."}) == 2
        assert memory.store_human(rows) == 0
        again = [("Câu một.", "Sentence one.", "corrected", "", "a.review.docx")]  # the rewritten report
        assert memory.store_human(again) == 0
        assert memory.human_rows() == [  # stored together: in the order of their Vietnamese
            ("Câu hai.", "Sentence two.", "approved", "", None),
            ("Câu một.", "Sentence one.", "corrected", "better wording", "Sentence 1."),
        ]


def test_without_cache_the_memory_lives_in_the_cache_folder(copy_model, tmp_path, monkeypatch):
    """README: ``~/.cache/vietrans/memory.sqlite3`` (``XDG_CACHE_HOME`` and ``VIETRANS_CACHE_DIR`` move it)."""
    from tests.conftest import EXAMPLE

    monkeypatch.delenv("VIETRANS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    args = ["translate", str(EXAMPLE), "-o", str(tmp_path / "out"), "-f", "md", "--model", str(copy_model), "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    with TranslationMemory(tmp_path / "xdg" / "vietrans" / "memory.sqlite3") as memory:
        assert memory.stats()["entries"] > 0


def test_export_writes_the_english_the_reports_show_once_per_sentence(copy_model, tmp_path):
    """The memory holds what the model gave along the way: the first output, a retry, the output
    with a term placed (kept or not), numbers before they were put right.  The export holds what
    the report showed, one unit per sentence, and a reviewer's English where there is one."""
    import json

    article = tmp_path / "a.txt"
    article.write_text(
        "Tiêu đề\n\nTrí tuệ nhân tạo đạt 4,33 tỷ USD năm 2025. Kiểm soát xuất khẩu của Mỹ ngày 6/2/2025.\n",
        encoding="utf-8",
    )
    cache = tmp_path / "tm.sqlite3"
    runner = CliRunner()
    args = ["translate", str(article), "-o", str(tmp_path / "out"), "--model", str(copy_model), "-q"]
    assert runner.invoke(main, [*args, "--cache", str(cache), "-f", "jsonl"]).exit_code == 0
    shown = {}
    for line in (tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if "source" in row:
            shown[row["source"]] = row["target"]
    result = runner.invoke(main, ["cache", "export", "--cache", str(cache)])
    assert result.exit_code == 0 and not result.stderr
    root = ET.fromstring(result.stdout)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    units = [(tu.find(f"tuv[@{lang}='vi']/seg").text, tu.find(f"tuv[@{lang}='en']/seg").text) for tu in root.iter("tu")]
    with TranslationMemory(cache) as memory:
        assert memory.stats()["entries"] > len(shown)  # (the memory does hold more: the test tests something)
    assert sorted(units) == sorted(shown.items())


def test_what_a_run_keeps_besides_translations_comes_back_as_it_was_kept(tmp_path):
    """A fetched page (its validators and body), the records of what an article was made into
    (latest first), the signature of an output written, and the machine English of a sentence."""
    page = {
        "url": "https://vnexpress.net/a",
        "final_url": "https://vnexpress.net/a.html",
        "content_type": "text/html",
        "charset": "utf-8",
        "etag": '"abc"',
        "last_modified": "Sat, 05 Dec 2026 08:00:00 GMT",
        "fetched": "2026-12-05T08:00:00+0000",
        "data": "<p>Xin chào</p>".encode() * 50,
    }
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        assert memory.page(page["url"]) is None
        assert memory.output_record(tmp_path / "o.md") is None
        assert memory.article_records(tmp_path / "a.html") == []
        memory.store_page({**page, "etag": "old"})
        memory.store_page(page)  # fetched again: replaces what was kept
        memory.record_article(tmp_path / "a.html", tmp_path / "out1", b"first")
        memory.record_article(tmp_path / "a.html", tmp_path / "out2", b"second")
        memory.record_output(tmp_path / "o.md", "sig-1", "digest-1")
        memory.store("ctx", [("Xin  chào.", "Xin chào.", "Hello.", -0.5), ("Khác.", "Khác.", "Other.", -0.5)])
        memory.store("ctx2", [("Xin chào. ", "Xin  chào.", "Hi.", -0.5)])
        assert memory.page(page["url"]) == page
        assert memory.article_records(tmp_path / "a.html") == [b"second", b"first"]
        assert memory.output_record(tmp_path / "o.md") == ("sig-1", "digest-1")
        assert sorted(memory.machine_translations("Xin   chào.")) == ["Hello.", "Hi."]


def test_the_tmx_gives_a_reviewers_english_in_place_of_the_machines(tmp_path):
    """A sentence with a reviewer's English is one unit, theirs (status, report, comment as a
    note); the machine's English shown for it is left out."""
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        memory.record_shown("ctx", [("Câu một.", "Sentence 1."), ("Câu hai.", "Sentence 2.")])
        memory.store_human([("Câu một.", "Sentence one.", "corrected", "a & b", "a.review.docx")])
        memory.store_human([("Câu ba.", "Sentence three.", "approved", "", "b.review.docx")])
        units = memory.export_tmx().split("<body>\n")[1]
    assert units == (
        '    <tu><prop type="x-origin">machine</prop><prop type="x-context">ctx</prop>'
        '<tuv xml:lang="vi"><seg>Câu hai.</seg></tuv><tuv xml:lang="en"><seg>Sentence 2.</seg></tuv></tu>\n'
        '    <tu><prop type="x-origin">human</prop><prop type="x-status">corrected</prop>'
        '<prop type="x-review-file">a.review.docx</prop><note>a &amp; b</note>'
        '<tuv xml:lang="vi"><seg>Câu một.</seg></tuv><tuv xml:lang="en"><seg>Sentence one.</seg></tuv></tu>\n'
        '    <tu><prop type="x-origin">human</prop><prop type="x-status">approved</prop>'
        '<prop type="x-review-file">b.review.docx</prop>'
        '<tuv xml:lang="vi"><seg>Câu ba.</seg></tuv><tuv xml:lang="en"><seg>Sentence three.</seg></tuv></tu>\n'
        + TMX_TAIL
    )
