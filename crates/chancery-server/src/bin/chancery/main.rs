//! `chancery`: the system of record for embassies under reciprocity. `serve` runs the HTTP
//! edge; every other command is the CLI's (`chancery-cli`), which links no HTTP code.

mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "chancery",
    version,
    about = "The record of two states' embassies: presence, measures and counter-measures, as of any date."
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
}

fn run(cli: Cli) -> Result<(), String> {
    let command = cli
        .command
        .unwrap_or_else(|| Command::Serve(serve::ServeArgs::parse_from(["serve"])));
    match command {
        Command::Serve(args) => serve::serve(args),
        Command::Tool(command) => chancery_cli::run(command),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("chancery: {message}");
            ExitCode::FAILURE
        }
    }
}
