//! The reader: the only part of khabar that touches the terminal.
//!
//! Data flows one way: a key, the mouse or the background loader produces an [`AppEvent`];
//! [`input`] turns it into an [`action::Action`]; [`update::update`] changes the [`app::App`];
//! [`view::render`] draws it. The loop drains every pending event, then draws once.

pub mod action;
pub mod app;
pub mod clusters;
pub mod config;
mod export;
pub mod history;
mod input;
pub mod keymap;
pub mod page;
pub mod panes;
mod terminal;
pub mod update;
pub mod view;
pub mod width_mode;
mod worker;

use std::path::PathBuf;
use std::sync::mpsc;

use anyhow::Context;

use crate::article::FileOutcome;
use crate::state::StateStore;

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
    Indexed(Box<crate::library::Library>),
    /// The folder's search index, kept up to date in the background.
    SearchReady(std::sync::Arc<std::sync::Mutex<crate::library::search::SearchIndex>>),
}

/// How the reader was started.
pub struct Options {
    /// Folder or file to read, already checked to exist.
    pub path: PathBuf,
    /// Where reading state is kept; `None` keeps nothing.
    pub state_dir: Option<PathBuf>,
    /// Where the folder's extraction cache is kept; `None` keeps none.
    pub cache_dir: Option<PathBuf>,
    /// Whether to follow changes to the folder while the reader is open.
    pub watch: bool,
    /// Whether to read folders behind symbolic links (`--follow`).
    pub follow: bool,
    /// The config file's settings (the defaults without one).
    pub config: crate::tui::config::Config,
    /// Problems found in the config file, to show in the status line.
    pub config_errors: Vec<String>,
    /// Draw without colour (`NO_COLOR`).
    pub no_color: bool,
    /// Start in the romanised view.
    pub romanize: bool,
    /// Where `x` writes exports; `None` for [`crate::export::files::default_dir`].
    pub export_dir: Option<PathBuf>,
    /// How to settle the terminal's cluster widths (mode 2027) at start.
    pub width_mode: width_mode::WidthMode,
}

/// Runs the reader until the user quits.
pub fn run(options: Options) -> anyhow::Result<()> {
    let root = std::fs::canonicalize(&options.path).with_context(|| {
        format!(
            "cannot open {}",
            crate::article::clean::display_path(&options.path)
        )
    })?;
    let state_dir = options.state_dir.clone();
    let store = options.state_dir.map(StateStore::new);
    let mut app = app::App::new(root.clone(), store);
    app.bindings = options.config.bindings();
    app.theme = options.config.theme(options.no_color);
    app.layout = options.config.layout;
    app.romanized = options.romanize;
    app.export_dir = options
        .export_dir
        .or_else(crate::export::files::default_dir);
    app.notice = notice(&options.config_errors);

    let (tx, rx) = mpsc::channel();
    // khabar's own folders, wherever they are, are never read as articles.
    let own_dirs = state_dir
        .into_iter()
        .chain(app.export_dir.clone())
        .collect();
    worker::spawn_library(
        worker::LibraryJob {
            root,
            cache_dir: options.cache_dir,
            watch: options.watch,
            follow: options.follow,
            own_dirs,
        },
        tx.clone(),
    );
    worker::spawn_model_loader(tx.clone());
    let (mut term, _guard) = terminal::enter().context("cannot set up the terminal")?;
    // Before anything reads the terminal's input: the answer to the question is input.
    let (advance, note) = width_mode::settle(options.width_mode);
    crate::text::width::set_advance(advance);
    term.backend_mut().set_advance(advance);
    // The probe printed on the screen: the first frame is drawn whole.
    term.clear()?;
    if let Some(note) = note {
        app.message = Some(note);
    }
    worker::spawn_input(tx.clone());
    let size = term.size()?;
    update::update(&mut app, action::Action::Resize(size.width, size.height));
    term.draw(|f| view::render(&app, f))?;

    while !app.quit {
        let Ok(first) = rx.recv() else { break };
        let mut changed = handle(&mut app, first);
        while let Ok(event) = rx.try_recv() {
            changed |= handle(&mut app, event);
            if app.quit {
                break;
            }
        }
        if changed && !app.quit {
            term.draw(|f| view::render(&app, f))?;
        }
    }
    Ok(())
}

/// The config's problems as one status line: the first, and how many more.
fn notice(errors: &[String]) -> Option<String> {
    let first = crate::article::clean::clean_line(errors.first()?);
    Some(match errors.len() {
        1 => format!("config: {first}"),
        n => format!("config: {first} (and {} more)", n - 1),
    })
}

/// Applies one event; says whether the screen needs drawing.
fn handle(app: &mut app::App, event: AppEvent) -> bool {
    match input::to_action(app, event) {
        Some(action) => {
            update::update(app, action);
            true
        }
        None => false,
    }
}
