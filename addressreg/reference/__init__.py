"""The reference data addressreg ships: Shenzhen's admin units, polygons, roads and complexes.

Always import from this package: ``from addressreg.reference import load_reference``.
"""

from addressreg.reference.errors import ReferenceDataError as ReferenceDataError
from addressreg.reference.loading import DEFAULT_DATA_DIR as DEFAULT_DATA_DIR
from addressreg.reference.loading import default_data_dir as default_data_dir
from addressreg.reference.loading import load_reference as load_reference
from addressreg.reference.types import Reference as Reference
from addressreg.reference.types import ReferenceComplex as ReferenceComplex
from addressreg.reference.types import ReferenceRoad as ReferenceRoad
from addressreg.reference.types import SourceListing as SourceListing
