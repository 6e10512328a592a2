"""Storage behind one interface (`Store`): a SQLite file by default, or a PostgreSQL database given by URL.

One transaction per article in either. See base.py for what the backends share.
"""

from sitrep.store.base import ArticleDetail, EventRow, Store, is_postgres_url, redacted

__all__ = ["ArticleDetail", "EventRow", "Store", "is_postgres_url", "redacted"]
