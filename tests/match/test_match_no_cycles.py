"""Resolving makes no reference cycles, so clean's workers may run with the collector off
(addressreg.clean.parallel): everything a resolution allocates is freed by reference counting."""

from __future__ import annotations

import gc

from test_match_decisions import NOISE_TABLE

from addressreg.match.engine import MatchingEngine

MORE = ["", "深圳市", "完全无关的文字", "南山区世界花园香山居(二期)2栋2单元1203", "南山区世界花圆香山居9栋"]


def test_resolving_every_kind_of_input_leaves_no_cycle_behind(small_engine: MatchingEngine) -> None:
    texts = [row[1] for row in NOISE_TABLE] + MORE
    for text in texts:  # warm up: caches filled on first use are kept on purpose
        small_engine.resolve(text)
    was_on = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        resolutions = [small_engine.resolve(text) for text in texts * 3]
        del resolutions
        assert gc.collect() == 0
    finally:
        if was_on:
            gc.enable()
