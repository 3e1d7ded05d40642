"""vietrans: offline Vietnamese→English translation with bilingual exports."""

__version__ = "0.1.0"
