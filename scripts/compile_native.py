"""Compile the hot modules of the core to C extensions with mypyc, in place.

    python scripts/compile_native.py addressreg/match/*.py addressreg/parse/*.py ...
    python scripts/compile_native.py --clean
    python scripts/compile_native.py --check-toolchain

The resolver, normaliser and parser spend their time in plain Python: dict look-ups,
small tuples, string slicing. mypyc (the compiler that mypy and black ship with) turns
the same type-checked source into C extensions, about a third faster here (README,
"Measured figures"); the pure-Python modules stay the reference and the source does not
change. Compiled code differs in three ways the code base respects: annotations are
checked at run time, frozen dataclasses cannot be pickled (workers share the engine by
fork) and ``__file__`` is unreliable (data files are found through their package).

The Makefile lists which files to compile and calls this script whenever one of them
changes (``make native``); ``--clean`` removes the built extensions so the pure-Python
source runs again. Package ``__init__.py`` files are given to mypy (they name the
packages) but stay Python: compiled in place they get a wrong ``__path__``, and they hold
no work. All modules form one group whose shared library lives inside the package
(``addressreg/native__mypyc...so``), where the editable install's finder imports it.
An extension shadows the ``.py`` file beside it, so a stale one would run old code:
``tests/conftest.py`` refuses to run the tests when an extension is older than its source.

Needs a C compiler and the Python headers (Debian: ``build-essential python3-dev``, which
the Makefile installs when they are missing and it runs as root); ``--check-toolchain``
exits non-zero, naming what is missing, when they are not there.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path
from shutil import which

ROOT = Path(__file__).resolve().parent.parent
GROUP = "addressreg.native"
SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def built_extensions(root: Path = ROOT) -> list[Path]:
    """The compiled modules and the group's shared library under ``addressreg/``."""
    return sorted((root / "addressreg").rglob(f"*{SUFFIX}"))


def stale_sources(root: Path = ROOT) -> list[Path]:
    """Sources under ``addressreg/`` changed after their extension was built (the extension,
    not the source, is what ``import`` loads)."""
    stale = []
    for extension in built_extensions(root):
        source = extension.with_name(extension.name.removesuffix(SUFFIX) + ".py")
        if source.exists() and source.stat().st_mtime > extension.stat().st_mtime:
            stale.append(source)
    return stale


def remove_extensions(root: Path = ROOT) -> int:
    """Delete every built extension under ``addressreg/``; return how many."""
    found = built_extensions(root)
    for path in found:
        path.unlink()
    return len(found)


def check_toolchain() -> None:
    """Exit with a clear message when the C compiler or the Python headers are missing."""
    include = Path(sysconfig.get_paths()["include"]) / "Python.h"
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    missing = [name for name, ok in (("Python.h", include.exists()), (compiler, which(compiler))) if not ok]
    if missing:
        sys.exit(
            f"compile_native: {', '.join(missing)} not found; "
            "on Debian install them with: apt-get install -y build-essential python3-dev"
        )


def compile_in_place(sources: list[str]) -> None:
    """Compile ``sources`` (paths relative to the project root) next to themselves."""
    from mypyc.build import mypycify
    from setuptools import setup

    check_toolchain()
    remove_extensions()
    compiled = [s for s in sources if Path(s).name != "__init__.py"]
    setup(
        name="addressreg-native",
        ext_modules=mypycify(sources, only_compile_paths=compiled, group_name=GROUP, opt_level="3"),
        script_args=["-q", "build_ext", "--inplace", "--build-temp", "build/native"],
    )
    for extension in built_extensions():
        extension.touch()  # setuptools copies an unchanged build with its old time


def main(argv: list[str]) -> None:
    """Compile the files named on the command line, or ``--clean``."""
    os.chdir(ROOT)
    if argv == ["--check-toolchain"]:
        check_toolchain()
        return
    if argv == ["--clean"]:
        sys.stderr.write(f"compile_native: removed {remove_extensions()} extensions\n")
        return
    if not argv or any(a.startswith("-") for a in argv):
        sys.exit(__doc__)
    compile_in_place(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
