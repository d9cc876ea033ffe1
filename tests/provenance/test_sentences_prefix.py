"""Sentences for alignment, and the first-sentences check before the encoder's full pass."""

from __future__ import annotations

import numpy as np

from babelwire.provenance.compare import could_align
from babelwire.provenance.profile import Profile, encode_prefixes, encode_profiles, prefix_vectors
from babelwire.provenance.records import TraceDoc
from babelwire.provenance.sentences import split_sentences


def test_a_day_written_as_an_ordinal_does_not_end_a_sentence():
    text = ("Ab dem 1. September 2027 gilt die Gebühr in der ganzen Stadt. Der Rat stimmte "
            "mit 34 zu 19 Stimmen dafür. Am 3. März beginnt der Bau.\n\nThe vote was 34 to "
            "19. The works start in March.")
    assert split_sentences("Titel", text) == [
        "Titel", "Ab dem 1. September 2027 gilt die Gebühr in der ganzen Stadt.",
        "Der Rat stimmte mit 34 zu 19 Stimmen dafür.", "Am 3. März beginnt der Bau.",
        "The vote was 34 to 19.", "The works start in March."]


def _profile(key: str, lang: str, title: str, text: str) -> Profile:
    return Profile(TraceDoc(key, f"https://{key}.test/a", f"{key}.test", lang, title, text))


ORIGINAL = _profile("en", "en", "Harbour council approves a new bridge for Caldera",
                    "The harbour council approved a new bridge on Tuesday by 12 votes to 3. "
                    "Work will start in the spring and last two years. The bridge will carry "
                    "trams and bicycles but no lorries. Residents had asked for it for a decade.")
TRANSLATION = _profile("es", "es", "El consejo del puerto aprueba un nuevo puente para Caldera",
                       "El consejo del puerto aprobó un nuevo puente el martes por 12 votos a 3. "
                       "Las obras empezarán en primavera y durarán dos años. El puente llevará "
                       "tranvías y bicicletas, pero no camiones. Los vecinos lo pedían desde "
                       "hacía una década.")
OTHER = _profile("fr", "fr", "Les marchés financiers reculent à Tokyo",
                 "La bourse de Tokyo a perdu deux pour cent lundi. Les valeurs technologiques "
                 "ont le plus souffert. Les investisseurs attendent la banque centrale. Le yen "
                 "s'est raffermi face au dollar.")


def test_first_sentences_tell_a_translation_from_another_text():
    encode_prefixes([ORIGINAL, TRANSLATION, OTHER])
    assert could_align(prefix_vectors(ORIGINAL), prefix_vectors(TRANSLATION))
    assert not could_align(prefix_vectors(ORIGINAL), prefix_vectors(OTHER))


def test_full_encoding_reuses_the_first_sentences():
    fresh = _profile("en2", "en", ORIGINAL.doc.title, ORIGINAL.doc.text)
    encode_prefixes([fresh])
    head = prefix_vectors(fresh)[0].copy()
    encode_profiles([fresh])
    whole = _profile("en3", "en", ORIGINAL.doc.title, ORIGINAL.doc.text)
    encode_profiles([whole])
    assert fresh.embeddings.shape == whole.embeddings.shape == (len(whole.sentences), 512)
    assert np.allclose(fresh.embeddings, whole.embeddings, atol=1e-5)
    assert np.allclose(fresh.embeddings[:len(head)], head)


def _prefix(cosines: list[float]) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Two 4-sentence prefixes whose sentence i scores cosines[i] with the other's sentence i
    and about 0 with the other's other sentences."""
    basis = np.eye(16, dtype=np.float32)
    mine = basis[:4]
    theirs = np.stack([c * basis[i] + np.sqrt(1 - c * c) * basis[8 + i]
                       for i, c in enumerate(cosines)])
    empty = np.zeros((0, 16), dtype=np.float32)
    return (mine, empty), (theirs, empty)


def test_the_first_sentences_of_a_version_align_twice_or_once_with_more_evidence():
    a, b = _prefix([0.6, 0.6, 0.1, 0.1])
    assert could_align(a, b)                          # two aligned in order
    a, b = _prefix([0.6, 0.1, 0.1, 0.1])
    assert not could_align(a, b)                      # one, close only by a template's wording
    assert could_align(a, b, overlap=0.3)             # ... with a version's names and numbers
    a, b = _prefix([0.1, 0.8, 0.1, 0.1])
    assert could_align(a, b)                          # one very close sentence
    a, b = _prefix([0.52, 0.1, 0.1, 0.1])
    assert not could_align(a, b, overlap=0.9)         # none aligned at the alignment's threshold


def test_the_earlier_test_is_one_pair_at_prefix_min(monkeypatch):
    from babelwire.provenance import compare

    monkeypatch.setattr(compare, "PREFIX_ALIGNED", 0)   # bench --vs-any-prefix-pair
    a, b = _prefix([0.52, 0.1, 0.1, 0.1])
    assert could_align(a, b)
    a, b = _prefix([0.45, 0.1, 0.1, 0.1])
    assert not could_align(a, b)
