//! Moving between views: opening a name's page or the directory, opening an article at a
//! mention or an event, and going back and forward through the history, which remembers
//! each view with its position (an article's scroll and selected name, a page's selected
//! row).

use crate::tui::action::{Action, Focus, Jump};
use crate::tui::app::{AfterOpen, App, ArticleView, View};
use crate::tui::effect::{Effect, SearchWanted, SentenceWanted};
use std::sync::Arc;

use crate::library::EntityId;
use crate::tui::page::{
    self, Directory, EntityPage, Folder, LineKind, Page, PageRows, RowsKey, SearchHit, SearchPage,
    TimelinePage,
};
use crate::tui::reader::Reader;

use super::article::{
    open_article, run_search, scroll_by, select_entity, select_event, show_current_mention,
    show_opened,
};
use super::geometry::reader_height;

/// Movement keys move the page's selection; says whether the action was one.
pub(in crate::tui) fn move_in_page(app: &mut App, action: &Action) -> bool {
    let screen = (reader_height(app) / 2).max(1) as isize;
    match *action {
        Action::ScrollBy(n) | Action::SelectBy(n) => page_select_by(app, n),
        Action::ScrollPage(n) | Action::SelectPage(n) => page_select_by(app, n * screen),
        Action::ScrollToTop | Action::SelectFirst => page_select_by(app, isize::MIN / 2),
        Action::ScrollToBottom | Action::SelectLast => page_select_by(app, isize::MAX / 2),
        _ => return false,
    }
    true
}

/// Moves the page's selection by `n` items.
pub(in crate::tui) fn page_select_by(app: &mut App, n: isize) {
    let Some(page) = &app.pages.page else { return };
    let count = match page {
        Page::Timeline(p) => app
            .folder
            .as_ref()
            .map_or(0, |f| f.timeline_events(p.entity).len()),
        Page::Entity(_) | Page::Directory(_) | Page::Search(_) => 0,
    };
    if let Page::Timeline(_) = page {
        if count > 0 {
            let selected = page.selected().saturating_add_signed(n).min(count - 1);
            set_page_selection(app, selected);
        }
        return;
    }
    let selected = page.selected();
    let items = page_rows(app).items.len();
    if items == 0 {
        return;
    }
    set_page_selection(app, selected.saturating_add_signed(n).min(items - 1));
    ask_more_results(app);
}

/// The shown page's rows, laid out again only when the page's subject or the folder
/// changed since they were last laid out.
pub(in crate::tui) fn page_rows(app: &mut App) -> Arc<PageRows> {
    let Some(page) = &app.pages.page else {
        return Arc::clone(&app.pages.rows);
    };
    let key = RowsKey::of(page, app.folder_generation);
    if app.pages.rows.key.as_ref() != Some(&key) {
        let empty = Folder::default();
        let folder = app.folder.as_ref().unwrap_or(&empty);
        match Arc::get_mut(&mut app.pages.rows) {
            Some(rows) => rows.remake(folder, page, app.folder_generation),
            None => app.pages.rows = Arc::new(PageRows::new(folder, page, app.folder_generation)),
        }
    }
    Arc::clone(&app.pages.rows)
}

/// Keeps the selected item in range and its rows in view (after a resize, or on return).
pub(in crate::tui) fn keep_page_selection_visible(app: &mut App) {
    if let Some(page) = &app.pages.page {
        set_page_selection(app, page.selected());
    }
}

/// Selects item `selected` and scrolls the page so all its rows, and the heading above a
/// section's first item, are in view.
fn set_page_selection(app: &mut App, selected: usize) {
    let height = reader_height(app);
    if let Some(Page::Timeline(p)) = &mut app.pages.page {
        let header = app
            .folder
            .as_ref()
            .map_or(0, |f| page::timeline_header_rows(f, p.entity));
        // Two rows an event, after the heading.
        let count = app
            .folder
            .as_ref()
            .map_or(0, |f| f.timeline_events(p.entity).len());
        let selected = selected.min(count.saturating_sub(1));
        let first = header + 2 * selected;
        let mut offset = p.offset;
        if selected == 0 {
            offset = 0;
        } else if first < offset {
            offset = first;
        } else if first + 1 >= offset + height {
            offset = (first + 2).saturating_sub(height);
        }
        let rows = header + 2 * count;
        offset = offset.min(rows.saturating_sub(height));
        p.selected = selected;
        p.offset = offset;
        return;
    }
    let rows = page_rows(app);
    let (lines, items) = (&rows.lines, &rows.items);
    let Some(page) = &mut app.pages.page else {
        return;
    };
    let selected = selected.min(items.len().saturating_sub(1));
    let mut offset = page.offset();
    if let Some((first, last)) = page::item_rows(lines, selected) {
        let mut top = first;
        while top > 0
            && lines[top - 1].item.is_none()
            && lines[top - 1].kind != LineKind::Blank
            && first - (top - 1) < height
        {
            top -= 1;
        }
        if selected == 0 {
            top = 0;
        }
        if top < offset {
            offset = top;
        } else if last >= offset + height {
            offset = last + 1 - height;
        }
    }
    offset = offset.min(lines.len().saturating_sub(height));
    page.set_position(selected, offset);
}

/// Asks for the sentences that the entity page's rows in view show (and only those: a name
/// in thousands of articles must not read thousands of files).
pub(in crate::tui) fn fill_sentences(app: &mut App) {
    let Some(Page::Entity(p)) = &app.pages.page else {
        return;
    };
    let Some(folder) = &app.folder else { return };
    let Some(entity) = folder.library.entity(p.entity) else {
        return;
    };
    let height = reader_height(app);
    let rows = Arc::clone(&app.pages.rows);
    let key = RowsKey::of(&Page::Entity(p.clone()), app.folder_generation);
    if rows.key.as_ref() != Some(&key) {
        return;
    }
    let lines = &rows.lines;
    let mut wanted: Vec<(usize, usize, usize)> = Vec::new();
    for line in lines.iter().skip(p.offset).take(height) {
        if let LineKind::ArticleSnippet(o) = line.kind
            && let Some(occ) = entity.occurrences.get(o)
            && let Some(m) = entity.mentions_of(occ).first()
            && let Some(id) = folder.article_id(occ.article)
            && !app.pages.sentences.contains_key(&(id, m.start()))
            && !app.pages.sentences_asked.contains(&(id, m.start()))
        {
            wanted.push((id, m.start(), m.end()));
        }
    }
    let mut to_read = Vec::new();
    for (id, start, end) in wanted {
        match app.reader.as_ref().filter(|r| r.article == id) {
            // The open article's text is at hand.
            Some(reader) => {
                let sentence = page::sentence_around(&reader.text, start, end);
                app.pages.sentences.insert((id, start), sentence);
            }
            None => {
                let Some(stub) = app.articles.get(id) else {
                    continue;
                };
                app.pages.sentences_asked.insert((id, start));
                to_read.push(SentenceWanted {
                    article: id,
                    start,
                    end,
                    stub: Box::new(stub.clone()),
                });
            }
        }
    }
    if !to_read.is_empty() {
        app.effects.push(Effect::ReadSentences(to_read));
    }
}

/// An article has been read: shows it, then goes where it was opened for.
pub(in crate::tui) fn opened(app: &mut App, reader: Reader, then: AfterOpen) {
    show_opened(app, reader);
    match then {
        AfterOpen::Saved => {}
        AfterOpen::Jump(jump) => jump_in_article(app, jump),
        AfterOpen::Find(word) => run_search(app, &word),
        AfterOpen::Restore(at) => restore_in_article(app, at),
    }
}

/// What the reader pane shows now, as the history keeps it.
fn current_view(app: &App) -> Option<View> {
    if let Some(page) = &app.pages.page {
        return Some(View::Page(page.clone()));
    }
    let reader = app.reader.as_ref()?;
    Some(View::Article(ArticleView {
        article: reader.article,
        anchor: reader.anchor_of(reader.scroll).unwrap_or((0, 0)),
        entity: reader.entity,
        mention: reader.mention,
    }))
}

/// Remembers the current view before another replaces it.
fn visit(app: &mut App) {
    let current = current_view(app);
    app.pages.history.visit(current);
}

/// Opens an article chosen in the list (Enter or a click).
pub(in crate::tui) fn open_article_from_list(app: &mut App, id: usize) {
    let same = app.pages.page.is_none() && app.reader.as_ref().is_some_and(|r| r.article == id);
    if same {
        app.focus = Focus::Reader;
        return;
    }
    visit(app);
    app.pages.page = None;
    open_article(app, id, AfterOpen::Saved);
}

pub(in crate::tui) fn open_entity_page(app: &mut App, entity: EntityId) {
    let Some(folder) = &app.folder else {
        app.status.message = Some("still indexing the folder; try again in a moment".into());
        return;
    };
    let Some(name) = folder.library.entity(entity).map(|e| e.name.clone()) else {
        return;
    };
    if matches!(&app.pages.page, Some(Page::Entity(p)) if p.entity == entity) {
        app.focus = Focus::Reader;
        return;
    }
    visit(app);
    app.pages.page = Some(Page::Entity(EntityPage {
        entity,
        selected: 0,
        offset: 0,
        companions: None,
    }));
    app.focus = Focus::Reader;
    app.status.message = Some(format!("{name} — Enter opens a row, Backspace goes back"));
}

/// Selects the timeline's first event on or after the date `typed` names (the latest when
/// every event is earlier), and says where it went.
pub(in crate::tui) fn go_to_date(app: &mut App, typed: &str) {
    let (Some(folder), Some(Page::Timeline(p))) = (&app.folder, &app.pages.page) else {
        return;
    };
    let events = folder.timeline_events(p.entity);
    let library = &folder.library;
    let day_of = |id: &crate::library::EventId| library.event_day(*id);
    // Months and days without a year are read in the selected event's year.
    let reference = events
        .get(p.selected)
        .and_then(day_of)
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let Some(target) = crate::extract::time::typed_date(typed, reference) else {
        app.status.message = Some(format!(
            "“{typed}” is not a date: try 2024, 2024-03, 2024-03-12, march 2024, 12 मार्च 2024"
        ));
        return;
    };
    if events.is_empty() {
        app.status.message = Some("no dated events here".into());
        return;
    }
    // Events are in date order.
    let at = events.partition_point(|id| day_of(id).is_some_and(|d| d < target));
    let shown = target.format("%-d %b %Y");
    app.status.message = Some(match events.get(at).and_then(day_of) {
        None => format!("nothing on or after {shown}: the latest event"),
        Some(d) if d == target => format!("went to {shown}"),
        Some(d) => format!("the first event from {shown}: {}", d.format("%-d %b %Y")),
    });
    let at = at.min(events.len() - 1);
    set_page_selection(app, at);
}

/// Opens the folder timeline at its most recent event; from a name's page, the timeline of
/// that name's events alone (and from that, the folder's again).
pub(in crate::tui) fn open_timeline(app: &mut App) {
    let Some(folder) = &app.folder else {
        app.status.message = Some("still indexing the folder; try again in a moment".into());
        return;
    };
    // T on a name's timeline widens it to the folder's.
    let entity = match &app.pages.page {
        Some(Page::Entity(p)) => Some(p.entity),
        _ => None,
    };
    let last = folder.timeline_events(entity).len().saturating_sub(1);
    if !matches!(&app.pages.page, Some(Page::Timeline(p)) if p.entity == entity) {
        visit(app);
        app.pages.page = Some(Page::Timeline(TimelinePage {
            selected: 0,
            offset: 0,
            entity,
        }));
        set_page_selection(app, last);
    }
    app.focus = Focus::Reader;
}

/// Shows a folder search's results as a page.
pub(in crate::tui) fn open_search_results(app: &mut App, page: SearchPage) {
    visit(app);
    app.pages.page = Some(Page::Search(page));
    app.focus = Focus::Reader;
}

/// Opens an article and searches it for a word, at its first match.
pub(in crate::tui) fn open_article_find(app: &mut App, article: usize, find: &str) {
    if article >= app.articles.len() {
        return;
    }
    visit(app);
    app.pages.page = None;
    app.focus = Focus::Reader;
    if app.reader.as_ref().is_none_or(|r| r.article != article) {
        open_article(app, article, AfterOpen::Find(find.to_string()));
    } else {
        run_search(app, find);
    }
}

pub(in crate::tui) fn open_directory(app: &mut App) {
    if app.folder.is_none() {
        app.status.message = Some("still indexing the folder; try again in a moment".into());
        return;
    }
    if !matches!(app.pages.page, Some(Page::Directory(_))) {
        visit(app);
        app.pages.page = Some(Page::Directory(Directory {
            typing: true,
            ..Directory::default()
        }));
    }
    app.focus = Focus::Reader;
}

/// Opens an article at a folder entity's mention (selecting the name in the sidebar) or at
/// a dated event (selecting it in the timeline).
pub(in crate::tui) fn open_article_at(app: &mut App, article: usize, jump: Jump) {
    if article >= app.articles.len() {
        return;
    }
    visit(app);
    app.pages.page = None;
    app.focus = Focus::Reader;
    if app.reader.as_ref().is_none_or(|r| r.article != article) {
        open_article(app, article, AfterOpen::Jump(jump));
    } else {
        jump_in_article(app, jump);
    }
}

/// In the open article, selects a folder entity's name and goes to the mention, or to an
/// event.
fn jump_in_article(app: &mut App, jump: Jump) {
    match jump {
        Jump::Mention { entity, start } => {
            let local = app
                .reader
                .as_ref()
                .and_then(|reader| reader.folder_ids.iter().position(|&id| id == Some(entity)));
            let Some(local) = local else {
                app.status.message = Some("the name is not found in this article".into());
                return;
            };
            select_entity(app, local);
            if let Some(reader) = &mut app.reader {
                reader.mention = reader.entities[local]
                    .mentions
                    .iter()
                    .position(|m| Some(m.start) == start)
                    .unwrap_or(0);
            }
            show_current_mention(app);
        }
        Jump::Event { start } => {
            let event = app
                .reader
                .as_ref()
                .and_then(|r| r.timeline.iter().position(|t| t.start == start));
            match event {
                Some(i) => select_event(app, i),
                None => app.status.message = Some("the event is not found in this article".into()),
            }
        }
    }
}

/// Shows a remembered view again, where it was.
fn restore(app: &mut App, view: View) {
    app.focus = Focus::Reader;
    match view {
        View::Page(mut page) => {
            if let Page::Directory(d) = &mut page {
                d.typing = false;
            }
            if let Page::Search(p) = &mut page {
                // Its answer went to no page while another view was shown.
                p.asking = None;
            }
            app.pages.page = Some(page);
            keep_page_selection_visible(app);
            ask_more_results(app);
        }
        View::Article(at) => {
            app.pages.page = None;
            if at.article >= app.articles.len() {
                return;
            }
            if app.reader.as_ref().is_none_or(|r| r.article != at.article) {
                open_article(app, at.article, AfterOpen::Restore(at));
            } else {
                restore_in_article(app, at);
            }
        }
    }
}

/// Puts the open article back where a view of the history had it.
fn restore_in_article(app: &mut App, at: ArticleView) {
    if let Some(reader) = &mut app.reader {
        let (block, offset) = at.anchor;
        reader.scroll = reader.row_of(block, offset).unwrap_or(0);
        reader.entity = at.entity.filter(|&e| e < reader.entities.len());
        reader.mention = at.mention;
    }
    scroll_by(app, 0);
}

pub(in crate::tui) fn back(app: &mut App) {
    let current = current_view(app);
    match app.pages.history.back(current) {
        Some(view) => restore(app, view),
        None => app.status.message = Some("nothing to go back to".into()),
    }
}

pub(in crate::tui) fn forward(app: &mut App) {
    let current = current_view(app);
    match app.pages.history.forward(current) {
        Some(view) => restore(app, view),
        None => app.status.message = Some("nothing to go forward to".into()),
    }
}

/// Esc on a page: clears the directory's filter, else goes back, else closes the page.
pub(in crate::tui) fn close_page(app: &mut App) {
    if let Some(Page::Directory(d)) = &mut app.pages.page
        && !d.filter.is_empty()
    {
        d.filter.clear();
        set_page_selection(app, 0);
    } else if app.pages.history.can_go_back() {
        back(app);
    } else {
        app.pages.page = None;
    }
}

/// Esc when nothing above took it (an overlay, a page, the article's search): goes back,
/// else (from the sidebar) returns to the list.
pub(in crate::tui) fn close(app: &mut App) {
    if app.focus == Focus::Reader && app.pages.history.can_go_back() {
        back(app);
    } else if app.focus != Focus::List {
        app.focus = Focus::List;
    }
}

pub(in crate::tui) fn filter_type(app: &mut App, c: char) {
    if let Some(Page::Directory(d)) = &mut app.pages.page {
        d.filter.push(c);
        d.typing = true;
        set_page_selection(app, 0);
    }
}

/// Backspace in the directory: deletes a typed character, or with none, goes back.
pub(in crate::tui) fn filter_backspace(app: &mut App) {
    let Some(Page::Directory(d)) = &mut app.pages.page else {
        return;
    };
    if d.filter.pop().is_some() {
        set_page_selection(app, 0);
    } else if app.pages.history.can_go_back() {
        back(app);
    } else {
        app.pages.page = None;
    }
}

/// Results asked of the index at a time.
pub(in crate::tui) const SEARCH_PAGE: usize = 50;

/// Asks for the whole folder to be searched; the results open as a page once the first of
/// them are read.
pub(in crate::tui) fn search_folder(app: &mut App, query: &str) {
    let query = query.trim();
    if query.is_empty() {
        return;
    }
    let Some(searcher) = &app.searcher else {
        app.status.message = Some(
            "folder search needs the cache (it is off with --no-cache, or could not be opened)"
                .into(),
        );
        return;
    };
    app.searches += 1;
    app.effects.push(Effect::SearchFolder(SearchWanted {
        search: app.searches,
        query: query.to_string(),
        start: 0,
        limit: SEARCH_PAGE,
        searcher: searcher.clone(),
    }));
}

/// A page of a folder search's results: the first opens the results page; later ones are
/// added to it while it is shown (an answer for a page no longer shown, or for an earlier
/// search, is dropped).
pub(in crate::tui) fn folder_searched(
    app: &mut App,
    search: u64,
    query: String,
    start: usize,
    found: Result<crate::library::search::Found, String>,
) {
    let found = match found {
        Ok(found) => found,
        Err(e) => {
            app.status.message = Some(format!("search failed: {e}"));
            if let Some(Page::Search(p)) = &mut app.pages.page
                && p.search == search
            {
                // Not asked again on its own; moving down asks again.
                p.asking = None;
                p.total = p.fetched;
            }
            return;
        }
    };
    let taken = found.hits.len();
    let hits: Vec<SearchHit> = found
        .hits
        .into_iter()
        .filter_map(|h| {
            Some(SearchHit {
                article: *app.ids.get(&h.key)?,
                copy_key: page::copy_key(&h.title, &h.lead),
                title: h.title,
                sentence: h.sentence,
                highlights: h.highlights,
            })
        })
        .collect();
    if start == 0 {
        if search != app.searches {
            return;
        }
        let mut page = SearchPage::new(query, search);
        page.add(hits, taken, found.total);
        if app.indexing.is_some() {
            app.status.message = Some("still indexing: results so far".into());
        }
        open_search_results(app, page);
    } else {
        // The selected row stays selected, whatever copies join the stories above it.
        let rows = page_rows(app);
        let item = match &mut app.pages.page {
            Some(Page::Search(p)) if p.search == search && p.asking == Some(start) => {
                p.asking = None;
                p.add(hits, taken, found.total);
                rows.items.get(p.selected).copied()
            }
            _ => return,
        };
        let rows = page_rows(app);
        if let Some(at) = item.and_then(|item| rows.items.iter().position(|&i| i == item)) {
            set_page_selection(app, at);
        }
    }
    ask_more_results(app);
}

/// Asks for the next page of results when the search page's selection is within a screen
/// of the end of what is loaded and the index has more (one page asked at a time).
pub(in crate::tui) fn ask_more_results(app: &mut App) {
    let height = reader_height(app);
    let items = page_rows(app).items.len();
    let Some(searcher) = &app.searcher else {
        return;
    };
    let Some(Page::Search(p)) = &mut app.pages.page else {
        return;
    };
    if p.asking.is_some() || !p.more() || p.selected + height.max(1) < items {
        return;
    }
    p.asking = Some(p.fetched);
    app.effects.push(Effect::SearchFolder(SearchWanted {
        search: p.search,
        query: p.query.clone(),
        start: p.fetched,
        limit: SEARCH_PAGE,
        searcher: searcher.clone(),
    }));
}

/// `c` on search results: lists the selected story's copies under it, or folds them away
/// (from a copy: back onto its story).
pub(in crate::tui) fn toggle_copies(app: &mut App) {
    let rows = page_rows(app);
    let Some(Page::Search(p)) = &mut app.pages.page else {
        return;
    };
    let group = match rows.items.get(p.selected) {
        Some(&page::Item::Hit(g)) | Some(&page::Item::Copy(g, _)) => g,
        _ => return,
    };
    let copies = p.groups.get(group).map_or(0, |m| m.len().saturating_sub(1));
    if copies == 0 {
        app.status.message = Some("this article has no copies among the results".into());
        return;
    }
    if !p.expanded.remove(&group) {
        p.expanded.insert(group);
    }
    let rows = page_rows(app);
    let at = rows
        .items
        .iter()
        .position(|&i| i == page::Item::Hit(group))
        .unwrap_or(0);
    set_page_selection(app, at);
    ask_more_results(app);
}

/// `K` on a name's page: "appears with" lists people only, then places, organisations, and
/// all again; the selection goes to the list's heading.
pub(in crate::tui) fn next_companion_kind(app: &mut App) {
    use crate::extract::Kind;
    let Some(Page::Entity(p)) = &mut app.pages.page else {
        app.status.message =
            Some("K works on a name's page: the names it appears with, by kind".into());
        return;
    };
    p.companions = match p.companions {
        None => Some(Kind::Person),
        Some(Kind::Person) => Some(Kind::Place),
        Some(Kind::Place) => Some(Kind::Organization),
        Some(Kind::Organization) => None,
    };
    let rows = page_rows(app);
    // Keep the list in view: select its first name, else the last article.
    let first = rows
        .items
        .iter()
        .position(|i| matches!(i, page::Item::Companion(..)))
        .or_else(|| rows.items.len().checked_sub(1));
    if let Some(first) = first {
        set_page_selection(app, first);
    }
}
