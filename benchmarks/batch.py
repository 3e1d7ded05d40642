"""Batch translation speed: vietrans against a per-sentence loop and raw CTranslate2.

Builds a transformer-base-size test model (6+6 layers, d=512, int8, ~32k
vocabulary; SentencePiece trained on FLORES so sentences tokenise to realistic
lengths), or takes the model ``--model PATH`` names (the shared small real
model, say), and, on the same FLORES-200 devtest sentences (``../shared``; the
lines as vietrans splits them, so every arm decodes the same rows), times:

(a) a per-sentence loop, one ``translate_batch`` call per sentence, as Argos
    Translate's API does;
(b) raw CTranslate2 ``translate_batch`` over all pre-tokenised sentences,
    length-sorted, in free batches, each capped at its longest sentence's cap:
    the floor for this model;
(c) ``vietrans translate`` on the same text as files (a whole process: start-up,
    model load, reading, cleaning, segmenting, Markdown and DOCX outputs);
(d) the same command again, warm translation memory (``--force``).

(c) and (d) run with ``--no-glossary --no-protect --retries 0``, so that every
arm decodes the same sentences once (glossary terms and number renderings
change the model's input, and a random model's looping output would be
decoded again).

A random model rarely stops by itself, so its sentences run to their caps:
vietrans decodes again those that ran past their own cap in a batch of longer
ones (its outputs do not depend on the batch; ``benchmarks/determinism.py``
measures that price with a real model).  The last line is one JSON object.

Run: .venv/bin/python benchmarks/batch.py [N_LINES] [--no-loop] [--model PATH]  (default: all 1012 FLORES
lines and the test model; about 20 minutes, of which (a) takes 15: ``--no-loop`` leaves it out)
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from common import FLORES, flores_and_base_model, parser, work_folder

FILES = 16


def main() -> None:
    cli = parser(__doc__)
    cli.add_argument("lines", nargs="?", type=int, default=1012, help="FLORES lines (default: all)")
    cli.add_argument("--no-loop", action="store_true", help="leave out the per-sentence loop (the slow arm)")
    cli.add_argument("--model", type=Path, help="a .argosmodel or model folder (default: a base-size test model)")
    args = cli.parse_args()
    if args.model is None or args.smoke:
        work, archive, vietnamese = flores_and_base_model("vietrans-bench-", smoke=args.smoke)
    elif not FLORES.exists() or not args.model.exists():
        sys.exit(f"skipped: {FLORES} or {args.model} is not present")
    else:
        work, archive = work_folder("vietrans-bench-"), args.model
        vietnamese = (FLORES / "vie_Latn.devtest").read_text(encoding="utf-8")
    import ctranslate2
    import sentencepiece

    from translator.engines import packages
    from translator.engines.ct2 import DecodeOptions, plan_batches
    from translator.segment import split_sentences

    lines = vietnamese.splitlines()[: args.lines]
    # The sentences vietrans will see: a FLORES line can hold two, and every arm must decode the same rows.
    sentences = [s for line in lines for s in split_sentences(line)]
    package = packages.resolve(str(archive))
    options = DecodeOptions()
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package.source_tokenizer))
    around = list(package.source_lead), list(package.source_end)
    tokens = [around[0] + sp.encode(s, out_type=str) + around[1] for s in sentences]
    prefix = list(package.target_lead) or None
    translator = ctranslate2.Translator(str(package.model_dir), device="cpu", intra_threads=options.threads)

    def timed(fn) -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    def decode(batch: list[list[str]], cap: int) -> None:
        prefixes = [prefix] * len(batch) if prefix else None
        translator.translate_batch(batch, target_prefix=prefixes, **options.call_arguments(cap, len(batch)))

    def per_sentence() -> None:  # each sentence with its own cap, as vietrans gives it
        for t in tokens:
            decode([t], options.cap_for(len(t)))

    def raw() -> None:  # free length-sorted batches, each capped at its longest sentence's cap
        for batch in plan_batches([len(t) for t in tokens], options.batch_size):
            decode([tokens[i] for i in batch], options.cap(max(len(tokens[i]) for i in batch)))

    inputs = work / "articles"
    inputs.mkdir()
    files = min(FILES, len(lines))
    for i in range(files):
        (inputs / f"article-{i:02d}.txt").write_text("\n\n".join(lines[i::files]) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "translator", "translate", str(inputs), "-o", str(work / "out")]
    command += ["--model", str(package.path), "--cache", str(work / "memory.sqlite3"), "-q", "--json"]
    command += ["--no-glossary", "--no-protect"]  # the other arms translate the raw sentences: no terms, no rewrites
    command += ["--retries", "0"]  # a random model's output always loops; the other arms decode once

    def vietrans(*extra: str) -> dict:
        proc = subprocess.run([*command, *extra], capture_output=True, text=True, check=True)
        return json.loads(proc.stdout)

    # (a) runs last: it is the slowest and its floor the least tight, so a busy machine matters least there.
    b = timed(raw)
    summary_c: dict = {}
    c = timed(lambda: summary_c.update(vietrans()))
    summary_d: dict = {}
    d = timed(lambda: summary_d.update(vietrans("--force")))
    loop = not args.no_loop
    a = timed(per_sentence) if loop else float("nan")
    assert summary_c["translated"] == summary_c["sentences"] == len(sentences), summary_c
    assert summary_d["translated"] == 0 and summary_d["cached"] == summary_c["sentences"], summary_d
    n = len(sentences)
    print(
        f"{len(lines)} FLORES lines = {n} sentences, {files} files, "
        f"beam {options.beam_size}, batch {options.batch_size}, {package.name}"
    )
    print(f"(a) per-sentence loop       {a:8.2f} s  {n / a:7.1f} sentences/s")
    print(f"(b) raw CTranslate2 batches {b:8.2f} s  {n / b:7.1f} sentences/s")
    print(f"(c) vietrans translate      {c:8.2f} s  {n / c:7.1f} sentences/s  (whole process, md + docx)")
    print(f"(d) again, warm memory      {d:8.2f} s  {n / d:7.1f} sentences/s")
    result = {
        "sentences": n,
        "model": package.name,
        "per_sentence_s": round(a, 3) if loop else None,
        "raw_s": round(b, 3),
        "vietrans_s": round(c, 3),
        "cached_s": round(d, 3),
        "speedup_vs_per_sentence": round(a / c, 2) if loop else None,
        "overhead_vs_raw": round(c / b - 1, 4),
        "cached_speedup": round(c / d, 1),
        "floors_met": (not loop or a / c >= 3) and c / b - 1 <= 0.10 and c / d >= 50,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
