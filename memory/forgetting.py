"""The Ebbinghaus forgetting curve: R = exp(-t / (tau * S)).

t is days since the memory was last recalled (or made), S its strength (1 at birth, +1 on each
recall), tau a time scale in days. The original code wrote exp(-t / 5*S), which by precedence is
exp(-t*S/5): strong memories faded faster. Here S divides, so reinforcement slows forgetting.
"""
from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from datetime import date


def retention(days: float, strength: float, tau: float) -> float:
    """R = exp(-t / (tau * S)): a recall (S + 1) makes the same days cost less.

    >>> round(retention(30, 1, 30), 3), round(retention(30, 2, 30), 3)
    (0.368, 0.607)
    """
    if strength <= 0 or tau <= 0:
        raise ValueError("strength and tau must be positive")
    return math.exp(-max(days, 0.0) / (tau * strength))


@dataclass(frozen=True)
class ForgettingCurve:
    # With tau=30 and threshold 0.1 an unrecalled turn lives 69 days (ln 10 * 30); one recall
    # doubles that. The paper's probe, 4 days after 10 days of chat, sees at most t=13: R>=0.65.
    # tau=10 forgot the first week of our 30-day evaluation histories (EVALUATION.md).
    tau: float = 30.0
    threshold: float = 0.1
    mode: str = "threshold"  # or "random": forget with probability 1 - R, a seeded draw
    seed: int = 0

    def retention(self, last_recall: date, strength: int, today: date) -> float:
        return retention((today - last_recall).days, strength, self.tau)

    def forgets(self, piece_id: str, last_recall: date, strength: int, today: date) -> bool:
        """Is the piece forgotten as of `today`? With the defaults an unrecalled turn goes
        after 69 days, a turn recalled once after 138:

        >>> curve = ForgettingCurve()
        >>> [curve.forgets("t", date(2023, 1, 1), s, date(2023, 3, 12)) for s in (1, 2)]
        [True, False]
        >>> curve.forgets("t", date(2023, 1, 1), 1, date(2023, 3, 10))
        False
        """
        r = self.retention(last_recall, strength, today)
        if self.mode == "threshold":
            return r < self.threshold
        # A draw seeded by (seed, piece, today): the same day gives the same verdict on every run.
        key = f"{self.seed}|{piece_id}|{today.isoformat()}".encode()
        rng = random.Random(int.from_bytes(hashlib.sha256(key).digest()[:8], "big"))
        return rng.random() > r
