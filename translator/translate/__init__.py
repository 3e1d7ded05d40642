"""The translation core: sentences in, checked translations out.

Exports :class:`~translator.translate.sentences.SentenceTranslator` (memory, model, term and
fact placement, retries, flags); its parts are the memory (``memory``), the attention aligner
(``align``) and the model's own failures (``checks``).
"""
