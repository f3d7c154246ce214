"""Names the actor data lacks, found from their shape (stage ``cronaca.entities.rules.v1``).

1. Capitalised runs ("Wendy R. Sherman", "Hayat Tahrir al-Sham", "Ka-52") are cut where a
   person's given name starts and typed from cues: a given name, a role word before, a head noun
   ("Ministero", "Mar"), an article before (no article stands before a person in Italian).
2. Institutions: a capitalised head noun and its lower-case complements ("Consiglio supremo per
   la sicurezza nazionale", "Autorità nazionale palestinese"); formal names of states ("Regno
   dell'Arabia Saudita"); ministries by office and country ("il dicastero degli Esteri di Pechino").
3. Things a place names ("vertice di Madrid") and places a region noun opens ("regione di Kursk").
4. Titles of documents ("il Trattato tra la Federazione Russa e ...").
"""

from __future__ import annotations

import re

import simplemma

from ..resources.actors import ActorKB, slug
from .namelex import (
    _FUZZY_CUTOFF,
    _FUZZY_SINGLE_PER,
    _WORD_START,
    _caps_ok,
    _contiguous,
    _elided,
    _hyphened_article,
    _is_cap,
    _is_english_word,
    _is_word,
    _kind_of,
    _lemma,
    _Lex,
    _sentence_initial,
    fold_name,
)
from .tokens import Token

#: the id prefix of a news organisation named by its cue only ("l'agenzia di stampa Sana"): it
#: reports acts and performs none (the events stage reads it as the actor data's ``media``)
NEWS_PREFIX = "org:~news-"

# an ordinal in Roman numerals, II to XXXIX ("IX Forum", "XV Congresso"); "I" alone is a letter
_ROMAN = re.compile(r"^(?=[IVX]{2,}$)X{0,3}(?:IX|IV|V?I{0,3})$")


def _named_alone(t: Token, lx: _Lex) -> bool:
    """A word that is a name by itself, a known person's surname or a common acronym ("Ong"):
    after the language's "of" (``of_particles``: "di", "della") it is no part of the person's name before it."""
    return bool(lx.kb.surnames.get(t.key)) or t.text in lx.never


def _cap_runs(text: str, toks: list[Token], covered: list[bool], lx: _Lex):
    """Maximal runs of capitalised words (with initials, particles and hyphens inside)."""
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if covered[i] or not (_is_cap(t) or t.key in lx.arabic_articles and _hyphened_article(toks, i, covered, lx)) \
                or _elided(toks, i, lx):
            i += 1
            continue
        j = i + (3 if _hyphened_article(toks, i, covered, lx) else 1)
        while j < n and not covered[j] and "\n" not in text[toks[j - 1].end:toks[j].start]:
            t = toks[j]
            if _is_cap(t) and not _elided(toks, j, lx):
                if t.text in lx.kb.firstnames and (toks[j - 1].text not in lx.kb.firstnames or toks[i].text in lx.all_heads) \
                        and toks[j - 1].key not in lx.particles and len(toks[j - 1].text) > 1 \
                        and j + 1 < n and (_is_cap(toks[j + 1]) and _contiguous(text, toks, j, 2)
                                           or toks[j + 1].key in lx.particles and toks[j + 1].text.islower()
                                           and j + 2 < n and _is_cap(toks[j + 2]) and _contiguous(text, toks, j, 3)):
                    break  # a person starts: "Fondazione Maxxi | Alessandro Giuli", "Commissione | Ursula von der Leyen"
                j += 1
            elif t.text == "." and len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper() \
                    and j + 1 < n and _is_cap(toks[j + 1]):
                j += 1  # middle initial "R."
            elif t.key in lx.arabic_articles and _hyphened_article(toks, j, covered, lx):
                j += 3  # "Hayat Tahrir al-Sham", "Abdel Fattah el-Sisi"
            elif t.text == "of" and j + 1 < n and _is_cap(toks[j + 1]) and not covered[j + 1] \
                    and _contiguous(text, toks, j - 1, 3):
                j += 2  # an English name: "Joint Comprehensive Plan of Action", "Bank of America"
            elif t.key in lx.particles and j + 1 < n and _is_cap(toks[j + 1]) and not covered[j + 1] \
                    and "\n" not in text[t.end:toks[j + 1].start] \
                    and not (t.key in lx.of_particles and toks[i].text not in lx.all_heads and _named_alone(toks[j + 1], lx)):
                j += 2  # "Jaap de Hoop" (not "ha detto Jeffrey di Gulen": "di" + a name of its own)
            elif t.key in lx.particles and t.text.islower() and j + 2 < n and toks[j + 1].key in lx.particles \
                    and toks[j + 1].text.islower() and _is_cap(toks[j + 2]) and not covered[j + 2] \
                    and _contiguous(text, toks, j, 3):
                j += 3  # "Ursula von der Leyen", "Jaap de la Hoop"
            elif t.text == "d" and j + 2 < n and toks[j + 1].text in ("'", "’") and _is_cap(toks[j + 2]) \
                    and not covered[j + 2] and _contiguous(text, toks, j - 1, 4) \
                    and toks[j - 1].end < t.start and t.end == toks[j + 1].start == toks[j + 2].start - 1:
                j += 3  # an elided particle: "Valéry Giscard d'Estaing", "Gérard d'Aboville"
            elif t.text in ("-", "'", "’") and j + 1 < n and _is_cap(toks[j + 1]) and not covered[j + 1] \
                    and toks[j - 1].end == t.start and t.end == toks[j + 1].start:
                j += 2  # glued only: "Jean-Yves", "d'Eau"
            elif t.text == "-" and j + 1 < n and toks[j + 1].text.isdigit() and len(toks[j + 1].text) <= 4 \
                    and toks[j - 1].end == t.start and t.end == toks[j + 1].start:
                j += 2  # a model or a series: "Ka-52", "Hwasong-12", "F-35"
                break
            elif t.text == "-" and j + 1 < n and toks[j + 1].text.isalpha() and toks[j + 1].text.islower() \
                    and len(toks[j + 1].text) <= 4 and toks[j - 1].end == t.start and t.end == toks[j + 1].start \
                    and _is_cap(toks[j - 1]):
                j += 2  # a syllable of an East Asian given name: "Kim Jong-un", "Hou Yu-ih"
            else:
                break
        yield i, j
        i = j


def _document_titles(text: str, toks: list[Token], covered: list[bool], lx: _Lex):
    """Capitalised document titles; the names inside them stay mentions of their own."""
    out = []
    n = len(toks)
    for i in [k for k, t in enumerate(toks) if t.text in lx.doc_heads]:
        t = toks[i]
        if covered[i] or _sentence_initial(text, toks, i) and not _quoted_title_start(toks, i, lx):
            continue
        j, last_cap = i + 1, i
        while j < n and "\n" not in text[toks[j - 1].end:toks[j].start]:
            tj = toks[j]
            if tj.key in lx.title_stop_words and _lone_party(toks, j + 1, lx):
                break  # "il Memorandum d'intesa con la Libia": the party is no part of the title
            if tj.key == "e" and j + 1 < n and (toks[j + 1].key in lx.elisions or toks[j + 1].key in lx.title_fw) \
                    and any(x.text in lx.doc_heads for x in toks[j + 1:j + 4]):
                break  # "... e dell'Accordo ...": a second title starts
            if _is_cap(tj):
                last_cap = j
            elif tj.key in lx.title_fw:
                pass
            elif tj.text.islower() and any(_is_cap(x) for x in toks[j + 1:j + 4]) \
                    and all(x.key in lx.title_fw or _is_cap(x) for x in toks[j + 1:j + 4]):
                pass  # one lower-case word inside ("gli Stati membri dell'Organizzazione")
            else:
                break
            j += 1
        if last_cap > i:
            surface = text[t.start:toks[last_cap].end]
            out.append((i, last_cap + 1, f"misc:~{slug(surface)}", 0.6))
    return out


def _titled_by_name(toks: list[Token], titles: list, found: list, lx: _Lex) -> list:
    """``found`` less the names that title a document by themselves: in "Trattato del Quirinale"
    or "Accordo di Pretoria" the place names the text, as "Accordi di Dayton" does in the data, and
    is no mention of its own (parties in a longer title, "tra la Federazione Russa e ...", stay)."""
    drop = set()
    for a, b, _, _ in titles:
        k = a + 1
        if k < b and toks[k].key in lx.name_preps:
            k += 1
            if k < b and toks[k].text in ("'", "’"):
                k += 1
            if k < b and toks[k].key in lx.articles_bare:
                k += 1
            drop |= {(fa, fb) for fa, fb, _, _ in found if fa == k and fb == b}
    return [f for f in found if (f[0], f[1]) not in drop] if drop else found


def _lone_party(toks: list[Token], k: int, lx: _Lex) -> bool:
    """Does one name alone follow a title's "con" ("... con la Libia.")? A title that goes on past
    it ("Accordo della Federazione Russa con gli Stati membri dell'Organizzazione ...") keeps it."""
    n = len(toks)
    if k < n and toks[k].key in lx.articles_bare:
        k += 1
    if k < n and toks[k].text in ("'", "’"):
        k += 1
    start = k
    while k < n and _is_cap(toks[k]):
        k += 1
    if k == start:
        return False
    return k >= n or not (toks[k].key in lx.title_fw or toks[k].text.islower() and toks[k].text.isalpha())


_OPENING_QUOTES = frozenset({"“", "«", '"', "‘"})
_CLOSING_QUOTES = frozenset({"”", "»", '"', "’"})


def _quoted_title_start(toks: list[Token], i: int, lx: _Lex) -> bool:
    """A title in quotation marks ("“Trattato del Quirinale”"): the opening mark is no sentence
    start when the capitalised words after it close with the closing mark."""
    if i == 0 or toks[i - 1].text not in _OPENING_QUOTES:
        return False
    for j in range(i + 1, min(i + 10, len(toks))):
        t = toks[j]
        if t.text in _CLOSING_QUOTES:
            return j > i + 1 and _is_cap(toks[j - 1])
        if not (_is_cap(t) or t.key in lx.title_fw):
            return False
    return False


def _classify(text: str, toks: list[Token], a: int, b: int, kb: ActorKB, lx: _Lex):
    # drop leading words that are not names ("Il", "Lunedì", a capitalised common word)
    if b - a >= 3 and toks[b - 1].text.isdigit() and toks[b - 2].text == "-" and _is_cap(toks[b - 3]):
        first = b - 3  # "Ka-52", "un F-35": the model is the name, whatever precedes it
        while first > a and (_is_cap(toks[first - 1]) or toks[first - 1].text == "-") \
                and toks[first - 1].text not in lx.never and not _is_word(toks[first - 1].key):
            first -= 1
        return first, b, f"misc:~{slug(text[toks[first].start:toks[b - 1].end])}", 0.6
    title_end = _role_title_end(toks, a, b, lx)
    titled = title_end > a and any(_is_cap(t) and t.text not in lx.never for t in toks[a:title_end])
    if titled:
        a = title_end  # "Primo Ministro | Madbouly", "presidente della Repubblica | Sahle Work Zewde"
    elif text[toks[a].start:toks[b - 1].end].lower().startswith(lx.role_phrases):
        return None  # "Capo dello Stato": an office, not a place or a body
    words_all = [t for t in toks[a:b] if _WORD_START.match(t.text)]
    if len(words_all) >= 2 and all(t.text.isupper() for t in words_all) \
            and 2 * sum(_is_word(t.key) or _is_english_word(t.key) for t in words_all) >= len(words_all) \
            and not any(t.text.title() in kb.firstnames for t in words_all):
        return None  # a heading in capitals: "NO A NUOVI NEGOZIATI", "BREAKING NEWS"
    covered0 = [False] * len(toks)
    while a < b:
        t = toks[a]
        if _hyphened_article(toks, a, covered0, lx) or (  # "al-Masri"; "Al Qaida" inside a sentence
                t.text in ("Al", "El") and b - a > 1 and _is_cap(toks[a + 1]) and not _sentence_initial(text, toks, a)):
            break
        if t.text in lx.newspaper_articles and b - a > 1 and toks[a + 1].text in lx.newspaper_heads:
            break  # "La Voz de Galicia", "Il Gazzettino": a newspaper's article is part of its name
        if t.text in lx.never or t.text.title() in lx.never or t.text.upper() == t.text and len(t.text) == 1 \
                or _ROMAN.match(t.text):
            a += 1  # an article, a capital letter alone, an ordinal in Roman numerals ("IX Forum")
        elif a + 1 < b and toks[a + 1].text == "." and len(t.text) <= 4:  # "Amb.", "Sen."
            a += 2
        elif a + 1 < b and (t.text in lx.english_offices or _is_english_word(t.key) and toks[a + 1].text in lx.english_offices) \
                and any(not _is_english_word(x.key) for x in toks[a + 1:b] if _WORD_START.match(x.text)):
            a += 1  # "Minister Alfano", "Prime Minister Kishida": an English title before the name
        elif b - a > 1 and _is_word(t.key) and t.text not in kb.firstnames \
                and (_sentence_initial(text, toks, a) or not _WORD_START.match(toks[a + 1].text)):
            a += 1
        else:
            break
    while b > a and not _WORD_START.match(toks[b - 1].text):
        b -= 1
    if a >= b:
        return None
    # "lago Lemano", "palazzo Dolmabahce": a lower-case place noun is part of the name
    pre = a - 1
    if pre >= 0 and toks[pre].key in lx.particles and pre >= 1:
        pre -= 1  # "mare di Azov", "accordi di Minsk"
    if pre >= 0 and toks[pre].text.islower() and _contiguous(text, toks, pre, a - pre + 1):
        head = toks[pre].key
        if head in lx.lower_loc_heads:
            return pre, b, f"loc:~{slug(text[toks[pre].start:toks[b - 1].end])}", 0.6
        person = bool(kb.surnames.get(toks[a].key)) or toks[a].text in kb.firstnames
        if head in lx.lower_doc_heads and toks[pre].text not in ("formato",) and not person:
            return pre, b, f"misc:~{slug(text[toks[pre].start:toks[b - 1].end])}", 0.6
        if head in lx.lower_event_heads and toks[pre + 1].key in ("di", "a") and not person:
            return pre, b, f"event:~{slug(text[toks[pre].start:toks[b - 1].end])}", 0.6
    words = [t for t in toks[a:b] if _WORD_START.match(t.text)]
    surface = text[toks[a].start:toks[b - 1].end]
    single = len(words) == 1
    initial = _sentence_initial(text, toks, a)
    key = tuple(t.key for t in toks[a:b])

    # a generated city (never a part of a longer name)
    for e in kb.index.get(key, ()):
        if not e.curated and _caps_ok(e, toks, a) and not (single and _is_word(key[0])):
            return a, b, e.actor_id, 0.8  # ("Arabi" is a word, not a town of that name)
    # "il partito Azione", "il movimento Cinque Stelle", "il quotidiano Domani": after a
    # lower-case noun that classes a body, capitalised common words are that body's name
    # the cue may have adjectives and a complement after it: "l'agenzia di stampa statale Sana"
    cue = a - 1 if a > 0 and toks[a - 1].key in lx.org_cues else _past_adjectives(toks, a - 1, kb, lx) if a > 0 else -1
    for complement in lx.org_cue_complements:
        n = len(complement)
        if cue >= n and tuple(t.key for t in toks[cue - n + 1:cue + 1]) == complement \
                and _contiguous(text, toks, cue - n, a - cue + n):
            cue -= n
            break
    named_by_cue = cue >= 0 and toks[cue].key in lx.org_cues and toks[cue].text.islower() \
        and _contiguous(text, toks, cue, a - cue + 1) \
        and not initial and not any(t.text in lx.never or t.text in lx.all_heads for t in words)
    if named_by_cue and all(_is_word(t.key) for t in words):
        news = NEWS_PREFIX if toks[cue].key in lx.media_cues else "org:~"
        return a, b, f"{news}{slug(surface)}", 0.6
    if single and a > 0 and toks[a - 1].key in lx.person_cues and toks[a - 1].text.islower() and not initial \
            and _is_word(words[0].key) and words[0].text not in lx.never and words[0].text not in lx.all_heads \
            and words[0].text not in lx.group_names and not words[0].text.isupper() and len(words[0].text) > 3 \
            and not _is_english_word(words[0].key):
        # "il premier Conte", "il presidente Draghi": a surname that is also a word, after a title
        return a, b, f"per:~{slug(surface)}", 0.6
    if single:
        w = words[0]
        if _is_word(w.key) or w.text in lx.never or w.text.title() in lx.never or len(w.text) < 2 \
                or w.text.isdigit() or w.text in lx.group_names or w.text in lx.all_heads \
                or w.key in lx.person_cues:
            # a common word, a people ("Rohingya"), a head noun alone ("Summit"), a title alone
            # ("la Cancelliera", "la Sottosegretaria": the office, not a name)
            return None
        # a surname the KB knows ("Lavrov") -- resolved again against the article later
        ids = kb.surnames.get(w.key, ())
        if len(ids) == 1:
            return a, b, ids[0], 0.8
        # a misspelling or another transliteration of a known one-word name ("Bierlorussia",
        # "Prighozhin", "Myamnmar"): long enough, same initial, nearly the same letters
        if not w.text.isupper() and _is_english_word(w.key) and w.text not in kb.firstnames:
            return None  # "Smart", "Next", "World": an English word, capitalised in a title or a brand
        folded = lx.folded_people.get(fold_name(w.text))
        if folded:  # another romanisation of a known surname ("Lukascenko", "Chamenei")
            return a, b, folded, 0.8
        if len(w.key) >= 6:
            near = lx.near_single(w.key)
            if near and (near[1] >= _FUZZY_SINGLE_PER or not near[0].startswith("per:")):
                return a, b, near[0], round(near[1] / 100 * 0.8, 3)
    else:
        # another romanisation of a known person ("al-Sissi", "Ali Chamenei")
        folded = lx.folded_people.get(fold_name(surface))
        if folded:
            return a, b, folded, 0.8
        # a typo or unlisted spelling of a known person
        hit = lx.near_person(surface.lower(), _FUZZY_CUTOFF)
        if not hit and len(words) > 2 and words[0].text in kb.firstnames:
            # a patronymic or middle name the data leaves out: "Maria Alekseyevna Lvova-Belova"
            last = b - 1
            while last - 2 >= a and toks[last - 1].text == "-" and toks[last - 2].end == toks[last - 1].start:
                last -= 2  # "Lvova-Belova" is one surname
            ends = f"{words[0].text} {text[toks[last].start:toks[b - 1].end]}".lower()
            hit = lx.near_person(ends, 95.0)
        if hit:
            return a, b, hit[0], round(hit[1] / 100 * 0.85, 3)
        near = lx.near_multi(" ".join(t.key for t in toks[a:b]))
        if near:
            return a, b, near[0], round(near[1] / 100 * 0.8, 3)
    if not single and words[-1].text in lx.english_offices \
            and all(_is_english_word(w.key) or w.key in kb.demonyms or w.text in lx.english_offices for w in words):
        return None  # "Prime Minister", "Pakistani Foreign Minister": an office in English, no name
    if not single and all(_is_word(w.key) for w in words) and not (
            words[0].text in lx.org_heads and any(t.key in lx.particles for t in toks[a:b])) \
            and not _newspaper(words, lx) \
            and not (words[0].text in kb.firstnames and len(words) == 2) \
            and not (words[0].text in lx.name_heads and not initial and words[0].text not in lx.never):
        return None  # "Nuovo Anno": capitalised common words (not "Mario Rossi", "Fondazione Alba")
    kind = _guess_kind(text, toks, a, words, kb, lx)
    if titled and kind != "PER" and not (single and words[0].text.isupper()) \
            and not any(_is_word(t.key) and t.text not in kb.firstnames for t in words):
        kind = "PER"  # a name a title opens is its holder's: "il Generale Valerij Zaluzhny"
    if kind is None or (single and initial and kind != "PER"):
        return None
    name = " ".join(w.text for w in words) if kind == "PER" else surface
    if kind == "PER" and len(words) > 2:
        # "Wendy R. Sherman" -> per:~wendy-sherman: initials do not make another person
        name = " ".join(w.text for w in words if len(w.text) > 1)
    return a, b, f"{kind.lower()}:~{slug(name)}", 0.6


def _english_tails(text: str, toks: list[Token], found: list, covered: list[bool], kb: ActorKB, lx: _Lex) -> list:
    """A place named in an English name's first words is a company, an outlet or a body:
    "Malaysia Airlines", "Qatar Airways", "Kyiv Independent", "Tehran Times" are no mentions of
    their place (the tail words are in the lexicon: "Airlines", "Times", "Energy"...)."""
    if not lx.english_tails:
        return found
    out: list = []
    n = len(toks)
    taken = -1
    for f in sorted(found):
        a, b, aid, conf = f
        if a < taken:
            continue  # a tail known on its own ("Times"): part of the longer name
        e = b
        while e < n and e - b < 2 and toks[e].text in lx.english_tails \
                and _contiguous(text, toks, e - 1, 2):
            e += 1
        if e > b and _kind_of(aid, kb) in ("GPE", "LOC") and not (e < n and _is_cap(toks[e]) and _contiguous(text, toks, e - 1, 2)):
            for k in range(b, e):
                covered[k] = True
            out.append((a, e, f"org:~{slug(text[toks[a].start:toks[e - 1].end])}", 0.6))
            taken = e
        else:
            out.append(f)
    return out


def _role_title_end(toks: list[Token], a: int, b: int, lx: _Lex) -> int:
    """Where a title that a capitalised run opens ends, when a name follows it in the run.

    Italian capitalises titles at will ("il Primo Ministro Madbouly", "il Segretario di Stato
    Rubio") and an office may end on a capitalised word ("la presidente della Repubblica Sahle
    Work Zewde"): the run then holds the title and its holder, and only the holder is a name.
    Returns ``a`` when no title opens the run."""
    while a + 1 < b and (toks[a].text in lx.never or toks[a].text == "'"):
        a += 1  # "Il | Generale ...", "L' | Alto Rappresentante ..."
    if toks[a].key not in lx.role_title_words:
        return a  # most runs: no title word where the run starts
    best = a
    for s in range(max(0, a - lx.role_title_len + 1), a + 1):
        if any(toks[k].text[:1].isupper() for k in range(s, a)):
            continue  # words before the run are lower case: "presidente della | Repubblica"
        for e in range(max(a + 1, best + 1), min(b, s + lx.role_title_len + 1)):
            if tuple(t.key for t in toks[s:e]) in lx.role_titles and _is_cap(toks[e]) \
                    and toks[e].key not in lx.particles and _WORD_START.match(toks[e].text):
                best = e
    return best


def _past_adjectives(toks: list[Token], k: int, kb: ActorKB, lx: _Lex) -> int:
    """The index of the word at ``k`` or, if it is a lower-case adjective, of the first word before
    up to three of them that is none ("agenzia | irachena" -> "agenzia")."""
    j = k
    while j >= 0 and k - j < 3 and toks[j].text.islower() and _name_adjective(toks[j], kb, lx):
        j -= 1
    return j


def _newspaper(words: list[Token], lx: _Lex) -> bool:
    """A name a newspaper's noun opens, after its article or not, or closes: "Corriere del Ticino",
    "La Voz de Galicia", "Il Gazzettino", "Frankfurter Allgemeine Zeitung"."""
    first = 1 if len(words) > 1 and words[0].text in lx.newspaper_articles else 0
    return words[first].text in lx.newspaper_heads or len(words) > 1 and words[-1].text in lx.newspaper_heads


def _guess_kind(text: str, toks: list[Token], a: int, words: list[Token], kb: ActorKB, lx: _Lex):
    """Type a name the KB does not know, from its head word and the words around it."""
    head = words[0].text
    prev = toks[a - 1].key if a > 0 else ""
    end = a + 1
    while end < len(toks) and toks[end].start < words[-1].end:
        end += 1
    nxt = toks[end].key if end < len(toks) else ""
    if head in lx.org_heads or words[-1].text in lx.org_heads or _newspaper(words, lx):
        return "ORG"
    if len(words) >= 2 and words[-1].text in lx.english_event_tails:
        return "EVENT"  # English order, the head last: "Locarno Film Festival", "Doha Forum"
    if len(words) >= 2 and words[-1].text in lx.english_org_last:
        return "ORG"  # "Hudson Institute", "Carnegie Foundation"
    if len(words) >= 2 and (words[-1].text in lx.english_place_tails or head in lx.foreign_place_heads):
        return "LOC"  # "Capella Hotel", "Palacio de la Moneda": a building or a place
    if head in lx.gpe_heads:
        return "GPE"
    if head in lx.loc_heads:
        return "LOC"
    if head in lx.event_heads:
        return "EVENT"
    if head in lx.misc_heads:
        return "MISC"
    if head in kb.firstnames and len(words) >= 2:
        return "PER"
    # the cue may have adjectives after it: "l'agenzia irachena Nina", "il villaggio congolese di ..."
    cue = _past_adjectives(toks, a - 1, kb, lx)
    cue_word = toks[cue].key if cue >= 0 and toks[cue].text.islower() else ""
    if prev in lx.person_cues or cue_word in lx.person_cues:
        return "PER"
    if prev in lx.org_cues or cue_word in lx.org_cues:
        return "ORG"
    if prev == "di" and a > 1:
        noun = _past_adjectives(toks, a - 2, kb, lx)
        if noun >= 0 and toks[noun].text in lx.settlement_nouns:
            return "GPE"  # "il villaggio di Kavumu", "la città di El Alto", "il sindaco di ..."
    if len(words) == 1:
        w = head
        if w.isupper() and 2 <= len(w) <= 6:
            return "ORG"  # an acronym
        if prev in lx.place_cues:
            return "GPE"
        if prev in lx.articles or (prev == "'" and a > 1 and toks[a - 2].key in lx.elisions):
            return "ORG"  # "la Tass", "dell'Unian": Italian puts no article before people
        if nxt in lx.speech_after:
            return "PER"
        return "MISC"
    if any(simplemma.is_known(w.key, lang="en") for w in words[1:]) and head not in kb.firstnames \
            and simplemma.is_known(head.lower(), lang="en"):
        return "MISC"  # "Union Resolve", "Allied Resolve": an English-named thing, not a person
    if all(not _is_word(w.key) or w.key in lx.particles or w.key in lx.arabic_articles for w in words):
        return "PER"
    return None


# --------------------------------------------------------------------------------------------
# within-article resolution, metonyms, roles


def _institutions(text: str, toks: list[Token], found: list, covered: list[bool], kb: ActorKB, lx: _Lex,
                  doc_titles: list, names: dict[str, str]) -> list:
    heads = {a: (b, aid) for a, b, aid, _ in found}
    titles = {t[0] for t in doc_titles}  # their own rule reads them
    spans = []
    drop: set[int] = set()
    nested: set[int] = set()
    n = len(toks)
    trig = lx.inst_heads
    cands = sorted({i for i, t in enumerate(toks) if t.text in trig}
                   | {a for a, (b, _) in heads.items() if toks[b - 1].text in trig})
    upto = 0  # tokens before this index belong to a name found already
    for i in cands:
        if i < upto:
            continue
        t = toks[i]
        hit = heads.get(i)
        if covered[i] and not hit:
            continue
        if hit and hit[0] - 1 > i and toks[hit[0] - 1].text in trig:
            # a known name ending in a head the text continues: "la Repubblica islamica dell'Iran"
            # is no newspaper, "Forze armate ucraine" no mere "Forze armate"
            h, e = hit[0] - 1, hit[0]
            state = _state_name(text, toks, h, heads, kb, lx) if toks[h].text in lx.state_heads else None
            j = e if state or toks[h].text not in lx.name_heads else _institution_end(text, toks, h, e, covered, kb, lx)
            if state or j > e:
                drop.add(i)
                end, aid = state or (j, f"{_head_kind(toks[h].text, lx).lower()}:~{slug(text[toks[h].start:toks[j - 1].end])}")
                spans.append((h, end, aid, 0.9 if state else 0.6))
                upto = end
                continue
        if not hit and t.text in lx.state_heads:
            state = _state_name(text, toks, i, heads, kb, lx)
            if state:
                spans.append((i, state[0], state[1], 0.9))
                upto = state[0]
                continue
        if t.text in lx.name_heads and i not in titles and not _elided(toks, i, lx) \
                and (not hit or _kind_of(hit[1], kb) in ("ORG", "EVENT", "MISC", "LOC")):
            start = hit[0] if hit else i + 1  # a known name is continued only past its end
            if hit and hit[0] - i > 1 and not (start < n and _name_adjective(toks[start], kb, lx)):
                upto = start  # ... and only by an adjective ("Partito Democratico Progressista")
                continue
            j = _institution_end(text, toks, i, start, covered, kb, lx)
            if not hit and t.text in lx.government_heads and i + 1 < n and toks[i + 1].key in kb.demonyms \
                    and _contiguous(text, toks, i, 2) and (j == i + 1 or j == i + 2):
                # "il Governo italiano", "il Governo etiope": the state acting
                spans.append((i, i + 2, kb.demonyms[toks[i + 1].key], 0.8))
                upto = i + 2
                continue
            if j > start:
                # "Comitato per la sicurezza nazionale dell'Ucraina": the state it belongs to is part
                # of the mention, not of its name; the state stays a mention of its own
                end, bare = j, text[t.start:toks[j - 1].end]
                if j < n and toks[j].key in lx.name_preps:
                    k = _after_preposition(toks, j, lx)
                    owner = heads.get(k)
                    okind = _kind_of(owner[1], kb) if owner else None
                    if toks[j].key == "per" and okind not in ("GPE", "LOC"):
                        owner = None  # "per" names a body's field ("... per i rifugiati"), not its owner
                    if owner and _contiguous(text, toks, j - 1, owner[0] - j + 1):
                        if okind == "GPE" and toks[j - 1].text.islower():
                            end = owner[0]
                            nested.add(k)
                        elif okind == "LOC" and toks[j - 1].text.islower() and t.text in lx.org_heads:
                            # "Comando statunitense per il Medio Oriente", "Ufficio di coordinamento
                            # per l'Africa": the region a body covers is part of its name, no mention
                            end = j = owner[0]
                            bare = text[t.start:toks[j - 1].end]
                        elif okind == "ORG" and owner[1] not in kb.media and toks[j].key != "per":
                            # "Consiglio per i diritti umani dell'Onu", "Assemblea parlamentare della
                            # Nato": a body of a body is one name, and the owner no mention of its own
                            end = j = owner[0]
                            bare = text[t.start:toks[j - 1].end]
                aid = f"{_head_kind(t.text, lx).lower()}:~{slug(bare)}"
                if end > j:
                    names[aid] = bare
                spans.append((i, end, aid, 0.6))
                upto = end
                continue
        if hit:
            upto = hit[0]
    if not spans:
        return found
    for a, b, _, _ in spans:
        for k in range(a, b):
            covered[k] = True
    for i in drop:
        for k in range(i, heads[i][0]):
            covered[k] = False
    for a, b, _, _ in spans:
        for k in range(a, b):
            covered[k] = True
    kept = [f for f in found if f[0] not in drop and (f[0] in nested or not any(a <= f[0] < b for a, b, _, _ in spans))]
    return kept + spans


def _after_preposition(toks: list[Token], j: int, lx: _Lex) -> int:
    """The token after the preposition at ``j`` and its article: "dell'|Ucraina", "per l'|Africa"."""
    n = len(toks)
    k = j + 1
    if k < n and toks[k].text in ("'", "’"):
        k += 1
    if k < n and toks[k].key in lx.articles_bare:
        k += 1
    if k < n and toks[k].text in ("'", "’") and toks[j].key == "per":
        k += 1  # "per l'Africa"
    return k


def _state_name(text: str, toks: list[Token], i: int, heads: dict, kb: ActorKB, lx: _Lex):
    """A state's formal name: "Regno dell'Arabia Saudita", "Repubblica islamica dell'Iran",
    "Repubblica Democratica Popolare di Corea" -> (end, the country's id)."""
    n = len(toks)
    j = i + 1
    while j < n and j - i < 5 and _name_adjective(toks[j], kb, lx) and _contiguous(text, toks, j - 1, 2):
        j += 1
    if j >= n or toks[j].key not in lx.name_preps:
        return None
    k = j + 1
    if k < n and toks[k].text in ("'", "’"):
        k += 1
    if k < n and toks[k].key in lx.articles_bare:
        k += 1
    if k in heads:
        end, aid = heads[k]
        actor = kb.actors.get(aid)
        if actor and actor.kind == "GPE" and actor.external_ids.get("iso3166") and _contiguous(text, toks, i, end - i):
            return end, aid
    return None


def _head_kind(head: str, lx: _Lex) -> str:
    for kind, group in (("ORG", lx.org_heads), ("GPE", lx.gpe_heads), ("LOC", lx.loc_heads),
                        ("EVENT", lx.event_heads), ("MISC", lx.misc_heads)):
        if head in group:
            return kind
    return "ORG"


def _institution_end(text: str, toks: list[Token], i: int, start: int, covered: list[bool],
                     kb: ActorKB, lx: _Lex) -> int:
    """Where the name a head noun opens ends (``start`` if it has no lower-case complement).

    Head, then adjectives ("supremo", "nazionale", "armate", "palestinese") and up to two
    complements of a preposition ("per la sicurezza nazionale", "di transizione", "delle
    piccole isole"); never a verb, a time word, a name of its own or a line break.
    """
    n = len(toks)
    j, end, plain, complements = i + 1, i + 1, 0, 0
    while j < n and j - i <= 9 and _contiguous(text, toks, j - 1, 2):
        t = toks[j]
        if covered[j] and j >= start:
            break
        if _name_adjective(t, kb, lx) and not (complements and t.key in kb.demonyms):
            j += 1
            end = j
            if t.key not in kb.demonyms:
                plain += 1
            continue
        elided_of = t.key == "d" and j + 2 < n and toks[j + 1].text in ("'", "’")  # "Corte d'appello"
        if (t.key in lx.name_preps or elided_of) and complements < 2 and j + 1 < n:
            k = j + 1
            if toks[k].text in ("'", "’") or toks[k].key in lx.articles_bare:
                k += 1
            if k < n and toks[k].text in ("'", "’") and toks[k - 1].key in lx.articles_bare:
                k += 1  # an elided article: "per l'infanzia", "per l'azione esterna"
            if k < n and toks[k].text.isdigit() and len(toks[k].text) == 4 and toks[i].text in lx.event_heads:
                j = end = k + 1  # "Mondiali di calcio del 2022"
                break
            # the complement keeps the name's case ("Camera dei Deputati", not "... per le esequie")
            # and is no head of a name of its own ("Comando Orientale dell'Esercito ...")
            if k < n and (not covered[k] or k < start) and _complement_noun(toks[k], lx) \
                    and _contiguous(text, toks, j, k - j + 1) \
                    and (j - 1 == i or toks[k].text[0].isupper() == toks[j - 1].text[0].isupper()) \
                    and toks[k].text not in lx.name_heads:
                if toks[k].key in lx.prenominal and k + 1 < n and (not covered[k + 1] or k + 1 < start) \
                        and _complement_noun(toks[k + 1], lx) and _contiguous(text, toks, k, 2):
                    k += 1  # "delle piccole isole": an adjective before the noun
                j = k + 1
                end = j
                plain += 1
                complements += 1
                # "sullo sviluppo e migrazioni", "per la salvaguardia e la restaurazione"
                if j + 1 < n and toks[j].key == "e" and toks[j - 1].text.islower():
                    k = j + 1
                    if toks[k].key in lx.articles_bare:
                        k += 1
                    if k < n and toks[k].text.islower() and _complement_noun(toks[k], lx) \
                            and _contiguous(text, toks, j, k - j + 1):
                        j = k + 1
                        end = j
                continue
        break
    # a body every country has, with its country's adjective alone, is that country's body:
    # "il Parlamento ungherese", "l'Esercito israeliano" (as "Forze armate ucraine" with "armate")
    own = toks[i].text in lx.bare_body_heads and not _is_cap(toks[end - 1])
    if end <= start or not (plain or own) \
            or text[toks[i].start:toks[end - 1].end].lower().startswith(lx.role_phrases):
        return start
    return end


def _name_adjective(t: Token, kb: ActorKB, lx: _Lex) -> bool:
    """A word that can continue an institution's name: "nazionale", "Suprema", "armate", "yemenite"."""
    w = t.key
    if not t.text.isalpha() or len(w) < 4 or w in lx.not_name_adjectives:
        return False
    if t.text[0].isupper() and not _is_word(w):
        return False  # a capitalised name, not an adjective
    if w in lx.name_adjectives or w in kb.demonyms:
        return True
    if w.endswith(lx.name_adjective_suffixes):
        lemma = _lemma(w)  # "la Commissione replica": a verb, not "-ica" as in "islamica"
        return not ((w[-1] in "ae" or w.endswith("ano")) and lemma != w and lemma.endswith(("are", "ere", "ire")))
    return False


def _complement_noun(t: Token, lx: _Lex) -> bool:
    """A lower-case noun after a preposition in a name: "sicurezza", "transizione", "isole"."""
    w = t.text
    if not w.isalpha() or len(w) < 3 or w in lx.not_complements or w in lx.name_preps or w in lx.articles:
        return False
    if not w.islower() and not (w[0].isupper() and w[1:].islower()):
        return False
    if _ORDINAL.match(w.lower()):
        return False  # "del Consiglio dell'ottavo pacchetto": an ordinal opens a phrase of its own
    return _is_word(w.lower()) and not (w.endswith(("are", "ere", "ire")) and _lemma(w.lower()) == w.lower())


_ORDINAL = re.compile(r"^(?:prim|second|terz|quart|quint|sest|settim|ottav|non|decim|\w+esim)[oaie]$")


def _ministries(text: str, toks: list[Token], found: list, covered: list[bool], kb: ActorKB, lx: _Lex) -> list:
    n = len(toks)
    starts = {f[0]: f for f in found}
    out = []
    for i in [j for j, t in enumerate(toks) if t.key in lx.ministry_heads]:
        t = toks[i]
        if covered[i] or not t.text.islower() or i + 2 >= n:
            continue
        j = i + 1
        if toks[j].key not in lx.name_preps:
            continue
        j += 1
        if j < n and toks[j].text in ("'", "’"):
            j += 1
        office = next((k for k in lx.ministry_offices if tuple(x.text for x in toks[j:j + len(k)]) == k), None)
        if office is None or any(covered[i:j + len(office)]) or not _contiguous(text, toks, i, j + len(office) - i):
            continue
        end = j + len(office)
        country = None
        if end < n and toks[end].key in kb.demonyms and _contiguous(text, toks, end - 1, 2):
            country, end = kb.demonyms[toks[end].key], end + 1
        elif end + 1 < n and toks[end].key in lx.name_preps:
            k = end + 1
            if k < n and toks[k].text in ("'", "’"):
                k += 1
            owner = starts.get(k)
            if owner and _kind_of(owner[2], kb) == "GPE" and _contiguous(text, toks, end - 1, owner[1] - end + 1):
                country = kb.acts_as.get(owner[2], owner[2])
                end = owner[1]
                found = [f for f in found if f[0] != k]  # "di Pechino" is part of the ministry's name
        office_slug = slug(" ".join(office))
        aid = f"org:~ministero-{office_slug}" + (f"-{country.split(':')[-1]}" if country else "")
        if country is None:  # "il ministero degli Esteri" after "il ministero degli Esteri cinese"
            before = [f for f in found + out if f[0] < i and _office_of_span(toks, f[0], f[1], lx) == office]
            if before:
                aid = max(before)[2]
        for known in kb.index.get(tuple(x.key for x in toks[i:end]), ()):  # a ministry the data lists
            if kb.actors[known.actor_id].kind == "ORG":
                aid = known.actor_id
                break
        out.append((i, end, aid, 0.7))
        for k in range(i, end):
            covered[k] = True
    return found + out


def _office_of_span(toks: list[Token], a: int, b: int, lx: _Lex):
    """The office a ministry's mention names ("Esteri" in "ministero degli Esteri cinese")."""
    if b - a < 3 or toks[a].key not in lx.ministry_heads:
        return None
    j = a + 2 + (toks[a + 2].text in ("'", "’"))
    return next((k for k in lx.ministry_offices if tuple(x.text for x in toks[j:j + len(k)]) == k), None)


def _place_named_thing(text: str, toks: list[Token], hit, covered: list[bool], kb: ActorKB, lx: _Lex):
    a, b, aid, conf = hit
    actor = kb.actors.get(aid)
    if a >= 2 and actor is not None and actor.kind == "GPE":
        named = _city_institution(text, toks, hit, covered, lx)
        if named is not hit:
            return named
    if a < 2 or actor is None or not (actor.kind == "LOC" or actor.kind == "GPE" and actor.country):
        return hit
    k = a - 1
    if toks[k].text in ("'", "’"):
        k -= 1  # "Forum dell'Africa"
    if k < 1:
        return hit
    prep, head = toks[k], toks[k - 1]
    # "di" and its forms with the article ("Vertice delle Americhe", "Giochi del Mediterraneo");
    # "a" only after a lower-case head ("vertice a Ginevra")
    of = prep.key in lx.of_particles or prep.key == "del"
    if not (of or prep.key == "a" and head.text.islower()) or not prep.text.islower() or covered[k - 1] \
            or not _contiguous(text, toks, k - 1, b - k + 1):
        return hit
    if not (head.text.islower() and head.key in lx.lower_event_heads or head.text in lx.event_heads):
        return hit  # ("memorandum di Minsk": the city, for the annotators; "accordi di Minsk" is known)
    # a capitalised head names the meeting as the lower-case one does: "Vertice di Vilnius",
    # "Conferenza di Palermo", "Vertice delle Americhe" (the place no mention of its own)
    kind = "event"
    for j in range(k - 1, a):
        covered[j] = True
    return (k - 1, b, f"{kind}:~{slug(text[head.start:toks[b - 1].end])}", 0.6)


def _city_institution(text: str, toks: list[Token], hit, covered: list[bool], lx: _Lex):
    """"Tribunale dell'Aja", "Università di Kiev", "Duomo di Milano": a capitalised head of a
    place's institution or building with the place right after "di" is one name, the place no
    mention of its own (the head alone before a place the data lacks is read as a capitalised run)."""
    a, b, aid, conf = hit
    k = a - 1
    if toks[k].text in ("'", "’"):
        k -= 1  # "dell'Aja"
    if k < 1 or toks[k].key not in lx.name_preps or toks[k].key in ("per", "contro") or not toks[k].text.islower():
        return hit
    h = k - 1
    head = toks[h]
    if head.text not in lx.city_heads or covered[h] or not _contiguous(text, toks, h, b - h):
        return hit
    for j in range(h, b):
        covered[j] = True
    kind = "loc" if head.text in lx.city_places else "org"
    return (h, b, f"{kind}:~{slug(text[head.start:toks[b - 1].end])}", 0.6)


def _with_region_noun(text: str, toks: list[Token], hit, covered: list[bool], kb: ActorKB, lx: _Lex):
    a, b, aid, conf = hit
    if a < 2 or _kind_of(aid, kb) not in ("GPE", "LOC"):
        return hit
    k = a - 1
    if toks[k].text in ("'", "’"):
        k -= 1
    if k < 1 or toks[k].key not in lx.name_preps:
        return hit
    k -= 1
    while k > 0 and toks[k].text.islower() and (toks[k].key in kb.demonyms or toks[k].key in lx.name_adjectives
                                                 or toks[k].key.endswith(lx.name_adjective_suffixes)):
        k -= 1  # "regione autonoma del", "regione russa di"
    if toks[k].key not in lx.region_heads or not toks[k].text.islower() or covered[k] \
            or not _contiguous(text, toks, k, a - k):
        return hit
    for j in range(k, a):
        covered[j] = True
    return (k, b, aid, conf)


def _bare_place(toks: list[Token], a: int, b: int, lx: _Lex) -> int:
    """Where the place name starts in a mention opened by a region noun ("regione di Kursk" -> Kursk)."""
    if toks[a].key not in lx.region_heads:
        return a
    for j in range(a + 1, b):
        if _is_cap(toks[j]):
            return j
    return a
