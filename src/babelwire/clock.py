"""Time helpers: every stored time is ISO 8601 in UTC, to the second."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def now_iso() -> str:
    return iso(utcnow())


def later_iso(seconds: float) -> str:
    return iso(utcnow() + timedelta(seconds=seconds))


def parse_iso(text: str | None) -> datetime | None:
    """Parse an ISO 8601 date or date-time; naive times are taken as UTC."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def normalize_date(text: str | None) -> str | None:
    """Any ISO-ish date into UTC ISO 8601, or None."""
    moment = parse_iso(text)
    return iso(moment) if moment else None
