"""Department loaders: adapters that read each department's files into the registry.

Always import from this package. One declarative spec per department
(``loaders/specs/<code>.yaml``, read by :func:`load_spec` / :func:`spec_for`);
:func:`load_department_file` loads one file in one transaction and returns a
:class:`LoadReport`; :func:`write_department_file` writes a sample file with truth columns.
The command-line entry points are in :mod:`loaders.cli` and :mod:`loaders.sample_cli`.
"""

from loaders.department_files import write_department_file as write_department_file
from loaders.errors import BadDepartmentFile as BadDepartmentFile
from loaders.errors import InvalidSpec as InvalidSpec
from loaders.pipeline import LoadReport as LoadReport
from loaders.pipeline import load_department_file as load_department_file
from loaders.spec import DepartmentSpec as DepartmentSpec
from loaders.spec import FileFormat as FileFormat
from loaders.spec import Region as Region
from loaders.spec import SourceCrs as SourceCrs
from loaders.spec_loading import load_region as load_region
from loaders.spec_loading import load_spec as load_spec
from loaders.spec_loading import load_specs as load_specs
from loaders.spec_loading import spec_for as spec_for
