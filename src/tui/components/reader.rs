//! The reader pane: the open article's text, laid out for the pane, with names and
//! search matches marked; scrolling it and stepping through matches and mentions.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::action::{Action, Focus};
use crate::tui::app::App;
use crate::tui::config::theme::Theme;
use crate::tui::view::{pane_block, put_line, render_wrapped};

use crate::article::clean::display_path;
use crate::text::Row;
use crate::tui::panes::READER_PADDING;
use crate::tui::reader::{DATELINE_BLOCK, Reader, TITLE_BLOCK};

use super::Outcome;
use crate::tui::update::article::{scroll_by, select_entity_in_view, step_match, step_person};
use crate::tui::update::geometry::reader_height;

/// Takes what moves in the open article: scrolling, search matches, stepping through the
/// people it names; Esc ends a search in it.
pub fn handle(app: &mut App, action: Action) -> Outcome {
    match action {
        Action::ScrollBy(n) => scroll_by(app, n),
        Action::ScrollPage(n) => {
            let page = reader_height(app).saturating_sub(2).max(1) as isize;
            scroll_by(app, n * page);
        }
        Action::ScrollToTop => scroll_by(app, isize::MIN / 2),
        Action::ScrollToBottom => scroll_by(app, isize::MAX / 2),
        Action::NextMatch => step_match(app, 1),
        Action::PrevMatch => step_match(app, -1),
        Action::StepPerson(n) => step_person(app, n),
        Action::SelectEntityInView => select_entity_in_view(app),
        Action::ShowInText => {
            app.status.message = Some("o works in the sidebar: Tab to a name or an event".into());
        }
        Action::Close if app.reader.as_ref().is_some_and(|r| r.search.is_some()) => {
            if let Some(reader) = &mut app.reader {
                reader.search = None;
            }
        }
        other => return Outcome::Ignored(other),
    }
    Outcome::Consumed
}

pub(in crate::tui) fn render(app: &App, buf: &mut Buffer, area: Rect) {
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

pub(in crate::tui) fn padded(r: Rect) -> Rect {
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
