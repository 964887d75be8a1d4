//! The status line: the last message (kept under `E` when it was a warning), the search
//! being typed, the keys that apply now, and what the folder holds and the background does.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::tui::action::{Action, Focus};
use crate::tui::app::App;
use crate::tui::view::put_line;

use crate::article::clean::safe_line;
use crate::text::str_width;
use crate::tui::keymap::{KeyMode, key_name};
use crate::tui::page::Page;

use super::Outcome;
use crate::text::truncate;
use crate::tui::update::aliases;
use crate::tui::update::article::run_search;
use crate::tui::update::list::narrow_list;
use crate::tui::update::navigate::{go_to_date, search_folder};

/// What the status line holds.
#[derive(Debug, Default)]
pub struct Status {
    /// A one-line message (a warning, a hint), cleared by the next key.
    pub message: Option<String>,
    /// Problems found in the config file, shown until the first key.
    pub notice: Option<String>,
    /// Every warning said this session (a state file or cache set aside, say), kept so that
    /// `E` still lists it once the status line has moved on.
    pub warnings: Vec<String>,
    /// Every message said this session, oldest first (the last [`LOG`]): `E` lists them, so
    /// a message cut at the pane's edge is never lost.
    pub log: Vec<String>,
    /// The search being typed, while the search line is open.
    pub search: Option<String>,
    /// What that search searches.
    pub search_scope: SearchScope,
}

/// Messages kept in [`Status::log`].
pub const LOG: usize = 200;

impl Status {
    /// Keeps the message shown now in the log, once (called by `update` after each action).
    pub fn log_message(&mut self) {
        if let Some(message) = &self.message
            && self.log.last() != Some(message)
        {
            if self.log.len() >= LOG {
                self.log.remove(0);
            }
            self.log.push(message.clone());
        }
    }
}

/// What the search line searches.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum SearchScope {
    #[default]
    Article,
    Folder,
    /// A date to go to on the timeline page.
    Date,
    /// A source or dates to narrow the article list to.
    ListFilter,
    /// A name the page's name is the same as (`M`).
    Merge,
    /// A form the page's name is not (`D`).
    Apart,
}

/// Takes the messages addressed to the status line and, while a search is typed, the
/// typing.
pub fn handle(app: &mut App, action: Action) -> Outcome {
    let status = &mut app.status;
    match action {
        Action::ClearMessage => {
            status.message = None;
            status.notice = None;
        }
        Action::Warning(w) => {
            // Two warnings at start (a state file and a cache set aside) are both said.
            status.message = Some(match status.message.take() {
                Some(earlier) if status.warnings.contains(&earlier) => format!("{earlier} · {w}"),
                _ => w.clone(),
            });
            status.warnings.push(w);
        }
        Action::StartSearch => {
            if app.reader.is_some() {
                status.search_scope = SearchScope::Article;
                status.search = Some(String::new());
            } else {
                status.message =
                    Some("open an article first (Enter), then search it with /".into());
            }
        }
        Action::StartFolderSearch => {
            status.search_scope = SearchScope::Folder;
            status.search = Some(String::new());
        }
        Action::StartMerge => aliases::start(app, aliases::Say::Same),
        Action::StartSplit => aliases::start(app, aliases::Say::Different),
        Action::StartDateJump => {
            if matches!(app.pages.page, Some(Page::Timeline(_))) {
                status.search_scope = SearchScope::Date;
                status.search = Some(String::new());
            } else {
                status.message = Some("d goes to a date on the timeline: open it with T".into());
            }
        }
        Action::SearchType(c) => {
            if let Some(input) = &mut status.search {
                input.push(c);
            }
        }
        Action::SearchBackspace => {
            if let Some(input) = &mut status.search {
                input.pop();
            }
        }
        Action::SearchCancel => status.search = None,
        Action::SearchSubmit => {
            if let Some(query) = status.search.take() {
                match status.search_scope {
                    SearchScope::Article => run_search(app, &query),
                    SearchScope::Folder => search_folder(app, &query),
                    SearchScope::Date => go_to_date(app, &query),
                    SearchScope::ListFilter => narrow_list(app, &query),
                    SearchScope::Merge => aliases::submit(app, &query, aliases::Say::Same),
                    SearchScope::Apart => aliases::submit(app, &query, aliases::Say::Different),
                }
            }
        }
        other => return Outcome::Ignored(other),
    }
    Outcome::Consumed
}

/// The status line's right side: what the folder holds, and what the background is doing.
fn status_summary(app: &App) -> String {
    let articles = counted(app.order.len(), "article");
    let mut s = if !app.loading.done {
        format!(
            "loading… {} · {articles}",
            counted(app.loading.files, "file")
        )
    } else if let Some((done, total)) = app.indexing {
        format!(
            "indexing {} {}/{} · {articles}",
            progress_bar(done, total, 10),
            group_digits(done),
            group_digits(total)
        )
    } else if app.folder.is_none() && app.model_error.is_none() {
        format!("indexing… · {articles}")
    } else {
        articles
    };
    if !app.errors.is_empty() {
        s.push_str(&format!(
            " · {} unreadable (E)",
            group_digits(app.errors.len())
        ));
    }
    s
}

/// `n` things, grouped in thousands: "1 article", "12,000 articles".
pub(in crate::tui) fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{} {what}s", group_digits(n))
    }
}

/// `n` with thin groups of three digits: 100000 → 100,000.
pub(in crate::tui) fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A bar of `width` cells, filled in proportion to `done` of `total`.
fn progress_bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width)
        .checked_div(total)
        .unwrap_or(width)
        .min(width);
    format!("{}{}", "▰".repeat(filled), "▱".repeat(width - filled))
}

pub(in crate::tui) fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let right = status_summary(app);
    let right_w = str_width(&right) as u16;
    let left_w = area.width.saturating_sub(right_w + 1);
    let left: Line = if let Some(input) = &app.status.search {
        let prompt = match app.status.search_scope {
            SearchScope::Article => "/",
            SearchScope::Folder => "search folder: ",
            SearchScope::Date => "go to date: ",
            SearchScope::ListFilter => "filter list: ",
            SearchScope::Merge => "the same as (a name of this folder): ",
            SearchScope::Apart => "not the same (a form joined here): ",
        };
        Line::from(vec![
            Span::styled(prompt, theme.accent.add_modifier(Modifier::BOLD)),
            Span::raw(input.as_str()),
            Span::styled("▏", theme.accent),
            Span::styled(
                match app.status.search_scope {
                    SearchScope::Date => "  2024-03 · march 2024 · 12 मार्च · Enter go · Esc cancel",
                    SearchScope::ListFilter => {
                        "  a source or place · 2025 · march 2025 · 2025-01..2025-03 · Enter · Esc"
                    }
                    _ => "  Enter search · Esc cancel",
                },
                theme.muted,
            ),
        ])
    } else if let Some(msg) = app.status.notice.as_ref().or(app.status.message.as_ref()) {
        // Messages can quote paths and errors: shown as every path is, on one line. One too
        // long for the line says where the whole of it is.
        let msg = safe_line(msg);
        let room = left_w as usize;
        let msg = if str_width(&msg) > room && room > 8 {
            format!("{}… (E)", truncate(&msg, room - 5))
        } else {
            msg.into_owned()
        };
        Line::styled(msg, theme.message)
    } else if matches!(&app.pages.page, Some(Page::Directory(d)) if d.typing)
        && app.focus == Focus::Reader
    {
        Line::styled(
            "type to filter · ↑↓ move · Enter open · Backspace delete/back · Esc clear/close",
            theme.muted,
        )
    } else if app.pages.page.is_some() && app.focus == Focus::Reader {
        use crate::tui::keymap::Command as C;
        let hint = key_hints(
            app,
            KeyMode::Page,
            &[
                (C::Down, "move"),
                (C::Activate, "open"),
                (C::HistoryBack, "back"),
                (C::HistoryForward, "forward"),
                (C::Directory, "people"),
                (C::Export, "save"),
                (C::Help, "help"),
            ],
        );
        Line::styled(hint, theme.muted)
    } else {
        use crate::tui::keymap::Command as C;
        let hint = key_hints(
            app,
            KeyMode::Normal,
            &[
                (C::Quit, "quit"),
                (C::Help, "help"),
                (C::FocusNext, "pane"),
                (C::Open, "open"),
                (C::Directory, "people"),
                (C::HistoryBack, "back"),
                (C::Search, "search"),
                (C::Romanize, "Latin"),
            ],
        );
        Line::styled(hint, theme.muted)
    };
    put_line(buf, area.x, area.y, left_w, left);
    if right_w < area.width {
        put_line(
            buf,
            area.right() - right_w,
            area.y,
            right_w,
            Line::styled(right, theme.muted),
        );
    }
}

/// The status line's hints: each command's first key in `mode` (from the keys in force, so
/// a rebound key shows as it is), with what it does; unbound commands are left out.
fn key_hints(app: &App, mode: KeyMode, commands: &[(crate::tui::keymap::Command, &str)]) -> String {
    commands
        .iter()
        .filter_map(|&(command, what)| {
            let binding = app
                .bindings
                .iter()
                .find(|b| b.mode == mode && b.command == command)?;
            Some(format!("{} {what}", key_name(binding)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
