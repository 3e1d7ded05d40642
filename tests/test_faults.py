"""Bad input, faults and interruptions: each gets one clear line and its exit code, or a warning.

Every case drives the real CLI (click's runner in process, or a subprocess where a signal or a
resource limit is involved).
"""

import os
import random
import resource
import signal
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from translator.cli import main
from translator.engines import EngineSpec
from translator.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
VIETNAMESE = "Hà Nội là thủ đô của Việt Nam. Thành phố có hơn tám triệu dân và nhiều di tích lịch sử.\n"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def translate(path, out, model, *extra):
    return run("translate", path, "-o", out, "--model", model, "-f", "md", "-q", *extra)


def _one_line_error(result, code):
    assert result.exit_code == code, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("vietrans:")]
    assert errors and "Traceback" not in result.output
    return errors[0]


# --- input -----------------------------------------------------------------------------------------


def test_missing_path(copy_model, tmp_path):
    assert "no such file" in _one_line_error(translate(tmp_path / "nope.txt", tmp_path, copy_model), ExitCode.INPUT)


def test_folder_without_articles(copy_model, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.png").write_bytes(b"\x89PNG")
    result = translate(tmp_path / "in", tmp_path / "out", copy_model)
    message = _one_line_error(result, ExitCode.INPUT)
    assert "no articles (.txt, .text, .md, .markdown, .html, .htm, .docx, .odt, .pdf) in this folder" in message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\t \n", "the file is empty"),
        (b"%PDF-1.7 binary", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n....", "a PNG image"),
        (b"PK\x03\x04 zipped", "a zip archive"),
        (os.urandom(2048).replace(b"\x00", b"\x01")[:1000] + b"\x00\x00\xff", "binary data, not text"),
        (bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(3000)), "not valid UTF-8 text"),
    ],
    ids=["empty", "whitespace", "pdf", "png", "zip", "random-bytes", "random-high-bytes"],
)
def test_not_an_article(data, message, copy_model, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert message in _one_line_error(translate(path, tmp_path, copy_model), ExitCode.INPUT)


def test_windows_1258_is_converted_with_a_warning(copy_model, tmp_path):
    from tests.read.test_html import _cp1258

    path = tmp_path / "old.txt"
    path.write_bytes(_cp1258(VIETNAMESE))
    result = translate(path, tmp_path, copy_model, "--no-glossary")
    assert result.exit_code == 0, result.output
    assert "converted from Windows-1258" in result.output
    assert "Hà Nội là thủ đô" in (tmp_path / "old.bilingual.md").read_text(encoding="utf-8")


def _as_windows_shows(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def test_latin1_mojibake_is_repaired(copy_model, tmp_path):
    path = tmp_path / "moji.txt"
    shown = "".join(_as_windows_shows(b) for b in VIETNAMESE.encode("utf-8"))  # "Hà Nội" → "HÃ  Ná»™i"
    path.write_text(shown, encoding="utf-8")
    result = translate(path, tmp_path, copy_model, "--no-glossary")
    assert result.exit_code == 0 and "mis-decoded" in result.output
    assert "Hà Nội" in (tmp_path / "moji.bilingual.md").read_text(encoding="utf-8")


def test_legacy_font_encoding_is_refused_with_the_reason(copy_model, tmp_path):
    path = tmp_path / "tcvn3.txt"
    path.write_text(
        "Hµ Néi lµ thñ ®« cña ViÖt Nam. Thµnh phè cã h¬n t¸m triÖu d©n vµ nhiÒu di tÝch lÞch sö. " * 3, encoding="utf-8"
    )
    assert "TCVN3/VNI" in _one_line_error(translate(path, tmp_path, copy_model), ExitCode.INPUT)


def test_utf16_without_bom(copy_model, tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(VIETNAMESE.encode("utf-16-le"))
    result = translate(path, tmp_path, copy_model, "--no-glossary")
    assert result.exit_code == 0, result.output
    assert "thủ đô" in (tmp_path / "u16.bilingual.md").read_text(encoding="utf-8")


def test_a_huge_file_is_refused_unless_allowed(copy_model, tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB of zero bytes: size is checked before anything is read
    assert "50 MB" in _one_line_error(translate(path, tmp_path, copy_model), ExitCode.INPUT)


def test_a_5000_word_sentence_is_translated_in_pieces_not_truncated(copy_model, tmp_path):
    path = tmp_path / "long.txt"
    words = " ".join(f"từ{i % 50}" for i in range(5000))
    path.write_text(f"Tiêu đề\n\n{words}\n", encoding="utf-8")
    result = translate(path, tmp_path, copy_model, "--no-glossary", "--no-protect")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "long.bilingual.md").read_text(encoding="utf-8")
    assert "very long sentence, translated in" in text
    row = next(line for line in text.splitlines() if "từ0 từ1 từ2" in line)
    english = row.split(" | ")[1].strip("*")
    assert english.split()[:3] == ["từ0", "từ1", "từ2"] and english.count("từ") == 5000  # nothing lost


@pytest.mark.parametrize("token", ["A" * 3000, "https://example.vn/" + "x9" * 1500, "dữliệu" * 500])
def test_a_token_too_long_for_the_model_is_passed_through_whole_and_flagged(copy_model, tmp_path, token):
    path = tmp_path / "token.txt"
    path.write_text(f"Tiêu đề\n\nMã lỗi là {token} theo báo cáo.\n", encoding="utf-8")
    result = run("translate", path, "-o", tmp_path, "--model", copy_model, "-f", "jsonl", "-q", "--no-glossary")
    assert result.exit_code == 0, result.output
    import json

    rows = [json.loads(line) for line in (tmp_path / "token.jsonl").read_text(encoding="utf-8").splitlines()]
    row = next(r for r in rows if "Mã lỗi" in r.get("source", ""))
    assert token in row["target"]
    assert any("passed through untranslated" in flag for flag in row["flags"])


def test_text_that_is_not_vietnamese_warns_or_is_skipped(copy_model, tmp_path):
    path = tmp_path / "english.txt"
    path.write_text("The quick brown fox jumps over the lazy dog. " * 20, encoding="utf-8")
    warned = translate(path, tmp_path / "a", copy_model)
    assert warned.exit_code == 0 and "does not look like Vietnamese" in warned.output
    skipped = translate(path, tmp_path / "b", copy_model, "--non-vietnamese", "skip")
    assert skipped.exit_code == 0 and not (tmp_path / "b").exists()


def test_symlink_loops_are_not_followed(copy_model, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(VIETNAMESE, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    result = translate(folder, tmp_path / "out", copy_model)
    assert result.exit_code == 0 and "1 of 1 file(s)" in result.output


# --- model -----------------------------------------------------------------------------------------


def test_no_model_installed(tmp_path):
    message = _one_line_error(run("translate", EXAMPLE, "-o", tmp_path / "o", "-q"), ExitCode.MODEL)
    assert "vietrans models install" in message


def test_corrupt_or_truncated_package(random_model, tmp_path):
    truncated = tmp_path / "t.argosmodel"
    truncated.write_bytes(random_model.read_bytes()[:5000])
    assert "not a zip archive" in _one_line_error(translate(EXAMPLE, tmp_path, truncated), ExitCode.MODEL)
    damaged = tmp_path / "d.argosmodel"  # whole, but a member's bytes changed: its CRC fails
    data = bytearray(random_model.read_bytes())
    start = data.find(b"model.bin") + 200
    data[start : start + 64] = bytes(64)
    damaged.write_bytes(bytes(data))
    assert "damaged archive" in _one_line_error(translate(EXAMPLE, tmp_path, damaged), ExitCode.MODEL)


def test_wrong_language_pair_and_missing_file(random_model, tmp_path):
    from tests.engines.test_packages import _rezip

    wrong = _rezip(random_model, tmp_path / "w.argosmodel", meta={"from_code": "en", "to_code": "de"})
    assert "vietrans needs vi→en" in _one_line_error(translate(EXAMPLE, tmp_path, wrong), ExitCode.MODEL)
    folder = tmp_path / "pkg"
    with zipfile.ZipFile(random_model) as zf:
        zf.extractall(folder)
    package = next(folder.iterdir())
    (package / "sentencepiece.model").unlink()
    assert "sentencepiece.model is missing" in _one_line_error(translate(EXAMPLE, tmp_path, package), ExitCode.MODEL)


def test_out_of_memory_falls_back_to_smaller_batches(copy_model):
    """CTranslate2 cannot be made to run out of memory here on purpose: a test double raises its
    error for batches of more than two sentences, and the engine must still translate everything."""
    from translator.engines import packages as models
    from translator.engines.ct2 import DecodeOptions, Engine

    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(batch_size=8, beam_size=1))
    real = engine._translator

    settings = []

    class Small:
        def translate_batch(self, batch, **kw):
            if len(batch) > 2:
                raise RuntimeError("CUDA failed with error out of memory")
            settings.append({k: v for k, v in kw.items() if k not in ("target_prefix", "max_batch_size")})
            return real.translate_batch(batch, **kw)

    engine._translator = Small()
    sentences = [f"Câu số {i} về kinh tế." for i in range(7)]
    assert [t.text for t in engine.translate(sentences)] == sentences
    assert len(settings) >= 4 and all(s == settings[0] for s in settings)  # every half decoded as the whole


# --- glossary --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("vi\ten\nmột\n".encode(), "bad.tsv:2: both the Vietnamese"),
        ("vi\ten\ten\nmột\tone\n".encode(), "bad.tsv:1: duplicate column"),
        (b"vi\ten\nm\xf4\xf4t\tone\n", "not UTF-8"),  # (UTF-16, as Excel saves it, is read)
    ],
)
def test_bad_glossaries(content, message, copy_model, tmp_path):
    glossary = tmp_path / "bad.tsv"
    glossary.write_bytes(content)
    result = translate(EXAMPLE, tmp_path, copy_model, "-g", glossary)
    assert message in _one_line_error(result, ExitCode.GLOSSARY)


# --- output ----------------------------------------------------------------------------------------


def test_output_folder_not_writable(copy_model, tmp_path):
    if os.geteuid() == 0:
        target = Path("/proc/vietrans-cannot-write-here")  # root may write anywhere else
    else:
        target = tmp_path / "ro"
        target.mkdir(mode=0o500)
    result = translate(EXAMPLE, target, copy_model)
    assert "cannot write" in _one_line_error(result, ExitCode.OUTPUT)


def test_disk_full_leaves_no_broken_file(copy_model, tmp_path):
    """A file-size limit stands in for a full disk: the write fails, one line says so, nothing half-written."""
    from translator.engines import packages as models

    out = tmp_path / "out"
    unpacked = models.resolve(str(copy_model)).path  # unpacked first: the limit is for the outputs

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    from tests.test_pipeline import _cli, _env

    def translate(*extra: str, full: bool) -> subprocess.CompletedProcess:
        command = _cli(str(EXAMPLE), "-o", str(out), "--model", str(unpacked), "-q", "--no-cache", *extra)
        return subprocess.run(
            command, env=_env(), capture_output=True, text=True, preexec_fn=limit if full else None, timeout=300
        )

    proc = translate(full=True)
    assert proc.returncode == ExitCode.OUTPUT, proc.stderr
    assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".") or p.stat().st_size == 0]
    # An overwrite that fails leaves the previous outputs exactly as they were.
    done = translate("--force", full=False)
    assert done.returncode == 0, done.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    proc = translate("--force", full=True)
    assert proc.returncode == ExitCode.OUTPUT, proc.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_existing_output_and_two_inputs_one_output(copy_model, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "same.txt").write_text(VIETNAMESE, encoding="utf-8")
    result = run(
        "translate",
        tmp_path / "a" / "same.txt",
        tmp_path / "b" / "same.txt",
        "-o",
        tmp_path / "o",
        "--model",
        copy_model,
        "-q",
    )
    # The first is translated; the second is reported, and the batch goes on.
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert (tmp_path / "o" / "same.bilingual.md").is_file()
    failed = [line for line in result.output.splitlines() if line.startswith("vietrans: failed:")]
    assert len(failed) == 1 and str(tmp_path / "b" / "same.txt") in failed[0] and "also the output of" in failed[0]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_batch_leaves_no_partial_files_and_a_usable_cache(sig, random_model, tmp_path):
    from tests.test_pipeline import _articles, _cli, _env, stop_midway

    _articles(tmp_path / "in", 12, sentences=6)
    out, cache = tmp_path / "out", tmp_path / "tm.sqlite3"
    cmd = _cli(
        str(tmp_path / "in"), "-o", str(out), "--model", str(random_model), "--window", "6", "-q", "--cache", str(cache)
    )
    code, stderr = stop_midway(cmd, out, sig, outputs=2)
    assert code == ExitCode.INTERRUPTED, stderr
    assert "vietrans: interrupted" in stderr and "Traceback" not in stderr
    assert not list(out.glob(".*.part"))
    assert 2 <= len(list(out.glob("*.docx"))) < 12  # stopped midway, not at the end
    rerun = subprocess.run(cmd, env=_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr


# --- the model's own failures ----------------------------------------------------------------------


def test_looping_output_is_retried_with_safer_decoding_and_flagged(random_model, tmp_path, monkeypatch):
    from translator.engines import ct2 as engine_module
    from translator.pipeline import Options, translate_files

    calls = []
    original = engine_module.Engine.translate

    def spy(self, sources, progress=None, safer=False, done=None, prefixes=None):
        calls.append(safer)
        return original(self, sources, progress, safer, done, prefixes)

    monkeypatch.setattr(engine_module.Engine, "translate", spy)
    result = translate_files(
        [EXAMPLE],
        tmp_path,
        Options(formats=("md",), engine=EngineSpec(model=str(random_model)), progress=False, use_cache=False),
    )
    assert calls[0] is False and True in calls  # a retry with safer options
    text = (tmp_path / f"{EXAMPLE.stem}.bilingual.md").read_text(encoding="utf-8")
    assert "⚠ *repetition loop*" in text or "⚠ *low model score*" in text
    assert result.flagged > 0
