"""Check the cleaning stage on a folder of saved pages with expected results.

``python -m translator.eval.cleaning tests/data/pages`` reads each page
(``.txt``, ``.md``, ``.html``, ``.docx``) named in the folder's
``expected.json`` (``{"page": {"kinds": [...], "removed": N}}``: the kind of
every story block kept, in order, and how many blocks were set aside) and
prints, per page and in total, what was kept and removed and every
difference from the expectation.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from translator.clean import clean
from translator.read import read_article


@dataclass
class PageResult:
    name: str
    kinds: list[str]
    removed: int
    mistakes: list[str] = field(default_factory=list)


def check_page(path: Path, expected: dict) -> PageResult:
    doc = clean(read_article(path))
    result = PageResult(path.name, [b.kind.value for b in doc.blocks], len(doc.removed))
    if result.kinds != expected["kinds"]:
        result.mistakes.append(f"kept {result.kinds}, expected {expected['kinds']}")
    if result.removed != expected["removed"]:
        result.mistakes.append(f"removed {result.removed} blocks, expected {expected['removed']}")
    return result


def check_folder(folder: Path) -> list[PageResult]:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return [check_page(folder / name, spec) for name, spec in expected.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m translator.eval.cleaning", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    results = check_folder(parser.parse_args(argv).folder)
    for r in results:
        print(f"{r.name:<24} kept {len(r.kinds):>3}  removed {r.removed:>3}  {'OK' if not r.mistakes else 'MISTAKE'}")
        for mistake in r.mistakes:
            print(f"    {mistake}")
    mistakes = sum(len(r.mistakes) for r in results)
    print(
        f"{len(results)} pages: {sum(len(r.kinds) for r in results)} story blocks kept, "
        f"{sum(r.removed for r in results)} furniture blocks removed, {mistakes} mistakes"
    )
    return 1 if mistakes else 0


if __name__ == "__main__":
    sys.exit(main())
