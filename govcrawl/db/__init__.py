"""Database access: schema (models), opening and migrating (session), writing (store)."""
from .session import open_db, resolve_db_url  # noqa: F401
