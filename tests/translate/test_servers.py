"""LibreTranslate and OpenAI-compatible engines against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest
from fake_servers import Behaviour, LibreTranslateHandler, OpenAIHandler, fake_translation, serve

from babelwire.translate.quality import quality_class
from babelwire.errors import NoEngineError, TranslationError
from babelwire.translate import LibreTranslateTranslator, OpenAICompatTranslator, ServerOptions
from babelwire.translate.openai_compat import completions_path, parse_numbered
from babelwire.translate.remote import JSONClient

SEGMENTS = ["Le port de Valmorel a rouvert.", "", "La maire « Odile Brassac » a parlé.", "  Trois quais.  "]


def no_sleep(waits: list[float]):
    return waits.append


def libre(url: str, waits: list[float] | None = None, **options) -> LibreTranslateTranslator:
    batch_size = options.pop("batch_size", 50)
    return LibreTranslateTranslator(ServerOptions(url=url, timeout=10, backoff=0.25, **options),
                                    batch_size=batch_size, sleep=no_sleep(waits if waits is not None else []))


def openai(url: str, waits: list[float] | None = None, **options) -> OpenAICompatTranslator:
    batch_size = options.pop("batch_size", 16)
    return OpenAICompatTranslator(ServerOptions(url=url, timeout=10, backoff=0.25, **options), "tiny-llm",
                                  ("fr", "en", "es"), batch_size=batch_size,
                                  sleep=no_sleep(waits if waits is not None else []))


# -- LibreTranslate ---------------------------------------------------------------


def test_libretranslate_translates_a_batch_in_one_request_keeping_blanks():
    with serve(LibreTranslateHandler) as (url, behaviour):
        engine = libre(url)
        assert engine.pairs() == {("fr", "en"), ("fr", "es"), ("en", "fr"), ("en", "es"), ("es", "en")}
        result = engine.translate_batch(SEGMENTS, "fr", "en")
    assert result.segments == (fake_translation(SEGMENTS[0], "fr", "en"), "",
                               fake_translation(SEGMENTS[2], "fr", "en"), fake_translation(SEGMENTS[3], "fr", "en"))
    assert result.engine == "libretranslate" and url in result.engine_version
    posts = [body for method, path, body in behaviour.requests if method == "POST"]
    assert len(posts) == 1
    assert posts[0] == {"q": [SEGMENTS[0], SEGMENTS[2], SEGMENTS[3]], "source": "fr", "target": "en",
                        "format": "text"}


def test_an_empty_batch_sends_no_translation_request():
    with serve(LibreTranslateHandler) as (libre_url, libre_server), serve(OpenAIHandler) as (llm_url, llm_server):
        for engine in (libre(libre_url), openai(llm_url)):
            result = engine.translate_batch([], "fr", "en")
            assert result.segments == () and result.engine == engine.name
    assert [path for _, path, _ in libre_server.requests] == ["/languages"]
    assert llm_server.requests == []


def test_libretranslate_batches_and_sends_the_api_key():
    with serve(LibreTranslateHandler, Behaviour(api_key="s3cret")) as (url, behaviour):
        result = libre(url, api_key="s3cret", batch_size=2).translate_batch(["a", "b", "c", "d", "e"], "en", "fr")
    assert result.segments == tuple(fake_translation(x, "en", "fr") for x in "abcde")
    posts = [body for method, _, body in behaviour.requests if method == "POST"]
    assert [len(body["q"]) for body in posts] == [2, 2, 1]
    assert all(body["api_key"] == "s3cret" for body in posts)


def test_libretranslate_retries_503_with_backoff_then_succeeds():
    waits: list[float] = []
    with serve(LibreTranslateHandler, Behaviour(fail_first=2)) as (url, behaviour):
        engine = libre(url, waits)
        engine._codes = {("fr", "en"): ("fr", "en")}  # skip discovery: count translation requests only
        result = engine.translate_batch(["Bonjour."], "fr", "en")
    assert result.segments == (fake_translation("Bonjour.", "fr", "en"),)
    assert len(behaviour.requests) == 3
    assert waits == [0.0, 0.0]  # the server's Retry-After: 0 wins over the backoff


def test_backoff_doubles_without_retry_after_and_gives_up_with_one_line():
    waits: list[float] = []
    with serve(LibreTranslateHandler) as (url, _):
        client = JSONClient("libretranslate", ServerOptions(url=url, retries=3, backoff=0.25),
                            sleep=waits.append)
        with pytest.raises(TranslationError, match="failed after 4 attempts: HTTP 404|refused"):
            client.request("GET", "/nowhere")
    assert waits == []  # 404 is not retried
    closed = "http://127.0.0.1:9"  # discard port: nothing listens
    client = JSONClient("libretranslate", ServerOptions(url=closed, retries=3, backoff=0.25), sleep=waits.append)
    with pytest.raises(TranslationError, match="failed after 4 attempts: ConnectError") as caught:
        client.request("GET", "/languages")
    assert waits == [0.25, 0.5, 1.0]
    assert "\n" not in caught.value.one_line()


def test_libretranslate_wrong_key_is_a_clear_error():
    with serve(LibreTranslateHandler, Behaviour(api_key="right")) as (url, _):
        engine = libre(url, api_key="wrong")
        with pytest.raises(TranslationError, match=r"refused the request \(HTTP 403\): Invalid API key"):
            engine.translate_batch(["x"], "fr", "en")


def test_libretranslate_unreachable_has_no_pairs_and_missing_pair_says_so():
    engine = libre("http://127.0.0.1:9", retries=0)
    assert engine.pairs() == set()
    with serve(LibreTranslateHandler) as (url, _):
        with pytest.raises(NoEngineError, match="has no es→fr"):
            libre(url).translate_batch(["Hola."], "es", "fr")


# -- OpenAI-compatible --------------------------------------------------------------


def test_openai_translates_numbered_lines_in_one_request():
    with serve(OpenAIHandler, Behaviour(api_key="tok")) as (url, behaviour):
        engine = openai(url + "/v1", api_key="tok")
        result = engine.translate_batch(SEGMENTS, "fr", "en")
    assert result.segments == (fake_translation(SEGMENTS[0], "French", "English"), "",
                               fake_translation(SEGMENTS[2], "French", "English"),
                               fake_translation("Trois quais.", "French", "English"))
    assert result.engine == "openai" and result.engine_version == "openai-compatible tiny-llm"
    assert quality_class(result.engine) == "remote"  # the label the reader, feeds and API show
    assert result.warnings == ()
    (_, path, body), = behaviour.requests
    assert path == "/v1/chat/completions" and body["model"] == "tiny-llm" and body["temperature"] == 0
    assert "exactly 3 lines" in body["messages"][0]["content"]
    assert body["messages"][1]["content"].splitlines()[1] == "2. La maire « Odile Brassac » a parlé."


def test_openai_skips_chatter_before_the_numbered_lines():
    with serve(OpenAIHandler, Behaviour(chatty=True)) as (url, behaviour):
        result = openai(url).translate_batch(["Un.", "Deux."], "fr", "es")
    assert result.segments == tuple(fake_translation(x, "French", "Spanish") for x in ("Un.", "Deux."))
    assert len(behaviour.requests) == 1 and result.warnings == ()


def test_openai_falls_back_to_one_by_one_when_the_count_is_wrong():
    with serve(OpenAIHandler, Behaviour(wrong_count=True)) as (url, behaviour):
        result = openai(url).translate_batch(["Un.", "Deux.", "Trois."], "fr", "es")
    assert result.segments == tuple(fake_translation(x, "French", "Spanish") for x in ("Un.", "Deux.", "Trois."))
    assert len(behaviour.requests) == 4  # the batch, then each segment alone
    assert result.warnings and "one by one" in result.warnings[0]


def test_openai_batches_and_retries_429():
    waits: list[float] = []
    with serve(OpenAIHandler, Behaviour(fail_first=1, fail_status=429)) as (url, behaviour):
        result = openai(url, waits, batch_size=2).translate_batch(["a", "b", "c"], "en", "fr")
    assert len(result.segments) == 3
    assert [len(body["messages"][1]["content"].splitlines()) for _, _, body in behaviour.requests] == [2, 2, 1]
    assert waits == [0.0]


def test_openai_pairs_come_from_the_language_setting():
    engine = openai("http://127.0.0.1:9")
    assert ("fr", "en") in engine.pairs() and ("en", "es") in engine.pairs()
    assert ("fr", "fr") not in engine.pairs()
    with pytest.raises(NoEngineError, match="translate.openai_languages"):
        engine.translate_batch(["x"], "fr", "de")


def test_completions_path_accepts_root_v1_and_full_endpoint():
    assert completions_path("http://h:1") == ("http://h:1", "/v1/chat/completions")
    assert completions_path("http://h:1/v1/") == ("http://h:1/v1", "/chat/completions")
    assert completions_path("http://h:1/v1/chat/completions") == ("http://h:1/v1", "/chat/completions")


def test_parse_numbered():
    assert parse_numbered("1. Un\n\n2) Deux\n3: Trois", 3) == ["Un", "Deux", "Trois"]
    assert parse_numbered("1. Un long\nsuite\n2. Deux", 2) == ["Un long suite", "Deux"]
    assert parse_numbered("1. Un\n3. Trois", 3) is None
    assert parse_numbered("Voici :\n1. Un", 1) == ["Un"]
    assert parse_numbered("Je ne peux pas.", 1) is None
    assert parse_numbered("1. Un\n2. Deux", 1) is None


def test_a_transport_can_be_swapped_for_unit_tests():
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"choices": [{"message": {"content": "1. hello"}}]})

    engine = OpenAICompatTranslator(ServerOptions(url="http://llm.test"), "m", ("fr", "en"),
                                    transport=httpx.MockTransport(answer))
    assert engine.translate_batch(["bonjour"], "fr", "en").segments == ("hello",)
