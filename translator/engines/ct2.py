"""Translate sentences with CTranslate2 and SentencePiece, in batches.

argostranslate's own translate path pulls in stanza and a sentence splitter
we do not need, and translates one call per text; here the model and its
SentencePiece tokenizers are driven directly: every sentence of a job is
tokenised, sorted by length, and decoded in large ``translate_batch`` calls,
and the results are put back in order.  The same engine runs Argos packages
and converted models of other families (OPUS-MT, NLLB-200, M2M-100,
MADLAD-400): the package says which tokens go around a sentence
(:mod:`translator.engines.families`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
        """Most output tokens for a batch whose longest input has ``longest`` tokens."""
        return min(self.max_length, int(longest * self.length_ratio) + 10)

    @staticmethod
    def bucket(length: int) -> int:
        """The length a sentence of ``length`` tokens is decoded as: the next multiple of 16.

        A batch holds sentences of one bucket only, so each sentence's decoding cap
        depends on its own length, never on what else shares its batch.  Bands of 16
        tokens keep batches nearly as full as free length-sorted batching (measured on
        FLORES: 15 batches for 338 sentences against 11; bands of 8 gave 19, and 13%
        slower decoding)."""
        return max(16, -(-length // 16) * 16)

    def call_arguments(self, longest: int, size: int, safer: bool = False) -> dict[str, object]:
        """Keyword arguments of ``translate_batch`` for one batch (benchmarks reuse them).

        ``safer``: a wider beam and penalties against repetition, for a retry."""
        extra = {"repetition_penalty": 1.2, "no_repeat_ngram_size": 4} if safer else {}
        return {
            **extra,
            "beam_size": max(self.beam_size, 4) if safer else self.beam_size,
            "max_batch_size": size,
            "max_decoding_length": self.cap(longest),
            "max_input_length": 0,
            "length_penalty": LENGTH_PENALTY,
            "replace_unknowns": True,
            "return_scores": True,
        }

    def key(self) -> str:
        """The options that change the output (not threads or device)."""
        return f"beam={self.beam_size};ratio={self.length_ratio};max={self.max_length};score=token"


def plan_batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Indexes into ``lengths`` in length-sorted batches of at most ``size``, each within one
    length bucket (:meth:`DecodeOptions.bucket`), so that a batch's decoding cap is each of
    its sentences' own."""
    batches: list[list[int]] = []
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        last = batches[-1] if batches else None
        bucket = DecodeOptions.bucket(lengths[index])
        if last is None or len(last) >= max(1, size) or DecodeOptions.bucket(lengths[last[0]]) != bucket:
            batches.append([index])
        else:
            last.append(index)
    return batches


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
        tokenized = [i for i, p in enumerate(pieces) if not isinstance(p, str)]
        for batch in plan_batches([len(pieces[i]) for i in tokenized], self.options.batch_size):
            chunk = [tokenized[i] for i in batch]
            starts = [forced.get(i, "") for i in chunk]
            for index, translation in zip(chunk, self._decode([pieces[i] for i in chunk], safer, starts), strict=True):
                decoded[index] = translation
            finish(chunk)
        if progress and len(members) < len(sources):
            progress(len(sources) - len(members))  # empty sources
        return results

    def _pieces(self, text: str) -> list[list[str] | str]:
        """The tokens of ``text``, cut into pieces of at most ``max_input`` tokens at word
        boundaries (after a comma or semicolon where one is near), so nothing is truncated.
        A single "word" longer than the model takes (a long link, an encoded blob) is no
        language: it is passed through as it is, as text."""
        if not text.strip():
            return []
        tokens = self.tokenize(text)
        limit = self.options.max_input
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

    def _decode(
        self, batch: list[list[str]], safer: bool = False, starts: list[str] | None = None
    ) -> list[Translation]:
        starts = starts or [""] * len(batch)
        lead = [self._target_sp.encode(start, out_type=str) if start else [] for start in starts]
        prefixes = [(self._prefix or []) + tokens for tokens in lead]
        arguments = self.options.call_arguments(self.options.bucket(max(len(t) for t in batch)), len(batch), safer)
        if any(lead):  # room for the forced words and the rest of the sentence after them
            arguments["max_decoding_length"] += max(len(tokens) for tokens in lead)
        try:
            outputs = _wait(
                self._translator.translate_batch(
                    [self._lead + tokens + self._end for tokens in batch],
                    target_prefix=prefixes if any(prefixes) else None,
                    asynchronous=True,
                    **arguments,
                )
            )
        except (RuntimeError, MemoryError) as err:
            if "memory" not in str(err).lower() and not isinstance(err, MemoryError):
                raise
            if len(batch) == 1:
                from translator.errors import ModelError

                raise ModelError("out of memory on a single sentence; try --device cpu or a shorter --window") from None
            half = len(batch) // 2  # out of memory: the same work in smaller batches
            return self._decode(batch[:half], safer, starts[:half]) + self._decode(batch[half:], safer, starts[half:])
        translations = []
        for output, start, prefix in zip(outputs, starts, prefixes, strict=True):
            rest = output.hypotheses[0][len(prefix) :]  # the language token and forced words are not decoded
            while start and rest and not rest[0].startswith("▁") and rest[0][:1].isalnum():
                rest = rest[1:]  # the model went on with the forced word ("Iraq" + "is"): the word ends there
            score = _per_token(output.scores[0], len(output.hypotheses[0])) if output.scores else 0.0
            text = CONTROL_CHARS.sub("", self._target_sp.decode_pieces(rest)).strip()
            if start:  # the forced words as given (not as the vocabulary spells them), then the rest
                text = f"{start}{' ' if rest and rest[0].startswith('▁') else ''}{text}".strip()
            translations.append(Translation(text, score))
        return translations

    def align(self, pairs: Sequence[tuple[str, str]]) -> list[Alignment | None]:
        """The model's attention over each source while it writes the given translation
        (forced decoding); None for a pair too long for the model."""
        results: list[Alignment | None] = [None] * len(pairs)
        encoded = []
        for index, (source, target) in enumerate(pairs):
            src = self._sp.encode(source, out_type="proto").pieces
            tgt = self._target_sp.encode(target, out_type="proto").pieces
            if src and tgt and len(src) <= self.options.max_input and len(tgt) <= self.options.max_length:
                encoded.append((index, src, tgt))
        lengths = [len(src) for _, src, _ in encoded]
        lead = self._prefix or []
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


def _per_token(score: float, tokens: int) -> float:
    """CTranslate2's length-penalised score as the mean log-probability per token (the end token
    counted).  The penalised score falls with length whatever the quality; the mean does not, and
    follows quality better (measured on FLORES with a real model: correlation with sentence chrF++
    0.37 against 0.26)."""
    length = tokens + 1
    return score * length**LENGTH_PENALTY / length


def _wait(pending: list) -> list:
    """The results of an asynchronous ``translate_batch``, waited for in short sleeps so that
    Ctrl-C or SIGTERM is seen at once rather than when the batch ends."""
    import time

    from translator.errors import Abandoned

    pause = 0.0005
    try:
        while not all(result.done() for result in pending):
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
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
