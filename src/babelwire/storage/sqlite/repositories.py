"""The SQLite repositories: each binds its module's functions ``f(db, ...)`` to the store."""

from __future__ import annotations

from . import (articles, claims, entries, memory, provenance, reader, reader_groups, sources,
               translations)
from . import search as fts
from . import source_admin
from . import archive, exports, watches, websub, worker_status
from . import relay_sites as relay_flags
from ..doorbell import Doorbell
from . import entries as queue
from .base import Repository, bind


class SqliteArticles(Repository):
    find_existing = bind(articles.find_existing)
    save = bind(articles.save_article)
    get_row = bind(articles.get_article_row)
    get = bind(articles.get_article)
    latest = bind(articles.latest_articles)
    count = bind(articles.count_articles)


class SqliteEntries(Repository):
    """The entry queue; queuing rings the store's doorbell (``wait_for_new``)."""

    def __init__(self, db) -> None:
        super().__init__(db)
        self.doorbell = Doorbell()

    def enqueue(self, source_id, entries) -> int:  # noqa: F811 - the port's parameter name
        added = queue.enqueue_entries(self.db, source_id, entries)
        if added:
            self.doorbell.ring()
        return added

    def wait_for_new(self, timeout: float) -> bool:
        return self.doorbell.wait(timeout)

    pending = bind(entries.pending_entries)
    claim = bind(claims.claim_entries)
    release = bind(claims.release_entries)
    release_dead_owners = bind(claims.release_dead_owners)
    mark_done = bind(claims.mark_done)
    mark_failed = bind(claims.mark_failed)
    parked = bind(entries.parked_entries)
    requeue_parked = bind(entries.requeue_parked)
    counts = bind(entries.entry_counts)


class SqliteSources(Repository):
    add = bind(sources.add_source)
    list = bind(sources.list_sources)
    find = bind(sources.find_source)
    remove = bind(sources.remove_source)
    due = bind(sources.due_sources)
    next_due = bind(sources.next_due)
    health = bind(sources.get_health)
    health_rows = bind(sources.health_rows)
    record_success = bind(sources.record_success)
    record_failure = bind(sources.record_failure)
    record_warning = bind(sources.record_warning)
    events = bind(sources.recent_events)
    set_enabled = bind(source_admin.set_enabled)


class SqliteTranslations(Repository):
    save = bind(claims.save_translation)
    record_failure = bind(claims.record_translation_failure)
    for_article = bind(translations.translations_for)
    for_many = bind(translations.translations_for_many)
    untranslated = bind(translations.untranslated)
    claim_untranslated = bind(claims.claim_untranslated)
    release_untranslated = bind(claims.release_untranslated)
    failures_for = bind(translations.failures_for)
    failures_with_code = bind(translations.failures_with_code)
    forget_failures = bind(translations.forget_failures)


class SqliteMemory(Repository):
    lookup = bind(memory.lookup_segments)
    store = bind(memory.store_segments)
    count = bind(memory.count_segments)
    save_record = bind(memory.save_translation_record)
    record = bind(memory.translation_record)


class SqliteProvenance(Repository):
    untraced_ids = bind(provenance.untraced_ids)
    article_rows = bind(provenance.article_rows)
    window_ids = bind(provenance.window_ids)
    traced_features = bind(provenance.traced_features)
    save_trace = bind(provenance.save_trace)
    links_among = bind(provenance.links_among)
    save_stories = bind(provenance.save_stories)
    links_of_article = bind(provenance.links_of_article)
    story_of_article = bind(provenance.story_of_article)
    get_story = bind(provenance.get_story)
    story_members = bind(provenance.story_members)
    site_articles = bind(provenance.site_articles)
    linked_urls_since = bind(relay_flags.linked_urls_since)
    relay_sites = bind(relay_flags.relay_sites)
    save_relay_sites = bind(relay_flags.save_relay_sites)


class SqliteSearch(Repository):
    search = bind(fts.search_articles)
    rebuild = bind(fts.rebuild_search_index)
    bulk_loading = bind(fts.bulk_loading)


class SqliteReader(Repository):
    articles = bind(reader.filtered_articles)
    articles_before = bind(reader.articles_before)
    articles_readable_in = bind(reader.articles_readable_in)
    source = bind(reader.source_row)
    source_names = bind(reader.source_names)
    articles_per_day = bind(reader.articles_per_day)
    story = bind(reader.story_row)
    stories_before = bind(reader.stories_before)
    stories_of = bind(reader.stories_of)
    translated_titles = bind(reader.translated_titles)
    translations_into = bind(reader.translations_into)
    outlet_names = bind(reader.outlet_names)
    article_times = bind(reader.article_times)
    story_versions = bind(reader_groups.story_versions)
    languages_present = bind(reader_groups.languages_present)
    texts_in = bind(reader_groups.texts_in)


class SqliteWatches(Repository):
    add = bind(watches.add_watch)
    list = bind(watches.list_watches)
    get = bind(watches.get_watch)
    remove = bind(watches.remove_watch)
    text_candidates = bind(watches.text_candidates)
    outlet_candidates = bind(watches.outlet_candidates)
    relay_candidates = bind(watches.relay_candidates)
    translated_candidates = bind(watches.translated_candidates)
    relay_site_candidates = bind(watches.relay_site_candidates)
    record_matches = bind(watches.record_matches)
    matches = bind(watches.watch_matches)
    claim_alerts = bind(watches.claim_alerts)
    mark_delivered = bind(watches.mark_delivered)
    mark_failed = bind(watches.mark_failed)
    pending_alerts = bind(watches.pending_alerts)
    deliveries = bind(watches.deliveries)


class SqliteArchive(Repository):
    original_of = bind(archive.original_of)
    add_record = bind(archive.add_record)
    link_articles = bind(archive.link_articles)
    records_of_articles = bind(archive.records_of_articles)
    records_between = bind(archive.records_between)
    records_by_id = bind(archive.records_by_id)
    forget_before = bind(archive.forget_before)


class SqliteWebSub(Repository):
    save = bind(websub.save_subscription)
    get = bind(websub.get_subscription)
    list = bind(websub.subscriptions)
    set_verified = bind(websub.set_verified)
    set_pushed = bind(websub.set_pushed)
    publishing_rates = bind(websub.publishing_rates)
    set_next_check = bind(websub.set_next_check)


class SqliteExports(Repository):
    articles = bind(exports.export_articles)
    stories = bind(exports.export_stories)
    links = bind(exports.export_links)


class SqliteWorkers(Repository):
    started = bind(worker_status.worker_started)
    stopped = bind(worker_status.worker_stopped)
    pass_started = bind(worker_status.pass_started)
    pass_finished = bind(worker_status.pass_finished)
    get = bind(worker_status.get_worker_status)
    list = bind(worker_status.all_workers)
