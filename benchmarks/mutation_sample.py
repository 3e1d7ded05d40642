"""Draw a random sample of mutmut's mutants across ``translator/``, the same share from each module.

A whole-package run is ~13,000 mutants, and a surviving mutant runs every test that reaches its
function (minutes for the pipeline's), so on a 2-core machine the full run takes a day.  A seeded
random sample, stratified by module, estimates the package's score with a stated margin
(``mutation_scores.py --names`` prints it), and every survivor in it can be read by a person:

    .venv/bin/mutmut run "translator.nothing*"                  # generate the mutants + statistics
    .venv/bin/python benchmarks/mutation_sample.py 0.05 > sample.txt
    .venv/bin/mutmut run $(cat sample.txt)
    .venv/bin/python benchmarks/mutation_scores.py mutants --names sample.txt

Random selection of mutants is a standard way to cut the cost of mutation analysis (Zhang et al.,
ICSE 2010: a random 10% predicts the full score about as well as operator-based selection).
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

from mutation_scores import results, smoke_tree  # (benchmarks run as scripts: their folder is on the path)


def mutants_by_module(root: Path) -> dict[str, list[str]]:
    """Every mutant's name, by the module it mutates."""
    return {module: sorted(codes) for module, codes in results(root).items() if codes}


def draw(found: dict[str, list[str]], fraction: float, seed: int) -> list[str]:
    """``fraction`` of each module's mutants (at least one), chosen with a fixed seed."""
    rng = random.Random(seed)
    sample: list[str] = []
    for names in found.values():
        sample += rng.sample(names, max(1, math.ceil(len(names) * fraction)))
    return sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fraction", type=float, nargs="?", help="share of each module's mutants, e.g. 0.05")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    parser.add_argument("--smoke", action="store_true", help="a tiny made-up results tree: checks the script runs")
    args = parser.parse_args()
    if args.smoke:
        args.mutants, args.fraction = smoke_tree(), args.fraction or 0.5
    elif args.fraction is None:
        parser.error("the fraction of each module's mutants to draw is required (e.g. 0.05)")
    print("\n".join(draw(mutants_by_module(args.mutants), args.fraction, args.seed)))


if __name__ == "__main__":
    main()
