"""What schema comparisons (Alembic autogenerate, the migration test) leave out."""

from __future__ import annotations


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave out tables that exist only in the database (PostGIS's spatial_ref_sys, tiger, topology)."""
    return not (type_ == "table" and reflected and compare_to is None)
