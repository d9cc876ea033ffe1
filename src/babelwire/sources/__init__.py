"""Where articles come from: one module per kind of source, and OPML lists of them.

A source kind (``kinds.SourceKind``) says how one poll of a source of that kind turns
into feed entries (``read``) and what the admin and the CLI call it. ``KINDS`` is the
registry, in the order the forms offer them; a new kind is one module here plus one
line in ``kinds.py``. OPML import and export are in ``opml.py``.
"""

from .kinds import KINDS, KIND_NAMES, SourceKind, kind_of

__all__ = ["KINDS", "KIND_NAMES", "SourceKind", "kind_of"]
