"""``python -m addressreg.cli``: the same as the ``addressreg`` command."""

from addressreg.cli import main

main()
