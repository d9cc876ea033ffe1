"""Provenance: who copied or translated whom, how fast, and which sites only relay others.

    outcome = trace_documents(docs, TraceOptions())   # docs: TraceDoc records
    outcome.derived_from["42"]                        # Link to the original, or None
    outcome.stories, outcome.sites                    # clusters; SiteReport per site
"""

from babelwire.provenance.records import (
    DERIVED_RELATIONS, RELATIONS, Link, SiteReport, TraceDoc, TraceOptions,
)
from babelwire.provenance.service import TraceOutcome, trace_documents
from babelwire.provenance.tracer import Tracer, TraceResult

__all__ = [
    "DERIVED_RELATIONS",
    "RELATIONS",
    "Link",
    "SiteReport",
    "TraceDoc",
    "TraceOptions",
    "TraceOutcome",
    "TraceResult",
    "Tracer",
    "trace_documents",
]
