"""Corpus-wide analysis over stored extractions: joins across articles."""
