"""The actor knowledge base: who and what the texts name, read from data files users can extend.

Data lives in ``cronaca/resources/actors/`` (and in the directory named by ``CRONACA_ACTORS_DIR``,
read after it, so a user's file can add names or whole actors without touching code):

- ``*.jsonl``: one actor per line: ``id``, ``name`` (canonical English), ``kind`` (PER, ORG, GPE,
  LOC, EVENT, MISC), ``names`` per language (``"*"`` = any language), optional ``demonyms``,
  ``acts_as`` (a city that stands for its government: Mosca -> Russia), ``capital_of``,
  ``country``, ``parent``, ``external_ids``, ``context_names`` (names that count only when the
  actor is named otherwise in the same text: "alleanza" -> NATO), ``opaque`` (names inside this
  one are not mentions: "Fratelli d'Italia"), ``local_names`` (names every country uses for its
  own body, "Parlamento": they name this actor only where the text names its ``country``),
  ``media`` (a news organisation: a credit line is no mention). A row whose id is already known
  adds its names.
- ``people*.tsv``: political figures, one per line (columns in the file's header comment), with
  roles and time bounds.
- ``transliterations.tsv``: equivalent spellings (Sergey/Sergej/Serghei) applied to people's names.
- ``firstnames.txt`` and ``lexicon.<lang>.json``: cue words for names the files do not list.

:func:`load_kb` builds, once per process and language, an :class:`ActorKB` with a token-keyed
surface index: the entity finder does one dictionary probe per token position instead of scanning
for every name.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import ResourceError
from ..nlp.tokens import keys
from ..types import Actor, Role
from .built import built, files_digest

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "actors"
ENV_DIR = "CRONACA_ACTORS_DIR"
KINDS = {"PER", "ORG", "GPE", "LOC", "EVENT", "MISC"}
_MAX_VARIANTS = 64


class ActorDataError(ResourceError):
    """An actor data file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form in the index."""

    actor_id: str
    surface: str
    caps: tuple[int, ...]  # per token: 0 any case, 1 capital initial, 2 all capitals ("UN" is not "Un")
    curated: bool = True  # False for the generated city table: used only for whole unknown names
    #: a name every country uses for its own body ("Parlamento", "Congresso"): it names this actor
    #: only in a text that names this country (or one of its actors)
    needs: str | None = None


@dataclass(frozen=True, slots=True)
class Tenure:
    person_id: str
    title: str
    office: str
    organisation: str | None
    start: str
    end: str


@dataclass(frozen=True, eq=False)  # identity hash: one KB per process and language
class ActorKB:
    """Actors, their surface index and the lexicons of one language."""

    language: str
    actors: dict[str, Actor]
    index: dict[tuple[str, ...], tuple[Entry, ...]]
    max_len: dict[str, int]  # first token key -> longest n-gram starting with it
    acts_as: dict[str, str]  # city id -> actor it stands for
    demonyms: dict[str, str]  # lower-case demonym -> country id
    surnames: dict[str, tuple[str, ...]]  # last-name key -> person ids
    firstnames: frozenset[str]
    lexicon: dict
    tenures: tuple[Tenure, ...] = ()
    person_names: dict[str, str] = field(default_factory=dict)  # lower full name -> person id
    #: names that count only when the actor is named otherwise in the same text ("alleanza" -> NATO)
    context_names: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    #: names whose inner names are not mentions ("Fratelli d'Italia" does not name Italy)
    opaque: frozenset[str] = frozenset()
    #: news organisations (``"media": true``): a credit line names them without their acting
    media: frozenset[str] = frozenset()
    #: every proper prefix of an indexed name: a probe stops as soon as no name can continue
    prefixes: frozenset[tuple[str, ...]] = frozenset()

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def lookup(self, surface: str) -> tuple[Entry, ...]:
        """Index entries for a surface form (case-insensitive, apostrophes unified)."""
        return self.index.get(keys(surface), ())

    def office_of(self, title: str) -> str:
        """The office key of an Italian title ("segretario di Stato" -> foreign_minister)."""
        return self.lexicon.get("office_of_title", {}).get(title, title.lower())

    def holder(self, office: str, organisation: str | None, date: str | None) -> Actor | None:
        """Who held ``office`` for ``organisation`` on ``date`` (YYYY[-MM[-DD]]); None if unknown.

        Without a date, the latest holder is returned only when one tenure is open (still in office).
        """
        found = [t for t in self.tenures if t.office == office
                 and (organisation is None or t.organisation == organisation)]
        if date:
            d = date[:10]
            found = [t for t in found if (not t.start or t.start[: len(d)] <= d)
                     and (not t.end or d[: len(t.end)] < t.end or d[: len(t.end)] == t.end[: len(d)])]
        else:
            found = [t for t in found if not t.end]
        if len({t.person_id for t in found}) != 1:
            return None
        return self.actors.get(found[0].person_id)


def languages() -> frozenset[str]:
    """Languages that have a lexicon file (others are read with the Italian one)."""
    return frozenset(p.name.split(".")[1] for d in _data_dirs() for p in d.glob("lexicon.*.json"))


# --------------------------------------------------------------------------------------------
# reading the files


def _data_dirs() -> list[Path]:
    dirs = [DATA_DIR]
    extra = os.environ.get(ENV_DIR)
    if extra:
        p = Path(extra)
        if not p.is_dir():
            raise ActorDataError(f"{ENV_DIR}={extra!r} is not a directory; point it at a folder of "
                                 f"*.jsonl / people*.tsv actor files")
        dirs.append(p)
    return dirs


def _read_jsonl(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ActorDataError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
            if "id" not in row:
                raise ActorDataError(f"{path}:{n}: an actor needs an 'id'")
            yield row


_ROLE = re.compile(r"^(?P<title>[^@]+?)\s*@\s*(?P<org>\S+)?\s*(?P<start>[\d-]*)\s*\.\.\s*(?P<end>[\d-]*)$")


def _parse_roles(text: str, where: str) -> list[Role]:
    roles = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        m = _ROLE.match(part)
        if not m:
            raise ActorDataError(f"{where}: role {part!r} is not 'title@organisation start..end'")
        roles.append(Role(m["title"].strip(), m["org"] or None, m["start"] or None, m["end"] or None))
    return roles


def _read_people(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2:
                raise ActorDataError(f"{path}:{n}: expected id<TAB>name[<TAB>country<TAB>variants<TAB>roles]")
            cols += [""] * (5 - len(cols))
            yield {"id": cols[0].strip(), "name": cols[1].strip(), "kind": "PER",
                   "country": cols[2].strip() or None,
                   "names": {"*": [v.strip() for v in cols[3].split("|") if v.strip()]},
                   "roles": _parse_roles(cols[4], f"{path}:{n}")}


def _read_groups(path: Path) -> list[tuple[str, ...]]:
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            groups.append(tuple(dict.fromkeys(x.strip() for x in line.split("\t") if x.strip())))
    return groups


class _Spellings:
    """Transliteration groups with one regex that finds which of them a name uses."""

    def __init__(self, groups: list[tuple[str, ...]]) -> None:
        self.groups = groups
        self.member_of: dict[str, list[int]] = {}
        for g, group in enumerate(groups):
            for member in group:
                self.member_of.setdefault(member, []).append(g)
        members = sorted(self.member_of, key=len, reverse=True)
        self.any = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, members)) + r")(?![\w-])") if members else None

    def expand(self, forms: list[str]) -> list[str]:
        """Add transliteration variants of a person's names (Sergey Lavrov -> Sergej Lavrov, ...)."""
        out = list(dict.fromkeys(forms))
        if self.any is None:
            return out
        used = sorted({g for form in out for m in self.any.findall(form) for g in self.member_of[m]})
        for g in used:
            group = self.groups[g]
            for form in list(out):
                for member in group:
                    pat = re.compile(rf"(?<![\w-]){re.escape(member)}(?![\w-])")
                    if pat.search(form):
                        for alt in group:
                            if alt != member:
                                new = pat.sub(alt, form)
                                if new not in out:
                                    out.append(new)
                        break
                if len(out) >= _MAX_VARIANTS:
                    return out
        return out


_ARTICLE = re.compile(r"(?<![\w-])(?:[Aa]l|[Ee]l)[- ](?=[A-Z])")


def _arabic_articles(forms: list[str]) -> list[str]:
    """Arabic names are written with "al-", "el-", "al " or "Al-" alike: "Bashar al-Assad" is also
    "Bashar al Assad" and "Bashar el-Assad"."""
    out = list(forms)
    for form in forms:
        if _ARTICLE.search(form):
            for article in ("al-", "el-", "al ", "Al-", "El-"):
                out.append(_ARTICLE.sub(article, form))
    return list(dict.fromkeys(out))


_JOINED = re.compile(r"(?<=[A-Za-zÀ-ÿ])-(?=[A-ZÀ-Þ])")


def _unhyphened(forms: list[str]) -> list[str]:
    """A compound given name or surname is also written without its hyphen: "Sahle-Work Zewde" is
    "Sahle Work Zewde", "Jean-Yves Le Drian" is "Jean Yves Le Drian"."""
    return list(dict.fromkeys(forms + [_JOINED.sub(" ", f) for f in forms if _JOINED.search(f)]))


#: Countries whose places geonames romanises with "y" (Zaporizhzhya, Mykolayiv, Kryvyy Rih)
#: where the news writes "i" (Zaporizhzhia, Mykolaiv, Kryvyi Rih).
_CYRILLIC_Y = frozenset({"gpe:ua", "gpe:ru", "gpe:by"})
_Y_RULES = (
    (re.compile(r"(?<=[aeiou])y(?=i)"), ""),  # Mykolayiv -> Mykolaiv, Makiyivka -> Makiivka
    (re.compile(r"(?<=i)y(?=a)"), ""),  # Yevpatoriya -> Yevpatoria
    (re.compile(r"(?<=[b-df-hj-np-tv-z])y(?=[aeu])"), "i"),  # Zaporizhzhya, Berdyansk, Izyum
    (re.compile(r"(?<=y)y\b"), "i"),  # Kryvyy -> Kryvyi
)


def _romanised(forms: list[str]) -> list[str]:
    """A place of Ukraine, Russia or Belarus as the news spells it beside the geonames form."""
    out = list(forms)
    for form in forms:
        alt = form
        for pat, rep in _Y_RULES:
            alt = pat.sub(rep, alt)
        alt = alt.replace("'", "")  # Donets'k -> Donetsk
        out.append(alt)
    return list(dict.fromkeys(out))


#: Arab countries, whose places geonames writes with the article and a final "-ah" ("Ar Raqqah",
#: "Al Fallujah", "Hamah") where the news mostly writes "Raqqa", "Fallujah", "Hama".
_ARABIC_PLACES = frozenset(f"gpe:{cc}" for cc in (
    "sy", "iq", "ye", "ly", "sa", "lb", "jo", "ps", "eg", "sd", "dz", "ma", "tn", "om", "ae", "qa", "kw", "bh", "mr"))
_PLACE_ARTICLE = re.compile(r"^(?:A[lrsdtnz]|Ash|El) (?=[A-Z])")


def _arabic_place_forms(forms: list[str]) -> list[str]:
    out = list(forms)
    for form in forms:
        bare = _PLACE_ARTICLE.sub("", form)
        for alt in (bare, re.sub(r"(?<=[a-z]{2})ah$", "a", bare)):
            if alt != form and " " not in alt and len(alt) >= 4:
                out.append(alt)
    return list(dict.fromkeys(out))


def load_kb(language: str = "it", name_language: str | None = None) -> ActorKB:
    """Read every actor file once per process and language and build the index.

    ``name_language`` adds the names of another language to ``language``'s rules: an English
    article, read with the Italian lexicon (English has none yet), still finds "United States"
    and "Ukraine" as the data spell them in English.
    """
    return _load_kb(language, name_language or language)  # one cache entry however it is called



@lru_cache(maxsize=8)
def _load_kb(language: str, name_language: str) -> ActorKB:
    """The index built once per machine (:mod:`.built`): building it costs 0.6 s a process."""
    files = [path for d in _data_dirs() for path in sorted(d.iterdir()) if path.is_file()]
    return built(f"actors-{language}-{name_language}", [files_digest(files)],
                 lambda: _read_kb(language, name_language))


def _read_kb(language: str, name_language: str) -> ActorKB:
    rows: dict[str, dict] = {}
    groups: list[tuple[str, ...]] = []
    firstnames: set[str] = set()
    lexicon: dict = {}
    for d in _data_dirs():
        for path in sorted(d.iterdir()):
            name = path.name
            if name.endswith(".jsonl"):
                new = list(_read_jsonl(path))
                curated = not name.startswith("cities")
            elif name.startswith("people") and name.endswith(".tsv"):
                new, curated = list(_read_people(path)), True
            elif name == "transliterations.tsv":
                groups += _read_groups(path)
                continue
            elif name == "firstnames.txt":
                for line in path.read_text(encoding="utf-8").splitlines():
                    if not line.startswith("#"):
                        firstnames.update(line.split())
                continue
            elif name == f"lexicon.{language}.json":
                for k, v in json.loads(path.read_text(encoding="utf-8")).items():
                    if isinstance(v, list) and isinstance(lexicon.get(k), list):
                        lexicon[k] = lexicon[k] + v
                    elif isinstance(v, dict) and isinstance(lexicon.get(k), dict):
                        lexicon[k] = {**lexicon[k], **v}
                    else:
                        lexicon[k] = v
                continue
            else:
                continue
            for row in new:
                # a generated city with a name in this language (an exonym) is as good as curated
                row.setdefault("_curated", curated or bool((row.get("names") or {}).get(language)))
                old = rows.get(row["id"])
                if old is None:
                    rows[row["id"]] = row
                else:  # a later file adds names (and may override fields)
                    for lang, names in (row.get("names") or {}).items():
                        old.setdefault("names", {}).setdefault(lang, []).extend(names)
                    for k, v in row.items():
                        if k != "names" and v not in (None, [], {}):
                            old[k] = v
    return _build(language, rows, groups, frozenset(firstnames), lexicon,
                  (language,) if name_language == language else (language, name_language))


load_kb.cache_clear = _load_kb.cache_clear  # type: ignore[attr-defined]  # for tests that add actor files


def _build(language: str, rows: dict[str, dict], groups, firstnames, lexicon,
           name_languages: tuple[str, ...]) -> ActorKB:
    actors: dict[str, Actor] = {}
    index: dict[tuple[str, ...], list[Entry]] = {}
    acts_as, demonyms, tenures, person_names, context_names = {}, {}, [], {}, {}
    surnames: dict[str, list[str]] = {}
    office_of = lexicon.get("office_of_title", {})
    spellings = _Spellings(groups)
    given = {f.lower() for f in firstnames}
    family_first = set(lexicon.get("family_name_first", []))
    for aid, row in rows.items():
        kind = row.get("kind")
        if kind not in KINDS:
            raise ActorDataError(f"actor {aid!r}: kind {kind!r} is not one of {sorted(KINDS)}")
        names = row.get("names") or {}
        # the canonical (English) name matches only people; "France" in an Italian text is
        # more often "France Presse" than the country
        forms = [row["name"]] if kind == "PER" or "en" in name_languages else []
        forms += list(names.get("*", [])) + [n for lang in name_languages for n in names.get(lang, [])]
        forms = _arabic_articles(forms)
        if kind in ("GPE", "LOC") and row.get("country") in _CYRILLIC_Y:
            forms = _romanised(forms)
        elif kind == "GPE" and row.get("country") in _ARABIC_PLACES and not row.get("_curated"):
            forms = _arabic_place_forms(forms)
        if kind == "PER":
            forms = spellings.expand(_unhyphened(forms))
        forms = list(dict.fromkeys(f for f in forms if f))
        roles = tuple(row.get("roles") or ())
        actors[aid] = Actor(id=aid, name=row["name"], kind=kind, variants=tuple(forms), roles=roles,
                            country=row.get("country"), parent=row.get("parent"),
                            external_ids=dict(row.get("external_ids") or {}))
        for form in forms:
            k = keys(form)
            if not k:
                continue
            caps = _caps(form, kind)
            index.setdefault(k, []).append(Entry(aid, form, caps, row["_curated"]))
        for form in (row.get("local_names") or {}).get(language, []):
            index.setdefault(keys(form), []).append(
                Entry(aid, form, _caps(form, kind), row["_curated"], needs=row.get("country")))
        for form in (row.get("context_names") or {}).get(language, []):
            caps = _caps(form)
            context_names[keys(form)] = Entry(aid, form, caps)
        if row.get("acts_as"):
            acts_as[aid] = row["acts_as"]
        for dem in (row.get("demonyms") or {}).get(language, []):
            demonyms.setdefault(dem.lower(), aid)
        if kind == "PER":
            for form in forms:
                k = keys(form)
                if len(k) == 1:
                    surnames.setdefault(k[0], []).append(aid)
                person_names.setdefault(form.lower(), aid)
            # the surname a text may use alone: the last word, the first where the family name
            # comes first ("Xi Jinping"), never a word that is also a given name ("Ariel Henry")
            words = [w for w in keys(row["name"]) if w.isalpha()]
            last = words[:1] if row.get("country") in family_first and len(words) > 1 else words[-1:]
            if last and last[0] not in given and aid not in surnames.get(last[0], []):
                surnames.setdefault(last[0], []).append(aid)
            for r in roles:
                tenures.append(Tenure(aid, r.title, office_of.get(r.title, r.title.lower()),
                                      r.organisation, r.start or "", r.end or ""))
    max_len: dict[str, int] = {}
    for k in index:
        if len(k) > max_len.get(k[0], 0):
            max_len[k[0]] = len(k)
    return ActorKB(language=language, actors=actors,
                   index={k: tuple(v) for k, v in index.items()}, max_len=max_len,
                   acts_as=acts_as, demonyms=demonyms,
                   surnames={k: tuple(dict.fromkeys(v)) for k, v in surnames.items()},
                   firstnames=firstnames, lexicon=lexicon, tenures=tuple(tenures),
                   person_names=person_names, context_names=context_names,
                   opaque=frozenset(aid for aid, row in rows.items() if row.get("opaque")),
                   media=frozenset(aid for aid, row in rows.items() if row.get("media")),
                   prefixes=frozenset(k[:m] for k in index for m in range(1, len(k))))


_FUNCTION_WORDS = frozenset("il lo la l i gli le un uno una del della dei delle degli di da in a al the le les el los las der die das de".split())


def _caps(form: str, kind: str | None = None) -> tuple[int, ...]:
    """What case each token of a name needs: 2 all capitals (an acronym), 1 a capital initial, 0 any.

    Past its first word, a name other than a person's may be written in lower case: "Mar rosso",
    "Oceano indiano", "Corte suprema" are the same names as "Mar Rosso" and "Corte Suprema".
    """
    toks = _surface_tokens(form)
    caps = [2 if len(t) > 1 and t.isupper() and t.isalpha() else int(t[:1].isupper()) for t in toks]
    # ... but not after an article: "La Verità" (a newspaper) is not "la verità"
    if kind not in (None, "PER") and caps and caps[0] and toks[0].lower() not in _FUNCTION_WORDS:
        caps = caps[:1] + [c if c != 1 else 0 for c in caps[1:]]
    return tuple(caps)


def _surface_tokens(form: str) -> list[str]:
    from ..nlp.tokens import tokenize  # noqa: PLC0415  (same cut as keys())

    return [t.text for t in tokenize(form)]


def slug(text: str) -> str:
    """A stable id fragment for a name ("Wendy R. Sherman" -> "wendy-r-sherman")."""
    import unicodedata  # noqa: PLC0415

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    """Country id -> its English adjective (``adjectives.en.json``)."""
    try:
        raw = json.loads((DATA_DIR / "adjectives.en.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return dict(raw.get("adjectives", {}))


@lru_cache(maxsize=4096)
def country_adjective(actor_id: str | None) -> str | None:
    """The English adjective of the country an actor is or lies in ("gpe:tn" and Tunis give
    "Tunisian"), for the canonical names of unnamed groups ("Tunisian protesters"); None when
    unknown."""
    if not actor_id:
        return None
    adj = _adjectives()
    if actor_id in adj:
        return adj[actor_id]
    try:
        row = load_kb("it").get(actor_id)
    except Exception:  # no actor data: no country known
        return None
    if row is None or row.kind != "GPE" or not row.country:
        return None
    return adj.get(row.country)


@lru_cache(maxsize=1)
def _country_ids() -> dict[str, str]:
    try:
        kb = load_kb("it")
    except Exception:  # no actor data
        return {}
    return {kb.actors[a].name: a for a in _adjectives() if a in kb.actors}


def adjective_of(actor_id: str | None, name: str | None) -> str | None:
    """:func:`country_adjective` of an actor known by id, else by its canonical name (a demonym
    carries the country's name only)."""
    return country_adjective(actor_id) or country_adjective(_country_ids().get(name or ""))
