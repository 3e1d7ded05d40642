"""The glossaries shipped with vietrans (installed as ``translator.glossaries``)."""
