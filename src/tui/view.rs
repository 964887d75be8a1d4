//! Drawing: `render(&App, &mut Frame)` only reads the app. Each part of the screen draws
//! itself ([`super::components`]); this module places them, holds the drawing primitives they
//! share, and makes the finished frame safe for the terminal. Article text arrives already
//! wrapped by `crate::text`, so every line fits its pane and no border is ever overwritten.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use std::borrow::Cow;

use crate::text::romanize::{Options as RomanOptions, has_devanagari, romanize};
use crate::text::width::{self, Advance};
use crate::text::{cluster_width, str_width, wrap};
use crate::tui::config::theme::Theme;
use unicode_segmentation::UnicodeSegmentation;

use super::app::App;
use super::components;
use super::panes::{MIN_HEIGHT, MIN_WIDTH, Panes};

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
        components::list::render(app, buf, r);
    }
    if let Some(r) = panes.reader {
        components::reader::render(app, buf, r);
    }
    if let Some(r) = panes.sidebar {
        components::sidebar::render(app, buf, r);
    }
    if let (Some(r), Some(page)) = (panes.reader, &app.pages.page) {
        components::pages::render(app, page, buf, r);
    }
    components::status::render(app, buf, panes.status);
    // Overlays take the reader's place (or the only pane shown), so they never cut across
    // another pane's border.
    let overlay_area = panes
        .reader
        .or(panes.list)
        .or(panes.sidebar)
        .unwrap_or(area);
    components::overlay::render(app, buf, overlay_area);
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
pub(in crate::tui) fn shown<'a>(app: &App, text: &'a str) -> Cow<'a, str> {
    if app.romanized && has_devanagari(text) {
        Cow::Owned(romanize(text, RomanOptions::default()))
    } else {
        Cow::Borrowed(text)
    }
}

/// Draws a line clipped to `width` columns, dropping whole clusters, never parts. Like
/// ratatui's `set_line`, with each cluster as wide as `crate::text::width` counts it in the
/// terminal's advance (ratatui counts by code point only).
pub(in crate::tui) fn put_line(buf: &mut Buffer, x: u16, y: u16, width: u16, line: Line<'_>) {
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

pub(in crate::tui) fn pane_block(theme: &Theme, title: String, focused: bool) -> Block<'static> {
    let style = theme.pane_border(focused);
    Block::bordered()
        .border_style(style)
        .title(Span::styled(title, style))
}

/// A two-row list item at row `y` of `area`: both rows painted in the item's style, the
/// second row dropped when it falls below the area.
pub(in crate::tui) fn put_item(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    style: Style,
    first: Line<'_>,
    second: Line<'_>,
) {
    for (row, line) in [(y, first), (y + 1, second)] {
        if row < area.bottom() {
            buf.set_style(Rect::new(area.x, row, area.width, 1), style);
            put_line(buf, area.x, row, area.width, line);
        }
    }
}

/// Draws text wrapped to the area with the project's wrapper.
pub(in crate::tui) fn render_wrapped(buf: &mut Buffer, area: Rect, text: &str, style: Style) {
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
    use crate::tui::components::overlay::Overlay;
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
        app.status.message = Some(format!("cannot open: {}", app.errors[0]));
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
