"""Demo newsroom: fictional outlets served over real HTTP on 127.0.0.1.

Used by ``babelwire demo`` and by end-to-end tests.  Importing this package has
no side effects; start the servers with :func:`start_demo_newsroom`.

    from babelwire.demo.server import start_demo_newsroom
    with start_demo_newsroom() as newsroom:
        for outlet in newsroom.outlets:
            ...
"""

from __future__ import annotations

__all__ = ["catalog", "expected", "feeds", "render", "resource", "server"]
