from pathlib import Path

from click.testing import CliRunner

from translator.cli import main


def test_list_names_each_broken_folder_with_why_and_skips_what_is_no_package(package_dir: Path) -> None:
    """A half-unpacked or hand-edited package must be named with its fault, not hidden nor
    taken for "no models installed"; hidden folders (unpacking in progress) and loose files are no packages."""
    (package_dir / "a-empty").mkdir()
    (package_dir / "b-badjson").mkdir()
    (package_dir / "b-badjson" / "metadata.json").write_text("{not json", encoding="utf-8")
    (package_dir / ".c-unpacking").mkdir()
    (package_dir / "d-loose.argosmodel").write_bytes(b"PK")
    result = CliRunner().invoke(main, ["models", "list"])
    assert result.exit_code == 0
    assert result.output == (
        f"a-empty\tBROKEN: {package_dir / 'a-empty'}: not an Argos package (no metadata.json)\n"
        f"b-badjson\tBROKEN: {package_dir / 'b-badjson' / 'metadata.json'}: not valid JSON\n"
    )
