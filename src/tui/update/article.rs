//! The open article: opening it, scrolling, the sidebar's names and timeline, search in the
//! text, the script it is shown in, and where the reader left it.

use crate::extract::Kind;
use crate::state::ArticleState;
use crate::text::fold;
use crate::tui::action::Focus;
use crate::tui::app::{AfterOpen, App, Opening};
use crate::tui::effect::{Effect, ReadArticle};
use crate::tui::reader::{Reader, Search, SidebarRow};

use super::geometry::{reader_height, reader_width, sidebar_page, timeline_page};

pub(in crate::tui) fn scroll_by(app: &mut App, n: isize) {
    let height = reader_height(app);
    if let Some(reader) = &mut app.reader {
        let max = reader.layout.rows.len().saturating_sub(height);
        reader.scroll = reader.scroll.saturating_add_signed(n).min(max);
    }
}

/// Asks for an article to be read and opened; [`navigate::opened`] shows it when read.
/// A later request replaces an earlier one still being read.
pub(in crate::tui) fn open_article(app: &mut App, id: usize, then: AfterOpen) {
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
pub(in crate::tui) fn show_opened(app: &mut App, mut reader: Reader) {
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
    let article = reader.article;
    app.reader = Some(reader);
    scroll_by(app, 0);
    // The list follows the open article, however it was opened (folder search, a name's
    // page, the folder timeline, the history), so Enter in the list reopens this one.
    app.list.chosen = true;
    super::list::reselect(app, Some(article));
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
pub(in crate::tui) fn select_entity_by(app: &mut App, n: isize) {
    let Some(reader) = &app.reader else { return };
    if reader.entities.is_empty() {
        return;
    }
    let target = step_selection(reader.entity, n, reader.entities.len());
    select_entity(app, target);
}

/// Selects an entity: its mentions are highlighted and the reader goes to the first one
/// unless one is already in view.
pub(in crate::tui) fn select_entity(app: &mut App, index: usize) {
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

pub(in crate::tui) fn step_mention(app: &mut App, step: isize) {
    let Some(reader) = &mut app.reader else {
        return;
    };
    let Some(e) = reader.entity else {
        app.status.message = Some("select a name first (j/k in the sidebar, [ ] or e)".into());
        return;
    };
    let n = reader.mentions[e].len() as isize;
    if n == 0 {
        describe_mention(app);
        return;
    }
    let next = reader.mention as isize + step;
    reader.mention = next.rem_euclid(n) as usize;
    show_current_mention(app);
    say_wrapped(app, next, n);
}

/// Adds to the status line that a step past the last (or before the first) match or mention
/// went round to the other end, as vim and less say it.
fn say_wrapped(app: &mut App, next: isize, n: isize) {
    let end = if next >= n {
        "search wrapped to the top"
    } else if next < 0 {
        "search wrapped to the bottom"
    } else {
        return;
    };
    if let Some(message) = &mut app.status.message {
        message.push_str(" · ");
        message.push_str(end);
    }
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
pub(in crate::tui) fn step_person(app: &mut App, step: isize) {
    if let Some(why) = names_unavailable(app) {
        app.status.message = Some(why);
        return;
    }
    let Some(reader) = &app.reader else { return };
    let people: Vec<usize> = (0..reader.entities.len())
        .filter(|&i| reader.entities[i].kind == Kind::Person)
        .collect();
    if people.is_empty() {
        app.status.message = Some("no people found in this article".into());
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
pub(in crate::tui) fn select_entity_in_view(app: &mut App) {
    if let Some(why) = names_unavailable(app) {
        app.status.message = Some(why);
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
        None => app.status.message = Some("no names in this article".into()),
    }
}

/// Moves the timeline's selection; the reader follows to the entry's sentence.
pub(in crate::tui) fn select_event_by(app: &mut App, n: isize) {
    let Some(reader) = &mut app.reader else {
        return;
    };
    if reader.timeline.is_empty() {
        app.status.message = Some("no dated events in this article".into());
        return;
    }
    let target = step_selection(reader.event, n, reader.timeline.len());
    select_event(app, target);
}

/// Selects a timeline entry; the reader follows to its sentence.
pub(in crate::tui) fn select_event(app: &mut App, target: usize) {
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
pub(in crate::tui) fn show_current_event(app: &mut App) {
    let height = reader_height(app);
    let Some(reader) = &mut app.reader else {
        return;
    };
    let Some(e) = reader.event else { return };
    let (block, start, _) = reader.timeline_spans[e];
    bring_into_view(reader, block, start, height);
    let entry = &reader.timeline[e];
    let value = entry.value.as_deref().unwrap_or("?");
    app.status.message = Some(format!(
        "{} — “{}” = {value} ({} of {})",
        crate::extract::time::display_value(entry),
        entry.text,
        e + 1,
        reader.timeline.len()
    ));
    scroll_by(app, 0);
}

/// Scrolls to the selected entity's current mention and says which it is.
pub(in crate::tui) fn show_current_mention(app: &mut App) {
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

pub(in crate::tui) fn describe_mention(app: &mut App) {
    let Some(reader) = &app.reader else { return };
    let Some(e) = reader.entity else { return };
    let entity = &reader.entities[e];
    let name = if app.romanized {
        crate::text::romanize::romanize(&entity.name, Default::default())
    } else {
        entity.name.clone()
    };
    let n = reader.mentions[e].len();
    app.status.message = Some(if n == 0 {
        format!("{name} — named only in the dateline")
    } else {
        format!("{name} — mention {} of {n}", reader.mention + 1)
    });
}

/// Notes where the open article is scrolled to, so reopening it returns there.
pub(in crate::tui) fn remember_position(app: &mut App) {
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
pub(in crate::tui) fn save_state(app: &mut App) {
    app.effects.push(Effect::SaveState(app.reading.clone()));
}

/// Lays the open article out again for the current width, keeping the same text at the top.
pub(in crate::tui) fn relayout(app: &mut App) {
    let width = reader_width(app);
    if let Some(reader) = &mut app.reader
        && reader.layout.width != width
    {
        reader.relayout(width, app.romanized);
    }
    scroll_by(app, 0);
}

/// `r`: the text in Latin letters, or as written again, at the same place.
pub(in crate::tui) fn toggle_all_times(app: &mut App) {
    app.all_times = !app.all_times;
    if let Some(reader) = &mut app.reader {
        reader.list_times(app.all_times);
    }
    app.status.message = Some(if app.all_times {
        "timeline: every time expression; t lists dated events only".into()
    } else {
        "timeline: dated events; t lists every time expression".into()
    });
}

pub(in crate::tui) fn toggle_romanized(app: &mut App) {
    app.romanized = !app.romanized;
    let width = reader_width(app);
    if let Some(reader) = &mut app.reader {
        reader.relayout(width, app.romanized);
    }
    scroll_by(app, 0);
    app.status.message = Some(if app.romanized {
        "Latin letters (ISO 15919); r shows the text as written".into()
    } else {
        "as written; r shows the text in Latin letters".into()
    });
}

pub(in crate::tui) fn run_search(app: &mut App, query: &str) {
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
        app.status.message = Some(format!("no match for “{}”", query.trim()));
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
    let (needle, _) = crate::text::plain::search_key(query.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let (hay, map) = crate::text::plain::search_key(text);
    hay.match_indices(needle.as_str())
        .map(|(i, m)| (map[i], map[i + m.len()]))
        .collect()
}

pub(in crate::tui) fn step_match(app: &mut App, step: isize) {
    let Some(search) = app.reader.as_mut().and_then(|r| r.search.as_mut()) else {
        app.status.message = Some("no search yet: press / to search the article".into());
        return;
    };
    let n = search.matches.len() as isize;
    let next = search.current as isize + step;
    search.current = next.rem_euclid(n) as usize;
    show_current_match(app);
    say_wrapped(app, next, n);
}

/// Scrolls so the current match is in view, a third of the way down, and says which it is.
pub(in crate::tui) fn show_current_match(app: &mut App) {
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
    app.status.message = Some(message);
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
        // r̥ is found as a reader spells it, or as shown.
        let text = "kr̥pā";
        assert_eq!(find_plain(text, "kripa"), [(0, text.len())]);
        assert_eq!(find_plain(text, "kr̥pā"), [(0, text.len())]);
        // An anusvara shown as ṁ is found typed as n or m.
        assert_eq!(find_plain("saṁsad mēṁ", "sansad").len(), 1);
        assert_eq!(find_plain("saṁsad mēṁ", "samsad").len(), 1);
    }
}
