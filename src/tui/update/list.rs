//! The article list: what the background scan adds and removes, in list order, and the
//! selection that stays on its article while the list changes.

use std::cmp::Reverse;
use std::collections::HashSet;

use crate::article::{Article, FileOutcome};
use crate::tui::app::App;
use crate::tui::components::overlay::Overlay;

use super::geometry::list_page;

pub(in crate::tui) fn select_by(app: &mut App, n: isize) {
    if app.order.is_empty() {
        return;
    }
    let last = app.order.len() - 1;
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
    let max_offset = app.order.len().saturating_sub(page);
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
    reselect(app, selected);
}

/// Keeps the list's selection on the same article while the list changes.
pub(in crate::tui) fn reselect(app: &mut App, selected: Option<usize>) {
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
pub(in crate::tui) fn list_order(a: &Article, b: &Article) -> std::cmp::Ordering {
    let date = |x: &Article| x.date.map(|d| d.date);
    (date(a).is_none(), Reverse(date(a)))
        .cmp(&(date(b).is_none(), Reverse(date(b))))
        .then_with(|| a.path.cmp(&b.path))
        .then_with(|| a.line.cmp(&b.line))
}
