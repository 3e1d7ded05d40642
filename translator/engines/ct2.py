"""Translate sentences with CTranslate2 and SentencePiece, in batches.

argostranslate's own translate path pulls in stanza and a sentence splitter
we do not need, and translates one call per text; here the model and its
SentencePiece tokenizers are driven directly: every sentence of a job is
tokenised, sorted by length, and decoded in large ``translate_batch`` calls,
and the results are put back in order.  The same engine runs Argos packages
and converted models of other families (OPUS-MT, NLLB-200, M2M-100,
MADLAD-400): the package says which tokens go around a sentence
(:mod:`translator.engines.families`).

A sentence's decoding does not depend on what shares its batch.  Its cap
comes from its own length (:meth:`DecodeOptions.cap_for`); a batch is decoded
with its largest cap, and a sentence whose beam search ran as far as its own,
smaller cap is decoded again with it (:meth:`Engine._decoded` says why that is
exact).  (The padding of shorter inputs can still move CTranslate2's float
results in their last digits; on FLORES it changed scores, never a text: see
the README.)  Inputs longer than the model's position encodings are cut into
pieces first (:func:`model_positions`).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.engines import Translation
from translator.engines.packages import ModelPackage
from translator.read import CONTROL_CHARS
from translator.translate.align import Alignment, spans_of

DEVICES = ("auto", "cpu", "cuda")
LENGTH_PENALTY = 0.2  # beam search's (CTranslate2 divides a hypothesis's log-probability by its length to this power)


@dataclass(frozen=True)
class DecodeOptions:
    """How the model decodes; part of every translation's identity."""

    beam_size: int = 2
    batch_size: int = 32  # sentences per translate_batch call
    threads: int = 0  # CTranslate2 intra-op threads; 0 lets it choose
    device: str = "auto"
    length_ratio: float = 1.5  # output may have this many tokens per input token, plus 10
    max_length: int = 512
    max_input: int = 200  # longer sentences are translated in pieces of at most this many tokens

    def cap(self, longest: int) -> int:
        """Most output tokens for an input of ``longest`` tokens."""
        return min(self.max_length, int(longest * self.length_ratio) + 10)

    @staticmethod
    def bucket(length: int) -> int:
        """The length a sentence of ``length`` tokens is capped as: the next multiple of 16
        (the rule outputs in translation memories were made with; it keeps more sentences of
        a batch at the batch's own cap, so fewer are decoded again)."""
        return max(16, -(-length // 16) * 16)

    def cap_for(self, length: int) -> int:
        """A sentence's own decoding cap: what it gets alone and in any batch."""
        return self.cap(self.bucket(length))

    def call_arguments(self, cap: int, size: int, safer: bool = False) -> dict[str, object]:
        """Keyword arguments of ``translate_batch`` for a batch decoded with the cap ``cap``
        (benchmarks reuse them).  Every hypothesis of the beam comes back, so that
        :meth:`Engine._decoded` can see how far the search went.

        ``safer``: a wider beam and penalties against repetition, for a retry."""
        extra = {"repetition_penalty": 1.2, "no_repeat_ngram_size": 4} if safer else {}
        beam = max(self.beam_size, 4) if safer else self.beam_size
        return {
            **extra,
            "beam_size": beam,
            "num_hypotheses": beam,
            "max_batch_size": size,
            "max_decoding_length": cap,
            "max_input_length": 0,
            "length_penalty": LENGTH_PENALTY,
            "replace_unknowns": True,
            "return_scores": True,
        }

    def key(self) -> str:
        """The options that change the output (not threads or device)."""
        return f"beam={self.beam_size};ratio={self.length_ratio};max={self.max_length};score=token"


def plan_batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Indexes into ``lengths`` in length-sorted batches of at most ``size`` (forced decoding
    for alignment; the benchmarks' raw arms)."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    step = max(1, size)
    return [order[start : start + step] for start in range(0, len(order), step)]


def reached_cap(hypotheses: Sequence[Sequence[str]], cap: int) -> bool:
    """Whether a beam search whose hypotheses these are went on to step ``cap - 1``, the last
    one a search capped at ``cap`` makes (see :meth:`Engine._decoded`)."""
    return max((len(h) for h in hypotheses), default=0) >= cap - 1


def model_positions(model_dir: Path) -> tuple[int | None, int | None]:
    """How many positions the model's encoder and decoder have encodings for, read from the
    variable table of ``model.bin`` (CTranslate2 fails a whole batch on a longer input or output:
    "No position encodings are defined for positions >= 256").  None: no such limit (sinusoidal
    encodings made on the fly, relative positions) or a file this reader does not know."""
    found: dict[str, int] = {}
    try:
        with open(model_dir / "model.bin", "rb") as f:

            def number(fmt: str) -> int:
                return struct.unpack(fmt, f.read(struct.calcsize(fmt)))[0]

            def text() -> str:
                return f.read(number("H"))[:-1].decode("utf-8")

            version = number("I")
            if version < 4:  # older layouts store variable sizes differently
                return None, None
            text(), number("I")  # the spec's name and revision
            for _ in range(number("I")):
                name, rank = text(), number("B")
                dims = [number("I") for _ in range(rank)]
                number("B")  # the data type
                f.seek(number("I"), 1)
                if name.endswith("position_encodings/encodings") and dims:
                    found[name] = dims[0]
            for _ in range(number("I")):  # aliases: the encoder often shares the decoder's table
                alias, name = text(), text()
                if name in found:
                    found[alias] = found[name]
    except (OSError, struct.error, UnicodeDecodeError):
        return None, None
    return found.get("encoder/position_encodings/encodings"), found.get("decoder/position_encodings/encodings")


def default_batch_size(device: str) -> int:
    """Sentences per call: 32 suits a 2-core CPU; a GPU wants bigger batches."""
    return 64 if resolve_device(device) == "cuda" else 32


def resolve_device(device: str) -> str:
    """``auto`` means CUDA when CTranslate2 sees a GPU, else the CPU."""
    import ctranslate2

    if device == "auto":
        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    return device


class Engine:
    """One loaded model; load it once per run and translate many batches."""

    def __init__(self, package: ModelPackage, options: DecodeOptions | None = None) -> None:
        import ctranslate2
        import sentencepiece

        from translator.errors import ModelError

        self.package = package
        self.options = options or DecodeOptions()
        self.device = resolve_device(self.options.device)
        try:
            self._translator = ctranslate2.Translator(
                str(package.model_dir),
                device=self.device,
                inter_threads=1,
                intra_threads=self.options.threads,
            )
            self._sp = sentencepiece.SentencePieceProcessor(model_file=str(package.source_tokenizer))
            self._target_sp = (
                sentencepiece.SentencePieceProcessor(model_file=str(package.target_tokenizer))
                if package.target_tokenizer != package.source_tokenizer
                else self._sp
            )
        except (RuntimeError, ValueError, OSError) as err:
            raise ModelError(f"{package.path}: cannot load the model ({str(err).splitlines()[0]})") from None
        self._lead, self._end = list(package.source_lead), list(package.source_end)
        self._prefix = list(package.target_lead) or None
        self._source_positions, self._target_positions = model_positions(package.model_dir)
        self.max_input = self._input_limit()

    def _input_limit(self) -> int:
        """Most tokens in one piece of a sentence: ``max_input``, and within the model's own
        positions both for the piece (with the family's tokens around it) and for the output
        its cap allows (with the tokens every output begins with)."""
        limit = self.options.max_input
        if self._source_positions is not None:
            limit = min(limit, self._source_positions - len(self._lead) - len(self._end))
        if self._target_positions is not None:
            room = self._target_positions - len(self._prefix or [])
            while limit > 1 and self.options.cap_for(limit) > room:
                limit -= 1
        return max(1, limit)

    def _cap(self, length: int, forced: int = 0) -> int:
        """The decoding cap of a piece of ``length`` tokens whose output begins with ``forced``
        given tokens, within the decoder's positions."""
        cap = self.options.cap_for(length) + forced
        return min(cap, self._target_positions) if self._target_positions is not None else cap

    def close(self) -> None:
        """Free the model now rather than when the engine is collected."""
        self._translator = None

    def tokenize(self, text: str) -> list[str]:
        """The source tokenizer's pieces (without the family's language and end tokens)."""
        return self._sp.encode(text, out_type=str)

    def translate(
        self,
        sources: Sequence[str],
        progress: Callable[[int], object] | None = None,
        safer: bool = False,
        done: Callable[[list[tuple[int, Translation]]], object] | None = None,
        prefixes: Sequence[str] | None = None,
    ) -> list[Translation]:
        """Translate ``sources`` in length-sorted batches; keep their order.

        ``progress`` is called with the number of sentences each batch finished;
        ``done`` with the ``(index, translation)`` of each sentence a batch completed,
        so a caller can keep them before the rest is decoded.  ``safer`` decodes with
        a wider beam and repetition penalties (a retry).  ``prefixes``: text each
        output must begin with (the model writes the rest); "" for none.
        """
        owners: list[int] = []  # a sentence too long for the model goes in as several pieces
        pieces: list[list[str] | str] = []  # tokens to decode, or text passed through as it is
        forced: dict[int, str] = {}  # piece → the text its output begins with
        for index, text in enumerate(sources):
            split = self._pieces(text)
            if prefixes and prefixes[index] and len(split) == 1 and not isinstance(split[0], str):
                forced[len(pieces)] = prefixes[index]
            for piece in split:
                owners.append(index)
                pieces.append(piece)
        members: dict[int, list[int]] = {}  # sentence → its pieces, in order
        for piece_index, owner in enumerate(owners):
            members.setdefault(owner, []).append(piece_index)
        left = {owner: len(parts) for owner, parts in members.items()}
        decoded: list[Translation | None] = [
            Translation(p, 0.0, passed=len(p)) if isinstance(p, str) else None for p in pieces
        ]
        results = [Translation("", 0.0)] * len(sources)

        def finish(indexes: list[int]) -> None:
            finished = []
            for i in indexes:
                left[owners[i]] -= 1
                if not left[owners[i]]:
                    finished.append(owners[i])
            for owner in finished:
                parts = [decoded[i] for i in members[owner]]
                results[owner] = Translation(
                    " ".join(p.text for p in parts if p.text),
                    min(p.score for p in parts),
                    len(parts),
                    sum(p.passed for p in parts),
                )
            if done and finished:
                done([(owner, results[owner]) for owner in finished])
            if progress:
                progress(len(finished))

        finish([i for i, p in enumerate(pieces) if isinstance(p, str)])
        tokenized = {i: p for i, p in enumerate(pieces) if not isinstance(p, str)}
        for chunk, translations in self._decoded(tokenized, forced, safer):
            for index, translation in zip(chunk, translations, strict=True):
                decoded[index] = translation
            finish(chunk)
        if progress and len(members) < len(sources):
            progress(len(sources) - len(members))  # empty sources
        return results

    def _pieces(self, text: str) -> list[list[str] | str]:
        """The tokens of ``text``, cut into pieces of at most :attr:`max_input` tokens at word
        boundaries (after a comma or semicolon where one is near), so nothing is truncated.
        A single "word" longer than the model takes (a long link, an encoded blob) is no
        language: it is passed through as it is, as text."""
        if not text.strip():
            return []
        tokens = self.tokenize(text)
        limit = self.max_input
        if len(tokens) <= limit:
            return [tokens]
        pieces: list[list[str] | str] = []
        current: list[str] = []
        current_len = 0

        def close() -> None:
            nonlocal current, current_len
            if current:
                pieces.append(self.tokenize(" ".join(current)))
            current, current_len = [], 0

        for word in text.split():
            word_tokens = self.tokenize(word)
            if len(word_tokens) > limit:
                close()
                pieces.append(word)
                continue
            if current and current_len + len(word_tokens) > limit:
                close()
            current.append(word)
            current_len += len(word_tokens)
            if current_len > 0.75 * limit and word.endswith((",", ";", ":")):
                close()
        close()
        return pieces

    def _decoded(
        self, pieces: dict[int, list[str]], forced: dict[int, str], safer: bool
    ) -> Iterator[tuple[list[int], list[Translation]]]:
        """Decode ``pieces`` (index → tokens) longest first in batches, each capped at its
        largest cap; yield the outputs each call made final, as soon as it did.  Every output is
        the one its piece gets alone.

        Why this is exact (CTranslate2's ``BeamSearch::search``, src/decoding.cc): the cap enters
        a search only at its last step, where every live hypothesis is ended; before it, each
        sentence's beams are expanded, ranked and ended on their own.  With a length penalty
        there is no early exit: a sentence is done once ``beam_size`` hypotheses have ended, so
        the longest of its hypotheses (all are asked for) tells the step it was done at
        (:func:`reached_cap`).  Done before its own last step, it was done the same way under any
        larger cap; else it is decoded again under its own: with the next batch when that batch's
        cap is its own (longest first, the next batch starts in the same length band), so a
        sentence that runs on costs one row more there, not a call of its own."""
        starts = {i: forced.get(i, "") for i in pieces}
        lead = {i: self._target_sp.encode(start, out_type=str) if start else [] for i, start in starts.items()}
        caps = {i: self._cap(len(pieces[i]), len(lead[i])) for i in pieces}
        order = sorted(pieces, key=lambda i: len(pieces[i]), reverse=True)
        size = max(1, self.options.batch_size)
        again: dict[int, list[int]] = {}  # own cap → pieces to decode again under it

        def run(batch: list[int], cap: int) -> tuple[list[int], list[Translation]]:
            prefixes = [(self._prefix or []) + lead[i] for i in batch]
            outputs = self._run([pieces[i] for i in batch], prefixes, cap, safer)
            final = []
            for i, output, prefix in zip(batch, outputs, prefixes, strict=True):
                if caps[i] < cap and reached_cap(output.hypotheses, caps[i]):
                    again.setdefault(caps[i], []).append(i)
                else:
                    final.append((i, self._translation(output, starts[i], prefix)))
            return [i for i, _ in final], [t for _, t in final]

        for start in range(0, len(order), size):
            fresh = order[start : start + size]
            cap = max(caps[i] for i in fresh)
            for own in sorted((c for c in again if c > cap), reverse=True):  # no later batch has their cap
                yield run(again.pop(own), own)
            yield run(again.pop(cap, []) + fresh, cap)
        for own in sorted(again, reverse=True):
            yield run(again.pop(own), own)

    def _run(self, batch: list[list[str]], prefixes: list[list[str]], cap: int, safer: bool) -> list:
        """One ``translate_batch`` call; out of memory, the same work in halves (each sentence's
        output does not depend on its batch)."""
        from translator.errors import ModelError

        arguments = self.options.call_arguments(cap, len(batch), safer)
        try:
            return _wait(
                self._translator.translate_batch(
                    [self._lead + tokens + self._end for tokens in batch],
                    target_prefix=prefixes if any(prefixes) else None,
                    asynchronous=True,
                    **arguments,
                )
            )
        except (RuntimeError, MemoryError) as err:
            if "memory" not in str(err).lower() and not isinstance(err, MemoryError):
                raise  # the batch's files fail, one by one, and the rest go on (the pipeline)
            if len(batch) == 1:
                raise ModelError("out of memory on a single sentence; try --device cpu or a shorter --window") from None
            half = len(batch) // 2
            return self._run(batch[:half], prefixes[:half], cap, safer) + self._run(
                batch[half:], prefixes[half:], cap, safer
            )

    def _translation(self, output, start: str, prefix: list[str]) -> Translation:
        """The text and score of a decoded piece's best hypothesis."""
        rest = output.hypotheses[0][len(prefix) :]  # the language token and forced words are not decoded
        while start and rest and not rest[0].startswith("▁") and rest[0][:1].isalnum():
            rest = rest[1:]  # the model went on with the forced word ("Iraq" + "is"): the word ends there
        score = _per_token(output.scores[0], len(output.hypotheses[0]), len(prefix)) if output.scores else 0.0
        text = CONTROL_CHARS.sub("", self._target_sp.decode_pieces(rest)).strip()
        if start:  # the forced words as given (not as the vocabulary spells them), then the rest
            text = f"{start}{' ' if rest and rest[0].startswith('▁') else ''}{text}".strip()
        return Translation(text, score)

    def align(self, pairs: Sequence[tuple[str, str]]) -> list[Alignment | None]:
        """The model's attention over each source while it writes the given translation
        (forced decoding); None for a pair too long for the model."""
        results: list[Alignment | None] = [None] * len(pairs)
        encoded = []
        lead = self._prefix or []
        longest = self.options.max_length  # forced decoding writes the target, the lead and one more token
        if self._target_positions is not None:
            longest = min(longest, self._target_positions - len(lead) - 1)
        for index, (source, target) in enumerate(pairs):
            src = self._sp.encode(source, out_type="proto").pieces
            tgt = self._target_sp.encode(target, out_type="proto").pieces
            if src and tgt and len(src) <= self.max_input and len(tgt) <= longest:
                encoded.append((index, src, tgt))
        lengths = [len(src) for _, src, _ in encoded]
        for batch in plan_batches(lengths, self.options.batch_size):
            items = [encoded[i] for i in batch]
            outputs = _wait(
                self._translator.translate_batch(
                    [self._lead + [p.piece for p in src] + self._end for _, src, _ in items],
                    target_prefix=[lead + [p.piece for p in tgt] for _, _, tgt in items],
                    asynchronous=True,
                    beam_size=1,
                    max_batch_size=len(items),
                    max_input_length=0,
                    max_decoding_length=max(len(lead) + len(tgt) for _, _, tgt in items) + 1,
                    return_attention=True,
                )
            )
            for (index, src, tgt), output in zip(items, outputs, strict=True):
                first = len(self._lead)  # attention columns of the source's own pieces only
                rows = [row[first : first + len(src)] for row in output.attention[0][len(lead) : len(lead) + len(tgt)]]
                results[index] = Alignment(spans_of([p.surface for p in src]), spans_of([p.surface for p in tgt]), rows)
        return results


def _per_token(score: float, tokens: int, forced: int = 0) -> float:
    """CTranslate2's length-penalised score as the mean log-probability per decoded token (the end
    token counted).  The penalised score falls with length whatever the quality; the mean does not,
    and follows quality better (measured on FLORES with a real model: correlation with sentence
    chrF++ 0.37 against 0.26).  ``forced``: tokens given as a prefix; CTranslate2 leaves their
    log-probability out of the score but counts them in the penalty's length, so they are left out
    of the mean (else a placed output, mostly forced, would score far higher than it deserves)."""
    length = tokens + 1
    return score * length**LENGTH_PENALTY / max(1, length - forced)


def _wait(pending: list) -> list:
    """The results of an asynchronous ``translate_batch``, waited for in short sleeps so that
    Ctrl-C or SIGTERM is seen at once rather than when the batch ends."""
    import time

    from translator.errors import Abandoned

    pause = 0.0005
    try:
        while not all(result.done() for result in pending):
            time.sleep(pause)
            pause = min(pause * 2, 0.005)  # a batch's end is seen within 5 ms (37 batches × 50 ms was 1.8 s)
    except KeyboardInterrupt:
        raise Abandoned from None
    return [result.result() for result in pending]


def load(spec, download: bool = True, progress: bool = True) -> ModelPackage:
    """The model a ``ctranslate2`` engine spec names (:class:`~translator.engines.EngineSpec`);
    with none named and none installed, the Argos vi→en package is downloaded if allowed."""
    import os

    from translator.engines import packages as models
    from translator.errors import ModelError

    try:
        return models.resolve(spec.model, spec.family)
    except ModelError:
        if spec.model is not None or not download or os.environ.get("VIETRANS_OFFLINE"):
            raise
    return models.install_from_index(progress=progress)
