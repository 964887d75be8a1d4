//! The article list: every article of the folder, newest first, with its read mark;
//! moving its selection and opening the selected article.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::action::{Action, Focus};
use crate::tui::app::App;
use crate::tui::view::{pane_block, put_item, render_wrapped, shown};

use crate::tui::panes::LIST_ITEM_HEIGHT;

use super::Outcome;
use crate::text::{str_width, truncate};
use crate::tui::update::article::save_state;
use crate::tui::update::geometry::list_page;
use crate::tui::update::list::{
    clear_filter, filter_by, filter_names, keep_selection_visible, select_by, toggle_sort,
};
use crate::tui::update::navigate::open_article_from_list;

/// Takes the moves of the list's selection and Enter on it (the keys send these only when the
/// list, or nothing more particular, has the focus).
pub fn handle(app: &mut App, action: Action) -> Outcome {
    match action {
        Action::SelectBy(n) => select_by(app, n),
        Action::SelectPage(n) => select_by(app, n * list_page(app) as isize),
        Action::SelectFirst => select_by(app, isize::MIN / 2),
        Action::SelectLast => select_by(app, isize::MAX / 2),
        Action::OpenSelected => {
            if let Some(id) = app.selected_article() {
                app.list.chosen = true;
                open_article_from_list(app, id);
            }
        }
        Action::NextUnread => next_unread(app),
        Action::ToggleSort => toggle_sort(app),
        Action::ClearListFilter => clear_filter(app),
        Action::FilterByPage => match &app.pages.page {
            Some(crate::tui::page::Page::Entity(p)) => filter_by(app, p.entity),
            _ => app.status.message = Some("f works on a name's page".into()),
        },
        Action::StartListFilter => {
            use crate::tui::components::status::SearchScope;
            app.status.search_scope = SearchScope::ListFilter;
            app.status.search = Some(String::new());
        }
        Action::ToggleRead => toggle_read(app),
        other => return Outcome::Ignored(other),
    }
    Outcome::Consumed
}

/// `u`: the next unread article after the selection, going round to the top; opened as
/// from the list.
fn next_unread(app: &mut App) {
    let n = app.list.shown.len();
    let from = app.list.selected;
    let next = (1..=n)
        .map(|step| (from + step) % n)
        .find(|&pos| !app.is_read(app.list.shown[pos]));
    match next {
        Some(pos) => {
            app.list.selected = pos;
            app.list.chosen = true;
            keep_selection_visible(app);
            open_article_from_list(app, app.list.shown[pos]);
        }
        None => app.status.message = Some("no unread articles".into()),
    }
}

/// `m`: marks the article read or unread again — the one selected in the list, or from the
/// other panes the one open — and saves the mark.
fn toggle_read(app: &mut App) {
    let id = match (&app.reader, app.focus) {
        (Some(reader), focus) if focus != Focus::List => Some(reader.article),
        _ => app.selected_article(),
    };
    let Some(article) = id.and_then(|id| app.articles.get(id)) else {
        return;
    };
    let key = article.key();
    let title = article.title.clone();
    let mut state = app.reading.get(&key);
    state.read = !state.read;
    app.reading.record(key, state);
    app.status.message = Some(format!(
        "{} {}",
        if state.read { "read:" } else { "unread:" },
        title
    ));
    save_state(app);
}

/// `text` in at most `width` columns, ending in `…` when cut.
fn cut(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return text.to_string();
    }
    format!("{}…", truncate(text, width.saturating_sub(1)))
}

/// The listed articles not read yet.
pub(in crate::tui) fn unread(app: &App) -> usize {
    let read = app
        .reading
        .articles
        .iter()
        .filter(|(key, state)| {
            state.read
                && app.ids.get(key.as_str()).is_some_and(|id| {
                    !app.unlisted.contains(id)
                        && app.list.passing.as_ref().is_none_or(|p| p.contains(id))
                        && app.list.narrow.passes(&app.articles[*id])
                })
        })
        .count();
    app.list.shown.len().saturating_sub(read)
}

pub(in crate::tui) fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::List;
    // The fullest title that fits the border.
    let total = app.order.len();
    let counts = if app.list.filter.is_empty() && app.list.narrow.is_empty() {
        vec![total.to_string()]
    } else {
        let of = format!("{} of {total}", app.list.shown.len());
        let names = (!app.list.filter.is_empty()).then(|| format!("with {}", filter_names(app)));
        let narrow = (!app.list.narrow.is_empty()).then(|| app.list.narrow.label());
        let what: Vec<String> = names.into_iter().chain(narrow).collect();
        vec![
            format!("{of} · {}", what.join(" · ")),
            format!("{of} · filtered"),
            of,
        ]
    };
    let unread = match app.list.unread {
        0 => String::new(),
        n => format!(" · {n} unread"),
    };
    let titles = counts.iter().flat_map(|c| {
        [
            format!(" Articles ({c}{unread}) "),
            format!(" Articles ({c}) "),
        ]
    });
    let mut last = String::new();
    let mut title = None;
    for t in titles {
        if str_width(&t) + 2 <= area.width as usize {
            title = Some(t);
            break;
        }
        last = t;
    }
    let title = title.unwrap_or(last);
    let block = pane_block(&app.theme, title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.list.shown.is_empty() {
        let msg = if !app.list.narrow.is_empty() {
            "No article passes the filter. F lists every article."
        } else if !app.list.filter.is_empty() {
            "No article names all of them. F lists every article."
        } else if app.loading.done {
            "No articles here. khabar reads .txt, .json and .jsonl files."
        } else {
            "Loading…"
        };
        render_wrapped(buf, inner, msg, theme.muted);
        return;
    }
    let visible = (inner.height as usize / LIST_ITEM_HEIGHT).max(1);
    for (slot, index) in (app.list.offset..app.list.shown.len())
        .take(visible)
        .enumerate()
    {
        let id = app.list.shown[index];
        let article = &app.articles[id];
        let y = inner.y + (slot * LIST_ITEM_HEIGHT) as u16;
        let selected = index == app.list.selected;
        let base = theme.row(selected, focused);
        let mark = if app.is_read(id) { "  " } else { "● " };
        let title = Line::from(vec![
            Span::styled(
                mark,
                if selected {
                    base
                } else {
                    base.patch(theme.accent)
                },
            ),
            Span::styled(
                cut(
                    &shown(app, &article.title),
                    inner.width.saturating_sub(2) as usize,
                ),
                base.add_modifier(Modifier::BOLD),
            ),
        ])
        .style(base);
        // When it was, and where from: the source, else the dateline's place, else the file.
        let date = article
            .date
            .map_or_else(|| "undated".to_string(), |d| d.display());
        let file = || {
            article
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        };
        let from = article
            .origin()
            .or(article.place.as_deref())
            .or(article.dateline_place.as_deref())
            .map(str::to_string)
            .or_else(file)
            .unwrap_or_default();
        // The source only when some of it fits after the date: a lone "…" says nothing.
        let room = (inner.width as usize).saturating_sub(2);
        let meta = if str_width(&date) + 3 + 6 <= room {
            format!("{date} · {from}")
        } else {
            date
        };
        let meta_style = if selected { base } else { theme.muted };
        let meta = cut(&shown(app, &meta), inner.width.saturating_sub(2) as usize);
        let second = Line::styled(format!("  {meta}"), meta_style);
        put_item(buf, inner, y, base, title, second);
    }
}
