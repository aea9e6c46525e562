"""Run ``run_clean`` with a slow DictResolver (for the kill-and-resume test): ARGS input output [--resume]."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from clean_dict_resolver import DictResolver

from addressreg.clean import CleanRequest, run_clean

if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    request = CleanRequest(
        source, target, workers=2, resume="--resume" in sys.argv, chunk_rows=50, batch_texts=10
    )
    run_clean(request, lambda: DictResolver(delay=0.002), {})
