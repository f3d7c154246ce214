"""Copies of an article are found, linked to the earliest one, and kept out of stories' counts."""

from link_fixtures import sanctions, vienna_copy, vienna_rewrite, vienna_wire

from cronaca.link.duplicates import fingerprint, similarity
from cronaca.link.linker import link_documents


def test_edited_repost_is_a_near_copy_and_a_rewrite_is_not():
    wire, copy, rewrite = (fingerprint(d.article.text) for d in (vienna_wire(), vienna_copy(), vienna_rewrite()))
    assert similarity(wire.signature, copy.signature) >= 0.5
    assert similarity(wire.signature, rewrite.signature) < 0.3
    assert wire.exact_key != copy.exact_key


def test_copy_links_to_the_earliest_published_even_when_read_first():
    copy = vienna_copy(published="2023-05-11")
    wire = vienna_wire(published="2023-05-10")
    results, index = link_documents([copy, wire])
    by_id = {r.article_id: r for r in results}
    assert by_id[copy.id].duplicate_of == wire.id
    assert by_id[wire.id].duplicate_of is None
    assert by_id[copy.id].story_id == by_id[wire.id].story_id


def test_same_body_under_another_headline_is_an_exact_copy():
    a = vienna_wire()
    b = vienna_wire(published="2023-05-12")
    from dataclasses import replace

    b = replace(b, article=replace(b.article, id="a_other", title="Altro titolo"))
    results, _ = link_documents([a, b])
    assert {r.article_id: r.duplicate_of for r in results}["a_other"] == a.id


def test_unrelated_articles_are_not_copies():
    results, _ = link_documents([vienna_wire(), sanctions()])
    assert all(r.duplicate_of is None for r in results)
