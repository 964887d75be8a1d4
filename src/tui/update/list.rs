//! The article list: what the background scan adds and removes, in list order, and the
//! selection that stays on its article while the list changes.

use std::cmp::Reverse;
use std::collections::HashSet;

use crate::article::{FileOutcome, Listed};
use crate::tui::app::App;
use crate::tui::components::overlay::Overlay;

use super::geometry::list_page;

pub(in crate::tui) fn select_by(app: &mut App, n: isize) {
    if app.list.shown.is_empty() {
        return;
    }
    let last = app.list.shown.len() - 1;
    app.list.selected = app.list.selected.saturating_add_signed(n).min(last);
    app.list.chosen = true;
    keep_selection_visible(app);
}

pub(in crate::tui) fn keep_selection_visible(app: &mut App) {
    let page = list_page(app);
    let sel = app.list.selected;
    if sel < app.list.offset {
        app.list.offset = sel;
    } else if sel >= app.list.offset + page {
        app.list.offset = sel + 1 - page;
    }
    let max_offset = app.list.shown.len().saturating_sub(page);
    app.list.offset = app.list.offset.min(max_offset);
}

pub(in crate::tui) fn add_loaded(app: &mut App, outcomes: Vec<FileOutcome>) {
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
            // Made here, on the UI thread, so that what the list keeps is packed together
            // and apart from what the background freed around the articles it sent.
            let article = Listed::of(&article);
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
    let by_file = app.list.by_file;
    if moved {
        app.order.extend(added);
        app.order
            .sort_by(|&a, &b| list_order(&articles[a], &articles[b], by_file));
    } else if !added.is_empty() {
        // Merge the new articles in: linear in the list, not a full sort per file.
        added.sort_by(|&a, &b| list_order(&articles[a], &articles[b], by_file));
        let old = std::mem::take(&mut app.order);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() && j < added.len() {
            if list_order(&articles[added[j]], &articles[old[i]], by_file).is_lt() {
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
    refresh_shown(app);
    reselect(app, selected);
}

/// After a rescan: articles it did not report again are gone from the list.
pub(in crate::tui) fn finish_rescan(app: &mut App, seen: &HashSet<usize>) {
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
        app.status.message = Some("this article's file has gone from the folder".into());
    }
    refresh_shown(app);
    reselect(app, selected);
}

/// Keeps the list's selection on the same article while the list changes.
pub(in crate::tui) fn reselect(app: &mut App, selected: Option<usize>) {
    if !app.list.chosen {
        app.list.selected = 0;
    } else if let Some(sel) = selected
        && let Some(pos) = app.list.shown.iter().position(|&id| id == sel)
    {
        app.list.selected = pos;
    }
    app.list.selected = app
        .list
        .selected
        .min(app.list.shown.len().saturating_sub(1));
    keep_selection_visible(app);
}

/// List order: newest first, undated articles after dated ones, then by file and line; or
/// (`by_file`) by file and line only.
pub(in crate::tui) fn list_order(a: &Listed, b: &Listed, by_file: bool) -> std::cmp::Ordering {
    let date = |x: &Listed| x.date.map(|d| d.date);
    let by_date = if by_file {
        std::cmp::Ordering::Equal
    } else {
        (date(a).is_none(), Reverse(date(a))).cmp(&(date(b).is_none(), Reverse(date(b))))
    };
    by_date
        .then_with(|| a.path.cmp(&b.path))
        .then_with(|| a.line.cmp(&b.line))
}

/// The list as shown: `order`, less the articles the filters do not let through.
pub(in crate::tui) fn refresh_shown(app: &mut App) {
    let (passing, narrow) = (&app.list.passing, &app.list.narrow);
    app.list.shown = if passing.is_none() && narrow.is_empty() {
        app.order.clone()
    } else {
        app.order
            .iter()
            .copied()
            .filter(|id| passing.as_ref().is_none_or(|p| p.contains(id)))
            .filter(|&id| narrow.passes(&app.articles[id]))
            .collect()
    };
}

/// `f` outside a name's page: the list narrowed to what `typed` names — a date, a month, a
/// year or a range of them (`2025-01..2025-03`), else a source or place (`jagran`,
/// `लखनऊ`); nothing typed lifts both. Says what it did, or why it did nothing.
pub(in crate::tui) fn narrow_list(app: &mut App, typed: &str) {
    use crate::tui::app::article_from;
    let typed = typed.trim();
    let selected = app.selected_article();
    if typed.is_empty() {
        app.list.narrow = Default::default();
    } else {
        let today = chrono::Local::now().date_naive();
        if let Some(dates) = crate::extract::time::typed_range(typed, today) {
            app.list.narrow.dates = Some(dates);
        } else {
            let want = crate::text::fold::fold(typed).to_lowercase();
            let listed = app.order.iter().map(|&id| &app.articles[id]);
            let mut from: Vec<String> = listed.flat_map(article_from).collect();
            if !from.iter().any(|f| f.contains(&want)) {
                // Sources and places first; file names only when nothing else is known.
                from.sort_by_key(|f| (f.contains('.'), f.clone()));
                from.dedup();
                let some: Vec<_> = from.iter().take(8).map(String::as_str).collect();
                app.status.message = Some(if some.is_empty() {
                    format!("“{typed}” is no date, and these articles say no source or place")
                } else {
                    format!(
                        "no article is from “{typed}”, nor is it a date (2025, march 2025, \
                         2025-01..2025-03); sources and places here: {}",
                        some.join(", ")
                    )
                });
                return;
            }
            app.list.narrow.source = Some(want);
        }
    }
    refresh_shown(app);
    app.list.chosen = true;
    reselect(app, selected);
    app.status.message = Some(if app.list.narrow.is_empty() {
        "the list is not narrowed by source or date".into()
    } else {
        format!(
            "the list shows {} ({}; F shows all)",
            crate::tui::components::status::counted(app.list.shown.len(), "article"),
            app.list.narrow.label()
        )
    });
}

/// `S`: newest first, or by file; the selection stays on its article.
pub(in crate::tui) fn toggle_sort(app: &mut App) {
    let selected = app.selected_article();
    app.list.by_file = !app.list.by_file;
    let (articles, by_file) = (&app.articles, app.list.by_file);
    app.order
        .sort_by(|&a, &b| list_order(&articles[a], &articles[b], by_file));
    refresh_shown(app);
    reselect(app, selected);
    app.status.message = Some(if by_file {
        "listed by file".into()
    } else {
        "listed newest first".into()
    });
}

/// From a name's page: only the articles that name it (and every name filtered by before).
pub(in crate::tui) fn filter_by(app: &mut App, entity: crate::library::EntityId) {
    let Some(folder) = &app.folder else { return };
    let Some(e) = folder.library.entity(entity) else {
        return;
    };
    if app.list.filter.iter().any(|(id, _, _)| *id == entity) {
        return;
    }
    let naming: HashSet<usize> = e
        .occurrences
        .iter()
        .filter_map(|o| folder.article_id(o.article))
        .collect();
    let passing = match app.list.passing.take() {
        Some(before) => before.intersection(&naming).copied().collect(),
        None => naming,
    };
    app.list.filter.push((entity, e.name.clone(), e.kind));
    app.list.passing = Some(passing);
    let selected = app.selected_article();
    refresh_shown(app);
    app.list.chosen = true;
    reselect(app, selected);
    app.status.message = Some(format!(
        "the list shows {} with {} (F shows all)",
        crate::tui::components::status::counted(app.list.shown.len(), "article"),
        filter_names(app)
    ));
}

/// `F`: the whole list again.
pub(in crate::tui) fn clear_filter(app: &mut App) {
    if app.list.filter.is_empty() && app.list.narrow.is_empty() {
        app.status.message = Some("the list is not filtered".into());
        return;
    }
    let selected = app.selected_article();
    app.list.filter.clear();
    app.list.passing = None;
    app.list.narrow = Default::default();
    refresh_shown(app);
    reselect(app, selected);
    app.status.message = Some("the list shows every article".into());
}

/// The names the list is filtered by, joined by " + ".
pub(in crate::tui) fn filter_names(app: &App) -> String {
    app.list
        .filter
        .iter()
        .map(|(_, name, _)| name.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// A new library numbers its entities anew: the filter's names are found again in it (a
/// name no longer in the folder lets nothing through).
pub(in crate::tui) fn refilter(app: &mut App) {
    if app.list.filter.is_empty() {
        return;
    }
    let filter = std::mem::take(&mut app.list.filter);
    app.list.passing = None;
    let found: Vec<_> = filter
        .iter()
        .map(|(_, name, kind)| {
            app.folder
                .as_ref()
                .and_then(|f| f.library.find(name, *kind))
        })
        .collect();
    for (id, (_, name, kind)) in found.into_iter().zip(filter) {
        match id {
            Some(id) => filter_by(app, id),
            None => {
                app.list
                    .filter
                    .push((crate::library::EntityId::default(), name, kind));
                app.list.passing = Some(HashSet::new());
            }
        }
    }
    let selected = app.selected_article();
    refresh_shown(app);
    reselect(app, selected);
}
