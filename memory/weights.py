"""Recall's ranking weights, in one place: the retriever reads them, the app's settings expose
each one (as SF_<NAME>), the graph and the evaluation pass them on. The defaults were chosen on
the development sets (EVALUATION.md); what each weighs is in `EbbinghausRetriever`'s docstring."""
from __future__ import annotations

from pydantic import BaseModel, Field


class RecallWeights(BaseModel):
    """The defaults are the evaluated ones; change a few, and the rest stay:

    >>> RecallWeights(lexical_weight=0).model_dump(include={"lexical_weight", "date_boost"})
    {'date_boost': 1.0, 'lexical_weight': 0.0}
    """

    whole_weight: float = Field(0.15, ge=0, description="cosine of the whole exchange")
    said_weight: float = Field(0.5, ge=0, description="cosine of the user's words")
    sentence_weight: float = Field(0.35, ge=0, description="cosine of the user's best sentence")
    retention_weight: float = Field(0.15, ge=0, le=1, description="what a faded memory loses")
    date_boost: float = Field(1.0, ge=0, description="a piece from a day the question names")
    lexical_weight: float = Field(0.2, ge=0, description="BM25 of the question's words")
    supersede_weight: float = Field(0.3, ge=0, description="a question about now: a turn that is "
                                                            "the later word on another's topic")
    recency_weight: float = Field(0.1, ge=0, description="a question about now: lateness")
    telling_weight: float = Field(0.3, ge=0, description="how much a turn tells: its words rare "
                                                          "and it unlike the other candidates")
    hint_boost: float = Field(0.3, ge=0, description="inside a vague time word's window")
    relevance_floor: float | None = Field(
        None, ge=0, le=1, description="similarity below which a piece is not recalled (unless "
        "from a day the question names); unset: the floor measured for the embedding and the "
        "question's language (RELEVANCE_FLOORS), none for others; 0: no floor")


# The highest similarity floor (to 0.01) that cost at most 3 of the 280 answerable development
# questions their evidence at k=10, per default embedding and question language (EVALUATION.md).
# A question in another language than its memory's model reads lower: it gets no floor.
RELEVANCE_FLOORS = {("minilm+e5", "en"): 0.70, ("e5+e5", "cn"): 0.84}
