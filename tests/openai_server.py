"""A small OpenAI-compatible chat server on loopback, for testing the real OpenAI client: it
answers /v1/chat/completions plainly or as a server-sent event stream, or fails on demand."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    def __init__(self, reply: str | Callable[[dict], str] =
                 "I remember that, and I'm here for you.") -> None:
        self.reply = reply  # a text, or a function of the request body
        self.mode = "ok"  # "ok" | "500" | "garbage" | "slow"
        self.requests: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                if fake.mode == "500":
                    return self._send(500, {"error": {"message": "boom", "type": "server_error"}})
                if fake.mode == "garbage":
                    return self._raw(200, b"<html>not json</html>", "application/json")
                if fake.mode == "slow":
                    time.sleep(3)
                text = fake.reply(body) if callable(fake.reply) else fake.reply
                if body.get("stream"):
                    return self._stream(body, text)
                self._send(200, {
                    "id": "chatcmpl-1", "object": "chat.completion", "created": 0,
                    "model": body["model"],
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": text}}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}})

            def _stream(self, body: dict, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                words = text.split(" ")
                for i, word in enumerate(words):
                    delta = {"content": word + (" " if i < len(words) - 1 else "")}
                    if i == 0:
                        delta["role"] = "assistant"
                    self._event({"id": "chatcmpl-1", "object": "chat.completion.chunk",
                                 "created": 0, "model": body["model"],
                                 "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
                self._event({"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0,
                             "model": body["model"],
                             "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                self.wfile.write(b"data: [DONE]\n\n")

            def _event(self, data: dict) -> None:
                self.wfile.write(f"data: {json.dumps(data)}\n\n".encode())
                self.wfile.flush()

            def _send(self, status: int, data: dict) -> None:
                self._raw(status, json.dumps(data).encode(), "application/json")

            def _raw(self, status: int, payload: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler
