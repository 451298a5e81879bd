"""The language server itself: pygls speaks LSP over stdio; healthlint lints on one worker thread.

Each open document is linted when opened and a short pause after each change (`debounce`,
150 ms unless the editor's initializationOptions say otherwise). Lints run one at a time on a
worker thread, so the editor's requests (hovers, code actions) are answered while a long
document is linted; a lint whose document changed meanwhile is dropped and the last version
is linted instead. A problem in the text, a config file or a rule pack is shown once as a
message, and logged; an unexpected error is logged and the server carries on.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from healthlint import __version__
from healthlint.checking import Checked, Checker
from healthlint.findings import Finding, Severity, docs_url
from healthlint.patterns import pattern_cache
from healthlint.server.actions import Action, actions_for
from healthlint.server.hover import covers, hover_text
from healthlint.server.languages import lint_name
from healthlint.server.positions import UTF16, Lines

DEBOUNCE_MS = 150
CONFIG_GLOBS = ("**/pyproject.toml", "**/.healthlint.toml", "**/*.toml")  # configs, and rule packs by any name
SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


class HealthlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("healthlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.checker = Checker()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthlint-lint")
        self.debounce = DEBOUNCE_MS / 1000
        self.checked: dict[str, tuple[Checked, Lines]] = {}  # uri -> its last linted version, as published
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.running: set[str] = set()
        self.again: set[str] = set()  # changed while being linted
        self.problems: dict[str, str] = {}  # uri -> the problem shown for it
        self.reread_next = False
        self.shut_down = False

    # -- linting

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Lint `uri` after `delay` seconds (the debounce by default), replacing a lint not yet started."""
        if (pending := self.timers.pop(uri, None)) is not None:
            pending.cancel()
        loop = asyncio.get_running_loop()
        self.timers[uri] = loop.call_later(self.debounce if delay is None else delay, lambda: loop.create_task(self.lint(uri)))

    def relint_all(self) -> None:
        self.reread_next = True
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    async def lint(self, uri: str) -> None:
        self.timers.pop(uri, None)
        if uri in self.running:
            self.again.add(uri)
            return
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        path = document.path if document.uri.startswith("file:") else None
        name, text, version = lint_name(path, document.language_id, self._first_folder()), document.source, document.version
        self.running.add(uri)
        try:
            checked, lines, diagnostics = await asyncio.get_running_loop().run_in_executor(self.worker, self._check, name, text, version)
        except Exception:  # a healthlint bug: say so in the log and keep serving
            self.log(f"healthlint could not lint {name}; please report it:\n{traceback.format_exc()}", lsp.MessageType.Error)
            return
        finally:
            self.running.discard(uri)
        current = self.workspace.text_documents.get(uri)
        if current is None:
            return
        if current.version != version or uri in self.again:
            self.again.discard(uri)
            if uri not in self.timers:
                self.schedule(uri, 0)
            return
        self.checked[uri] = checked, lines
        self._report(uri, checked.error)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def _first_folder(self) -> str | None:
        for folder in self.workspace.folders.values():
            if (path := to_fs_path(folder.uri)) is not None:
                return path
        return self.workspace.root_path

    def _check(self, name: str, text: str, version: int | None) -> tuple[Checked, Lines, list[lsp.Diagnostic]]:
        """On the worker thread, with the diagnostics made there too; config files are read again
        here, never while a lint runs."""
        if self.reread_next or self.checker.stale():
            self.reread_next = False
            self.checker.reread()
        checked = self.checker.check(name, text, version)
        lines = Lines.of(text, self.workspace.position_encoding or UTF16)
        return checked, lines, self.diagnostics(lines, checked.findings)

    def _report(self, uri: str, problem: str | None) -> None:
        """A problem is shown once while it lasts, however many documents or edits meet it."""
        if problem is None:
            self.problems.pop(uri, None)
            return
        if problem not in self.problems.values():
            self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"healthlint: {problem}"))
            self.log(problem, lsp.MessageType.Error)
        self.problems[uri] = problem

    def log(self, message: str, level: lsp.MessageType = lsp.MessageType.Info) -> None:
        self.window_log_message(lsp.LogMessageParams(type=level, message=message))

    def report_server_error(self, error: Exception, source) -> None:
        """A malformed message or a failed notification: a line in the editor's log, not a pop-up."""
        self.log(f"healthlint server: {type(error).__name__}: {error}", lsp.MessageType.Error)

    # -- translating

    def diagnostics(self, lines: Lines, findings) -> list[lsp.Diagnostic]:
        return [
            lsp.Diagnostic(
                range=self.range(lines, f),
                severity=SEVERITY[f.severity],
                code=f.rule,
                code_description=lsp.CodeDescription(href=docs_url(f.rule)),
                source="healthlint",
                message=f.message,
            )
            for f in findings
        ]

    @staticmethod
    def range(lines: Lines, f: Finding) -> lsp.Range:
        return lsp.Range(
            start=lsp.Position(*lines.to_editor(f.line, f.column)),
            end=lsp.Position(*lines.to_editor(f.end_line, f.end_column)),
        )

    def current(self, uri: str) -> tuple[Checked, Lines] | None:
        """The last lint of `uri`, if it is of the version the editor has now."""
        done, document = self.checked.get(uri), self.workspace.text_documents.get(uri)
        if done is None or document is None or done[0].version != document.version:
            return None
        return done

    def code_action(self, uri: str, checked: Checked, lines: Lines, action: Action) -> lsp.CodeAction:
        edits = [
            lsp.TextEdit(
                range=lsp.Range(start=lsp.Position(*lines.to_editor(e.line, e.column)), end=lsp.Position(*lines.to_editor(e.end_line, e.end_column))),
                new_text=e.text,
            )
            for e in action.edits
        ]
        if self._versioned_edits():
            change = lsp.WorkspaceEdit(
                document_changes=[lsp.TextDocumentEdit(text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=checked.version), edits=edits)]
            )
        else:
            change = lsp.WorkspaceEdit(changes={uri: edits})
        return lsp.CodeAction(
            title=action.title,
            kind=action.kind,
            diagnostics=self.diagnostics(lines, action.findings),
            edit=change,
            is_preferred=action.preferred or None,
        )

    def _versioned_edits(self) -> bool:
        caps = self.client_capabilities.workspace
        return bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)


def make_server() -> HealthlintServer:
    server = HealthlintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: HealthlintServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)) and options["debounce"] >= 0:
            ls.debounce = options["debounce"] / 1000

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: HealthlintServer, params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        if caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration:
            watchers = [lsp.FileSystemWatcher(glob_pattern=g) for g in CONFIG_GLOBS]
            ls.client_register_capability(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="healthlint-config",
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )
        asyncio.get_running_loop().run_in_executor(ls.worker, ls.checker.warm)
        ls.log(f"healthlint {__version__} language server ready")

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HealthlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HealthlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HealthlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.relint_all()  # for editors that do not watch files: a config saved elsewhere is read now

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HealthlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if (pending := ls.timers.pop(uri, None)) is not None:
            pending.cancel()
        ls.checked.pop(uri, None)
        ls.problems.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: HealthlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith(".toml") for change in params.changes):
            ls.relint_all()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders_changed(ls: HealthlintServer, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        ls.relint_all()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_actions(ls: HealthlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        done = ls.current(uri)
        only = params.context.only
        if done is None or (only and not any(k.startswith(lsp.CodeActionKind.QuickFix) for k in only)):
            return None
        checked, lines = done
        start = lines.from_editor(params.range.start.line, params.range.start.character)
        end = lines.from_editor(params.range.end.line, params.range.end.character)
        under = [f for f in checked.findings if (f.line, f.column) <= end and start <= (f.end_line, f.end_column)]
        return [ls.code_action(uri, checked, lines, a) for a in actions_for(checked, under)] or None

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: HealthlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        done = ls.current(params.text_document.uri)
        if done is None:
            return None
        checked, lines = done
        line, column = lines.from_editor(params.position.line, params.position.character)
        under = sorted(
            (f for f in checked.findings if covers(f, line, column)),
            key=lambda f: (f.end_line - f.line, f.end_column - f.column if f.end_line == f.line else 0),
        )
        if not under:
            return None
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=hover_text(under, checked.rules)),
            range=ls.range(lines, under[0]),
        )

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: HealthlintServer, params: None) -> None:
        for pending in ls.timers.values():
            pending.cancel()
        ls.timers.clear()
        ls.worker.shutdown(wait=True, cancel_futures=True)
        pattern_cache.save()
        ls.shut_down = True

    return server


def serve() -> int:
    """Speak LSP on standard input and output until the editor says exit; 0 when it said shutdown first.

    The protocol gets its own copy of standard output, and `print` writes to standard error, so
    a stray line can never break a message the editor is reading."""
    logging.basicConfig(level=logging.WARNING, format="healthlint server: %(levelname)s %(message)s")
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    server = make_server()
    server.start_io(sys.stdin.buffer, out)
    return 0 if server.shut_down else 1
