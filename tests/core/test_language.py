from babelwire.language import detect_language, normalize_code


def test_detects_with_confidence():
    es = detect_language("El ayuntamiento aprobó ayer el presupuesto del próximo año por mayoría.")
    fr = detect_language("Le conseil municipal a adopté hier soir le budget de l'année prochaine.")
    en = detect_language("The council approved next year's budget on Tuesday evening by a majority.")
    assert (es.code, fr.code, en.code) == ("es", "fr", "en")
    assert min(es.confidence, fr.confidence, en.confidence) >= 0.8


def test_undetermined_when_unsure():
    assert detect_language("OK 2026").code == "und"
    guess = detect_language("Paris Madrid Berlin London Roma Lisboa")
    assert guess.code == "und" and guess.confidence < 0.8


def test_normalize_code():
    assert normalize_code("en-GB") == "en"
    assert normalize_code("spa") == "es"
    assert normalize_code("und") is None and normalize_code("") is None
