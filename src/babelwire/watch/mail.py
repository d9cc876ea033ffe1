"""E-mail alerts over SMTP: one message per alert (immediate) or per watch and window (digest)."""

from __future__ import annotations

import smtplib
import ssl
from email.header import Header
from email.mime.text import MIMEText

from ..storage.watch_records import WatchMatch, WatchRow
from .webhook import DeliveryFailed


def message(settings, watch: WatchRow, matches: list[WatchMatch],
            links: dict[int, str]) -> MIMEText:
    """The alert e-mail. The subject goes through ``Header``: the newer header folding of
    Python 3.11 drops the space between two encoded words (``Lucía Ferrándiz`` would
    arrive as ``LucíaFerrándiz``)."""
    if len(matches) == 1:
        subject = f"[babelwire] {watch.name}: {matches[0].title}"
    else:
        subject = f"[babelwire] {watch.name}: {len(matches)} new articles"
    lines = [f"Watch #{watch.id} ({watch.name}) caught {len(matches)} new article(s):", ""]
    for match in matches:
        source = f" ({match.source_name})" if match.source_name else ""
        lines += [f"- {match.title}{source} [{match.language}]",
                  f"  {links.get(match.article_id, match.url)}",
                  f"  original: {match.url}"]
        if match.reason != watch.kind:  # a provenance event says what happened
            lines.append(f"  why: {match.reason}")
        lines.append("")
    mail = MIMEText("\n".join(lines), "plain", "utf-8")
    mail["From"] = settings["watches.mail_from"]
    mail["To"] = watch.email
    mail["Subject"] = Header(subject, "utf-8")
    return mail


def send(settings, mail: MIMEText) -> str:
    """Hand ``mail`` to the SMTP server; raises ``DeliveryFailed`` on any refusal."""
    host = settings["watches.smtp_host"]
    if not host:
        raise DeliveryFailed("no SMTP server: set watches.smtp_host")
    try:
        with smtplib.SMTP(host, settings["watches.smtp_port"],
                          timeout=settings["watches.webhook_timeout"]) as smtp:
            if settings["watches.smtp_starttls"]:
                smtp.starttls(context=ssl.create_default_context())
            if settings["watches.smtp_username"]:
                smtp.login(settings["watches.smtp_username"], settings["watches.smtp_password"])
            refused = smtp.send_message(mail)
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryFailed(f"SMTP: {type(error).__name__}: {error}") from error
    if refused:
        raise DeliveryFailed(f"SMTP refused {', '.join(refused)}")
    return f"SMTP accepted for {mail['To']}"
