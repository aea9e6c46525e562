"""Parsing address text into the standard's elements (CRF tagger + gazetteer + standard).

Always import from this package: ``parse``, ``Gazetteer``, ``PlaceName``, ``ParsedAddress``,
``Element``, ``to_ccks``, ``load_model``, ``shipped_gazetteer`` (the default names, from the
reference data shipped in the package). Nothing is loaded at import time.
"""

from addressreg.parse.gazetteer import Gazetteer as Gazetteer
from addressreg.parse.gazetteer import NameHit as NameHit
from addressreg.parse.gazetteer import PlaceName as PlaceName
from addressreg.parse.model import ModelError as ModelError
from addressreg.parse.model import ParserModel as ParserModel
from addressreg.parse.model import load_model as load_model
from addressreg.parse.model import shipped_model as shipped_model
from addressreg.parse.parsed import Element as Element
from addressreg.parse.parsed import ParsedAddress as ParsedAddress
from addressreg.parse.parsed import to_ccks as to_ccks
from addressreg.parse.parser import parse as parse
from addressreg.parse.reference_names import reference_gazetteer as reference_gazetteer
from addressreg.parse.reference_names import shipped_gazetteer as shipped_gazetteer
