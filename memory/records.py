"""The small typed records of the memory: pieces (turns, daily summaries) and a user's profile."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from memory.sentences import only_asks

Kind = Literal["turn", "summary"]


def turn_id(user: str, day: str, index: int) -> str:
    # The original's memory_id format, kept so that seed files round-trip their ids.
    return f"{user}_{day}_{index}"


def summary_id(user: str, day: str) -> str:
    return f"{user}_{day}_summary"


class MemoryPiece(BaseModel):
    """A unit of recallable memory: one turn or one day's event summary."""
    id: str
    user: str
    date: str  # YYYY-MM-DD, the day the memory was made
    kind: Kind
    index: int = 0  # position of a turn within its day; 0 for summaries
    query: str = ""
    response: str = ""
    summary: str = ""
    strength: int = Field(default=1, ge=1)
    last_recall_date: str = ""  # YYYY-MM-DD; the creation date until first recalled
    # Fields beyond the seed format's: an import's unknown ones, and the writer's "asked"
    # (`asked`); kept for export.
    extra: dict = Field(default_factory=dict)
    key: str = ""  # the writer's own name for it (a message id, a LangGraph store key), if any

    def model_post_init(self, _ctx) -> None:
        if not self.last_recall_date:
            self.last_recall_date = self.date

    @property
    def text(self) -> str:
        """What is embedded and shown: the exchange, or the summary."""
        if self.kind == "summary":
            return self.summary
        return f"{self.query}\n{self.response}"

    @property
    def asks(self) -> bool:
        """A turn in which the user only asked (`sentences.only_asks`): its words tell nothing."""
        return self.kind == "turn" and only_asks(self.query)

    @property
    def asked(self) -> bool:
        """A turn in which the user only asked (`asks`) for something they had told: what it
        holds is what the companion recollected then, or that it could not, and a wrong
        recollection would be given again. Marked by the writer (`extra["asked"]`), who knows
        what the question asked for."""
        return bool(self.extra.get("asked")) and self.asks

    @property
    def said(self) -> str:
        """What the user said (the whole text for a summary): the facts, without the reply."""
        return self.query if self.kind == "turn" and self.query.strip() else self.text

    @property
    def day(self) -> date:
        return date.fromisoformat(self.date)

    @property
    def recalled_on(self) -> date:
        """The day its forgetting clock last started: the last recall, or its making."""
        return date.fromisoformat(self.last_recall_date)

    def holds(self, turn: "MemoryPiece") -> bool:
        """Does this day's summary cover `turn`? It covers the turns its model read: from
        `extra["from"]` up to `extra["turns"]`; an imported summary (no count) covers its day."""
        if self.kind != "summary" or turn.kind != "turn" or turn.date != self.date:
            return False
        return int(self.extra.get("from", 0)) <= turn.index < int(self.extra.get("turns", 1 << 30))


class Reflection(BaseModel):
    """Where a user's reflection stands; the app's bookkeeping, not part of the seed format."""
    pending_from: str = ""  # first day that may still need reflecting; "" = from the first day
    unfolded: list[str] = Field(default_factory=list)  # summarized, not yet in the overall texts
    checked: str = ""  # the "today" of the last reflection pass
    checked_turns: int = 0  # that day's turns at the last pass


class Profile(BaseModel):
    """Everything about a user that is not a recallable piece: the condensed, slow-changing part."""
    user: str
    name: str | None = None
    history_dates: list[str] = Field(default_factory=list)  # every day of history, empty days too
    personality: dict[str, str] = Field(default_factory=dict)  # date -> daily personality reading
    overall_history: str = ""
    overall_personality: str | None = None  # None: absent, as in the seed files
    meta_information: dict | None = None
    extra: dict = Field(default_factory=dict)  # unknown top-level keys, kept for a lossless export
    reflection: Reflection = Field(default_factory=Reflection)
