import json
import zipfile
from pathlib import Path

import pytest

from translator.engines import packages as models
from translator.errors import ModelError, NetworkError


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
    with pytest.raises(ModelError, match="no vi→en model installed"):
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


def test_broken_installed_folder_is_listed_not_fatal(random_model, package_dir):
    (package_dir / "half-deleted").mkdir()
    models.install_file(random_model)
    good, broken = models.scan()
    assert len(good) == 1 and broken[0][0].name == "half-deleted"


def test_files_and_hidden_folders_beside_the_packages_are_passed_over(random_model, package_dir):
    """A download in progress (``.partial``), a Finder file, a note: none of them stops the scan."""
    (package_dir / ".partial").mkdir()
    (package_dir / ".DS_Store").write_bytes(b"\0")
    (package_dir / "README.txt").write_text("my models", encoding="utf-8")
    package = models.install_file(random_model)
    assert models.scan() == ([package], [])


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
    with pytest.raises(ModelError, match="lists no vi→en package"):
        models.install_from_index(progress=False)


def test_index_unreachable_says_how_to_install_from_a_file(tmp_path, monkeypatch):
    from argostranslate import settings

    monkeypatch.setattr(settings, "remote_package_index", (tmp_path / "missing.json").as_uri())
    with pytest.raises(NetworkError, match="vietrans models install PATH"):
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
    with pytest.raises(NetworkError, match="checksum mismatch"):
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
