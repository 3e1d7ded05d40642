"""Batches: folders, globs, stdin, failures, windows, the translation memory, resume and concurrency."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from translator.cli import main
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
    return Options(formats=("md",), model=str(model), progress=False, **kw)


def test_folders_mirror_their_tree_and_skip_hidden_and_our_outputs(copy_model, tmp_path):
    src = tmp_path / "in"
    _articles(src / "a", 2)
    _articles(src / "b" / "c", 1)
    (src / ".hidden.txt").write_text("Ẩn.")
    (src / "x.bilingual.md").write_text("old output")
    (src / "notes.pdf").write_bytes(b"%PDF")
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
    assert summary["failures"][0]["file"].endswith("bad.txt")
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

    import translator.pipeline

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every sentence was cached")

    monkeypatch.setattr(translator.pipeline, "Engine", no_model)
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


def stop_midway(cmd: list[str], out: Path, sig: int, outputs: int) -> tuple[int, str]:
    """Run a batch, send ``sig`` once ``outputs`` DOCX files exist; its exit code and stderr."""
    proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while len(list(out.glob("*.docx"))) < outputs and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
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
    from translator.cache import TranslationMemory

    with TranslationMemory(cache) as memory:
        assert memory.stats()["entries"] == 6 * 5  # 6 articles × (title + 4 sentences), each once
    again = translate_files(paths, tmp_path / "out3", _options(random_model, cache=cache))
    assert again.translated == 0


@pytest.mark.parametrize("inputs", [[], ["-", "-"]])
def test_bad_invocations(inputs, tmp_path):
    result = CliRunner().invoke(main, ["translate", *inputs], input="")
    assert result.exit_code != 0


def test_example_through_the_pipeline_api(copy_model, tmp_path):
    result = translate_files([EXAMPLE], tmp_path, Options(model=str(copy_model), progress=False))
    assert result.done == 1 and len(result.outputs) == 2 and result.peak_memory_mb > 0


def test_with_a_progress_bar_small_batches_are_read_once(copy_model, tmp_path, monkeypatch):
    import translator.pipeline

    paths = _articles(tmp_path / "in", 3)
    reads = []
    original = translator.pipeline.read_article
    monkeypatch.setattr(translator.pipeline, "read_article", lambda *a: reads.append(a[0]) or original(*a))
    result = translate_files(paths, tmp_path / "out", Options(formats=("md",), model=str(copy_model), progress=True))
    assert result.done == 3 and sorted(reads) == sorted(map(str, paths))
    reads.clear()
    big = Options(formats=("md",), model=str(copy_model), progress=True, window_sentences=5, force=True)
    translate_files(paths, tmp_path / "out", big)
    assert len(reads) > 3  # beyond the window, later files are read again rather than held
