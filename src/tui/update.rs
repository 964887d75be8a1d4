//! The only place the app changes: `update(&mut App, Action) -> Vec<Effect>`.
//!
//! `update` decides; it never reads or writes a file, searches or runs extraction. What it
//! needs done it returns as [`Effect`]s, which the effects thread does and answers with
//! actions ([`super::effect`]). [`navigate`] holds the moves between views: pages, jumps
//! into articles, the history.

mod navigate;

use std::cmp::Reverse;

use std::collections::HashSet;

use crate::article::{Article, FileOutcome};
use crate::state::ArticleState;
use crate::text::fold;

use super::action::{Action, Focus};
use super::app::{AfterOpen, App, Opening, Overlay, Reader, Search, SearchScope, SidebarRow};
use super::effect::{Effect, ReadArticle};
use super::keymap::{KeyMode, help_rows};
use super::page::{Folder, SearchHit, SearchPage};
use super::panes::{LIST_ITEM_HEIGHT, Panes, TIMELINE_ITEM_HEIGHT};
use crate::extract::Kind;

/// Applies `action` to the app; returns what is to be done outside it.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    apply(app, action);
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
        Action::FolderSearched { query, result } => folder_searched(app, query, result),
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
                    SearchScope::Folder => search_folder(app, &query),
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
        Action::Warning(w) => app.message = Some(w),
        Action::Indexed(library) => {
            let ids = library
                .articles
                .iter()
                .map(|a| app.ids.get(&a.path).copied().unwrap_or(usize::MAX))
                .collect();
            let folder = Folder::new(*library, ids);
            if let Some(reader) = &mut app.reader {
                reader.folder_ids = super::app::link(&reader.entities, &folder.library);
            }
            app.folder = Some(folder);
            app.indexing = None;
            app.sentences.clear();
            app.sentences_asked.clear();
        }
    }
}

fn panes(app: &App) -> Panes {
    Panes::compute(app.size.0, app.size.1, app.focus, app.layout)
}

/// Articles the list shows at once.
fn list_page(app: &App) -> usize {
    let height = panes(app).list.map_or(app.size.1, |r| r.height);
    (height.saturating_sub(2) as usize / LIST_ITEM_HEIGHT).max(1)
}

/// Rows of text the reader shows at once (as laid out when the reader has the focus).
fn reader_height(app: &App) -> usize {
    Panes::compute(app.size.0, app.size.1, Focus::Reader, app.layout)
        .reader_text_height()
        .unwrap_or(1)
}

fn reader_width(app: &App) -> usize {
    Panes::compute(app.size.0, app.size.1, Focus::Reader, app.layout)
        .reader_text_width()
        .unwrap_or(1)
}

fn select_by(app: &mut App, n: isize) {
    if app.order.is_empty() {
        return;
    }
    let last = app.order.len() - 1;
    app.list.selected = app.list.selected.saturating_add_signed(n).min(last);
    app.list.chosen = true;
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

fn add_loaded(app: &mut App, outcomes: Vec<FileOutcome>) {
    let selected = app.selected_article();
    let mut added: Vec<usize> = Vec::new();
    let mut moved = false;
    for outcome in outcomes {
        app.loading.files += 1;
        if app.rescan.is_some() {
            app.rescan_errors.extend(outcome.errors);
        } else {
            app.errors.extend(outcome.errors);
        }
        for article in outcome.articles {
            let key = article.key();
            match app.ids.get(&key) {
                Some(&id) => {
                    // Seen before (a rescan): the file may have changed.
                    moved |= app.articles[id].date != article.date;
                    app.articles[id] = article;
                    if let Some(seen) = &mut app.rescan {
                        seen.insert(id);
                    }
                    // Its file had gone and is back (moved away and back, say).
                    if app.unlisted.remove(&id) {
                        added.push(id);
                    }
                }
                None => {
                    let id = app.articles.len();
                    app.articles.push(article);
                    app.ids.insert(key, id);
                    added.push(id);
                    if let Some(seen) = &mut app.rescan {
                        seen.insert(id);
                    }
                }
            }
        }
    }
    let articles = &app.articles;
    if moved {
        app.order.extend(added);
        app.order
            .sort_by(|&a, &b| list_order(&articles[a], &articles[b]));
    } else if !added.is_empty() {
        // Merge the new articles in: linear in the list, not a full sort per file.
        added.sort_by(|&a, &b| list_order(&articles[a], &articles[b]));
        let old = std::mem::take(&mut app.order);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() && j < added.len() {
            if list_order(&articles[added[j]], &articles[old[i]]).is_lt() {
                merged.push(added[j]);
                j += 1;
            } else {
                merged.push(old[i]);
                i += 1;
            }
        }
        merged.extend_from_slice(&old[i..]);
        merged.extend_from_slice(&added[j..]);
        app.order = merged;
    }
    reselect(app, selected);
}

/// After a rescan: articles it did not report again are gone from the list.
fn finish_rescan(app: &mut App, seen: &HashSet<usize>) {
    let selected = app.selected_article();
    app.errors = std::mem::take(&mut app.rescan_errors);
    if let Some(Overlay::Errors { scroll }) = &mut app.overlay {
        *scroll = (*scroll).min(app.errors.len().saturating_sub(1));
    }
    let unlisted = &mut app.unlisted;
    app.order.retain(|id| {
        let found = seen.contains(id);
        if !found {
            unlisted.insert(*id);
        }
        found
    });
    if let Some(reader) = &app.reader
        && !seen.contains(&reader.article)
    {
        app.message = Some("this article's file has gone from the folder".into());
    }
    reselect(app, selected);
}

/// Keeps the list's selection on the same article while the list changes.
fn reselect(app: &mut App, selected: Option<usize>) {
    if !app.list.chosen {
        app.list.selected = 0;
    } else if let Some(sel) = selected
        && let Some(pos) = app.order.iter().position(|&id| id == sel)
    {
        app.list.selected = pos;
    }
    app.list.selected = app.list.selected.min(app.order.len().saturating_sub(1));
    keep_selection_visible(app);
}

/// List order: newest first; undated articles after dated ones; then by file and line.
fn list_order(a: &Article, b: &Article) -> std::cmp::Ordering {
    let date = |x: &Article| x.date.map(|d| d.date);
    (date(a).is_none(), Reverse(date(a)))
        .cmp(&(date(b).is_none(), Reverse(date(b))))
        .then_with(|| a.path.cmp(&b.path))
        .then_with(|| a.line.cmp(&b.line))
}

/// Asks for an article to be read and opened; [`navigate::opened`] shows it when read.
/// A later request replaces an earlier one still being read.
fn open_article(app: &mut App, id: usize, then: AfterOpen) {
    let Some(stub) = app.articles.get(id) else {
        return;
    };
    app.requests += 1;
    let request = app.requests;
    app.effects.push(Effect::ReadArticle(ReadArticle {
        request,
        article: id,
        stub: Box::new(stub.clone()),
        extractor: app.extractor,
        width: reader_width(app),
        romanized: app.romanized,
        all_times: app.all_times,
        advance: crate::text::width::advance(),
        library: app
            .folder
            .as_ref()
            .map(|f| std::sync::Arc::clone(&f.library)),
    }));
    app.opening = Some(Opening {
        request,
        article: id,
        then,
    });
}

/// Shows an article just read, where the reader left it last time, and marks it read.
fn show_opened(app: &mut App, mut reader: Reader) {
    remember_position(app);
    let width = reader_width(app);
    if reader.layout.width != width || reader.roman.is_some() != app.romanized {
        reader.relayout(width, app.romanized);
    }
    if reader.has_facts && reader.times_hidden() + reader.timeline.len() > 0 {
        reader.list_times(app.all_times);
    }
    if !reader.has_facts
        && let Some(extractor) = app.extractor
    {
        // The model loaded while the file was read.
        app.effects.push(Effect::FindFacts {
            article: reader.article,
            text: Box::new(reader.text.clone()),
            extractor,
        });
    }
    let key = reader.text.key();
    let saved = app.reading.get(&key);
    if saved.block > 0 || saved.offset > 0 {
        reader.scroll = reader.row_of(saved.block, saved.offset).unwrap_or(0);
    }
    app.reader = Some(reader);
    scroll_by(app, 0);
    if !saved.read {
        app.reading.record(
            key,
            ArticleState {
                read: true,
                ..saved
            },
        );
    }
    app.focus = Focus::Reader;
    save_state(app);
}

/// Rows the sidebar's entity list shows at once.
fn sidebar_page(app: &App) -> usize {
    let height = Panes::compute(app.size.0, app.size.1, Focus::Entities, app.layout)
        .sidebar
        .map_or(app.size.1, |r| r.height);
    ((height / 2).saturating_sub(2) as usize).max(1)
}

/// A selection moved by `n` in a list of `len` (> 0) items; with nothing selected yet,
/// moving down starts at the first item and moving up at the last.
fn step_selection(current: Option<usize>, n: isize, len: usize) -> usize {
    match current {
        Some(i) => i.saturating_add_signed(n).min(len - 1),
        None if n < 0 => len - 1,
        None => 0,
    }
}

/// Scrolls the reader so that `(block, offset)` is in view, a third of the way down, unless
/// it already is.
fn bring_into_view(reader: &mut Reader, block: usize, offset: usize, height: usize) {
    if let Some(row) = reader.row_of(block, offset)
        && (row < reader.scroll || row >= reader.scroll + height)
    {
        reader.scroll = row.saturating_sub(height / 3);
    }
}

/// Moves the sidebar's selection over the entities, skipping kind headings.
fn select_entity_by(app: &mut App, n: isize) {
    let Some(reader) = &app.reader else { return };
    if reader.entities.is_empty() {
        return;
    }
    let target = step_selection(reader.entity, n, reader.entities.len());
    select_entity(app, target);
}

/// Selects an entity: its mentions are highlighted and the reader goes to the first one
/// unless one is already in view.
fn select_entity(app: &mut App, index: usize) {
    let page = sidebar_page(app);
    let height = reader_height(app);
    let Some(reader) = &mut app.reader else {
        return;
    };
    reader.entity = Some(index);
    let rows = reader.sidebar_rows();
    let row = rows
        .iter()
        .position(|r| *r == SidebarRow::Entity(index))
        .unwrap_or(0);
    // Keep the kind's heading in view above the first entity of a kind.
    let want_top = if row > 0 && rows[row - 1] != SidebarRow::Entity(index.wrapping_sub(1)) {
        row - 1
    } else {
        row
    };
    if want_top < reader.sidebar_offset {
        reader.sidebar_offset = want_top;
    } else if row >= reader.sidebar_offset + page {
        reader.sidebar_offset = row + 1 - page;
    }
    let visible = reader.scroll..reader.scroll + height;
    let in_view = reader.mentions[index].iter().position(|&(b, s, _)| {
        reader
            .layout
            .row_of(b, s)
            .is_some_and(|r| visible.contains(&r))
    });
    reader.mention = in_view.unwrap_or(0);
    if in_view.is_none() {
        show_current_mention(app);
    } else {
        describe_mention(app);
    }
}

fn step_mention(app: &mut App, step: isize) {
    let Some(reader) = &mut app.reader else {
        return;
    };
    let Some(e) = reader.entity else {
        app.message = Some("select a name first (j/k in the sidebar, [ ] or e)".into());
        return;
    };
    let n = reader.mentions[e].len() as isize;
    if n == 0 {
        describe_mention(app);
        return;
    }
    reader.mention = (reader.mention as isize + step).rem_euclid(n) as usize;
    show_current_mention(app);
}

/// Why names cannot be used yet, if they cannot: no article, or no model (yet).
fn names_unavailable(app: &App) -> Option<String> {
    if app.reader.is_none() {
        Some("open an article first".into())
    } else if let Some(e) = &app.model_error {
        Some(format!("names unavailable: {e}"))
    } else if app.extractor.is_none() {
        Some("the entity model is still loading; try again in a moment".into())
    } else {
        None
    }
}

/// `[` and `]`: the previous or next person of the article, from anywhere.
fn step_person(app: &mut App, step: isize) {
    if let Some(why) = names_unavailable(app) {
        app.message = Some(why);
        return;
    }
    let Some(reader) = &app.reader else { return };
    let people: Vec<usize> = (0..reader.entities.len())
        .filter(|&i| reader.entities[i].kind == Kind::Person)
        .collect();
    if people.is_empty() {
        app.message = Some("no people found in this article".into());
        return;
    }
    let at = reader
        .entity
        .and_then(|e| people.iter().position(|&p| p == e));
    let next = match at {
        Some(i) => (i as isize + step).rem_euclid(people.len() as isize) as usize,
        None if step < 0 => people.len() - 1,
        None => 0,
    };
    select_entity(app, people[next]);
}

/// `e`: the entity mentioned first in view, or nearest the top of the view.
fn select_entity_in_view(app: &mut App) {
    if let Some(why) = names_unavailable(app) {
        app.message = Some(why);
        return;
    }
    let Some(reader) = &app.reader else { return };
    let top = reader.scroll;
    let mut best: Option<(usize, usize, usize)> = None; // (distance, entity, mention)
    for (e, mentions) in reader.mentions.iter().enumerate() {
        for (m, &(b, s, _)) in mentions.iter().enumerate() {
            let Some(row) = reader.row_of(b, s) else {
                continue;
            };
            // Mentions at or below the top come first; above it, by distance.
            let distance = if row >= top {
                (row - top) * 2
            } else {
                (top - row) * 2 + 1
            };
            if best.is_none_or(|(d, _, _)| distance < d) {
                best = Some((distance, e, m));
            }
        }
    }
    match best {
        Some((_, e, m)) => {
            select_entity(app, e);
            if let Some(reader) = &mut app.reader {
                reader.mention = m;
            }
            describe_mention(app);
        }
        None => app.message = Some("no names in this article".into()),
    }
}

/// Timeline entries the sidebar shows at once.
fn timeline_page(app: &App) -> usize {
    let height = Panes::compute(app.size.0, app.size.1, Focus::Timeline, app.layout)
        .sidebar
        .map_or(app.size.1, |r| r.height - r.height / 2);
    (height.saturating_sub(2) as usize / TIMELINE_ITEM_HEIGHT).max(1)
}

/// Moves the timeline's selection; the reader follows to the entry's sentence.
fn select_event_by(app: &mut App, n: isize) {
    let Some(reader) = &mut app.reader else {
        return;
    };
    if reader.timeline.is_empty() {
        app.message = Some("no dated events in this article".into());
        return;
    }
    let target = step_selection(reader.event, n, reader.timeline.len());
    select_event(app, target);
}

/// Selects a timeline entry; the reader follows to its sentence.
fn select_event(app: &mut App, target: usize) {
    let page = timeline_page(app);
    let Some(reader) = &mut app.reader else {
        return;
    };
    reader.event = Some(target);
    if target < reader.timeline_offset {
        reader.timeline_offset = target;
    } else if target >= reader.timeline_offset + page {
        reader.timeline_offset = target + 1 - page;
    }
    show_current_event(app);
}

/// Scrolls the reader to the selected timeline entry and describes it.
fn show_current_event(app: &mut App) {
    let height = reader_height(app);
    let Some(reader) = &mut app.reader else {
        return;
    };
    let Some(e) = reader.event else { return };
    let (block, start, _) = reader.timeline_spans[e];
    bring_into_view(reader, block, start, height);
    let entry = &reader.timeline[e];
    let value = entry.value.as_deref().unwrap_or("?");
    app.message = Some(format!(
        "{} — “{}” = {value} ({} of {})",
        crate::extract::time::display_value(entry),
        entry.text,
        e + 1,
        reader.timeline.len()
    ));
    scroll_by(app, 0);
}

/// Scrolls to the selected entity's current mention and says which it is.
fn show_current_mention(app: &mut App) {
    let height = reader_height(app);
    let Some(reader) = &mut app.reader else {
        return;
    };
    let Some(e) = reader.entity else { return };
    if let Some(&(block, start, _)) = reader.mentions[e].get(reader.mention) {
        bring_into_view(reader, block, start, height);
    }
    describe_mention(app);
    scroll_by(app, 0);
}

fn describe_mention(app: &mut App) {
    let Some(reader) = &app.reader else { return };
    let Some(e) = reader.entity else { return };
    let entity = &reader.entities[e];
    let name = if app.romanized {
        crate::text::romanize::romanize(&entity.name, Default::default())
    } else {
        entity.name.clone()
    };
    let n = reader.mentions[e].len();
    app.message = Some(if n == 0 {
        format!("{name} — named only in the dateline")
    } else {
        format!("{name} — mention {} of {n}", reader.mention + 1)
    });
}

/// Notes where the open article is scrolled to, so reopening it returns there.
fn remember_position(app: &mut App) {
    let Some(reader) = &app.reader else { return };
    let key = app.articles[reader.article].key();
    let (block, offset) = reader.anchor_of(reader.scroll).unwrap_or((0, 0));
    let saved = app.reading.get(&key);
    // Only a move is a change: an unmoved article must not overwrite where another reader
    // has left it since.
    if (saved.block, saved.offset) != (block, offset) {
        app.reading.record(
            key,
            ArticleState {
                block,
                offset,
                ..saved
            },
        );
    }
}

/// Has this session's changes saved, merged with whatever other readers have saved
/// meanwhile; the merged marks are shown once saved ([`Action::StateSaved`]).
fn save_state(app: &mut App) {
    app.effects.push(Effect::SaveState(app.reading.clone()));
}

/// Lays the open article out again for the current width, keeping the same text at the top.
fn relayout(app: &mut App) {
    let width = reader_width(app);
    if let Some(reader) = &mut app.reader
        && reader.layout.width != width
    {
        reader.relayout(width, app.romanized);
    }
    scroll_by(app, 0);
}

/// `r`: the text in Latin letters, or as written again, at the same place.
fn toggle_all_times(app: &mut App) {
    app.all_times = !app.all_times;
    if let Some(reader) = &mut app.reader {
        reader.list_times(app.all_times);
    }
    app.message = Some(if app.all_times {
        "timeline: every time expression; t lists dated events only".into()
    } else {
        "timeline: dated events; t lists every time expression".into()
    });
}

fn toggle_romanized(app: &mut App) {
    app.romanized = !app.romanized;
    let width = reader_width(app);
    if let Some(reader) = &mut app.reader {
        reader.relayout(width, app.romanized);
    }
    scroll_by(app, 0);
    app.message = Some(if app.romanized {
        "Latin letters (ISO 15919); r shows the text as written".into()
    } else {
        "as written; r shows the text in Latin letters".into()
    });
}

/// Asks for the whole folder to be searched; the results open as a page.
fn search_folder(app: &mut App, query: &str) {
    let query = query.trim();
    if query.is_empty() {
        return;
    }
    let Some(searcher) = &app.searcher else {
        app.message = Some(
            "folder search needs the cache (it is off with --no-cache, or could not be opened)"
                .into(),
        );
        return;
    };
    app.effects.push(Effect::SearchFolder {
        query: query.to_string(),
        searcher: searcher.clone(),
    });
}

/// A folder search's results, as a page.
fn folder_searched(
    app: &mut App,
    query: String,
    found: Result<Vec<crate::library::search::Hit>, String>,
) {
    let hits = match found {
        Ok(hits) => hits,
        Err(e) => {
            app.message = Some(format!("search failed: {e}"));
            return;
        }
    };
    let hits: Vec<SearchHit> = hits
        .into_iter()
        .filter_map(|h| {
            Some(SearchHit {
                article: *app.ids.get(&h.key)?,
                title: h.title,
                sentence: h.sentence,
                highlights: h.highlights,
            })
        })
        .collect();
    if app.indexing.is_some() {
        app.message = Some("still indexing: results so far".into());
    }
    navigate::open_search_results(
        app,
        SearchPage {
            query,
            hits,
            selected: 0,
            offset: 0,
        },
    );
}

fn run_search(app: &mut App, query: &str) {
    let Some(reader) = &mut app.reader else {
        return;
    };
    if query.trim().is_empty() {
        reader.search = None;
        return;
    }
    let mut matches: Vec<(usize, usize, usize)> = reader
        .blocks
        .iter()
        .enumerate()
        .flat_map(|(b, text)| {
            fold::find_all(text, query)
                .into_iter()
                .map(move |(s, e)| (b, s, e))
        })
        .collect();
    if reader.roman.is_some() {
        // In Latin letters, a Latin query finds the words as shown, diacritics or not
        // (gadkari finds gaḍkarī), placed back in the text as written.
        for b in 0..reader.blocks.len() {
            for (s, e) in find_plain(reader.shown(b), query) {
                let (s, e) = (reader.block_offset(b, s), reader.block_end(b, e));
                if e > s {
                    matches.push((b, s, e));
                }
            }
        }
        matches.sort_unstable();
        matches.dedup();
    }
    if matches.is_empty() {
        app.message = Some(format!("no match for “{}”", query.trim()));
        reader.search = None;
        return;
    }
    // Start from the first match at or below the top of the view.
    let top = reader.anchor_of(reader.scroll).unwrap_or((0, 0));
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

/// Where `query` occurs in Latin `text`, both without diacritics and case: byte ranges of
/// `text`.
fn find_plain(text: &str, query: &str) -> Vec<(usize, usize)> {
    let (needle, _) = plain_with_offsets(query.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let (hay, map) = plain_with_offsets(text);
    hay.match_indices(needle.as_str())
        .map(|(i, m)| (map[i], map[i + m.len()]))
        .collect()
}

/// `text` in plain lowercase letters (ā → a, ṭ → t, combining marks dropped), with the
/// byte of `text` each byte came from and a final entry for the end.
fn plain_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        if ('\u{0300}'..='\u{036f}').contains(&c) {
            continue;
        }
        let before = out.len();
        for lower in c.to_lowercase() {
            out.push(crate::export::files::plain_letter(lower).unwrap_or(lower));
        }
        map.extend(std::iter::repeat_n(at, out.len() - before));
    }
    map.push(text.len());
    (out, map)
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
    let message = format!(
        "match {} of {} for “{}”",
        search.current + 1,
        search.matches.len(),
        search.query
    );
    bring_into_view(reader, block, start, height);
    app.message = Some(message);
    scroll_by(app, 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_search_ignores_diacritics_and_case() {
        let text = "maṁtrī gaḍkarī nē kahā; Gaḍkarī";
        let found = find_plain(text, "gadkari");
        let words: Vec<&str> = found.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(words, ["gaḍkarī", "Gaḍkarī"]);
        assert_eq!(find_plain(text, "mamtri").len(), 1);
        assert!(find_plain(text, "  ").is_empty());
        // A combining mark stays with its letter (r̥).
        let text = "kr̥pā";
        let found = find_plain(text, "krpa");
        assert_eq!(found, [(0, text.len())]);
    }
}
