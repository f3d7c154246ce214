"""Copies of an article are found, linked to the earliest one, and kept out of stories' counts."""

import numpy as np
from datasketch import MinHash
from link_fixtures import sanctions, vienna_copy, vienna_rewrite, vienna_wire

from cronaca.ids import digest
from cronaca.link.duplicates import band_keys, fingerprint, minhash, similarity, template
from cronaca.link.linker import link_documents


def test_edited_repost_is_a_near_copy_and_a_rewrite_is_not():
    wire, copy, rewrite = (fingerprint(d.article.text) for d in (vienna_wire(), vienna_copy(), vienna_rewrite()))
    assert similarity(wire.signature, copy.signature) >= 0.5
    assert similarity(wire.signature, rewrite.signature) < 0.3
    assert wire.exact_key != copy.exact_key


def test_signatures_and_bucket_keys_are_datasketchs_and_the_digests_they_always_were():
    """Stored signatures and bucket keys must compare with new ones: the hashing done by hand
    gives what datasketch's default hash and ``digest`` per band gave."""
    grams = {"il vertice di", "di vienna si", "si apre oggi", "città è già", ""}
    mh = MinHash(num_perm=128, seed=1, permutations=template().permutations, scheme="affine32")
    mh.update_batch([g.encode("utf-8") for g in grams])
    values = minhash(grams, template())
    assert values.dtype == np.uint32 and (values == mh.hashvalues.astype(np.uint32)).all()
    assert (minhash(set(), template()) == np.full(128, 2**32 - 1, dtype=np.uint32)).all()
    for namespace, bands in (((), 32), (("anchors",), 16)):
        rows = values.reshape(bands, -1).astype(np.uint64)
        expected = tuple(int(digest(*namespace, str(b), row.tobytes().hex(), size=8), 16) & (2**63 - 1)
                         for b, row in enumerate(rows))
        assert band_keys(values, bands, namespace) == expected


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


def _crowded_buckets(index) -> list[int]:
    """300 stored originals sharing one bucket key (a paragraph every outlet reposts) and one
    copy sharing ten buckets with a new article; returns the new article's bucket keys."""
    from cronaca.link.index import StoredFingerprint

    new_bands = list(range(1000, 1032))
    for i in range(300):
        fp = StoredFingerprint(f"common{i:03d}", b"", 0, "2023-05-10", i, None)
        index.add_fingerprint(fp, f"exact{i}", [new_bands[0], 5000 + i])
    copy = StoredFingerprint("zz-copy", b"", 0, "2023-05-10", 300, None)
    index.add_fingerprint(copy, "exact-copy", new_bands[:10])
    return new_bands


def test_band_candidates_put_the_articles_sharing_most_buckets_first_and_stop_at_the_limit(store_url):
    from cronaca.link.index import MemoryIndex
    from cronaca.store.base import open_store

    store = open_store(store_url)
    for index in (MemoryIndex(), store):
        bands = _crowded_buckets(index)
        ranked = index.band_candidates(bands, 50)
        assert ranked[0] == "zz-copy"  # the copy comes first, though its id sorts last
        assert ranked[1:] == [f"common{i:03d}" for i in range(49)]  # ties by id, then the cap
    store.close()
