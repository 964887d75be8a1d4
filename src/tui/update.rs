//! The only place the app changes: `update(&mut App, Action) -> Vec<Effect>`.
//!
//! `update` decides; it never reads or writes a file, searches or runs extraction. What it
//! needs done it returns as [`Effect`]s, which the effects thread does and answers with
//! actions ([`super::effect`]). [`navigate`] holds the moves between views: pages, jumps
//! into articles, the history.

mod article;
mod geometry;
mod list;
mod navigate;

use std::collections::HashSet;

use super::action::{Action, Focus};
use super::app::{AfterOpen, App, Overlay, SearchScope};
use super::effect::{Effect, Services, perform};
use super::keymap::{KeyMode, help_rows};
use super::panes::LIST_ITEM_HEIGHT;

use article::{
    open_article, relayout, remember_position, run_search, save_state, scroll_by, select_entity_by,
    select_entity_in_view, select_event_by, show_current_event, show_current_mention, step_match,
    step_mention, step_person, toggle_all_times, toggle_romanized,
};
use geometry::{list_page, panes, reader_height};
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
    navigate::page_rows(app);
    // Whatever moved, the entity page's rows in view show their sentences.
    navigate::fill_sentences(app);
    std::mem::take(&mut app.effects)
}

fn apply(app: &mut App, action: Action) {
    if app.overlay.is_some() && scroll_overlay(app, &action) {
        return;
    }
    if navigate::page_active(app) && navigate::move_in_page(app, &action) {
        return;
    }
    match action {
        Action::Quit => {
            remember_position(app);
            save_state(app);
            app.quit = true;
        }
        Action::ClearMessage => {
            app.message = None;
            app.notice = None;
        }
        Action::ArticleRead {
            request,
            article,
            result,
        } => {
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
                    app.message = Some(format!(
                        "cannot open {}: {e}",
                        app.articles
                            .get(article)
                            .map_or_else(String::new, |a| app.display_path(&a.path))
                    ))
                }
            }
        }
        Action::FactsFound { article, facts } => {
            if let Some(reader) = &mut app.reader
                && reader.article == article
                && !reader.has_facts
            {
                let mut facts = *facts;
                if let Some(folder) = &app.folder {
                    facts.link(&folder.library);
                }
                reader.set_facts(facts, app.all_times);
            }
        }
        Action::StateSaved(Ok(saved)) => {
            // The file's marks, with this session's changes (also those made since).
            app.reading = app.reading.merged_into(saved.state);
            if let Some(warning) = saved.warning {
                app.message = Some(warning);
            }
        }
        Action::StateSaved(Err(e)) => app.message = Some(e),
        Action::SentencesRead(read) => {
            for (at, sentence) in read {
                app.sentences_asked.remove(&at);
                app.sentences.insert(at, sentence);
            }
        }
        Action::FolderSearched { query, result } => navigate::folder_searched(app, query, result),
        Action::Exported(result) => {
            app.message = Some(match result {
                Ok(path) => format!(
                    "saved {}",
                    crate::article::clean::display_path(path.as_path())
                ),
                Err(e) => e,
            })
        }
        Action::SelectBy(n) if app.focus == Focus::Entities => select_entity_by(app, n),
        Action::SelectPage(n) if app.focus == Focus::Entities => select_entity_by(app, n * 10),
        Action::SelectFirst if app.focus == Focus::Entities => {
            select_entity_by(app, isize::MIN / 2)
        }
        Action::SelectLast if app.focus == Focus::Entities => select_entity_by(app, isize::MAX / 2),
        Action::SelectBy(n) if app.focus == Focus::Timeline => select_event_by(app, n),
        Action::SelectPage(n) if app.focus == Focus::Timeline => select_event_by(app, n * 5),
        Action::SelectFirst if app.focus == Focus::Timeline => select_event_by(app, isize::MIN / 2),
        Action::SelectLast if app.focus == Focus::Timeline => select_event_by(app, isize::MAX / 2),
        Action::SelectBy(n) => select_by(app, n),
        Action::SelectPage(n) => select_by(app, n * list_page(app) as isize),
        Action::SelectFirst => select_by(app, isize::MIN / 2),
        Action::SelectLast => select_by(app, isize::MAX / 2),
        Action::OpenSelected | Action::ShowInText if app.focus == Focus::Timeline => {
            if app.reader.as_ref().is_some_and(|r| r.event.is_some()) {
                show_current_event(app);
                app.focus = Focus::Reader;
            }
        }
        Action::ShowInText if app.focus == Focus::Entities => {
            if app.reader.as_ref().is_some_and(|r| r.entity.is_some()) {
                app.page = None;
                show_current_mention(app);
                app.focus = Focus::Reader;
            }
        }
        Action::OpenSelected if app.focus == Focus::Entities => {
            // Input turns Enter on a name into its page once the library is built.
            app.message = Some(if app.reader.as_ref().is_none_or(|r| r.entity.is_none()) {
                "select a name first (j/k)".into()
            } else if app.folder.is_some() {
                "this name is not in the folder's index".into()
            } else {
                "still indexing the folder; o goes to the mention meanwhile".into()
            });
        }
        Action::ShowInText => {
            app.message = Some("o works in the sidebar: Tab to a name or an event".into());
        }
        Action::OpenSelected => {
            if let Some(id) = app.selected_article() {
                app.list.chosen = true;
                navigate::open_article_from_list(app, id);
            }
        }
        Action::OpenEntityPage(entity) => navigate::open_entity_page(app, entity),
        Action::OpenDirectory => navigate::open_directory(app),
        Action::OpenArticleAt { article, jump } => navigate::open_article_at(app, article, jump),
        Action::Back => navigate::back(app),
        Action::Forward => navigate::forward(app),
        Action::FilterType(c) => navigate::filter_type(app, c),
        Action::FilterBackspace => navigate::filter_backspace(app),
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
                Focus::Reader => Focus::Entities,
                Focus::Entities => Focus::Timeline,
                Focus::Timeline => Focus::List,
            };
        }
        Action::FocusPrev => {
            app.focus = match app.focus {
                Focus::List => Focus::Timeline,
                Focus::Timeline => Focus::Entities,
                Focus::Reader => Focus::List,
                Focus::Entities => Focus::Reader,
            };
        }
        Action::Wheel { column, row, delta } => wheel(app, column, row, delta),
        Action::StartFolderSearch => {
            app.search_scope = SearchScope::Folder;
            app.search_input = Some(String::new());
        }
        Action::OpenTimeline => navigate::open_timeline(app),
        Action::OpenArticleFind { article, find } => {
            navigate::open_article_find(app, article, &find)
        }
        Action::SearchReady(searcher) => app.searcher = Some(searcher),
        Action::StartSearch => {
            if app.reader.is_some() {
                app.search_scope = SearchScope::Article;
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
                match app.search_scope {
                    SearchScope::Article => run_search(app, &query),
                    SearchScope::Folder => navigate::search_folder(app, &query),
                }
            }
        }
        Action::NextMatch if app.focus == Focus::Entities => step_mention(app, 1),
        Action::PrevMatch if app.focus == Focus::Entities => step_mention(app, -1),
        Action::NextMatch if app.focus == Focus::Timeline => select_event_by(app, 1),
        Action::PrevMatch if app.focus == Focus::Timeline => select_event_by(app, -1),
        Action::NextMatch => step_match(app, 1),
        Action::PrevMatch => step_match(app, -1),
        Action::StepPerson(n) => step_person(app, n),
        Action::SelectEntityInView => select_entity_in_view(app),
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
        Action::ToggleRomanized => toggle_romanized(app),
        Action::ToggleAllTimes => toggle_all_times(app),
        Action::Export => super::export::export(app),
        Action::Close => navigate::close(app),
        Action::Resize(w, h) => {
            app.size = (w, h);
            relayout(app);
            keep_selection_visible(app);
            navigate::keep_page_selection_visible(app);
        }
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
            app.message = Some(format!("names and dates unavailable: {e}"));
        }
        Action::LoadingDone => {
            app.loading.done = true;
            if let Some(seen) = app.rescan.take() {
                finish_rescan(app, &seen);
            }
            if app.reader.is_none() && app.opening.is_none() && app.order.len() == 1 {
                open_article(app, app.order[0], AfterOpen::Saved);
            }
        }
        Action::Indexing { done, total } => {
            app.indexing = (done < total).then_some((done, total));
        }
        Action::Warning(w) => {
            // Two warnings at start (a state file and a cache set aside) are both said.
            app.message = Some(match app.message.take() {
                Some(earlier) if app.warnings.contains(&earlier) => format!("{earlier} · {w}"),
                _ => w.clone(),
            });
            app.warnings.push(w);
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
                reader.folder_ids = super::reader::link(&reader.entities, &folder.library);
            }
            app.folder = Some(folder);
            app.folder_generation += 1;
            app.indexing = None;
            app.sentences.clear();
            app.sentences_asked.clear();
        }
    }
}

fn wheel(app: &mut App, column: u16, row: u16, delta: isize) {
    let panes = panes(app);
    let at = ratatui::layout::Position::new(column, row);
    if panes.reader.is_some_and(|r| r.contains(at)) {
        if app.page.is_some() {
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
            if index < app.order.len() {
                app.list.selected = index;
                app.list.chosen = true;
                navigate::open_article_from_list(app, app.order[index]);
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

/// Movement keys scroll an open overlay instead of the panes beneath it.
fn scroll_overlay(app: &mut App, action: &Action) -> bool {
    let delta = match action {
        Action::SelectBy(n) | Action::ScrollBy(n) => *n,
        Action::SelectPage(n) | Action::ScrollPage(n) => n * 10,
        Action::Wheel { delta, .. } => *delta * 3,
        _ => return false,
    };
    let lines = match app.overlay {
        Some(Overlay::Help { .. }) => KeyMode::SECTIONS
            .iter()
            .map(|&(mode, _)| help_rows(&app.bindings, mode).len() + 1)
            .sum(),
        Some(Overlay::Errors { .. }) => app.errors.len() + app.warnings.len(),
        None => 0,
    };
    if let Some(Overlay::Help { scroll } | Overlay::Errors { scroll }) = &mut app.overlay {
        *scroll = scroll
            .saturating_add_signed(delta)
            .min(lines.saturating_sub(1));
    }
    true
}
