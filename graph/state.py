"""What flows through the companion graph: its input, its state, and the run settings."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
# typing_extensions' TypedDict: pydantic (Studio's input form, `get_input_jsonschema`) reads
# typing's only on Python >= 3.12.
from typing_extensions import Required, TypedDict

Language = Literal["en", "cn"]


class Recalled(TypedDict, total=False):
    """One memory used for a reply. `query` and `response` are set for turns only."""
    id: str
    date: str
    kind: str  # "turn" or "summary"
    text: str
    similarity: float
    retention: float
    strength: int
    query: str
    response: str
    focus: int  # a turn's user sentence (`memory.sentences.split`) that matched best


class InputState(TypedDict, total=False):
    """What a caller passes for one turn: the new user message and, unless the run's context
    says it (`Context.user_id`), who is speaking."""
    messages: Required[Annotated[list[AnyMessage], add_messages]]
    user_id: str
    language: Language  # "en" unless set; kept for the thread once set
    today: str | None  # YYYY-MM-DD for this turn only; the graph's clock otherwise


class OutputState(TypedDict, total=False):
    messages: Annotated[list[AnyMessage], add_messages]
    recalled: list[Recalled]  # the memories the reply was given, with their scores
    day: str  # the day the turn was remembered under
    remembered: str  # id of the stored turn
    reflection: dict  # what the reflect step did after this turn, if it ran


class State(InputState, OutputState, total=False):
    query: str  # the user's message of this turn, as remembered
    owner: str  # the user a thread belongs to; another user may not continue it
    error: str | None  # why the chat model failed this turn, if it did
    declined: bool  # this turn's reply was made to begin "I don't think you've told me"
    turns_today: int  # the user's turns on this turn's day, this one included


@dataclass
class Context:
    """Run settings (LangGraph's context schema); unset fields take the graph's defaults."""
    # Who is speaking, as the host knows it (a signed-in page, a server's auth): an input that
    # names another user, or a thread of another user, is refused before anything is saved.
    user_id: str | None = None
    recall_k: int | None = None  # memories recalled per message
    history_exchanges: int | None = None  # exchanges of this thread shown to the model
