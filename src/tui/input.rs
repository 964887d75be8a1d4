//! Turning terminal events into actions, through the key table.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

use super::AppEvent;
use super::action::Action;
use super::app::App;
use super::keymap::{KeyMode, lookup};

/// The action an event asks for, if any.
pub fn to_action(app: &mut App, event: AppEvent) -> Option<Action> {
    match event {
        AppEvent::Loaded(outcome) => Some(Action::Loaded(outcome)),
        AppEvent::LoadingDone => Some(Action::LoadingDone),
        AppEvent::ModelLoaded(result) => Some(Action::ModelLoaded(result)),
        AppEvent::Terminal(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            Some(key_action(app, key)?)
        }
        AppEvent::Terminal(Event::Mouse(mouse)) => mouse_action(mouse),
        AppEvent::Terminal(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
        AppEvent::Terminal(_) => None,
    }
}

fn key_action(app: &mut App, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if app.search_input.is_some() {
        return match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::Quit),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchType(c)),
            _ => None,
        };
    }
    // A key clears the last message; the action may set a new one.
    app.message = None;
    let mode = if app.overlay.is_some() {
        KeyMode::Overlay
    } else {
        KeyMode::Normal
    };
    let command = lookup(app.bindings, mode, key)?;
    Some(command.action(app.focus))
}

fn mouse_action(mouse: MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            delta: 1,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            delta: -1,
        }),
        MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
            Some(Action::Click { column, row })
        }
        _ => None,
    }
}
