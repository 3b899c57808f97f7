//! The `shian` binary: parse arguments, run, exit with 0 (success), 1 (content errors) or 2 (usage).

use clap::Parser;

fn main() {
    let cli = shian::cli::Cli::parse();
    std::process::exit(shian::commands::run(cli));
}
