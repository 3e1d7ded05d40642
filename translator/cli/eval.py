"""``vietrans eval``: translation quality of engines and term strategies on an aligned test set."""

from __future__ import annotations

from pathlib import Path

import click

from translator import TERM_STRATEGIES
from translator.cli.options import beam_size_option, engine_options, glossary_option


@click.command("eval")
@click.option(
    "--src", "src", required=True, type=click.Path(path_type=Path), help="Vietnamese test sentences, one a line."
)
@click.option("--ref", "ref", required=True, type=click.Path(path_type=Path), help="English references, aligned.")
@engine_options(many=True)
@glossary_option
@click.option(
    "--terms",
    "strategies",
    type=click.Choice(TERM_STRATEGIES),
    multiple=True,
    help="Term strategies to compare (repeat the option)  [default: all; one, the instructions, for an LLM]",
)
@click.option(
    "--retries",
    "retries",
    type=click.IntRange(0, 3),
    multiple=True,
    help="Safer retries to compare (repeat: --retries 0 --retries 1)  [default: 1]",
)
@click.option(
    "--baseline/--no-baseline",
    default=True,
    show_default=True,
    help="Add a row without any glossary for each engine.",
)
@click.option("--no-glossary", is_flag=True, help="Score the translation without any glossary only.")
@click.option("--no-protect", is_flag=True, help="Leave numbers, dates, names and links to the model.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N lines.")
@beam_size_option
@click.option(
    "--dump",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every sentence of every setup (source, reference, output, flags) to this JSON Lines file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def evaluate(
    src,
    ref,
    engines,
    glossaries,
    strategies,
    retries,
    baseline,
    no_glossary,
    no_protect,
    limit,
    beam_size,
    dump,
    as_json,
    quiet,
):
    """Compare engines, term strategies and retries on a test set: BLEU, chrF++, TER, terms, spans, flags, speed."""
    import json

    from tqdm import tqdm

    from translator.engines import load
    from translator.engines.ct2 import DecodeOptions
    from translator.eval.quality import evaluate as run_eval
    from translator.eval.quality import read_lines, sentence_records, setups_for
    from translator.facts.spans import SpanOptions
    from translator.files import write_bytes
    from translator.glossary import load_all

    sources, references = read_lines(src)[:limit], read_lines(ref)[:limit]
    loaded = {spec.describe(): load(spec, download=False) for spec in engines}
    glossary_ = None if no_glossary else load_all(glossaries)
    setups = [
        setup
        for name, model in loaded.items()
        for setup in setups_for(
            name if len(loaded) > 1 else "", model.instructed, strategies, retries or (1,), no_glossary, baseline
        )
    ]
    records: list[dict] = []
    results = {}
    with tqdm(total=len(sources) * len(setups), unit="sent", disable=quiet or as_json, desc="evaluating") as bar:
        for name, model in loaded.items():
            engine = model.open(DecodeOptions(beam_size=beam_size))
            try:
                results |= run_eval(
                    sources,
                    references,
                    lambda engine=engine: engine,
                    glossary_,
                    [s for s in setups if s.engine in (name, "")],
                    None if no_protect else SpanOptions(),
                    bar.update,
                    (lambda setup, sentences: records.extend(sentence_records(setup, sentences, references)))
                    if dump
                    else None,
                )
            finally:
                engine.close()
    if dump:
        write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode(), dump, force=True)
    labels = {name: model.label for name, model in loaded.items()}
    if as_json:
        click.echo(
            json.dumps(
                {
                    "models": labels,
                    "model": next(iter(labels.values())),
                    "sentences": len(sources),
                    **{k: v.as_dict() for k, v in results.items()},
                },
                ensure_ascii=False,
            )
        )
        return
    click.echo(f"{len(sources)} sentences; " + "; ".join(f"{name}: {label}" for name, label in labels.items()))
    _eval_table(results)


def _eval_table(results: dict) -> None:
    """One row per setup.  Facts are those the Vietnamese and the reference both carry
    (translator.eval.facts): kept by the output, and missing in a sentence with no flag at all."""
    width = max(26, *(len(name) + 2 for name in results))
    header = ("setup", "BLEU", "chrF++", "TER", "chrF++ terms", "terms", "facts kept", "missing unflagged", "flagged",
              "again", "sent/s")  # fmt: skip
    widths = [max(13, len(h) + 2) for h in header[1:]]
    click.echo(f"{header[0]:<{width}}" + "".join(f"{h:>{w}}" for h, w in zip(header[1:], widths, strict=True)))
    for name, s in results.items():
        missing = s.facts - s.facts_kept
        cells = (
            f"{s.bleu:.2f}",
            f"{s.chrf:.2f}",
            f"{s.ter:.2f}",
            "n/a" if s.term_chrf is None else f"{s.term_chrf:.2f}",
            "n/a" if s.term_accuracy is None else f"{s.term_accuracy:.1%} of {s.terms}",
            f"{s.facts_kept}/{s.facts}",
            f"{s.facts_missing_unflagged}/{missing} ({s.facts_missing_unflagged / missing:.0%})" if missing else "0/0",
            f"{s.flagged} ({s.flagged / s.sentences:.0%})" if s.sentences else f"{s.flagged}",
            f"{s.retried + s.placed}",
            f"{s.sentences / s.seconds:.1f}" if s.seconds else "n/a",
        )
        click.echo(f"{name:<{width}}" + "".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
    for name, s in results.items():
        click.echo(f"flags ({name}): " + (", ".join(f"{k} {v}" for k, v in s.flags.items()) or "none"))
    for name, signature in next(iter(results.values())).signatures.items():
        click.echo(f"{name}: {signature}")
