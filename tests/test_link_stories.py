"""Online story clustering: rewrites of one happening join one story; others start their own."""

from link_fixtures import sanctions, vienna_rewrite, vienna_wire

from cronaca.link.index import MemoryIndex
from cronaca.link.linker import Linker, link_documents


def test_rewrites_by_other_outlets_join_one_story_and_other_news_does_not():
    results, _ = link_documents([vienna_wire(), vienna_rewrite(), sanctions()])
    by_id = {r.article_id: r.story_id for r in results}
    wire, rewrite, sanc = vienna_wire().id, vienna_rewrite().id, sanctions().id
    assert by_id[wire] == by_id[rewrite]
    assert by_id[sanc] != by_id[wire]


def test_adding_articles_later_extends_stories_without_renaming_them():
    index = MemoryIndex()
    linker = Linker(index)
    first = linker.add([vienna_wire(), sanctions()])
    later = linker.add([vienna_rewrite()], first_order=2)
    story_of_wire = {r.article_id: r.story_id for r in first}[vienna_wire().id]
    assert later[0].story_id == story_of_wire
    assert index.stories[story_of_wire].size == 2


def test_the_same_happening_weeks_apart_is_another_story():
    results, _ = link_documents([vienna_wire(published="2023-05-10"),
                                 vienna_rewrite(published="2023-07-01")])
    assert results[0].story_id != results[1].story_id


def test_a_story_runs_at_most_its_longest_span():
    """An article near a story's last day joins it only while the story stays within
    MAX_SPAN_DAYS; past that, the same words start a new story (the date gate alone is relative
    to a span that widens with every article, and would keep a story open for ever)."""
    from datetime import date, timedelta

    from cronaca.link import stories as st

    first = date(2023, 5, 10)
    last = first + timedelta(days=st.MAX_SPAN_DAYS - 5)
    vec = {"w:vienna": 1.0, "a:per:sergey-lavrov": 1.0}
    story = st.StoryState("s_1", "Vienna", first.isoformat(), last.isoformat(), 12, dict(vec))
    within = (last + timedelta(days=4)).isoformat()
    beyond = (last + timedelta(days=6)).isoformat()  # inside the window, past the longest span
    assert st.in_window(story, beyond)
    assert st.choose(vec, within, [story])[0] is story
    assert st.choose(vec, beyond, [story])[0] is None
    assert st.choose(vec, None, [story], hint=beyond)[0] is story  # no date: no span to keep
