"""The web companion in a real browser (Debian's chromium driven by Playwright) on the bundled
offline model: sign in, two turns where the second, in a new conversation, recalls the first, a
reload that stays signed in, a change of language that keeps the open tab, screenshots."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port, served

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"  # Debian's; `make test` installs it, nothing downloads a browser
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def app_url(model_data_dir, tmp_path):
    port = free_port()
    env = os.environ | {"SF_DATA_DIR": str(model_data_dir), "SF_CHAT_BACKEND": "local",
                        "SF_EMBEDDING": "minilm",
                        "SF_MAX_TOKENS": os.environ.get("SF_MAX_TOKENS", "24")}
    env.pop("OPENAI_API_KEY", None)
    url = f"http://127.0.0.1:{port}"
    with served([str(Path(sys.executable).parent / "streamlit"), "run", "streamlit_app.py",
                 "--server.address", "127.0.0.1", "--server.port", str(port),
                 "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                f"{url}/_stcore/health", tmp_path / "streamlit.log", env):
        yield url


def settle(page) -> None:
    """Waits until the script run is over and Streamlit has dropped the previous run's elements."""
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]') "
                           "&& !document.querySelector('[data-stale=\"true\"]')",
                           timeout=180_000)


def replied(page, messages: int) -> None:
    """Waits until the page shows `messages` chat messages, each with words, and has stopped
    running (a reply streams for a while after its message appears)."""
    page.wait_for_function(
        "n => { const m = document.querySelectorAll('[data-testid=\"stChatMessageContent\"]');"
        " return m.length === n && [...m].every(e => e.innerText.trim())"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]'); }",
        arg=messages, timeout=180_000)
    settle(page)


def test_sign_in_and_two_turns_in_a_real_browser(app_url, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    assert Path(CHROMIUM).exists(), "Debian chromium is missing: run `make test` (it installs it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(120_000)
        page.goto(app_url)
        page.get_by_role("textbox", name="Your name").fill("Emily")
        page.get_by_role("textbox", name="Passphrase").fill("correct horse battery")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Your profile was created")).to_be_visible()
        settle(page)

        chat = page.get_by_test_id("stChatInputTextArea")
        chat.fill("I adopted a kitten today, her name is Mochi.")
        chat.press("Enter")
        replied(page, 2)
        page.reload()  # still signed in, the conversation still there
        settle(page)
        expect(page.get_by_test_id("stChatMessage")).to_have_count(2)
        expect(page.get_by_role("textbox", name="Passphrase")).to_have_count(0)
        # in a new conversation, where the kitten is memory, not the conversation on screen
        page.get_by_role("button", name="New conversation").click()
        settle(page)
        expect(page.get_by_test_id("stChatMessage")).to_have_count(0)
        chat.fill("What is the name of my kitten?")
        chat.press("Enter")
        replied(page, 2)
        replies = page.get_by_test_id("stChatMessage").all_inner_texts()
        assert all(text.strip() for text in replies)

        page.get_by_role("tab", name="Memories").click()
        recalled = page.get_by_test_id("stTable").first
        expect(recalled).to_contain_text("I adopted a kitten today, her name is Mochi.")
        expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()  # forgetting curves
        memories = tmp_path / "siliconfriend-memories.png"
        page.set_viewport_size({"width": 1280, "height": 1700})  # the app scrolls inside itself
        page.wait_for_timeout(1000)
        page.screenshot(path=str(memories))
        page.set_viewport_size({"width": 1280, "height": 900})
        page.get_by_test_id("stRadioGroup").get_by_text("中文", exact=True).click()  # the open tab stays open in the other language
        settle(page)
        expect(page.get_by_role("tab", name="记忆")).to_have_attribute("aria-selected", "true")
        page.get_by_test_id("stRadioGroup").get_by_text("English", exact=True).click()
        settle(page)
        page.get_by_role("tab", name="Chat").click()
        settle(page)
        chat_shot = tmp_path / "siliconfriend.png"
        page.screenshot(path=str(chat_shot), full_page=True)
        browser.close()
    for shot in (chat_shot, memories):
        assert shot.stat().st_size > 10_000
        if os.environ.get("SF_SCREENSHOTS"):  # a folder: refresh the README's pictures by hand
            (Path(os.environ["SF_SCREENSHOTS"]) / shot.name).write_bytes(shot.read_bytes())
