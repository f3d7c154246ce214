"""Reports of one happening merge into one event; a dated report dates the undated ones."""

from link_fixtures import doc

from cronaca.link.events import dated_documents, merge
from cronaca.types import Event


def _consult(date, place="gpe:brussels", a="org:nato", b="gpe:ru"):
    return Event("CONSULT", 0, 10, "riunione", a, None, b, None, date=date, place_id=place,
                 place="Brussels" if place else None)


def test_reports_from_three_outlets_become_one_event_with_the_precise_date():
    d1 = doc("Il Consiglio si è riunito mercoledì a Bruxelles.", title="a", published="2023-04-19",
             events=(_consult("2023-04-19"),))
    d2 = doc("Una riunione del Consiglio a Bruxelles.", title="b", outlet="it.sputniknews.com",
             published="2023-04-21", events=(_consult(None, a="gpe:ru", b="org:nato"),))
    d3 = doc("Ad aprile il Consiglio si riunirà.", title="c", outlet="ilpost.it", published="2023-04-02",
             events=(_consult("2023-04", place=None),))
    merged = merge([d1, d2, d3])
    assert len(merged) == 1
    event = merged[0]
    assert event.date == "2023-04-19" and event.place_id == "gpe:brussels"
    assert {r.outlet for r in event.reports} == {"ansa.it", "it.sputniknews.com", "ilpost.it"}
    dated = {d.id: d for d in dated_documents([d1, d2, d3], merged)}
    assert dated[d2.id].events[0].date == "2023-04-19"  # the undated report gets the day
    assert dated[d3.id].events[0].date == "2023-04"  # a stated (coarser) date is kept


def test_different_days_or_places_stay_different_events():
    d1 = doc("x", title="a", events=(_consult("2023-04-19"),))
    d2 = doc("y", title="b", events=(_consult("2023-05-03"),))
    d3 = doc("z", title="c", events=(_consult("2023-04", place="gpe:vienna"),))
    assert len(merge([d1, d2, d3])) == 3


def test_same_stated_day_merges_despite_a_misplaced_city():
    """One report names the wrong city (another city in its sentence); the parties, the type and
    the stated day still make it the same happening."""
    d1 = doc("x", title="a", events=(_consult("2023-04-19"),))
    d2 = doc("y", title="b", events=(_consult("2023-04-19", place="gpe:vienna"),))
    assert len(merge([d1, d2])) == 1


def test_undated_report_far_from_any_dated_event_is_not_merged():
    d1 = doc("x", title="a", published="2023-04-19", events=(_consult("2023-04-19"),))
    d2 = doc("y", title="b", published="2023-09-01", events=(_consult(None),))
    assert len(merge([d1, d2])) == 2


def test_an_undated_articles_day_months_from_its_story_is_not_believed():
    """An undated article dated its meeting by a known event of the year before; its text put it
    in this spring's story, so its report merges with the story's meeting instead."""
    from link_fixtures import LAVROV, VIENNA, vienna_rewrite, vienna_wire

    from cronaca.link.linker import link_documents

    def meet(day):
        return Event("CONSULT", 0, 6, "incontro", "per:sergey-lavrov", "Sergey Lavrov",
                     "per:antony-blinken", "Antony Blinken", date=day, place_id="gpe:vienna")

    wire = vienna_wire(published="2023-05-10", events=(meet("2023-05-10"),))
    undated = vienna_rewrite(published=None, events=(meet("2022-01-21"),))
    near = doc("Lavrov ricorda il colloquio di Vienna con il segretario di Stato.", title="ricordo",
               published=None, actors=(LAVROV, VIENNA), events=(meet("2023-04-20"),))
    results, index = link_documents([wire, undated, near])
    assert len({r.story_id for r in results[:2]}) == 1  # the rewrite joined the wire's story
    merged = list(index.merged[("CONSULT", "per:antony-blinken", "per:sergey-lavrov")].values())
    days = {m.date: {r.article_id for r in m.reports} for m in merged}
    assert days["2023-05-10"] >= {wire.id, undated.id}
    assert "2022-01-21" not in days
    assert days["2023-04-20"] == {near.id}  # weeks from the story: a stated day is believed


# -- the date filter the store applies before matching ------------------------------------------

_DATES = [None, "2023", "2023-04", "2023-05", "2023-04-19", "2023-04-20", "2023-03-25", "2023-05-30", "2022-12-31"]
_STORIES = [None, "s_a", "s_b"]


def _merged_grid():
    from cronaca.link.events import MergedEvent

    return [MergedEvent(f"e_{i}_{j}", "CONSULT", "gpe:ru", "org:nato", d, None, None, None, None, None, s, ())
            for i, d in enumerate(_DATES) for j, s in enumerate(_STORIES)]


def _reports():
    from cronaca.link.events import EventReport

    return [EventReport("a1", 0, "ansa.it", "x", 0, 1, d, None, "gpe:ru", "org:nato", pub)
            for d in _DATES for pub in (None, "2023-04-21", "2023-06-02")]


def test_the_date_filter_admits_every_event_a_report_can_match():
    """The filter only narrows what the store reads: whatever ``matches`` accepts, it admits."""
    from cronaca.link.events import candidate_dates, matches

    admitted = rejected = 0
    for rep in _reports():
        for story in _STORIES:
            when = candidate_dates(rep, story)
            for m in _merged_grid():
                if matches(m, rep, story):
                    assert when is not None and when.admits(m.date, m.story_id), (rep, story, m)
                elif when is None or not when.admits(m.date, m.story_id):
                    rejected += 1
                admitted += when is not None and when.admits(m.date, m.story_id)
    assert rejected > admitted / 2  # and it does narrow


def test_the_store_applies_the_date_filter_as_admits_does(store_url):
    from cronaca.link.events import candidate_dates, dated_like
    from cronaca.store.base import open_store

    grid = _merged_grid()
    with open_store(store_url) as store:
        with store.transaction():
            for m in grid:
                store.put_merged(m)
        key = ("CONSULT", "gpe:ru", "org:nato")
        filters = [candidate_dates(r, s) for r in _reports() for s in _STORIES]
        filters += [dated_like(d) for d in _DATES]
        for when in filters:
            if when is None:
                continue
            got = sorted(m.id for m in store.merged_candidates(key, when))
            assert got == sorted(m.id for m in grid if when.admits(m.date, m.story_id)), when


def test_a_reports_candidates_are_tested_on_their_dates_in_the_index(tmp_path):
    """Known events of a frequent pair are many: their dates are read off the index, and only
    those the filter admits are looked up (migration 1003)."""
    from cronaca.link.events import candidate_dates
    from cronaca.store.base import open_store
    from cronaca.store.linkstore import _date_filter_sql

    filters = [w for w in (candidate_dates(r, s) for r in _reports() for s in _STORIES)
               if w is not None and w.story_only is None and sum(map(bool, (w.exact, w.finer, w.lo, w.undated))) > 1]
    assert filters
    with open_store(str(tmp_path / "k.db")) as store:
        for when in filters:
            sql, params = _date_filter_sql(when)
            plan = " ".join(str(r[3]) for r in store.conn.execute(
                f"EXPLAIN QUERY PLAN SELECT * FROM merged_events WHERE type = ? AND actor_a = ? AND actor_b = ?{sql} "
                "ORDER BY rowid DESC LIMIT 50", ("CONSULT", "gpe:ru", "org:nato", *params)))
            assert "merged_events_when" in plan, (when, plan)
