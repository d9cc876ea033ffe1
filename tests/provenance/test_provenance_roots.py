"""Roots, not siblings; lag from publication; names in both spellings; roots across store runs."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from babelwire.models import Article
from babelwire.provenance import Link, TraceDoc, TraceOptions, trace_documents
from babelwire.provenance.incremental import trace_store
from babelwire.provenance.roots import chain_of, cut_cycles, to_root
from babelwire.provenance.spelling import encoder_knows, spelling_similarity
from babelwire.storage import Database
from babelwire.storage import articles as article_store
from babelwire.storage import provenance as provenance_store

RU_TITLE = "Власти Северской области закрыли озеро Светлое для рыбаков до 2028 года"
RU = ("Министерство природных ресурсов Северской области запретило лов рыбы в озере Светлом "
      "до 1 марта 2028 года. Популяция сига за пять лет сократилась на 70 процентов.\n\n"
      "Министр Григорий Вершинин заявил, что запрет нужен для восстановления озера. "
      "Штраф за нарушение составит до 300 тысяч рублей.\n\n"
      "Рыболовецкие артели получат компенсацию: на это выделено 46 миллионов рублей. "
      "Глава посёлка Светлозерье Анна Крылова сказала, что многие семьи живут рыбалкой.")
EN_TITLE = "Severskaya region closes Lake Svetloye to fishermen until 2028"
EN = ("The Ministry of Natural Resources of the Severskaya region has banned fishing in Lake "
      "Svetloye until 1 March 2028. The whitefish population has fallen by 70 percent in five "
      "years.\n\n"
      "Minister Grigory Vershinin said the ban was needed to restore the lake. The fine for "
      "breaking it will be up to 300 thousand roubles.\n\n"
      "Fishing cooperatives will receive compensation, with 46 million roubles set aside. The "
      "head of the village of Svetlozerye, Anna Krylova, said many families live from fishing.")
HOUR = 3600.0
T0 = 1_795_000_000.0


def _doc(key, site, lang, title, text, published, seen, order):
    return TraceDoc(key=key, url=f"https://{site}/{key}", site=site, lang=lang, title=title,
                    text=text, published=published, seen=seen, order=order)


def _link(article, original, relation="copy", confidence=0.9):
    return Link(article, original, relation, confidence, 60,
                {"lag_published_seconds": 60, "lag_seen_seconds": 5, "original_site": "x.test"})


def test_cycles_are_cut_and_chains_end_at_a_root():
    parent = {"a": _link("a", "b"), "b": _link("b", "c"), "c": _link("c", "a"),
              "d": _link("d", "a")}
    order = {"a": (1,), "b": (2,), "c": (0,), "d": (3,)}
    acyclic = cut_cycles(parent, order.__getitem__)
    assert "c" not in acyclic                     # the earliest of the cycle becomes a root
    assert [h.derived_from for h in chain_of("d", acyclic)] == ["a", "b", "c"]
    rooted = to_root("d", chain_of("d", acyclic), None, 180)
    assert rooted.derived_from == "c" and rooted.evidence["via"] == ["a", "b"]
    assert rooted.evidence["lag_published_seconds"] == 180 and len(rooted.evidence["chain"]) == 3


def test_relays_of_a_relay_point_at_the_original_with_the_chain_as_evidence():
    relay = EN.replace("\n\n", "\n\nReported by Northern Digest. ", 1)
    docs = [_doc("orig", "severnaya.test", "ru", RU_TITLE, RU, T0, T0 + 60, 0),
            _doc("relay1", "digest.test", "en", EN_TITLE, EN, T0 + 3 * HOUR, T0 + 61, 1),
            _doc("relay2", "hub.test", "en", EN_TITLE + " | Hub", relay, T0 + 4 * HOUR,
                 T0 + 62, 2),
            _doc("relay3", "briefs.test", "en", EN_TITLE, EN, T0 + 5 * HOUR, T0 + 63, 3)]
    outcome = trace_documents(docs, TraceOptions())
    assert outcome.derived_from["orig"] is None
    for key in ("relay1", "relay2", "relay3"):
        link = outcome.derived_from[key]
        assert link is not None and link.derived_from == "orig", key
        assert link.relation == "translation", key
    assert len(outcome.stories) == 1 and len(outcome.stories[0]) == 4
    chained = [outcome.derived_from[k] for k in ("relay2", "relay3")]
    assert any(link.evidence.get("via") == ["relay1"] for link in chained)


def test_lag_is_measured_from_publication_and_both_lags_are_shown():
    docs = [_doc("orig", "severnaya.test", "ru", RU_TITLE, RU, T0, T0 + 4, 0),
            _doc("relay", "digest.test", "en", EN_TITLE, EN, T0 + 5 * HOUR + 25 * 60, T0 + 5, 1)]
    link = trace_documents(docs, TraceOptions()).derived_from["relay"]
    assert link is not None and link.derived_from == "orig"
    assert link.lag_seconds == 5 * 3600 + 25 * 60
    assert link.evidence["lag_published_seconds"] == link.lag_seconds
    assert link.evidence["lag_seen_seconds"] == 1
    assert "Vershinin / Вершинин" in link.evidence["shared_names"]
    assert ["Vershinin", "Вершинин"] in link.evidence["name_spellings"]
    aligned = link.evidence["aligned_sentences"]
    assert aligned[0][0] == EN_TITLE and aligned[0][1] == RU_TITLE


def test_published_order_beats_first_seen_order():
    docs = [_doc("relay", "digest.test", "en", EN_TITLE, EN, T0 + 2 * HOUR, T0, 0),
            _doc("orig", "severnaya.test", "ru", RU_TITLE, RU, T0, T0 + 9, 1)]
    link = trace_documents(docs, TraceOptions()).derived_from["relay"]
    assert link is not None and link.derived_from == "orig"


def test_languages_the_encoder_does_not_know_align_by_spelling():
    assert encoder_knows("ru") and not encoder_knows("uk") and not encoder_knows("el")
    uk = ["Заступниця голови Олена Ткачук сказала, що ремонт коштуватиме 412 мільйонів гривень.",
          "Мостом щодня проїжджають близько 38 тисяч автомобілів."]
    en = ["Deputy head Olena Tkachuk said the repair would cost 412 million hryvnias.",
          "About 38 thousand cars cross the bridge every day."]
    matrix = spelling_similarity(uk, en)
    assert matrix[0, 0] > matrix[0, 1] and matrix[1, 1] > matrix[1, 0]


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _save(db, n: int, lang: str, title: str, body: str, published: float) -> int:
    article = Article(id=None, source_id=None, url=f"https://site{n}.test/a{n}",
                      canonical_url=f"https://site{n}.test/a{n}", title=title, standfirst="",
                      body=body, author="", published=_iso(published),
                      first_seen=_iso(published + 60),
                      language=lang, language_confidence=0.99, content_hash=f"hash-{n}")
    article_store.save_article(db, article)
    return next(r["id"] for r in article_store.latest_articles(db, limit=50)
                if r["url"] == article.url)


def test_a_copy_of_a_copy_resolves_to_the_first_original_across_store_runs(tmp_path,
                                                                           make_settings):
    settings = make_settings(tmp_path)
    db = Database(settings.db_path)
    try:
        original = _save(db, 1, "ru", RU_TITLE, RU, T0)
        assert trace_store(db, settings)[0] == 1
        relay = _save(db, 2, "en", EN_TITLE, EN, T0 + 2 * 86400)
        trace_store(db, settings)
        later = T0 + (settings["provenance.window_days"] + 0.5) * 86400  # original out of window
        copy = _save(db, 3, "en", EN_TITLE + " - Hub", EN.replace("\n\n", "\n\nAs reported: ", 1),
                     later)
        trace_store(db, settings)
        upstream, _ = provenance_store.links_of_article(db, copy)
        derived = [row for row in upstream if row["relation"] != "same_event"]
        assert [row["derived_from"] for row in derived] == [original]
        evidence = json.loads(derived[0]["evidence"])
        assert evidence["via"] == [relay] or evidence["via"] == [str(relay)]
        first, _ = provenance_store.links_of_article(db, relay)
        assert [row["derived_from"] for row in first if row["relation"] != "same_event"] == [
            original]
    finally:
        db.close()
