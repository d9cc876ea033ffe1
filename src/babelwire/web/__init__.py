"""The reader: HTML pages, Atom feeds and a JSON API over the store.

``create_app`` is the composition root; ``serve`` runs it in the foreground
and ``BackgroundServer`` runs it in a thread (tests and the demo).
"""

from .app import create_app
from .server import BackgroundServer, serve

__all__ = ["BackgroundServer", "create_app", "serve"]
