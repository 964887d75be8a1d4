//! The only place the app changes: `update(&mut App, Action)`.

use std::cmp::Reverse;

use crate::article::{Article, FileOutcome};
use crate::state::ArticleState;
use crate::text::{Layout, fold};

use super::action::{Action, Focus};
use super::app::{App, FIRST_PARAGRAPH_BLOCK, Overlay, Reader, Search};
use super::keymap::{KeyMode, help_rows};
use super::panes::Panes;

/// Rows each article takes in the list.
pub const LIST_ITEM_HEIGHT: usize = 2;

pub fn update(app: &mut App, action: Action) {
    if app.overlay.is_some() && scroll_overlay(app, &action) {
        return;
    }
    match action {
        Action::Quit => {
            remember_position(app);
            save_state(app);
            app.quit = true;
        }
        Action::SelectBy(n) => select_by(app, n),
        Action::SelectPage(n) => select_by(app, n * list_page(app) as isize),
        Action::SelectFirst => select_by(app, isize::MIN / 2),
        Action::SelectLast => select_by(app, isize::MAX / 2),
        Action::OpenSelected => {
            if let Some(id) = app.selected_article() {
                open_article(app, id);
            }
        }
        Action::Click { column, row } => click(app, column, row),
        Action::ScrollBy(n) => scroll_by(app, n),
        Action::ScrollPage(n) => {
            let page = reader_height(app).saturating_sub(2).max(1) as isize;
            scroll_by(app, n * page);
        }
        Action::ScrollToTop => scroll_by(app, isize::MIN / 2),
        Action::ScrollToBottom => scroll_by(app, isize::MAX / 2),
        Action::FocusNext => {
            app.focus = match app.focus {
                Focus::List => Focus::Reader,
                Focus::Reader => Focus::Sidebar,
                Focus::Sidebar => Focus::List,
            };
        }
        Action::FocusPrev => {
            app.focus = match app.focus {
                Focus::List => Focus::Sidebar,
                Focus::Reader => Focus::List,
                Focus::Sidebar => Focus::Reader,
            };
        }
        Action::Wheel { column, row, delta } => wheel(app, column, row, delta),
        Action::StartSearch => {
            if app.reader.is_some() {
                app.search_input = Some(String::new());
            } else {
                app.message = Some("open an article first (Enter), then search it with /".into());
            }
        }
        Action::SearchType(c) => {
            if let Some(input) = &mut app.search_input {
                input.push(c);
            }
        }
        Action::SearchBackspace => {
            if let Some(input) = &mut app.search_input {
                input.pop();
            }
        }
        Action::SearchCancel => app.search_input = None,
        Action::SearchSubmit => {
            if let Some(query) = app.search_input.take() {
                run_search(app, &query);
            }
        }
        Action::NextMatch => step_match(app, 1),
        Action::PrevMatch => step_match(app, -1),
        Action::ToggleHelp => {
            app.overlay = match app.overlay {
                Some(Overlay::Help { .. }) => None,
                _ => Some(Overlay::Help { scroll: 0 }),
            };
        }
        Action::ToggleErrors => {
            app.overlay = match app.overlay {
                Some(Overlay::Errors { .. }) => None,
                _ => Some(Overlay::Errors { scroll: 0 }),
            };
        }
        Action::Back => back(app),
        Action::Resize(w, h) => {
            app.size = (w, h);
            relayout(app);
            keep_selection_visible(app);
        }
        Action::Loaded(outcome) => add_loaded(app, outcome),
        Action::LoadingDone => {
            app.loading.done = true;
            if app.reader.is_none() && app.articles.len() == 1 {
                open_article(app, 0);
            }
        }
    }
}

fn panes(app: &App) -> Panes {
    Panes::compute(app.size.0, app.size.1, app.focus)
}

/// Articles the list shows at once.
fn list_page(app: &App) -> usize {
    let height = panes(app).list.map_or(app.size.1, |r| r.height);
    (height.saturating_sub(2) as usize / LIST_ITEM_HEIGHT).max(1)
}

/// Rows of text the reader shows at once (as laid out when the reader has the focus).
fn reader_height(app: &App) -> usize {
    Panes::compute(app.size.0, app.size.1, Focus::Reader)
        .reader_text_height()
        .unwrap_or(1)
}

fn reader_width(app: &App) -> usize {
    Panes::compute(app.size.0, app.size.1, Focus::Reader)
        .reader_text_width()
        .unwrap_or(1)
}

fn select_by(app: &mut App, n: isize) {
    if app.order.is_empty() {
        return;
    }
    let last = app.order.len() - 1;
    app.list.selected = app.list.selected.saturating_add_signed(n).min(last);
    keep_selection_visible(app);
}

fn keep_selection_visible(app: &mut App) {
    let page = list_page(app);
    let sel = app.list.selected;
    if sel < app.list.offset {
        app.list.offset = sel;
    } else if sel >= app.list.offset + page {
        app.list.offset = sel + 1 - page;
    }
    let max_offset = app.order.len().saturating_sub(page);
    app.list.offset = app.list.offset.min(max_offset);
}

fn scroll_by(app: &mut App, n: isize) {
    let height = reader_height(app);
    if let Some(reader) = &mut app.reader {
        let max = reader.layout.rows.len().saturating_sub(height);
        reader.scroll = reader.scroll.saturating_add_signed(n).min(max);
    }
}

fn wheel(app: &mut App, column: u16, row: u16, delta: isize) {
    let panes = panes(app);
    let at = ratatui::layout::Position::new(column, row);
    if panes.reader.is_some_and(|r| r.contains(at)) {
        scroll_by(app, delta * 3);
    } else if panes.list.is_some_and(|r| r.contains(at)) {
        select_by(app, delta);
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    let panes = panes(app);
    let at = ratatui::layout::Position::new(column, row);
    if let Some(list) = panes.list.filter(|r| r.contains(at)) {
        app.focus = Focus::List;
        if row > list.y {
            let index = app.list.offset + (row - list.y - 1) as usize / LIST_ITEM_HEIGHT;
            if index < app.order.len() {
                app.list.selected = index;
                open_article(app, app.order[index]);
            }
        }
    } else if panes.reader.is_some_and(|r| r.contains(at)) {
        app.focus = Focus::Reader;
    } else if panes.sidebar.is_some_and(|r| r.contains(at)) {
        app.focus = Focus::Sidebar;
    }
}

fn back(app: &mut App) {
    if app.overlay.take().is_some() {
        return;
    }
    if let Some(reader) = &mut app.reader
        && reader.search.take().is_some()
    {
        return;
    }
    if app.focus != Focus::List {
        app.focus = Focus::List;
    }
}

/// Movement keys scroll an open overlay instead of the panes beneath it.
fn scroll_overlay(app: &mut App, action: &Action) -> bool {
    let delta = match action {
        Action::SelectBy(n) | Action::ScrollBy(n) => *n,
        Action::SelectPage(n) | Action::ScrollPage(n) => n * 10,
        Action::Wheel { delta, .. } => *delta * 3,
        _ => return false,
    };
    let lines = match app.overlay {
        Some(Overlay::Help { .. }) => help_rows(app.bindings, KeyMode::Normal).len(),
        Some(Overlay::Errors { .. }) => app.errors.len(),
        None => 0,
    };
    if let Some(Overlay::Help { scroll } | Overlay::Errors { scroll }) = &mut app.overlay {
        *scroll = scroll
            .saturating_add_signed(delta)
            .min(lines.saturating_sub(1));
    }
    true
}

fn add_loaded(app: &mut App, outcome: FileOutcome) {
    app.loading.files += 1;
    app.errors.extend(outcome.errors);
    if outcome.articles.is_empty() {
        return;
    }
    let selected = app.selected_article();
    let first = app.articles.len();
    app.articles.extend(outcome.articles);
    app.order.extend(first..app.articles.len());
    let articles = &app.articles;
    app.order
        .sort_by_cached_key(|&id| list_order_key(&articles[id]));
    if let Some(sel) = selected
        && let Some(pos) = app.order.iter().position(|&id| id == sel)
    {
        app.list.selected = pos;
    }
    keep_selection_visible(app);
}

/// Newest first; undated articles after dated ones; then by file.
fn list_order_key(a: &Article) -> (bool, Reverse<Option<chrono::NaiveDate>>, String) {
    let date = a.date.map(|d| d.date);
    (date.is_none(), Reverse(date), a.key())
}

/// The line under the title: place, date, agency or source, reporter.
pub fn dateline_line(a: &Article) -> String {
    let d = a.dateline.as_ref();
    let place = d.and_then(|d| d.place.clone()).or_else(|| a.place.clone());
    let date = a
        .date
        .map(|d| d.display())
        .or_else(|| d.and_then(|d| d.date_text.clone()));
    let agency = d.and_then(|d| d.agency.clone());
    let reporter = d.and_then(|d| d.reporter.clone());
    [place, date, reporter, agency, a.source.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

fn open_article(app: &mut App, id: usize) {
    remember_position(app);
    let article = &app.articles[id];
    let mut blocks = Vec::with_capacity(article.paragraphs.len() + FIRST_PARAGRAPH_BLOCK);
    // Block order: TITLE_BLOCK, DATELINE_BLOCK, then paragraphs from FIRST_PARAGRAPH_BLOCK.
    blocks.push(article.title.clone());
    blocks.push(dateline_line(article));
    blocks.extend(article.paragraphs.iter().cloned());
    let layout = Layout::new(&blocks, reader_width(app));
    let key = article.key();
    let saved = app.reading.articles.get(&key).copied().unwrap_or_default();
    let scroll = if saved.block > 0 || saved.offset > 0 {
        layout.row_of(saved.block, saved.offset).unwrap_or(0)
    } else {
        0
    };
    app.reader = Some(Reader {
        article: id,
        blocks,
        layout,
        scroll,
        search: None,
    });
    scroll_by(app, 0);
    app.reading.articles.insert(
        key,
        ArticleState {
            read: true,
            ..saved
        },
    );
    app.focus = Focus::Reader;
    save_state(app);
}

/// Notes where the open article is scrolled to, so reopening it returns there.
fn remember_position(app: &mut App) {
    let Some(reader) = &app.reader else { return };
    let key = app.articles[reader.article].key();
    let (block, offset) = reader.layout.anchor_of(reader.scroll).unwrap_or((0, 0));
    let entry = app.reading.articles.entry(key).or_default();
    entry.block = block;
    entry.offset = offset;
}

fn save_state(app: &mut App) {
    if let Some(store) = &app.store
        && let Err(e) = store.save(&app.reading)
    {
        app.message = Some(e.to_string());
    }
}

/// Lays the open article out again for the current width, keeping the same text at the top.
fn relayout(app: &mut App) {
    let width = reader_width(app);
    if let Some(reader) = &mut app.reader
        && reader.layout.width != width
    {
        let anchor = reader.layout.anchor_of(reader.scroll);
        reader.layout = Layout::new(&reader.blocks, width);
        reader.scroll = anchor
            .and_then(|(b, o)| reader.layout.row_of(b, o))
            .unwrap_or(0);
    }
    scroll_by(app, 0);
}

fn run_search(app: &mut App, query: &str) {
    let Some(reader) = &mut app.reader else {
        return;
    };
    if query.trim().is_empty() {
        reader.search = None;
        return;
    }
    let matches: Vec<(usize, usize, usize)> = reader
        .blocks
        .iter()
        .enumerate()
        .flat_map(|(b, text)| {
            fold::find_all(text, query)
                .into_iter()
                .map(move |(s, e)| (b, s, e))
        })
        .collect();
    if matches.is_empty() {
        app.message = Some(format!("no match for “{}”", query.trim()));
        reader.search = None;
        return;
    }
    // Start from the first match at or below the top of the view.
    let top = reader.layout.anchor_of(reader.scroll).unwrap_or((0, 0));
    let current = matches
        .iter()
        .position(|&(b, s, _)| (b, s) >= top)
        .unwrap_or(0);
    reader.search = Some(Search {
        query: query.trim().to_string(),
        matches,
        current,
    });
    show_current_match(app);
}

fn step_match(app: &mut App, step: isize) {
    let Some(search) = app.reader.as_mut().and_then(|r| r.search.as_mut()) else {
        app.message = Some("no search yet: press / to search the article".into());
        return;
    };
    let n = search.matches.len() as isize;
    search.current = (search.current as isize + step).rem_euclid(n) as usize;
    show_current_match(app);
}

/// Scrolls so the current match is in view, a third of the way down, and says which it is.
fn show_current_match(app: &mut App) {
    let height = reader_height(app);
    let Some(reader) = &mut app.reader else {
        return;
    };
    let Some(search) = &reader.search else { return };
    let (block, start, _) = search.matches[search.current];
    if let Some(row) = reader.layout.row_of(block, start)
        && (row < reader.scroll || row >= reader.scroll + height)
    {
        reader.scroll = row.saturating_sub(height / 3);
    }
    app.message = Some(format!(
        "match {} of {} for “{}”",
        search.current + 1,
        search.matches.len(),
        search.query
    ));
    scroll_by(app, 0);
}
