"""SiliconFriend's web UI. For now a status page: the chat arrives with the companion graph."""
import app  # noqa: F401  (sets the offline, no-telemetry environment)
import streamlit as st

from app.settings import get_settings

st.set_page_config(page_title="SiliconFriend", page_icon="💬")
st.title("SiliconFriend")
st.caption("An empathetic companion with long-term memory.")
settings = get_settings()


@st.cache_resource(show_spinner="Opening the memory…")
def _store():
    from app.memory_factory import open_store

    return open_store(settings)


store = _store()
st.info("The chat is not here yet. The MemoryBank is ready: "
        f"{len(store.users())} users remembered, embeddings: {store.embedding_name}.")
with st.expander("Settings"):
    st.json(settings.model_dump(mode="json"))
