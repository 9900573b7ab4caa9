"""MemoryBank: the long-term memory of SiliconFriend, usable without LangGraph."""
from memory import offline  # noqa: F401  (first: before any tool reads its settings)
from memory.forgetting import ForgettingCurve, retention
from memory.records import MemoryPiece, Profile
from memory.store import MemoryStore
from memory.retriever import EbbinghausRetriever

__all__ = ["ForgettingCurve", "retention", "MemoryPiece", "Profile", "MemoryStore",
           "EbbinghausRetriever"]
