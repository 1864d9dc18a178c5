//! `chancery`: the system of record for embassies under reciprocity. `serve` runs the HTTP
//! edge; every other command is the CLI's (`chancery-cli`), which links no HTTP code.

mod serve;

/// Buffers cross threads on every write (an async worker builds an entry, the journal's writer
/// frees it): mimalloc's per-thread free lists take that without the lock glibc's arenas need.
/// Measured with scripts/load-write, one run: acts/s and CPU per act (see ARCHITECTURE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use chancery_cli::docs::{self, Shell};
use chancery_cli::{CliError, Exit};
use clap::{CommandFactory, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "chancery",
    version,
    about = "The record of two states' embassies: presence, measures and counter-measures, as of any date.",
    after_long_help = Exit::table(),
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web API (the default command). A new store is seeded with the US–Russia demo.
    Serve(serve::ServeArgs),
    #[command(flatten)]
    Tool(chancery_cli::Command),
    /// Print the completion script for a shell (bash, zsh, fish, elvish, powershell), e.g.
    /// `chancery completions bash > /etc/bash_completion.d/chancery`.
    Completions { shell: Shell },
    /// Print the man page (roff), e.g. `chancery man | man -l -`; with --dir, write one page per
    /// command there (chancery.1, chancery-import.1, chancery-consular-cases.1 ...).
    Man {
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

fn run(cli: Cli) -> Result<(), CliError> {
    let command = cli
        .command
        .unwrap_or_else(|| Command::Serve(serve::ServeArgs::parse_from(["serve"])));
    match command {
        Command::Serve(args) => serve::serve(args),
        Command::Tool(command) => chancery_cli::run(command),
        Command::Completions { shell } => {
            docs::completions(Cli::command(), shell, &mut std::io::stdout())
        }
        Command::Man { dir } => docs::man(Cli::command(), dir.as_deref(), &mut std::io::stdout()),
    }
}

fn main() -> ExitCode {
    // A usage error exits 2 here, with clap's message; `--help` and `--version` exit 0.
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chancery: {e}");
            ExitCode::from(e.exit().code())
        }
    }
}
