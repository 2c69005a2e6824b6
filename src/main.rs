//! The `newskg` binary: parses arguments, runs the command, and exits with its status.

use clap::Parser;

fn main() -> std::process::ExitCode {
    newskg::cli::run(newskg::cli::Args::parse())
}
