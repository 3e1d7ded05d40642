import contextlib
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engines import raises_line
from translator.engines import packages as models
from translator.errors import ExitCode, ModelError, NetworkError


def _rezip(src: Path, dest: Path, drop: str = "", rename_top: str = "", meta: dict | None = None) -> Path:
    """Copy a package archive with one thing broken."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for item in zin.infolist():
            name = item.filename
            if drop and name.endswith(drop):
                continue
            data = zin.read(name)
            if meta is not None and name.endswith("/metadata.json"):
                data = json.dumps({**json.loads(data), **meta}).encode()
            if rename_top and name.endswith("sentencepiece.model"):
                zout.writestr(name, data)
                name = rename_top + "/" + name.split("/", 1)[1]
            zout.writestr(name, data)
    return dest


def test_install_list_remove(random_model, package_dir):
    package = models.install_file(random_model)
    assert package.path.parent == package_dir
    assert package.is_test and (package.from_code, package.to_code) == ("vi", "en")
    assert [p.name for p in models.scan()[0]] == [package.name]
    assert models.resolve() == package
    assert models.remove(package.name) == package.path
    assert not package.path.exists()
    with raises_line(ModelError, f"no vi→en model installed; install one with: {models.INSTALL_HINT}"):
        models.resolve()


def test_reinstall_needs_force(random_model):
    models.install_file(random_model)
    with pytest.raises(ModelError, match="already installed"):
        models.install_file(random_model)
    assert models.install_file(random_model, force=True).path.is_dir()


def test_packages_installed_by_argospm_are_found(random_model, package_dir):
    with zipfile.ZipFile(random_model) as zf:  # what argospm's install_from_path does
        zf.extractall(package_dir)
    assert len(models.installed_pair()) == 1


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ({"drop": "model.bin"}, "model/model.bin is missing"),
        ({"drop": "sentencepiece.model"}, "sentencepiece.model is missing"),
        ({"drop": "metadata.json"}, "no .*metadata.json"),
        ({"meta": {"from_code": "en", "to_code": "vi"}}, "translates en→vi"),
        ({"rename_top": "other"}, "exactly one top folder"),
    ],
)
def test_broken_archives_are_refused_with_a_reason(random_model, tmp_path, package_dir, breakage, message):
    broken = _rezip(random_model, tmp_path / "broken.argosmodel", **breakage)
    with pytest.raises(ModelError, match=message):
        models.install_file(broken)
    assert list(package_dir.iterdir()) == []


def test_not_a_zip_and_truncated_zip(random_model, tmp_path):
    text = tmp_path / "text.argosmodel"
    text.write_text("hello")
    with pytest.raises(ModelError, match="not a zip"):
        models.install_file(text)
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(random_model.read_bytes()[: random_model.stat().st_size // 2])
    with pytest.raises(ModelError, match="not an Argos package \\(not a zip archive\\)"):
        models.install_file(truncated)


def test_broken_installed_folder_is_listed_not_fatal(random_model, package_dir, monkeypatch, tmp_path):
    """A broken folder is listed with why; a package folder that is not there (yet) is passed over."""
    from argostranslate import settings

    (package_dir / "half-deleted").mkdir()
    package = models.install_file(random_model)
    monkeypatch.setattr(settings, "package_dirs", [tmp_path / "not-made-yet", package_dir])
    half = package_dir / "half-deleted"
    assert models.scan() == ([package], [(half, f"{half}: not an Argos package (no metadata.json)")])


def test_files_and_hidden_folders_beside_the_packages_are_passed_over(random_model, package_dir):
    """A download in progress (``.partial``), a Finder file, a note: none of them stops the scan."""
    (package_dir / ".partial").mkdir()
    (package_dir / ".DS_Store").write_bytes(b"\0")
    (package_dir / "README.txt").write_text("my models", encoding="utf-8")
    package = models.install_file(random_model)
    assert models.scan() == ([package], [])


@pytest.mark.parametrize("how", ["install", "resolve"])
def test_a_package_is_unpacked_beside_its_place_and_renamed_into_it(random_model, monkeypatch, how):
    """The unpacked copy is staged in a hidden folder of the destination's own folder, so the final
    rename is atomic (same filesystem): no run ever sees a half-written package under its name."""
    staged: list[Path] = []
    check = models._check_pair

    def spy(package, where):  # test double: notes where the unpacked copy is checked, then checks it
        staged.append(package.path)
        return check(package, where)

    monkeypatch.setattr(models, "_check_pair", spy)
    package = models.install_file(random_model) if how == "install" else models.resolve(str(random_model))
    (copy,) = staged
    assert (copy.parent.parent, copy.name) == (package.path.parent, package.path.name)
    assert copy.parent.name.startswith(".installing-")
    assert [p.name for p in package.path.parent.iterdir()] == [package.path.name]  # no staging left


def test_resolve_a_file_unpacks_once_into_the_cache(random_model):
    first = models.resolve(str(random_model))
    assert first.name == "translate-vi_en-vietrans-test-random"
    assert models.resolve(str(random_model)).path == first.path
    assert models.resolve(str(first.path)) == first  # a package folder works too


def test_a_broken_unpacked_copy_is_unpacked_again(random_model):
    first = models.resolve(str(random_model))
    (first.model_dir / "model.bin").unlink()  # a disk that filled up, a cleaner that went too far
    again = models.resolve(str(random_model))
    assert again.path == first.path and (again.model_dir / "model.bin").is_file()


def test_another_runs_unpacking_in_progress_is_left_alone(random_model):
    """Two runs started at once with the same --model FILE: the second finds the first's staging
    folder half-written.  It must neither load it nor delete it (the first would then fail)."""
    first = models.resolve(str(random_model))
    cache = first.path.parent
    import shutil

    shutil.rmtree(first.path)  # the first run has not renamed its copy into place yet...
    staging = cache / ".installing-abc123"
    (staging / first.path.name).mkdir(parents=True)  # ...and is still extracting into its staging folder
    (staging / first.path.name / "metadata.json").write_text("{")
    again = models.resolve(str(random_model))
    assert again.path == first.path and (again.model_dir / "model.bin").is_file()
    assert (staging / first.path.name / "metadata.json").read_text() == "{"  # untouched


def test_a_copy_another_process_unpacked_meanwhile_is_kept(random_model, monkeypatch):
    """Two runs given the same file at once: the second finds the first's copy in place and uses
    it, rather than pulling it from under the first."""
    import shutil

    first = models.resolve(str(random_model))
    kept = first.path.parent.parent / "kept"
    shutil.move(first.path.parent, kept)
    (kept / first.path.name / "written-by-the-other-run").touch()
    validate = models._validate_archive

    def meanwhile(archive):  # the other run finishes unpacking between our look and our rename
        top = validate(archive)
        shutil.copytree(kept, first.path.parent)
        return top

    monkeypatch.setattr(models, "_validate_archive", meanwhile)
    assert models.resolve(str(random_model)).path == first.path
    assert (first.path / "written-by-the-other-run").is_file()


def _serve_index(model, folder, monkeypatch) -> tuple[Path, dict]:
    """A package index at a file:// URL listing ``model`` as vi→en, so no network is needed."""
    from argostranslate import settings

    entry = {
        "from_code": "vi",
        "to_code": "en",
        "package_version": "0.1",
        "argos_version": "1.9",
        "links": [model.as_uri()],
        "code": "translate-vi_en",
        "type": "translate",
    }
    index = folder / "index.json"
    index.write_text(json.dumps([entry]))
    monkeypatch.setattr(settings, "remote_package_index", index.as_uri())
    monkeypatch.setattr(settings, "local_package_index", folder / "local-index.json")
    monkeypatch.setattr(settings, "downloads_dir", folder)
    return index, entry


def test_install_from_index(random_model, tmp_path, monkeypatch):
    """The online path, served from a file:// index so no network is needed."""
    index, entry = _serve_index(random_model, tmp_path, monkeypatch)
    package = models.install_from_index(progress=False)
    assert package.is_test and models.resolve() == package

    index.write_text(json.dumps([{**entry, "to_code": "fr"}]))
    with raises_line(ModelError, f"the Argos package index at {index.as_uri()} lists no vi→en package"):
        models.install_from_index(progress=False)


def test_index_unreachable_says_how_to_install_from_a_file(tmp_path, monkeypatch):
    from argostranslate import settings

    monkeypatch.setattr(settings, "remote_package_index", (tmp_path / "missing.json").as_uri())
    line = (
        f"cannot read the Argos package index ([Errno 2] No such file or directory: '{tmp_path}/missing.json'); "
        "offline, install from a file: vietrans models install PATH/translate-vi_en-1_9.argosmodel"
    )
    with raises_line(NetworkError, line):
        models.install_from_index(progress=False)


def test_an_index_that_is_not_json_says_why(tmp_path, monkeypatch):
    """A captive portal's login page instead of the index: the parser's reason, in one line."""
    from argostranslate import settings

    index = tmp_path / "index.json"
    index.write_text("<html>Đăng nhập Wi-Fi</html>", encoding="utf-8")
    monkeypatch.setattr(settings, "remote_package_index", index.as_uri())
    with pytest.raises(NetworkError, match=r"cannot read the Argos package index \(Expecting value: line 1"):
        models.install_from_index(progress=False)


def test_a_download_whose_checksum_does_not_match_is_refused(random_model, tmp_path, monkeypatch):
    """The published SHA-256 is checked: a file that does not match is not installed, not kept."""
    import hashlib

    _serve_index(random_model, tmp_path, monkeypatch)
    monkeypatch.setitem(models.KNOWN_SHA256, "translate-vi_en-0_1", "0" * 64)
    line = f"download of translate-vi_en-0_1.argosmodel failed: {random_model.as_uri()}: checksum mismatch"
    with raises_line(NetworkError, line):
        models.install_from_index(progress=False)
    assert not list(tmp_path.glob("*.part")) and models.installed_pair() == []
    right = hashlib.sha256(random_model.read_bytes()).hexdigest()
    monkeypatch.setitem(models.KNOWN_SHA256, "translate-vi_en-0_1", right)
    assert models.install_from_index(progress=False).is_test  # the right checksum installs


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{top}/../evil.txt", "unsafe path in archive"),
        ("{top}/model/../../../evil.txt", "unsafe path in archive"),
        ("/{top}/evil.txt", "exactly one top folder"),  # an absolute path is a second "top" as well
    ],
)
def test_unsafe_paths_in_an_archive_are_refused(random_model, tmp_path, package_dir, bad, message):
    archive = tmp_path / "unsafe.argosmodel"
    with zipfile.ZipFile(random_model) as zin, zipfile.ZipFile(archive, "w") as zout:
        top = zin.namelist()[0].split("/")[0]
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item.filename))
        zout.writestr(bad.format(top=top), b"escape")
    with pytest.raises(ModelError, match=message):
        models.install_file(archive)
    assert list(package_dir.iterdir()) == [] and not (tmp_path.parent / "evil.txt").exists()


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("VIETRANS_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert models.cache_dir() == tmp_path / ".cache" / "vietrans"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert models.cache_dir() == tmp_path / "xdg" / "vietrans"
    monkeypatch.setenv("VIETRANS_CACHE_DIR", str(tmp_path / "mine"))
    assert models.cache_dir() == tmp_path / "mine"


def test_a_package_without_a_version_says_so(random_model):
    import json

    package = models.resolve(str(random_model))
    meta = json.loads((package.path / "metadata.json").read_text(encoding="utf-8"))
    del meta["package_version"]
    (package.path / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    assert models.load_package(package.path).version == "?"


def test_the_download_progress_bar_names_the_file(random_model, tmp_path, monkeypatch, capsys):
    _serve_index(random_model, tmp_path, monkeypatch)
    assert models.install_from_index(progress=True).is_test
    assert "translate-vi_en-0_1.argosmodel:" in capsys.readouterr().err


def _vietrans(*args: object):
    """``vietrans ARGS`` as a user runs it: the exit code and what it printed."""
    from click.testing import CliRunner

    from translator.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


PARTS = {"pkg/metadata.json": b'{"from_code": "vi", "to_code": "en"}', "pkg/model/model.bin": b"WEIGHTS",
         "pkg/sentencepiece.model": b"PIECES"}  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pkg/metadata.json": b"{"}, "metadata.json is not valid JSON"),
        ({"pkg/metadata.json": None}, "no pkg/metadata.json"),
        ({"pkg/model/model.bin": None}, "model/model.bin is missing"),
        ({"pkg/sentencepiece.model": None}, "sentencepiece.model is missing"),
        ({"pkg/metadata.json": b'{"from_code": "en", "to_code": "vi"}'}, "translates en→vi, vietrans needs vi→en"),
        ({"other/sentencepiece.model": b""}, "an Argos package holds exactly one top folder, found 2"),
        ({"pkg/../evil.txt": b""}, "unsafe path in archive: pkg/../evil.txt"),
        ({"pkg/model/model.bin": b"WEIGHTS-FLIPPED"}, "damaged archive (pkg/model/model.bin fails its checksum)"),
        ({"pkg/model/model.bin": b"HEADER-FLIPPED"}, "damaged archive (truncated or corrupt download?)"),
    ],
)
def test_models_install_refuses_a_broken_archive_in_one_whole_line(tmp_path, package_dir, changes, message):
    """What `vietrans models install` says of each way a package archive can be wrong, nothing installed."""
    archive = tmp_path / "broken.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in {**PARTS, **changes}.items():
            if data is not None:
                zf.writestr(name, data.replace(b"-FLIPPED", b""))
    if b"WEIGHTS-FLIPPED" in changes.values():  # the stored bytes no longer match their checksum
        archive.write_bytes(archive.read_bytes().replace(b"WEIGHTS", b"WEIGHTZ"))
    if b"HEADER-FLIPPED" in changes.values():  # a member's header is not where the index says
        archive.write_bytes(archive.read_bytes().replace(b"PK\x03\x04", b"PK\x00\x00", 1))
    result = _vietrans("models", "install", archive)
    assert (result.exit_code, result.output) == (ExitCode.MODEL, f"vietrans: error: {archive}: {message}\n")
    assert list(package_dir.iterdir()) == []


def test_models_install_says_what_is_wrong_with_a_file_that_is_no_package(random_model, tmp_path, package_dir):
    text = tmp_path / "notes.argosmodel"
    text.write_text("hello")
    top = "translate-vi_en-vietrans-test-random"
    assert _vietrans("models", "install", random_model).exit_code == 0
    for argument, message in [
        (tmp_path / "missing.argosmodel", f"{tmp_path / 'missing.argosmodel'}: no such file"),
        (text, f"{text}: not an Argos package (not a zip archive)"),
        (random_model, f"{top} is already installed at {package_dir / top}; add --force to reinstall it"),
    ]:
        result = _vietrans("models", "install", argument)
        assert (result.exit_code, result.output) == (ExitCode.MODEL, f"vietrans: error: {message}\n")


VI_EN = PARTS["pkg/metadata.json"].decode()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "{folder}: not an Argos package (no metadata.json)"),
        ({"metadata.json": "{"}, "{folder}/metadata.json: not valid JSON"),
        ({"metadata.json/README": ""}, "{folder}/metadata.json: cannot read (Is a directory)"),
        ({"metadata.json": "{}"}, "{folder}/metadata.json: from_code and to_code are missing"),
        ({"metadata.json": VI_EN}, "{folder}: model/model.bin is missing (not a CTranslate2 model)"),
        ({"metadata.json": VI_EN, "model/model.bin": ""}, "{folder}: sentencepiece.model is missing"),
    ],
)
def test_translate_refuses_a_broken_model_folder_in_one_whole_line(tmp_path, files, message):
    """`--model FOLDER` that is not a usable package: which file is wrong, before any reading or writing."""
    folder = tmp_path / "model"
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    folder.mkdir(exist_ok=True)
    article = tmp_path / "a.txt"
    article.write_text("Hà Nội là thủ đô.\n", encoding="utf-8")
    result = _vietrans("translate", article, "-o", tmp_path / "out", "--model", folder, "-q")
    expected = f"vietrans: error: {message.format(folder=folder)}\n"
    assert (result.exit_code, result.output) == (ExitCode.MODEL, expected)
    assert not (tmp_path / "out").exists()


def test_translate_names_the_model_it_cannot_find_or_use(random_model, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Hà Nội là thủ đô.\n", encoding="utf-8")
    english = _rezip(random_model, tmp_path / "en-vi.argosmodel", meta={"from_code": "en", "to_code": "vi"})
    not_a_folder = f"--model-family nllb needs a CTranslate2 model folder, not {english}"
    (tmp_path / "empty").mkdir()
    no_model = (
        f"{tmp_path / 'empty'}: not a CTranslate2 model folder (no model.bin and config.json); "
        "a Hugging Face model is converted with ct2-transformers-converter (README, Other engines)"
    )
    for model, message in [
        ([], f"no vi→en model installed; install one with: {models.INSTALL_HINT}"),
        (["--model", "nope"], "nope: no such model file, folder or installed package"),
        (["--model", english, "--model-family", "nllb"], not_a_folder),
        (["--model", tmp_path / "empty", "--model-family", "nllb"], no_model),  # a folder meant as a model
        (["--model", english], f"{english}: translates en→vi, vietrans needs vi→en"),
    ]:  # fmt: skip
        result = _vietrans("translate", article, "-o", tmp_path / "out", "-q", *model)
        assert (result.exit_code, result.output) == (ExitCode.MODEL, f"vietrans: error: {message}\n"), model


@pytest.mark.parametrize("how", ["folder", "installed name"])
def test_a_model_for_the_wrong_language_pair_is_refused_however_it_is_named(random_model, tmp_path, package_dir, how):
    """An en→vi package (put there by argospm) named with --model: one line naming it, nothing written."""
    english = _rezip(random_model, tmp_path / "en-vi.argosmodel", meta={"from_code": "en", "to_code": "vi"})
    with zipfile.ZipFile(english) as zf:
        zf.extractall(package_dir)
    (installed,) = package_dir.iterdir()
    model = installed if how == "folder" else installed.name
    article = tmp_path / "a.txt"
    article.write_text("Hà Nội là thủ đô.\n", encoding="utf-8")
    result = _vietrans("translate", article, "-o", tmp_path / "out", "-q", "--model", model)
    expected = f"vietrans: error: {model}: translates en→vi, vietrans needs vi→en\n"
    assert (result.exit_code, result.output) == (ExitCode.MODEL, expected)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["nope", ".installing-x"])
def test_models_remove_refuses_what_is_not_an_installed_package(random_model, package_dir, name):
    """Only a package folder goes: a name that is none, or another run's hidden unpacking folder, is refused."""
    installed = models.install_file(random_model)
    (package_dir / ".installing-x").mkdir()
    result = _vietrans("models", "remove", name)
    expected = f"vietrans: error: no installed package named {name!r} (see: vietrans models list)\n"
    assert (result.exit_code, result.output) == (ExitCode.MODEL, expected)
    assert sorted(p.name for p in package_dir.iterdir()) == [".installing-x", installed.name]


@contextlib.contextmanager
def _cut_off_server() -> Iterator[str]:
    """An HTTP mirror that promises 100000 bytes and drops the connection after 70000."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"PK" * 35000)
            self.close_connection = True

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/translate-vi_en-0_1.argosmodel"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("failure", ["missing", "cut off"])
def test_a_failed_download_tries_the_next_link_and_leaves_no_part_file(random_model, tmp_path, monkeypatch, failure):
    """Each mirror is tried in turn; when all fail the line gives every mirror's reason, and a download
    cut off midway (urllib reads a dropped connection as the end) is a failure, not a package."""
    from argostranslate import settings

    index, entry = _serve_index(random_model, tmp_path, monkeypatch)
    with contextlib.ExitStack() as stack:
        if failure == "missing":
            bad = [(tmp_path / f"gone-{i}.argosmodel").as_uri() for i in (1, 2)]
            reasons = [f"[Errno 2] No such file or directory: '{tmp_path}/gone-{i}.argosmodel'" for i in (1, 2)]
        else:
            bad = [stack.enter_context(_cut_off_server()) for _ in (1, 2)]
            reasons = [f"{url}: cut off after 70000 of 100000 bytes" for url in bad]
        index.write_text(json.dumps([{**entry, "links": bad}]))
        with pytest.raises(NetworkError) as caught:
            models.install_from_index(progress=False)
        assert str(caught.value) == f"download of translate-vi_en-0_1.argosmodel failed: {'; '.join(reasons)}"
        assert list(Path(settings.downloads_dir).glob("*.argosmodel*")) == [] and models.installed_pair() == []
        index.write_text(json.dumps([{**entry, "links": [bad[0], random_model.as_uri()]}]))
        assert models.install_from_index(progress=False).is_test


@pytest.mark.parametrize("failure", ["disk full", "no folder"])
def test_an_install_that_cannot_unpack_says_why_and_keeps_what_was_there(
    random_model, tmp_path, package_dir, monkeypatch, failure
):
    """A full disk halfway through a --force reinstall: one line, the installed package as it was, no
    half-written copy; a package folder that cannot be made: one line naming it."""
    import errno

    from argostranslate import settings

    if failure == "disk full":
        installed = models.install_file(random_model)

        def extractall(self: zipfile.ZipFile, path: Path) -> None:
            self.extract(self.namelist()[0], path)
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(zipfile.ZipFile, "extractall", extractall)
        message = f"{random_model}: cannot unpack (No space left on device); is the disk full?"
    else:
        (tmp_path / "blocker").write_text("a file where the folder should go")
        monkeypatch.setattr(settings, "package_dirs", [tmp_path / "blocker" / "packages"])
        message = f"{tmp_path}/blocker/packages: cannot unpack the model there (Not a directory)"
    result = _vietrans("models", "install", "--force", random_model)
    assert (result.exit_code, result.output) == (ExitCode.MODEL, f"vietrans: error: {message}\n")
    if failure == "disk full":
        assert list(package_dir.iterdir()) == [installed.path]
        assert models.load_package(installed.path) == installed


def test_the_default_model_is_the_newest_real_vi_en_package(package_dir):
    """Without --model: real before test models, newest version first (10 after 9), a version that
    cannot be read last; packages for other pairs are never picked."""
    installed = {
        "test-newest": {"package_version": "99", models.TEST_MODEL_KEY: True},
        "real-1_9": {"package_version": "1.9"},
        "real-1_10": {"package_version": "1.10"},
        "real-odd": {"package_version": "nightly"},
        "en-vi-newest": {"package_version": "100", "from_code": "en", "to_code": "vi"},
    }
    for name, meta in installed.items():
        (package_dir / name / "model").mkdir(parents=True)
        (package_dir / name / "model" / "model.bin").write_bytes(b"")
        (package_dir / name / "sentencepiece.model").write_bytes(b"")
        (package_dir / name / "metadata.json").write_text(json.dumps({**json.loads(VI_EN), **meta}))
    assert [p.name for p in models.installed_pair()] == ["real-1_10", "real-1_9", "real-odd", "test-newest"]
    assert models.resolve().name == "real-1_10"
    assert models.resolve("real-odd").version == "nightly"  # any installed vi→en package, by name
