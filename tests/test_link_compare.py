"""Outlet comparison: wording counted per outlet and quotes that only one side carries."""

from link_fixtures import doc

from cronaca.link.compare import compare, count_wording
from cronaca.types import Quote


def test_characteristic_wording_is_counted():
    counts = count_wording("L'operazione militare speciale prosegue. Kiev parla di invasione; "
                           "Mosca respinge la presunta «aggressione».")
    assert counts["operazione militare speciale"] == 1
    assert counts["invasione"] == 1
    assert counts["presunta aggressione"] == 1


def test_quotes_only_one_side_carries_are_listed():
    q1 = Quote(0, 5, "Non ci sono garanzie di sicurezza", "direct", "per:sergey-lavrov", "Sergey Lavrov")
    q2 = Quote(0, 5, "Abbiamo chiesto il ritiro delle truppe", "direct", "per:antony-blinken", "Antony Blinken")
    state = doc("Testo sull'operazione militare speciale.", title="s", outlet="it.sputniknews.com")
    indep = doc("Testo sull'invasione.", title="i", outlet="ansa.it")
    from dataclasses import replace

    state = replace(state, quotes=(q1,))
    indep = replace(indep, quotes=(replace(q1, text="non ci sono garanzie di sicurezza, ha detto"), q2))
    c = compare("s_x", [state, indep], [])
    views = {v.outlet: v for v in c.outlets}
    assert [q["speaker"] for q in views["ansa.it"].exclusive_quotes] == ["Antony Blinken"]
    assert views["it.sputniknews.com"].exclusive_quotes == ()
    assert c.wording_by_side["state_affiliated"] == {"operazione militare speciale": 1}
    assert c.wording_by_side["other"] == {"invasione": 1}
