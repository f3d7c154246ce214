"""The ranker's features of the whole sentence and of the pair: the words around a cue, each
party's standing in the article, and whether a quotation reports someone else's act. Sentences
are hand-written; the model is not involved (features only)."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from cronaca.nlp.events import candidates
from cronaca.nlp.events.arguments import Party
from cronaca.nlp.events.candidates import CONTEXT_WINDOW, Candidate, protagonists
from cronaca.nlp.syntax import analyse
from cronaca.types import Document, Quote, Span

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_events import make_doc  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _split(doc: Document) -> Document:
    """The document with its sentences marked (``make_doc`` leaves the text one sentence)."""
    text, spans, start = doc.article.text, [], 0
    for m in re.finditer(r"\. ", text + " "):
        spans.append(Span(start, m.start() + 1))
        start = m.end()
    return replace(doc, article=replace(doc.article, sentences=tuple(spans)))


def _of(cands: list[Candidate], typ: str, src: str, tgt: str | None) -> Candidate:
    return next(c for c in cands if c.type == typ and c.source.name == src
                and (c.target.name if c.target else None) == tgt and c.predicate is not None)


def test_a_cue_carries_the_content_words_around_it_under_its_type():
    doc = _split(make_doc("Mosca ha attaccato Kiev con missili e droni nella notte. "
                          "Il governo prepara una legge sul clima."))
    _, cands = candidates(doc)
    c = _of(cands, "ASSAULT", "Russia", "Ukraine")
    ctx = {f for f in c.all_features() if f.startswith("ctx=")}
    assert {"ctx=missile|ASSAULT", "ctx=droni|ASSAULT"} <= ctx
    assert "ctx=attaccare|ASSAULT" not in ctx  # the cue itself is a feature of its own
    assert not any("clima" in f or "legge" in f for f in ctx)  # another sentence says nothing of it


def test_context_words_stay_within_the_window():
    far = " ".join(["parole"] * 3 + ["lunghe"] * CONTEXT_WINDOW)
    doc = make_doc(f"Mosca ha attaccato Kiev {far} e infine le città.")
    c = _of(candidates(doc)[1], "ASSAULT", "Russia", "Ukraine")
    assert not any(f.startswith("ctx=città") for f in c.all_features())


def test_protagonists_rank_the_actors_and_count_the_sentences_naming_a_pair():
    doc = _split(make_doc("Marco Rossi ha incontrato Ivan Petrov a Ginevra. Rossi ha poi chiamato Anna Bianchi. "
                          "Più tardi Rossi e Petrov hanno firmato un accordo."))
    an = analyse(doc)
    prot = protagonists(an)
    assert prot.rank["Marco Rossi"] == 1 and prot.rank["Ivan Petrov"] == 2
    assert prot.rank["Anna Bianchi"] == prot.rank["Geneva"]  # named once each: a shared rank
    assert prot.pair("Marco Rossi", "Ivan Petrov") == prot.pair("Ivan Petrov", "Marco Rossi") == 2
    assert prot.pair("Ivan Petrov", "Anna Bianchi") == 0
    c = _of(candidates(doc)[1], "CONSULT", "Marco Rossi", "Ivan Petrov")
    assert {"src_rank=1", "tgt_rank=2", "ranks=1>2", "together=2"} <= set(c.all_features())


def test_a_quotation_that_names_who_acts_reports_an_act_rather_than_a_stance():
    text = "Il Cremlino ha fatto sapere che Petrov ha accusato Kiev di aver violato gli accordi."
    a = text.index("che") + 4
    q = Quote(a, len(text) - 1, text[a:-1], "indirect", "id:Kremlin", "Kremlin", "ha fatto sapere")
    _, cands = candidates(make_doc(text, quotes=(q,)))
    stance = [c for c in cands if c.predicate is None]
    assert stance and all("qreport=True" in c.all_features() for c in stance)
    on_petrov = [c for c in stance if c.target is not None and c.target.name == "Ivan Petrov"]
    assert on_petrov and all(f"qtgt_agent=True|{c.type}" in c.all_features() for c in on_petrov)
    text = "Rossi ha detto che è inaccettabile e va condannato con fermezza."
    a = text.index("che") + 4
    q = Quote(a, len(text) - 1, text[a:-1], "indirect", "id:Marco Rossi", "Marco Rossi", "ha detto")
    own = [c for c in candidates(make_doc(text, quotes=(q,)))[1] if c.predicate is None]
    assert own and all("qreport=False" in c.all_features() for c in own)


def test_training_keeps_only_features_seen_in_several_documents():
    sys.path.insert(0, str(REPO / "scripts"))
    import train_event_model as T

    def cand(feats: list[str]) -> Candidate:
        return Candidate("CONSULT", Party("A", None, "GPE", 0, "subject"), None, 0, 0, True, False, False, None, feats)

    one_doc = [cand(["common", "rare"]) for _ in range(3 * T.MIN_COUNT)]
    others = [[cand(["common"]) for _ in range(T.MIN_COUNT)] for _ in range(T.MIN_DOCS)]
    docs = [("x:1", {}, one_doc)] + [(f"x:{i + 2}", {}, c) for i, c in enumerate(others)]
    index = T.feature_index(docs)
    assert "common" in index and "rare" not in index  # frequent, but in one article only


def test_a_reading_with_a_city_as_party_is_marked():
    # a city of the actor data named as a place ("a Ginevra") is rarely a party: the model is told
    doc = make_doc("Marco Rossi ha incontrato Ivan Petrov a Ginevra.")
    doc = replace(doc, mentions=tuple(replace(m, actor_id="gpe:geneva") if m.actor_name == "Geneva" else m
                                      for m in doc.mentions))
    _, cands = candidates(doc)
    city = [c for c in cands if c.target is not None and c.target.name == "Geneva"]
    people = [c for c in cands if c.target is not None and c.target.name == "Ivan Petrov"]
    assert city and all("tgt_city" in c.features for c in city)
    assert people and not any("tgt_city" in c.features or "src_city" in c.features for c in people)


def test_a_reading_that_targets_the_sources_own_side_is_marked():
    # the article ties Petrov to Russia ("il presidente russo"): Petrov -> Russia is no pair of
    # sides, Petrov -> United States is
    doc = make_doc("Il presidente russo Ivan Petrov ha accusato gli Stati Uniti di volere la guerra contro la Russia.")
    _, cands = candidates(doc)
    own = [c for c in cands if c.type == "DISAPPROVE" and c.target and c.target.name == "Russia"
           and c.source.name == "Ivan Petrov"]
    other = [c for c in cands if c.type == "DISAPPROVE" and c.target and c.target.name == "United States"
             and c.source.name == "Ivan Petrov"]
    assert own and all("own_side" in c.features for c in own)
    assert other and not any("own_side" in c.features for c in other)


def test_a_person_of_the_actor_data_belongs_to_their_country():
    from cronaca.nlp.events.arguments import home_country
    assert home_country("per:vladimir-putin") == "Russia"
    assert home_country("gpe:ru") is None and home_country(None) is None


def test_a_body_of_a_state_belongs_to_that_state_but_a_city_is_no_body():
    # a ministry or the seat of a government acting on its own country is one side, like a
    # person of that country; a city stays a place (its own src_city/tgt_city features)
    from cronaca.nlp.events.arguments import home_country
    assert home_country("org:ru-mfa") == "Russia"
    assert home_country("loc:kremlin") == "Russia"
    assert home_country("gpe:kyiv") is None


def test_a_quotation_stance_says_whether_its_words_lead_and_how_near_each_party_stands():
    # mostly critical words with one word of praise: criticism leads, praise is minor; the party
    # next to the words of criticism stands nearer to them than the one named at the far end
    text = ("Rossi ha detto che la condotta di Mosca è inaccettabile, una provocazione e un errore grave, "
            "mentre il sostegno arrivato da tanti amici lontani e perfino da Washington resta.")
    a = text.index("che") + 4
    q = Quote(a, len(text) - 1, text[a:-1], "indirect", "id:Marco Rossi", "Marco Rossi", "ha detto")
    stance = [c for c in candidates(make_doc(text, quotes=(q,)))[1] if c.predicate is None]
    feats = {f for c in stance for f in c.all_features()}
    assert "stance_lead=top|DISAPPROVE" in feats and "stance_lead=minor|SUPPORT" in feats
    near = {c.target.name: f for c in stance if c.type == "DISAPPROVE" and c.target is not None
            for f in c.all_features() if f.startswith("qtgt_near=")}
    assert near["Russia"] < near["United States"]  # buckets sort by distance


def test_a_role_of_a_country_reads_also_as_the_person_of_that_country_the_article_names():
    # "il presidente di Mosca" is a unit of Russia; the article names Petrov, a person of Russia
    # in the actor data (not the office's holder there, who would be the phrase itself): the
    # role may be him (an alternative reading the model weighs)
    from cronaca.nlp.events.arguments import Party
    from cronaca.nlp.events.candidates import _people_of_roles, _role_people
    from cronaca.nlp.syntax import analyse, syntax_lexicon
    doc = make_doc("Anna Bianchi ha parlato con Ivan Petrov. Poi il presidente di Mosca ha criticato gli Stati Uniti.")
    doc = replace(doc, mentions=tuple(replace(m, actor_id="per:sergey-lavrov") if m.actor_name == "Ivan Petrov"
                                      else m for m in doc.mentions))
    an = analyse(doc)
    people = _people_of_roles(an, syntax_lexicon("it"))
    role = next(u for u in an.units if u.name == "Russia")
    assert people[role.head_tok].name == "Ivan Petrov" and people[role.head_tok].how == "role_person"
    us = next(u for u in an.units if u.name == "United States")
    assert us.head_tok not in people  # a country named as itself is no role
    parties = [Party("Russia", None, "GPE", role.head_tok, "subject")]
    assert [p.name for p in _role_people(parties, people)] == ["Ivan Petrov"]


def test_a_role_of_a_country_whose_holder_the_article_names_is_that_person():
    # "il presidente di Mosca" with the office's holder named in the article (as the article names
    # him): the phrase is that person, in the article's words
    from cronaca.nlp.syntax import analyse
    doc = make_doc("Anna Bianchi ha parlato con Ivan Petrov. Poi il presidente di Mosca ha criticato gli Stati Uniti.")
    doc = replace(doc, mentions=tuple(replace(m, actor_id="per:vladimir-putin") if m.actor_name == "Ivan Petrov"
                                      else m for m in doc.mentions))
    an = analyse(doc)
    assert not any(u.name == "Russia" for u in an.units)
    assert [u.name for u in an.units if u.kind == "role"] == ["Ivan Petrov"]


def test_a_quotation_that_only_negates_is_no_refusal():
    """"mai", "nulla", "nessuno" negate a statement; they refuse nothing: no REJECT stance."""
    text = "Rossi ha detto che nessuno a Mosca ha mai parlato di nulla con Kiev."
    a = text.index("che") + 4
    q = Quote(a, len(text) - 1, text[a:-1], "indirect", "id:Marco Rossi", "Marco Rossi", "ha detto")
    stance = [c for c in candidates(make_doc(text, quotes=(q,)))[1] if c.predicate is None]
    assert not any(c.type == "REJECT" for c in stance)
    text = "Rossi ha detto che la proposta di Mosca è inaccettabile e va respinta."
    a = text.index("che") + 4
    q = Quote(a, len(text) - 1, text[a:-1], "indirect", "id:Marco Rossi", "Marco Rossi", "ha detto")
    stance = [c for c in candidates(make_doc(text, quotes=(q,)))[1] if c.predicate is None]
    assert any(c.type == "REJECT" for c in stance)
