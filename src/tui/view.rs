//! Drawing: `render(&App, &mut Frame)` only reads the app. Article text arrives already
//! wrapped by `crate::text`, so every line fits its pane and no border is ever overwritten.

mod pages;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use std::borrow::Cow;

use crate::article::clean::{display_path, safe_line};
use crate::text::romanize::{Options as RomanOptions, has_devanagari, romanize};
use crate::text::width::{self, Advance};
use crate::text::{Row, cluster_width, str_width, truncate, wrap};
use crate::tui::config::theme::Theme;
use unicode_segmentation::UnicodeSegmentation;

use super::action::Focus;
use super::app::{App, Overlay, SearchScope};
use super::keymap::{KeyMode, help_rows, key_name};
use super::page::Page;
use super::panes::{LIST_ITEM_HEIGHT, TIMELINE_ITEM_HEIGHT};
use super::panes::{MIN_HEIGHT, MIN_WIDTH, Panes, READER_PADDING};
use super::reader::{DATELINE_BLOCK, Reader, SidebarRow, TITLE_BLOCK};
use crate::extract::Kind;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let panes = Panes::compute(area.width, area.height, app.focus, app.layout);
    let buf = frame.buffer_mut();
    if panes.too_small {
        let msg = format!("window too small: khabar needs {MIN_WIDTH}×{MIN_HEIGHT}");
        put_line(buf, area.x, area.y, area.width, Line::from(msg));
        return;
    }
    if let Some(r) = panes.list {
        render_list(app, buf, r);
    }
    if let Some(r) = panes.reader {
        render_reader(app, buf, r);
    }
    if let Some(r) = panes.sidebar {
        render_sidebar(app, buf, r);
    }
    if let (Some(r), Some(page)) = (panes.reader, &app.page) {
        pages::render_page(app, page, buf, r);
    }
    render_status(app, buf, panes.status);
    // Overlays take the reader's place (or the only pane shown), so they never cut across
    // another pane's border.
    let overlay_area = panes
        .reader
        .or(panes.list)
        .or(panes.sidebar)
        .unwrap_or(area);
    match app.overlay {
        Some(Overlay::Help { scroll }) => render_help(app, buf, overlay_area, scroll),
        Some(Overlay::Errors { scroll }) => render_errors(app, buf, overlay_area, scroll),
        None => {}
    }
    finish_frame(buf);
}

/// Makes a drawn frame safe to send: ZWJ left out of what is drawn, and the clusters made
/// safe for ratatui's diff in the way the terminal advances.
pub fn finish_frame(buf: &mut Buffer) {
    strip_zwj(buf);
    match width::advance() {
        Advance::Codepoint => seal_wide_clusters(buf),
        advance @ (Advance::Grapheme | Advance::LegacyGrapheme) => {
            super::clusters::encode(buf, advance)
        }
    }
}

/// Terminals disagree on ZWJ: tmux joins the next letter into the same cell, xterm does not.
/// It only picks a half-form glyph, so it is left out of what is drawn (the text keeps it;
/// the cluster's width is the same without it).
fn strip_zwj(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().contains('\u{200d}') {
            let plain = cell.symbol().replace('\u{200d}', "");
            cell.set_symbol(if plain.is_empty() { " " } else { &plain });
        }
    }
}

/// Makes the buffer safe for ratatui's diff with clusters up to 4 columns wide (the
/// code-point advance).
///
/// ratatui's diff assumes a wide symbol is at most 2 columns, and terminals keep a wide
/// Devanagari cluster as separate cells (one per spacing character), so writing over its
/// first column does not clear the rest. Marking a cluster's trailing cells as skipped keeps
/// the diff from writing blanks over the cluster's own columns; a cluster whose trailing
/// columns were drawn over (by an overlay's border, say) is blanked so it cannot hide them.
fn seal_wide_clusters(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let w = str_width(buf[(x, y)].symbol()) as u16;
            if w <= 1 {
                x += 1;
                continue;
            }
            let end = x.saturating_add(w);
            let covered = end > area.right() || (x + 1..end).any(|t| buf[(t, y)].symbol() != " ");
            if covered {
                buf[(x, y)].set_symbol(" ");
                x += 1;
                continue;
            }
            for t in x + 1..end {
                buf[(t, y)].set_skip(true);
            }
            x = end;
        }
    }
}

/// Text as the reader shows it: in Latin letters in the romanised view, else as written.
fn shown<'a>(app: &App, text: &'a str) -> Cow<'a, str> {
    if app.romanized && has_devanagari(text) {
        Cow::Owned(romanize(text, RomanOptions::default()))
    } else {
        Cow::Borrowed(text)
    }
}

/// Draws a line clipped to `width` columns, dropping whole clusters, never parts. Like
/// ratatui's `set_line`, with each cluster as wide as `crate::text::width` counts it in the
/// terminal's advance (ratatui counts by code point only).
fn put_line(buf: &mut Buffer, x: u16, y: u16, width: u16, line: Line<'_>) {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x < area.left() {
        return;
    }
    let right = x.saturating_add(width).min(area.right());
    let mut x = x;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for g in span.content.graphemes(true) {
            if g.contains(char::is_control) {
                continue;
            }
            let w = cluster_width(g) as u16;
            if w == 0 {
                continue;
            }
            if x.saturating_add(w) > right {
                return;
            }
            buf[(x, y)].set_symbol(g).set_style(style);
            for t in x + 1..x + w {
                buf[(t, y)].reset();
            }
            x += w;
        }
    }
}

fn pane_block(theme: &Theme, title: String, focused: bool) -> Block<'static> {
    let style = theme.pane_border(focused);
    Block::bordered()
        .border_style(style)
        .title(Span::styled(title, style))
}

fn render_list(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::List;
    let title = format!(" Articles ({}) ", app.order.len());
    let block = pane_block(&app.theme, title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.order.is_empty() {
        let msg = if app.loading.done {
            "No articles here. khabar reads .txt, .json and .jsonl files."
        } else {
            "Loading…"
        };
        render_wrapped(buf, inner, msg, theme.muted);
        return;
    }
    let visible = (inner.height as usize / LIST_ITEM_HEIGHT).max(1);
    for (slot, index) in (app.list.offset..app.order.len()).take(visible).enumerate() {
        let id = app.order[index];
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
                shown(app, &article.title),
                base.add_modifier(Modifier::BOLD),
            ),
        ])
        .style(base);
        let date = article.date.map(|d| d.display());
        let meta = [date.as_deref(), article.origin()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let meta_style = if selected { base } else { theme.muted };
        let second = Line::styled(format!("  {}", shown(app, &meta)), meta_style);
        put_item(buf, inner, y, base, title, second);
    }
}

/// A two-row list item at row `y` of `area`: both rows painted in the item's style, the
/// second row dropped when it falls below the area.
fn put_item(buf: &mut Buffer, area: Rect, y: u16, style: Style, first: Line<'_>, second: Line<'_>) {
    for (row, line) in [(y, first), (y + 1, second)] {
        if row < area.bottom() {
            buf.set_style(Rect::new(area.x, row, area.width, 1), style);
            put_line(buf, area.x, row, area.width, line);
        }
    }
}

fn render_reader(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Reader;
    let Some(reader) = &app.reader else {
        let block = pane_block(&app.theme, " Reader ".into(), focused);
        let inner = padded(block.inner(area));
        block.render(area, buf);
        let hint = if app.loading.done && app.order.is_empty() {
            format!(
                "Nothing to read in {}. Press E to see files that could not be read.",
                display_path(&app.root)
            )
        } else {
            "Choose an article with j/k and press Enter. Press ? for all keys.".to_string()
        };
        render_wrapped(buf, inner, &hint, theme.muted);
        return;
    };
    let rows = reader.layout.rows.len();
    let position = if rows == 0 {
        String::new()
    } else {
        let bottom = (reader.scroll + area.height.saturating_sub(2) as usize).min(rows);
        format!(" {}% ", bottom * 100 / rows)
    };
    let block = pane_block(&app.theme, " Reader ".into(), focused)
        .title_bottom(Line::styled(position, theme.muted).alignment(Alignment::Right));
    let inner = padded(block.inner(area));
    block.render(area, buf);
    for (i, row) in reader
        .layout
        .rows
        .iter()
        .skip(reader.scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        if let Row::Text { block, line } = row {
            let spans = row_spans(theme, reader, *block, line.start, line.end);
            put_line(
                buf,
                inner.x,
                inner.y + i as u16,
                inner.width,
                Line::from(spans),
            );
        }
    }
}

fn padded(r: Rect) -> Rect {
    Rect::new(
        r.x + READER_PADDING,
        r.y,
        r.width.saturating_sub(2 * READER_PADDING),
        r.height,
    )
}

/// One row of the reader as styled spans: the block's style, names tinted by kind, the
/// selected entity's mentions and search matches marked.
fn row_spans<'a>(
    theme: &Theme,
    reader: &'a Reader,
    block: usize,
    start: usize,
    end: usize,
) -> Vec<Span<'a>> {
    let text = reader.shown(block);
    let base = match block {
        TITLE_BLOCK => theme.title.add_modifier(Modifier::BOLD),
        DATELINE_BLOCK => theme.muted,
        _ => Style::new(),
    };
    // Marks in increasing priority: later ones win where they overlap.
    let mut marks: Vec<(usize, usize, Style)> = Vec::new();
    for (e, mentions) in reader.mentions.iter().enumerate() {
        let kind = reader.entities[e].kind;
        let selected = reader.entity == Some(e);
        for (m, &(b, s, t)) in mentions.iter().enumerate() {
            if b != block {
                continue;
            }
            // Offsets of the text as written, placed in the text as shown.
            let (s, t) = reader.shown_range(block, s, t);
            if t <= start || s >= end {
                continue;
            }
            let style = if selected && m == reader.mention {
                theme.kind_current(kind)
            } else if selected {
                theme.kind_selected(kind)
            } else {
                theme.kind(kind)
            };
            marks.push((s, t, style));
        }
    }
    marks.sort_by_key(|m| m.0);
    if let Some(e) = reader.event {
        let (b, s, t) = reader.timeline_spans[e];
        let (s, t) = reader.shown_range(b, s, t);
        if b == block && t > start && s < end {
            marks.push((s, t, theme.highlight));
        }
    }
    if let Some(search) = &reader.search {
        for (i, &(b, s, e)) in search.matches.iter().enumerate() {
            let (s, e) = reader.shown_range(b, s, e);
            if b == block && e > start && s < end {
                let style = if i == search.current {
                    theme.current_match
                } else {
                    theme.search_match
                };
                marks.push((s, e, style));
            }
        }
    }
    let mut cuts: Vec<usize> = vec![start, end];
    for &(s, e, _) in &marks {
        cuts.extend([s.clamp(start, end), e.clamp(start, end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let style = marks
            .iter()
            .filter(|&&(s, e, _)| s <= a && b <= e)
            .fold(base, |acc, &(_, _, st)| acc.patch(st));
        spans.push(Span::styled(text.get(a..b).unwrap_or(""), style));
    }
    spans
}

fn render_sidebar(app: &App, buf: &mut Buffer, area: Rect) {
    let top_h = area.height / 2;
    let top = Rect::new(area.x, area.y, area.width, top_h);
    let bottom = Rect::new(area.x, area.y + top_h, area.width, area.height - top_h);
    render_entities(app, buf, top);
    render_timeline(app, buf, bottom);
}

fn render_timeline(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Timeline;
    let count = app.reader.as_ref().map_or(0, |r| r.timeline.len());
    // Relative dates resolve against the article's date; say when its year is a guess.
    let inferred = app
        .reader
        .as_ref()
        .and_then(|r| app.articles[r.article].date)
        .is_some_and(|d| d.inferred);
    // Durations and frequencies are left out unless asked for: say how many, and the key.
    let hidden = app.reader.as_ref().map_or(0, |r| r.times_hidden());
    let more = if hidden > 0 {
        format!(" · t: {hidden} more")
    } else {
        String::new()
    };
    let title = if inferred {
        format!(" Timeline ({count}){more} · year inferred ")
    } else {
        format!(" Timeline ({count}){more} ")
    };
    let block = pane_block(&app.theme, title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(reader) = &app.reader else {
        render_wrapped(
            buf,
            inner,
            "Open an article to see the events it dates.",
            theme.muted,
        );
        return;
    };
    if reader.timeline.is_empty() {
        let msg = if app.extractor.is_some() {
            "No dated events found."
        } else {
            "Loading…"
        };
        render_wrapped(buf, inner, msg, theme.muted);
        return;
    }
    let visible = (inner.height as usize / TIMELINE_ITEM_HEIGHT).max(1);
    for (slot, i) in (reader.timeline_offset..reader.timeline.len())
        .take(visible)
        .enumerate()
    {
        let entry = &reader.timeline[i];
        let y = inner.y + (slot * TIMELINE_ITEM_HEIGHT) as u16;
        let selected = reader.event == Some(i);
        let style = theme.row(selected, focused);
        let when = crate::extract::time::display_value(entry);
        let when = shown(app, &when);
        let first = Line::styled(format!(" {when}"), style.add_modifier(Modifier::BOLD));
        let event_style = if selected { style } else { theme.muted };
        let second = Line::styled(format!("   {}", shown(app, &entry.event)), event_style);
        put_item(buf, inner, y, style, first, second);
    }
}

fn render_entities(app: &App, buf: &mut Buffer, top: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Entities;
    let count = app.reader.as_ref().map_or(0, |r| r.entities.len());
    let entities = pane_block(&app.theme, format!(" Entities ({count}) "), focused);
    let ei = entities.inner(top);
    entities.render(top, buf);
    let Some(reader) = &app.reader else {
        render_wrapped(
            buf,
            ei,
            "Open an article to see who and what it names.",
            theme.muted,
        );
        return;
    };
    if reader.entities.is_empty() {
        let msg = match (&app.extractor, &app.model_error) {
            (Some(_), _) => "No people, places or organisations found.",
            (None, Some(_)) => "The entity model could not be loaded.",
            (None, None) => "Loading the entity model…",
        };
        render_wrapped(buf, ei, msg, theme.muted);
        return;
    }
    let rows = reader.sidebar_rows();
    for (i, row) in rows
        .iter()
        .skip(reader.sidebar_offset)
        .take(ei.height as usize)
        .enumerate()
    {
        let y = ei.y + i as u16;
        match *row {
            SidebarRow::Heading(kind) => {
                let heading = match kind {
                    Kind::Person => "लोग · people",
                    Kind::Place => "स्थान · places",
                    Kind::Organization => "संगठन · organisations",
                };
                let style = theme.kind(kind).add_modifier(Modifier::BOLD);
                put_line(
                    buf,
                    ei.x,
                    y,
                    ei.width,
                    Line::styled(shown(app, heading), style),
                );
            }
            SidebarRow::Entity(e) => {
                let entity = &reader.entities[e];
                let count = match entity.mentions.len() {
                    0 => "dateline".to_string(),
                    n => n.to_string(),
                };
                let selected = reader.entity == Some(e);
                let style = theme.row(selected, focused);
                let count_w = str_width(&count) as u16 + 1;
                let name_w = ei.width.saturating_sub(count_w + 2);
                buf.set_style(Rect::new(ei.x, y, ei.width, 1), style);
                let name = shown(app, &entity.name);
                let name = truncate(&name, name_w as usize);
                put_line(
                    buf,
                    ei.x,
                    y,
                    name_w + 1,
                    Line::styled(format!(" {name}"), style),
                );
                if count_w < ei.width {
                    let count_style = if selected { style } else { theme.muted };
                    put_line(
                        buf,
                        ei.right() - count_w,
                        y,
                        count_w,
                        Line::styled(format!("{count} "), count_style),
                    );
                }
            }
        }
    }
}

/// Draws text wrapped to the area with the project's wrapper.
fn render_wrapped(buf: &mut Buffer, area: Rect, text: &str, style: Style) {
    for (i, line) in wrap(text, area.width as usize, width::advance())
        .iter()
        .take(area.height as usize)
        .enumerate()
    {
        put_line(
            buf,
            area.x,
            area.y + i as u16,
            area.width,
            Line::styled(&text[line.start..line.end], style),
        );
    }
}

/// The status line's right side: what the folder holds, and what the background is doing.
fn status_summary(app: &App) -> String {
    let articles = group_digits(app.order.len());
    let mut s = if !app.loading.done {
        format!(
            "loading… {} files · {articles} articles",
            group_digits(app.loading.files)
        )
    } else if let Some((done, total)) = app.indexing {
        format!(
            "indexing {} {}/{} · {articles} articles",
            progress_bar(done, total, 10),
            group_digits(done),
            group_digits(total)
        )
    } else if app.folder.is_none() && app.model_error.is_none() {
        format!("indexing… · {articles} articles")
    } else {
        format!("{articles} articles")
    };
    if !app.errors.is_empty() {
        s.push_str(&format!(
            " · {} unreadable (E)",
            group_digits(app.errors.len())
        ));
    }
    s
}

/// `n` with thin groups of three digits: 100000 → 100,000.
fn group_digits(n: usize) -> String {
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

fn render_status(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let right = status_summary(app);
    let right_w = str_width(&right) as u16;
    let left_w = area.width.saturating_sub(right_w + 1);
    let left: Line = if let Some(input) = &app.search_input {
        let prompt = match app.search_scope {
            SearchScope::Article => "/",
            SearchScope::Folder => "search folder: ",
        };
        Line::from(vec![
            Span::styled(prompt, theme.accent.add_modifier(Modifier::BOLD)),
            Span::raw(input.as_str()),
            Span::styled("▏", theme.accent),
            Span::styled("  Enter search · Esc cancel", theme.muted),
        ])
    } else if let Some(msg) = app.notice.as_ref().or(app.message.as_ref()) {
        // Messages can quote paths and errors: shown as every path is, on one line.
        Line::styled(safe_line(msg), theme.message)
    } else if matches!(app.page, Some(Page::Directory(_))) && app.focus == Focus::Reader {
        Line::styled(
            "type to filter · ↑↓ move · Enter open · Backspace delete/back · Esc clear/close",
            theme.muted,
        )
    } else if app.page.is_some() && app.focus == Focus::Reader {
        use super::keymap::Command as C;
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
        use super::keymap::Command as C;
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
fn key_hints(app: &App, mode: KeyMode, commands: &[(super::keymap::Command, &str)]) -> String {
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

/// An overlay's box over `area`, cleared, with its inner area.
fn overlay_box(theme: &Theme, buf: &mut Buffer, area: Rect, title: String) -> Rect {
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(
            title,
            theme.accent.add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Line::styled(" Esc close ", theme.muted).alignment(Alignment::Right));
    let inner = padded(block.inner(area));
    block.render(area, buf);
    inner
}

fn render_help(app: &App, buf: &mut Buffer, area: Rect, scroll: usize) {
    let theme = &app.theme;
    // Each mode's keys under its heading; the Normal keys come first, without one.
    let mut rows: Vec<(String, &'static str, bool)> = Vec::new();
    for (mode, heading) in KeyMode::SECTIONS {
        if !heading.is_empty() {
            rows.push((String::new(), "", false));
            rows.push((String::new(), heading, true));
        }
        rows.extend(
            help_rows(&app.bindings, mode)
                .into_iter()
                .map(|(k, h)| (k, h, false)),
        );
        if mode == KeyMode::Normal {
            rows.push((
                "wheel, click".into(),
                "scroll the pane under the pointer; open an article",
                false,
            ));
        }
    }
    let inner = overlay_box(theme, buf, area, " Keys ".into());
    let key_w = rows
        .iter()
        .map(|(k, _, _)| str_width(k))
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 2);
    let help_w = (inner.width as usize).saturating_sub(key_w + 2).max(1);
    let mut y = inner.y;
    for (keys, help, heading) in rows.iter().skip(scroll) {
        if *heading {
            if y >= inner.bottom() {
                return;
            }
            let style = theme.accent.add_modifier(Modifier::BOLD);
            let text = truncate(help, inner.width as usize);
            put_line(buf, inner.x, y, inner.width, Line::styled(text, style));
            y += 1;
            continue;
        }
        let keys = truncate(keys, key_w);
        let wrapped = wrap(help, help_w, width::advance());
        for i in 0..wrapped.len().max(1) {
            if y >= inner.bottom() {
                return;
            }
            let text = wrapped.get(i).map_or("", |l| &help[l.start..l.end]);
            let key_cell = if i == 0 { keys } else { "" };
            let pad = " ".repeat(key_w - str_width(key_cell) + 2);
            let line = Line::from(vec![
                Span::styled(key_cell, theme.accent.add_modifier(Modifier::BOLD)),
                Span::raw(pad),
                Span::raw(text),
            ]);
            put_line(buf, inner.x, y, inner.width, line);
            y += 1;
        }
    }
}

fn render_errors(app: &App, buf: &mut Buffer, area: Rect, scroll: usize) {
    let theme = &app.theme;
    let title = match app.warnings.len() {
        0 => format!(" Files that could not be read ({}) ", app.errors.len()),
        n => format!(
            " Files that could not be read ({}) · warnings ({n}) ",
            app.errors.len()
        ),
    };
    let inner = overlay_box(theme, buf, area, title);
    if app.errors.is_empty() && app.warnings.is_empty() {
        render_wrapped(buf, inner, "Every file was read.", theme.muted);
        return;
    }
    let mut y = inner.y;
    // Warnings first (few, and about khabar's own files), then each file.
    let warnings = app
        .warnings
        .iter()
        .map(|w| format!("warning: {}", safe_line(w)));
    let files = app.errors.iter().map(|error| {
        let path = app.display_path(&error.path);
        format!("{path}: {}", safe_line(&error.kind.to_string()))
    });
    for text in warnings.chain(files).skip(scroll) {
        for line in wrap(&text, inner.width as usize, width::advance()) {
            if y >= inner.bottom() {
                return;
            }
            put_line(
                buf,
                inner.x,
                y,
                inner.width,
                Line::raw(&text[line.start..line.end]),
            );
            y += 1;
        }
    }
}

#[cfg(test)]
mod seal_tests {
    use super::*;

    #[test]
    fn zwj_never_reaches_the_terminal_and_wide_clusters_are_sealed() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        buf.set_string(0, 0, "इन्\u{200d}सफेक्\u{200d}शन स्त्री", Style::new());
        let before: Vec<usize> = (0..20).map(|x| str_width(buf[(x, 0)].symbol())).collect();
        finish_frame(&mut buf);
        for x in 0..20u16 {
            assert!(!buf[(x, 0)].symbol().contains('\u{200d}'));
            assert_eq!(
                str_width(buf[(x, 0)].symbol()),
                before[x as usize],
                "column {x}"
            );
        }
        // स्त्री is 4 columns: its 3 trailing cells are skipped by the diff.
        let at = (0..20u16)
            .find(|&x| buf[(x, 0)].symbol() == "स्त्री")
            .expect("स्त्री");
        assert!((at + 1..at + 4).all(|x| buf[(x, 0)].skip));
    }
}

#[cfg(test)]
mod path_tests {
    use super::*;
    use crate::article::{LoadError, LoadErrorKind};
    use crate::tui::app::App;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn screen(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(140, 20)).expect("terminal");
        terminal.draw(|f| render(app, f)).expect("drawn");
        let buf = terminal.backend().buffer();
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[cfg(unix)]
    #[test]
    fn the_errors_list_and_the_status_line_show_paths_as_extract_prints_them() {
        use std::os::unix::ffi::OsStrExt;
        let root = std::path::PathBuf::from("/news");
        let mut app = App::new(root.clone(), Default::default());
        let name = std::ffi::OsStr::from_bytes(b"a_\xff\x1b]2;T\x07.txt");
        app.errors
            .push(LoadError::new(&root.join(name), LoadErrorKind::Empty));
        app.overlay = Some(Overlay::Errors { scroll: 0 });
        app.message = Some(format!("cannot open: {}", app.errors[0]));
        let shown = screen(&app);
        assert!(
            shown.contains("a_\\xFF\\x1B]2;T\\x07.txt: empty file"),
            "{shown}"
        );
        assert!(
            shown.contains("cannot open: /news/a_\\xFF\\x1B]2;T\\x07.txt: empty file"),
            "{shown}"
        );
    }
}
