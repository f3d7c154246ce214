"""The public API: every name in ``cronaca.api.__all__`` exists, and the demo builds a usable store."""

from __future__ import annotations

import pickle

from click.testing import CliRunner

import cronaca.api as api
from cronaca.cli import main
from cronaca.pipeline import Options, process_batch
from cronaca.types import RawDocument


def test_exported_members_exist_and_are_public():
    for name in api.__all__:
        assert not name.startswith("_")
        assert getattr(api, name) is not None


def test_process_batch_and_its_results_pickle():
    """Dask workers receive the callable and its inputs by pickle and send results back."""
    raw = RawDocument("<test>", "Titolo di prova\n\nIl ministro degli Esteri russo Sergey Lavrov "
                      "ha affermato che Mosca è pronta al dialogo.", "text", "h")
    assert pickle.loads(pickle.dumps(process_batch)) is process_batch
    result = process_batch(pickle.loads(pickle.dumps([raw])), Options())
    again = pickle.loads(pickle.dumps(result.documents))
    assert again == result.documents and not result.failures
    assert any(m.actor_name == "Sergey Lavrov" for m in again[0].mentions)


def test_demo_builds_a_linked_knowledge_base_and_is_idempotent(tmp_path):
    db = tmp_path / "demo.db"
    first = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "skipped 0" in first.output and "stories" in first.output
    with api.open_store(str(db)) as store:
        articles = store.meta()["articles"]
        assert articles >= 20
        assert store.search("Lavrov").total > 0
    second = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert second.exit_code == 0 and "stored 0" in second.output
    with api.open_store(str(db)) as store:
        assert store.meta()["articles"] == articles


def test_stories_timeline_and_comparison_are_in_the_api(tmp_path):
    db = tmp_path / "demo.db"
    api.run_demo(db)
    with api.open_store(str(db)) as store:
        listed = api.stories(store)
        assert listed and {"id", "title", "first_date", "last_date", "article_ids", "files"} <= set(listed[0])
        shown = api.story(store, listed[0]["id"][:8])
        assert shown["id"] == listed[0]["id"] and shown["events"]
        sides = {o.side for o in api.compare(store, listed[0]["id"]).outlets}
        assert sides <= {"state_affiliated", "other"} and sides
        line = api.timeline(store, actor="Russia", since="2023-01-01")
        assert line["events"] and all(e["date"] is None or e["date"] >= "2023" for e in line["events"])
