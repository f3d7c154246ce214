"""Resources built once per machine (cronaca.resources.built): same objects, rebuilt when their
code or inputs change, never an error when the cache cannot be used."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

import pytest

from cronaca.resources import built as built_module
from cronaca.resources.built import ENV_CACHE, KEEP, built, cache_dir


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return {"value": 42}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_second_process_loads_what_the_first_built(folder: Path) -> None:
    build = Counter()
    assert built("thing", ["a"], build) == {"value": 42}
    assert built("thing", ["a"], build) == {"value": 42}
    assert build.calls == 1
    files = list(folder.glob("thing-*.pickle"))
    assert len(files) == 1
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_other_inputs_or_code_build_anew(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = Counter()
    built("thing", ["a"], build)
    built("thing", ["b"], build)
    assert build.calls == 2
    monkeypatch.setattr(built_module, "code_digest", lambda: "edited code")
    built("thing", ["a"], build)
    assert build.calls == 3


def test_off_builds_every_time_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CACHE, "off")
    assert cache_dir() is None
    build = Counter()
    built("thing", ["a"], build)
    built("thing", ["a"], build)
    assert build.calls == 2


def test_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_CACHE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "cronaca"


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(ENV_CACHE, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(homeless))
    assert cache_dir() is None
    assert built("thing", ["a"], Counter()) == {"value": 42}


def test_damaged_file_is_rebuilt_and_replaced(folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    build = Counter()
    built("thing", ["a"], build)
    (path,) = folder.glob("thing-*.pickle")
    path.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        assert built("thing", ["a"], build) == {"value": 42}
    assert build.calls == 2
    assert "unreadable" in caplog.text
    assert pickle.loads(path.read_bytes()) == {"value": 42}


def test_unwritable_folder_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(ENV_CACHE, str(blocker / "cache"))  # a folder inside a file cannot exist
    build = Counter()
    assert built("thing", ["a"], build) == {"value": 42}
    assert built("thing", ["a"], build) == {"value": 42}
    assert build.calls == 2


def test_unpicklable_object_is_returned_not_kept(folder: Path) -> None:
    value = built("thing", ["a"], lambda: (lambda: 1))
    assert value() == 1
    assert not list(folder.glob("thing-*"))
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_only_the_newest_files_of_a_name_stay(folder: Path) -> None:
    for n in range(KEEP + 3):
        built("thing", [str(n)], Counter())
        for p in folder.glob("thing-*.pickle"):  # make the order of writing visible to mtime
            os.utime(p, (p.stat().st_atime, p.stat().st_mtime - 1))
    built("other", ["a"], Counter())
    assert len(list(folder.glob("thing-*.pickle"))) == KEEP
    assert len(list(folder.glob("other-*.pickle"))) == 1


def test_langid_from_the_cache_answers_as_langid(folder: Path) -> None:
    from langid.langid import LanguageIdentifier, model

    from cronaca.ingest import language

    reference = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    reference.set_languages(list(language.LANGUAGES))
    lines = ["Il ministro degli Esteri ha incontrato il suo omologo a Roma.",
             "The foreign minister met his counterpart in Rome.", "Der Außenminister traf ihn.",
             "Министр иностранных дел встретился с коллегой.", "ok", "Le ministre a déclaré"]
    for _ in range(2):  # built, then loaded
        language._identifier.cache_clear()
        ident = language._identifier()
        assert [ident.classify(t) for t in lines] == [reference.classify(t) for t in lines]
    assert list(folder.glob("langid-*.pickle"))
    assert list(folder.glob("langid_ngrams-*.pickle"))  # its own name: neither file's pruning drops the other
    assert ident._ngrams is not None
    language._identifier.cache_clear()


def test_actor_index_from_the_cache_equals_a_fresh_build(folder: Path) -> None:
    from cronaca.resources import actors

    fresh = actors._read_kb("it", "it")
    actors.load_kb.cache_clear()
    first = actors.load_kb("it")
    actors.load_kb.cache_clear()
    loaded = actors.load_kb("it")
    actors.load_kb.cache_clear()
    assert list(folder.glob("actors-it-it-*.pickle"))
    for kb in (first, loaded):
        assert kb.actors == fresh.actors
        assert kb.index == fresh.index
        assert kb.surnames == fresh.surnames and kb.lexicon == fresh.lexicon
        assert kb.prefixes == fresh.prefixes and kb.tenures == fresh.tenures


def test_an_added_actor_file_is_seen(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cronaca.resources import actors

    extra = tmp_path / "extra"
    extra.mkdir()
    actors.load_kb.cache_clear()
    monkeypatch.setenv(actors.ENV_DIR, str(extra))
    assert actors.load_kb("it").get("xx_test_actor") is None
    (extra / "more.jsonl").write_text('{"id": "xx_test_actor", "name": "Lega dei Test", "kind": "ORG", "names": {"it": ["Lega dei Test"]}}\n')
    actors.load_kb.cache_clear()
    assert actors.load_kb("it").get("xx_test_actor") is not None
    actors.load_kb.cache_clear()
