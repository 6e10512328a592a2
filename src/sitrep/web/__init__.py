"""The analyst's workbench: server-rendered pages and a JSON API over a Sitrep database.

`create_app(db_path)` builds the FastAPI app (tests use it directly); `serve(db_path, host, port)` runs it
with uvicorn, bound to 127.0.0.1 unless told otherwise.
"""

from sitrep.web.app import create_app, serve

__all__ = ["create_app", "serve"]
