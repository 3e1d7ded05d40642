"""Sentences per second of the engine on a transformer-base-size test model.

Builds a 6+6-layer, d=512, int8 random model with a ~32k vocabulary (a stand-in
for the real Argos vi→en model's size and cost), then translates FLORES-200
devtest sentences (``../shared``) with the default options.  A random model never
stops by itself, so decoding runs to the engine's length cap: the figure is a
lower bound for a real model, which stops at its end token.

Run: .venv/bin/python benchmarks/engine_speed.py [N_SENTENCES]  (``--smoke``: a tiny model, 8 sentences)
"""

from __future__ import annotations

import json
import time

from common import flores_and_base_model, parser

from translator.engines import packages as models
from translator.engines.ct2 import DecodeOptions, Engine


def main() -> None:
    cli = parser(__doc__)
    cli.add_argument("sentences", nargs="?", type=int, default=128)
    args = cli.parse_args()
    # SentencePiece trained on the test set itself, so sentences tokenise to realistic lengths.
    _, archive, vietnamese = flores_and_base_model("vietrans-engine-", smoke=args.smoke)
    sentences = vietnamese.splitlines()[: 8 if args.smoke else args.sentences]
    package = models.resolve(str(archive))
    options = DecodeOptions()
    engine = Engine(package, options)
    engine.translate(sentences[:4])  # warm-up
    start = time.perf_counter()
    engine.translate(sentences)
    seconds = time.perf_counter() - start
    rate = len(sentences) / seconds
    tokens = sum(len(engine.tokenize(s)) for s in sentences) / len(sentences)
    print(
        f"{len(sentences)} sentences ({tokens:.0f} tokens each on average) in {seconds:.2f} s: {rate:.1f} sentences/s "
        f"(beam {options.beam_size}, batch {options.batch_size}, device {engine.device})"
    )
    print(json.dumps({"sentences": len(sentences), "seconds": round(seconds, 3), "sentences_per_s": round(rate, 2)}))


if __name__ == "__main__":
    main()
