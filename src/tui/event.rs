//! What arrives on the reader's one channel: the terminal's events, what the background
//! threads found or did, signals, and a thread's failure.

use crate::article::FileOutcome;

/// What arrives on the reader's one event channel.
pub enum AppEvent {
    Terminal(crossterm::event::Event),
    /// A (re)scan of the folder begins: files it does not report again are gone.
    ScanStarted,
    /// Files found by the scan, their articles without text.
    Loaded(Vec<FileOutcome>),
    /// The scan has reported every file.
    LoadingDone,
    /// Extraction of new and changed files: `done` of `total`.
    Indexing {
        done: usize,
        total: usize,
    },
    /// Something to tell the user that does not stop the reader.
    Warning(String),
    ModelLoaded(Result<crate::extract::Extractor, String>),
    /// The folder's library, built in the background.
    Indexed(Box<super::page::Folder>),
    /// The folder's search index, kept up to date in the background.
    SearchReady(crate::library::search::Searcher),
    /// What an effect came to (see [`super::effect`]).
    Done(Box<super::action::Action>),
    /// SIGTERM, SIGHUP or SIGINT: the reader quits as `q` does (state saved, terminal
    /// restored).
    Signal,
    /// A background thread panicked or lost what it reads; `message` says what happened.
    WorkerFailed {
        worker: Worker,
        message: String,
    },
}

/// The reader's background threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Worker {
    /// Scans, indexes and watches the folder.
    Library,
    /// Loads the entity model.
    Model,
    /// Reads the terminal's keys and mouse.
    Input,
    /// Forwards signals.
    Signals,
}

impl Worker {
    /// The thread's name (after `khabar-`).
    pub fn name(self) -> &'static str {
        match self {
            Worker::Library => "library",
            Worker::Model => "model",
            Worker::Input => "input",
            Worker::Signals => "signals",
        }
    }
}
