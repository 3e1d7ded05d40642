"""Argos Translate packages: validate, install, list, remove, download.

We use Argos Translate's package format and its package folders (so
packages that ``argospm`` installed are found, and ours are found by it),
through ``argostranslate.settings`` and ``argostranslate.package``.  Those
two modules need only ctranslate2, sentencepiece and packaging; argostranslate
is installed without its other dependencies (stanza, spaCy, torch), which are
only needed by its own translate path.  Its ``install_from_path`` and
``uninstall`` import that path, so installing is done here: validate the zip
first, extract it beside the package folder, and rename it into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from translator.engines.model import ModelPackage
from translator.errors import ModelError, NetworkError

__all__ = ["ModelPackage", "cache_dir", "install_file", "install_from_index", "remove", "resolve", "scan"]

SOURCE, TARGET = "vi", "en"
TEST_MODEL_KEY = "vietrans_test_model"  # set in metadata.json by translator.testmodels
INSTALL_HINT = (
    "vietrans models install vi en (online), or "
    "vietrans models install PATH/translate-vi_en-1_9.argosmodel (from a file)"
)
# Checksums of published packages, verified after download.
KNOWN_SHA256 = {
    "translate-vi_en-1_9": "ebd51b7189b13eccb9238a5777de1d343008c4c05284a8b89610242364433953",
}
_TIMEOUT = 30


def load_package(path: Path) -> ModelPackage:
    """Read and check an unpacked package folder."""
    path = Path(path)
    meta_path = path / "metadata.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        raise ModelError(f"{path}: not an Argos package (no metadata.json)") from None
    except OSError as err:
        raise ModelError(f"{meta_path}: cannot read ({err.strerror})") from None
    except (ValueError, UnicodeDecodeError):
        raise ModelError(f"{meta_path}: not valid JSON") from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise ModelError(f"{meta_path}: from_code and to_code are missing")
    if not (path / "model" / "model.bin").is_file():
        raise ModelError(f"{path}: model/model.bin is missing (not a CTranslate2 model)")
    if not (path / "sentencepiece.model").is_file():
        raise ModelError(f"{path}: sentencepiece.model is missing")
    prefix = str(meta.get("target_prefix") or "")
    return ModelPackage(
        path=path,
        name=path.name,
        from_code=str(meta["from_code"]),
        to_code=str(meta["to_code"]),
        version=str(meta.get("package_version", "?")),
        is_test=bool(meta.get(TEST_MODEL_KEY)),
        model_dir=path / "model",
        source_tokenizer=path / "sentencepiece.model",
        target_tokenizer=path / "sentencepiece.model",
        target_lead=(prefix,) if prefix else (),
    )


def load_folder(path: Path, family: str = "argos") -> ModelPackage:
    """A model folder read again (on a Ray worker): an Argos package or a model of ``family``."""
    if family == "argos":
        return load_package(path)
    from translator.engines.families import load_model_dir

    return load_model_dir(path, family)


def _check_pair(package: ModelPackage, where: object) -> ModelPackage:
    if (package.from_code, package.to_code) != (SOURCE, TARGET):
        raise ModelError(f"{where}: translates {package.from_code}→{package.to_code}, vietrans needs {SOURCE}→{TARGET}")
    return package


def package_dirs() -> list[Path]:
    """Folders Argos Translate keeps packages in (``ARGOS_PACKAGES_DIR`` moves them)."""
    from argostranslate import settings

    return list(settings.package_dirs)


def scan() -> tuple[list[ModelPackage], list[tuple[Path, str]]]:
    """All installed packages, and folders there that are broken (with why)."""
    good: list[ModelPackage] = []
    broken: list[tuple[Path, str]] = []
    for folder in package_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if not path.is_dir() or path.name.startswith("."):
                continue
            try:
                good.append(load_package(path))
            except ModelError as err:
                broken.append((path, str(err)))
    return good, broken


def installed_pair() -> list[ModelPackage]:
    """Installed vi→en packages, the best first (real before test, newest first)."""
    from packaging.version import InvalidVersion, Version

    def rank(package: ModelPackage) -> tuple[bool, Version]:
        try:
            version = Version(package.version)
        except InvalidVersion:
            version = Version("0")
        return (not package.is_test, version)

    packages = [p for p in scan()[0] if (p.from_code, p.to_code) == (SOURCE, TARGET)]
    return sorted(packages, key=rank, reverse=True)


def _validate_archive(archive: Path) -> str:
    """Check a ``.argosmodel`` zip without extracting it; return its top folder."""
    if not archive.is_file():
        raise ModelError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise ModelError(f"{archive}: not an Argos package (not a zip archive)")
    try:
        with zipfile.ZipFile(archive) as zf:
            names = zf.namelist()
            bad = zf.testzip()
            meta_name = next((n for n in names if n.count("/") == 1 and n.endswith("/metadata.json")), None)
            meta = json.loads(zf.read(meta_name)) if meta_name else None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ModelError(f"{archive}: damaged archive (truncated or corrupt download?)") from None
    except ValueError:
        raise ModelError(f"{archive}: metadata.json is not valid JSON") from None
    if bad is not None:
        raise ModelError(f"{archive}: damaged archive ({bad} fails its checksum)")
    tops = {PurePosixPath(n).parts[0] for n in names if n.strip("/")}
    if len(tops) != 1:
        raise ModelError(f"{archive}: an Argos package holds exactly one top folder, found {len(tops)}")
    top = tops.pop()
    for name in names:
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts:
            raise ModelError(f"{archive}: unsafe path in archive: {name}")
    if not isinstance(meta, dict):
        raise ModelError(f"{archive}: no {top}/metadata.json")
    for required in ("model/model.bin", "sentencepiece.model"):
        if f"{top}/{required}" not in names:
            raise ModelError(f"{archive}: {required} is missing")
    pair = (meta.get("from_code"), meta.get("to_code"))
    if pair != (SOURCE, TARGET):
        raise ModelError(f"{archive}: translates {pair[0]}→{pair[1]}, vietrans needs {SOURCE}→{TARGET}")
    return top


def _extract(archive: Path, top: str, dest: Path, replace: bool = True) -> ModelPackage:
    """Extract a validated archive beside ``dest`` and rename it into place.

    With ``replace`` false, a ``dest`` that another process put there first is kept.
    """
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=dest.parent))
    except OSError as err:
        raise ModelError(f"{dest.parent}: cannot unpack the model there ({err.strerror})") from None
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(staging)
        except OSError as err:
            raise ModelError(f"{archive}: cannot unpack ({err.strerror}); is the disk full?") from None
        _check_pair(load_package(staging / top), archive)
        old = None
        if dest.exists() and replace:
            old = dest.with_name(f".old-{dest.name}-{os.getpid()}")
            dest.rename(old)
        try:
            (staging / top).rename(dest)
        except OSError:
            if replace or not dest.is_dir():
                raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return load_package(dest)


def install_file(archive: Path, force: bool = False) -> ModelPackage:
    """Install a ``.argosmodel`` file into Argos Translate's package folder."""
    archive = Path(archive)
    top = _validate_archive(archive)
    dest = package_dirs()[0] / top
    if dest.exists() and not force:
        raise ModelError(f"{top} is already installed at {dest}; add --force to reinstall it")
    return _extract(archive, top, dest)


def remove(name: str) -> Path:
    """Delete an installed package folder, by name."""
    for folder in package_dirs():
        path = folder / name
        if path.is_dir() and not name.startswith(".") and "/" not in name:
            shutil.rmtree(path)
            return path
    raise ModelError(f"no installed package named {name!r} (see: vietrans models list)")


def resolve(model: str | Path | None = None, family: str | None = None) -> ModelPackage:
    """The model to translate with: a ``.argosmodel`` file, a package folder, an installed
    package's name, a CTranslate2 model folder of another family (``family`` names it
    where its files do not), or (``None``) the best installed vi→en package."""
    path = Path(model) if model is not None else None
    if path is not None and path.is_dir() and not (path / "metadata.json").is_file() and family != "argos":
        from translator.engines.families import load_model_dir

        if family is not None or (path / "config.json").is_file():  # a model folder, or meant to be one
            return load_model_dir(path, family)
    if family not in (None, "argos"):
        raise ModelError(f"--model-family {family} needs a CTranslate2 model folder, not {model or 'an Argos package'}")
    if path is None:
        packages = installed_pair()
        if not packages:
            raise ModelError(f"no vi→en model installed; install one with: {INSTALL_HINT}")
        return packages[0]
    if path.is_file():
        return _unpacked(path)
    if path.is_dir():
        return _check_pair(load_package(path), path)
    for package in scan()[0]:
        if package.name == str(model):
            return _check_pair(package, model)
    raise ModelError(f"{model}: no such model file, folder or installed package")


def _unpacked(archive: Path) -> ModelPackage:
    """Unpack a ``.argosmodel`` given with ``--model`` once, into the cache."""
    stat = archive.stat()
    key = hashlib.sha256(f"{archive.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    unpacked = cache_dir() / "models" / key
    if unpacked.is_dir():
        # Hidden entries are another run's work in progress (``.installing-*``, ``.old-*``): never ours to judge.
        for path in (p for p in unpacked.iterdir() if not p.name.startswith(".")):
            try:
                return _check_pair(load_package(path), archive)
            except ModelError:  # left broken (a full disk, a deleted file): unpacked again below
                shutil.rmtree(path, ignore_errors=True)
    top = _validate_archive(archive)
    return _extract(archive, top, unpacked / top, replace=False)


def cache_dir() -> Path:
    """vietrans's own cache folder (``VIETRANS_CACHE_DIR`` or the XDG cache)."""
    explicit = os.environ.get("VIETRANS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vietrans"


def install_from_index(from_code: str = SOURCE, to_code: str = TARGET, progress: bool = True) -> ModelPackage:
    """Download the pair's package from the Argos package index and install it."""
    import urllib.request

    from argostranslate import package as argos_package
    from argostranslate import settings

    index_url = settings.remote_package_index
    try:
        with urllib.request.urlopen(index_url, timeout=_TIMEOUT) as response:
            data = response.read()
        index = json.loads(data)
    except (OSError, ValueError) as err:
        raise NetworkError(
            f"cannot read the Argos package index ({_reason(err)}); offline, install from a file: "
            "vietrans models install PATH/translate-vi_en-1_9.argosmodel"
        ) from None
    Path(settings.local_package_index).write_bytes(data)
    available = [argos_package.AvailablePackage(entry) for entry in index if isinstance(entry, dict)]
    match = [p for p in available if (p.from_code, p.to_code) == (from_code, to_code)]
    if not match:
        raise ModelError(f"the Argos package index at {index_url} lists no {from_code}→{to_code} package")
    chosen = match[0]
    name = argos_package.argospm_package_name(chosen)
    filename = f"{name}-{str(chosen.package_version).replace('.', '_')}.argosmodel"
    target = Path(settings.downloads_dir) / filename
    _download(list(chosen.links), target, KNOWN_SHA256.get(filename.removesuffix(".argosmodel")), progress)
    try:
        return install_file(target, force=True)
    finally:
        target.unlink(missing_ok=True)


def _download(links: list[str], target: Path, sha256: str | None, progress: bool) -> None:
    import http.client
    import urllib.request

    from tqdm import tqdm

    errors = []
    for url in links:
        partial = target.with_name(target.name + ".part")
        digest = hashlib.sha256()
        received = 0
        try:
            with urllib.request.urlopen(url, timeout=_TIMEOUT) as response, open(partial, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0) or None
                with tqdm(total=total, unit="B", unit_scale=True, desc=target.name, disable=not progress) as bar:
                    while chunk := response.read(1 << 16):
                        out.write(chunk)
                        digest.update(chunk)
                        bar.update(len(chunk))
                        received += len(chunk)
            if total and received < total:  # the connection dropped: urllib reads that as the end
                raise OSError(f"{url}: cut off after {received} of {total} bytes")
        except (OSError, http.client.HTTPException) as err:
            errors.append(_reason(err))
            partial.unlink(missing_ok=True)
            continue
        if sha256 and digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            errors.append(f"{url}: checksum mismatch")
            continue
        partial.replace(target)
        return
    raise NetworkError(f"download of {target.name} failed: {'; '.join(errors) or 'no links'}")


def _reason(err: Exception) -> str:
    return str(getattr(err, "reason", None) or err)
