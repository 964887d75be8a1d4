//! The only place the app changes: `update(&mut App, Action) -> Vec<Effect>`.
//!
//! `update` decides; it never reads or writes a file, searches or runs extraction. What it
//! needs done it returns as [`Effect`]s, which the effects thread does and answers with
//! actions ([`super::effect`]). [`navigate`] holds the moves between views: pages, jumps
//! into articles, the history.

pub(super) mod aliases;
pub(super) mod article;
pub(super) mod geometry;
pub(super) mod list;
pub(super) mod navigate;

use std::collections::HashSet;

use super::action::{Action, Focus};
use super::app::{AfterOpen, App};
use super::components::{Outcome, overlay, stack};
use super::effect::{Effect, Services, perform};
use super::panes::LIST_ITEM_HEIGHT;

use article::{
    open_article, relayout, remember_position, save_state, scroll_by, toggle_all_times,
    toggle_romanized,
};
use geometry::panes;
use list::{add_loaded, finish_rescan, keep_selection_visible, select_by};

/// Applies `action` and every action its effects lead to, doing the effects in line: the
/// reader as the effects thread would leave it once idle (tests and benchmarks drive the
/// reader so: actions in, state out).
pub fn settle(app: &mut App, services: &Services, action: Action) {
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in update(app, action) {
            queue.extend(perform(services, effect));
        }
    }
}

/// Applies `action` to the app; returns what is to be done outside it.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    apply(app, action);
    app.status.log_message();
    app.list.unread = crate::tui::components::list::unread(app);
    navigate::page_rows(app);
    // Whatever moved, the entity page's rows in view show their sentences.
    navigate::fill_sentences(app);
    std::mem::take(&mut app.effects)
}

fn apply(app: &mut App, action: Action) {
    let Some(action) = from_background(app, action) else {
        return;
    };
    let mut action = action;
    for layer in stack(app) {
        match layer.handle(app, action) {
            Outcome::Consumed => return,
            Outcome::Ignored(passed) => action = passed,
        }
    }
    global(app, action);
}

/// What the background sends back (files read, the library built, an article read, a save
/// done) is the app's as a whole; anything else is handed back to go down the layers.
fn from_background(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::ArticleRead {
            request,
            article,
            result,
        } => article_read(app, request, article, result),
        Action::FactsFound { article, facts } => {
            if let Some(reader) = &mut app.reader
                && reader.article == article
                && !reader.has_facts
            {
                let mut facts = *facts;
                if let Some(folder) = &app.folder {
                    let key = reader.text.key();
                    facts.folder_ids =
                        super::reader::relink(&facts.entities, &folder.library, &key);
                }
                reader.set_facts(facts, app.all_times);
            }
        }
        Action::StateSaved(Ok(saved)) => {
            // The file's marks, with this session's changes (also those made since).
            app.reading = app.reading.merged_into(saved.state);
            if let Some(warning) = saved.warning {
                app.status.message = Some(warning);
            }
        }
        Action::StateSaved(Err(e)) => app.status.message = Some(e),
        Action::SentencesRead(read) => {
            for (at, sentence) in read {
                app.pages.sentences_asked.remove(&at);
                app.pages.sentences.insert(at, sentence);
            }
        }
        Action::FolderSearched {
            search,
            query,
            start,
            result,
        } => navigate::folder_searched(app, search, query, start, result),
        Action::Said(said) => app.status.message = Some(said),
        Action::Exported(result) => {
            app.status.message = Some(match result {
                Ok(path) => format!(
                    "saved {}",
                    crate::article::clean::display_path(path.as_path())
                ),
                Err(e) => e,
            })
        }
        Action::SearchReady(searcher) => app.searcher = Some(searcher),
        Action::ScanStarted => {
            // A scan after the first: what it does not report again is gone, and its errors
            // replace the last scan's.
            if app.loading.done {
                app.rescan = Some(HashSet::new());
                app.rescan_errors.clear();
            }
        }
        Action::Loaded(outcomes) => add_loaded(app, outcomes),
        Action::ModelLoaded(Ok(extractor)) => {
            app.extractor = Some(extractor);
            if let Some(reader) = &app.reader
                && !reader.has_facts
            {
                app.effects.push(Effect::FindFacts {
                    article: reader.article,
                    text: Box::new(reader.text.clone()),
                    extractor,
                });
            }
        }
        Action::ModelLoaded(Err(e)) => {
            app.model_error = Some(e.clone());
            app.status.message = Some(format!("names and dates unavailable: {e}"));
        }
        Action::LoadingDone => {
            app.loading.done = true;
            if let Some(seen) = app.rescan.take() {
                finish_rescan(app, &seen);
            }
            if app.reader.is_none() && app.opening.is_none() {
                let last = app.reopen_last.then(|| last_read(app)).flatten();
                if let Some(article) = last.or((app.order.len() == 1).then(|| app.order[0])) {
                    open_article(app, article, AfterOpen::Saved);
                }
            }
            // Once, at start: a rescan's end reopens nothing.
            app.reopen_last = false;
        }
        Action::Indexing { done, total } => {
            app.indexing = (done < total).then_some((done, total));
        }
        Action::Indexed(folder) => {
            let mut folder = *folder;
            folder.article_ids = folder
                .library
                .articles
                .iter()
                .map(|a| app.ids.get(&a.path).copied().unwrap_or(usize::MAX))
                .collect();
            if let Some(reader) = &mut app.reader {
                let key = reader.text.key();
                reader.folder_ids = super::reader::relink(&reader.entities, &folder.library, &key);
            }
            app.folder = Some(folder);
            app.folder_generation += 1;
            // The list's filter by names, found again in the new library (quietly).
            let message = app.status.message.take();
            list::refilter(app);
            app.status.message = message;
            app.indexing = None;
            app.pages.sentences.clear();
            app.pages.sentences_asked.clear();
        }
        other => return Some(other),
    }
    None
}

/// An article asked to open has been read (or could not be): shown, unless a later request
/// replaced it.
fn article_read(
    app: &mut App,
    request: u64,
    article: usize,
    result: Result<Box<super::reader::Reader>, String>,
) {
    if app.opening.as_ref().is_none_or(|o| o.request != request) {
        // A later request has replaced it.
        return;
    }
    let Some(opening) = app.opening.take() else {
        return;
    };
    match result {
        Ok(reader) => navigate::opened(app, *reader, opening.then),
        Err(e) => {
            app.status.message = Some(format!(
                "cannot open {}: {e}",
                app.articles
                    .get(article)
                    .map_or_else(String::new, |a| app.display_path(&a.path))
            ))
        }
    }
}

/// What no layer took: the reader's own keys (quit, focus, opening pages and going through
/// the history, overlays, the script) and the mouse, which goes by position.
fn global(app: &mut App, action: Action) {
    match action {
        Action::Quit => {
            remember_position(app);
            save_state(app);
            app.quit = true;
        }
        Action::OpenEntityPage(entity) => navigate::open_entity_page(app, entity),
        Action::OpenDirectory => navigate::open_directory(app),
        Action::OpenArticleAt { article, jump } => navigate::open_article_at(app, article, jump),
        Action::OpenTimeline => navigate::open_timeline(app),
        Action::OpenArticleFind { article, find } => {
            navigate::open_article_find(app, article, &find)
        }
        Action::Back => navigate::back(app),
        Action::Forward => navigate::forward(app),
        Action::Close => navigate::close(app),
        Action::Click { column, row } => click(app, column, row),
        Action::Wheel { column, row, delta } => wheel(app, column, row, delta),
        Action::FocusNext | Action::FocusPrev => {
            // Beside a page the sidebar only tells about it: Tab goes between list and page.
            let order: &[Focus] = if app.pages.page.is_some() {
                &[Focus::List, Focus::Reader]
            } else {
                &[Focus::List, Focus::Reader, Focus::Entities, Focus::Timeline]
            };
            let n = order.len();
            let at = order.iter().position(|&f| f == app.focus).unwrap_or(0);
            let step = if matches!(action, Action::FocusNext) {
                1
            } else {
                n - 1
            };
            app.focus = order[(at + step) % n];
        }
        Action::ToggleHelp | Action::ToggleErrors => overlay::toggle(app, &action),
        Action::ToggleRomanized => toggle_romanized(app),
        Action::ToggleAllTimes => toggle_all_times(app),
        Action::Export => super::export::export(app),
        Action::Resize(w, h) => {
            app.size = (w, h);
            relayout(app);
            keep_selection_visible(app);
            navigate::keep_page_selection_visible(app);
        }
        // Keys whose layer is not on the stack now (a filter key with no directory shown,
        // say) do nothing; so do the background's, taken above.
        _ => {}
    }
}

fn wheel(app: &mut App, column: u16, row: u16, delta: isize) {
    let panes = panes(app);
    let at = ratatui::layout::Position::new(column, row);
    if panes.reader.is_some_and(|r| r.contains(at)) {
        if app.pages.page.is_some() {
            navigate::page_select_by(app, delta);
        } else {
            scroll_by(app, delta * 3);
        }
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
            if index < app.list.shown.len() {
                app.list.selected = index;
                app.list.chosen = true;
                navigate::open_article_from_list(app, app.list.shown[index]);
            }
        }
    } else if panes.reader.is_some_and(|r| r.contains(at)) {
        app.focus = Focus::Reader;
    } else if panes.sidebar.is_some_and(|r| r.contains(at)) {
        app.focus = if panes.sidebar.is_some_and(|r| row >= r.y + r.height / 2) {
            Focus::Timeline
        } else {
            Focus::Entities
        };
    }
}

/// The listed article whose reading state changed last (the one read last in this folder).
fn last_read(app: &App) -> Option<usize> {
    app.order
        .iter()
        .copied()
        .filter_map(|id| {
            let stamp = app.reading.changed.get(&app.articles.get(id)?.key())?;
            Some((*stamp, id))
        })
        .max()
        .map(|(_, id)| id)
}
