"""The store: SQLite by default (one file, WAL), PostgreSQL later, through SQLAlchemy Core."""

from .sqlstore import DEFAULT_URL, Store, open_store

__all__ = ["DEFAULT_URL", "Store", "open_store"]
