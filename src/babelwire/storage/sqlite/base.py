"""Shared by the SQLite repositories: a repository binds module functions to its store."""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .store import SqliteStore


class Repository:
    """A view of one concern of the store; its methods are the module's functions with
    the store bound as their first argument."""

    def __init__(self, db: "SqliteStore") -> None:
        self.db = db


def bind(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function(db, ...)`` as a repository method ``method(...)``."""

    @wraps(function)
    def method(self: Repository, *args: Any, **kwargs: Any) -> Any:
        return function(self.db, *args, **kwargs)

    return method
