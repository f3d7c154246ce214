"""Reporting expressions: the lexicon of ways Italian news says *someone said*.

Why data plus one compiled matcher: the verbs and their inflected forms live in
``cronaca/resources/lexicons/<lang>/reporting.json`` so users extend them without code; this module
turns them, once per process, into a single regular expression that finds every cue with its
auxiliary, resumptive clitic and interposed adverbs ("Lo ha poi ribadito", "hanno recentemente
espresso"), and tells the quote finder what kind of form it found (finite, participle, gerund,
infinitive), because each form licenses different constructions:

- a bare participle is a cue only with an auxiliary ("ha detto"), otherwise it is an adjective
  ("una risposta scritta");
- a finite form that follows an article or a preposition is a noun ("la minaccia", "una nota");
- an infinitive is a cue only before a colon ("Per poi precisare: «…»").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_DETERMINERS = frozenset(
    ["il", "lo", "la", "l", "i", "gli", "le", "un", "uno", "una", "un'", "l'", "l’", "un’", "della", "dello", "del", "dell'", "dell’", "delle", "degli", "dei", "alla", "allo", "al", "all'", "all’", "alle", "agli", "ai", "nella", "nello", "nel", "nell'", "nell’", "nelle", "negli", "nei", "sulla", "sul", "sull'", "sull’", "dalla", "dal", "dall'", "dall’", "questa", "questo", "quella", "quello", "sua", "suo", "loro", "ogni"]
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One reporting expression found in the text."""

    start: int  # start of the whole expression (clitic or auxiliary included)
    end: int
    verb_start: int
    lemma: str
    form: str  # finite | participle | gerund | infinitive | self | impersonal | cleft
    verb_class: str  # assertive | directive
    clitic: bool  # "Lo ha detto", "l'ha detto": the content is elsewhere
    auxiliary: str | None

    def text(self, source: str) -> str:
        return source[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled reporting lexicon of one language."""

    language: str
    data: dict[str, Any]
    by_first_word: dict[str, re.Pattern[str]]  # first word of a multiword form -> those forms, anchored
    prefix_re: re.Pattern[str]  # clitic, auxiliary and adverbs before a verb, on the reversed text
    form_info: dict[str, tuple[str, str, str]]  # lower-case form -> (lemma, form kind, class)
    source_re: re.Pattern[str]
    possessive_re: re.Pattern[str]
    relative_re: re.Pattern[str]
    any_source_re: re.Pattern[str]  # any of the three (see :func:`source_positions`)
    source_words: tuple[str, ...]  # the words those phrases start with, lower case
    prepositions: frozenset[str]
    role_re: re.Pattern[str]
    clause_break_re: re.Pattern[str]
    impersonal_lemmas: frozenset[str]
    np_object_lemmas: frozenset[str]
    speech_only_lemmas: frozenset[str]
    reflexive_lemmas: frozenset[str]
    modal_auxiliaries: frozenset[str]
    quoted_di_lemmas: frozenset[str]
    di_object_lemmas: frozenset[str]  # of the quoted_di ones: an unquoted "di" phrase is a statement too
    di_adverbials: frozenset[str]  # words after "di" that make an adverb, not what was said ("di recente")
    prefix_words: frozenset[str]  # last words an auxiliary, adverb or clitic before a verb can end with
    preverbal_words: frozenset[str]  # clitics before the verb inside a predicate quotation
    attribution_re: re.Pattern[str]  # a verbless attribution: "è la replica di", "sono le parole del", "è quanto ha detto"


def _reversed_alt(words: list[str]) -> str:
    """:func:`_alt` of the words written backwards (to read a prefix leftwards from a verb)."""
    return _alt([w[::-1] for w in words])


def _alt(words: list[str]) -> str:
    """A regex alternation of phrases, built as a character trie (a phrase's shared beginning is
    read once: a long list of "come riferito dal/dalla/…" costs no more to scan than a short one),
    longest match first; spaces match any run of whitespace, apostrophes both spellings."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in re.sub(r"\s+", " ", w.replace("’", "'")):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else "['’]" if ch == "'" else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_ENCLITICS = ("lo", "la", "li", "le", "ne")


def _head(lemma: str) -> tuple[str, str]:
    """A multiword lemma's conjugated verb and its fixed tail ("far sapere" -> ("fare", " sapere"))."""
    head, _, tail = lemma.partition(" ")
    if head.endswith("r"):  # an apocopated infinitive: "far sapere"
        head += "e"
    return head, (" " + tail if tail else "")


def conjugate(lemma: str, spec: dict[str, Any], irregular: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """The forms of a reporting verb that act as cues, by kind (finite, participle, gerund,
    infinitive): the third persons of the present, remote past, imperfect, future and
    conditional, the four participles, the gerund (also with an enclitic pronoun: "definendola")
    and the infinitive. Regular endings by conjugation (-are, -ere, -ire, -ire with -isc-);
    ``irregular`` supplies what no rule derives."""
    head, tail = _head(lemma)
    reflexive = head.endswith("rsi")
    base = head[:-2] + "e" if reflexive else head
    irr = irregular.get(base, {})
    stem, ending = base[:-3], base[-3:]
    if ending == "are":
        fut = stem + ("her" if stem.endswith(("c", "g")) else "er")
        if stem.endswith(("ci", "gi")):
            fut = stem[:-1] + "er"
        present, remote = [stem + "a", stem + "ano"], [stem + "ò", stem + "arono"]
        imperfect, gerund, participle = [stem + "ava", stem + "avano"], stem + "ando", stem + "ato"
    elif ending == "ere":
        fut = stem + "er"
        present, remote = [stem + "e", stem + "ono"], [stem + "é", stem + "è", stem + "erono"]
        imperfect, gerund, participle = [stem + "eva", stem + "evano"], stem + "endo", stem + "uto"
    else:  # -ire
        fut = stem + "ir"
        present = [stem + "isce", stem + "iscono"] if spec.get("isc") else [stem + "e", stem + "ono"]
        remote = [stem + "ì", stem + "irono"]
        imperfect, gerund, participle = [stem + "iva", stem + "ivano"], stem + "endo", stem + "ito"
    if "stem" in irr:
        s = irr["stem"]
        imperfect, gerund = [s + "eva", s + "evano"], s + "endo"
    fut = irr.get("future", fut)
    present = irr.get("present", present)
    remote = irr.get("remote", remote)
    participle = irr.get("participle", participle)
    finite = present + remote + imperfect + [fut + "à", fut + "anno", fut + "ebbe", fut + "ebbero"]
    participles = [participle[:-1] + e for e in "oaie"] if participle else []
    gerunds = [gerund + ("si" if reflexive else "")] + ([] if reflexive else [gerund + c for c in _ENCLITICS])
    if reflexive:
        finite = ["si " + f for f in finite]
    infinitives = [head] + ([lemma.split()[0]] if tail and lemma.split()[0] != head else [])
    return {"finite": [f + tail for f in finite], "participle": [p + tail for p in participles],
            "gerund": [g + tail for g in gerunds], "infinitive": [i + tail for i in infinitives]}


@cache
def load_lexicon(language: str = "it") -> Lexicon:
    """Load and compile the reporting lexicon for ``language`` (cached per process)."""
    path = resources.files("cronaca.resources").joinpath("lexicons", language, "reporting.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    form_info: dict[str, tuple[str, str, str]] = {}
    irregular = data.get("irregular", {})
    for lemma, spec in data["verbs"].items():
        for kind, forms in conjugate(lemma, spec, irregular).items():
            for form in forms:
                form_info.setdefault(form.lower(), (lemma, kind, spec.get("class", "assertive")))
    for form, lemma in data["self_cues"].items():
        form_info[form.lower()] = (lemma, "self", "assertive")
    for form, lemma in data["impersonal_cues"].items():
        form_info[form.lower()] = (lemma, "impersonal", "assertive")
    groups: dict[str, list[str]] = {}
    for form in form_info:
        if not _WORDS.fullmatch(form):  # one-word forms are looked up directly
            groups.setdefault(_first_word(form), []).append(form)
    by_first_word = {w: re.compile(rf"(?:{_alt(forms)})(?![\w'’])", re.IGNORECASE)
                     for w, forms in groups.items()}
    # read leftwards from the verb: clitic? auxiliary? (adverb ,?){0,3} matched on the reversed
    # text before it, longest first ("Lo ha poi ribadito" -> "Lo ha poi ")
    raux = _reversed_alt(data["auxiliaries"])
    radv = _reversed_alt(data["adverbs"])
    prefix_re = re.compile(
        rf"(?:\s+,?(?:{radv}|etnem\w{{3,}})){{0,3}}(?:\s+(?P<aux>{raux}))?(?:\s*(?P<clitic>ol|['’]l))?(?![\w'’])",
        re.IGNORECASE,
    )
    return Lexicon(
        language=language,
        data=data,
        by_first_word=by_first_word,
        prefix_re=prefix_re,
        form_info=form_info,
        source_re=re.compile(rf"(?<![\w'’])(?:{_alt(data['source_cues'])})(?:(?<=['’])|(?![\w'’]))", re.IGNORECASE),
        possessive_re=re.compile(rf"(?<![\w'’])(?:{_alt(data['possessive_source_cues'])})(?![\w'’])",
                                 re.IGNORECASE),
        relative_re=re.compile(rf"(?<![\w'’])(?:{_alt(data['relative_source_cues'])})(?![\w'’])",
                               re.IGNORECASE),
        source_words=tuple(sorted({re.split(r"[\s'’]", p.lower())[0] for p in
                                   data["source_cues"] + data["possessive_source_cues"] + data["relative_source_cues"]})),
        any_source_re=re.compile(
            rf"(?<![\w'’])(?:{_alt(data['source_cues'] + data['possessive_source_cues'] + data['relative_source_cues'])})"
            rf"(?:(?<=['’])|(?![\w'’]))", re.IGNORECASE),  # "a detta dell'ambasciatore": an elided article ends the cue
        prepositions=frozenset(p.lower() for p in data["prepositions"]),
        # an elided article may be glued to the role noun: "l'ambasciatore", "dell'inviato"
        role_re=re.compile(rf"(?<!\w)(?:(?<![\w'’])|(?<=\b[lL]['’])|(?<=ll['’])|(?<=\b[uU]n['’]))"
                           rf"(?:{_alt(data['role_nouns'])})(?![\w'’])", re.IGNORECASE),
        clause_break_re=re.compile(rf",\s*(?:{_alt(data['clause_breaks'])})(?![\w'’])", re.IGNORECASE),
        impersonal_lemmas=frozenset(data["impersonal_lemmas"]),
        np_object_lemmas=frozenset(lemma for lemma, spec in data["verbs"].items() if spec.get("np")),
        speech_only_lemmas=frozenset(lemma for lemma, spec in data["verbs"].items() if spec.get("speech_only")),
        reflexive_lemmas=frozenset(lemma for lemma in data["verbs"] if lemma.split()[0].endswith("rsi")),
        modal_auxiliaries=frozenset(a.lower() for a in data.get("modal_auxiliaries", ())),
        quoted_di_lemmas=frozenset(lemma for lemma, spec in data["verbs"].items() if spec.get("quoted_di")),
        di_object_lemmas=frozenset(lemma for lemma, spec in data["verbs"].items() if spec.get("di_object")),
        di_adverbials=frozenset(w.lower() for w in data.get("di_adverbials", ())),
        # only the last word of each phrase can stand right before the verb: a cheap test before the
        # prefix pattern runs (common words inside phrases, "di", "in", "a", would trigger it often)
        prefix_words=frozenset(re.findall(r"\w+", phrase.lower())[-1] for phrase in data["auxiliaries"]
                               + data["adverbs"] + data["resumptive_clitics"] if re.search(r"\w", phrase)),
        preverbal_words=frozenset(w.lower() for w in data.get("preverbal_words", ())),
        attribution_re=_attribution_re(data),
    )


def _attribution_re(data: dict[str, Any]) -> re.Pattern[str]:
    """A phrase that attributes a statement with no verb of saying of its own, up to the words that
    name the speaker: "(è) la replica di", "sono le parole del", "parole pronunciate da", "è quanto
    ha detto", "è quanto si apprende da"."""
    nouns = _alt(data.get("speech_nouns", ["parole"]))
    prep = r"(?:di|del|della|dello|dell['’]|dei|degli|delle|da|dal|dalla|dallo|dall['’]|dai|dagli|dalle)(?:(?<=['’])|(?![\w'’]))"
    return re.compile(
        r"\s*(?:(?:è|e['’]|é|sono|era|erano|questa è|queste sono|questo è|questi sono|ecco)\s+)?"
        r"(?:(?:invece|anche|così|dunque|quindi|poi|solo|ora)\s+)?"
        r"(?:(?P<quanto>quanto\s+(?:si\s+)?(?:(?:ha|hanno|aveva|avevano|è|sono|era|erano)\s+)?(?P<verb>\w+))"
        rf"(?:\s+{prep})?"
        r"|(?:(?:quell[aeio]|il|lo|la|l['’]|le|i|gli|un|una|uno)\s*)?(?:[\w/’']+\s+){0,2}?"
        rf"(?:{nouns})(?![\w'’])(?:\s+[\w/’']+){{0,3}}?\s+(?P<prep>{prep}))\s*",
        re.IGNORECASE)


_WORDS = re.compile(r"[^\W\d_]+['’]?")


def _first_word(form: str) -> str:
    m = _WORDS.match(form.lower())
    return m.group(0).rstrip("'’") if m else form.lower()


_WORD_BEFORE = re.compile(r"([\w'’]+)\s*$")


def _last_word(text: str, pos: int) -> str:
    """The word before ``pos`` ("ha" in "l'ha "; a comma may follow it), lower case."""
    i = pos
    while i > 0 and text[i - 1] in " \t\n,":
        i -= 1
    if i > 0 and text[i - 1] in "'’":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return text[j:i].lower()


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


_SPEECH_BEFORE = re.compile(r"[»”\"“]\s*[,–—-]?\s*(?:(?:gli|le|mi|ci|vi)\s+)?$|[–—-]\s*(?:(?:gli|le|mi|ci|vi)\s+)?$",
                            re.IGNORECASE)
_SPEECH_AFTER = re.compile(r"\s*[:«“\"]")


def _beside_speech(text: str, start: int, end: int) -> bool:
    """Is a cue right after a quotation ("…», tuona il ministro", "…», gli fa eco X"), inside one
    between dashes, or right before a colon or a quotation ("esulta: «…»")?"""
    return bool(_SPEECH_BEFORE.search(text, max(0, start - 8), start) or _SPEECH_AFTER.match(text, end))


def source_positions(text: str, lex: Lexicon) -> list[int]:
    """Where a "secondo X" / "a suo avviso" / "secondo cui" phrase starts, in order: a fast scan
    for the phrases' first words (``str.find`` on the lower-cased text), then the full pattern
    only there."""
    low = text.lower()
    out = []
    for word in lex.source_words:
        i = low.find(word)
        while i >= 0:
            if (i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "_'’")) and lex.any_source_re.match(text, i):
                out.append(i)
            i = low.find(word, i + 1)
    return sorted(set(out))


#: A cleft before an infinitive of saying: "è stato X ad ammettere", "era stata la tv X, per
#: prima, a rivelare", "sono stati i media a riferire". The copula opens the focus phrase.
_CLEFT_BEFORE = re.compile(
    r"(?<![\w'’])(?:è|era|fu|sono|erano|furono|sarà|sarebbe)\s+(?:stat[oaie]\s+)?(?:proprio\s+|anche\s+)?"
    r"(?:il|lo|la|l['’]|i|gli|le|un|una|uno)\s*[^.;:!?«»“”\"\n]{1,110}?[\s,](?:per\s+prim[oaie]\s+)?ad?\s+$",
    re.IGNORECASE)


def find_cues(text: str, lo: int, hi: int, lex: Lexicon) -> list[Cue]:
    """Every acceptable reporting cue in ``text[lo:hi]``, in order."""
    cues: list[Cue] = []
    for w in _WORDS.finditer(text, lo, hi):
        word = w.group(0).lower()
        pattern = lex.by_first_word.get(word.rstrip("'’"))
        vm = pattern.match(text, w.start(), hi) if pattern is not None else None
        if vm is not None:
            verb = " ".join(vm.group(0).lower().replace("’", "'").split())
            end = vm.end()
        elif word in lex.form_info:
            verb, end = word, w.end()
        else:
            continue
        if cues and w.start() < cues[-1].end:
            continue
        info = lex.form_info.get(verb) or lex.form_info.get(verb.replace("'", "’"))
        if info is None:
            continue
        anchor = w.start()
        if re.match(r"\s[«“\"]", text[max(lo, anchor - 2):anchor]):
            anchor -= 1  # "ha «chiesto …»": the marks open on the verb, its auxiliary stands before them
        before = _last_word(text, anchor)
        m = lex.prefix_re.match(text[max(lo, anchor - 60):anchor][::-1]) \
            if before in lex.prefix_words or before.endswith("mente") else None
        start = anchor - m.end() if m and m.group(0) else w.start()
        clitic = bool(m and m.group("clitic"))
        lemma, kind, vclass = info
        aux = m.group("aux")[::-1] if m and m.group("aux") else None
        modal = kind == "infinitive" and bool(aux) and re.sub(r"\s+", " ", aux.lower()) in lex.modal_auxiliaries
        if modal:
            kind = "participle"  # "ha voluto sottolineare che": the modal carries the verb group
        if kind == "participle" and not aux:
            continue
        if kind == "infinitive" and not re.match(r"\s*:", text[end:end + 3]):
            if not _CLEFT_BEFORE.search(text, max(lo, w.start() - 140), w.start()):
                continue
            kind = "cleft"  # "È stato il ministero ad ammettere che …": the focus speaks
        if lemma in lex.speech_only_lemmas and not _beside_speech(text, start, end):
            continue
        if kind == "finite" and not aux and not clitic and _word_before(text, w.start()) in _DETERMINERS:
            continue  # a noun: "la minaccia", "una nota"
        if aux and kind == "finite":
            continue  # "è dice" is not Italian; the auxiliary belongs elsewhere
        if aux and not modal:  # "è tornato a chiedere": a modal's "è" makes no passive
            low = re.sub(r"\s+", " ", aux.lower())
            if low.startswith("si "):
                if lemma in lex.reflexive_lemmas:
                    pass  # "si è augurato che"
                elif lemma in ("dire", "dichiarare"):
                    kind = "self"  # "si è detto favorevole"
                else:
                    continue  # "si è conclusa" is no report
            elif low.startswith(("è", "sono", "era", "sarebbe", "viene", "vengono")):
                if "stat" not in low or lemma not in lex.impersonal_lemmas:
                    continue  # "è affermato" is an adjective; "è stato confermato" is no report
                kind = "impersonal"  # "è stato sottolineato", or a passive with "da X"
        cues.append(Cue(start, end, w.start(), lemma, kind, vclass, clitic, aux))
    return cues
