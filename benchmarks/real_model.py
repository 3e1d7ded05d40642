"""Term strategies, retries, spans and flags with the shared real vi→en model on FLORES devtest.

    .venv/bin/python benchmarks/real_model.py [--limit N] [--out DIR] [--smoke]

Runs ``vietrans eval`` (every term strategy, retries off and on) with
../shared/models/translate-vi_en-ted_small.argosmodel and prints:

1. the comparison table (BLEU, chrF++ on all lines and on lines holding a glossary term,
   term accuracy, spans kept, sentences flagged, decoded again, time);
2. what the safer retry and the placement changed, scored against the references on the
   sentences they changed;
3. how often each kind of protected span survives, per strategy;
4. how often each flag fires, and the flags' precision and recall against the hand-labelled
   sample in benchmarks/data/flag-labels.tsv (weighted back to the whole test set).

The model is weak (FLORES BLEU about 6.5): use the figures to compare strategies, never to
claim quality.  Exits with a message when ../shared is absent.  The last line is one JSON object
(chrF++ per setup).  ``--smoke``: a copy test model on the example article, checking the script runs.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from common import FLORES, REAL_MODEL, example_lines, parser, work_folder

LABELS = Path(__file__).parent / "data" / "flag-labels.tsv"
MAIN = "terms=repair, retries=1"  # the default: what the flags are calibrated on


def main() -> None:
    cli = parser(__doc__)
    cli.add_argument("--limit", type=int, help="only the first N lines")
    cli.add_argument("--out", type=Path, help="keep the report and the per-sentence dump here")
    args = cli.parse_args()
    source, reference, model = FLORES / "vie_Latn.devtest", FLORES / "eng_Latn.devtest", REAL_MODEL
    if args.smoke:
        from translator.testmodels import build_package

        work = work_folder("vietrans-real-")
        source = reference = work / "example.txt"
        source.write_text("\n".join(example_lines()) + "\n", encoding="utf-8")
        model = build_package(work / "copy.argosmodel", "copy", texts=example_lines())
    elif not REAL_MODEL.exists() or not FLORES.exists():
        sys.exit(f"skipped: {REAL_MODEL} or {FLORES} is not present")
    out = args.out or Path(tempfile.mkdtemp(prefix="vietrans-real-"))
    out.mkdir(parents=True, exist_ok=True)
    dump = out / "sentences.jsonl"
    command = [
        str(Path(sys.executable).parent / "vietrans"),
        "eval",
        "--src",
        str(source),
        "--ref",
        str(reference),
        "--model",
        str(model),
        "--retries",
        "0",
        "--retries",
        "1",
        "--dump",
        str(dump),
        "-q",
        *(["--limit", str(args.limit)] if args.limit else []),
    ]
    table = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    (out / "eval.txt").write_text(table, encoding="utf-8")
    print(table)
    rows = defaultdict(dict)
    for line in dump.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        rows[record["setup"]][record["line"]] = record
    print("## What the second decodings changed (scored on the changed sentences only)")
    changed("safer retry (terms=off)", rows["terms=off, retries=0"], rows["terms=off, retries=1"])
    changed("safer retry (terms=repair)", rows["terms=repair, retries=0"], rows[MAIN])
    changed("placement (repair against off)", rows["terms=off, retries=1"], rows[MAIN])
    print("\n## Protected spans kept, by kind")
    for setup in ("terms=inject, retries=1", "terms=off, retries=1", MAIN):
        found, kept = Counter(), Counter()
        for record in rows[setup].values():
            for kind, _, enforced in record["spans"]:
                found[kind] += 1
                kept[kind] += enforced
        print(f"{setup:<26}" + ", ".join(f"{k} {kept[k]}/{n}" for k, n in found.most_common()))
    print(f"\n## Flags ({MAIN})")
    flags(rows[MAIN])
    from sacrebleu.metrics import CHRF

    chrf = {
        setup: round(
            CHRF(word_order=2)
            .corpus_score([r["output"] for r in by_line.values()], [[r["reference"] for r in by_line.values()]])
            .score,
            2,
        )
        for setup, by_line in rows.items()
    }
    print(json.dumps({"lines": len(rows[MAIN]), "chrf++": chrf}))


def changed(name: str, before: dict, after: dict) -> None:
    from sacrebleu.metrics import BLEU, CHRF

    lines = [n for n in before if before[n]["output"] != after[n]["output"]]
    if not lines:
        print(f"{name}: no sentence changed")
        return
    chrf = CHRF(word_order=2)
    references = [[before[n]["reference"] for n in lines]]
    gains = [
        chrf.sentence_score(after[n]["output"], [after[n]["reference"]]).score
        - chrf.sentence_score(before[n]["output"], [before[n]["reference"]]).score
        for n in lines
    ]
    old, new = [before[n]["output"] for n in lines], [after[n]["output"] for n in lines]
    print(
        f"{name}: {len(lines)} sentences changed; chrF++ {chrf.corpus_score(old, references).score:.2f} → "
        f"{chrf.corpus_score(new, references).score:.2f}, BLEU {BLEU().corpus_score(old, references).score:.2f} → "
        f"{BLEU().corpus_score(new, references).score:.2f}; better {sum(g > 0 for g in gains)}, "
        f"worse {sum(g < 0 for g in gains)}"
    )


def flags(records: dict) -> None:
    from translator.eval.quality import flag_kind
    from translator.translate.checks import LOW_SCORE

    fired = Counter(kind for r in records.values() for kind in {flag_kind(f) for f in r["flags"]})
    total = len(records)
    flagged = sum(bool(r["flags"]) for r in records.values())
    print(
        f"{flagged} of {total} sentences flagged ({flagged / total:.0%}); "
        + ", ".join(f"{k} {n}" for k, n in fired.most_common())
    )
    if not LABELS.exists():
        return
    sample = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "line\t")):
            continue
        number, stratum, label, digest = line.split("\t")
        record = records.get(int(number))
        if record and hashlib.sha1(record["output"].encode()).hexdigest()[:12] == digest:
            sample.append((record, stratum, label))
    if not sample:
        print("the labelled outputs have all changed since they were read: label a new sample")
        return

    def other(record: dict) -> bool:
        return any(flag_kind(f) != "low model score" for f in record["flags"])

    def stratum(record: dict) -> str:
        return "flagged" if other(record) or record["score"] < -1.5 else "unflagged"

    population = Counter(stratum(r) for r in records.values())
    drawn = Counter(s for _, s, _ in sample)
    unusable = sum(label == "unusable" for *_, label in sample)
    print(f"labelled sample: {len(sample)} outputs still as read ({dict(drawn)}), {unusable} unusable")
    for threshold in sorted({LOW_SCORE, -1.0, -1.2, -1.3, -1.5, -1.6}, reverse=True):
        cells = Counter()
        for record, drawn_from, label in sample:
            weight = population[drawn_from] / drawn[drawn_from]
            predicted = other(record) or record["score"] < threshold
            cells[(predicted, label == "unusable")] += weight
        precision = cells[(True, True)] / max(1e-9, cells[(True, True)] + cells[(True, False)])
        recall = cells[(True, True)] / max(1e-9, cells[(True, True)] + cells[(False, True)])
        gist_flagged = cells[(True, False)] / max(1e-9, cells[(True, False)] + cells[(False, False)])
        share = (
            sum(
                any(flag_kind(f) != "low model score" for f in r["flags"]) or r["score"] < threshold
                for r in records.values()
            )
            / total
        )
        mark = "  ← LOW_SCORE" if threshold == LOW_SCORE else ""
        print(
            f"score below {threshold:+.1f}: {share:.0%} flagged, precision {precision:.2f}, recall {recall:.2f}, "
            f"gist outputs flagged {gist_flagged:.0%}{mark}"
        )


if __name__ == "__main__":
    main()
