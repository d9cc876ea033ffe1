"""The unit a :class:`~babelwire.demo.server.StaticSite` serves: bytes plus metadata."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property


@dataclass(frozen=True)
class Resource:
    """A static HTTP resource: body, media type and modification time."""

    body: bytes
    content_type: str
    last_modified: datetime

    @cached_property
    def digest(self) -> str:
        """Hex digest identifying this exact body."""
        return hashlib.sha256(self.body).hexdigest()[:32]

    @cached_property
    def etag(self) -> str:
        """Strong ETag of the identity representation (quoted)."""
        return f'"{self.digest}"'

    @cached_property
    def gzip_etag(self) -> str:
        """Strong ETag of the gzip representation (quoted)."""
        return f'"{self.digest}-gzip"'

    @cached_property
    def gzipped(self) -> bytes:
        """The body gzip-compressed deterministically (mtime 0)."""
        return gzip.compress(self.body, mtime=0)

    @cached_property
    def last_modified_utc(self) -> datetime:
        """Last-Modified as an aware UTC datetime truncated to whole seconds."""
        moment = self.last_modified
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).replace(microsecond=0)


def text_resource(text: str, content_type: str, last_modified: datetime) -> Resource:
    """Build a Resource from text, encoded as UTF-8."""
    return Resource(text.encode("utf-8"), content_type, last_modified)
