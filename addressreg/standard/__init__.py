"""The address standard, loaded from the data files in ``standards/``.

Code never hard-codes the standard's rules: it receives them as values loaded here.
"""

from addressreg.standard.code_layout import CodeLayout as CodeLayout
from addressreg.standard.code_layout import Segment as Segment
from addressreg.standard.errors import InvalidCode as InvalidCode
from addressreg.standard.errors import InvalidStandard as InvalidStandard
from addressreg.standard.loading import load_code_layout as load_code_layout
