"""The deterministic seed generator: ``build_seed(reference, layout, scale, seed) -> SeedRegistry``.

Always import from this package.
"""

from addressreg.seed.build import build_seed as build_seed
from addressreg.seed.profiles import PROFILES as PROFILES
from addressreg.seed.profiles import Scale as Scale
from addressreg.seed.profiles import ScaleProfile as ScaleProfile
from addressreg.seed.registry import SeedRegistry as SeedRegistry
from addressreg.seed.rooms import room_count as room_count
