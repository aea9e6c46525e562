"""The matching core: free text → candidates → compared, scored, decided (A/B/C/U), explained.

Pure: no database, no web. The store loads an index (``addressreg.store.resolver``);
``resolution`` holds the contract types every user of the engine sees.
"""

from addressreg.match.resolution import Category as Category
from addressreg.match.resolution import Explanation as Explanation
from addressreg.match.resolution import Level as Level
from addressreg.match.resolution import MatchCandidate as MatchCandidate
from addressreg.match.resolution import Resolution as Resolution
from addressreg.match.resolution import Resolver as Resolver
