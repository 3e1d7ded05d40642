"""Mutation testing as part of a change: mutmut on exactly the functions a change touched.

A sample of the whole package says how the suite does on average; before resolving an issue the
question is narrower: would the tests notice if the code *this change* wrote were wrong?  This
reads ``git diff BASE`` for ``translator/``, finds the functions and methods whose lines changed,
and prints mutmut's name pattern for each (``translator.mod.x_func__mutmut_*``,
``translator.mod.xǁClassǁmethod__mutmut_*``); with ``--run`` it runs mutmut on them and prints the
score and the survivors to read (``mutmut show NAME``)::

    .venv/bin/python benchmarks/mutation_changed.py main             # the patterns, one a line
    .venv/bin/python benchmarks/mutation_changed.py main --run       # mutmut on them, then the score

Run it in a clone of its own (mutmut copies the sources to ``mutants/`` when it starts).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


def changed_lines(base: str, root: Path) -> dict[Path, set[int]]:
    """The lines of each ``translator/`` file that the change since ``base`` added or rewrote."""
    diff = subprocess.run(
        ["git", "diff", "-U0", base, "--", "translator/"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    lines: dict[Path, set[int]] = {}
    for chunk in diff.split("\ndiff --git "):
        target = re.search(r"^\+\+\+ b/(\S+\.py)$", chunk, re.MULTILINE)
        if not target:
            continue
        found = lines.setdefault(root / target.group(1), set())
        for start, count in _HUNK.findall(chunk):
            first, length = int(start), int(count) if count else 1
            found.update(range(first, first + max(length, 1)))
    return lines


def touched_functions(path: Path, lines: set[int], root: Path) -> list[str]:
    """mutmut's name patterns for the functions and methods in ``path`` whose lines are in ``lines``."""
    module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    patterns = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _overlaps(node, lines):
            patterns.append(f"{module}.x_{node.name}__mutmut_*")
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and _overlaps(item, lines):
                    patterns.append(f"{module}.xǁ{node.name}ǁ{item.name}__mutmut_*")
    return patterns


def _overlaps(node: ast.AST, lines: set[int]) -> bool:
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return any(first <= line <= node.end_lineno for line in lines)


def patterns(base: str, root: Path) -> list[str]:
    """Every touched function's pattern, file by file."""
    changed = sorted(changed_lines(base, root).items())
    return [pattern for path, lines in changed for pattern in touched_functions(path, lines, root)]


def run(found: list[str], root: Path) -> dict:
    """mutmut on ``found``; the score of what ran and the survivors by name."""
    mutmut = Path(sys.executable).with_name("mutmut")
    subprocess.run([str(mutmut), "run", *found], cwd=root, check=False)
    listing = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=root, capture_output=True, text=True)
    statuses = dict(re.findall(r"^\s*(\S+__mutmut_\d+): (.+)$", listing.stdout, re.MULTILINE))
    wanted = {n: s for n, s in statuses.items() if any(_glob(p).fullmatch(n) for p in found)}
    killed = sum(s in ("killed", "timeout") for s in wanted.values())
    survivors = sorted(n for n, s in wanted.items() if s not in ("killed", "timeout", "skipped"))
    return {"mutants": len(wanted), "killed": killed, "score": killed / len(wanted) if wanted else None,
            "survivors": survivors}  # fmt: skip


def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile(re.escape(pattern).replace(r"\*", ".*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", nargs="?", default="HEAD", help="the commit the change starts from")
    parser.add_argument("--run", action="store_true", help="run mutmut on the touched functions")
    parser.add_argument("--smoke", action="store_true", help="the patterns of the last commit only; no mutmut")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    found = patterns("HEAD~1" if args.smoke else args.base, root)
    if not args.run or args.smoke:
        print("\n".join(found))
        print(json.dumps({"functions": len(found)}))
        return
    print(json.dumps(run(found, root)))


if __name__ == "__main__":
    main()
