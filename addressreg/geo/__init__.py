"""Coordinate systems: GCJ-02 and BD-09 conversions, and moving geometries between CRSs."""

from addressreg.geo.chinese_crs import bd09_to_gcj02 as bd09_to_gcj02
from addressreg.geo.chinese_crs import bd09_to_gcj02_array as bd09_to_gcj02_array
from addressreg.geo.chinese_crs import bd09_to_wgs84 as bd09_to_wgs84
from addressreg.geo.chinese_crs import bd09_to_wgs84_array as bd09_to_wgs84_array
from addressreg.geo.chinese_crs import gcj02_to_bd09 as gcj02_to_bd09
from addressreg.geo.chinese_crs import gcj02_to_bd09_array as gcj02_to_bd09_array
from addressreg.geo.chinese_crs import gcj02_to_wgs84 as gcj02_to_wgs84
from addressreg.geo.chinese_crs import gcj02_to_wgs84_array as gcj02_to_wgs84_array
from addressreg.geo.chinese_crs import in_china as in_china
from addressreg.geo.chinese_crs import wgs84_to_bd09 as wgs84_to_bd09
from addressreg.geo.chinese_crs import wgs84_to_bd09_array as wgs84_to_bd09_array
from addressreg.geo.chinese_crs import wgs84_to_gcj02 as wgs84_to_gcj02
from addressreg.geo.chinese_crs import wgs84_to_gcj02_array as wgs84_to_gcj02_array
from addressreg.geo.shapes import PointConversion as PointConversion
from addressreg.geo.shapes import transform_geometry as transform_geometry
from addressreg.geo.shapes import wgs84_to_cgcs2000 as wgs84_to_cgcs2000
