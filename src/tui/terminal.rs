//! Entering and leaving the terminal's full-screen mode, and making sure it is always left:
//! on quit, on error (the guard's drop) and on a panic of the main thread (the hook). A
//! panic on another thread leaves the terminal alone: the thread's wrapper
//! ([`super::worker`]) reports it to the reader, which shows it or ends cleanly.

use std::io::{Stdout, stdout};
use std::sync::Mutex;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::clusters::ClusterBackend;

pub type Term = Terminal<ClusterBackend<CrosstermBackend<Stdout>>>;

/// Restores the terminal when dropped.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// The last panic of a thread other than the main one, as "message (at file:line)", kept
/// for the thread's wrapper to report (a panic on a rayon thread is re-raised on the thread
/// that waited for it, which only gets the message).
static WORKER_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Sets the panic hook: a panic of the main thread is fatal, so the terminal is restored
/// before the message is printed; a panic of any other thread prints nothing over the
/// screen and is kept for [`take_worker_panic`].
pub fn install_panic_hook() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A panic the cache catches (redb meeting a damaged file) leaves the reader running.
        if crate::library::cache::panic_is_contained() {
            return;
        }
        if std::thread::current().name() == Some("main") {
            restore();
            hook(info);
            return;
        }
        let message = payload_message(info.payload());
        let message = match info.location() {
            Some(at) => format!("{message} (at {}:{})", at.file(), at.line()),
            None => message,
        };
        if let Ok(mut last) = WORKER_PANIC.try_lock() {
            *last = Some(message);
        }
    }));
}

/// The message of the panic whose payload is `payload`, with where it happened when the
/// hook recorded that (a recorded message of another panic is not taken for this one).
pub fn take_worker_panic(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload_message(payload);
    let recorded = WORKER_PANIC.lock().ok().and_then(|mut last| last.take());
    recorded
        .filter(|r| r.starts_with(&message))
        .unwrap_or(message)
}

/// What a panic said, when it said it in words.
fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Raw mode, the alternate screen and mouse reporting; the returned guard undoes them.
pub fn enter() -> std::io::Result<(Term, Guard)> {
    enable_raw_mode()?;
    let guard = Guard;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let terminal = Terminal::new(ClusterBackend::new(CrosstermBackend::new(stdout())))?;
    Ok((terminal, guard))
}

/// Leaves full-screen mode; safe to call more than once.
pub fn restore() {
    super::width_mode::restore(&mut stdout());
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}
