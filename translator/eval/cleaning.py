"""Check the cleaning stage on a folder of saved pages with expected results.

``python -m translator.eval.cleaning tests/data/sites`` reads each page
(``.txt``, ``.md``, ``.html``, ``.docx``) named in the folder's
``expected.json`` and reports, per page and in total, story blocks kept and
lost, page furniture kept and removed, and whether the title and date are
right.  A page's expectation is either the story itself (``{"story": [every
story block's text, in order], "title": ..., "date": ...}``: anything else kept
is furniture) or, for older fixtures, ``{"kinds": [...], "removed": N}``: the
kind of every block kept and how many were set aside.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from translator.clean import clean
from translator.read import read_article


@dataclass
class PageResult:
    name: str
    kept: int  # blocks kept
    removed: int  # blocks set aside
    lost: list[str] = field(default_factory=list)  # story blocks not kept
    furniture: list[str] = field(default_factory=list)  # kept blocks that are not story
    mistakes: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def check_page(path: Path, expected: dict) -> PageResult:
    doc = clean(read_article(path))
    result = PageResult(path.name, len(doc.blocks), len(doc.removed))
    if "story" not in expected:
        kinds = [b.kind.value for b in doc.blocks]
        if kinds != expected["kinds"]:
            result.mistakes.append(f"kept {kinds}, expected {expected['kinds']}")
        if result.removed != expected["removed"]:
            result.mistakes.append(f"removed {result.removed} blocks, expected {expected['removed']}")
        return result
    story = [_key(t) for t in expected["story"]]
    kept = [_key(b.text) for b in doc.blocks]
    result.lost = [t for t, k in zip(expected["story"], story, strict=True) if k not in kept]
    result.furniture = [b.text for b, k in zip(doc.blocks, kept, strict=True) if k not in story]
    in_order = [k for k in kept if k in story]
    if in_order != [k for k in story if k in kept]:
        result.mistakes.append("the story's order is not kept")
    for text in result.lost:
        result.mistakes.append(f"story lost: {text[:70]}")
    for text in result.furniture:
        result.mistakes.append(f"furniture kept: {text[:70]}")
    title = doc.blocks[0].text if doc.blocks and doc.blocks[0].kind.value == "title" else ""
    if _key(title) != _key(expected["title"]):
        result.mistakes.append(f"title {title[:60]!r}, expected {expected['title'][:60]!r}")
    if expected.get("date") and not str(doc.meta.get("date", "")).startswith(expected["date"]):
        result.mistakes.append(f"date {doc.meta.get('date')!r}, expected {expected['date']!r}")
    return result


def check_folder(folder: Path) -> list[PageResult]:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return [check_page(folder / name, spec) for name, spec in expected.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m translator.eval.cleaning", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    results = check_folder(parser.parse_args(argv).folder)
    print(f"{'page':<24}{'story kept':>11}{'lost':>6}{'furniture kept':>16}{'removed':>9}  ")
    for r in results:
        story = r.kept - len(r.furniture)
        verdict = "OK" if not r.mistakes else "MISTAKE"
        print(f"{r.name:<24}{story:>11}{len(r.lost):>6}{len(r.furniture):>16}{r.removed:>9}  {verdict}")
        for mistake in r.mistakes:
            print(f"    {mistake}")
    kept = sum(r.kept for r in results)
    furniture = sum(len(r.furniture) for r in results)
    removed = sum(r.removed for r in results)
    mistakes = sum(len(r.mistakes) for r in results)
    lost = sum(len(r.lost) for r in results)
    share = furniture / max(1, kept)
    print(
        f"{len(results)} pages: {kept - furniture} story blocks kept, {lost} lost; "
        f"{furniture} furniture blocks kept ({share:.1%} of kept), {removed} removed; {mistakes} mistakes"
    )
    return 1 if mistakes else 0


if __name__ == "__main__":
    sys.exit(main())
