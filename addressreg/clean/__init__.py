"""Batch cleaning of clerks' address tables (the ``addressreg clean`` command's core).

Always import from this package: ``run_clean``, ``CleanRequest``, ``CleanSummary``,
``summary_lines``, the errors, and the column names. Nothing is loaded at import time.
"""

from addressreg.clean.address_column import AddressColumnError as AddressColumnError
from addressreg.clean.address_column import choose_address_column as choose_address_column
from addressreg.clean.encoding import UndecodableInput as UndecodableInput
from addressreg.clean.encoding import decode_strictly as decode_strictly
from addressreg.clean.finishing import review_path as review_path
from addressreg.clean.journal import ResumeRefused as ResumeRefused
from addressreg.clean.journal import journal_path as journal_path
from addressreg.clean.journal import partial_path as partial_path
from addressreg.clean.pipeline import CleanError as CleanError
from addressreg.clean.pipeline import CleanRequest as CleanRequest
from addressreg.clean.pipeline import run_clean as run_clean
from addressreg.clean.result_cells import OUTPUT_COLUMNS as OUTPUT_COLUMNS
from addressreg.clean.result_cells import REVIEW_COLUMNS as REVIEW_COLUMNS
from addressreg.clean.summary import CleanSummary as CleanSummary
from addressreg.clean.summary import summary_lines as summary_lines
from addressreg.clean.tables import InputTable as InputTable
from addressreg.clean.tables import UnreadableTable as UnreadableTable
from addressreg.clean.tables import read_table as read_table
