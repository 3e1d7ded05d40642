"""Sentences through memory, model and term strategy, with real CTranslate2 test models."""

import pytest

from tests.conftest import EXAMPLE, needs_seed
from translator.document import Block, BlockKind, Document, Sentence
from translator.engines import packages as models
from translator.engines.ct2 import DecodeOptions, Engine
from translator.facts.spans import SpanOptions
from translator.glossary import load_all, parse
from translator.glossary.terms import protect
from translator.pipeline import Options, prepare
from translator.read import read_article
from translator.translate.memory import TranslationMemory
from translator.translate.sentences import SentenceTranslator

GLOSSARY = parse("vi\ten\nkiểm soát xuất khẩu\texport controls\n")
TERM = "Các biện pháp kiểm soát xuất khẩu của Mỹ."
PLAIN = "Hà Nội mưa."


def _sentences(*texts, glossary=GLOSSARY, spans=None):
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, t, [Sentence(t)]) for t in texts])
    protect(doc, glossary, spans)
    return list(doc.sentences())


def _translator(model, terms="repair", memory=None, beam_size=1):
    engine = Engine(models.resolve(str(model)), DecodeOptions(beam_size=beam_size))
    return SentenceTranslator(lambda: engine, "test", memory, terms=terms)


@needs_seed()  # the copy model's vocabulary, so its output, is trained on the seed article too
def test_repair_places_a_missing_term_where_its_vietnamese_was(copy_model):
    """The copy model writes the Vietnamese back, so the term is missing; it is placed where the
    model wrote "kiểm soát xuất khẩu" (what comes before is kept), and the sentence holding no
    term is decoded once and left alone."""
    sentences = _sentences(TERM, PLAIN)
    translator = _translator(copy_model)
    assert translator.translate(sentences) == (0, 2)
    term, plain = sentences
    assert (term.translation, term.flags) == ("Các biện pháp export controls xa", [])  # (the model's own ending)
    assert term.terms[0].enforced
    assert (plain.translation, plain.flags) == (PLAIN, ["copied from the source"])
    assert translator.counts.placed == 1 and translator.counts.improved == 1


def test_off_checks_and_flags_but_never_forces(copy_model):
    sentences = _sentences(TERM, PLAIN)
    translator = _translator(copy_model, terms="off")
    translator.translate(sentences)
    assert [(s.translation, s.flags) for s in sentences] == [
        (TERM, ["term not enforced: export controls", "copied from the source"]),
        (PLAIN, ["copied from the source"]),
    ]
    assert translator.counts.placed == 0


def test_inject_gives_the_model_the_english(copy_model):
    sentences = _sentences(TERM)
    _translator(copy_model, terms="inject").translate(sentences)
    assert sentences[0].translation == "Các biện pháp export controls của Mỹ."


def test_placed_outputs_come_back_from_the_memory(copy_model, tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        first = _sentences(TERM, PLAIN)
        _translator(copy_model, memory=memory).translate(first)
        again = _sentences(TERM, PLAIN)
        translator = _translator(copy_model, memory=memory)
        assert translator.translate(again) == (2, 0)  # nothing decoded, the placement included
        assert translator._engine is None  # the model was never loaded
        assert [s.translation for s in again] == [s.translation for s in first]
        contexts = {row[0] for row in memory._db.execute("SELECT context FROM memory")}
        assert contexts == {"test", "test|placed|repair"}


def test_with_a_random_model_every_term_and_span_is_there_or_flagged(random_model):
    """Whatever a model writes, a term or span is never missing silently."""
    doc = prepare(read_article(EXAMPLE), Options())
    protect(doc, load_all(()), SpanOptions())
    sentences = [s for s in doc.sentences() if not s.verbatim]
    translator = _translator(random_model, beam_size=2)
    translator.translate(sentences)
    assert translator.counts.placed > 0
    for sentence in sentences:
        for use in sentence.terms:
            assert use.enforced == (f"term not enforced: {use.en}" not in sentence.flags)
        for fact in sentence.facts:
            assert (fact.status == "flagged") == (fact.problem in sentence.flags)
        for span in sentence.spans:
            assert span.enforced or any(f.problem in sentence.flags for f in sentence.facts if f.start == span.start)
    assert {f.status for s in sentences for f in s.facts} >= {"placed", "flagged"}


def test_a_fact_the_model_lacks_is_placed_where_its_vietnamese_was(copy_model):
    """The copy model writes "lần thứ 14" back: the ordinal is not English, so "14th" is forced
    where the model wrote it, and the fact is placed, not flagged."""
    [sentence] = _sentences("Đại hội lần thứ 14 khai mạc hôm nay.", glossary=None, spans=SpanOptions())
    translator = _translator(copy_model)
    translator.translate([sentence])
    [fact] = sentence.facts
    assert (fact.kind, fact.english, fact.status) == ("ordinal", "14th", "placed")
    assert (sentence.translation, sentence.flags) == ("Đại hội lần 14th khai mạc hôm nay.", ["still Vietnamese"])
    assert translator.counts.placed == 1


def test_counts_are_summed_over_every_sentence_of_every_batch(copy_model):
    """A run hands one translator batch after batch (a pipeline's documents, a server's requests);
    its counts, the run's summary, are every placed sentence's: a term's and a fact's alike."""
    translator = _translator(copy_model)
    translator.translate(_sentences(TERM, "Đại hội lần thứ 14 khai mạc hôm nay.", PLAIN, spans=SpanOptions()))
    assert (translator.counts.placed, translator.counts.improved) == (2, 2)
    translator.translate(_sentences(TERM))
    assert (translator.counts.placed, translator.counts.improved) == (3, 3)


class _Fixed:
    """A model that writes the same sentence whatever it is given and cannot be steered (no
    attention: nothing can be placed), and keeps what it was given: what a weak real model does
    on some sentences, scripted because no test model garbles a number on cue."""

    def __init__(self, text: str, passed: int = 0) -> None:
        self.text, self.passed, self.given, self.closed = text, passed, [], 0

    def translate(self, sources, progress=None, safer=False, done=None, prefixes=None):
        from translator.engines.ct2 import Translation

        self.given.append(list(sources))
        results = [Translation(self.text, -0.5, passed=self.passed) for _ in sources]
        if done:
            done(list(enumerate(results)))
        if progress:
            progress(len(results))
        return results

    def align(self, pairs):
        return [None for _ in pairs]

    def close(self) -> None:
        self.closed += 1


def test_a_fact_that_cannot_be_placed_flags_the_sentence_naming_it():
    [sentence] = _sentences("Năm 2024, EVN lãi 15,5 tỷ đồng, CEO của FPT cho biết.", glossary=None, spans=SpanOptions())
    garbling = _Fixed("In 2044, EVV made 15.5 percent, the CEO of AI said.")
    SentenceTranslator(lambda: garbling, "test", terms="repair").translate([sentence])
    assert [(f.source, f.status) for f in sentence.facts] == [
        ("2024", "flagged"), ("EVN", "flagged"), ("15,5 tỷ đồng", "flagged"), ("CEO", "kept"), ("FPT", "flagged")
    ]  # fmt: skip
    assert sentence.flags == [
        "year not kept: 2024",
        "code not kept: EVN",
        "money not kept: 15,5 tỷ đồng → 15.5 billion dong",
        "code not kept: FPT",
        "number not in the source: 2044",
    ]


def test_the_score_is_the_mean_log_probability_per_token(random_model):
    import ctranslate2

    package = models.resolve(str(random_model))
    engine = Engine(package, DecodeOptions(beam_size=1))
    result = engine.translate([TERM])[0]
    raw = ctranslate2.Translator(str(package.model_dir)).translate_batch(
        [engine.tokenize(TERM)],
        beam_size=1,
        length_penalty=0,
        return_scores=True,
        max_decoding_length=engine.options.cap(len(engine.tokenize(TERM))),
    )[0]
    assert result.score == pytest.approx(raw.scores[0] / (len(raw.hypotheses[0]) + 1), rel=1e-3)


def test_a_placed_output_is_scored_on_what_the_model_decoded(random_model):
    """CTranslate2 leaves the forced words' log-probability out of its score: the mean is over the
    decoded tokens only, else a placed output (mostly forced) would look far better than it is and
    lose its "low model score" flag.  (Within 2%: the random model runs to the length cap, where
    CTranslate2 counts no end token; counting the forced tokens would be 10% off.)"""
    import ctranslate2

    package = models.resolve(str(random_model))
    engine = Engine(package, DecodeOptions(beam_size=1))
    result = engine.translate([TERM], prefixes=["The minister"])[0]
    forced = engine._target_sp.encode("The minister", out_type=str)
    raw = ctranslate2.Translator(str(package.model_dir)).translate_batch(
        [engine.tokenize(TERM)],
        target_prefix=[forced],
        beam_size=1,
        length_penalty=0,
        return_scores=True,
        max_decoding_length=engine.options.cap(len(engine.tokenize(TERM))) + len(forced),
    )[0]
    decoded = len(raw.hypotheses[0]) - len(forced)
    assert len(forced) > 0.1 * len(raw.hypotheses[0])
    assert result.score == pytest.approx(raw.scores[0] / (decoded + 1), rel=0.02)


def test_a_forced_start_is_kept_and_ends_a_word(copy_model):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1))
    result = engine.translate([TERM, PLAIN], prefixes=["Các biện pháp Export", ""])
    assert result[0].text.startswith("Các biện pháp Export")
    follows = result[0].text[len("Các biện pháp Export") :]
    assert not follows[:1].isalnum()  # the model's next piece starts a word (or is punctuation)
    assert result[1].text == PLAIN


class _Scripted:
    """The real engine, except that safer decoding (a retry) returns what the test says: no real
    model loops on cue and then does better or worse on a retry, so that part is scripted."""

    def __init__(self, engine, first: str, retry: str) -> None:
        self.engine, self.first, self.retry, self.retries = engine, first, retry, 0

    def translate(self, sources, progress=None, safer=False, done=None, prefixes=None):
        from translator.engines.ct2 import Translation

        if safer:
            self.retries += 1
            return [Translation(self.retry, -0.5) for _ in sources]
        results = [Translation(self.first, -0.5) for _ in sources]
        if done:
            done(list(enumerate(results)))
        if progress:
            progress(len(results))
        return results

    def align(self, pairs):
        return self.engine.align(pairs)

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("retry", "kept"),
    [
        ("The minister spoke.", "The minister spoke."),  # better: kept
        ("", "The the the the the the minister."),  # worse (empty): the first output stays
        ("The the the the the the minister again.", "The the the the the the minister."),  # no better: stays
    ],
)
def test_the_safer_retry_is_kept_only_when_it_is_better(copy_model, retry, kept):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1))
    scripted = _Scripted(engine, "The the the the the the minister.", retry)
    sentences = _sentences("Bộ trưởng phát biểu.", glossary=None)
    SentenceTranslator(lambda: scripted, "t", terms="off", retries=1).translate(sentences)
    assert scripted.retries == 1 and sentences[0].translation == kept
    assert sentences[0].flags == ([] if kept == retry else ["repetition loop"])


@needs_seed()  # the copy model's vocabulary, so its output, is trained on the seed article too
def test_strategies_sharing_a_memory_never_serve_each_others_placements(copy_model, tmp_path):
    """`off` places only spans, `repair` terms too: a placement made under one is not the other's."""
    spans = SpanOptions()
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        off = _sentences(TERM, spans=spans)
        _translator(copy_model, terms="off", memory=memory).translate(off)
        repaired = _sentences(TERM, spans=spans)
        _translator(copy_model, terms="repair", memory=memory).translate(repaired)
        assert off[0].flags == ["term not enforced: export controls", "copied from the source"]
        assert (repaired[0].translation, repaired[0].flags) == ("Các biện pháp export controls xa", [])


@pytest.mark.parametrize("pieces", [1, 2, 3])
def test_a_sentence_cut_in_pieces_says_how_many(copy_model, pieces):
    """From two pieces on, the reviewer is told the sentence was translated in parts."""
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1, max_input=12))
    words = " ".join(f"từ{i % 7}" for i in range(40))
    text = next(t for n in range(1, 60) if len(engine._pieces(t := " ".join(words.split()[:n]))) == pieces)
    [sentence] = _sentences(text, glossary=None)
    SentenceTranslator(lambda: engine, "test", terms="off").translate([sentence])
    said = [f for f in sentence.flags if f.startswith("very long sentence")]
    assert said == ([f"very long sentence, translated in {pieces} pieces"] if pieces > 1 else [])


def test_a_later_term_is_never_placed_inside_text_already_forced(copy_model, monkeypatch):
    """Terms are placed one a round, earliest first; a later term whose place the attention
    puts partly inside the English already forced is not placed there (it would cut the first
    term): it stays missing and flagged.  The attention is scripted (the anchor function), since
    no test model attends like that on cue."""
    import translator.translate.sentences as translate_module
    from translator.engines.ct2 import Translation

    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1))
    first_term = TERM.index("kiểm soát")

    forced = []

    class Forced:
        def translate(self, sources, progress=None, safer=False, done=None, prefixes=None):
            forced.extend(p for p in prefixes or [] if p)
            texts = [f"{p} của Mỹ." if p else s for s, p in zip(sources, prefixes or [""] * len(sources), strict=True)]
            results = [Translation(t, -0.5) for t in texts]
            if done:
                done(list(enumerate(results)))
            return results

        def align(self, pairs):
            return engine.align(pairs)

        def close(self) -> None:
            pass

    def scripted_anchor(alignment, start, end):
        if start == first_term:  # "kiểm soát xuất khẩu": where the model wrote it
            return (14, 33)
        return (20, 40)  # "Mỹ": starts inside "export controls", forced in round one

    monkeypatch.setattr(translate_module, "anchor", scripted_anchor)
    [sentence] = _sentences(TERM, glossary=parse("vi\ten\nkiểm soát xuất khẩu\texport controls\nMỹ\tAmerica\n"))
    SentenceTranslator(lambda: Forced(), "test", terms="repair").translate([sentence])
    assert sentence.translation == "Các biện pháp export controls của Mỹ."
    assert sentence.flags == ["term not enforced: America", "still Vietnamese"]  # (the copy model writes Vietnamese)
    assert forced == ["Các biện pháp export controls"]  # no second attempt cutting into the first term


@pytest.mark.parametrize(
    ("head", "english", "expected"),
    [
        ("Talks with the", "the United States", "Talks with the United States"),  # never "the the"
        ("The", "the United States", "The United States"),
        ("Talks with", "the United States", "Talks with the United States"),
        ("", "the United States", "The United States"),  # a forced term that starts the sentence
    ],
)
def test_a_forced_term_after_the_does_not_double_it(head, english, expected):
    from translator.translate.sentences import _lead_in

    assert _lead_in(head, english) == expected


def test_the_safer_retry_widens_the_beam_and_penalises_repeats():
    from translator.engines.ct2 import DecodeOptions

    plain = DecodeOptions(beam_size=2).call_arguments(20, 4)
    safer = DecodeOptions(beam_size=2).call_arguments(20, 4, safer=True)
    assert plain["beam_size"] == 2 and safer["beam_size"] >= 4
    assert safer["repetition_penalty"] > 1 and safer["no_repeat_ngram_size"] > 0
    assert "repetition_penalty" not in plain


DATED = "Ngày 6/2/2025 Hà Nội mưa."


TERM_PAIR = (("kiểm soát xuất khẩu", "export controls"),)


@pytest.mark.parametrize(("terms", "given_terms"), [("repair", TERM_PAIR), ("inject", TERM_PAIR), ("off", ())])
def test_an_instructed_engine_gets_each_sentence_as_written_with_its_terms_spans_and_paragraph(terms, given_terms):
    """An LLM is handed the Vietnamese as written, the terms (none with ``off``) and spans beside
    it, and each sentence's paragraph; a repeated sentence is asked once.  What it writes is
    checked like any model's output, and nothing is placed in it."""
    from translator.engines import Request

    llm = _Fixed("The US export controls.")
    sentences = _sentences(TERM, DATED, TERM, spans=SpanOptions())
    translator = SentenceTranslator(lambda: llm, "test", terms=terms, instructed=True)
    assert translator.translate(sentences, paragraphs=[4, 4, 5]) == (0, 3)
    assert llm.given == [
        [Request(TERM, given_terms, (), 4), Request(DATED, (), (("Ngày 6/2/2025", "6 February 2025"),), 4)]
    ]
    assert [s.translation for s in sentences] == ["The US export controls."] * 3
    assert [s.flags for s in sentences] == [[], ["date not kept: Ngày 6/2/2025 → 6 February 2025"], []]
    assert translator.counts == type(translator.counts)()  # nothing retried or placed


def test_characters_passed_through_untranslated_are_flagged_and_the_engine_closed_once():
    engine = _Fixed("Rain in Hà Nội.", passed=7)
    sentences = _sentences(PLAIN, glossary=None)
    translator = SentenceTranslator(lambda: engine, "test", terms="off")
    translator.translate(sentences)
    assert sentences[0].flags == ["7 characters passed through untranslated (too long a token)"]
    translator.close()
    translator.close()
    assert engine.closed == 1


@pytest.mark.parametrize("reviewed", [(TERM, PLAIN), (TERM,)], ids=["all", "one"])
def test_a_reviewers_translation_is_taken_and_only_the_rest_decoded(tmp_path, reviewed):
    """Sentences a reviewer translated never reach the model (which is not even opened when
    every sentence has a reviewer's English); they count as served from the memory."""
    rows = {
        TERM: (TERM, "US export controls.", "corrected", "the term", "a.review.docx"),
        PLAIN: (PLAIN, "Rain in Hanoi.", "approved", "", "a.review.docx"),
    }
    engine = _Fixed("Hà Nội mưa.")
    progress: list[int] = []
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        memory.store_human([rows[r] for r in reviewed])
        sentences = _sentences(TERM, PLAIN)
        translator = SentenceTranslator(lambda: engine, "test", memory)
        counted = translator.translate(sentences, progress.append)
    expected = [
        (*rows[s.source][1:4], None) if s.source in reviewed else ("Hà Nội mưa.", "", "", -0.5) for s in sentences
    ]
    assert [(s.translation, s.reviewed, s.comment, s.score) for s in sentences] == expected
    assert counted == (len(reviewed), 2 - len(reviewed))
    assert engine.given == ([] if len(reviewed) == 2 else [[PLAIN]])
    assert progress == ([2] if len(reviewed) == 2 else [1, 0, 1, 0])  # each sentence once: reviewed, decoded
    assert translator._engine is (None if len(reviewed) == 2 else engine)
