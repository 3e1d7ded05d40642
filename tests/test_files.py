"""Writing files: whole or not at all, with the mode an ordinary write gives, through links,
and with names up to the file system's limit."""

import hashlib
import os
import stat

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from translator.cli import main
from translator.errors import GlossaryError, OutputError
from translator.files import NAME_MAX, fit_name, read_bytes, write_bytes


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_mode(tmp_path, umask_022):
    assert _mode(write_bytes(b"x", tmp_path / "a.txt")) == 0o644
    os.umask(0o027)
    assert _mode(write_bytes(b"x", tmp_path / "b.txt")) == 0o640


def test_an_existing_file_keeps_its_mode(tmp_path, umask_022):
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o664)
    write_bytes(b"new", target, force=True)
    assert target.read_bytes() == b"new" and _mode(target) == 0o664


def test_reports_written_by_the_cli_are_readable_by_others(copy_model, tmp_path, umask_022):
    result = CliRunner().invoke(
        main, ["translate", str(EXAMPLE), "-o", str(tmp_path), "--model", str(copy_model), "-q", "-f", "md,docx,tmx"]
    )
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.glob("chip*") if p.is_file()]
    assert len(written) == 3 and all(_mode(p) == 0o644 for p in written)


def test_an_existing_file_is_never_overwritten_unless_forced(tmp_path):
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    target.write_text("the user's own")
    with pytest.raises(OutputError, match=r"report\.md exists; add --force to overwrite it$"):
        write_bytes(b"new", target)
    assert target.read_text() == "the user's own"
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]  # no temporary left either


def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_bytes(b"new", link, force=True)
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_failed_overwrite_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "report.md"
    target.write_text("previous")

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError) as raised:
        write_bytes(b"new", target, force=True)
    assert str(raised.value) == f"{target}: cannot write (No space left on device)"
    assert target.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_temporary_files_of_a_killed_run_are_cleared_and_others_kept(tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "report.md"
    write_bytes(b"first", target)
    stale = [p for p in tmp_path.iterdir() if p.name != "report.md"]
    assert not stale

    def hidden(name: str) -> str:  # a temporary file's name, fixed so any version clears another's leftovers
        return f".vt-{hashlib.sha256(name.encode()).hexdigest()[:10]}-"

    leftover = tmp_path / f"{hidden('report.md')}dead.part"  # what a SIGKILL mid-write leaves
    leftover.write_text("half")
    other = tmp_path / f"{hidden('other.md')}dead.part"
    other.write_text("another target's, being written")
    write_bytes(b"second", target, force=True)
    assert not leftover.exists() and other.exists()


def test_a_name_at_the_limit_can_be_written(tmp_path):
    name = "b" * (NAME_MAX - 3) + ".md"
    assert len(name.encode()) == NAME_MAX
    assert write_bytes(b"x", tmp_path / name).read_bytes() == b"x"


def test_too_long_names_are_shortened_keeping_the_suffix():
    stem = "Trí tuệ nhân tạo " * 20  # 3-byte letters: far over the limit
    name = fit_name(stem + ".bilingual.docx", keep=".bilingual.docx")
    assert len(name.encode()) <= NAME_MAX and name.endswith(".bilingual.docx")
    assert name != fit_name(stem + "x.bilingual.docx", keep=".bilingual.docx")  # distinct inputs, distinct names


def test_long_input_names_translate(copy_model, tmp_path):
    source = tmp_path / ("bài-báo-" * 25 + ".txt")
    assert len(source.name.encode()) < NAME_MAX
    source.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["translate", str(source), "-o", str(out), "--model", str(copy_model), "-q", "-f", "docx,md"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".md"]
    assert all(len(p.name.encode()) <= NAME_MAX for p in out.iterdir())


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("folder", "{tmp}/folder is a folder, not a file"),
        ("file/x.md", "{tmp}/file: a file is in the way of the output folder"),
        ("file/sub/x.md", "{tmp}/file/sub/x.md: a part of the path is a file, not a folder"),
    ],
)
def test_a_target_that_cannot_be_a_file_is_one_line(tmp_path, target, message):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError) as raised:
        write_bytes(b"new", tmp_path / target, force=True)
    assert str(raised.value) == message.format(tmp=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "folder"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("none.tsv", "{tmp}/none.tsv: no such file"),
        ("folder", "{tmp}/folder: is a folder, not a glossary"),
        ("file/x.tsv", "{tmp}/file/x.tsv: cannot read (Not a directory)"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_line_of_the_callers_kind(tmp_path, path, message):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    assert read_bytes(tmp_path / "file", GlossaryError, "a glossary") == b"x"
    with pytest.raises(GlossaryError) as raised:
        read_bytes(tmp_path / path, GlossaryError, "a glossary")
    assert str(raised.value) == message.format(tmp=tmp_path)


@pytest.mark.parametrize(
    ("name", "keep", "fitted"),
    [
        ("a" * 252 + ".md", ".md", "a" * 252 + ".md"),  # at the limit: as it is
        ("a" * 253 + ".md", ".md", "a" * 243 + "~0db00629.md"),  # one over: cut, the hash after
        ("a" * 300, ".md", "a" * 246 + "~9835fa6b"),  # the suffix to keep is not there: all is stem
        ("ả" * 100 + ".bilingual.md", ".bilingual.md", "ả" * 77 + "~593093dc.bilingual.md"),  # whole letters only
    ],
)
def test_a_name_is_fitted_whole_letters_and_a_hash_of_what_was_cut(name, keep, fitted):
    assert fit_name(name, keep) == fitted
    assert len(fitted.encode()) <= NAME_MAX
