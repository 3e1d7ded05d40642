"""Batches: folders, globs, stdin, failures, windows, the translation memory, resume and concurrency."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from translator.cli import main
from translator.engines import EngineSpec
from translator.errors import ExitCode
from translator.pipeline import Options, translate_files

ROOT = Path(__file__).resolve().parents[1]


def _articles(folder: Path, count: int, sentences: int = 3) -> list[Path]:
    """Distinct small articles, so no two share a sentence."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        body = " ".join(f"Bài {i} có câu thứ {j} về trí tuệ nhân tạo." for j in range(sentences))
        path = folder / f"bai-{i:02d}.txt"
        path.write_text(f"Tiêu đề của bài báo số {i} hôm nay\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _options(model: Path, **kw) -> Options:
    return Options(**{"formats": ("md",), "engine": EngineSpec(model=str(model)), "progress": False, **kw})


def test_folders_mirror_their_tree_and_skip_hidden_and_our_outputs(copy_model, tmp_path):
    src = tmp_path / "in"
    _articles(src / "a", 2)
    _articles(src / "b" / "c", 1)
    (src / ".hidden.txt").write_text("Ẩn.")
    (src / "x.bilingual.md").write_text("old output")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # not an article kind: a folder skips it
    result = translate_files([src], tmp_path / "out", _options(copy_model))
    assert result.done == 3 and not result.failures
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md"))
    assert written == ["a/bai-00.bilingual.md", "a/bai-01.bilingual.md", "b/c/bai-00.bilingual.md"]


def test_globs(copy_model, tmp_path):
    _articles(tmp_path / "in", 3)
    result = translate_files([str(tmp_path / "in" / "bai-0[01].txt")], tmp_path / "out", _options(copy_model))
    assert result.files == 2


def test_a_failing_file_does_not_stop_the_batch(copy_model, tmp_path):
    paths = _articles(tmp_path / "in", 2)
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage\xff")
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "translate",
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "out"),
            "-f",
            "md",
            "--model",
            str(copy_model),
            "-q",
            "--json",
        ],
    )
    assert result.exit_code == ExitCode.PARTIAL
    summary = json.loads(result.stdout)
    assert summary["done"] == len(paths) and summary["failed"] == 1
    assert summary["failures"] == [{"file": str(bad), "error": f"{bad}: not valid UTF-16 text"}]
    assert {"files", "sentences", "cached", "translated", "seconds", "sentences_per_s"} <= set(summary)


def test_windows_keep_document_order(copy_model, tmp_path):
    paths = _articles(tmp_path / "in", 5, sentences=4)
    result = translate_files(paths, tmp_path / "out", _options(copy_model, window_sentences=3))
    assert result.done == 5
    for path in paths:
        text = (tmp_path / "out" / f"{path.stem}.bilingual.md").read_text(encoding="utf-8")
        rows = [line for line in text.splitlines() if line.startswith("| Bài")]
        assert [row.split(" | ")[0][2:] for row in rows] == [row.split(" | ")[1] for row in rows]  # copy model
        assert [r.split(" | ")[0] for r in rows] == sorted(r.split(" | ")[0] for r in rows)


def test_rerun_translates_nothing_and_does_not_load_the_model(copy_model, tmp_path, monkeypatch):
    paths = _articles(tmp_path / "in", 3)
    cache = tmp_path / "tm.sqlite3"
    first = translate_files(paths, tmp_path / "out", _options(copy_model, cache=cache))
    assert first.translated == first.sentences > 0 and first.cached == 0

    import translator.engines.packages

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every sentence was cached")

    monkeypatch.setattr(translator.engines.packages.ModelPackage, "open", no_model)
    second = translate_files(paths, tmp_path / "out", _options(copy_model, cache=cache, force=True))
    assert second.cached == second.sentences == first.sentences and second.translated == 0
    skipped = translate_files(paths, tmp_path / "out", _options(copy_model, cache=cache))
    assert skipped.skipped == 3 and skipped.sentences == 0


def test_no_cache_translates_again(copy_model, tmp_path):
    paths = _articles(tmp_path / "in", 1)
    translate_files(paths, tmp_path / "o1", _options(copy_model, cache=tmp_path / "tm"))
    again = translate_files(paths, tmp_path / "o2", _options(copy_model, cache=tmp_path / "tm", use_cache=False))
    assert again.cached == 0 and again.translated == again.sentences


def test_stdin_to_stdout(copy_model):
    result = CliRunner().invoke(
        main, ["translate", "-", "-f", "md", "--model", str(copy_model), "-q"], input="Tiêu đề\n\nMột câu.\n"
    )
    assert result.exit_code == 0, result.output
    assert "| **Một câu.** | **Một câu.** ⚠ *copied from the source* |" in result.stdout  # the lead; a copy
    assert "wrote" not in result.stdout


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "translator", "translate", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _default_signals() -> None:
    """In the child: Ctrl-C and SIGTERM as a terminal gives them, even when this test runs under
    ``nohup`` or a CI runner that ignores SIGINT (an ignored SIGINT is inherited)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def stop_midway(cmd: list[str], out: Path, sig: int, outputs: int) -> tuple[int, str]:
    """Run a batch, send ``sig`` once ``outputs`` DOCX files exist; its exit code and stderr.
    Fails if the batch finished before it could be signalled (then nothing was tested)."""
    proc = subprocess.Popen(
        cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_default_signals
    )
    deadline = time.time() + 120
    while len(list(out.glob("*.docx"))) < outputs and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    return proc.returncode, stderr


def test_resume_after_sigkill(random_model, tmp_path):
    """Kill a batch halfway: the same command finishes it without redoing or breaking anything."""
    paths = _articles(tmp_path / "in", 12, sentences=6)
    out = tmp_path / "out"
    cmd = _cli(
        str(tmp_path / "in"),
        "-o",
        str(out),
        "--model",
        str(random_model),
        "--window",
        "6",
        "-q",
        "--cache",
        str(tmp_path / "tm.sqlite3"),
        "--json",
    )
    stop_midway(cmd, out, signal.SIGKILL, outputs=3)
    finished = {p.name: p.stat().st_mtime_ns for p in out.glob("*.bilingual.*")}
    assert 3 <= len(finished) < 2 * len(paths), "the batch was not interrupted halfway"
    rerun = subprocess.run(cmd, env=_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    whole_files = {n.split(".")[0] for n in finished if n.endswith(".docx")} & {
        n.split(".")[0] for n in finished if n.endswith(".md")
    }
    assert summary["skipped"] == len(whole_files) and summary["done"] == len(paths) - len(whole_files)
    for name, mtime in finished.items():
        assert (out / name).stat().st_mtime_ns == mtime or name.split(".")[0] not in whole_files
    assert len(list(out.glob("*.bilingual.*"))) == 2 * len(paths)
    assert not list(out.glob(".*.part"))


def test_two_runs_at_once_share_the_memory(random_model, tmp_path):
    paths = _articles(tmp_path / "in", 6, sentences=4)
    cache = tmp_path / "tm.sqlite3"
    runs = [
        subprocess.Popen(
            _cli(
                *map(str, paths),
                "-o",
                str(tmp_path / f"out{i}"),
                "--model",
                str(random_model),
                "-q",
                "--cache",
                str(cache),
                "--window",
                "4",
                "--json",
            ),
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    for proc in runs:
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
        assert json.loads(stdout)["done"] == len(paths)
    from translator.translate.memory import TranslationMemory

    alone = tmp_path / "alone.sqlite3"  # what one run alone stores
    translate_files(paths, tmp_path / "out4", _options(random_model, cache=alone))
    with TranslationMemory(cache) as memory, TranslationMemory(alone) as single:
        assert memory.stats()["entries"] == single.stats()["entries"] >= 6 * 5  # each sentence once
    again = translate_files(paths, tmp_path / "out3", _options(random_model, cache=cache))
    assert again.translated == 0


@pytest.mark.parametrize(
    ("inputs", "code", "message"),
    [
        ([], ExitCode.USAGE, "Missing argument 'INPUTS...'"),
        (["-", "-", "-f", "md,docx"], ExitCode.USAGE, "standard input goes to standard output in one format"),
    ],
)
def test_bad_invocations(inputs, code, message, tmp_path):
    result = CliRunner().invoke(main, ["translate", *inputs], input="")
    assert result.exit_code == code and message in result.output and "Traceback" not in result.output


def test_example_through_the_pipeline_api(copy_model, tmp_path):
    result = translate_files([EXAMPLE], tmp_path, Options(engine=EngineSpec(model=str(copy_model)), progress=False))
    assert result.done == 1 and len(result.outputs) == 2 and result.peak_memory_mb > 0


_TIMES = r"\[\d+(?::\d\d)+<\d+(?::\d\d)+, +\d+(?:\.\d+)?(?:sent/s|s/sent)\]"  # elapsed<left, rate: they vary
# what a person watching stderr sees: the bar opens on the sentences counted, labelled "translating", in
# sentences; any frames (how many depends on the speed); it ends full, with the files done
_BAR = re.compile(
    r"\rtranslating:   0%\|          \| 0/12 \[00:00<\?, \?sent/s\]"
    r"(?:\rtranslating(?: \([123]/3 files\))?: +\d+%\|.{10}\| \d+/12 \[[^\]]*\])*"
    rf"\rtranslating \(3/3 files\): 100%\|██████████\| 12/12 {_TIMES}\n"
)


def test_with_a_progress_bar_small_batches_are_read_once(copy_model, tmp_path, monkeypatch, capsys):
    import translator.pipeline

    paths = _articles(tmp_path / "in", 3)
    reads = []
    original = translator.pipeline.read_article
    monkeypatch.setattr(translator.pipeline, "read_article", lambda *a: reads.append(a[0]) or original(*a))
    result = translate_files(
        paths, tmp_path / "out", Options(formats=("md",), engine=EngineSpec(model=str(copy_model)), progress=True)
    )
    assert result.done == 3 and sorted(reads) == sorted(map(str, paths))
    shown = capsys.readouterr().err
    assert _BAR.fullmatch(shown), shown
    reads.clear()
    big = Options(
        formats=("md",), engine=EngineSpec(model=str(copy_model)), progress=True, window_sentences=5, force=True
    )
    translate_files(paths, tmp_path / "out", big)
    assert len(reads) > 3  # beyond the window, later files are read again rather than held


# --- real habits: globs, standard input, names, stale outputs, interruptions ------------------------


def _translate(*args, input=None):
    return CliRunner().invoke(main, ["translate", *map(str, args)], input=input)


def test_a_glob_run_twice_does_not_take_its_own_outputs(copy_model, tmp_path):
    _articles(tmp_path / "in", 2)
    pattern = str(tmp_path / "in" / "*")
    for _ in range(2):
        result = _translate(pattern, "-o", tmp_path / "in", "--model", copy_model, "-q", "-f", "md,html")
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "in").iterdir())
    assert not [n for n in names if n.count(".bilingual.") > 1]
    assert len(names) == 2 * 3


def test_editor_lock_and_backup_files_are_skipped_by_folders_and_globs(copy_model, tmp_path):
    _articles(tmp_path / "in", 1)
    (tmp_path / "in" / "~$bai-00.docx").write_bytes(b"\x0bWord owner file\x00" * 10)
    (tmp_path / "in" / ".~lock.bai-00.txt#").write_text("lock")
    (tmp_path / "in" / "bai-00.txt~").write_text("backup")
    (tmp_path / "in" / "#bai-00.txt#").write_text("autosave")
    for inputs in ([tmp_path / "in"], [tmp_path / "in" / "*"]):
        result = _translate(*inputs, "-o", tmp_path / "out", "--model", copy_model, "-q", "-f", "md", "--force")
        assert result.exit_code == 0, result.output
        assert "1 of 1 file(s) translated" in result.output


def test_a_glob_that_matches_nothing_is_an_input_error(copy_model, tmp_path):
    result = _translate(tmp_path / "nothing-*.txt", "-o", tmp_path / "out", "--model", copy_model, "-q")
    assert result.exit_code == ExitCode.INPUT and "no articles" in result.output and "match" in result.output


def test_recursive_globs_mirror_the_tree(copy_model, tmp_path):
    for sub in ("a", "b"):
        folder = tmp_path / "in" / sub
        folder.mkdir(parents=True)
        (folder / "x.txt").write_text(f"Tiêu đề {sub}\n\nMột câu về {sub}.\n", encoding="utf-8")
    result = _translate(str(tmp_path / "in" / "**" / "*.txt"), "-o", tmp_path / "out", "--model", copy_model, "-q")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md")) == [
        "a/x.bilingual.md",
        "b/x.bilingual.md",
    ]


def test_same_stem_inputs_get_distinct_outputs_and_a_file_named_twice_is_done_once(copy_model, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_text("Tiêu đề\n\nBài văn bản.\n", encoding="utf-8")
    (tmp_path / "in" / "x.md").write_text("# Tiêu đề\n\nBài Markdown.\n", encoding="utf-8")
    text = tmp_path / "in" / "x.txt"
    result = _translate(tmp_path / "in", text, "-o", tmp_path / "out", "--model", copy_model, "-q", "-f", "md")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["x.md.bilingual.md", "x.txt.bilingual.md"]
    assert "Bài Markdown" in (tmp_path / "out" / "x.md.bilingual.md").read_text(encoding="utf-8")
    assert "Bài văn bản" in (tmp_path / "out" / "x.txt.bilingual.md").read_text(encoding="utf-8")


def test_standard_input_is_never_already_done(copy_model, tmp_path):
    """A second article on standard input is not "skipped": its output would replace the first
    article's, so that takes --force, and the refusal says so."""
    out = tmp_path / "out"
    first, second = "Bài thứ nhất về chip.", "Bài thứ hai về trí tuệ nhân tạo."
    args = ["-", "-o", out, "--model", copy_model, "-q", "-f", "md"]
    assert _translate(*args, input=f"Tiêu đề\n\n{first}\n").exit_code == 0
    refused = _translate(*args, input=f"Tiêu đề\n\n{second}\n")
    assert refused.exit_code == ExitCode.OUTPUT and "standard input" in refused.output and "--force" in refused.output
    assert "0 skipped" in refused.output and "1 failed" in refused.output
    assert first in (out / "stdin.bilingual.md").read_text(encoding="utf-8")
    assert _translate(*args, "--force", input=f"Tiêu đề\n\n{second}\n").exit_code == 0
    assert second in (out / "stdin.bilingual.md").read_text(encoding="utf-8")


def test_an_output_path_that_is_a_folder_is_reported(copy_model, tmp_path):
    _articles(tmp_path / "in", 1)
    (tmp_path / "out" / "bai-00.bilingual.md").mkdir(parents=True)
    result = _translate(tmp_path / "in" / "bai-00.txt", "-o", tmp_path / "out", "--model", copy_model, "-q", "-f", "md")
    assert result.exit_code == ExitCode.OUTPUT
    assert "is a folder" in result.output and "skipped" not in result.output.split("vietrans:")[-1]


def test_dash_o_naming_a_file_says_so(copy_model, tmp_path):
    _articles(tmp_path / "in", 1)
    (tmp_path / "report.md").write_text("mine")
    result = _translate(tmp_path / "in", "-o", tmp_path / "report.md", "--model", copy_model, "-q")
    assert result.exit_code == ExitCode.OUTPUT
    assert "is a file; -o takes a folder" in result.output and "File exists" not in result.output
    assert (tmp_path / "report.md").read_text() == "mine"


def test_json_summary_goes_to_stderr_when_the_document_is_on_stdout(copy_model):
    result = CliRunner().invoke(
        main, ["translate", "-", "-f", "md", "--model", str(copy_model), "--json"], input="Tiêu đề\n\nMột câu.\n"
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("# ") and '"sentences"' not in result.stdout
    assert json.loads(result.stderr.strip().splitlines()[-1])["done"] == 1


def test_json_is_printed_when_the_run_fails_outright(tmp_path):
    _articles(tmp_path / "in", 1)
    result = _translate(tmp_path / "in", "-o", tmp_path / "out", "--json", "--no-download")  # no model installed
    assert result.exit_code == ExitCode.MODEL
    summary = json.loads(result.stdout.strip().splitlines()[0])
    assert summary["exit_code"] == ExitCode.MODEL and "model" in summary["error"]


def test_a_closed_pipe_ends_quietly(copy_model, tmp_path):
    """The reader of standard output is gone before the document is written (`| true`)."""
    proc = subprocess.run(
        [
            "bash",
            "-c",
            f"{sys.executable} -m translator translate - -f md --model {copy_model} -q --no-cache | true;"
            " echo ${PIPESTATUS[0]}",
        ],
        input="Tiêu đề\n\nMột câu về chip.\n",
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout.strip() == str(int(ExitCode.BROKEN_PIPE))
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr and "error" not in proc.stderr


def test_not_vietnamese_files_are_reported_as_such(copy_model, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "en.txt").write_text("Chip exports\n\nThe US tightened export controls on chips again.\n")
    result = _translate(tmp_path / "in", "-o", tmp_path / "out", "--model", copy_model, "--non-vietnamese", "skip")
    assert result.exit_code == 0
    assert "does not look like Vietnamese" in result.output
    assert "1 skipped as not Vietnamese" in result.output and "0 skipped (outputs exist" in result.output


def test_outputs_made_with_another_glossary_are_redone_edited_ones_kept(copy_model, tmp_path):
    _articles(tmp_path / "in", 2)
    glossary = tmp_path / "g.tsv"
    glossary.write_text("vi\ten\ntrí tuệ nhân tạo\tAI\n", encoding="utf-8")
    args = [tmp_path / "in", "-o", tmp_path / "out", "--model", copy_model, "-q", "-f", "md", "-g", glossary]
    args += ["--cache", tmp_path / "tm.sqlite3"]
    assert _translate(*args).exit_code == 0
    assert "0 of 2 file(s) translated, 2 skipped" in _translate(*args).output  # nothing changed: nothing redone
    edited = tmp_path / "out" / "bai-01.bilingual.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMy reviewer's note.\n", encoding="utf-8")
    glossary.write_text("vi\ten\ntrí tuệ nhân tạo\tartificial intelligence\n", encoding="utf-8")
    result = _translate(*args)
    assert result.exit_code == 0
    assert "1 of 2 file(s) translated (1 redone" in result.output
    assert "artificial intelligence" in (tmp_path / "out" / "bai-00.bilingual.md").read_text(encoding="utf-8")
    assert "My reviewer's note." in edited.read_text(encoding="utf-8")  # edited by hand: left alone, and said
    [source] = (tmp_path / "in").glob("bai-01.*")
    assert (
        f"{source}: its outputs were made with another model, glossary, options or text, and have been edited "
        "since; left as they are (--force redoes them)\n"
    ) in result.output


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (["--date-style", "dmy"], ["--date-style", "mdy"]),
        ([], ["--no-convert-numbers"]),
    ],
)
def test_outputs_made_with_other_span_options_are_redone(copy_model, tmp_path, first, second):
    """A report written with one date style is stale once another is asked for."""
    path = tmp_path / "bai.txt"
    path.write_text("Hội nghị diễn ra ngày 6/2/2026 với 1.200 đại biểu.\n", encoding="utf-8")
    args = [path, "-o", tmp_path / "out", "--model", copy_model, "-q", "-f", "md", "--cache", tmp_path / "tm"]
    assert _translate(*args, *first).exit_code == 0
    before = (tmp_path / "out" / "bai.bilingual.md").read_text(encoding="utf-8")
    result = _translate(*args, *second)
    assert "(1 redone" in result.output
    assert (tmp_path / "out" / "bai.bilingual.md").read_text(encoding="utf-8") != before


def test_an_edited_adjective_in_a_glossary_redoes_the_outputs(copy_model, tmp_path):
    """Every column that changes what is enforced (here en_adj) is part of the outputs' making."""
    [path] = _articles(tmp_path / "in", 1)
    glossary = tmp_path / "g.tsv"
    glossary.write_text("vi\ten\ten_adj\nSyria\tSyria\tSyrian\n", encoding="utf-8")
    args = [path, "-o", tmp_path / "out", "--model", copy_model, "-q", "-f", "md", "-g", glossary]
    args += ["--cache", tmp_path / "tm"]
    assert _translate(*args).exit_code == 0
    glossary.write_text("vi\ten\ten_adj\nSyria\tSyria\tSyrian|Syrians\n", encoding="utf-8")
    assert "(1 redone" in _translate(*args).output


def test_one_file_named_by_two_paths_is_translated_once(copy_model, tmp_path, monkeypatch):
    [path] = _articles(tmp_path / "in", 1)
    monkeypatch.chdir(tmp_path)
    result = _translate(path, Path("in") / path.name, "in/../in/" + path.name, "-o", "out", "--model", copy_model)
    assert result.exit_code == 0
    assert "1 of 1 file(s) translated" in result.output


def test_outputs_made_from_another_version_of_the_source_are_redone(copy_model, tmp_path):
    [path] = _articles(tmp_path / "in", 1)
    args = [path, "-o", tmp_path / "out", "--model", copy_model, "-q", "-f", "md", "--cache", tmp_path / "tm"]
    assert _translate(*args).exit_code == 0
    path.write_text("Tiêu đề mới\n\nMột câu đã sửa.\n", encoding="utf-8")
    assert "(1 redone" in _translate(*args).output
    assert "Một câu đã sửa." in (tmp_path / "out" / "bai-00.bilingual.md").read_text(encoding="utf-8")


def test_an_interrupted_window_keeps_the_batches_it_finished(random_model, tmp_path):
    """One window of 60 sentences in batches of 2: a SIGTERM midway keeps what was decoded."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):  # long sentences and a wide beam: a random model decodes them slowly enough
        body = " ".join(f"Bài {i} có câu thứ {j} về các biện pháp kiểm soát xuất khẩu chip của Mỹ." for j in range(4))
        (folder / f"bai-{i:02d}.txt").write_text(f"Tiêu đề của bài báo số {i} hôm nay\n\n{body}\n", encoding="utf-8")
    cache = tmp_path / "tm.sqlite3"
    cmd = _cli(str(folder), "-o", str(tmp_path / "out"), "--model", str(random_model), "-q", "--retries", "0")
    cmd += ["--cache", str(cache), "--batch-size", "2", "--beam-size", "8", "--window", "100000", "--no-glossary"]
    cmd += ["--no-protect"]  # nothing placed after the first decoding (a placed sentence counts as translated)
    proc = subprocess.Popen(
        cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_default_signals
    )
    from translator.translate.memory import TranslationMemory

    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        if cache.exists():
            with TranslationMemory(cache) as memory:
                stored = memory.stats()["entries"]
            if stored >= 8:
                break
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.INTERRUPTED, "the batch finished before it could be interrupted"
    with TranslationMemory(cache) as memory:
        kept = memory.stats()["entries"]
    assert 8 <= kept < 60
    rerun = subprocess.run([*cmd, "--json"], env=_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["cached"] >= kept and summary["translated"] == 60 - summary["cached"]


def test_the_json_summary_reports_what_the_run_did(copy_model, tmp_path):
    """``--json`` is read by scripts: every count under its documented name, the failures with
    their messages, and the rate computed from the run's own sentences and seconds."""
    _articles(tmp_path / "in", 2)
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00garbage\xff")
    (tmp_path / "in" / "so.txt").write_text("Doanh thu tăng 12,5% trong quý.\n", encoding="utf-8")
    glossary = tmp_path / "g.tsv"
    glossary.write_text("vi\ten\ntrí tuệ nhân tạo\tAI\n", encoding="utf-8")
    args = [tmp_path / "in", "-o", tmp_path / "out", "--model", copy_model, "-q", "-f", "md", "-g", glossary]
    args += ["--cache", tmp_path / "tm.sqlite3", "--json"]
    first = json.loads(_translate(*args).stdout)
    assert set(first) == {
        "files",
        "done",
        "skipped",
        "redone",
        "not_vietnamese",
        "failed",
        "failures",
        "warnings",
        "sentences",
        "cached",
        "translated",
        "removed_blocks",
        "terms",
        "terms_enforced",
        "flagged_sentences",
        "spans",
        "requests",
        "downloaded",
        "downloaded_bytes",
        "seconds",
        "sentences_per_s",
        "peak_memory_mb",
        "outputs",
    }
    assert (first["files"], first["done"], first["skipped"], first["redone"], first["failed"]) == (4, 3, 0, 0, 1)
    bad = str(tmp_path / "in" / "bad.txt")
    assert first["failures"] == [{"file": bad, "error": f"{bad}: not valid UTF-16 text"}]
    assert (first["sentences"], first["translated"], first["cached"]) == (9, 9, 0)
    assert (first["terms"], first["terms_enforced"]) == (6, 6)
    written = [Path(p) for p in first["outputs"]]
    assert sorted(p.name for p in written) == ["bai-00.bilingual.md", "bai-01.bilingual.md", "so.bilingual.md"]
    flags = sum(p.read_text(encoding="utf-8").count(" ⚠ ") for p in written)  # one mark per flag
    assert first["flagged_sentences"] == flags > 0
    assert first["spans"] == {"percent": {"found": 1, "converted": 1, "kept": 1}}
    assert first["sentences_per_s"] == pytest.approx(first["sentences"] / first["seconds"], rel=0.01)
    glossary.write_text("vi\ten\ntrí tuệ nhân tạo\tartificial intelligence\n", encoding="utf-8")
    again = json.loads(_translate(*args).stdout)
    assert (again["done"], again["skipped"], again["redone"], again["failed"]) == (3, 0, 3, 1)
    assert again["cached"] == 3 and again["translated"] == 6  # sentences without the term: served by the memory
    unchanged = json.loads(_translate(*args).stdout)
    assert (unchanged["done"], unchanged["skipped"], unchanged["redone"], unchanged["outputs"]) == (0, 3, 0, [])


def test_nothing_on_standard_input_is_an_empty_file(copy_model, tmp_path):
    result = _translate("-", "-o", tmp_path / "out", "-f", "md", "-q", "--model", copy_model, input="")
    assert result.exit_code == ExitCode.INPUT
    assert "stdin.txt: the file is empty" in result.output and not (tmp_path / "out").exists()


def test_warnings_and_failures_go_to_stderr_the_summary_to_stdout(copy_model, tmp_path):
    """A script reading stdout gets the summary; a person watching stderr sees what went wrong."""
    english = tmp_path / "in" / "english.txt"
    english.parent.mkdir()
    english.write_text("Chip exports\n\nThe US tightened export controls on chips again this week.\n", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    result = _translate(tmp_path / "in", "-o", tmp_path / "out", "-f", "md", "-q", "--model", copy_model)
    assert result.exit_code == ExitCode.PARTIAL
    assert result.stdout.startswith("wrote ") and "1 of 2 file(s) translated" in result.stdout
    assert "vietrans:" not in result.stdout
    assert "vietrans: warning:" in result.stderr and "does not look like Vietnamese" in result.stderr
    assert "vietrans: failed:" in result.stderr and "the file is empty" in result.stderr
    summary = json.loads(
        _translate(tmp_path / "in", "-o", tmp_path / "out2", "-q", "--model", copy_model, "--json").stdout
    )
    assert summary["warnings"] and summary["failed"] == 1  # with --json, in the JSON


def test_an_unknown_format_from_python_is_one_line(copy_model, tmp_path):
    """The CLI checks formats itself; a script calling translate_files gets the same answer."""
    from translator.errors import OutputError

    with pytest.raises(OutputError, match=r"^unknown format 'pdf'; choose from md, md-en, docx, "):
        translate_files([EXAMPLE], tmp_path, _options(copy_model, formats=("md", "pdf")))


def _damaged_docx(path: Path) -> Path:
    """A Word file whose body was cut short on the way (a download or a copy stopped)."""
    import io
    import zipfile

    import docx

    word = docx.Document()
    word.add_paragraph("Hà Nội là thủ đô của Việt Nam.")
    buffer = io.BytesIO()
    word.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as good, zipfile.ZipFile(path, "w") as bad:
        for item in good.infolist():
            data = good.read(item.filename)
            bad.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    return path


def test_a_damaged_word_file_fails_alone_with_its_reason(copy_model, tmp_path):
    paths = _articles(tmp_path / "in", 2)
    _damaged_docx(tmp_path / "in" / "cut.docx")
    result = CliRunner().invoke(
        main,
        ["translate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "md", "--model", str(copy_model), "-q"],
    )
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert "cut.docx: a damaged Word document (its XML cannot be read" in result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert len(list((tmp_path / "out").glob("*.md"))) == len(paths)


@pytest.mark.parametrize("stage", ["read", "protect", "translate", "write"])
def test_an_unexpected_error_in_one_file_fails_that_file_only(stage, copy_model, tmp_path, monkeypatch):
    """Test double: an internal error cannot be made on purpose once each real one is fixed, so the
    stage raises one (as CTranslate2 did past a model's positions) for the file that holds "HỎNG"."""
    import translator.pipeline as pipeline

    paths = _articles(tmp_path / "in", 3)
    paths[1].write_text("Tiêu đề HỎNG\n\nBài này làm hỏng một bước.\n", encoding="utf-8")

    def broken(function, texts):
        def wrapper(*args, **kwargs):
            if any("HỎNG" in text for text in texts(*args)):
                raise RuntimeError("No position encodings are defined for positions >= 256")
            return function(*args, **kwargs)

        return wrapper

    if stage == "read":
        monkeypatch.setattr(pipeline, "prepare", broken(pipeline.prepare, lambda doc, _: [b.text for b in doc.blocks]))
    elif stage == "protect":  # the glossary's terms and the spans marked before translating
        monkeypatch.setattr(pipeline, "protect", broken(pipeline.protect, lambda doc, *_: [b.text for b in doc.blocks]))
    elif stage == "translate":
        monkeypatch.setattr(
            pipeline._Translator,
            "translate",
            broken(pipeline._Translator.translate, lambda _, sentences, *rest: [s.source for s in sentences]),
        )
    else:
        monkeypatch.setattr(pipeline, "render", broken(pipeline.render, lambda doc, *_: [b.text for b in doc.blocks]))
    args = ["translate", *map(str, paths), "-o", str(tmp_path / "out"), "-f", "md", "--model", str(copy_model)]
    result = CliRunner().invoke(main, [*args, "-q", "--json"])
    assert result.exit_code == ExitCode.PARTIAL, result.output
    summary = json.loads(result.stdout)
    assert summary["done"] == 2 and summary["failed"] == 1 and summary["failures"][0]["file"] == str(paths[1])
    assert summary["failures"][0]["error"] == (
        "internal error: RuntimeError: No position encodings are defined for positions >= 256"
        " (set VIETRANS_DEBUG=1 for details)"
    )
    written = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert written == ["bai-00.bilingual.md", "bai-02.bilingual.md"]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_a_source_table_comes_out_as_a_table_in_the_english_markdown(copy_model, tmp_path, suffix):
    """Read, clean, segment, translate (the copy model) and export: the city and its price stay on one row."""
    rows = [("Thành phố", "Giá xăng"), ("Hà Nội", "25.000 đồng"), ("TP.HCM", "24.500 đồng")]
    story = "Giá xăng hôm nay tăng nhẹ ở hầu hết các thành phố lớn trên cả nước."
    if suffix == ".md":
        table = "\n".join(f"| {a} | {b} |" for a, b in rows[:1]) + "\n| --- | --- |\n"
        text = f"# Giá xăng tăng\n\n{story}\n\n{table}" + "\n".join(f"| {a} | {b} |" for a, b in rows[1:]) + "\n"
    else:
        cells = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
        body = f"<p>{story}</p>" * 3 + f"<table>{cells}</table>"  # long enough for trafilatura's own reading
        text = f"<html><body><h1>Giá xăng tăng</h1><main>{body}</main></body></html>"
    (tmp_path / f"a{suffix}").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["translate", str(tmp_path / f"a{suffix}"), "-o", str(tmp_path), "-m", str(copy_model), "-q", "-f", "md-en"],
    )
    assert result.exit_code == 0, result.output
    story_part = (tmp_path / "a.en.md").read_text(encoding="utf-8").split("## Glossary terms")[0]
    lines = [line for line in story_part.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    grid = [[c.split(" ⚠")[0].strip() for c in line.strip("|").split("|")] for line in lines]  # flags aside

    def letters(cell: str) -> str:  # "Hà Nội" (the copy model's) and "Hanoi" (the glossary's) alike
        return "".join(c for c in unicodedata.normalize("NFD", cell.lower()) if c.isalpha() and c.isascii())

    assert grid[0][0] == "Thành phố" and letters(grid[1][0]).startswith("hanoi") and "Minh" in grid[2][0]
    assert len(grid) == 3 and {len(row) for row in grid} == {2}
    assert grid[1][1].startswith("25") and grid[2][1].startswith("24")  # each price beside its city


def test_two_inputs_with_one_output_name_fail_the_second_with_the_reason(copy_model, tmp_path):
    """``a/x.txt`` and ``b/x.txt`` would both write ``out/x.bilingual.md``: the first is
    translated, the second fails saying whose output it is, and nothing is overwritten."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"Tiêu đề\n\nBài trong thư mục {folder}.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = translate_files([tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"], out, _options(copy_model))
    assert (result.done, result.outputs) == (1, [str(out / "x.bilingual.md")])
    assert result.failures == [
        (
            str(tmp_path / "b" / "x.txt"),
            f"{out / 'x.bilingual.md'} is also the output of {tmp_path / 'a' / 'x.txt'}; translate it apart",
        )
    ]
    assert "thư mục a" in (out / "x.bilingual.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("use_cache", [True, False])
def test_an_output_vietrans_did_not_write_is_left_alone_and_counted_skipped(copy_model, tmp_path, use_cache):
    """A file already at an output's name that this memory has no record of (the user's own,
    or made without the memory) is never overwritten without --force."""
    (path,) = _articles(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    (out / "bai-00.bilingual.md").write_text("mine", encoding="utf-8")
    result = translate_files([path], out, _options(copy_model, use_cache=use_cache))
    assert (result.skipped, result.done, result.outputs, result.warnings) == (1, 0, [], [])
    assert (out / "bai-00.bilingual.md").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("use_glossary", [True, False])
def test_a_word_report_names_the_glossaries_it_was_made_with(copy_model, tmp_path, use_glossary):
    """The cover says which glossaries enforced the terms (their size and digest), or none."""
    import re

    import docx

    translate_files([EXAMPLE], tmp_path, _options(copy_model, formats=("docx",), use_glossary=use_glossary))
    [report] = tmp_path.glob("*.docx")
    named = [p.text for p in docx.Document(str(report)).paragraphs if p.text.startswith("Glossaries: ")]
    assert len(named) == use_glossary and all(re.fullmatch(r"Glossaries: \d+ terms \([0-9a-f]+\)", n) for n in named)


def test_segment_gives_code_one_verbatim_sentence_and_text_its_sentences():
    """Code is never sent to the model: it is its own translation, as it was, newlines and all."""
    from translator.document import Block, BlockKind, Document, Sentence
    from translator.pipeline import segment

    doc = Document(
        blocks=[
            Block(BlockKind.PARAGRAPH, "Giá xăng tăng. Giá điện giảm."),
            Block(BlockKind.CODE, "x = 1  # Giá.\ny = 2"),
        ]
    )
    assert segment(doc) is doc
    assert [b.sentences for b in doc.blocks] == [
        [Sentence("Giá xăng tăng."), Sentence("Giá điện giảm.")],
        [Sentence("x = 1  # Giá.\ny = 2", translation="x = 1  # Giá.\ny = 2", verbatim=True)],
    ]


@pytest.mark.parametrize("is_test", [False, True])
def test_stamp_signs_every_export_with_what_made_it(is_test):
    """The model, the day, the version and the decoding options; a test model says so besides."""
    import datetime as dt
    from types import SimpleNamespace

    from translator import __version__
    from translator.document import Document
    from translator.engines.ct2 import DecodeOptions
    from translator.pipeline import stamp

    doc = Document(meta={"source_file": "a.txt"})
    stamp(doc, SimpleNamespace(label="vi→en 1.9", is_test=is_test), DecodeOptions(beam_size=3))
    assert doc.meta == {
        "source_file": "a.txt",
        "model": "vi→en 1.9",
        "translated": dt.date.today().isoformat(),
        "vietrans": __version__,
        "decoding": DecodeOptions(beam_size=3).key(),
        **({"test_model": "yes"} if is_test else {}),
    }


def test_standard_input_to_standard_output_in_two_formats_is_refused_from_python(copy_model, monkeypatch):
    from translator.errors import OutputError

    monkeypatch.setattr(sys, "stdin", SimpleStdin(b"Xin chao.\n"))
    with pytest.raises(OutputError) as raised:
        translate_files(["-"], None, _options(copy_model, formats=("md", "md-en")))
    assert str(raised.value) == "standard input goes to standard output in one format: use -f md, or -o DIR"


class SimpleStdin:
    """Standard input as a test gives it: its bytes under ``buffer``."""

    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


def test_a_run_wide_error_stops_the_run_rather_than_failing_a_file(copy_model, tmp_path, monkeypatch):
    """A model or cluster error would fail every file alike: it ends the run, in its own words."""
    import translator.pipeline as pipeline
    from translator.errors import ModelError

    def lost(*args, **kwargs):
        raise ModelError("the model server went away")

    monkeypatch.setattr(pipeline._Translator, "translate", lost)
    with pytest.raises(ModelError) as raised:
        translate_files(_articles(tmp_path / "in", 2), tmp_path / "out", _options(copy_model))
    assert str(raised.value) == "the model server went away"
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_only_the_missing_outputs_of_a_file_are_written(copy_model, tmp_path):
    """An output already there (the user's, here) is kept; the formats that are missing are made."""
    (path,) = _articles(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    (out / "bai-00.bilingual.md").write_text("mine", encoding="utf-8")
    result = translate_files([path], out, _options(copy_model, formats=("md", "md-en")))
    assert (result.done, result.skipped, result.outputs) == (1, 0, [str(out / "bai-00.en.md")])
    assert (out / "bai-00.bilingual.md").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["bai-00.bilingual.md", "bai-00.en.md"]


def test_with_a_progress_bar_a_file_that_cannot_be_read_fails_alone(copy_model, tmp_path):
    """The first pass, which counts sentences for the bar, reads every file: a bad one fails there, once."""
    paths = _articles(tmp_path / "in", 2)
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage\xff")
    result = translate_files([bad, *paths], tmp_path / "out", _options(copy_model, progress=True))
    assert (result.files, result.done, result.failures) == (3, 2, [(str(bad), f"{bad}: not valid UTF-16 text")])
