"""The address standard, loaded from the data files in ``standards/``.

Code never hard-codes the standard's rules: it receives them as values loaded here.
"""

from addressreg.standard.code_layout import CodeLayout as CodeLayout
from addressreg.standard.code_layout import Segment as Segment
from addressreg.standard.errors import InvalidCode as InvalidCode
from addressreg.standard.errors import InvalidStandard as InvalidStandard
from addressreg.standard.loading import load_code_layout as load_code_layout
from addressreg.standard.rules import AddressStandard as AddressStandard
from addressreg.standard.rules import DistrictAlias as DistrictAlias
from addressreg.standard.rules import ElementLevel as ElementLevel
from addressreg.standard.rules import MarkerRule as MarkerRule
from addressreg.standard.rules import NoiseRule as NoiseRule
from addressreg.standard.rules import NormalisationRules as NormalisationRules
from addressreg.standard.rules import NumeralRules as NumeralRules
from addressreg.standard.rules import SuffixRule as SuffixRule
from addressreg.standard.rules_loading import cached_standard as cached_standard
from addressreg.standard.rules_loading import load_standard as load_standard
