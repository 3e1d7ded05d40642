"""Translate sentences with CTranslate2 and SentencePiece, in batches.

argostranslate's own translate path pulls in stanza and a sentence splitter
we do not need, and translates one call per text; here the package's
``model/`` and ``sentencepiece.model`` are driven directly: every sentence
of a job is tokenised, sorted by length, and decoded in large
``translate_batch`` calls, and the results are put back in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from translator.models import ModelPackage
from translator.read import CONTROL_CHARS

DEVICES = ("auto", "cpu", "cuda")


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
            "length_penalty": 0.2,
            "replace_unknowns": True,
            "return_scores": True,
        }

    def key(self) -> str:
        """The options that change the output (not threads or device)."""
        return f"beam={self.beam_size};ratio={self.length_ratio};max={self.max_length}"


@dataclass(frozen=True)
class Translation:
    text: str
    score: float  # CTranslate2's length-penalised log-probability (0 is best)
    pieces: int = 1  # how many pieces a sentence too long for the model was translated in
    passed: int = 0  # characters passed through untranslated (a token longer than the model takes)


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
            self._sp = sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer_path))
        except (RuntimeError, ValueError, OSError) as err:
            raise ModelError(f"{package.path}: cannot load the model ({str(err).splitlines()[0]})") from None
        self._prefix = [package.target_prefix] if package.target_prefix else None

    def close(self) -> None:
        """Free the model now rather than when the engine is collected."""
        self._translator = None

    def tokenize(self, text: str) -> list[str]:
        return self._sp.encode(text, out_type=str)

    def translate(
        self,
        sources: Sequence[str],
        progress: Callable[[int], object] | None = None,
        safer: bool = False,
        done: Callable[[list[tuple[int, Translation]]], object] | None = None,
    ) -> list[Translation]:
        """Translate ``sources`` in length-sorted batches; keep their order.

        ``progress`` is called with the number of sentences each batch finished;
        ``done`` with the ``(index, translation)`` of each sentence a batch completed,
        so a caller can keep them before the rest is decoded.  ``safer`` decodes with
        a wider beam and repetition penalties (a retry).
        """
        owners: list[int] = []  # a sentence too long for the model goes in as several pieces
        pieces: list[list[str] | str] = []  # tokens to decode, or text passed through as it is
        for index, text in enumerate(sources):
            for piece in self._pieces(text):
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
            for index, translation in zip(chunk, self._decode([pieces[i] for i in chunk], safer), strict=True):
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

    def _decode(self, batch: list[list[str]], safer: bool = False) -> list[Translation]:
        try:
            outputs = _wait(
                self._translator.translate_batch(
                    batch,
                    target_prefix=[self._prefix] * len(batch) if self._prefix else None,
                    asynchronous=True,
                    **self.options.call_arguments(self.options.bucket(max(len(t) for t in batch)), len(batch), safer),
                )
            )
        except (RuntimeError, MemoryError) as err:
            if "memory" not in str(err).lower() and not isinstance(err, MemoryError):
                raise
            if len(batch) == 1:
                from translator.errors import ModelError

                raise ModelError("out of memory on a single sentence; try --device cpu or a shorter --window") from None
            half = len(batch) // 2  # out of memory: the same work in smaller batches
            return self._decode(batch[:half], safer) + self._decode(batch[half:], safer)
        translations = []
        for output in outputs:
            pieces = output.hypotheses[0]
            if self._prefix and pieces[:1] == self._prefix:
                pieces = pieces[1:]
            score = output.scores[0] if output.scores else 0.0
            text = CONTROL_CHARS.sub("", self._sp.decode_pieces(pieces)).strip()
            translations.append(Translation(text, score))
        return translations


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
