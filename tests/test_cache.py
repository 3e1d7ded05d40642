import xml.etree.ElementTree as ET

from click.testing import CliRunner

from translator.cache import TranslationMemory
from translator.cli import main


def test_lookup_store_and_contexts(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        memory.store("model-a", [("Xin chào.", "Xin chào.", "Hello.", -0.5)])
        assert memory.lookup("model-a", ["Xin  chào.", "Khác."]) == {"Xin  chào.": ("Hello.", -0.5)}
        assert memory.lookup("model-b", ["Xin chào."]) == {}  # another model or options: not reused
        assert memory.stats()["entries"] == 1
        assert memory.clear() == 1 and memory.stats()["entries"] == 0


def test_cache_commands_and_tmx_export(tmp_path):
    path = tmp_path / "tm.sqlite3"
    with TranslationMemory(path) as memory:
        memory.store("ctx", [("Mỹ & Trung Quốc <cạnh tranh>.",) * 2 + ("US & China <compete>.", -1.0)])
    runner = CliRunner()
    assert "1 sentences" in runner.invoke(main, ["cache", "stats", "--cache", str(path)]).output
    tmx = tmp_path / "out.tmx"
    assert runner.invoke(main, ["cache", "export", "--cache", str(path), "-o", str(tmx)]).exit_code == 0
    root = ET.parse(tmx).getroot()
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "vi"
    segs = [seg.text for seg in root.iter("seg")]
    assert segs == ["Mỹ & Trung Quốc <cạnh tranh>.", "US & China <compete>."]
    assert runner.invoke(main, ["cache", "export", "--cache", str(path), "-o", str(tmx)]).exit_code == 5
    assert "removed 1" in runner.invoke(main, ["cache", "clear", "--cache", str(path)]).output
