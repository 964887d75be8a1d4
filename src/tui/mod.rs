//! The reader: the only part of khabar that touches the terminal.
//!
//! Data flows one way: a key, the mouse or the background loader produces an [`AppEvent`];
//! [`input`] turns it into [`action::Action`]s; [`update::update`] changes the [`app::App`]
//! and returns the [`effect::Effect`]s it wants done (reading a file, saving state), which
//! the effects thread does and answers with actions; [`view::render`] draws the app. The
//! loop drains every pending event, then draws once.

mod action;
mod app;
mod clusters;
mod components;
pub mod config;
mod effect;
mod event;
mod export;
pub mod harness;
mod history;
mod input;
pub mod keymap;
pub mod manual;
mod page;
mod panes;
mod reader;
mod terminal;
mod update;
mod view;
pub mod width_mode;
mod worker;

#[cfg(test)]
mod scenarios;

use std::path::PathBuf;
use std::sync::mpsc;

use anyhow::Context;

use crate::state::StateStore;
pub(crate) use event::{AppEvent, Worker};

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
    let (reading, message) = match &store {
        Some(s) => s.load(),
        None => Default::default(),
    };
    let mut app = app::App::new(root.clone(), reading);
    app.status.warnings.extend(message.clone());
    app.status.message = message;
    app.bindings = options.config.bindings();
    app.theme = options.config.theme(options.no_color);
    app.layout = options.config.layout;
    app.romanized = options.romanize;
    let export_dir = options
        .export_dir
        .or_else(crate::export::files::default_dir);
    app.status.notice = notice(&options.config_errors);

    let (tx, rx) = mpsc::channel();
    // khabar's own folders, wherever they are, are never read as articles.
    let own_dirs = state_dir.into_iter().chain(export_dir.clone()).collect();
    // The library thread lends the folder's cache to the effects, which read opened
    // articles' facts from it.
    let cache = effect::CacheShare::default();
    let services = effect::Services {
        store,
        export_dir,
        cache: cache.clone(),
        browser: Some(effect::browser_from(
            std::env::var("BROWSER").ok().as_deref(),
        )),
    };
    // Before any thread starts: a panic anywhere is reported, never left half-alive.
    terminal::install_panic_hook();
    #[cfg(unix)]
    if let Err(e) = worker::spawn_signals(tx.clone()) {
        app.status.message = Some(format!(
            "cannot watch for signals ({e}): closing the terminal loses the reading position"
        ));
    }
    worker::spawn_library(
        worker::LibraryJob {
            root,
            cache_dir: options.cache_dir,
            watch: options.watch,
            follow: options.follow,
            own_dirs,
            cache,
        },
        tx.clone(),
    );
    worker::spawn_model_loader(tx.clone());
    let effects = effect::Effects::start(services, tx.clone())
        .context("cannot start the reader's background thread")?;
    let run_effects = |e: Vec<effect::Effect>| effects.run(e);
    let (mut term, _guard) = terminal::enter().context("cannot set up the terminal")?;
    // Before anything reads the terminal's input: the answer to the question is input.
    let (advance, note) = width_mode::settle(options.width_mode);
    crate::text::width::set_advance(advance);
    term.backend_mut().set_advance(advance);
    // The probe printed on the screen: the first frame is drawn whole.
    term.clear()?;
    if let Some(note) = note {
        app.status.message = Some(note);
    }
    worker::spawn_input(tx.clone());
    let size = term.size()?;
    run_effects(update::update(
        &mut app,
        action::Action::Resize(size.width, size.height),
    ));
    term.draw(|f| view::render(&app, f))?;

    let mut fatal = None;
    let mut lost = None;
    while !app.quit {
        let Ok(first) = rx.recv() else { break };
        let mut changed = handle(&mut app, first, &mut fatal, &run_effects);
        while let Ok(event) = rx.try_recv() {
            changed |= handle(&mut app, event, &mut fatal, &run_effects);
            if app.quit {
                break;
            }
        }
        if changed
            && !app.quit
            && let Err(e) = term.draw(|f| view::render(&app, f))
        {
            // The terminal has gone (a hangup): keep what was read all the same.
            run_effects(update::update(&mut app, action::Action::Quit));
            lost = Some(e);
        }
    }
    // The last save is written before the reader ends.
    effects.finish();
    if let Some(e) = lost {
        return Err(e).context("cannot draw on the terminal");
    }
    match fatal {
        Some(message) => Err(anyhow::anyhow!("{message}")),
        None => Ok(()),
    }
}

/// The config's problems as one status line: the first, and how many more.
fn notice(errors: &[String]) -> Option<String> {
    let first = crate::article::clean::clean_line(errors.first()?);
    Some(match config::problem_count(errors) {
        0 | 1 => format!("config: {first}"),
        n => format!("config: {first} (and {} more)", n - 1),
    })
}

/// Applies one event, handing what `update` decides to have done to `run`; says whether the
/// screen needs drawing. A failure the reader cannot go on without (its input thread's)
/// quits as `q` does and is kept in `fatal`.
fn handle(
    app: &mut app::App,
    event: AppEvent,
    fatal: &mut Option<String>,
    run: &dyn Fn(Vec<effect::Effect>),
) -> bool {
    let event = match event {
        AppEvent::Signal => {
            run(update::update(app, action::Action::Quit));
            return true;
        }
        AppEvent::WorkerFailed { worker, message } => {
            let action = match worker {
                Worker::Input => {
                    *fatal = Some(format!(
                        "the reader stopped: {message}; reading state was saved"
                    ));
                    action::Action::Quit
                }
                Worker::Model => {
                    action::Action::ModelLoaded(Err(format!("the model loader stopped: {message}")))
                }
                Worker::Library => action::Action::Warning(format!(
                    "the folder loader stopped: {message}; the list shows what was loaded, \
                     reopen khabar to load the rest"
                )),
                Worker::Signals => action::Action::Warning(format!(
                    "signals are no longer watched ({message}): quit with q to keep your place"
                )),
            };
            run(update::update(app, action));
            return true;
        }
        event => event,
    };
    let actions = input::to_actions(app, event);
    let changed = !actions.is_empty();
    for action in actions {
        run(update::update(app, action));
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::ArticleState;

    fn services(dir: &std::path::Path) -> effect::Services {
        effect::Services {
            store: Some(StateStore::new(dir.join("state"))),
            export_dir: None,
            ..Default::default()
        }
    }

    /// Runs the effects in line, as the effects thread would.
    fn in_line(services: &effect::Services) -> impl Fn(Vec<effect::Effect>) + '_ {
        move |effects| {
            for e in effects {
                effect::perform(services, e);
            }
        }
    }

    fn app_with_state(dir: &std::path::Path) -> app::App {
        let mut app = app::App::new(dir.to_path_buf(), Default::default());
        let read = ArticleState {
            read: true,
            block: 3,
            offset: 7,
        };
        app.reading.record("a.txt".into(), read);
        app
    }

    fn saved_block(dir: &std::path::Path) -> Option<usize> {
        let (state, _) = StateStore::new(dir.join("state")).load();
        state.articles.get("a.txt").map(|a| a.block)
    }

    #[test]
    fn a_signal_quits_as_q_does_and_saves_the_state() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = app_with_state(dir.path());
        let mut fatal = None;
        assert!(handle(
            &mut app,
            AppEvent::Signal,
            &mut fatal,
            &in_line(&services(dir.path()))
        ));
        assert!(app.quit);
        assert_eq!(fatal, None);
        assert_eq!(saved_block(dir.path()), Some(3));
    }

    #[test]
    fn the_input_thread_failing_ends_the_reader_with_its_state_saved() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = app_with_state(dir.path());
        let mut fatal = None;
        let failed = AppEvent::WorkerFailed {
            worker: Worker::Input,
            message: "index out of bounds".into(),
        };
        handle(
            &mut app,
            failed,
            &mut fatal,
            &in_line(&services(dir.path())),
        );
        assert!(app.quit);
        let fatal = fatal.expect("a message to print");
        assert!(fatal.contains("index out of bounds"), "{fatal}");
        assert_eq!(saved_block(dir.path()), Some(3));
    }

    #[test]
    fn the_library_thread_failing_is_said_in_the_status_line_and_the_reader_goes_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = app_with_state(dir.path());
        let mut fatal = None;
        let failed = AppEvent::WorkerFailed {
            worker: Worker::Library,
            message: "entered unreachable code".into(),
        };
        handle(
            &mut app,
            failed,
            &mut fatal,
            &in_line(&services(dir.path())),
        );
        assert!(!app.quit);
        assert_eq!(fatal, None);
        let message = app.status.message.clone().unwrap_or_default();
        assert!(message.contains("folder loader stopped"), "{message}");
        assert!(message.contains("entered unreachable code"), "{message}");
    }
}
