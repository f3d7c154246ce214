"""The shared clause analysis (cronaca.nlp.syntax) on sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from cronaca.nlp.syntax import analyse, analyse_text, syntax_lexicon
from cronaca.nlp.syntax.tagging import tag
from cronaca.types import Article, Document, Mention, Span

NAMES = {
    "Marco Rossi": ("PER", "Marco Rossi"), "Rossi": ("PER", "Marco Rossi"),
    "Anna Bianchi": ("PER", "Anna Bianchi"), "Bianchi": ("PER", "Anna Bianchi"),
    "Ivan Petrov": ("PER", "Ivan Petrov"), "Petrov": ("PER", "Ivan Petrov"),
    "Francia": ("GPE", "France"), "Germania": ("GPE", "Germany"), "Russia": ("GPE", "Russia"),
    "Mosca": ("GPE", "Russia"), "Ucraina": ("GPE", "Ukraine"), "Stati Uniti": ("GPE", "United States"),
    "Cremlino": ("ORG", "Kremlin"), "NATO": ("ORG", "NATO"), "Ginevra": ("GPE", "Geneva"),
}
_RX = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, NAMES), key=len, reverse=True)) + r")(?!\w)")


def analysis(text: str):
    mentions = tuple(Mention(m.start(), m.end(), m.group(), NAMES[m.group()][0], "id:" + NAMES[m.group()][1],
                             NAMES[m.group()][1]) for m in _RX.finditer(text))
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)", text)] or [len(text)]
    starts = [0] + [e + 1 for e in ends[:-1]]
    sentences = tuple(Span(a, b) for a, b in zip(starts, ends))
    art = Article(id="s" + str(abs(hash(text))), origin="t", raw_hash="h", format="text", text=text,
                  published="2022-01-12", sentences=sentences)
    return analyse(Document(art, mentions=mentions))


def names(an, idx) -> list[str]:
    return [an.units[i].name for i in idx]


def clause_with(an, word: str):
    return next(c for c in an.clauses if any(an.tokens[k].low == word for k in c.tokens))


def test_auxiliary_chain_gives_a_past_with_its_subject():
    an = analysis("Marco Rossi ha incontrato Ivan Petrov a Ginevra.")
    c = an.clauses[0]
    assert c.head.lemma == "incontrare" and c.head.tense == "past"
    assert names(an, c.agent) == ["Marco Rossi"] and names(an, c.patient) == ["Ivan Petrov"]
    assert [an.units[u].case for u in c.units if an.units[u].name == "Geneva"] == ["a"]


def test_passive_with_da_names_the_agent_and_the_patient():
    an = analysis("La Russia è stata condannata dalla NATO.")
    c = an.clauses[0]
    assert c.head.passive and names(an, c.agent) == ["NATO"] and names(an, c.patient) == ["Russia"]


def test_negation_and_modal_are_read_on_the_verb_group():
    an = analysis("La Francia non potrebbe firmare il trattato.")
    head = an.clauses[0].head
    assert head.negated and head.modal == "potere" and head.tense == "conditional"


def test_clitic_and_inverted_subject_of_a_reporting_verb():
    an = analysis("Lo ha detto ieri Anna Bianchi ai giornalisti.")
    assert names(an, an.clauses[0].subject) == ["Anna Bianchi"]


def test_coordinated_subjects_share_the_verb():
    an = analysis("Francia e Germania hanno chiesto alla Russia di ritirarsi.")
    main = an.clauses[0]
    assert names(an, main.agent) == ["France", "Germany"]
    assert [an.units[u].name for u in main.units if an.units[u].case == "a"] == ["Russia"]


def test_object_control_infinitive_takes_the_addressee_as_subject():
    an = analysis("Rossi ha esortato la Russia a ritirare le truppe.")
    inf = clause_with(an, "ritirare")
    assert inf.kind == "infinitive" and inf.agent_inherited and names(an, inf.agent) == ["Russia"]


def test_subject_control_infinitive_takes_the_subject():
    an = analysis("Petrov ha deciso di incontrare Rossi.")
    inf = clause_with(an, "incontrare")
    assert names(an, inf.agent) == ["Ivan Petrov"] and names(an, inf.patient) == ["Marco Rossi"]


def test_relative_clause_takes_its_antecedent_as_subject():
    an = analysis("Ha parlato Bianchi, che ha poi incontrato Petrov.")
    rel = clause_with(an, "incontrato")
    assert rel.kind == "relative" and names(an, rel.agent) == ["Anna Bianchi"]


def test_complement_clause_of_a_reporting_verb_has_its_own_subject():
    an = analysis("Rossi ha detto che la Russia non attaccherà l'Ucraina.")
    comp = clause_with(an, "attaccherà")
    assert comp.kind == "complement" and comp.marker == "che"
    assert names(an, comp.agent) == ["Russia"] and comp.head.negated and comp.head.tense == "future"


def test_pro_drop_main_clause_takes_the_previous_subject():
    an = analysis("Petrov ha incontrato Rossi a Ginevra. Ha poi chiesto garanzie alla NATO.")
    second = clause_with(an, "chiesto")
    assert second.agent_inherited and names(an, second.agent) == ["Ivan Petrov"]


def test_coordinated_clause_continues_the_subject():
    an = analysis("Bianchi ha incontrato Petrov e ha chiesto una tregua.")
    coord = clause_with(an, "chiesto")
    assert names(an, coord.agent) == ["Anna Bianchi"]


def test_a_condition_is_marked_on_its_clause():
    an = analysis("Se la Russia attaccherà l'Ucraina, la NATO risponderà.")
    cond = clause_with(an, "attaccherà")
    assert cond.conditional
    assert not clause_with(an, "risponderà").conditional


def test_a_quotation_is_a_clause_of_its_own():
    an = analysis("«Siamo pronti a trattare», ha detto Petrov.")
    quoted = clause_with(an, "pronti")
    assert quoted.kind == "quoted"
    assert names(an, clause_with(an, "detto").subject) == ["Ivan Petrov"]


def test_members_that_repeat_the_preposition_are_coordinated():
    an = analysis("La Russia è stata condannata dalla NATO, dagli Stati Uniti e dalla Francia.")
    assert names(an, an.clauses[0].agent) == ["NATO", "United States", "France"]
    an = analysis("Marco Rossi ha parlato con la Francia e con la Germania della crisi.")
    fr, de = (next(u for u in an.units if u.name == n) for n in ("France", "Germany"))
    assert fr.group == de.group and fr.case == de.case == "con"
    # another preposition after the comma opens a phrase of its own
    an = analysis("Marco Rossi ha parlato con la Francia, per la Germania ha parlato Anna Bianchi.")
    fr, de = (next(u for u in an.units if u.name == n) for n in ("France", "Germany"))
    assert fr.group != de.group


def test_comma_without_closing_and_starts_a_new_phrase():
    an = analysis("Se la Russia invaderà l'Ucraina, la NATO reagirà.")
    ukr = next(u for u in an.units if u.name == "Ukraine")
    nato = next(u for u in an.units if u.name == "NATO")
    assert ukr.group != nato.group


def test_role_words_belong_to_the_named_person_not_the_body():
    an = analysis("Il portavoce del Cremlino Ivan Petrov ha respinto le accuse.")
    assert names(an, an.clauses[0].agent) == ["Ivan Petrov"]
    kremlin = next(u for u in an.units if u.name == "Kremlin")
    assert kremlin.case == "di"


def test_demonym_after_a_noun_is_an_adjective_not_a_subject():
    an = analysis("L'invasione russa dell'Ucraina è iniziata all'alba.")
    russian = next(u for u in an.units if u.name == "Russia")
    assert russian.case == "adj" and not an.clauses[0].agent


def test_names_are_never_read_as_verbs():
    lex = syntax_lexicon("it")
    text = "Marco Rossi ha parlato."
    tokens = tag(text, lex, "it", [(0, 11)])
    assert [t.pos for t in tokens[:2]] == ["PROPN", "PROPN"]


@pytest.mark.parametrize("text", ["", "   ", "…", "«", "e e e", "Il il il.", "ha ha ha", "1234 5678"])
def test_degenerate_texts_do_not_break_the_analysis(text):
    an = analyse_text(text, [(0, len(text))])
    assert all(0 <= t.start < t.end <= len(text) for t in an.tokens)
    assert all(c.start_tok <= c.end_tok for c in an.clauses)


@pytest.mark.parametrize("text,clitic", [
    ("Lo scrive il Cremlino in una nota.", True),        # a resumptive clitic before an inverted subject
    ("L'accusa di Mosca resta pesante.", False),         # an article: a preposition follows the noun
    ("L'arma più potente resta la diplomazia.", False),  # an article: a lower-case word follows the noun
])
def test_lo_before_a_verb_form_is_a_clitic_only_before_what_an_inverted_subject_looks_like(text, clitic):
    toks = tag(text, syntax_lexicon("it"))
    assert (toks[0].pos == "CLITIC") is clitic


@pytest.mark.parametrize("text", ["Ginevra, 12 gennaio - Il ministro ha incontrato Petrov.",
                                  "Ginevra – Il ministro ha incontrato Petrov.",
                                  "Ginevra (Agenzia) - Il ministro ha incontrato Petrov."])
def test_a_dateline_place_is_no_subject(text):
    an = analysis(text)
    c = clause_with(an, "incontrato")
    assert names(an, c.agent) == [] and names(an, c.patient) == ["Ivan Petrov"]
    assert "Geneva" not in [u.name for u in an.units]


def test_a_place_opening_a_sentence_is_still_its_subject():
    an = analysis("Ginevra ha ospitato i colloqui. Mosca, che ha chiesto garanzie, attende.")
    assert "Geneva" in [u.name for u in an.units] and "Russia" in [u.name for u in an.units]


def test_a_list_closes_even_when_its_last_member_has_role_words():
    # "A, il ministro B e il presidente russo C": one subject of three, the roles are no break
    an = analysis("Anna Bianchi, il ministro Marco Rossi e il presidente russo Ivan Petrov hanno incontrato la NATO.")
    c = clause_with(an, "incontrato")
    assert names(an, c.agent) == ["Anna Bianchi", "Marco Rossi", "Ivan Petrov"]


@pytest.mark.parametrize("text, case", [
    ("Il presidente russo, Ivan Petrov, ha criticato la Francia.", ""),
    ("Il ministro della Difesa russo, Ivan Petrov, ha criticato la Francia.", ""),
    ("Rossi ha parlato con il ministro russo, Ivan Petrov, a Ginevra.", "con"),
])
def test_a_name_in_apposition_to_a_role_with_a_demonym_takes_the_case_of_the_role_phrase(text, case):
    # the demonym qualifies the role ("presidente russo"): the person is the phrase, under the
    # role phrase's preposition (a free subject when none), not an adjective of a noun
    an = analysis(text)
    person = next(u for u in an.units if u.name == "Ivan Petrov")
    assert person.case == case
    if not case:
        assert names(an, clause_with(an, "criticato").agent) == ["Ivan Petrov"]


def test_a_number_that_is_also_a_form_of_essere_is_a_number():
    # "sei": six, or "you are"; before a noun or after a preposition it is the number, and the
    # clause's verb is the one that follows
    an = analysis("Dopo sei mesi di crisi il presidente Ivan Petrov ha accusato la Francia.")
    c = an.clauses[0]
    assert c.head.lemma == "accusare" and names(an, c.agent) == ["Ivan Petrov"]
    toks = tag("«Tu sei stato chiaro».", syntax_lexicon("it"))
    assert next(t for t in toks if t.low == "sei").pos == "AUX"
    toks = tag("A sei mesi dalla crisi.", syntax_lexicon("it"))
    assert next(t for t in toks if t.low == "sei").pos == "DET"


def _groups(text: str) -> list[str]:
    an = analysis(text)
    return [u.name for u in an.units if u.kind == "group"]


def test_a_group_no_name_designates_is_named_by_the_demonym_after_it():
    assert _groups("I ribelli russi hanno attaccato un villaggio.") == ["Russian rebels"]
    assert _groups("I manifestanti francesi hanno bloccato le strade.") == ["French protesters"]


def test_a_side_names_the_group_and_a_bare_noun_of_its_kind_later_is_the_same_group():
    assert _groups("I separatisti filorussi hanno attaccato. Poi i ribelli hanno negato.") == [
        "Pro-Russian separatists", "Pro-Russian separatists"]


def test_a_bare_crowd_of_putschists_is_named_after_the_country_at_stake():
    assert _groups("A Mosca i golpisti hanno sciolto il parlamento.") == ["Russian putschists"]
    assert _groups("I golpisti hanno sciolto il parlamento.") == []  # no country: no name
    assert _groups("I ribelli hanno attaccato la Francia.") == []  # rebels are named only by a side


def test_a_group_noun_before_a_name_or_after_a_noun_is_no_group_of_its_own():
    assert _groups("I ribelli Houthi hanno attaccato la Francia.") == []
    assert _groups("Le forze ribelli russe avanzano.") == []


@pytest.mark.parametrize("text,word,pos", [
    ("Il governo ha deciso di ritirare le truppe.", "deciso", "VERB"),
    ("Il governo ha ormai deciso di ritirare le truppe.", "deciso", "VERB"),
    ("La procura ha aperto un'inchiesta sul caso.", "aperto", "VERB"),
    ("Il ministro è deciso a trattare.", "deciso", "ADJ"),
    ("Una decisa condanna del governo.", "decisa", "ADJ"),
    ("Il governo ha forti legami con Mosca.", "forti", "ADJ"),
])
def test_a_participle_after_the_perfects_auxiliary_is_no_prenominal_adjective(text, word, pos):
    toks = tag(text, syntax_lexicon("it"))
    assert next(t.pos for t in toks if t.low == word) == pos


def test_an_armed_group_noun_before_a_name_is_that_names_group():
    an = analysis("I miliziani della NATO hanno bombardato la Russia. I combattenti della Francia sono partiti.")
    assert names(an, an.clauses[0].agent) == ["NATO"]
    assert names(an, clause_with(an, "partiti").agent) == ["France"]


def test_a_sentence_opening_infinitive_is_a_clause_of_its_own():
    # the object of "aiutare" is not the subject of "hanno stanziato"
    an = analysis("Per aiutare l'Ucraina, i donatori hanno stanziato nuovi fondi.")
    main = clause_with(an, "stanziato")
    assert main.kind == "main" and not main.agent
    inf = clause_with(an, "aiutare")
    assert inf.kind == "infinitive" and names(an, inf.patient) == ["Ukraine"]
    an = analysis("Per aiutare l'Ucraina, la NATO ha inviato armi.")
    assert names(an, clause_with(an, "inviato").agent) == ["NATO"]
    assert names(an, clause_with(an, "aiutare").agent) == ["NATO"]  # controlled by the main subject


def test_a_sentence_opening_prepositional_phrase_is_no_clause():
    an = analysis("Di fronte alla Russia, la NATO ha risposto.")
    assert len(an.clauses) == 1 and names(an, an.clauses[0].agent) == ["NATO"]


def test_an_opening_infinitive_without_its_comma_still_leaves_the_main_verb_its_clause():
    an = analysis("Per aiutare l'Ucraina la NATO ha inviato armi.")
    main = clause_with(an, "inviato")
    assert main.kind == "main" and main.parent is None and names(an, main.agent) == ["NATO"]
    assert names(an, clause_with(an, "aiutare").patient) == ["Ukraine"]
    # no second phrase to tell apart: the object stays the infinitive's, the verb has no subject
    an = analysis("Per aiutare l'Ucraina hanno stanziato fondi.")
    main = clause_with(an, "stanziato")
    assert main.kind == "main" and not main.agent


def _doc_with(text: str, spans: list[tuple[str, str, str, str, str | None]]):
    """A document whose mentions are ``spans``: (surface, label, actor id, name, stated role), each
    at its first occurrence after the previous one."""
    mentions, pos = [], 0
    for surface, label, aid, name, role in spans:
        at = text.index(surface, pos)
        mentions.append(Mention(at, at + len(surface), surface, label, aid, name, role))
        pos = at + len(surface)
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)", text)]
    starts = [0] + [e + 1 for e in ends[:-1]]
    art = Article(id="b" + str(abs(hash(text))), origin="t", raw_hash="h", format="text", text=text,
                  published="2022-01-12", sentences=tuple(Span(a, b) for a, b in zip(starts, ends)))
    return Document(art, mentions=tuple(mentions))


def test_a_role_in_a_body_is_the_person_the_article_names_in_it():
    kremlin = ("Cremlino", "ORG", "org:kremlin", "Kremlin", None)
    # the office holder of the actor data, named in the article
    an = analyse(_doc_with("Dmitry Peskov ha parlato ieri. Oggi il portavoce del Cremlino ha smentito le accuse.",
                           [("Dmitry Peskov", "PER", "per:dmitry-peskov", "Dmitry Peskov", None), kremlin]))
    assert names(an, clause_with(an, "smentito").agent) == ["Dmitry Peskov"]
    # a person the article gave that office in that body
    an = analyse(_doc_with("Il portavoce del Cremlino Ivan Petrov ha parlato ieri. Oggi il portavoce del Cremlino "
                           "ha smentito le accuse.",
                           [kremlin, ("Ivan Petrov", "PER", "id:petrov", "Ivan Petrov", "portavoce del Cremlino"),
                            kremlin]))
    assert names(an, clause_with(an, "smentito").agent) == ["Ivan Petrov"]
    # a holder the article never names: the body acts
    an = analyse(_doc_with("Marco Rossi ha parlato ieri. Oggi il portavoce del Cremlino ha smentito le accuse.",
                           [("Marco Rossi", "PER", "id:rossi", "Marco Rossi", None), kremlin]))
    assert names(an, clause_with(an, "smentito").agent) == ["Kremlin"]


def test_roles_in_coordinated_bodies_are_each_its_holder():
    an = analyse(_doc_with("Vladimir Putin e Volodymyr Zelensky tacciono. Il mediatore ha proposto un incontro "
                           "tra i leader di Russia e Ucraina.",
                           [("Vladimir Putin", "PER", "per:vladimir-putin", "Vladimir Putin", None),
                            ("Volodymyr Zelensky", "PER", "per:volodymyr-zelensky", "Volodymyr Zelensky", None),
                            ("Russia", "GPE", "gpe:ru", "Russia", None), ("Ucraina", "GPE", "gpe:ua", "Ukraine", None)]))
    assert [u.name for u in an.units if u.kind == "role"] == ["Vladimir Putin", "Volodymyr Zelensky"]


def test_a_fixed_phrase_names_a_group_no_name_designates():
    an = analysis("La comunità internazionale ha condannato la Russia.")
    assert names(an, clause_with(an, "condannato").agent) == ["international community"]
    assert names(an, clause_with(an, "condannato").patient) == ["Russia"]


def test_a_clause_with_a_common_noun_subject_inherits_no_topic():
    # pro-drop is a clause with no subject; "la riunione" is one, though no actor
    an = analysis("Marco Rossi ha incontrato Anna Bianchi. La riunione si è svolta a Ginevra. Poi ha criticato la Russia.")
    held = clause_with(an, "svolta")
    assert not held.agent
    criticised = clause_with(an, "criticato")
    assert criticised.agent_inherited and names(an, criticised.agent) == ["Marco Rossi"]
    # inverted after its verb: "Lo riferisce una nota"
    an = analysis("Marco Rossi ha incontrato Anna Bianchi. Lo riferisce una nota del ministero.")
    assert not clause_with(an, "riferisce").agent
    # a role or collective noun stands for an actor: the topic still acts
    an = analysis("Marco Rossi ha incontrato Anna Bianchi. Il ministro ha poi criticato la Russia.")
    assert names(an, clause_with(an, "criticato").agent) == ["Marco Rossi"]


def test_a_subject_pronoun_stands_for_the_topic():
    an = analysis("Marco Rossi ha incontrato Anna Bianchi a Ginevra. Lui ha poi criticato la Russia.")
    criticised = clause_with(an, "criticato")
    assert criticised.agent_inherited and names(an, criticised.agent) == ["Marco Rossi"]
    # inside a quotation the pronoun is the speaker's word for someone else: left as it is
    an = analysis("Marco Rossi ha incontrato Anna Bianchi. «Lui ha criticato la Russia», ha detto Bianchi.")
    assert not clause_with(an, "criticato").agent_inherited


def test_a_role_under_a_short_preposition_with_its_article_is_a_role_phrase():
    from cronaca.nlp.syntax import demonyms, role_phrases
    lex = syntax_lexicon("it")
    for text, want in (("Rossi ha chiesto al presidente francese di ritirarsi.", "presidente francese"),
                       ("Rossi ha scritto ai ministri degli Esteri russi.", "ministri degli Esteri russi"),
                       ("Rossi ha scritto alla portavoce tedesca.", "portavoce tedesca")):
        tokens = tag(text, lex, "it", [])
        spans = [" ".join(t.text for t in tokens[a:b]) for a, b in role_phrases(tokens, lex, demonyms("it"), [])]
        assert spans == [want]


def test_a_present_in_a_that_is_also_a_noun_is_the_verb_after_its_subject():
    lex = syntax_lexicon("it")
    text = "Mosca accusa Kiev. Il tribunale condanna Rossi. La ferma condanna di Rossi. Una critica alla NATO."
    names = [(m.start(), m.end()) for m in re.finditer(r"Mosca|Kiev|Rossi|NATO", text)]
    tags = [(t.low, t.pos, t.lemma) for t in tag(text, lex, "it", names) if t.low in ("accusa", "condanna", "critica")]
    assert tags == [("accusa", "VERB", "accusare"), ("condanna", "VERB", "condannare"),
                    ("condanna", "NOUN", "condanna"), ("critica", "NOUN", "critica")]


def test_a_present_in_a_after_a_name_makes_the_name_its_subject():
    an = analysis("Mosca accusa l'Ucraina di avere violato la tregua.")
    c = clause_with(an, "accusa")
    assert names(an, c.agent) == ["Russia"] and names(an, c.patient) == ["Ukraine"]
