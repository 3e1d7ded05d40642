"""Facts kept, placed and flagged: FLORES devtest with the shared real model, or your own exports.

    .venv/bin/python benchmarks/facts.py [--smoke] [--src FILE.vi --ref FILE.en] [--model MODEL]
    .venv/bin/python benchmarks/facts.py --jsonl out/article.jsonl ...   # articles you translated

With a test set: runs ``vietrans eval --terms repair --no-baseline --json`` (the default
setup) and prints the facts the Vietnamese and the reference both carry, how many the output
kept, how many it lost in a sentence with no flag at all (issue 25: at most 5%), the share of
sentences flagged, and the ledger per fact kind (found, kept, restored, placed, flagged).
With ``--jsonl``: the ledger per kind of each exported article (no reference needed).
``--smoke``: the first 20 lines.  Exits with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MODEL = SHARED / "models" / "translate-vi_en-ted_small.argosmodel"
FLORES = SHARED / "data" / "flores200-devtest"
COLUMNS = ("found", "kept", "restored", "placed", "flagged")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="only the first 20 lines")
    parser.add_argument("--src", type=Path, default=FLORES / "vie_Latn.devtest")
    parser.add_argument("--ref", type=Path, default=FLORES / "eng_Latn.devtest")
    parser.add_argument("--model", default=str(MODEL))
    parser.add_argument("--jsonl", type=Path, nargs="+", help="tabulate these JSON Lines exports instead")
    args = parser.parse_args()
    if args.jsonl:
        ledger: dict[str, Counter] = {}
        for path in args.jsonl:
            for line in path.read_text(encoding="utf-8").splitlines():
                for fact in json.loads(line).get("facts", []):
                    row = ledger.setdefault(fact["kind"], Counter())
                    row["found"] += 1
                    row[fact["status"]] += 1
        table(ledger)
        print(json.dumps({kind: dict(row) for kind, row in ledger.items()}))
        return
    if not Path(args.model).exists() or not args.src.exists():
        message = f"skipped: {args.model} or {args.src} is not present"
        if not args.smoke:
            sys.exit(message)
        print(json.dumps({"skipped": message}))  # a clone without ../shared: nothing to measure, nothing broken
        return
    command = [str(Path(sys.executable).parent / "vietrans"), "eval", "--src", str(args.src), "--ref", str(args.ref)]
    command += ["--model", args.model, "--terms", "repair", "--no-baseline", "--json", "-q"]
    command += ["--limit", "20"] if args.smoke else []
    result = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    scores = result["terms=repair, retries=1"]
    missing = scores["facts"] - scores["facts_kept"]
    unflagged = scores["facts_missing_unflagged"]
    print(f"{result['sentences']} sentences, {result['model']}")
    print(f"facts both the Vietnamese and the reference carry: {scores['facts']}, kept {scores['facts_kept']}")
    share = f"{unflagged / missing:.1%}" if missing else "n/a"
    print(f"missing {missing}, of which unflagged {unflagged} ({share})")
    print(f"sentences flagged: {scores['flagged']} ({scores['flagged'] / result['sentences']:.1%})")
    print(f"BLEU {scores['bleu']}, chrF++ {scores['chrf++']}, terms {scores['term_accuracy']}")
    print(f"flags: {scores['flags']}\n")
    table({kind: Counter(row) for kind, row in scores["ledger"].items()})
    print(json.dumps({"sentences": result["sentences"], "facts": scores["facts"], "kept": scores["facts_kept"],
                      "missing_unflagged": unflagged, "flagged": scores["flagged"]}))  # fmt: skip


def table(ledger: dict[str, Counter]) -> None:
    print("| kind | " + " | ".join(COLUMNS) + " |")
    print("| --- |" + " ---: |" * len(COLUMNS))
    total: Counter = Counter()
    for kind, row in sorted(ledger.items(), key=lambda item: -item[1]["found"]):
        total.update(row)
        print(f"| {kind} | " + " | ".join(str(row[c]) for c in COLUMNS) + " |")
    print("| **all** | " + " | ".join(f"**{total[c]}**" for c in COLUMNS) + " |")


if __name__ == "__main__":
    main()
