"""Watches and alerts (issue 15): what a reader asks to be told about, and the telling.

    match.py    each pass: new (watch, article) matches, once, with their outbox rows
    deliver.py  the outbox: claim due alerts, send, retry with backoff, log each attempt
    webhook.py  signed JSON POSTs through the SSRF-guarded client
    mail.py     e-mail over SMTP, immediate or digest
    feed.py     an Atom feed per watch (/watches/{id}.atom)
    hook.py     the one call the run loop makes after each ingestion pass
"""
