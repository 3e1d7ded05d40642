"""Batch translation speed: vietrans against a per-sentence loop and raw CTranslate2.

Builds a transformer-base-size test model (6+6 layers, d=512, int8, ~32k
vocabulary; SentencePiece trained on FLORES so sentences tokenise to realistic
lengths) and, on the same FLORES-200 devtest sentences (``../shared``; the
lines as vietrans splits them, so every arm decodes the same rows), times:

(a) a per-sentence loop, one ``translate_batch`` call per sentence, as Argos
    Translate's API does;
(b) raw CTranslate2 ``translate_batch`` over all pre-tokenised sentences,
    length-sorted, the floor for this model;
(c) ``vietrans translate`` on the same text as files (a whole process: start-up,
    model load, reading, cleaning, segmenting, Markdown and DOCX outputs);
(d) the same command again, warm translation memory (``--force``).

(c) and (d) run with ``--no-glossary --no-protect --retries 0``, so that every
arm decodes the same sentences once (glossary terms and number renderings
change the model's input, and a random model's looping output would be
decoded again).

A random model never stops by itself, so every arm caps decoding with the
engine's own rule (``DecodeOptions.cap`` of the sentence's length bucket) and
the same decoding arguments; (b) forms the engine's batches
(``engine.plan_batches``), so it is the floor for exactly the work (c) does.
The last line is one JSON object.

Run: .venv/bin/python benchmarks/batch.py [N_LINES] [--no-loop]  (default: all 1012 FLORES lines; about
20 minutes, of which (a) takes 15: ``--no-loop`` leaves it out)
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from common import flores_and_base_model

FILES = 16


def main(count: int = 1012, loop: bool = True) -> None:
    work, archive, vietnamese = flores_and_base_model("vietrans-bench-")
    import ctranslate2
    import sentencepiece

    from translator.engines import packages as models
    from translator.engines.ct2 import DecodeOptions, plan_batches
    from translator.segment import split_sentences

    lines = vietnamese.splitlines()[:count]
    # The sentences vietrans will see: a FLORES line can hold two, and every arm must decode the same rows.
    sentences = [s for line in lines for s in split_sentences(line)]
    package = models.resolve(str(archive))
    options = DecodeOptions()
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer_path))
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    translator = ctranslate2.Translator(str(package.model_dir), device="cpu", intra_threads=options.threads)

    def timed(fn) -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    def per_sentence() -> None:
        for t in tokens:
            translator.translate_batch([t], **options.call_arguments(options.bucket(len(t)), 1))

    def raw() -> None:  # the engine's own batches: length-sorted, one length bucket each (its decoding caps)
        for batch in plan_batches([len(t) for t in tokens], options.batch_size):
            longest = options.bucket(max(len(tokens[i]) for i in batch))
            translator.translate_batch([tokens[i] for i in batch], **options.call_arguments(longest, len(batch)))

    inputs = work / "articles"
    inputs.mkdir()
    for i in range(FILES):
        (inputs / f"article-{i:02d}.txt").write_text("\n\n".join(lines[i::FILES]) + "\n", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "translator",
        "translate",
        str(inputs),
        "-o",
        str(work / "out"),
        "--model",
        str(package.path),
        "--cache",
        str(work / "memory.sqlite3"),
        "-q",
        "--json",
        "--no-glossary",  # the other arms translate the raw sentences: no terms injected
        "--no-protect",  # nor numbers or dates rewritten
        "--retries",
        "0",  # a random model's output always loops; the other arms decode once
    ]

    def vietrans(*extra: str) -> dict:
        proc = subprocess.run([*command, *extra], capture_output=True, text=True, check=True)
        return json.loads(proc.stdout)

    # (a) runs last: it is the slowest and its floor the least tight, so a busy machine matters least there.
    b = timed(raw)
    summary_c: dict = {}
    c = timed(lambda: summary_c.update(vietrans()))
    summary_d: dict = {}
    d = timed(lambda: summary_d.update(vietrans("--force")))
    a = timed(per_sentence) if loop else float("nan")
    assert summary_c["translated"] == summary_c["sentences"] == len(sentences), summary_c
    assert summary_d["translated"] == 0 and summary_d["cached"] == summary_c["sentences"], summary_d
    n = len(sentences)
    print(
        f"{len(lines)} FLORES lines = {n} sentences, {FILES} files, "
        f"beam {options.beam_size}, batch {options.batch_size}, 2-core CPU"
    )
    print(f"(a) per-sentence loop       {a:8.2f} s  {n / a:7.1f} sentences/s")
    print(f"(b) raw CTranslate2 batches {b:8.2f} s  {n / b:7.1f} sentences/s")
    print(f"(c) vietrans translate      {c:8.2f} s  {n / c:7.1f} sentences/s  (whole process, md + docx)")
    print(f"(d) again, warm memory      {d:8.2f} s  {n / d:7.1f} sentences/s")
    result = {
        "sentences": n,
        "per_sentence_s": round(a, 3),
        "raw_s": round(b, 3),
        "vietrans_s": round(c, 3),
        "cached_s": round(d, 3),
        "speedup_vs_per_sentence": round(a / c, 2),
        "overhead_vs_raw": round(c / b - 1, 4),
        "cached_speedup": round(c / d, 1),
        "floors_met": (a / c >= 3 or not loop) and c / b - 1 <= 0.10 and c / d >= 50,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 1012, loop="--no-loop" not in sys.argv)
