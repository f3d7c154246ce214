"""Linking through the store (SQLite, then PostgreSQL): incremental runs, the CLI commands, the story
listing."""

import json

from click.testing import CliRunner
from link_fixtures import sanctions, vienna_copy, vienna_rewrite, vienna_wire

from cronaca.cli import main
from cronaca.link.incremental import link
from cronaca.store.base import open_store


def test_link_processes_only_new_articles_and_extends_stories(store_url):
    store = open_store(store_url)
    store.add_documents([vienna_wire(), sanctions()])
    first = link(store)
    assert first.linked == 2 and first.new_stories == 2
    assert link(store).linked == 0  # nothing new: nothing done
    store.add_documents([vienna_copy(published="2023-05-11"), vienna_rewrite()])
    second = link(store)
    assert second.linked == 2 and second.duplicates == 1 and second.new_stories == 0
    links = store.article_links(vienna_copy().id)
    assert links["duplicate_of"] == vienna_wire().id
    assert links["story_id"] == store.article_links(vienna_wire().id)["story_id"]
    store.close()


def test_cli_lists_stories_as_json_lines_and_shows_one(store_url):
    store = open_store(store_url)
    store.add_documents([vienna_wire(), vienna_rewrite(), vienna_copy(published="2023-05-11"), sanctions()])
    store.close()
    runner = CliRunner()
    assert runner.invoke(main, ["link", "--db", store_url, "-q"]).exit_code == 0
    out = runner.invoke(main, ["stories", "--db", store_url, "--jsonl"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    whole = runner.invoke(main, ["stories", "--db", store_url, "--json"])
    assert json.loads(whole.output) == rows  # --json: one document
    assert len(rows) == 2
    vienna = next(r for r in rows if vienna_wire().id in r["article_ids"])
    assert vienna["articles"] == 2 and vienna["duplicates"] == 1
    assert {"id", "title", "first_date", "last_date", "files"} <= set(vienna)
    shown = runner.invoke(main, ["story", vienna["id"][:6], "--db", store_url])
    assert shown.exit_code == 0 and "copy of" in shown.output
    compared = runner.invoke(main, ["compare", vienna["id"], "--db", store_url, "--json"])
    assert compared.exit_code == 0
    sides = {o["outlet"]: o["side"] for o in json.loads(compared.output)["outlets"]}
    assert sides == {"ansa.it": "other", "it.sputniknews.com": "state_affiliated"}
    missing = runner.invoke(main, ["story", "s_nope", "--db", store_url])
    assert missing.exit_code != 0 and "cronaca stories" in missing.output


def test_timeline_lists_merged_events_for_an_actor(store_url):
    from dataclasses import replace

    from cronaca.types import Event

    meet = Event("CONSULT", 0, 6, "Lavrov", "per:sergey-lavrov", "Sergey Lavrov",
                 "per:antony-blinken", "Antony Blinken", date="2023-05-10", place_id="gpe:vienna")
    a = replace(vienna_wire(), events=(meet,))
    b = replace(vienna_rewrite(published="2023-05-11"), events=(replace(meet, date=None),))
    store = open_store(store_url)
    store.add_documents([a, b])
    link(store)
    store.close()
    out = CliRunner().invoke(main, ["timeline", "--db", store_url, "--actor", "per:sergey-lavrov",
                                    "--since", "2023-01-01", "--json"])
    assert out.exit_code == 0, out.output
    events = json.loads(out.output)["events"]
    assert len(events) == 1 and events[0]["reports"] == 2 and events[0]["date"] == "2023-05-10"
    assert events[0]["by_side"] == {"other": 1, "state_affiliated": 1}


def test_timeline_and_story_name_who_acted_on_whom(store_url):
    from dataclasses import replace

    from cronaca.types import Event

    denial = Event("REJECT", 0, 6, "Lavrov", "per:sergey-lavrov", "Sergey Lavrov", None, None,
                   date="2023-05-10")
    store = open_store(store_url)
    store.add_documents([replace(vienna_wire(), events=(denial,))])
    link(store)
    store.close()
    runner = CliRunner()
    line = runner.invoke(main, ["timeline", "--db", store_url]).output.splitlines()[0]
    assert "REJECT" in line and "Sergey Lavrov / -" in line and "per:" not in line
    sid = json.loads(runner.invoke(main, ["stories", "--db", store_url, "--json"]).output)[0]["id"]
    shown = runner.invoke(main, ["story", sid, "--db", store_url]).output
    assert "Sergey Lavrov / -" in shown and "per:sergey-lavrov" not in shown
    entry = json.loads(runner.invoke(main, ["timeline", "--db", store_url, "--json"]).output)["events"][0]
    assert entry["source"] == "Sergey Lavrov" and entry["target"] is None
