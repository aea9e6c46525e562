"""Department-style address records with truth, for benchmarking the matcher.

Always import from this module. ``load_noise_mix(standard_dir)`` reads the mix;
``generate_records(facts, n, seed, mix)`` streams :class:`GeneratedRecord` values;
``write_records_csv`` / ``read_records_csv`` store them. The noise steps are registered
by stable name in :mod:`addressreg.records.steps` (``STEP_NAMES``, ``build_steps``).
"""

from addressreg.records.fabricate import NO_MATCH_METHODS as NO_MATCH_METHODS
from addressreg.records.fabricate import FactsIndex as FactsIndex
from addressreg.records.fabricate import index_facts as index_facts
from addressreg.records.fabricate import index_registry as index_registry
from addressreg.records.facts_check import InvalidFacts as InvalidFacts
from addressreg.records.generate import NO_MATCH_LEVEL as NO_MATCH_LEVEL
from addressreg.records.generate import GeneratedRecord as GeneratedRecord
from addressreg.records.generate import generate_records as generate_records
from addressreg.records.mix import DepartmentStyle as DepartmentStyle
from addressreg.records.mix import NoiseMix as NoiseMix
from addressreg.records.mix_loading import load_noise_mix as load_noise_mix
from addressreg.records.record_csv import CSV_HEADER as CSV_HEADER
from addressreg.records.record_csv import InvalidRecordsFile as InvalidRecordsFile
from addressreg.records.record_csv import read_records_csv as read_records_csv
from addressreg.records.record_csv import write_records_csv as write_records_csv
from addressreg.records.steps import STEP_NAMES as STEP_NAMES
from addressreg.records.steps import build_steps as build_steps
