"""Outlet profiles: who publishes what, and whether a state stands behind it.

The bundled profiles live in ``resources/outlets/outlets.json``; users add their own with a JSON
file of the same shape (``{"outlets": [{"domain": ..., "name": ..., "aliases": [...], ...}]}``),
named in the ``CRONACA_OUTLETS`` environment variable (several paths separated by ``os.pathsep``)
or passed to :func:`load_outlets`. A user profile for a domain replaces the bundled one.

Lookups are by domain (a sub-domain falls back to its parent: ``video.corriere.it`` has its own
profile, ``edition.cnn.com`` finds ``cnn.com``) or by a name as a text writes it ("Sputnik
Italia", "(Fonte: kremlin.ru)").
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import ResourceError

BUNDLED = Path(__file__).with_name("outlets") / "outlets.json"

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Outlet:
    domain: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    ownership: str | None = None
    state_affiliated: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class OutletIndex:
    """Immutable lookup tables built once per process."""

    by_domain: dict[str, Outlet]
    by_name: dict[str, Outlet]  # casefolded name/alias -> outlet

    def for_domain(self, domain: str | None) -> Outlet | None:
        """The profile of ``domain`` or of its closest parent domain."""
        if not domain:
            return None
        host = normalise_domain(domain)
        parts = host.split(".")
        for i in range(len(parts) - 1):
            hit = self.by_domain.get(".".join(parts[i:]))
            if hit is not None:
                return hit
        return None

    def for_name(self, name: str | None) -> Outlet | None:
        """The profile a text means when it writes ``name`` ("Sputnik Italia", "kremlin.ru")."""
        if not name:
            return None
        key = _SPACE.sub(" ", name).strip().casefold()
        hit = self.by_name.get(key)
        if hit is None and "." in key and " " not in key:
            hit = self.for_domain(key)
        return hit

    def names(self) -> Iterable[str]:
        return self.by_name.keys()


def normalise_domain(value: str) -> str:
    """``https://www.Ansa.it/x`` -> ``ansa.it``."""
    host = value.strip().lower()
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", host)
    host = host.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    if host.startswith("www."):
        host = host[4:]
    return host.rstrip(".")


def _read(path: Path) -> list[Outlet]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"outlet profiles {path}: cannot read ({exc}); fix or remove the file") from exc
    rows = data.get("outlets") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ResourceError(f"outlet profiles {path}: expected {{\"outlets\": [...]}} or a list")
    out = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or not row.get("domain"):
            raise ResourceError(f"outlet profiles {path}: entry {i} has no 'domain'")
        out.append(Outlet(
            domain=normalise_domain(row["domain"]),
            name=row.get("name") or row["domain"],
            aliases=tuple(row.get("aliases") or ()),
            country=row.get("country"),
            language=row.get("language"),
            ownership=row.get("ownership"),
            state_affiliated=bool(row.get("state_affiliated", False)),
        ))
    return out


def _user_paths() -> tuple[str, ...]:
    env = os.environ.get("CRONACA_OUTLETS", "")
    return tuple(p for p in env.split(os.pathsep) if p)


def load_outlets(extra: tuple[str, ...] = ()) -> OutletIndex:
    """Bundled profiles plus the user's files (``extra`` and ``$CRONACA_OUTLETS``), cached per process."""
    return _load(tuple(extra) + _user_paths())


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> OutletIndex:
    by_domain: dict[str, Outlet] = {}
    for path in (BUNDLED, *map(Path, paths)):
        for outlet in _read(path):
            by_domain[outlet.domain] = outlet
    by_name: dict[str, Outlet] = {}
    # Parents first, so that a name shared by a parent and a sub-domain keeps the more specific one
    # only when the sub-domain lists it itself.
    for outlet in sorted(by_domain.values(), key=lambda o: o.domain.count(".")):
        for name in (outlet.domain, outlet.name, *outlet.aliases):
            by_name.setdefault(_SPACE.sub(" ", name).strip().casefold(), outlet)
    return OutletIndex(by_domain, by_name)
