//! Overlays drawn over the panes: the keys (`?`) and what could not be read (`E`);
//! scrolling and closing them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::reader::padded;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::config::theme::Theme;
use crate::tui::view::{put_line, render_wrapped};

use crate::article::clean::safe_line;
use crate::text::width::{self};
use crate::text::{str_width, truncate, wrap};
use crate::tui::keymap::{KeyMode, help_rows};

use super::Outcome;

/// An overlay drawn over the panes, with its scroll position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Errors { scroll: usize },
}

/// While an overlay is open: movement keys scroll it, its key closes it, the other
/// overlay's key shows that one instead, and Esc closes it.
pub fn handle(app: &mut App, action: Action) -> Outcome {
    let delta = match action {
        Action::SelectBy(n) | Action::ScrollBy(n) => n,
        Action::SelectPage(n) | Action::ScrollPage(n) => n * 10,
        Action::Wheel { delta, .. } => delta * 3,
        Action::SelectFirst | Action::ScrollToTop => isize::MIN / 2,
        Action::SelectLast | Action::ScrollToBottom => isize::MAX / 2,
        Action::ToggleHelp | Action::ToggleErrors => {
            toggle(app, &action);
            return Outcome::Consumed;
        }
        Action::Close => {
            app.overlay = None;
            return Outcome::Consumed;
        }
        other => return Outcome::Ignored(other),
    };
    let lines = match app.overlay {
        Some(Overlay::Help { .. }) => KeyMode::SECTIONS
            .iter()
            .map(|&(mode, _)| help_rows(&app.bindings, mode).len() + 1)
            .sum(),
        Some(Overlay::Errors { .. }) => app.errors.len() + app.status.warnings.len(),
        None => 0,
    };
    if let Some(Overlay::Help { scroll } | Overlay::Errors { scroll }) = &mut app.overlay {
        *scroll = scroll
            .saturating_add_signed(delta)
            .min(lines.saturating_sub(1));
    }
    Outcome::Consumed
}

/// `?` and `E`: opens that overlay, or closes it when it is the one open.
pub fn toggle(app: &mut App, action: &Action) {
    app.overlay = match (action, app.overlay) {
        (Action::ToggleHelp, Some(Overlay::Help { .. }))
        | (Action::ToggleErrors, Some(Overlay::Errors { .. })) => None,
        (Action::ToggleHelp, _) => Some(Overlay::Help { scroll: 0 }),
        (Action::ToggleErrors, _) => Some(Overlay::Errors { scroll: 0 }),
        (_, open) => open,
    };
}

/// Draws the open overlay over `area`.
pub(in crate::tui) fn render(app: &App, buf: &mut Buffer, area: Rect) {
    match app.overlay {
        Some(Overlay::Help { scroll }) => render_help(app, buf, area, scroll),
        Some(Overlay::Errors { scroll }) => render_errors(app, buf, area, scroll),
        None => {}
    }
}

/// An overlay's box over `area`, cleared, with its inner area.
fn overlay_box(theme: &Theme, buf: &mut Buffer, area: Rect, title: String) -> Rect {
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(
            title,
            theme.accent.add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Line::styled(" Esc close ", theme.muted).alignment(Alignment::Right));
    let inner = padded(block.inner(area));
    block.render(area, buf);
    inner
}

/// Marks on an overlay's bottom border that its list goes on below.
fn more_below(theme: &Theme, buf: &mut Buffer, area: Rect) {
    if area.height < 2 || area.width < 6 {
        return;
    }
    let line = Line::styled(" ↓ more (j, Space, G) ", theme.accent);
    put_line(buf, area.x + 2, area.bottom() - 1, area.width - 4, line);
}

fn render_help(app: &App, buf: &mut Buffer, area: Rect, scroll: usize) {
    let theme = &app.theme;
    // Each mode's keys under its heading; the Normal keys come first, without one.
    let mut rows: Vec<(String, &'static str, bool)> = Vec::new();
    for (mode, heading) in KeyMode::SECTIONS {
        if !heading.is_empty() {
            rows.push((String::new(), "", false));
            rows.push((String::new(), heading, true));
        }
        rows.extend(
            help_rows(&app.bindings, mode)
                .into_iter()
                .map(|(k, h)| (k, h, false)),
        );
        if mode == KeyMode::Normal {
            rows.push((
                "wheel, click".into(),
                "scroll the pane under the pointer; open an article",
                false,
            ));
        }
    }
    let inner = overlay_box(theme, buf, area, " Keys ".into());
    let key_w = rows
        .iter()
        .map(|(k, _, _)| str_width(k))
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 2);
    let help_w = (inner.width as usize).saturating_sub(key_w + 2).max(1);
    let mut y = inner.y;
    for (keys, help, heading) in rows.iter().skip(scroll) {
        if *heading {
            if y >= inner.bottom() {
                return more_below(theme, buf, area);
            }
            let style = theme.accent.add_modifier(Modifier::BOLD);
            let text = truncate(help, inner.width as usize);
            put_line(buf, inner.x, y, inner.width, Line::styled(text, style));
            y += 1;
            continue;
        }
        let keys = truncate(keys, key_w);
        let wrapped = wrap(help, help_w, width::advance());
        for i in 0..wrapped.len().max(1) {
            if y >= inner.bottom() {
                return more_below(theme, buf, area);
            }
            let text = wrapped.get(i).map_or("", |l| &help[l.start..l.end]);
            let key_cell = if i == 0 { keys } else { "" };
            let pad = " ".repeat(key_w - str_width(key_cell) + 2);
            let line = Line::from(vec![
                Span::styled(key_cell, theme.accent.add_modifier(Modifier::BOLD)),
                Span::raw(pad),
                Span::raw(text),
            ]);
            put_line(buf, inner.x, y, inner.width, line);
            y += 1;
        }
    }
}

fn render_errors(app: &App, buf: &mut Buffer, area: Rect, scroll: usize) {
    let theme = &app.theme;
    let title = match app.status.warnings.len() {
        0 => format!(" Files that could not be read ({}) ", app.errors.len()),
        n => format!(
            " Files that could not be read ({}) · warnings ({n}) ",
            app.errors.len()
        ),
    };
    let inner = overlay_box(theme, buf, area, title);
    if app.errors.is_empty() && app.status.warnings.is_empty() {
        render_wrapped(buf, inner, "Every file was read.", theme.muted);
        return;
    }
    let mut y = inner.y;
    // Warnings first (few, and about khabar's own files), then each file.
    let warnings = app
        .status
        .warnings
        .iter()
        .map(|w| format!("warning: {}", safe_line(w)));
    let files = app.errors.iter().map(|error| {
        let path = app.display_path(&error.path);
        format!("{path}: {}", safe_line(&error.kind.to_string()))
    });
    for text in warnings.chain(files).skip(scroll) {
        for line in wrap(&text, inner.width as usize, width::advance()) {
            if y >= inner.bottom() {
                return more_below(theme, buf, area);
            }
            put_line(
                buf,
                inner.x,
                y,
                inner.width,
                Line::raw(&text[line.start..line.end]),
            );
            y += 1;
        }
    }
}
