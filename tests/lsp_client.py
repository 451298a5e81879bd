"""A small LSP client for the tests and the latency benchmark: it starts `healthlint server` as a
subprocess and speaks JSON-RPC to it over stdio, with Content-Length frames, as an editor does."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

TIMEOUT = 60.0  # seconds for any one answer; a hung server fails the test instead of hanging it


class Client:
    def __init__(self, cwd: Path, initialization_options: dict | None = None, capabilities: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "healthlint", "server"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[dict | None] = queue.Queue()
        self.notifications: list[dict] = []
        self.stderr: list[bytes] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(self.process.stderr), daemon=True).start()
        self.initialized = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": cwd.as_uri(),
                "workspaceFolders": [{"uri": cwd.as_uri(), "name": cwd.name}],
                "capabilities": capabilities if capabilities is not None else _CAPABILITIES,
                "initializationOptions": initialization_options or {"debounce": 0},
            },
        )
        self.notify("initialized", {})

    # -- the wire

    def send_raw(self, body: bytes) -> None:
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, message: dict) -> None:
        self.send_raw(json.dumps({"jsonrpc": "2.0", **message}).encode())

    def _read(self) -> None:
        out = self.process.stdout
        while True:
            length = None
            while True:
                header = out.readline()
                if not header:
                    self.messages.put(None)
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def _next(self, deadline: float) -> dict:
        message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
        if message is None:
            raise EOFError("the server closed its output: " + b"".join(self.stderr).decode(errors="replace")[-2000:])
        if "id" in message and "method" in message:  # a request from the server: answer it as an editor would
            self.send({"id": message["id"], "result": None})
        return message

    # -- requests and notifications

    def notify(self, method: str, params) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params, timeout: float = TIMEOUT):
        self._next_id += 1
        wanted = self._next_id
        self.send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            message = self._next(deadline)
            if message.get("id") == wanted and "method" not in message:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message["result"]
            if "method" in message:
                self.notifications.append(message)

    def wait_for(self, method: str, test=lambda params: True, timeout: float = TIMEOUT) -> dict:
        """The first notification `method` (already received or still to come) whose params pass `test`."""
        for i, n in enumerate(self.notifications):
            if n["method"] == method and test(n["params"]):
                return self.notifications.pop(i)["params"]
        deadline = time.monotonic() + timeout
        while True:
            message = self._next(deadline)
            if message.get("method") == method and test(message.get("params")):
                return message["params"]
            if "method" in message:
                self.notifications.append(message)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = TIMEOUT) -> list[dict]:
        params = self.wait_for(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and (version is None or p.get("version") == version),
            timeout,
        )
        return params["diagnostics"]

    # -- documents

    def open(self, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}})

    def change(self, uri: str, version: int, text: str, range_: dict | None = None) -> None:
        change = {"text": text} if range_ is None else {"range": range_, "text": text}
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})

    def close(self) -> int:
        """Shut down and exit as an editor does; the server's exit code."""
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(timeout=TIMEOUT)
        finally:
            self.process.stdin.close()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


_CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "workspace": {
        "workspaceEdit": {"documentChanges": True},
        "didChangeWatchedFiles": {"dynamicRegistration": True},
        "workspaceFolders": True,
    },
    "textDocument": {
        "publishDiagnostics": {"versionSupport": True, "codeDescriptionSupport": True},
        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
    },
}
