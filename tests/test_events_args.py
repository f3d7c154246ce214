"""Event type and argument conventions added in the second pass (issue 3): denials, own-side
filtering, compound targets, multilateral meetings, nominal acts, hedges. Hand-written sentences."""

from __future__ import annotations

from test_events import keys, make_doc

from cronaca.nlp import events
from cronaca.nlp.eventfilters import affiliations, own_side, subsume
from cronaca.types import Event, Mention, Quote


def said_by(text: str, name: str) -> Quote:
    """An indirect quote covering the text before ", ha detto <name>"."""
    cut = text.index(", ha detto")
    cue = text.index("ha detto")
    return Quote(0, cut, text[:cut], "indirect", "id:" + name, name, "ha detto", cue, cue + 8)


def pairs(text: str, **kw) -> set[tuple]:
    doc = events.annotate(make_doc(text, **kw))
    return {(e.type, e.source, e.target) for e in doc.events}


def test_denied_accusations_are_a_rejection_with_no_accuser():
    text = "Le accuse contro la Russia sono false e infondate, ha detto Ivan Petrov."
    got = pairs(text, quotes=(said_by(text, "Ivan Petrov"),))
    assert ("REJECT", "Ivan Petrov", None) in got
    assert not any(t == "DISAPPROVE" for t, _, _ in got)


def test_denying_an_intention_names_no_target():
    assert pairs("Mosca ha negato di voler attaccare l'Ucraina.") == {("REJECT", "Russia", None)}


def test_plans_to_invade_are_not_an_invasion():
    got = pairs("Rossi ha detto che la Russia ha piani per invadere l'Ucraina.")
    assert not any(t == "ASSAULT" for t, _, _ in got)


def test_conditional_consequence_is_not_an_event():
    got = pairs("Rossi ha spiegato il danno che un'invasione russa provocherebbe all'Ucraina.")
    assert not any(t == "ASSAULT" for t, _, _ in got)


def test_hoped_for_meeting_is_not_a_meeting():
    assert pairs("Spero che un incontro tra Rossi e Petrov avvenga presto.") == set()


def test_hostile_act_by_agent_in_a_country():
    got = pairs("Durante l'operazione militare speciale condotta in Ucraina da parte della Russia, l'Alleanza "
                "aveva rafforzato le sue difese.")
    assert ("ASSAULT", "Russia", "Ukraine") in got


def test_speaker_is_not_the_agent_of_a_military_operation():
    got = pairs("Petrov ha affermato che, durante l'operazione militare, nessun civile è stato colpito.")
    assert not any(t == "ASSAULT" and s == "Ivan Petrov" for t, s, _ in got)


def test_willingness_towards_coordinated_targets_gives_one_event_each():
    got = pairs("Rossi ha detto di essere disponibile a nuovi colloqui con Petrov e Bianchi.")
    assert {("COOPERATE", "Marco Rossi", "Ivan Petrov"), ("COOPERATE", "Marco Rossi", "Anna Bianchi")} <= got


def test_offer_to_host_talks_between_parties_named_after_a_colon():
    got = pairs("Rossi si è detto disponibile a ospitare un confronto tra i due leader: Petrov e Bianchi.")
    assert {("COOPERATE", "Marco Rossi", "Ivan Petrov"), ("COOPERATE", "Marco Rossi", "Anna Bianchi")} <= got


def test_meeting_of_four_countries_is_not_a_pair():
    got = pairs("La riunione tra i consiglieri di Russia, Ucraina, Stati Uniti e Bielorussia è iniziata ieri.")
    assert not any(t == "CONSULT" for t, _, _ in got)


def test_reaffirmed_support_belongs_to_the_speaker():
    got = pairs("Bianchi ha ribadito il sostegno della NATO all'Ucraina.")
    assert ("SUPPORT", "Anna Bianchi", "Ukraine") in got


def test_appeal_is_a_demand_on_the_addressee():
    got = pairs("Rossi ha rivolto un appello affinché la NATO fornisca aiuti.")
    assert ("DEMAND", "Marco Rossi", "NATO") in got


def test_obligation_on_two_parties_is_a_demand_on_the_other_side():
    text = "Russia e Ucraina devono avviare subito colloqui di pace, ha detto Rossi."
    got = pairs(text, quotes=(said_by(text, "Marco Rossi"),))
    assert ("DEMAND", "Marco Rossi", "Russia") in got and ("DEMAND", "Marco Rossi", "Ukraine") in got


def test_troops_on_a_territory_are_mobilised_against_it_not_against_a_bystander():
    got = pairs("Secondo la NATO, la Russia ha schierato truppe sul territorio ucraino.")
    assert ("MOBILIZE", "Russia", "Ukraine") in got
    assert not any(t == "MOBILIZE" and "NATO" in (s, g) for t, s, g in got)


def test_deployed_contingent_is_mobilize_and_commitment_needs_an_infinitive():
    got = pairs("Nel quadro della NATO la Bielorussia è impegnata in Ucraina con 200 militari.")
    assert any(t == "MOBILIZE" and s == "Belarus" for t, s, _ in got)
    assert not any(t == "AGREE" for t, _, _ in got)


def test_concern_without_a_following_target_looks_back():
    got = pairs("La mossa di Mosca preoccupa, con i Paesi occidentali che temono un'escalation.")
    assert ("DISAPPROVE", "West", "Russia") in got


def test_plural_demonym_is_an_actor():
    got = pairs("Washington si è detta pronta a tenere nuovi colloqui con i russi.")
    assert ("COOPERATE", "United States", "Russia") in got


# -- document-level filters ---------------------------------------------------------------------

def _ev(type_, src, tgt, start=0):
    return Event(type_, start, start + 1, "x", "id:" + src, src, tgt and "id:" + tgt, tgt)


def test_affiliation_from_role_demonym_and_adjacent_body():
    text = "Il presidente russo Ivan Petrov ha parlato. Il ministro della NATO, Anna Bianchi, no."
    ms = [Mention(20, 31, "Ivan Petrov", "PER", "id:Ivan Petrov", "Ivan Petrov"),
          Mention(text.index("NATO"), text.index("NATO") + 4, "NATO", "ORG", "id:NATO", "NATO"),
          Mention(text.index("Anna"), text.index("Anna") + 12, "Anna Bianchi", "PER", "id:Anna Bianchi",
                  "Anna Bianchi")]
    sides = affiliations(ms, {"russo": "Russia"}, text)
    assert sides["Ivan Petrov"] == {"Russia"} and sides["Anna Bianchi"] == {"NATO"}


def test_own_side_target_is_dropped_and_meetings_with_oneself_vanish():
    sides = {"Ivan Petrov": {"Russia"}}
    out = own_side([_ev("CONSULT", "Ivan Petrov", "Russia"), _ev("DEMAND", "Ivan Petrov", "Russia")], sides)
    assert [(e.type, e.target) for e in out] == [("DEMAND", None)]


def test_untargeted_repeat_is_subsumed_by_the_targeted_event():
    out = subsume([_ev("COOPERATE", "NATO", None), _ev("COOPERATE", "NATO", "Russia", 5),
                   _ev("REJECT", "Russia", None)])
    assert [(e.type, e.target) for e in out] == [("COOPERATE", "Russia"), ("REJECT", None)]


def test_rejection_answers_the_accuser():
    got = keys("Gli Stati Uniti accusano la Russia di ingerenza, accuse respinte dal Cremlino.")
    assert any(t == "REJECT" and s == "Kremlin" and g == "United States" for t, s, g, _ in got)


def test_decision_taken_by_a_state_to_recognise_is_that_state_support():
    got = pairs("Rossi ha condannato la decisione presa dalla Russia di riconoscere l'indipendenza della Bielorussia.")
    assert ("SUPPORT", "Russia", "Belarus") in got


def test_role_re_mention_is_the_person_who_holds_it():
    text = ("Il portavoce della NATO Marco Rossi ha incontrato Petrov ieri. "
            "Il portavoce ha poi esortato la Russia a ritirare le truppe.")
    doc = make_doc(text)
    m = next(m for m in doc.mentions if m.text == "Marco Rossi")
    doc = type(doc)(doc.article, tuple(x if x is not m else type(m)(
        m.start, m.end, m.text, m.label, m.actor_id, m.actor_name, role="portavoce della NATO")
        for x in doc.mentions), doc.quotes, doc.times)
    got = {(e.type, e.source, e.target) for e in events.annotate(doc).events}
    assert ("DEMAND", "Marco Rossi", "Russia") in got


def test_quarrel_between_two_named_people_is_disapproval_between_them():
    got = pairs("Il litigio del ministro russo, Ivan Petrov, con la sua omologa, Anna Bianchi.")
    assert ("DISAPPROVE", "Ivan Petrov", "Anna Bianchi") in got


def test_troops_arriving_in_a_country_are_mobilised_with_no_target():
    got = pairs("Truppe russe hanno cominciato ad arrivare in Bielorussia per esercitazioni che simulano "
                "la difesa dei confini.")
    assert ("MOBILIZE", "Russia", None) in got


def test_a_country_named_after_an_invasion_is_its_victim_though_spelled_like_a_demonym():
    # "Ucraina" is also the feminine adjective "ucraina": the capitalised name is the patient
    got = pairs("L'Unione europea ha varato sanzioni contro la Russia per l'invasione dell'Ucraina.")
    assert ("ASSAULT", "Russia", "Ukraine") in got
    assert not any(t == "ASSAULT" and s == "Ukraine" for t, s, _ in got)
