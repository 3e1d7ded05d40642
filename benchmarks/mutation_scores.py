"""Mutation score per module from a mutmut run's results (``mutants/**/*.meta``).

    .venv/bin/mutmut run "translator.spans*"        # (README, "Tests and test models")
    .venv/bin/python benchmarks/mutation_scores.py   # one line per module with results, then the total
    .venv/bin/python benchmarks/mutation_scores.py mutants --names sample.txt   # a drawn sample only

With ``--names`` (a sample from ``mutation_sample.py``) only those mutants count, and the total
comes with its 95% Wilson interval: the range the whole package's score lies in.

Score = (killed + timeout) / (mutants run, "no tests" included: a mutant no test reaches is a
promise nobody checks).  Mutants not run yet are left out and counted apart.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

KILLED = {1, 3}  # mutmut's exit codes (mutmut.stats.status_by_exit_code)
TIMEOUT = {24, -24, 36, 152, 255}
NO_TESTS = {5, 33}


def scores(root: Path, names: set[str] | None = None) -> dict[str, Counter]:
    """Outcome counts per module, of every mutant or only of ``names``."""
    table: dict[str, Counter] = {}
    for meta in sorted(root.glob("translator/**/*.py.meta")):
        module = meta.relative_to(root).as_posix().removesuffix(".py.meta").replace("/", ".")
        counts = Counter()
        for name, code in json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {}).items():
            if names is not None and name not in names:
                continue
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


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval for a share estimated from a random sample (Wilson score interval)."""
    centre = (hits + z * z / 2) / (n + z * z)
    half = z * math.sqrt(hits * (n - hits) / n + z * z / 4) / (n + z * z)
    return centre - half, centre + half


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=Path("mutants"))
    parser.add_argument("--names", type=Path, help="count only these mutants (one name a line)")
    args = parser.parse_args()
    names = set(args.names.read_text(encoding="utf-8").split()) if args.names else None
    table = scores(args.root, names)
    if not table:
        parser.exit(1, f"no mutmut results under {args.root}/ (run mutmut first)\n")
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
    hits = total["killed"] + total["timeout"]
    print(
        f"{'all run':<36}{run:>6}{total['killed']:>8}{total['timeout']:>8}{total['survived']:>9}"
        f"{total['no tests']:>9}{hits / run:>8.1%}{total['not run']:>9}"
    )
    if names is not None:
        low, high = wilson(hits, run)
        print(f"sample of {run}: {hits / run:.1%} killed, 95% interval {low:.1%} to {high:.1%}")


if __name__ == "__main__":
    main()
