//! Entering and leaving the terminal's full-screen mode, and making sure it is always left:
//! on quit, on error (the guard's drop) and on panic (the hook).

use std::io::{Stdout, stdout};

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

/// Raw mode, the alternate screen and mouse reporting; the returned guard undoes them.
pub fn enter() -> std::io::Result<(Term, Guard)> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A panic the cache catches (redb meeting a damaged file) leaves the reader running.
        if !crate::library::cache::panic_is_contained() {
            restore();
        }
        hook(info);
    }));
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
