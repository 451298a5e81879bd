// Zed starts a language server only when an extension names it: this one runs
// `healthlint server` from the PATH of the project's shell.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Healthlint;

impl zed::Extension for Healthlint {
    fn new() -> Self {
        Healthlint
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let command = worktree
            .which("healthlint")
            .ok_or_else(|| "healthlint is not on the PATH: install it first (see its README)".to_string())?;
        Ok(zed::Command { command, args: vec!["server".into()], env: worktree.shell_env() })
    }
}

zed::register_extension!(Healthlint);
