"""The registry's tables, as SQLAlchemy 2 typed ORM models (PostGIS geometry in EPSG:4490).

The Alembic migrations in ``addressreg/store/migrations`` create exactly these tables;
a test compares the two. Triggers and functions that the models cannot express (the
change log, the never-delete guard) are created by the migrations and described in
``addressreg/store/changelog.py``.

Codes are never reused: buildings, rooms and units are retired by their status, never
deleted (a trigger refuses DELETE), so a primary key once issued stays taken.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SRID = 4490  # CGCS2000 geographic; distances are computed in EPSG:4547 (metres)


class Base(DeclarativeBase):
    """Declarative base of every registry table."""


def _geometry(kind: str) -> Any:
    return Geometry(kind, srid=SRID, spatial_index=False)


def _names() -> Mapped[list[str]]:
    return mapped_column(ARRAY(Text), nullable=False, server_default="{}")


class AdminUnit(Base):
    """District (6-digit code), street (9), community (12) or basic grid (14)."""

    __tablename__ = "admin_unit"
    code: Mapped[str] = mapped_column(String(14), primary_key=True)
    level: Mapped[str] = mapped_column(String(12), nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("admin_unit.code"))
    stats_code: Mapped[str | None] = mapped_column(String(12))
    aliases: Mapped[list[str]] = _names()
    geom: Mapped[WKBElement | None] = mapped_column(_geometry("MULTIPOLYGON"))
    polygon_derived: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="false")
    status: Mapped[str] = mapped_column(String(10), nullable=False, server_default="active")
    __table_args__ = (
        CheckConstraint("level IN ('district','street','community','grid')", name="admin_unit_level"),
        Index("admin_unit_geom_gist", "geom", postgresql_using="gist"),
        Index("admin_unit_parent", "parent_code"),
        Index(
            "admin_unit_name_trgm", "name", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}
        ),
    )


class Road(Base):
    """A road, street or lane (路街巷) of a district."""

    __tablename__ = "road"
    road_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    aliases: Mapped[list[str]] = _names()
    district_code: Mapped[str] = mapped_column(ForeignKey("admin_unit.code"), nullable=False)
    __table_args__ = (
        UniqueConstraint("district_code", "name", name="road_district_name"),
        Index("road_name_trgm", "name", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}),
    )


class DoorPlate(Base):
    """A door plate (门牌): road + number, with its point."""

    __tablename__ = "door_plate"
    door_plate_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    road_id: Mapped[int] = mapped_column(ForeignKey("road.road_id"), nullable=False)
    number: Mapped[str] = mapped_column(String(20), nullable=False)
    geom: Mapped[WKBElement] = mapped_column(_geometry("POINT"), nullable=False)
    __table_args__ = (
        UniqueConstraint("road_id", "number", name="door_plate_road_number"),
        Index("door_plate_geom_gist", "geom", postgresql_using="gist"),
    )


class Complex(Base):
    """A complex, tower or park (小区 / 大厦 / 园区)."""

    __tablename__ = "complex"
    complex_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    aliases: Mapped[list[str]] = _names()
    community_code: Mapped[str] = mapped_column(ForeignKey("admin_unit.code"), nullable=False)
    geom: Mapped[WKBElement] = mapped_column(_geometry("POINT"), nullable=False)
    outline: Mapped[WKBElement | None] = mapped_column(_geometry("POLYGON"))
    __table_args__ = (
        Index("complex_geom_gist", "geom", postgresql_using="gist"),
        Index("complex_community", "community_code"),
        Index("complex_name_trgm", "name", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}),
    )


class Building(Base):
    """A building (楼栋): 19-digit code, footprint, representative point."""

    __tablename__ = "building"
    code: Mapped[str] = mapped_column(String(19), primary_key=True)
    grid_code: Mapped[str] = mapped_column(ForeignKey("admin_unit.code"), nullable=False)
    label: Mapped[str] = mapped_column(Text, nullable=False)
    door_plate_id: Mapped[int | None] = mapped_column(ForeignKey("door_plate.door_plate_id"))
    complex_id: Mapped[int | None] = mapped_column(ForeignKey("complex.complex_id"))
    footprint: Mapped[WKBElement] = mapped_column(_geometry("POLYGON"), nullable=False)
    point: Mapped[WKBElement] = mapped_column(_geometry("POINT"), nullable=False)
    floors: Mapped[int] = mapped_column(Integer, nullable=False)
    units: Mapped[int] = mapped_column(Integer, nullable=False)
    rooms_per_floor: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, server_default="active")
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    __table_args__ = (
        CheckConstraint("code ~ '^[0-9]{19}$'", name="building_code_digits"),
        CheckConstraint("left(code, 14) = grid_code", name="building_code_in_grid"),
        CheckConstraint("status IN ('planned','active','retired')", name="building_status"),
        Index("building_footprint_gist", "footprint", postgresql_using="gist"),
        Index("building_point_gist", "point", postgresql_using="gist"),
        Index("building_complex", "complex_id"),
        Index("building_door_plate", "door_plate_id"),
    )


class Room(Base):
    """A room (房): 25-digit code whose first 19 digits are its building's code."""

    __tablename__ = "room"
    code: Mapped[str] = mapped_column(String(25), primary_key=True)
    building_code: Mapped[str] = mapped_column(ForeignKey("building.code"), nullable=False)
    unit: Mapped[int | None] = mapped_column(Integer)
    floor: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[str] = mapped_column(String(20), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, server_default="active")
    __table_args__ = (
        CheckConstraint("code ~ '^[0-9]{25}$'", name="room_code_digits"),
        CheckConstraint("left(code, 19) = building_code", name="room_code_in_building"),
    )


class Department(Base):
    """One of the departments that write addresses (公安, 规划和自然资源, …)."""

    __tablename__ = "department"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)


class Address(Base):
    """One of the many addresses of a building or room code (一码多址)."""

    __tablename__ = "address"
    address_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(25), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    normalised: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(12), nullable=False)
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    valid_from: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    valid_to: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        CheckConstraint("kind IN ('standard','department','colloquial','historic')", name="address_kind"),
        CheckConstraint("length(code) IN (19, 25)", name="address_code_length"),
        Index("address_code", "code"),
        Index(
            "address_normalised_trgm",
            "normalised",
            postgresql_using="gin",
            postgresql_ops={"normalised": "gin_trgm_ops"},
        ),
    )


class DepartmentRecord(Base):
    """A department's record, linked to the code it resolved to."""

    __tablename__ = "department_record"
    department_code: Mapped[str] = mapped_column(ForeignKey("department.code"), primary_key=True)
    record_id: Mapped[str] = mapped_column(Text, primary_key=True)
    raw_text: Mapped[str] = mapped_column(Text, nullable=False)
    code: Mapped[str | None] = mapped_column(String(25))
    category: Mapped[str] = mapped_column(String(1), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default="{}")
    status: Mapped[str] = mapped_column(String(10), nullable=False, server_default="active")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    __table_args__ = (
        CheckConstraint("category IN ('A','B','C','U')", name="department_record_category"),
        Index("department_record_code", "code"),
    )
