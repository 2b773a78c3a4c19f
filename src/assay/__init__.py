"""assay: who claims what in conflict and security reporting."""

__version__ = "0.1.0"
