//! The `khabar` command: opens the reader on a folder or file of Hindi news articles.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// A terminal reader for Hindi news that works offline.
///
/// Opens a folder of articles (.txt wire stories, .json, .jsonl), recursively, or a single
/// file, and shows them with Devanagari wrapped to the window. Press ? in the reader for keys.
#[derive(Parser, Debug)]
#[command(name = "khabar", version, about, long_about)]
struct Cli {
    /// Folder or file to read [default: the current folder]
    path: Option<PathBuf>,

    /// Where reading state (read marks, positions) is kept
    /// [default: $XDG_STATE_HOME/khabar, usually ~/.local/state/khabar]
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let path = cli.path.unwrap_or_else(|| PathBuf::from("."));
    if !path.exists() {
        eprintln!("khabar: {}: no such file or folder", path.display());
        return ExitCode::from(2);
    }
    let state_dir = cli
        .state_dir
        .or_else(khabar::state::StateStore::default_dir);
    let options = khabar::tui::Options { path, state_dir };
    match khabar::tui::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("khabar: {e:#}");
            ExitCode::FAILURE
        }
    }
}
