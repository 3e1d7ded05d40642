"""vietrans: offline Vietnamese→English translation with bilingual exports."""

__version__ = "0.1.0"

# How glossary terms are enforced (translator.translate.sentences); here so the CLI offers them without importing it.
TERM_STRATEGIES = ("repair", "inject", "off")
