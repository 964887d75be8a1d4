//! How much of each pane the screen gives: rows and columns for paging and layout.

use crate::tui::action::Focus;
use crate::tui::app::App;
use crate::tui::panes::{LIST_ITEM_HEIGHT, Panes, TIMELINE_ITEM_HEIGHT};

pub(in crate::tui) fn panes(app: &App) -> Panes {
    Panes::compute(app.size.0, app.size.1, app.focus, app.layout)
}

/// Articles the list shows at once.
pub(in crate::tui) fn list_page(app: &App) -> usize {
    let height = panes(app).list.map_or(app.size.1, |r| r.height);
    (height.saturating_sub(2) as usize / LIST_ITEM_HEIGHT).max(1)
}

/// Rows of text the reader shows at once (as laid out when the reader has the focus).
pub(in crate::tui) fn reader_height(app: &App) -> usize {
    Panes::compute(app.size.0, app.size.1, Focus::Reader, app.layout)
        .reader_text_height()
        .unwrap_or(1)
}

pub(in crate::tui) fn reader_width(app: &App) -> usize {
    Panes::compute(app.size.0, app.size.1, Focus::Reader, app.layout)
        .reader_text_width()
        .unwrap_or(1)
}

/// Rows the sidebar's entity list shows at once.
pub(in crate::tui) fn sidebar_page(app: &App) -> usize {
    let height = Panes::compute(app.size.0, app.size.1, Focus::Entities, app.layout)
        .sidebar
        .map_or(app.size.1, |r| r.height);
    ((height / 2).saturating_sub(2) as usize).max(1)
}

/// Timeline entries the sidebar shows at once.
pub(in crate::tui) fn timeline_page(app: &App) -> usize {
    let height = Panes::compute(app.size.0, app.size.1, Focus::Timeline, app.layout)
        .sidebar
        .map_or(app.size.1, |r| r.height - r.height / 2);
    (height.saturating_sub(2) as usize / TIMELINE_ITEM_HEIGHT).max(1)
}
