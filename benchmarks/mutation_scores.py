"""Mutation score per module from a mutmut run's results (``mutants/**/*.meta``).

    .venv/bin/mutmut run "translator.spans*"        # (README, "Tests and test models")
    .venv/bin/python benchmarks/mutation_scores.py   # one line per module with results, then the total

Score = (killed + timeout) / (mutants run, "no tests" included: a mutant no test reaches is a
promise nobody checks).  Mutants not run yet are left out and counted apart.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3}  # mutmut's exit codes (mutmut.stats.status_by_exit_code)
TIMEOUT = {24, -24, 36, 152, 255}
NO_TESTS = {5, 33}


def scores(root: Path) -> dict[str, Counter]:
    table: dict[str, Counter] = {}
    for meta in sorted(root.glob("translator/**/*.py.meta")):
        module = meta.relative_to(root).as_posix().removesuffix(".py.meta").replace("/", ".")
        counts = Counter()
        for code in json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {}).values():
            if code is None:
                counts["not run"] += 1
            elif code in KILLED:
                counts["killed"] += 1
            elif code in TIMEOUT:
                counts["timeout"] += 1
            elif code in NO_TESTS:
                counts["no tests"] += 1
            elif code == 0:
                counts["survived"] += 1
            else:
                counts["other"] += 1
        if sum(counts.values()) - counts["not run"]:
            table[module] = counts
    return table


def main(root: Path = Path("mutants")) -> None:
    table = scores(root)
    if not table:
        sys.exit(f"no mutmut results under {root}/ (run mutmut first)")
    total = Counter()
    print(
        f"{'module':<36}{'run':>6}{'killed':>8}{'timeout':>8}{'survived':>9}{'no tests':>9}{'score':>8}{'not run':>9}"
    )
    for module, c in table.items():
        total += c
        run = sum(c.values()) - c["not run"]
        score = (c["killed"] + c["timeout"]) / run
        print(
            f"{module:<36}{run:>6}{c['killed']:>8}{c['timeout']:>8}{c['survived']:>9}{c['no tests']:>9}"
            f"{score:>8.1%}{c['not run']:>9}"
        )
    run = sum(total.values()) - total["not run"]
    print(
        f"{'all run':<36}{run:>6}{total['killed']:>8}{total['timeout']:>8}{total['survived']:>9}"
        f"{total['no tests']:>9}{(total['killed'] + total['timeout']) / run:>8.1%}{total['not run']:>9}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("mutants"))
