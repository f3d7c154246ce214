"""PLOVER events from short hand-written Italian news sentences, with hand-made mentions.

The grammar is tested through the rules' own readings (``model=None``): what the clause analysis
makes of a sentence does not depend on a trained model. ``test_events_model.py`` covers the model."""

from __future__ import annotations

import re

import pytest

from cronaca.nlp import events, times
from cronaca.nlp.plover import EVENT_TYPES, canonical_type, to_plover
from cronaca.types import Article, Document, Mention, Quote

# surface form -> (label, canonical name)
ACTORS = {
    "Mosca": ("GPE", "Russia"), "Russia": ("GPE", "Russia"), "Ucraina": ("GPE", "Ukraine"),
    "Kiev": ("GPE", "Ukraine"), "Stati Uniti": ("GPE", "United States"), "Washington": ("GPE", "United States"),
    "NATO": ("ORG", "NATO"), "Nato": ("ORG", "NATO"), "Cremlino": ("ORG", "Kremlin"),
    "Occidente": ("GPE", "West"), "Ginevra": ("GPE", "Geneva"), "Bruxelles": ("GPE", "Brussels"),
    "Paesi occidentali": ("GPE", "West"), "Bielorussia": ("GPE", "Belarus"),
    "Marco Rossi": ("PER", "Marco Rossi"), "Rossi": ("PER", "Marco Rossi"),
    "Ivan Petrov": ("PER", "Ivan Petrov"), "Petrov": ("PER", "Ivan Petrov"),
    "Anna Bianchi": ("PER", "Anna Bianchi"), "Bianchi": ("PER", "Anna Bianchi"),
}
_RX = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, ACTORS), key=len, reverse=True)) + r")(?!\w)")


def make_doc(text: str, published: str | None = "2022-01-12", quotes: tuple[Quote, ...] = ()) -> Document:
    mentions = tuple(Mention(m.start(), m.end(), m.group(), ACTORS[m.group()][0],
                             "id:" + ACTORS[m.group()][1], ACTORS[m.group()][1])
                     for m in _RX.finditer(text))
    art = Article(id="t", origin="test", raw_hash="h", format="text", text=text, published=published,
                  published_precision="day" if published and len(published) == 10 else None)
    return times.annotate(Document(art, mentions=mentions, quotes=quotes))


def rules(doc: Document, keep_unasserted: bool = False):
    return events.find_events(doc, keep_unasserted=keep_unasserted, model=None)


def keys(text: str, **kw) -> set[tuple]:
    return {(e.type, e.source, e.target, e.date) for e in rules(make_doc(text, **kw))}


def test_phone_call_is_consult_between_the_two_leaders_on_the_day():
    text = "Marco Rossi ha avuto oggi una conversazione telefonica con il presidente russo Ivan Petrov."
    assert keys(text) == {("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01-12")}


def test_talks_between_two_parties_on_a_given_date():
    text = "Il 10 gennaio si sono svolti a Ginevra i colloqui tra Russia e Stati Uniti."
    (ev,) = rules(make_doc(text))
    assert (ev.type, {ev.source, ev.target}, ev.date) == ("CONSULT", {"Russia", "United States"}, "2022-01-10")
    assert ev.place == "Geneva"


def test_urging_is_demand_with_the_subject_as_source():
    text = "Rossi ha detto che la NATO ha esortato la Russia a ritirare le truppe dal confine."
    assert ("DEMAND", "NATO", "Russia", "2022-01-12") in keys(text)


def test_present_tense_demand_takes_the_publication_month():
    assert keys("Mosca chiede all'Occidente garanzie scritte.") == {("DEMAND", "Russia", "West", "2022-01")}


def test_a_demand_named_by_a_noun_is_the_day_s_statement_not_an_ongoing_demand():
    got = keys("Mosca avanza la richiesta di garanzie scritte.")
    assert ("DEMAND", "Russia", None, "2022-01-12") in got and ("DEMAND", "Russia", None, "2022-01") not in got


def test_compound_subject_gives_one_event_per_actor():
    text = "Kiev e i Paesi occidentali hanno espresso preoccupazione per le manovre della Russia."
    got = {(t, s, o) for t, s, o, _ in keys(text) if t == "DISAPPROVE"}
    assert got == {("DISAPPROVE", "Ukraine", "Russia"), ("DISAPPROVE", "West", "Russia")}


def test_passive_agent_is_the_source():
    got = keys("Le accuse sono state respinte con decisione dal Cremlino.")
    assert {(t, s) for t, s, _, _ in got} == {("REJECT", "Kremlin")}


@pytest.mark.parametrize("text", [
    "Se la Russia invaderà l'Ucraina, la NATO reagirà.",
    "I delegati russi non si sono impegnati a ritirare le truppe.",
    "Rossi ha detto che l'accordo con Petrov potrebbe essere firmato presto.",
])
def test_negated_and_hypothetical_acts_are_not_events(text):
    assert not any(e.type in ("ASSAULT", "AGREE", "RETREAT")
                   for e in rules(make_doc(text)))


@pytest.mark.parametrize("text", [
    "Rossi ha detto che Mosca e Kiev devono avviare subito i colloqui a Ginevra.",
    "Bianchi ha avvertito che Mosca può invadere la Bielorussia.",
    "Petrov doveva incontrare Rossi a Ginevra.",
])
def test_an_obligation_or_a_possibility_is_no_act(text):
    assert not any(t in ("CONSULT", "ASSAULT") for t, *_ in keys(text))


def test_an_ability_to_cooperate_is_a_stated_willingness():
    assert ("COOPERATE", "United States", "Russia", "2022-01-12") in keys(
        "Rossi ha detto che Washington può lavorare insieme a Mosca.")


def test_a_modal_in_the_perfect_is_the_act_done():
    assert ("RETREAT", "Russia", "Ukraine", "2022-01-12") in keys("Mosca ha dovuto ritirare le truppe da Kiev.")


@pytest.mark.parametrize("text, typ", [
    ("Rossi ha annunciato che Washington fornirà aiuti militari a Kiev.", "AID"),
    ("Rossi ha detto che Mosca e Kiev firmeranno l'accordo con Washington.", "AGREE"),
])
def test_an_act_in_the_future_is_announced_not_done(text, typ):
    assert not any(t == typ for t, *_ in keys(text))


def test_an_act_in_the_future_with_its_day_is_scheduled():
    assert any(t == "AGREE" for t, *_ in keys("Rossi ha detto che Mosca e Kiev firmeranno l'accordo domani."))


def test_a_meeting_in_the_future_is_scheduled():
    assert ("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01-12") in keys("Rossi incontrerà Petrov a Ginevra.")


def test_unasserted_events_can_be_kept_flagged():
    doc = make_doc("I delegati russi non si sono impegnati a ritirare le truppe.")
    kept = rules(doc, keep_unasserted=True)
    # the negated commitment is kept flagged; its refusal (a REJECT of its own) is asserted
    assert any(e.negated or e.hypothetical for e in kept)
    assert all(e.negated or e.hypothetical for e in kept if e.type != "REJECT")


def test_threats_count_even_when_conditional():
    text = "Bianchi ha avvertito la Russia che un attacco avrebbe conseguenze gravi."
    assert ("THREATEN", "Anna Bianchi", "Russia", "2022-01-12") in keys(text)


def test_denial_of_an_attack_is_reject_by_the_speaker():
    text = "Petrov ha ribadito che Mosca non ha alcuna intenzione di attaccare Kiev."
    got = keys(text)
    assert ("REJECT", "Ivan Petrov", None, "2022-01-12") in got
    assert not any(t == "ASSAULT" for t, *_ in got)


@pytest.mark.parametrize("text", [
    "Rossi ha affermato che Petrov non sarà arrestato durante la visita.",
    "Bianchi ha spiegato che i razzi di Mosca non hanno colpito la nave.",
    "Petrov ha detto che nessun attacco può giustificare la violenza.",
])
def test_a_hostile_act_said_not_to_happen_is_no_rejection(text):
    got = keys(text)
    assert not any(t in ("REJECT", "ASSAULT", "COERCE") for t, *_ in got)


def test_denial_of_ones_own_hostile_act_is_reject():
    assert ("REJECT", "Marco Rossi", None, "2022-01-12") in keys("Rossi ha assicurato di non avere colpito Kiev.")


def test_pledge_not_to_deploy_is_concede():
    text = "Rossi ha sottolineato che Washington non ha intenzione di schierare armi offensive in Ucraina."
    assert {t for t, *_ in keys(text)} >= {"CONCEDE"}


def test_troops_massed_are_mobilize_in_the_publication_month():
    text = "Circa centomila soldati russi sono ammassati vicino al confine con l'Ucraina."
    got = keys(text)
    assert any(t == "MOBILIZE" and s == "Russia" and d == "2022-01" for t, s, _, d in got)


def test_historical_year_dates_the_event():
    text = "Il Consiglio fu travolto dall'invasione russa dell'Ucraina nel 2014."
    assert ("ASSAULT", "Russia", "Ukraine", "2014") in keys(text)


def test_pro_drop_sentence_takes_the_previous_subject():
    text = "Bianchi ha parlato ai giornalisti a Bruxelles. Ha poi esortato la Russia a ridurre la tensione."
    assert ("DEMAND", "Anna Bianchi", "Russia", "2022-01-12") in keys(text)


def test_speaker_of_a_quote_is_the_source_of_a_speech_act_inside_it():
    text = "«Chiediamo alla Russia di fermarsi», ha detto la ministra."
    q = Quote(1, text.index("»"), text[1:text.index("»")], "direct", "id:Anna Bianchi", "Anna Bianchi",
              cue="ha detto", cue_start=text.index("ha detto"), cue_end=text.index("ha detto") + 8)
    got = rules(make_doc(text, quotes=(q,)))
    assert [(e.type, e.source, e.target) for e in got] == [("DEMAND", "Anna Bianchi", "Russia")]


def test_same_instance_in_two_sentences_is_one_event():
    text = ("Marco Rossi ha incontrato Ivan Petrov a Ginevra. "
            "Durante l'incontro Rossi e Petrov hanno discusso a lungo.")
    got = [e for e in rules(make_doc(text)) if e.type == "CONSULT"]
    assert len(got) == 1


def test_relative_day_resolves_the_event_date():
    text = "Ieri Rossi ha incontrato Petrov a Bruxelles."
    assert keys(text) == {("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01-11")}


def _dated(text: str) -> set[tuple]:
    """DISAPPROVE keys of a text split into its sentences (the narrated day needs them)."""
    from dataclasses import replace

    from cronaca.ingest.sentences import split_sentences

    doc = make_doc(text)
    doc = replace(doc, article=replace(doc.article, sentences=split_sentences(text)))
    return {(e.source, e.target, e.date, e.date_source) for e in rules(doc) if e.type == "DISAPPROVE"}


def test_past_act_after_a_sentence_telling_yesterday_is_of_that_day():
    got = _dated("Ieri Rossi ha incontrato Petrov a Ginevra. Nel colloquio Rossi ha criticato la NATO.")
    assert ("Marco Rossi", "NATO", "2022-01-11", "narrative") in got


def test_narrated_day_does_not_reach_beyond_the_sentence_before_or_the_week():
    far = _dated("Il vertice era atteso da mesi. La sala era piena. Ieri Rossi ha incontrato Petrov a Ginevra. "
                 "Il tempo era bello. Rossi ha criticato la NATO.")
    assert ("Marco Rossi", "NATO", "2022-01-12", "publication") in far
    old = _dated("Il 3 dicembre Rossi ha incontrato Petrov a Ginevra. Rossi ha criticato la NATO.")
    assert ("Marco Rossi", "NATO", "2022-01-12", "publication") in old


def test_past_act_takes_the_day_the_lead_tells():
    got = _dated("Ieri Rossi ha incontrato Petrov a Ginevra. Il tempo era bello. La sala era piena. "
                 "Rossi ha criticato la NATO.")
    assert ("Marco Rossi", "NATO", "2022-01-11", "narrative") in got
    second = _dated("Il colloquio era atteso da mesi. Lunedì 10 gennaio Rossi ha incontrato Petrov a Ginevra. "
                    "La sala era piena. Il tempo era bello. Rossi ha criticato la NATO.")
    assert ("Marco Rossi", "NATO", "2022-01-10", "narrative") in second
    today = _dated("Oggi Rossi incontra Petrov a Ginevra. Il tempo era bello. La sala era piena. "
                   "Rossi ha criticato la NATO.")
    assert ("Marco Rossi", "NATO", "2022-01-12", "publication") in today


def test_statement_in_the_present_reported_in_the_past_takes_the_day_of_the_report():
    def dated(text: str, kind: str) -> set[tuple]:
        from dataclasses import replace

        from cronaca.ingest.sentences import split_sentences

        doc = make_doc(text)
        doc = replace(doc, article=replace(doc.article, sentences=split_sentences(text)))
        return {(e.source, e.target, e.date, e.date_source) for e in rules(doc) if e.type == kind}

    got = dated("Ieri Rossi ha incontrato Petrov a Ginevra. Dopo il colloquio Rossi ha detto che "
                "Mosca non ha alcuna intenzione di attaccare la NATO.", "REJECT")
    assert {d for *_, d, _r in got} == {"2022-01-11"}
    # reported in the present, the statement is the day's news
    today = dated("Ieri Rossi ha incontrato Petrov a Ginevra. Dopo il colloquio Rossi dice che "
                  "Mosca non ha alcuna intenzione di attaccare la NATO.", "REJECT")
    assert {d for *_, d, _r in today} == {"2022-01-12"}


def test_an_act_told_again_without_a_time_takes_the_recent_day_the_article_gives_it():
    from dataclasses import replace as rep

    from cronaca.nlp.events.dating import same_instance
    from cronaca.types import Event

    def ev(date: str, source: str, target: str = "Ivan Petrov", kind: str = "CONSULT") -> Event:
        return Event(kind, 0, 1, "x", "id:" + source, source, "id:" + target, target, date, "day",
                     date_source="publication" if date == "2022-01-12" else "clause")

    told, again = ev("2022-01-10", "Marco Rossi"), ev("2022-01-12", "Marco Rossi")
    reversed_pair = rep(again, source="Ivan Petrov", target="Marco Rossi")
    got = same_instance([told, again, reversed_pair, ev("2022-01-12", "Anna Bianchi")], "2022-01-12")
    assert [e.date for e in got] == ["2022-01-10", "2022-01-10", "2022-01-10", "2022-01-12"]
    assert got[1].date_source == "instance"
    # another type, a day two months back, two recent days, or a month-only publication: unchanged
    assert same_instance([told, rep(again, type="DEMAND")], "2022-01-12")[1].date == "2022-01-12"
    old = rep(told, date="2021-11-10")
    assert same_instance([old, again], "2022-01-12")[1].date == "2022-01-12"
    two = rep(told, date="2022-01-11")
    assert same_instance([told, two, again], "2022-01-12")[2].date == "2022-01-12"
    month = rep(again, date="2022-01", date_precision="month")
    assert same_instance([told, month], "2022-01")[1].date == "2022-01"


def test_an_article_tells_one_meeting_on_its_day_in_several_sentences():
    from dataclasses import replace

    from cronaca.ingest.sentences import split_sentences

    text = ("Lunedì Rossi ha incontrato Petrov a Ginevra. Il tempo era bello. La sala era piena. "
            "Il sole splendeva. Durante l'incontro Rossi e Petrov parlano a lungo.")
    doc = make_doc(text)
    doc = replace(doc, article=replace(doc.article, sentences=split_sentences(text)))
    assert {e.date for e in rules(doc) if e.type == "CONSULT"} == {"2022-01-10"}


def test_act_named_in_a_quotation_of_a_sentence_with_no_verb_is_the_days_news():
    got = keys("Rossi e Petrov al telefono. “Più cooperazione tra Mosca e la NATO”.")
    assert ("COOPERATE", "Russia", "NATO", "2022-01-12") in got


def test_evidence_span_points_into_the_text_and_stage_is_recorded():
    text = "Marco Rossi ha incontrato Ivan Petrov a Ginevra."
    (ev,) = rules(make_doc(text))
    assert text[ev.start:ev.end] == ev.evidence and "incontrato" in ev.evidence
    assert ev.stage == events.STAGE and ev.cue == "incontrato"
    assert (ev.source_id, ev.target_id) == ("id:Marco Rossi", "id:Ivan Petrov")


def test_no_actors_no_events():
    assert events.annotate(make_doc("Il tempo a Roma è stato piovoso per tutta la giornata.")).events == ()
    assert rules(make_doc("Il tempo a Roma è stato piovoso per tutta la giornata.")) == []


def test_plover_json_fields():
    doc = make_doc("Marco Rossi ha incontrato Ivan Petrov a Ginevra.")
    rec = to_plover(rules(doc)[0], doc)
    assert rec["event_type"] == "CONSULT" and rec["event_date"] == "2022-01-12"
    assert rec["source"] == "Marco Rossi" and rec["target"] == "Ivan Petrov"
    assert rec["mode"] == "meet" and rec["location"] == {"name": "Geneva"}
    assert set(EVENT_TYPES) >= {"CONSULT", "DEMAND", "ASSAULT"} and canonical_type("request") == "DEMAND"


def test_lexicon_is_data_with_only_known_types():
    from cronaca.nlp.events.lexicon import frame_lexicon
    lex = frame_lexicon("it")
    assert {f.type for f in lex.frames} <= set(EVENT_TYPES)
    assert set(lex.stance_words) <= set(EVENT_TYPES)


def test_a_plan_with_no_day_of_its_own_is_dated_to_the_report():
    # a meeting announced for the coming days is the day's news, at the publication's precision
    assert keys("Marco Rossi incontrerà Ivan Petrov a Ginevra.") == {
        ("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01-12")}
    assert keys("Marco Rossi incontrerà Ivan Petrov a Ginevra.", published="2022-01") == {
        ("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01")}
    # its own time expression still wins
    assert keys("Marco Rossi incontrerà Ivan Petrov il 20 gennaio.") == {
        ("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01-20")}


def test_a_verbless_quoted_phrase_takes_the_tense_of_the_clause_that_reports_it():
    # "ha espresso «sostegno ...»": reported today; "aveva espresso": background, no date
    assert keys("Marco Rossi ha espresso «sostegno alla posizione di Ivan Petrov».") == {
        ("SUPPORT", "Marco Rossi", "Ivan Petrov", "2022-01-12")}
    assert keys("Marco Rossi aveva espresso «sostegno alla posizione di Ivan Petrov».") == {
        ("SUPPORT", "Marco Rossi", "Ivan Petrov", None)}


def test_a_noun_s_di_phrase_is_its_agent_when_its_patient_stands_under_another_preposition():
    # "l'attacco della Russia" alone leaves open who is attacked; with "contro l'Ucraina" after it
    # the "di" phrase is who attacks
    assert ("ASSAULT", "Russia", "Ukraine") in {(t, s, o) for t, s, o, _ in keys(
        "L'attacco della Russia contro l'Ucraina è cominciato all'alba.")}
    assert ("SUPPORT", "NATO", "Ukraine") in {(t, s, o) for t, s, o, _ in keys(
        "Marco Rossi ha ricordato il sostegno della NATO all'Ucraina.")}


def test_a_reduced_passive_with_coordinated_agents_gives_one_event_per_agent():
    got = {(t, s, o) for t, s, o, _ in keys("Kiev, sostenuta dalla NATO e dagli Stati Uniti, ha chiesto aiuto.")
           if t == "SUPPORT"}
    assert got == {("SUPPORT", "NATO", "Ukraine"), ("SUPPORT", "United States", "Ukraine")}


def test_a_reduced_passive_names_its_da_agent_as_source_and_the_phrase_it_modifies_as_target():
    # "Kiev, appoggiata dalla NATO, ...": NATO supports Kiev, Kiev is not the one who supports
    found = {(e.type, e.source, e.target) for e in rules(make_doc(
        "Kiev, appoggiata subito dalla NATO, ha chiesto una riunione urgente."))}
    assert ("SUPPORT", "NATO", "Ukraine") in found
    found = {(e.type, e.source, e.target) for e in rules(make_doc(
        "Rossi, accusato da Petrov di corruzione, si è dimesso."))}
    assert ("DISAPPROVE", "Ivan Petrov", "Marco Rossi") in found
    # a participle of a compound tense is no reduced passive
    assert keys("Rossi ha accusato Petrov.") == {("DISAPPROVE", "Marco Rossi", "Ivan Petrov", "2022-01-12")}


def test_the_body_in_a_persons_role_is_not_the_agent_of_a_noun():
    # "la telefonata con il presidente della Russia Ivan Petrov": Russia says who Petrov is, it
    # is not the one who phoned; the subject is
    found = {(e.type, e.source, e.target) for e in rules(make_doc(
        "Marco Rossi ha avuto una telefonata con il presidente della Russia Ivan Petrov."))}
    assert ("CONSULT", "Marco Rossi", "Ivan Petrov") in found
    assert not any(s == "Russia" for _, s, _ in found)


def test_a_closed_range_of_days_dates_the_act_to_its_month_but_a_start_bound_does_not():
    assert keys("Marco Rossi ha incontrato Ivan Petrov dal 9 al 10 gennaio.") == {
        ("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01")}
    assert keys("Marco Rossi ha incontrato Ivan Petrov il 9-10 gennaio.") == {
        ("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01")}
    # "dal 2014": since when, not when; the act is the day's news
    assert keys("Marco Rossi ha incontrato Ivan Petrov, che guida il partito dal 2014.") == {
        ("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01-12")}


@pytest.mark.parametrize("text, typ", [
    ("Marco Rossi ha polemizzato con la Russia sulle forniture di gas.", "DISAPPROVE"),
    ("Marco Rossi ha sconfessato la Russia davanti ai giornalisti.", "REJECT"),
    ("Marco Rossi si è rallegrato con l'Ucraina per il risultato.", "SUPPORT"),
    ("La Russia ha condotto un test nucleare vicino all'Ucraina.", "MOBILIZE"),
    ("Marco Rossi ha convocato Ivan Petrov al ministero.", "CONSULT"),
    ("Marco Rossi ha espresso soddisfazione a Ivan Petrov per l'esito del voto.", "SUPPORT"),
])
def test_cue_classes_of_political_language_announce_their_type(text, typ):
    assert typ in {e.type for e in rules(make_doc(text))}


@pytest.mark.parametrize("text, key", [
    ("Marco Rossi si è congratulato con Ivan Petrov per la vittoria.", ("SUPPORT", "Marco Rossi", "Ivan Petrov")),
    ("La Russia si è ritirata dall'Ucraina dopo mesi di combattimenti.", ("RETREAT", "Russia", "Ukraine")),
])
def test_a_reflexive_cue_matches_the_infinitive_the_lemmatiser_gives(text, key):
    # "congratulato" lemmatises to "congratulare": the frame's "congratularsi" is that verb
    assert key in {(e.type, e.source, e.target) for e in rules(make_doc(text))}


def test_being_engaged_somewhere_is_no_commitment():
    # "impegnarsi a" commits (AGREE); "è impegnata nei Paesi Baltici" says where troops serve
    text = "Nel quadro della NATO la Russia è impegnata in Bielorussia con molti militari."
    assert not any(e.type == "AGREE" for e in rules(make_doc(text)))


def test_a_perfect_infinitive_reports_an_act_done_unless_it_is_denied():
    done = rules(make_doc("La Russia ha fatto sapere di avere ritirato le truppe dall'Ucraina."))
    assert [(e.type, e.source, e.target) for e in done] == [("RETREAT", "Russia", "Ukraine")]
    denied = rules(make_doc("La Russia ha negato di avere attaccato l'Ucraina."), keep_unasserted=True)
    assert all(e.hypothetical for e in denied if e.type in ("ASSAULT", "DISAPPROVE"))


def test_a_will_in_the_perfect_is_the_act_an_intention_is_not():
    assert ("SUPPORT", "Marco Rossi", "Ivan Petrov", "2022-01-12") in keys(
        "Marco Rossi ha voluto ringraziare Ivan Petrov per il sostegno.")
    assert not keys("Marco Rossi vuole ringraziare Ivan Petrov per il sostegno.")


def test_a_decision_to_act_asserts_the_act():
    # "deciso" after the auxiliary is the verb (not the adjective "deciso"), an implicative governor
    assert ("RETREAT", "United States", "Ukraine", "2022-01-12") in keys(
        "Gli Stati Uniti hanno deciso di ritirare le truppe dall'Ucraina.")


def test_being_against_someone_is_disapproval_but_al_contrario_is_no_cue():
    assert ("DISAPPROVE", "Marco Rossi", "NATO", "2022-01-12") in keys("Rossi è nettamente contrario alla NATO.")
    assert {k[0] for k in keys("Al contrario, la Russia ha firmato l'accordo con l'Ucraina.")} == {"AGREE"}


def test_da_after_a_noun_is_its_agent_only_as_da_parte_di_or_right_after_it():
    # "il ritiro dall'Ucraina": where the troops leave, not who withdraws
    assert keys("Marco Rossi ha annunciato il ritiro dall'Ucraina.") == {
        ("RETREAT", "Marco Rossi", "Ukraine", "2022-01-12")}
    assert ("RETREAT", "Russia", None) in {
        k[:3] for k in keys("Marco Rossi ha annunciato il ritiro delle truppe da parte della Russia.")}
    # a "da" phrase further on belongs to another noun ("bambini dall'Ucraina"): the agent of
    # the sanctions is the clause's subject
    found = {k[:3] for k in keys("La NATO ha deciso sanzioni contro Ivan Petrov per la deportazione di bambini "
                                 "dall'Ucraina.")}
    assert ("SANCTION", "NATO", "Ivan Petrov") in found


def test_a_long_role_in_a_body_before_a_name_is_the_persons_phrase():
    # "il ministro degli Esteri della Russia Ivan Petrov": however many words the role takes,
    # the body says whose minister the person is; the person is the one met, not the country
    assert keys("Marco Rossi ha incontrato il ministro degli Esteri della Russia Ivan Petrov.") == {
        ("CONSULT", "Marco Rossi", "Ivan Petrov", "2022-01-12")}
    found = {(e.type, e.source, e.target) for e in rules(make_doc(
        "Il ministro degli Esteri della Russia Ivan Petrov ha criticato Marco Rossi."))}
    assert found == {("DISAPPROVE", "Ivan Petrov", "Marco Rossi")}


def test_a_pronoun_no_topic_resolves_is_no_party():
    # "lui" with nobody named before it stands for no actor: no event of "lui", none aimed at it
    assert keys("Lui ha criticato la NATO.") == set()
    assert keys("La NATO ha criticato lui e la Russia.") == {("DISAPPROVE", "NATO", "Russia", "2022-01-12")}


def test_a_qualifying_verb_is_praise_or_criticism_by_the_words_that_qualify():
    # "definire" takes its type from the nouns and adjectives after it
    assert {k[:3] for k in keys("Marco Rossi ha definito Ivan Petrov un amico e un alleato.")} == {
        ("SUPPORT", "Marco Rossi", "Ivan Petrov")}
    assert {k[:3] for k in keys("Marco Rossi ha definito la proposta di Ivan Petrov una provocazione.")} == {
        ("DISAPPROVE", "Marco Rossi", "Ivan Petrov")}
    # no praise either way: criticism, as before
    assert {k[0] for k in keys("Marco Rossi ha definito Ivan Petrov un problema.")} == {"DISAPPROVE"}
    # a verb after it ("l'unico a sostenere ...") is a clause of its own, no praise of the target
    assert "SUPPORT" not in {k[0] for k in keys("Marco Rossi ha definito Ivan Petrov l'unico a sostenere "
                                                 "apertamente la Russia.") if k[1] == "Marco Rossi" and k[2] == "Ivan Petrov"}


def test_time_of_a_subordinate_clause_does_not_date_the_act_that_governs_it():
    got = _dated("Il vertice era atteso. La sala era piena. "
                 "Rossi ha criticato la NATO, che ha tenuto ieri le sue esercitazioni.")
    assert ("Marco Rossi", "NATO", "2022-01-12", "publication") in got
    told = _dated("Ieri, al vertice, Rossi ha criticato la NATO.")
    assert ("Marco Rossi", "NATO", "2022-01-11", "clause") in told


def _cues(text: str) -> set[str]:
    """The cue words of every candidate (the model scores them all, not only the rules' readings)."""
    an, cands = events.candidates(make_doc(text))
    return {an.tokens[c.tok].text for c in cands}


def test_a_cue_word_inside_a_name_is_no_act():
    # a capital inside the sentence makes the word part of a name (a ministry, a body): no act
    assert _cues("Marco Rossi, ministro degli Esteri e della Cooperazione internazionale, "
                 "ha visitato Kiev.") == {"visitato"}
    assert _cues("Il segretario della Conferenza episcopale, Marco Rossi, ha lodato Ivan Petrov.") == {"lodato"}
    # a capital that only opens the sentence is the cue as usual
    assert {k[0] for k in keys("Colloqui tra Russia e Stati Uniti si sono svolti ieri a Ginevra.")} == {"CONSULT"}


def test_confirming_a_fact_is_reporting_not_agreement():
    # "confermare" reports that something is true: the reported act may be an event, the
    # confirmation is none (a promise, "garantire", still is)
    assert keys("Il portavoce Marco Rossi ha confermato a Ivan Petrov la notizia.") == set()
    assert keys("Marco Rossi ha confermato che la NATO ha criticato la Russia.") == {
        ("DISAPPROVE", "NATO", "Russia", "2022-01-12")}
    assert ("AGREE", "Marco Rossi", "Ivan Petrov", "2022-01-12") in keys(
        "Marco Rossi ha garantito a Ivan Petrov il pieno appoggio.")


def test_act_at_an_unstated_earlier_time_has_no_date():
    got = _dated("Rossi ha recentemente criticato la NATO per le esercitazioni.")
    assert ("Marco Rossi", "NATO", None, None) in got
    now = _dated("Rossi ha criticato la NATO per le esercitazioni.")
    assert ("Marco Rossi", "NATO", "2022-01-12", "publication") in now
    own = _dated("In precedenza, il 3 gennaio, Rossi aveva criticato la NATO.")
    assert ("Marco Rossi", "NATO", "2022-01-03", "clause") in own
def test_act_in_a_clause_telling_an_earlier_act_is_background():
    got = _dated("Il vertice era atteso. La sala era piena. "
                 "La tensione è salita dopo che Rossi ha criticato la NATO.")
    assert ("Marco Rossi", "NATO", None, None) in got


def test_long_running_conflict_named_by_a_noun_is_background():
    got = [(e.type, e.date) for e in rules(make_doc(
        "La Russia ha condannato le sanzioni. La Russia ha intensificato l'invasione dell'Ucraina."))]
    assert ("ASSAULT", None) in got  # the state of war: no day of its own
    assert ("DISAPPROVE", "2022-01-12") in got  # the day's act keeps the publication day
    dated = [(e.type, e.date) for e in rules(make_doc("Il 3 gennaio la Russia ha lanciato l'invasione dell'Ucraina."))]
    assert ("ASSAULT", "2022-01-03") in dated


def test_agreement_noun_signed_by_the_verb_of_its_clause_however_far():
    # the signing verb closes a long subject: the noun's own clause says it was signed
    text = ("Il protocollo d'intesa tra Russia e Ucraina per il cessate il fuoco nelle regioni "
            "orientali è stato firmato ieri a Ginevra.")
    assert {(t, frozenset({s, g})) for t, s, g, _ in keys(text)} == {("AGREE", frozenset({"Russia", "Ukraine"}))}
    # a clause that only talks about the treaty does not sign it
    assert not any(k[0] == "AGREE" for k in keys("Mosca ha parlato a lungo del trattato con Kiev."))


def test_reaching_an_agreement_by_any_verb_of_arriving():
    for verb in ("sono giunte", "sono arrivate", "sono pervenute"):
        got = keys(f"Russia e Ucraina {verb} a un accordo sul grano.")
        assert any(k[0] == "AGREE" and {k[1], k[2]} == {"Russia", "Ukraine"} for k in got), verb


def _split(text: str) -> set[tuple]:
    from dataclasses import replace

    from cronaca.ingest.sentences import split_sentences

    doc = make_doc(text)
    doc = replace(doc, article=replace(doc.article, sentences=split_sentences(text)))
    return {(e.type, e.source, e.target) for e in rules(doc)}


def test_an_object_clitic_stands_for_the_actor_named_before_it():
    # fused to a gerund, and before the auxiliary in the next sentence
    assert ("DISAPPROVE", "Marco Rossi", "Ivan Petrov") in _split(
        "Marco Rossi si è rivolto a Ivan Petrov, definendolo un irresponsabile.")
    assert ("DISAPPROVE", "Marco Rossi", "Ivan Petrov") in _split(
        "Marco Rossi ha ricevuto Ivan Petrov. Poi lo ha accusato di mentire.")
    # "gli" is the one asked ("a lui")
    assert ("DEMAND", "Marco Rossi", "Ukraine") in _split(
        "Marco Rossi ha parlato a lungo dell'Ucraina. Poi gli ha chiesto di trattare.")


def test_an_object_clitic_after_a_thing_or_before_its_subject_names_no_actor():
    # the proposal, not Petrov, is what is called unacceptable
    got = _split("Ivan Petrov ha parlato ieri. Marco Rossi ha respinto la proposta, definendola inaccettabile.")
    assert not any(t == "DISAPPROVE" and o == "Ivan Petrov" for t, _, o in got)
    # "Lo ha chiesto X": what was asked
    got = _split("Ivan Petrov è arrivato a Roma. Lo ha chiesto Marco Rossi.")
    assert not any(o == "Ivan Petrov" for _, _, o in got)


@pytest.mark.parametrize("text", [
    "Il tribunale ha emesso un mandato di arresto nei confronti di Rossi e di Petrov.",
    "Bianchi ha espresso la sua fiducia nei confronti Petrov e di Rossi.",
    "Secondo Bianchi si tratta di una scelta di Mosca contro Kiev.",
    "Per Rossi si trattava di un messaggio di Washington a Mosca.",
])
def test_a_fixed_phrase_is_no_cue(text):
    """"nei confronti di" is a preposition and "si tratta di" means "it is": no talks."""
    assert not any(t == "CONSULT" for t, *_ in keys(text))


def test_negotiating_is_still_talks():
    assert any(t == "CONSULT" for t, *_ in keys("Rossi ha trattato a lungo con Petrov a Ginevra."))


@pytest.mark.parametrize("text", [
    "Petrov ha detto che Mosca non cambierà i piani dell'offensiva contro Kiev.",
    "Rossi ha detto che Washington non parteciperà alle sanzioni contro Mosca.",
])
def test_a_noun_in_a_phrase_under_a_denied_verb_is_neither_done_nor_denied(text):
    """Only the object of a denied verb is the act denied ("non imporrà sanzioni"); a noun under
    a preposition ("i piani dell'offensiva") is no act, and no denial of one."""
    found = [e for e in rules(make_doc(text), keep_unasserted=True) if e.type in ("ASSAULT", "SANCTION")]
    assert found and all(e.hypothetical and not e.negated for e in found)
    assert not any(e.type == "REJECT" for e in rules(make_doc(text)))


def test_the_object_of_a_denied_verb_is_the_act_denied():
    (e,) = [e for e in rules(make_doc("Petrov ha detto che Mosca non imporrà sanzioni a Kiev."),
                             keep_unasserted=True) if e.type == "SANCTION"]
    assert e.negated


def test_a_news_organisation_is_no_party():
    """An agency reports acts; it neither acts nor is acted on: "la Tass ha condannato Kiev" is
    the agency's report, not a condemnation of its own (the Kremlin's would be)."""
    assert ("DISAPPROVE", "Kremlin", "Ukraine") in {k[:3] for k in keys("Il Cremlino ha condannato Kiev.")}
    text = "La Tass ha condannato Kiev."
    doc = make_doc(text)
    k = text.index("Tass")
    tass = Mention(k, k + 4, "Tass", "ORG", "org:tass", "TASS")
    doc = Document(doc.article, mentions=tuple(sorted((*doc.mentions, tass), key=lambda m: m.start)),
                   times=doc.times)
    assert not any("TASS" in (e.source, e.target) for e in rules(doc, keep_unasserted=True))


@pytest.mark.parametrize("text, typ", [
    ("Rossi spera che Mosca e Kiev firmino l'accordo.", "AGREE"),
    ("Rossi chiede che Mosca e Kiev firmino l'accordo.", "AGREE"),
    ("Bianchi teme che Mosca attacchi Kiev.", "ASSAULT"),
])
def test_an_act_wanted_asked_for_or_feared_is_not_done(text, typ):
    """The "che" clause of a wish, a request or a fear is not the act done; the request is."""
    assert not any(t == typ for t, *_ in keys(text))


def test_an_act_reported_or_known_is_done():
    assert any(t == "AGREE" for t, *_ in keys("Rossi sa che Mosca e Kiev hanno firmato l'accordo."))
    assert ("DEMAND", "Marco Rossi", "Russia") in {k[:3] for k in keys("Rossi chiede che Mosca e Kiev firmino l'accordo.")}


@pytest.mark.parametrize("text", [
    "Rossi ha ricevuto 57 milioni di voti, mentre Petrov ne ha ottenuti 50.",
    "Rossi ha convocato le elezioni dopo il voto di Mosca.",
    "Petrov ha accolto la richiesta di Rossi.",
])
def test_a_meeting_verb_with_a_thing_for_object_is_no_meeting(text):
    assert not any(t == "CONSULT" for t, *_ in keys(text))


@pytest.mark.parametrize("text", [
    "Rossi ha ricevuto Petrov a Ginevra.",
    "Rossi ha ricevuto questa mattina il presidente russo Ivan Petrov.",
    "Rossi ha incontrato i ministri di Mosca e Kiev.",
])
def test_a_meeting_verb_with_a_party_for_object_is_a_meeting(text):
    assert any(t == "CONSULT" for t, *_ in keys(text))


@pytest.mark.parametrize("text", [
    "Rossi ha parlato dell'espansione della NATO verso la Russia.",
    "A Ginevra si è parlato anche di Mosca e di Kiev.",
])
def test_talking_without_a_partner_is_speech_not_talks(text):
    assert not any(t == "CONSULT" for t, *_ in keys(text))


@pytest.mark.parametrize("text", [
    "Rossi ha parlato oggi con Petrov.",
    "Rossi e Petrov hanno discusso della crisi.",
])
def test_talking_with_a_partner_is_talks(text):
    assert ("CONSULT", "Marco Rossi", "Ivan Petrov") in {k[:3] for k in keys(text)}


@pytest.mark.parametrize("text,expected", [
    ("Gli Stati Uniti imporranno sanzioni alla Russia se Mosca invaderà l'Ucraina.",
     ("THREATEN", "United States", "Russia", "2022-01-12")),
    ("Bianchi ha detto che la NATO colpirebbe la Russia in caso di attacco.",
     ("THREATEN", "Anna Bianchi", "Russia", "2022-01-12")),
    ("Rossi ha evocato la possibilità di adottare sanzioni contro la Russia in caso di escalation.",
     ("THREATEN", "Marco Rossi", "Russia", "2022-01-12")),
    ("Petrov ha scritto che in caso di rifiuto la Russia non concederà a Kiev la liberazione dei prigionieri.",
     ("THREATEN", "Ivan Petrov", "Ukraine", "2022-01-12")),
])
def test_a_punitive_act_announced_under_a_condition_is_a_threat(text, expected):
    got = keys(text)
    assert expected in got
    assert not any(t in ("SANCTION", "ASSAULT", "CONCEDE") for t, *_ in got)


@pytest.mark.parametrize("text", [
    "Se la Russia invaderà l'Ucraina, Washington reagirà.",
    "Se la NATO attaccherà la Russia, Mosca protesterà.",
    "Rossi ha detto che la Russia attaccherà Kiev.",
    "La NATO ha imposto sanzioni alla Russia dopo l'attacco.",
])
def test_a_condition_or_an_unconditioned_act_is_no_threat(text):
    assert not any(t == "THREATEN" for t, *_ in keys(text))


@pytest.mark.parametrize("text,expected", [
    ("Regge da ieri la tregua firmata da Russia e Ucraina a Ginevra.", ("AGREE", {"Russia", "Ukraine"})),
    ("È fragile il cessate il fuoco stilato da Mosca e Kiev il 10 gennaio.", ("AGREE", {"Russia", "Ukraine"})),
    ("Petrov ha commentato ieri le sanzioni decise dalla NATO contro la Russia.", ("SANCTION", {"NATO"})),
])
def test_the_da_agent_of_a_participle_that_carries_out_a_noun_s_act_is_its_source(text, expected):
    typ, parties = expected
    got = rules(make_doc(text))
    assert any(e.type == typ and {e.source, e.target} - {None} >= parties for e in got)


def test_the_da_agent_of_another_verb_after_an_act_noun_is_no_party_of_it():
    got = rules(make_doc("Rossi ha ricordato l'attacco condannato da Bianchi."))
    assert not any(e.type == "ASSAULT" and e.source == "Anna Bianchi" for e in got)


def _quote_stances(text: str, names: tuple[tuple[str, str], ...] = ()) -> dict[str, bool]:
    """Stance type -> whether every reading of the quotation is no act (``names``: more mentions,
    (surface form, label))."""
    from dataclasses import replace

    a, b = text.index("«") + 1, text.index("»")
    q = Quote(a, b, text[a:b], "direct", "id:Anna Bianchi", "Anna Bianchi",
              cue="ha detto", cue_start=text.index("ha detto"), cue_end=text.index("ha detto") + 8)
    doc = make_doc(text, quotes=(q,))
    extra = tuple(Mention(text.index(n), text.index(n) + len(n), n, label, "id:" + n, n) for n, label in names)
    doc = replace(doc, mentions=tuple(sorted(doc.mentions + extra, key=lambda m: m.start)))
    _, cands = events.candidates(doc)
    out: dict[str, bool] = {}
    for c in cands:
        if c.predicate is None:
            out[c.type] = out.get(c.type, True) and c.no_act
    return out


@pytest.mark.parametrize("text, typ", [
    ("«Non consideriamo la Russia una minaccia per noi», ha detto la ministra.", "DISAPPROVE"),
    ("«Per ora non ci saranno negoziati con Mosca», ha detto la ministra.", "COOPERATE"),
])
def test_a_quotation_that_denies_its_every_stance_word_takes_no_stance(text, typ):
    assert _quote_stances(text).get(typ) is True


def test_a_quotation_that_asserts_its_stance_word_keeps_the_stance():
    got = _quote_stances("«La Russia è una minaccia per tutti noi», ha detto la ministra.")
    assert got.get("DISAPPROVE") is False


def test_a_word_of_a_name_in_a_quotation_expresses_no_stance():
    text = "«Con la Russia siamo tornati ai giorni della Guerra fredda», ha detto la ministra."
    assert "THREATEN" in _quote_stances(text)
    assert "THREATEN" not in _quote_stances(text, names=(("Guerra fredda", "EVENT"),))


def test_a_word_of_a_cue_of_another_type_in_a_quotation_expresses_no_stance():
    # "cessate il fuoco" is a truce: its "fuoco" threatens nothing
    assert "THREATEN" not in _quote_stances("«La Russia rispetti il cessate il fuoco a Kiev», ha detto la ministra.")
    assert "THREATEN" in _quote_stances("«Risponderemo al fuoco della Russia», ha detto la ministra.")


def _quoted_events(text: str) -> set[tuple]:
    a, b = text.index("«") + 1, text.index("»")
    q = Quote(a, b, text[a:b], "direct", "id:Anna Bianchi", "Anna Bianchi",
              cue="ha detto", cue_start=text.index("ha detto"), cue_end=text.index("ha detto") + 8)
    return {(e.type, e.source, e.target) for e in rules(make_doc(text, quotes=(q,)))}


@pytest.mark.parametrize("text", [
    "«Questa non è la nostra guerra», ha detto la ministra.",
    "«Non è una semplice operazione ma un attacco», ha detto la ministra.",
])
def test_a_hostile_noun_under_a_negated_copula_is_no_denial(text):
    assert not any(t == "REJECT" for t, *_ in _quoted_events(text))


@pytest.mark.parametrize("text", [
    "«Non ci sarà nessun attacco contro Kiev», ha detto la ministra.",
    "«Non c'è stato alcun attacco contro Kiev», ha detto la ministra.",
    "«Non lanceremo un attacco contro Kiev», ha detto la ministra.",
])
def test_a_hostile_act_said_not_to_be_or_not_done_by_the_speaker_is_denied(text):
    assert ("REJECT", "Anna Bianchi", None) in _quoted_events(text)


def _pair_no_act(text: str, typ: str, src: str, tgt: str) -> list[bool]:
    """``no_act`` of each predicate reading of ``typ`` between ``src`` and ``tgt`` (either way)."""
    _, cands = events.candidates(make_doc(text))
    return [c.no_act for c in cands if c.type == typ and c.predicate is not None and c.target is not None
            and {c.source.name, c.target.name} == {src, tgt}]


@pytest.mark.parametrize("text, typ, a, b", [
    ("Marco Rossi e Anna Bianchi hanno condannato ieri l'aggressione contro Kiev.", "DISAPPROVE",
     "Marco Rossi", "Anna Bianchi"),
    ("La Bielorussia e la Russia hanno minacciato la Nato di nuove ritorsioni.", "THREATEN", "Belarus", "Russia"),
])
def test_coordinated_agents_of_a_one_way_act_do_not_act_on_each_other(text, typ, a, b):
    got = _pair_no_act(text, typ, a, b)
    assert got and all(got)


def test_coordinated_agents_of_a_reciprocal_act_still_act_on_each_other():
    got = _pair_no_act("Marco Rossi e Anna Bianchi si sono accusati a vicenda di tradimento.", "DISAPPROVE",
                       "Marco Rossi", "Anna Bianchi")
    assert got and not any(got)


@pytest.mark.parametrize("text, typ, a, b", [
    ("Marco Rossi ha condannato ieri le violenze in Ucraina.", "DISAPPROVE", "Marco Rossi", "Ukraine"),
    ("Anna Bianchi ha firmato un accordo commerciale in Bielorussia.", "AGREE", "Anna Bianchi", "Belarus"),
])
def test_a_place_after_in_is_where_a_word_or_an_accord_happens_not_whom_it_addresses(text, typ, a, b):
    got = _pair_no_act(text, typ, a, b)
    assert got and all(got)


def test_a_place_after_in_can_still_undergo_an_attack():
    got = _pair_no_act("La Russia ha lanciato nuovi attacchi in Ucraina.", "ASSAULT", "Russia", "Ukraine")
    assert got and not any(got)


def test_a_known_event_dates_only_what_the_text_names_unambiguously():
    from cronaca.nlp.events.known import known_date

    talks = "I colloqui di Istanbul tra Russia e Ucraina si sono conclusi senza risultati."
    text = talks + " Nel 2022 le delegazioni si erano già incontrate."
    # of the events with the name, the one of the publication window, not the first in the data
    assert known_date(talks, "CONSULT", "2025-05-20", text, parties={"Russia", "Ukraine"}).date == "2025-05-16"
    # outside any window, the one year the text writes, at the year's precision
    old = known_date(talks, "CONSULT", "2025-09-20", text, parties={"Russia", "Ukraine"})
    assert (old.date, old.precision) == ("2022", "year")
    # a venue names no event of other parties
    oval = "Trump ha ricevuto Netanyahu nello Studio Ovale."
    assert known_date(oval, "CONSULT", "2025-04-08", oval, parties={"Benjamin Netanyahu", "Israel"}) is None
    # a month-only publication date stands for its whole month
    osce = "Alla riunione speciale del Consiglio Permanente dell'OSCE è intervenuto l'ambasciatore."
    assert known_date(osce, "CONSULT", "2022-02", osce, parties={"OSCE Permanent Council"}).date == "2022-02-22"


@pytest.mark.parametrize("text", [
    "Rossi ha difeso l'intesa tra la Russia e l'Ucraina davanti al Parlamento.",
    "Petrov ha commentato il patto fra Mosca e Kiev.",
])
def test_a_definite_accord_between_two_parties_is_an_agreement_undated(text):
    # no verb of concluding it near: the accord the text refers to exists, but it is not the day's act
    agree = {(e.source, e.target, e.date) for e in rules(make_doc(text)) if e.type == "AGREE"}
    assert {frozenset({s, t}) for s, t, _ in agree} == {frozenset({"Russia", "Ukraine"})}
    assert {d for _, _, d in agree} == {None}


def test_an_indefinite_accord_between_two_parties_is_only_sought():
    text = "Rossi spera in un accordo tra la Russia e l'Ucraina entro l'estate."
    assert not [e for e in rules(make_doc(text)) if e.type == "AGREE"]


def test_a_definite_accord_with_its_day_takes_that_day():
    text = "L'intesa tra la Russia e l'Ucraina del 10 gennaio è stata criticata da Petrov."
    agree = [e for e in rules(make_doc(text)) if e.type == "AGREE"]
    assert agree and {e.date for e in agree} == {"2022-01-10"}
