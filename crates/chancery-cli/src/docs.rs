//! Shell completions and man pages, generated from the clap definitions `--help` reads, so
//! the three never disagree. The binary passes its whole command (serve included).

use std::io::Write;
use std::path::Path;

pub use clap_complete::Shell;

use crate::error::{CliError, Exit};

/// The completion script for `shell`, written to `out`. Built in memory first: clap_complete
/// panics on a failed write, and `chancery completions bash | head` closes the pipe early.
pub fn completions(
    mut cmd: clap::Command,
    shell: Shell,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let name = cmd.get_name().to_owned();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    emit(out, &script)
}

/// Writes all of `bytes`; a reader that stopped reading (a closed pipe) is no failure.
fn emit(out: &mut dyn Write, bytes: &[u8]) -> Result<(), CliError> {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Internal(format!("stdout: {e}")))
        }
        _ => Ok(()),
    }
}

/// The page of `cmd` in roff: clap_mangen's sections, and EXIT STATUS from [`Exit::ALL`] in
/// place of the free text `--help` shows after the options.
fn page(cmd: clap::Command, out: &mut dyn Write, with_exit_status: bool) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(out)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    if with_exit_status {
        writeln!(out, ".SH \"EXIT STATUS\"")?;
        for e in Exit::ALL {
            writeln!(out, ".TP\n\\fB{}\\fR\n{}", e.code(), roff_text(e.meaning()))?;
        }
        writeln!(
            out,
            ".SH \"SEE ALSO\"\nEach command has its own page, chancery\\-COMMAND(1), written by \\fBchancery man \\-\\-dir\\fR DIR."
        )?;
    }
    if cmd.get_version().is_some() {
        man.render_version_section(out)?;
    }
    Ok(())
}

/// Text safe in a roff paragraph: backslashes and hyphens escaped, no line starting with a
/// control character.
fn roff_text(s: &str) -> String {
    let escaped = s.replace('\\', "\\e").replace('-', "\\-");
    match escaped.chars().next() {
        Some('.') | Some('\'') => format!("\\&{escaped}"),
        _ => escaped,
    }
}

/// `chancery man`: the main page to `out`, or, with `dir`, one page per command and
/// subcommand there (chancery.1, chancery-import.1, chancery-consular-cases.1 ...).
pub fn man(cmd: clap::Command, dir: Option<&Path>, out: &mut dyn Write) -> Result<(), CliError> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = dir else {
        let mut roff = Vec::new();
        page(cmd, &mut roff, true).map_err(|e| CliError::Internal(format!("man: {e}")))?;
        return emit(out, &roff);
    };
    std::fs::create_dir_all(dir).map_err(|e| CliError::io(dir.display(), &e))?;
    let mut written = Vec::new();
    write_pages(&cmd, dir, true, &mut written)?;
    let list: String = written
        .iter()
        .map(|p| format!("{}\n", p.display()))
        .collect();
    emit(out, list.as_bytes())
}

fn write_pages(
    cmd: &clap::Command,
    dir: &Path,
    top: bool,
    written: &mut Vec<std::path::PathBuf>,
) -> Result<(), CliError> {
    // clap names a built subcommand's page `chancery-consular-cases`, as man(1) expects.
    let name = cmd.get_display_name().unwrap_or(cmd.get_name()).to_owned();
    let path = dir.join(format!("{name}.1"));
    let mut file = std::fs::File::create(&path).map_err(|e| CliError::io(path.display(), &e))?;
    page(cmd.clone(), &mut file, top).map_err(|e| CliError::io(path.display(), &e))?;
    written.push(path);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, false, written)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_text_escapes_what_roff_would_read_as_commands() {
        assert_eq!(roff_text("a-b"), "a\\-b");
        assert_eq!(roff_text(".x"), "\\&.x");
        assert_eq!(roff_text("a\\b"), "a\\eb");
    }
}
