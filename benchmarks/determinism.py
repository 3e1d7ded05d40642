"""Determinism without its price: vietrans against raw CTranslate2 in free batches, and its
outputs against each sentence decoded alone.

On FLORES-200 devtest (``../shared``; the sentences as vietrans splits them, so every arm decodes
the same rows), with a model (default: the shared small real vi→en model, ``--model PATH``):

raw       raw CTranslate2, the fastest way to decode them with no promise about batching: the
          sentences tokenised, length-sorted, in free batches of 32, each batch capped at its
          longest sentence's cap (not rounded to a band; detokenising included, model loading not);
bands     the same, in batches of one 16-token length band (how vietrans kept a sentence's
          output independent of its batch before: the price this benchmark is about);
vietrans  the whole ``vietrans translate`` process on the same sentences in 16 files (start-up,
          model load, reading, segmenting, decoding, the translation memory, Markdown + DOCX),
          ``--no-glossary --no-protect --retries 0``, same beam, batch size and threads.

The arms run interleaved, ``--repeats`` times each, and the medians are reported: the machine is
shared, so single timings are noise.  Then every sentence is decoded alone (one
``translate_batch`` call each, with its own cap) and vietrans's outputs, read from its
translation memory, are compared with those byte for byte.
Floor: vietrans within 5% + 1.5 s of raw, and every output identical.  The last line is one JSON
object.

Run: .venv/bin/python benchmarks/determinism.py [--model PATH] [--limit N] [--repeats R] [--threads T]
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import FLORES, REAL_MODEL, example_lines, parser, work_folder

FILES = 16


def main() -> None:
    cli = parser(__doc__)
    cli.add_argument("--model", type=Path, default=REAL_MODEL, help="a .argosmodel or model folder")
    cli.add_argument("--limit", type=int, help="only the first N FLORES lines")
    cli.add_argument("--repeats", type=int, default=5, help="timed runs of each arm (median reported)")
    cli.add_argument("--threads", type=int, default=2, help="CTranslate2 threads, every arm")
    args = cli.parse_args()
    work = work_folder("vietrans-determinism-")
    if args.smoke:
        from translator.testmodels import build_package

        lines = example_lines()[:6]
        model = build_package(work / "tiny.argosmodel", "random", texts=lines)
        args.repeats = 1
    else:
        if not FLORES.exists() or not args.model.exists():
            sys.exit(f"skipped: {FLORES} or {args.model} is not present")
        lines = (FLORES / "vie_Latn.devtest").read_text(encoding="utf-8").splitlines()[: args.limit]
        model = args.model
    import ctranslate2
    import sentencepiece

    from translator.engines import packages as models
    from translator.engines.ct2 import DecodeOptions, plan_batches
    from translator.segment import split_sentences

    package = models.resolve(str(model))
    options = DecodeOptions(threads=args.threads)
    sentences = list(dict.fromkeys(s for line in lines for s in split_sentences(line)))
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package.source_tokenizer))
    target = sentencepiece.SentencePieceProcessor(model_file=str(package.target_tokenizer))
    translator = ctranslate2.Translator(str(package.model_dir), device="cpu", intra_threads=args.threads)
    around = list(package.source_lead), list(package.source_end)
    prefix = [list(package.target_lead)] if package.target_lead else None

    def decode(batches: list[list[int]], tokens: list[list[str]], cap_of=options.cap) -> list[str]:
        texts = [""] * len(tokens)
        for batch in batches:
            cap = max(cap_of(len(tokens[i])) for i in batch)
            outputs = translator.translate_batch(
                [around[0] + tokens[i] + around[1] for i in batch],
                target_prefix=prefix * len(batch) if prefix else None,
                **options.call_arguments(cap, len(batch)),
            )
            for i, output in zip(batch, outputs, strict=True):
                texts[i] = target.decode_pieces(output.hypotheses[0][len(package.target_lead) :]).strip()
        return texts

    def raw(banded: bool = False) -> list[str]:
        tokens = [sp.encode(s, out_type=str) for s in sentences]
        lengths = [len(t) for t in tokens]
        if banded:  # each band's own cap, as the band scheme had
            return decode(_banded(lengths, options.batch_size), tokens, options.cap_for)
        return decode(plan_batches(lengths, options.batch_size), tokens)  # the longest's cap, unrounded

    inputs = work / "articles"
    inputs.mkdir()
    files = min(FILES, len(lines))
    for i in range(files):
        (inputs / f"article-{i:02d}.txt").write_text("\n\n".join(lines[i::files]) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "translator", "translate", str(inputs), "--model", str(package.path), "-q"]
    command += ["--json", "--no-glossary", "--no-protect", "--retries", "0", "--threads", str(args.threads)]
    command += ["--beam-size", str(options.beam_size), "--batch-size", str(options.batch_size)]
    runs = 0

    def vietrans() -> None:
        nonlocal runs
        runs += 1
        out, memory = work / f"out-{runs}", work / f"memory-{runs}.sqlite3"
        subprocess.run([*command, "-o", str(out), "--cache", str(memory)], check=True, capture_output=True)

    times: dict[str, list[float]] = {"raw": [], "bands": [], "vietrans": []}
    arms = {"raw": raw, "bands": lambda: raw(banded=True), "vietrans": vietrans}
    for _ in range(args.repeats):
        for name, arm in arms.items():
            start = time.perf_counter()
            arm()
            times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in times.items()}
    with sqlite3.connect(work / f"memory-{runs}.sqlite3") as db:
        made = dict(db.execute("SELECT source, translation FROM memory"))
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    alone = decode([[i] for i in range(len(sentences))], tokens, options.cap_for)
    differ = [s for s, text in zip(sentences, alone, strict=True) if made.get(s, "").strip() != text]
    budget = medians["raw"] * 1.05 + 1.5
    print(
        f"{len(lines)} lines = {len(sentences)} sentences, beam {options.beam_size}, batch {options.batch_size}, "
        f"{args.threads} threads, {package.name}; medians of {args.repeats} interleaved runs:"
    )
    for name, values in times.items():
        print(f"{name:<9}{medians[name]:8.2f} s   (runs: {', '.join(f'{v:.2f}' for v in values)})")
    print(f"budget for vietrans (raw × 1.05 + 1.5 s): {budget:.2f} s")
    print(f"outputs identical to each sentence decoded alone: {len(sentences) - len(differ)} of {len(sentences)}")
    for source in differ[:5]:
        print(f"  differs: {source}")
    result = {
        "sentences": len(sentences),
        "repeats": args.repeats,
        "threads": args.threads,
        **{f"{name}_s": round(value, 3) for name, value in medians.items()},
        "runs_s": {name: [round(v, 3) for v in values] for name, values in times.items()},
        "budget_s": round(budget, 3),
        "identical": len(sentences) - len(differ),
        "floors_met": medians["vietrans"] <= budget and not differ,
    }
    print(json.dumps(result))


def _banded(lengths: list[int], size: int) -> list[list[int]]:
    """Length-sorted batches of at most ``size``, each within one 16-token band (the old scheme)."""
    from translator.engines.ct2 import DecodeOptions

    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        band = DecodeOptions.bucket(lengths[i])
        if batches and len(batches[-1]) < size and DecodeOptions.bucket(lengths[batches[-1][0]]) == band:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


if __name__ == "__main__":
    main()
