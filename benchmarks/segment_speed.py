"""Sentences per second of ``split_sentences`` on one core (floor: 10,000).

Splits the FLORES-200 devtest documents (``../shared``) repeatedly in this one
process (Punkt is pure Python, so it uses one core).

Run: .venv/bin/python benchmarks/segment_speed.py  (``--smoke``: the example article, once)
"""

from __future__ import annotations

import json
import sys
import time

from common import SHARED, example_lines, parser

from translator.segment import split_sentences

DATA = SHARED / "data" / "segmentation" / "flores200-devtest-docs.jsonl"


def main(rounds: int = 5) -> None:
    if parser(__doc__).parse_args().smoke:
        texts, rounds = example_lines(), 1
    elif not DATA.exists():
        sys.exit(f"skipped: {DATA} is not present")
    else:
        texts = [json.loads(line)["text"] for line in DATA.read_text(encoding="utf-8").splitlines()]
    split_sentences(texts[0])  # load the tokenizer once
    start = time.perf_counter()
    count = sum(len(split_sentences(text)) for _ in range(rounds) for text in texts)
    seconds = time.perf_counter() - start
    print(f"{count} sentences in {seconds:.2f} s: {count / seconds:,.0f} sentences/s on one core")
    print(json.dumps({"sentences_per_s": round(count / seconds), "floor": 10000, "ok": count / seconds >= 10000}))


if __name__ == "__main__":
    main()
