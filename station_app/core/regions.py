"""Does the city typed belong to the province chosen? (重庆 with 深圳 is a misdirected parcel.)

The data (resources/reference/regions.csv) lists every province-level division with its prefecture-level
cities, and the districts and counties of the four municipalities. A city name the data knows in another
province is refused; a name it does not know (a county-level city, a typo) is let through, because refusing
a real place would stop the counter while this check is only about the province and city disagreeing.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from .. import paths
from .errors import StationError
from .textform import normalize


@dataclass(frozen=True)
class Regions:
    own: dict[str, frozenset[str]]  # province → every name that fits it (itself, cities, districts, aliases)
    city_of: tuple[tuple[str, frozenset[str]], ...]  # prefecture-level name or alias → provinces, longest first
    province_names: tuple[tuple[str, str], ...]  # 广东省 / 广东 → 广东, longest first


def _longest_first(names: Iterable[str]) -> list[str]:
    return sorted(names, key=len, reverse=True)


@functools.cache
def regions() -> Regions:
    own: dict[str, set[str]] = {}
    city_of: dict[str, set[str]] = {}
    provinces: dict[str, str] = {}
    with open(paths.resource("reference", "regions.csv"), encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            province = row["province"].strip()
            own_names = {normalize(province), normalize(row.get("province_full") or province)}
            provinces.update(dict.fromkeys(own_names, province))
            names = {normalize(n) for n in [row["name"], *(row.get("aliases") or "").split("|")] if n.strip()}
            own.setdefault(province, set()).update(own_names | names)
            if row["level"].strip() == "city":
                for name in names:
                    city_of.setdefault(name, set()).add(province)
    return Regions({p: frozenset(n) for p, n in own.items()},
                   tuple((n, frozenset(city_of[n])) for n in _longest_first(city_of)),
                   tuple((n, provinces[n]) for n in _longest_first(provinces)))


def provinces_of(city: str) -> frozenset[str]:
    """The provinces a typed city points to ("深圳", "深圳市南山区", "广东省深圳市"); empty when unknown."""
    data, text = regions(), normalize(city)
    for name, provinces in data.city_of:
        if len(name) >= 2 and text.startswith(name):
            return provinces
    for name, province in data.province_names:
        if len(name) >= 2 and text.startswith(name):
            return frozenset({province})
    return frozenset()


def check_city(province: str, city: str) -> None:
    """StationError when the city is known to lie in another province; nothing when it fits or is unknown."""
    data, text, chosen = regions(), normalize(city), province.strip()
    fitting = data.own.get(chosen)
    if not text or fitting is None:
        return  # nothing typed, or a destination the county names its own way: nothing to compare
    if any(text.startswith(name) for name in fitting if len(name) >= 2):
        return
    elsewhere = provinces_of(city)
    if elsewhere and chosen not in elsewhere:
        raise StationError("city_not_in_province", f"{city} / {chosen}", city=city.strip(), province=chosen,
                           belongs="、".join(sorted(elsewhere)))
