"""Full-text search whose work per query is bounded, whatever the size of the store.

Why: ranking and counting every match makes a search for a frequent word cost time in
proportion to the store — a word in 40 % of a million articles is 400,000 scores, 400,000
look-ups for the filters and a sort, seconds per query. Search engines bound that work and say
so (Elasticsearch's rescore window and ``track_total_hits``, datasette's time limit); so does
this module, on SQLite and PostgreSQL alike:

- **relevance** ranks the newest :data:`RANK_WINDOW` matches that pass the filters (every
  match when there are fewer: the order is then exact); pages go as deep as the window.
- **the total** is exact when the matches fit in the window. Past it, it is estimated from two
  cheap counts on the full-text index alone (no look-up per match): how many articles match
  (counted up to :data:`INDEX_COUNT_CAP`, extrapolated past it from how densely the newest
  matches fall), times the share of the window's span's matches that passed the filters (counted
  and extrapolated the same way); where the index
  hands matches unordered, or the dates bound the search, from the share of the newest pks (of
  the store or the span) that holds the window (:func:`_share_estimate`).
  ``Page.exact`` is False then, and the web and the CLI say "about".
- **date orders** walk the date index newest (or oldest) first and check each article against
  the full-text index until the page is full, when matches are frequent enough for that to take
  few checks (:data:`MAX_PROBES`); otherwise, matches being few, they are all sorted. Articles
  without a date come last, as before.

The backend gives the SQL that differs (:class:`Backend`); the cursor is an offset bound to the
query and sort, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any, Protocol

from . import datespans

RANK_WINDOW = 200
#: Newest matches counted before a count is extrapolated from their density. Counting newest
#: first costs a query of several words a look-up per match and word (17 ms for 10,000 matches of
#: "Putin Macron" on a million articles, 2 ms for 2,000); 2,000 give the density to within a few
#: per cent, and the total is shown to two significant figures, as "about".
INDEX_COUNT_CAP = 2_000
DENSITY_SAMPLE = 1000  # matches in a range of the newest articles that give a fair density
DENSE_SAMPLE_ROWS = 2000  # newest articles checked one by one to tell a frequent query
SAMPLE_HITS = 40  # matches among them that make their share a fair estimate of the count
DENSE_SHARE = 0.05  # a query matching this share of them is read by walking the newest articles
MAX_PROBES = 5000
PROBE_GROWTH = 4  # a walk that finds fewer matches than estimated may check this many times MAX_PROBES
BLOCK_WALK_RATIO = 16  # articles walked in blocks that cost what sorting one match costs
IN_ORDER_RUNS = 50  # a block of the date index in date-ordered storage: a run of pks per 50 or more
PK_STEP = 20_000  # newest articles searched first where the index does not hand matches in order
WALK_BLOCK = 1000  # articles walked by date per look-up, where checking them one by one is dear
RUN_GAP = 10_000  # pks further apart than this are looked up by separate index cursors
NEAR_GAP = 64  # where a cursor is cheap, pks further apart than this are probed apart
IN_ORDER_SHARE = 0.5  # a span's articles filling this share of their pks are searched index first
COLUMNS = "a.pk, a.id, a.title, a.outlet, a.published"


class Backend(Protocol):
    conn: Any

    def _search_from(self, where: str, indexed: bool = True) -> tuple[str, str, str]: ...
    def _density_sample(self) -> str: ...
    def _probe(self, per_row: bool = False) -> str: ...
    def _index_count(self, newer_than: int | None) -> str: ...
    def _indexed_by_date(self) -> str: ...
    def _cheap_probe(self, match: str) -> bool: ...
    def _scores(self, match: str, pks: Sequence[int]) -> dict[int, float]: ...
    def _scored_after(self, match: str) -> bool: ...
    def _in_walk_order(self, newest: bool = True) -> str: ...
    def _sorted_by_index(self) -> bool: ...
    def _matches_between(self) -> str: ...
    def _index_first(self, match: str, density: float | None, filtered: bool,
                     articles: int) -> AbstractContextManager[None]: ...


@dataclass(frozen=True, slots=True)
class Result:
    rows: list[Any]
    total: int
    exact: bool
    more: bool


def run(store: Backend, match: str, where_sql: str, where_params: Sequence[Any], sort: str,
        limit: int, offset: int, span: tuple[str | None, str | None] | None = None) -> Result:
    """One page of a search: its rows (``pk, id, title, outlet, published, score``), the total
    and whether it is exact, and whether there is a next page. ``span``: the (lowest, highest)
    publication dates the filters allow, when they bound them (:func:`_dated_window`)."""
    base, score, key = store._search_from(where_sql)
    after = store._scored_after(match)  # the window is scored once found (a frequent query on SQLite)
    if after:
        score = "0.0"
    params = (match, *where_params)
    matches = _Matches(store, match)
    lo, hi = _span_bounds(span)
    pks = datespans.pk_range(store.conn, lo, hi) if span else None
    if span and pks is None:
        return Result([], 0, True, False)  # nothing was published in the span
    dated = _dated_window(store, match, where_sql, where_params, span, matches) \
        if span and not _stored_in_order(store, lo, hi, pks) else None
    if dated is not None:
        window, total, exact = dated
    else:
        walked = store._search_from(where_sql, indexed=False)
        if after:
            walked = (walked[0], "0.0", walked[2])
        share = matches.dense() if not span else None
        if share and where_params:  # how many of the newest articles also pass the filters
            share = _filtered_share(store, walked, params)
        window = _newest_walked(store, walked, params, share) if share else []
        if len(window) == RANK_WINDOW:
            total, exact = _share_estimate(window, _pk_span(store)), False
        else:
            articles = _article_count(store)
            window = _newest_matches(store, base, score, key, params, pks, lambda: store._index_first(
                match, matches.share(), bool(where_params), articles))
            if len(window) < RANK_WINDOW:  # every match is here: exact, and sorted in memory
                total, exact = len(window), True
            elif pks:
                total, exact = _share_estimate(window, pks), False
            else:
                total, exact = _estimate(store, match, window, matches), False
    if sort == "relevance":
        if dated is None and after:
            window = _scored(store, match, window)
        ranked = sorted(window, key=lambda r: (r["score"], r["pk"]))
        return Result(ranked[offset:offset + limit], total, exact, offset + limit < len(window))
    newest = sort == "date"
    if exact:
        ordered = _date_order(window, newest)
        return Result(ordered[offset:offset + limit], total, exact, offset + limit < len(window))
    # a span's walk reaches only its own articles; outside its pks nothing can pass the filters
    walkable = datespans.count(store.conn, lo, hi) if span else _article_count(store)
    walk = (offset + limit + 1) * walkable / max(1, total)  # articles the walk should check
    rows = None
    if walk <= MAX_PROBES or (walk <= BLOCK_WALK_RATIO * total and _walks_in_blocks(store, match)):
        rows = _walk(store, match, where_sql, where_params, newest, limit + 1, offset,
                     _span_bounds(span) if span else (None, None), reach=walk)
    if rows is None:  # matches too rare for a walk to find them within its probes: sort them all
        within, bounds = _within(key, pks)
        rows = store.conn.execute(f"SELECT {COLUMNS}, {score} AS score {base}{within} ORDER BY "
                                  f"{_order(newest)} LIMIT ? OFFSET ?",
                                  (*params, *bounds, limit + 1, offset)).fetchall()
    return Result(rows[:limit], total, exact, len(rows) > limit)


def _walks_in_blocks(store: Backend, match: str) -> bool:
    """Whether a date-ordered walk checks its articles a block at a time at a fraction of what
    sorting every match costs, so that it may walk up to :data:`BLOCK_WALK_RATIO` articles per
    match: the walk goes in blocks (:func:`_walk`) and the newest block of the date index is a
    few runs of near pks (a crawl stored in date order, where one index cursor checks a block).
    "Stoltenberg Bruxelles" by date on a million articles, 3,700 matches: sorted in 30-45 ms,
    walked in 5-13. Stored out of date order, a block is as many cursors as articles, and
    sorting is cheaper."""
    if store._cheap_probe(match) and not store._sorted_by_index():
        return False  # probed one by one
    newest = [r[0] for r in store.conn.execute(
        f"SELECT a.pk FROM articles a{store._indexed_by_date()} WHERE a.published IS NOT NULL"
        f" ORDER BY a.published DESC, a.pk DESC LIMIT {WALK_BLOCK}")]
    return len(runs(newest, NEAR_GAP)) * IN_ORDER_RUNS <= max(1, len(newest))


def _scored(store: Backend, match: str, rows: list[Any]) -> list[Any]:
    """``rows`` with their scores, worked out after they were found (:meth:`Backend._scores`):
    where scoring in the query that finds them would cost a pass over every match (SQLite's
    ``bm25()`` on a frequent query, :mod:`cronaca.store.ranking`), or they were found by a walk."""
    scores = store._scores(match, [r["pk"] for r in rows])
    return [{**dict(r), "score": scores.get(r["pk"], 0.0)} for r in rows]


def _span_bounds(span: tuple[str | None, str | None] | None) -> tuple[str | None, str | None]:
    """The publication dates a span's articles lie between. A year or month stated for a day of
    the span sorts before the day, so the lower bound is the year (the filters' own conditions
    decide which of those pass)."""
    if not span:
        return None, None
    since, until = span
    return (since[:4] if since else None), until


def _within(key: str, pks: tuple[int, int] | None) -> tuple[str, tuple[int, ...]]:
    """The condition (and its parameters) keeping ``key`` between the ``pks``, when given."""
    return (f" AND {key} >= ? AND {key} <= ?", pks) if pks else ("", ())


def _share_estimate(window: list[Any], pks: tuple[int, int]) -> int:
    """How many articles of the ``pks`` (lowest, highest) match and pass the filters, from the
    window of their newest: the articles from the window's lowest pk on hold it, and the rest of
    the range is taken to hold matches as densely."""
    low = min(r["pk"] for r in window)
    return _rounded(max(len(window), len(window) * (pks[1] - pks[0] + 1) / max(1, pks[1] - low + 1)))


def _newest_matches(store: Backend, base: str, score: str, key: str, params: Sequence[Any],
                    pks: tuple[int, int] | None = None,
                    index_first: Callable[[], AbstractContextManager[None]] = nullcontext) -> list[Any]:
    """The newest :data:`RANK_WINDOW` matches that pass the filters (by ``pk``, the store order),
    among the ``pks`` (lowest, highest) where the filters' dates bound them
    (:func:`cronaca.store.datespans.pk_range`: matches outside cannot pass, and are not read).

    SQLite's index hands matches newest first, so the query stops after the window. PostgreSQL's
    GIN index hands them as a bitmap, unordered: the query reads, checks and sorts every match
    (a phrase in a sixth of a million articles with an outlet filter: 0.8 s). There the newest
    :data:`PK_STEP` articles are searched first, then a range as wide as the matches found so
    far say the window needs (half again for safety), or eight times as wide when none were
    found: the answer is the same (matches outside a range are all older than those in it), and
    the work is bounded by the matches of the range that fills the window. Each range goes on
    below the last one, for the window's rest: the newest pks are not searched again ("Novak"
    from one outlet of eight walked its newest 20,000 articles twice). ``index_first``:
    around each of those queries, what steers the planner to the full-text index where that
    is cheaper (:meth:`Backend._index_first`).
    """
    within, bounds = _within(key, pks)
    sql = f"SELECT {COLUMNS}, {score} AS score {base}{within}{{newer}} ORDER BY {key} DESC LIMIT ?"
    found: list[Any] = []
    older: tuple[int, ...] = ()  # below the ranges searched so far
    if not store._sorted_by_index():
        first, last = _pk_span(store)
        if pks:
            first, last = max(first, pks[0]), min(last, pks[1])
        step = PK_STEP
        while last - step > first:
            upper = f" AND {key} <= ?" if older else ""
            with index_first():
                found += store.conn.execute(sql.format(newer=f" AND {key} > ?{upper}"),
                                            (*params, *bounds, last - step, *older,
                                             RANK_WINDOW - len(found))).fetchall()
            if len(found) >= RANK_WINDOW:
                return found
            older = (last - step,)
            step = _next_step(step, len(found))
    upper = f" AND {key} <= ?" if older else ""
    with index_first():
        return found + list(store.conn.execute(sql.format(newer=upper),
                                               (*params, *bounds, *older, RANK_WINDOW - len(found))).fetchall())


def _next_step(step: int, found: int) -> int:
    """The next range of newest pks to search, from how many matches the last one held: as wide
    as their density says the window needs, half again for safety (at least twice the last);
    eight times as wide when it held none. A rare word with a selective filter (200 matches in a
    third of the store) is found in two ranges instead of reading every match of the word."""
    if not found:
        return step * 8
    return max(2 * step, int(1.5 * step * RANK_WINDOW / found))


def _newest_walked(store: Backend, walked: tuple[str, str, str], params: Sequence[Any],
                   density: float) -> list[Any]:
    """The newest :data:`RANK_WINDOW` matches of a frequent query, found by walking the newest
    articles and checking each one's index entry: as many articles as the query's density says
    should hold the window, four times over. Fewer found (the query is rarer there than in the
    sample): the caller searches the index as for any query.

    Why: PostgreSQL's GIN index hands a frequent word's matches as a bitmap of every article
    that holds it (170,000 of a million: 40-90 ms), while the newest 200 of them lie within the
    newest thousand or so articles; checking those one by one costs a few milliseconds.
    """
    base, score, key = walked
    first, last = _pk_span(store)
    reach = int(4 * RANK_WINDOW / density)
    return list(store.conn.execute(
        f"SELECT {COLUMNS}, {score} AS score {base} AND {key} > ? ORDER BY {key} DESC LIMIT ?",
        (*params, max(first - 1, last - reach), RANK_WINDOW)).fetchall())


def _filtered_share(store: Backend, walked: tuple[str, str, str], params: Sequence[Any]) -> float | None:
    """The share of the newest :data:`DENSE_SAMPLE_ROWS` articles that match and pass the
    filters, when it is :data:`DENSE_SHARE` or more (a walk then fills the window soon)."""
    base, _, key = walked
    last = _pk_span(store)[1]
    hits = store.conn.execute(f"SELECT count(*) FROM (SELECT 1 {base} AND {key} > ?) t",
                              (*params, last - DENSE_SAMPLE_ROWS)).fetchone()[0]
    share = hits / min(DENSE_SAMPLE_ROWS, max(1, _article_count(store)))
    return share if share >= DENSE_SHARE else None


def _stored_in_order(store: Backend, lo: str | None, hi: str | None, pks: tuple[int, int] | None) -> bool:
    """Whether the span's articles fill most of the ``pks`` between its lowest and highest (a
    crawl stored in date order): the index's matches between those pks are then nearly all in
    the span, and reading them newest first finds the window sooner than walking the date
    index and checking each article (a probe per article: 20-30 ms for a frequent query's 200
    matches on 100,000 articles, against a millisecond or two)."""
    if pks is None:
        return False
    return datespans.count(store.conn, lo, hi) >= IN_ORDER_SHARE * (pks[1] - pks[0] + 1)


def _dated_window(store: Backend, match: str, where_sql: str, where_params: Sequence[Any],
                  span: tuple[str | None, str | None], matches: _Matches) -> tuple[list[Any], int, bool] | None:
    """The window of a search whose filters bound the publication date, found along the date
    index: the latest-published :data:`RANK_WINDOW` matches in the span, their total and whether
    it is exact; None when the span's articles match too rarely for that to be cheap.

    Why: the index hands matches newest-stored first, and a crawl is stored roughly in date
    order, so a search in a past span ("since 2022-01-01 until 2022-06-30" in a store that runs
    to 2024) read every newer match before reaching the span: on a million articles, a third of
    a second and more per search. Walking the date index from the span's end and checking each
    article against the full-text index costs one probe per article instead, and at most
    :data:`MAX_PROBES` of them. Where a probe is dear (SQLite's prefix queries) or matches are
    too rare to fill the window within the probes, the index-first way is used, as before.
    """
    if 2 * RANK_WINDOW * _article_count(store) > MAX_PROBES * max(1, matches()):
        return None  # too rare for the walk to fill the window within its probes
    since, until = span
    # walk from the span's year (:func:`_span_bounds`), count from its day (the estimate's denominator)
    lo = _span_bounds(span)[0]
    if store._cheap_probe(match):
        rows = _probe_walked(store, match, where_sql, where_params, True, (lo, until), MAX_PROBES, RANK_WINDOW)
        walked, bound_params = _date_walk(store, True, (lo, until), MAX_PROBES)
        walked_all = store.conn.execute(f"SELECT count(*) FROM ({walked}) w", bound_params).fetchone()[0] \
            if len(rows) < RANK_WINDOW else MAX_PROBES
    else:  # each probe would expand the query again: check a block of walked articles at once
        rows, walked_all = _walk_in_blocks(store, match, where_sql, where_params, True, RANK_WINDOW,
                                           MAX_PROBES, dates=(lo, until))
    if len(rows) < RANK_WINDOW:
        if walked_all >= MAX_PROBES:
            return None  # rare in a large span: the index-first way finds them sooner
        total, exact = len(rows), True  # every article of the span was checked
    else:
        total, exact = _dated_estimate(store, rows, since, until), False
    return _scored(store, match, rows), total, exact


def _dated_estimate(store: Backend, rows: list[Any], since: str | None, until: str | None) -> int:
    """How many articles of the span match, from how densely the walked ones did: the span's
    articles, and those of them the walk reached, are counted per date
    (:mod:`cronaca.store.datespans`, exact, a few hundred rows whatever the span)."""
    oldest = rows[-1]["published"]
    walked = datespans.count(store.conn, max(since, oldest) if since else oldest, until)
    in_span = datespans.count(store.conn, since, until)
    return _rounded(max(len(rows), len(rows) * in_span / max(1, walked)))


def _walk(store: Backend, match: str, where_sql: str, where_params: Sequence[Any], newest: bool,
          n: int, offset: int, dates: tuple[str | None, str | None] = (None, None),
          reach: float = MAX_PROBES) -> list[Any] | None:
    """Dated matches along the date index, then the undated ones (by ``pk``). ``dates``: the
    (lowest, highest) publication dates the filters allow, where they bound them; ``reach``:
    how many articles the walk is expected to check. None when a walk checking one article at
    a time would go far past :data:`MAX_PROBES` (the matches are rarer than estimated)."""
    way = "DESC" if newest else ""
    probe = store._probe()
    if store._cheap_probe(match) and not store._sorted_by_index():
        probed = _probed_walk(store, match, where_sql, where_params, newest, n + offset, dates, reach)
        if probed is None:
            return None
        dated = probed[offset:]
    else:  # an index read in pk order checks a block's runs of near pks at once (SQLite)
        dated = _walk_in_blocks(store, match, where_sql, where_params, newest, n + offset, dates=dates)[0][offset:]
    if len(dated) == n:
        return dated
    before = offset + len(dated) if dated else store.conn.execute(  # how many dated matches
        f"SELECT count(*) FROM articles a WHERE a.published IS NOT NULL AND {where_sql} AND {probe}",
        (*where_params, match)).fetchone()[0]
    undated = store.conn.execute(
        f"SELECT {COLUMNS}, 0.0 AS score FROM articles a WHERE a.published IS NULL AND {where_sql}"
        f" AND {probe} ORDER BY a.pk {way} LIMIT ? OFFSET ?",
        (*where_params, match, n - len(dated), max(0, offset - before))).fetchall()
    return dated + undated


def _probed_walk(store: Backend, match: str, where_sql: str, where_params: Sequence[Any], newest: bool,
                 wanted: int, dates: tuple[str | None, str | None], reach: float) -> list[Any] | None:
    """The first ``wanted`` dated matches that pass the filters, newest (or oldest) first,
    found by walking the date index and probing each walked article; None when that would
    check more than :data:`MAX_PROBES` times :data:`PROBE_GROWTH` articles.

    Why a walk of a bounded number of articles, written as a subquery with its own LIMIT:
    asked as one query (date order, filters, probe, LIMIT), PostgreSQL costs the probe at a
    default selectivity, far below a frequent phrase's, and read the whole full-text table
    instead of the date index ("trattato New Start" by date with an actor filter on a million
    articles: 4.6 s and more under load, against tens of milliseconds walked). The walk starts
    at twice the expected ``reach`` and grows fourfold while it falls short."""
    walkable = datespans.count(store.conn, *dates) if any(dates) else _article_count(store)
    size = max(WALK_BLOCK, int(2 * reach))
    while True:
        rows = _probe_walked(store, match, where_sql, where_params, newest, dates, size, wanted)
        if len(rows) >= wanted or size >= walkable:
            return rows
        if size >= MAX_PROBES * PROBE_GROWTH:
            return None
        size *= 4


def _date_walk(store: Backend, newest: bool, dates: tuple[str | None, str | None], size: int) -> tuple[str, list[str]]:
    """SQL (and its parameters) for the first ``size`` dated articles along the date index,
    newest (or oldest) first, published between ``dates`` where given: ``pk`` and ``published``."""
    way = "DESC" if newest else ""
    bounds = [(c, v) for c, v in (("a.published >= ?", dates[0]), ("a.published <= ?", dates[1])) if v]
    return (f"SELECT a.pk AS pk, a.published AS published FROM articles a{store._indexed_by_date()}"
            f" WHERE a.published IS NOT NULL{''.join(f' AND {c}' for c, _ in bounds)}"
            f" ORDER BY a.published {way}, a.pk {way} LIMIT {size}"), [v for _, v in bounds if v is not None]


def _probe_walked(store: Backend, match: str, where_sql: str, where_params: Sequence[Any], newest: bool,
                  dates: tuple[str | None, str | None], size: int, wanted: int) -> list[Any]:
    """The first ``wanted`` of the :func:`_date_walk`'s ``size`` articles that match and pass
    the filters, in the walk's order, each probed against the full-text index."""
    walked, bound_params = _date_walk(store, newest, dates, size)
    return list(store.conn.execute(
        f"SELECT {COLUMNS}, 0.0 AS score FROM ({walked}) w CROSS JOIN articles a"
        f" WHERE a.pk = w.pk AND {where_sql} AND {store._probe(per_row=True)}{store._in_walk_order(newest)} LIMIT ?",
        (*bound_params, *where_params, match, wanted)).fetchall())


def _walk_in_blocks(store: Backend, match: str, where_sql: str, where_params: Sequence[Any], newest: bool,
                    wanted: int, max_walked: int | None = None,
                    dates: tuple[str | None, str | None] = (None, None)) -> tuple[list[Any], int]:
    """Dated matches along the date index, :data:`WALK_BLOCK` articles at a time, each block
    checked against the full-text index by one cursor per run of near pks (:func:`runs`)
    instead of one probe per article: the matches that pass the filters (``where_sql``) and how
    many articles were walked (those published between ``dates``, the filters' bounds).

    Why: where one probe expands the query anew (SQLite's prefix terms: milliseconds each on a
    large index), a date-ordered page of a frequent prefix cost half a second; a crawl is stored
    roughly in date order, so a block of the date index is a few short pk ranges. Where probes
    are cheap they still add up: a page by date of a query in one article of a hundred walked
    two thousand articles, a probe each (20 ms on 100,000 articles), where a block reads a
    thousand pks' matches at once. A block is read off the date index alone (pk and date), and
    rows are looked up for its matches only, where the filters are checked: a row look-up per
    walked article cost as much as the walk saved.
    """
    way, beyond = ("DESC", "<") if newest else ("", ">")
    table = f"articles a{store._indexed_by_date()}"
    bounds = [(c, v) for c, v in (("a.published >= ?", dates[0]), ("a.published <= ?", dates[1])) if v]
    bound_sql = "".join(f" AND {c}" for c, _ in bounds)
    found: list[Any] = []
    walked = 0
    after: tuple[Any, ...] = ()
    while len(found) < wanted and (max_walked is None or walked < max_walked):
        size = WALK_BLOCK if max_walked is None else min(WALK_BLOCK, max_walked - walked)
        keyset = f" AND (a.published, a.pk) {beyond} (?, ?)" if after else ""
        block = store.conn.execute(
            f"SELECT a.pk, a.published FROM {table} WHERE a.published IS NOT NULL{bound_sql}{keyset}"
            f" ORDER BY a.published {way}, a.pk {way} LIMIT {size}", (*(v for _, v in bounds), *after)).fetchall()
        walked += len(block)
        hits = _matching(store, match, [r[0] for r in block])
        if hits:
            marks = ",".join("?" * len(hits))
            rows = {r["pk"]: r for r in store.conn.execute(
                f"SELECT {COLUMNS}, 0.0 AS score FROM articles a WHERE a.pk IN ({marks}) AND {where_sql}",
                (*hits, *where_params))}
            found += [rows[r[0]] for r in block if r[0] in rows]
        if len(block) < size:
            break
        after = (block[-1][1], block[-1][0])
    return found[:wanted], walked


def _matching(store: Backend, match: str, pks: Sequence[int]) -> set[int]:
    """Which of ``pks`` match: one index cursor over each run of near pks. Near is within
    :data:`RUN_GAP` where a cursor is dear (a prefix expanded anew: fewer cursors that read
    more matches); within :data:`NEAR_GAP` where it is cheap, so that a block of articles
    scattered over the store (not stored in date order) costs a cursor each, as probes would,
    rather than a read of every match between them."""
    hits: set[int] = set()
    for run in runs(pks, NEAR_GAP if store._cheap_probe(match) else RUN_GAP):
        wanted = set(run)
        hits.update(r[0] for r in store.conn.execute(store._matches_between(), (match, run[0], run[-1]))
                    if r[0] in wanted)
    return hits


def runs(pks: Sequence[int], gap: int = RUN_GAP) -> list[list[int]]:
    """``pks`` sorted and cut where two neighbours are more than ``gap`` apart: the ranges an
    index cursor reads to check them all, without reading much in between."""
    out: list[list[int]] = []
    for pk in sorted(pks):
        if out and pk - out[-1][-1] <= gap:
            out[-1].append(pk)
        else:
            out.append([pk])
    return out


class _Matches:
    """How many articles one search's query matches, worked out once though the date window
    and the estimate both ask (each count is milliseconds to tens of them on a large index).

    Where the index hands matches unordered, the newest :data:`DENSE_SAMPLE_ROWS` articles are
    checked one by one first (a millisecond or two): when at least :data:`SAMPLE_HITS` of them
    match, their share of the store is the count, with no look-up in the index; a query
    matching :data:`DENSE_SHARE` of them is frequent, and its window is walked
    (:func:`_newest_walked`). Rarer queries are counted on the index, where they are few.
    """

    def __init__(self, store: Backend, match: str) -> None:
        self.store, self.match = store, match
        self.value: float | None = None
        self.sampled: tuple[float | None] | None = None

    def share(self) -> float | None:
        """The share of the newest articles the query matches, when the sample tells it."""
        if self.sampled is None:
            share = None
            if not self.store._sorted_by_index():
                hits, seen = self.store.conn.execute(self.store._density_sample(),
                                                     (self.match, DENSE_SAMPLE_ROWS)).fetchone()
                if seen and hits >= min(SAMPLE_HITS, seen):
                    share = hits / seen
            self.sampled = (share,)
        return self.sampled[0]

    def dense(self) -> float | None:
        """The share, when the query is frequent enough for its window to be walked."""
        share = self.share()
        return share if share is not None and share >= DENSE_SHARE else None

    def __call__(self) -> float:
        if self.value is None:
            share = self.share()
            self.value = share * _article_count(self.store) if share else index_matches(self.store, self.match)
        return self.value


def index_matches(store: Backend, match: str, cap: int = INDEX_COUNT_CAP) -> float:
    """How many articles match, counted on the index up to ``cap`` and extrapolated past it
    from how densely the newest matches fall.

    Where the index hands matches unordered (PostgreSQL's GIN), finding the newest
    :data:`INDEX_COUNT_CAP` meant reading and sorting every match (100-280 ms for a word in a
    sixth of a million articles): the newest :data:`PK_STEP` articles are counted first, then
    eight times as many, as :func:`_newest_matches` searches them, until a range holds
    :data:`DENSITY_SAMPLE` matches: their density gives the estimate.
    """
    first, last = _pk_span(store)
    if not store._sorted_by_index():
        step = PK_STEP
        while last - step > first:
            matching, lowest = store.conn.execute(store._index_count(last - step),
                                                  (match, last - step, cap)).fetchone()
            if matching >= min(cap, DENSITY_SAMPLE):
                counted = last - (lowest if matching >= cap else last - step) + 1
                return matching * (last - first + 1) / max(1, counted)
            step *= 8
    return _newest_counted(store, match, (first, last), None, cap)


def _newest_counted(store: Backend, match: str, span: tuple[int, int], low: int | None, cap: int) -> float:
    """How many articles from pk ``low`` (None: the store's first, of ``span``) to the last
    match: counted newest first up to ``cap``, past it extrapolated over the range from the
    density of those counted (an index that hands matches in order: SQLite's)."""
    first, last = span
    bound = () if low is None else (low,)
    matching, lowest = store.conn.execute(store._index_count(low), (match, *bound, cap)).fetchone()
    if matching >= cap:
        return matching * (last - (first if low is None else low) + 1) / max(1, last - lowest + 1)
    return matching


def _estimate(store: Backend, match: str, window: list[Any], matches: _Matches) -> int:
    """How many articles match and pass the filters, from counts on the index alone; from the
    share of the newest pks that holds the window where a count is dear: an index that hands
    matches unordered would build its bitmap of every match, and a prefix term is expanded anew
    by each look-up (SQLite: 8-10 ms a count for a prefix in an eighth of a million articles,
    two counts a search)."""
    if not store._sorted_by_index() or not store._cheap_probe(match):
        return _share_estimate(window, _pk_span(store))
    low = min(r["pk"] for r in window)
    in_span = _newest_counted(store, match, _pk_span(store), low, INDEX_COUNT_CAP)
    return _rounded(max(len(window), matches() * len(window) / max(1, in_span)))


def _rounded(estimate: float) -> int:
    """An estimated total to two significant figures: the page says "about"."""
    return int(float(f"{round(estimate):.2g}"))


def _pk_span(store: Backend) -> tuple[int, int]:
    """The lowest and highest ``pk``: two index look-ups in one statement (a subquery each:
    SQLite reads the whole table for ``min()`` and ``max()`` of one ``SELECT``; a statement
    apiece cost PostgreSQL a round trip each, several times a search)."""
    first, last = store.conn.execute(
        "SELECT (SELECT min(pk) FROM articles), (SELECT max(pk) FROM articles)").fetchone()
    return (first or 0), (last or 0)


def _article_count(store: Backend) -> int:
    first, last = _pk_span(store)
    return last - first + 1 if last else 0


def _order(newest: bool) -> str:
    way = "DESC" if newest else ""
    return f"a.published IS NULL, a.published {way}, a.pk {way}"


def _date_order(rows: list[Any], newest: bool) -> list[Any]:
    """Rows by date then ``pk`` (both newest or both oldest first), undated ones last."""
    rows = sorted(rows, key=lambda r: r["pk"], reverse=newest)
    rows = sorted(rows, key=lambda r: r["published"] or "", reverse=newest)  # stable: ties keep pk order
    return [r for r in rows if r["published"] is not None] + [r for r in rows if r["published"] is None]
