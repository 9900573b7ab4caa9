"""Each user's profile (name, overall summary and portrait, daily readings), one record per user
in a collection of the whole store."""
from __future__ import annotations

from memory.records import Profile
from memory.store.deletion import Deletion


class Profiles(Deletion):
    def profile(self, user: str) -> Profile | None:
        got = self._profiles().get(ids=[user], include=["documents"])
        if not got["ids"]:
            return None
        return Profile.model_validate_json(got["documents"][0])

    def save_profile(self, profile: Profile) -> None:
        self.check_alive(profile.user)
        with self._undone_if_deleted_meanwhile(profile.user):
            self._profiles().upsert(ids=[profile.user], documents=[profile.model_dump_json()],
                                    embeddings=[self._constant_vector()],
                                    metadatas=[{"user": profile.user}])

    def users(self) -> list[str]:
        got = self._profiles().get(include=["metadatas"])
        return sorted(m["user"] for m in got["metadatas"])

    def _ensure_profile(self, user: str) -> None:
        self.check_alive(user)
        if self.profile(user) is None:
            self.save_profile(Profile(user=user, name=user))
