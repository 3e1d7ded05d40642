"""Mutation score per module from a mutmut run's results (``mutants/**/*.meta``).

    .venv/bin/mutmut run "translator.facts.spans*"        # (README, "Tests and test models")
    .venv/bin/python benchmarks/mutation_scores.py   # one line per module with results, then the total
    .venv/bin/python benchmarks/mutation_scores.py mutants --names sample.txt   # a drawn sample only

With ``--names`` (a sample from ``mutation_sample.py``) only those mutants count, and the total
comes with its 95% Wilson interval: the range the whole package's score lies in.

Score = (killed + timeout) / (mutants run, "no tests" included: a mutant no test reaches is a
promise nobody checks).  Mutants not run yet are left out and counted apart.

A run's survivors are then read one by one.  Two files record what became of them (first
column the mutant's name, then anything, tab-separated; ``#`` lines are comments):

- ``--killed FILE``: survivors a test kills, checked by running that test with the mutant
  active (``cd mutants && MUTANT_UNDER_TEST=NAME python -m pytest TESTS``): tests written
  after the run, or tests mutmut did not map to the mutant's function;
- ``--equivalent FILE``: survivors judged equivalent (no input tells them from the original),
  left out of the score's denominator, each with its reason.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
from collections import Counter
from pathlib import Path

KILLED = {1, 3}  # mutmut's exit codes (mutmut.stats.status_by_exit_code)
TIMEOUT = {24, -24, 36, 152, 255}
NO_TESTS = {5, 33}
COLUMNS = ("killed", "timeout", "survived", "no tests", "other", "killed later", "equivalent")


def _listed(path: Path | None) -> set[str] | None:
    if path is None:
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0].strip() for line in lines if line.strip() and not line.startswith("#")}


def results(root: Path) -> dict[str, dict[str, int | None]]:
    """Every mutant's exit code (None: not run yet), by module, from mutmut's ``.meta`` files."""
    found: dict[str, dict[str, int | None]] = {}
    for meta in sorted(root.glob("translator/**/*.py.meta")):
        module = meta.relative_to(root).as_posix().removesuffix(".py.meta").replace("/", ".")
        found[module] = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
    return found


def outcome(name: str, code: int | None, killed: set[str], equivalent: set[str]) -> str:
    """The column a mutant counts in: mutmut's verdict, unless a survivor was triaged since."""
    if code is None:
        return "not run"
    if code in KILLED:
        return "killed"
    if code in TIMEOUT:
        return "timeout"
    if name in killed:
        return "killed later"
    if name in equivalent:
        return "equivalent"
    if code in NO_TESTS:
        return "no tests"
    return "survived" if code == 0 else "other"


def scores(
    root: Path, names: set[str] | None = None, killed: set[str] = frozenset(), equivalent: set[str] = frozenset()
) -> dict[str, Counter]:
    """Outcome counts per module, of every mutant or only of ``names``; a survivor listed in
    ``killed`` or ``equivalent`` is counted as such."""
    table: dict[str, Counter] = {}
    for module, codes in results(root).items():
        counts = Counter(
            outcome(name, code, killed, equivalent) for name, code in codes.items() if names is None or name in names
        )
        if sum(counts.values()) - counts["not run"]:
            table[module] = counts
    return table


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval for a share estimated from a random sample (Wilson score interval)."""
    centre = (hits + z * z / 2) / (n + z * z)
    half = z * math.sqrt(hits * (n - hits) / n + z * z / 4) / (n + z * z)
    return centre - half, centre + half


def _line(name: str, c: Counter) -> str:
    run = sum(c[k] for k in COLUMNS)
    as_run = f"{(c['killed'] + c['timeout']) / run:.1%}"
    judged = run - c["equivalent"]  # (every one equivalent: no score)
    now = f"{(c['killed'] + c['timeout'] + c['killed later']) / judged:.1%}" if judged else "n/a"
    cells = "".join(f"{c[k]:>{max(8, len(k) + 1)}}" for k in COLUMNS)
    return f"{name:<36}{run:>6}{cells}{as_run:>8}{now:>8}{c['not run']:>9}"


def smoke_tree() -> Path:
    """A tiny mutmut results tree (two modules, every outcome) in a temporary folder: what
    ``--smoke`` reads, so the suite sees these scripts run without a day of mutmut."""
    root = Path(tempfile.mkdtemp(prefix="vietrans-mutants-"))
    codes = {"align": [1, 0, 5, None, 24], "facts/spans": [3, 0, 0, 1, -11]}
    for module, outcomes in codes.items():
        meta = root / "translator" / f"{module}.py.meta"
        meta.parent.mkdir(parents=True, exist_ok=True)
        name = "translator." + module.replace("/", ".")
        keys = {f"{name}.x_f__mutmut_{n}": code for n, code in enumerate(outcomes, 1)}
        meta.write_text(json.dumps({"exit_code_by_key": keys}), encoding="utf-8")
    (root / "killed.tsv").write_text("# name\ttest\ntranslator.align.x_f__mutmut_2\ttests/x.py\n", encoding="utf-8")
    (root / "equivalent.tsv").write_text("translator.facts.spans.x_f__mutmut_2\tsame output\n", encoding="utf-8")
    names = [f"translator.align.x_f__mutmut_{n}" for n in (1, 2, 3)] + ["translator.facts.spans.x_f__mutmut_3"]
    (root / "sample.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=Path("mutants"))
    parser.add_argument("--names", type=Path, help="count only these mutants (one name a line)")
    parser.add_argument("--killed", type=Path, help="survivors a test was shown to kill")
    parser.add_argument("--equivalent", type=Path, help="survivors judged equivalent, with reasons")
    parser.add_argument("--smoke", action="store_true", help="a tiny made-up results tree: checks the script runs")
    args = parser.parse_args()
    if args.smoke:
        args.root = smoke_tree()
        lists = ("sample.txt", "killed.tsv", "equivalent.tsv")
        args.names, args.killed, args.equivalent = (args.root / name for name in lists)
    names = _listed(args.names)
    table = scores(args.root, names, _listed(args.killed) or set(), _listed(args.equivalent) or set())
    if not table:
        parser.exit(1, f"no mutmut results under {args.root}/ (run mutmut first)\n")
    total = Counter()
    heads = "".join(f"{k:>{max(8, len(k) + 1)}}" for k in COLUMNS)
    print(f"{'module':<36}{'run':>6}{heads}{'as run':>8}{'now':>8}{'not run':>9}")
    for module, c in table.items():
        total += c
        print(_line(module, c))
    print(_line("all run", total))
    if names is not None:
        run = sum(total[k] for k in COLUMNS) - total["equivalent"]
        hits = total["killed"] + total["timeout"] + total["killed later"]
        low, high = wilson(hits, run)
        print(f"sample of {run} (equivalents left out): {hits / run:.1%} killed, 95% interval {low:.1%} to {high:.1%}")


if __name__ == "__main__":
    main()
