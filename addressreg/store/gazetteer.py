"""``load_gazetteer``: the parser's :class:`Gazetteer` built from the registry's own names.

Districts, streets and communities (with aliases, and each with its parent's name), roads
and complexes (with aliases), all active, read in a few queries.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from addressreg.parse.gazetteer import Gazetteer, PlaceName
from addressreg.standard.rules import AddressStandard

ADMIN = text(
    "SELECT u.level, u.name, u.aliases, p.name FROM admin_unit u "
    "LEFT JOIN admin_unit p ON p.code = u.parent_code "
    "WHERE u.status = 'active' AND u.level IN ('district', 'street', 'community') ORDER BY u.code"
)
ROADS = text("SELECT name, aliases FROM road ORDER BY road_id")
COMPLEXES = text("SELECT name, aliases FROM complex ORDER BY complex_id")


def load_gazetteer(engine: Engine, standard: AddressStandard) -> Gazetteer:
    """A gazetteer of every name in the registry behind ``engine``."""
    levels: dict[str, list[PlaceName]] = {"district": [], "street": [], "community": []}
    with engine.connect() as conn:
        for level, name, aliases, parent in conn.execute(ADMIN):
            levels[level].append(PlaceName(name, tuple(aliases or ()), parent))
        roads = [PlaceName(name, tuple(aliases or ())) for name, aliases in conn.execute(ROADS)]
        complexes = [PlaceName(name, tuple(aliases or ())) for name, aliases in conn.execute(COMPLEXES)]
    return Gazetteer.from_names(
        standard,
        districts=levels["district"],
        streets=levels["street"],
        communities=levels["community"],
        roads=roads,
        complexes=complexes,
    )
