"""Title-and-lead vectors are saved with each traced article: the next pass encodes the
new articles' leads only, and still finds a translation of an article traced earlier."""

from __future__ import annotations

import numpy as np

from babelwire.provenance import semantic
from babelwire.provenance.incremental import LEAD_BYTES, lead_from_bytes, lead_to_bytes, trace_store
from babelwire.storage import Database
from babelwire.storage import provenance as provenance_store

from test_provenance_roots import EN, EN_TITLE, RU, RU_TITLE, T0, _save


def test_vector_bytes_round_trip():
    vector = np.random.default_rng(3).normal(size=512).astype(np.float32)
    vector /= np.linalg.norm(vector)
    data = lead_to_bytes(vector)
    assert len(data) == LEAD_BYTES
    assert float(lead_from_bytes(data) @ vector) > 0.9999


def test_second_pass_encodes_only_the_new_lead(tmp_path, make_settings, monkeypatch):
    settings = make_settings(tmp_path)
    db = Database(settings.db_path)
    try:
        original = _save(db, 1, "ru", RU_TITLE, RU, T0)
        assert trace_store(db, settings)[0] == 1
        saved = db.provenance.traced_features([original])[original].lead_vector
        assert saved is not None and len(saved) == LEAD_BYTES
        leads: list[str] = []
        real = semantic.encode_sentences
        monkeypatch.setattr(semantic, "encode_sentences",
                            lambda texts, threads=2: leads.extend(texts) or real(texts, threads))
        relay = _save(db, 2, "en", EN_TITLE, EN, T0 + 3 * 3600)
        assert trace_store(db, settings)[0] == 1
        assert len(leads) == 1 and leads[0].startswith(EN_TITLE)
        upstream, _ = provenance_store.links_of_article(db, relay)
        assert [(r["derived_from"], r["relation"]) for r in upstream
                if r["relation"] != "same_event"] == [(original, "translation")]
    finally:
        db.close()
