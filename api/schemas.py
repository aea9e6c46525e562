"""Request and response shapes: the single source of the OpenAPI document.

Inputs are validated (a failure is a 400 problem naming location and field); outputs
are serialised through these schemas, so the document and the answers cannot drift.
"""

from __future__ import annotations

from apiflask import Schema
from apiflask.fields import Boolean, Dict, Float, Integer, List, Nested, String
from apiflask.validators import Length, OneOf, Range

MAX_BATCH = 1000
MAX_TEXT = 500
CRS_NAMES = ("EPSG:4490", "EPSG:4326", "WGS84", "GCJ-02", "BD-09")


class ProblemOut(Schema):
    """RFC 9457 problem details."""

    type = String(required=True)
    title = String(required=True)
    status = Integer(required=True)
    detail = String(required=True)
    instance = String(required=True)
    errors = Dict()


# --- resolve -----------------------------------------------------------------------------------------
class ResolveQuery(Schema):
    q = String(required=True, validate=Length(1, MAX_TEXT), metadata={"description": "address text"})


class ResolveBatchIn(Schema):
    addresses = List(String(validate=Length(0, MAX_TEXT)), required=True, validate=Length(1, MAX_BATCH))


class ComparisonOut(Schema):
    element = String(required=True)
    outcome = String(required=True)
    input = String(allow_none=True)
    candidate = String(allow_none=True)
    similarity = Float(required=True)


class CandidateOut(Schema):
    code = String(allow_none=True)
    place = String(allow_none=True)
    level = String(required=True)
    score = Float(required=True)
    standard_address = String(required=True)
    comparisons = List(Nested(ComparisonOut), required=True)


class ExplanationOut(Schema):
    agreed = List(String(), required=True)
    differed = List(String(), required=True)
    missing = List(String(), required=True)
    unused_text = List(String(), required=True)
    note = String(required=True)


class ResolutionOut(Schema):
    text = String(required=True)
    category = String(required=True, validate=OneOf(["A", "B", "C", "U"]))
    level = String(required=True)
    code = String(allow_none=True)
    score = Float(required=True)
    standard_address = String(allow_none=True)
    complex = String(allow_none=True)
    lon = Float(allow_none=True)
    lat = Float(allow_none=True)
    geometry = Dict(allow_none=True, metadata={"description": "GeoJSON Point (EPSG:4490) or null"})
    explanation = Nested(ExplanationOut, required=True)
    best = Nested(CandidateOut, allow_none=True)
    runner_up = Nested(CandidateOut, allow_none=True)


class ResolveBatchOut(Schema):
    results = List(Nested(ResolutionOut), required=True)


# --- autocomplete ------------------------------------------------------------------------------------
class AutocompleteQuery(Schema):
    q = String(required=True, validate=Length(1, 100))
    limit = Integer(load_default=10, validate=Range(1, 50))


class SuggestionOut(Schema):
    text = String(required=True)
    code = String(required=True)
    kind = String(required=True)


class AutocompleteOut(Schema):
    query = String(required=True)
    suggestions = List(Nested(SuggestionOut), required=True)


# --- places ------------------------------------------------------------------------------------------
class UnitRefOut(Schema):
    code = String(required=True)
    level = String(required=True)
    name = String(required=True)


class AddressOut(Schema):
    text = String(required=True)
    kind = String(required=True)
    department = String(allow_none=True)
    valid_from = String(required=True)
    valid_to = String(allow_none=True)


class BuildingSummaryOut(Schema):
    code = String(required=True)
    label = String(required=True)
    status = String(required=True)
    standard_address = String(allow_none=True)
    lon = Float(required=True)
    lat = Float(required=True)


class RoomBriefOut(Schema):
    code = String(required=True)
    unit = Integer(allow_none=True)
    floor = Integer(required=True)
    number = String(required=True)
    status = String(required=True)


class BuildingOut(BuildingSummaryOut):
    floors = Integer(required=True)
    units = Integer(required=True)
    rooms_per_floor = Integer(required=True)
    version = Integer(required=True)
    door_plate = Dict(allow_none=True)
    complex = Dict(allow_none=True)
    admin_units = List(Nested(UnitRefOut), required=True)
    addresses = List(Nested(AddressOut), required=True)
    rooms = List(Nested(RoomBriefOut), required=True)
    footprint = Dict(required=True, metadata={"description": "GeoJSON Polygon (EPSG:4490)"})


class RoomOut(RoomBriefOut):
    addresses = List(Nested(AddressOut), required=True)
    building = Nested(BuildingSummaryOut, required=True)


class BuildingListQuery(Schema):
    bbox = String(metadata={"description": "min lon,min lat,max lon,max lat (EPSG:4490)"})
    unit = String(metadata={"description": "code of a district, street, community or grid"})
    after = String(load_default="", validate=Length(0, 19), metadata={"description": "cursor: last code"})
    limit = Integer(load_default=100, validate=Range(1, 1000))


class BuildingListOut(Schema):
    buildings = List(Nested(BuildingSummaryOut), required=True)
    next = String(allow_none=True, metadata={"description": "pass as `after` for the next page"})


class ReverseQuery(Schema):
    lon = Float(required=True, validate=Range(-180, 180))
    lat = Float(required=True, validate=Range(-90, 90))
    crs = String(load_default="EPSG:4490", validate=OneOf(CRS_NAMES))
    radius = Float(load_default=100.0, validate=Range(0, 1000), metadata={"description": "metres"})


class ReverseOut(Schema):
    building = Nested(BuildingSummaryOut, required=True)
    distance_m = Float(required=True)
    contains = Boolean(required=True)
    admin_units = List(Nested(UnitRefOut), required=True)
    query_point = Dict(required=True, metadata={"description": "the point in EPSG:4490 (GeoJSON)"})


class UnitTreeQuery(Schema):
    depth = String(load_default="community", validate=OneOf(["district", "street", "community", "grid"]))


class UnitNodeOut(Schema):
    code = String(required=True)
    level = String(required=True)
    name = String(required=True)
    children = List(Dict(), required=True, metadata={"description": "nodes of the same shape"})


class UnitTreeOut(Schema):
    units = List(Nested(UnitNodeOut), required=True)


class UnitOut(UnitRefOut):
    parent_code = String(allow_none=True)
    aliases = List(String(), required=True)
    status = String(required=True)
    polygon_derived = Boolean(required=True)
    children = List(Nested(UnitRefOut), required=True)
    polygon = Dict(allow_none=True, metadata={"description": "GeoJSON MultiPolygon (EPSG:4490)"})


# --- department sync and the change feed -------------------------------------------------------------
class RecordIn(Schema):
    text = String(required=True, validate=Length(1, MAX_TEXT))


class RecordOut(Schema):
    department = String(required=True)
    record_id = String(required=True)
    text = String(required=True)
    code = String(allow_none=True)
    category = String(required=True)
    score = Float(required=True)
    status = String(required=True)
    updated_at = String(required=True)
    resolution = Dict(required=True)


class RecordWriteOut(Schema):
    record = Nested(RecordOut, required=True)
    created = Boolean(required=True)
    changed = Boolean(required=True)
    txid = Integer(allow_none=True)


class RecordListQuery(Schema):
    changed_since = String(metadata={"description": "ISO 8601 time; records updated after it"})
    after = String(load_default="", metadata={"description": "cursor: record id of the last record"})
    limit = Integer(load_default=100, validate=Range(1, 1000))


class RecordListOut(Schema):
    records = List(Nested(RecordOut), required=True)
    next_changed_since = String(allow_none=True)
    next_after = String(allow_none=True)


class ChangesQuery(Schema):
    after = Integer(load_default=0, validate=Range(0, 2**62))
    after_event = Integer(validate=Range(0, 2**62), metadata={"description": "resume inside txid after+1"})
    limit = Integer(load_default=1000, validate=Range(1, 10000))


class EventOut(Schema):
    event_id = Integer(required=True)
    action = String(required=True)
    entity = String(required=True)
    code = String(required=True)


class TransactionOut(Schema):
    txid = Integer(required=True)
    actor = String(required=True)
    started_at = String(required=True)
    complete = Boolean(required=True)
    events = List(Nested(EventOut), required=True)


class ChangesOut(Schema):
    current_txid = Integer(required=True)
    transactions = List(Nested(TransactionOut), required=True)
    next_after = Integer(required=True)
    next_after_event = Integer(allow_none=True)
