"""A wire rewrite under a new headline: the source's sentences translated, with as much
background again around them. Its leads say another text (cosine below LEAD_FLOOR), but
it keeps the source's names and numbers, so the encoder still aligns it (LEAD_FLOOR_KEYS)
and it is traced to its source; reports of the same event in both languages are not."""

from __future__ import annotations

from babelwire.provenance import TraceDoc, TraceOptions, compare, trace_documents

T0 = 1_800_000_000.0

ORIGINAL = [
    "Puerto Velasco approves 48 million euro plan to deepen its harbour",
    "The harbour authority of Puerto Velasco approved on Tuesday a plan worth 48 million "
    "euros to deepen the main channel to 16 metres.",
    "Director Marisol Etxeberria said the work would let container ships of up to 14,000 "
    "boxes reach the Quay of Santa Brígida.",
    "Dredging is due to start in March 2029 and to last about 22 months.",
    "Fishermen's leader Tomás Aldana warned that the sediment could harm the mussel beds "
    "near Isla Garza.",
    "The authority promised an independent study of the seabed before the first contract "
    "is signed.",
    "Regional minister Gonzalo Ibarreche called the project the largest investment in the "
    "port since 1987.",
]

REWRITE = [  # Spanish: the six sentences above, each after two of background
    "El puerto que quiere recibir a los gigantes del mar",
    "Durante décadas, los grandes buques portacontenedores han pasado de largo frente a "
    "esta costa.",
    "La competencia entre los puertos del norte se ha endurecido en los últimos años.",
    "La autoridad portuaria de Puerto Velasco aprobó el martes un plan de 48 millones de "
    "euros para dragar el canal principal hasta los 16 metros.",
    "Varias navieras han trasladado sus rutas hacia terminales más profundas.",
    "Los empresarios de la zona llevan tiempo reclamando una ampliación.",
    "La directora Marisol Etxeberria afirmó que las obras permitirán que buques de hasta "
    "14.000 contenedores lleguen al muelle de Santa Brígida.",
    "El tráfico de mercancías creció con fuerza el año pasado, según datos oficiales.",
    "Obras parecidas en otros puertos europeos se retrasaron por recursos judiciales.",
    "Está previsto que el dragado comience en marzo de 2029 y dure unos 22 meses.",
    "Los ecologistas han pedido más transparencia sobre los vertidos de arena.",
    "El mejillón es uno de los principales productos de exportación de la comarca.",
    "El líder de los pescadores, Tomás Aldana, advirtió de que los sedimentos podrían "
    "dañar los bancos de mejillón cerca de Isla Garza.",
    "Cientos de familias dependen de las bateas de la ría.",
    "El último estudio de ese tipo se hizo hace más de diez años.",
    "La autoridad prometió un estudio independiente del fondo marino antes de firmar el "
    "primer contrato.",
    "Sus conclusiones nunca se publicaron por completo.",
    "Los vecinos esperan que esta vez se escuche a todos.",
    "El consejero regional Gonzalo Ibarreche calificó el proyecto como la mayor inversión "
    "en el puerto desde 1987.",
]

SAME_EVENT_EN = [
    "Fishermen fear for mussels as Puerto Velasco backs dredging",
    "Mussel farmers around Isla Garza say they were not consulted before Tuesday's vote.",
    "Tomás Aldana, who speaks for 300 fishing families, plans to appeal to the regional "
    "government.",
    "The 48 million euro scheme was approved by the harbour board with one vote against.",
    "Marisol Etxeberria has said the port cannot compete without deeper water.",
    "Gonzalo Ibarreche is expected to visit the harbour next week.",
    "Work would begin in 2029 if the appeal fails.",
]

SAME_EVENT_ES = [  # the English report's points, in Spanish
    "Los mejilloneros de Isla Garza recurrirán el dragado de Puerto Velasco",
    "Los productores de mejillón de Isla Garza anunciaron que recurrirán el plan aprobado "
    "el martes.",
    "Tomás Aldana aseguró que nadie consultó a las 300 familias del sector.",
    "El proyecto, de 48 millones de euros, salió adelante con un solo voto en contra.",
    "Marisol Etxeberria defendió que sin más calado el puerto perderá clientes.",
    "Gonzalo Ibarreche visitará la ría la próxima semana.",
    "Las obras empezarían en 2029 si el recurso no prospera.",
]


def _doc(key: str, lang: str, lines: list[str], site: str, hours: float) -> TraceDoc:
    body = "\n\n".join(" ".join(lines[i:i + 3]) for i in range(1, len(lines), 3))
    return TraceDoc(key=key, url=f"https://{site}/{key}", site=site, lang=lang,
                    title=lines[0], text=body, published=T0 + hours * 3600, seen=T0 + 7200)


def _pool() -> list[TraceDoc]:
    return [_doc("original", "en", ORIGINAL, "velasco-courier.test", 0),
            _doc("rewrite", "es", REWRITE, "wire-norte.test", 3),
            _doc("report-en", "en", SAME_EVENT_EN, "coastwatch.test", 2),
            _doc("report-es", "es", SAME_EVENT_ES, "diario-ria.test", 4)]


def test_a_rewrite_under_a_new_headline_is_traced_to_its_source():
    outcome = trace_documents(_pool(), TraceOptions())
    link = outcome.derived_from["rewrite"]
    assert link is not None and link.derived_from == "original"
    assert link.relation in ("paraphrase", "translation")
    aligned = link.evidence["aligned_sentences"]
    assert any("Etxeberria" in derived and "Etxeberria" in source
               for derived, source, _ in aligned)
    assert outcome.derived_from["report-en"] is None
    assert outcome.derived_from["original"] is None
    # the Spanish report follows the English one point by point: its version, not the source's
    spanish = outcome.derived_from["report-es"]
    assert spanish is None or spanish.derived_from == "report-en"


def test_its_leads_alone_would_have_kept_it_from_the_encoder(monkeypatch):
    monkeypatch.setattr(compare, "LEAD_FLOOR_KEYS", 2.0)   # no escape from the lead floor
    outcome = trace_documents(_pool(), TraceOptions())
    link = outcome.derived_from["rewrite"]
    assert link is None or link.derived_from != "original"
