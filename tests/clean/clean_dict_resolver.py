"""A small real resolver for the clean tests: exact lookup of standard addresses in a dict.

Texts equal (after trimming) to a known standard address resolve to category A at room
level; texts starting with ``模糊`` resolve to category C with a best and a runner-up;
anything else is category U. ``calls`` counts the texts it was asked to resolve.
"""

from __future__ import annotations

import time

from addressreg.match.resolution import Category, Explanation, Level, MatchCandidate, Resolution

ROOMS = {
    "深圳市南山区粤海街道科技园社区科苑路15号1栋101": "4403050010010100001010101",
    "深圳市福田区华富街道莲花一村社区莲花路1号2栋202": "4403040080020200002020202",
    "深圳市罗湖区东门街道城东社区东门路3号3栋303": "4403030010030300003030303",
}
REVIEW_PREFIX = "模糊"


def _candidate(code: str, address: str, score: float) -> MatchCandidate:
    return MatchCandidate(code, None, Level.ROOM, score, address, ())


class DictResolver:
    """Resolve by exact lookup; optionally sleep ``delay`` seconds per text (for kill tests)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls = 0

    def resolve(self, text: str) -> Resolution:
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        key = text.strip()
        if key in ROOMS:
            best = _candidate(ROOMS[key], key, 1.0)
            explanation = Explanation(("district", "room"), (), (), ())
            return Resolution(
                text, Category.A, Level.ROOM, best.code, 1.0, key, None, 113.9, 22.5, explanation, best, None
            )
        if key.startswith(REVIEW_PREFIX):
            (first, first_code), (second, second_code) = list(ROOMS.items())[:2]
            best, runner = _candidate(first_code, first, 0.7), _candidate(second_code, second, 0.68)
            explanation = Explanation(("district",), ("room",), ("unit",), ("模糊",), "runner-up within 0.02")
            return Resolution(
                text,
                Category.C,
                Level.ROOM,
                first_code,
                0.7,
                first,
                None,
                113.9,
                22.5,
                explanation,
                best,
                runner,
            )
        return Resolution(
            text,
            Category.U,
            Level.NONE,
            None,
            0.0,
            None,
            None,
            None,
            None,
            Explanation((), (), (), (key,)),
            None,
            None,
        )
