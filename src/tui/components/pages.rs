//! Pages in the reader pane's place — a name's page, the directory, folder search, the folder
//! timeline — and the history of views: what is shown, moving over its rows, the directory's
//! filter, and drawing it row by row as [`crate::tui::page::lines`] lays it out, with the
//! selected item marked. What a page is made of is [`crate::tui::page`]; going from view to
//! view is `crate::tui::update::navigate`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::extract::Kind;
use crate::text::romanize::{Options as RomanOptions, romanize_mapped};
use crate::text::{str_width, truncate};
use crate::tui::action::Focus;
use crate::tui::app::App;
use crate::tui::config::theme::Theme;
use crate::tui::page::{self, Folder, LineKind, Page};

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::Outcome;
use super::reader::padded;
use super::status::{counted, group_digits};
use crate::library::histogram::Histogram;
use crate::tui::action::Action;
use crate::tui::app::View;
use crate::tui::history::History;
use crate::tui::page::{PageRows, Sentence};
use crate::tui::update::navigate::{
    close_page, filter_backspace, filter_type, move_in_page, next_companion_kind, toggle_copies,
};
use crate::tui::view::{pane_block, put_line, render_wrapped};

/// The page shown in the reader pane's place and what it needs.
#[derive(Debug, Default)]
pub struct Pages {
    /// The page shown, if any; the open article stays beneath it.
    pub page: Option<Page>,
    /// The views before and after the current one.
    pub history: History<View>,
    /// The shown page's rows, kept current by `update` (shared so that moving the selection
    /// can read them while it changes the page).
    pub rows: Arc<PageRows>,
    /// The sentences around mentions shown on the open entity page, by (article id, mention
    /// start), read from the articles' files as rows come into view.
    pub sentences: HashMap<(usize, usize), Sentence>,
    /// The sentences asked for and not yet read.
    pub sentences_asked: HashSet<(usize, usize)>,
}

/// While a page has the focus: movement keys move its selection, typing filters the
/// directory, and Esc clears the filter or leaves the page.
pub fn handle(app: &mut App, action: Action) -> Outcome {
    if move_in_page(app, &action) {
        return Outcome::Consumed;
    }
    match action {
        Action::FilterType(c) => filter_type(app, c),
        Action::FilterBackspace => filter_backspace(app),
        Action::ToggleCopies => toggle_copies(app),
        Action::Close => close_page(app),
        Action::NextCompanionKind => next_companion_kind(app),
        other => return Outcome::Ignored(other),
    }
    Outcome::Consumed
}

/// A kind as a page names it.
pub(super) fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "व्यक्ति · person",
        Kind::Place => "स्थान · place",
        Kind::Organization => "संगठन · organisation",
    }
}

/// A kind's heading in the directory.
fn kind_heading(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "लोग · people",
        Kind::Place => "स्थान · places",
        Kind::Organization => "संगठन · organisations",
    }
}

pub(in crate::tui) fn render(app: &App, page: &Page, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Reader;
    Clear.render(area, buf);
    let title = match page {
        Page::Entity(_) => " Entity ".to_string(),
        Page::Directory(_) => {
            let n = app.folder.as_ref().map_or(0, |f| f.library.entities.len());
            format!(" People, places, organisations ({n}) ")
        }
        Page::Search(p) => format!(" Search ({}) ", p.articles()),
        Page::Timeline(p) => {
            let n = app
                .folder
                .as_ref()
                .map_or(0, |f| f.timeline_events(p.entity).len());
            let name = p
                .entity
                .and_then(|e| app.folder.as_ref()?.library.entity(e))
                .map(|e| format!(" of {}", crate::tui::view::shown(app, &e.name)))
                .unwrap_or_default();
            format!(" Timeline{name} ({n}) ")
        }
    };
    // Where the selection is in a long page: "12 of 620".
    let items = match page {
        Page::Timeline(p) => app
            .folder
            .as_ref()
            .map_or(0, |f| f.timeline_events(p.entity).len()),
        Page::Entity(_) | Page::Directory(_) | Page::Search(_) => app.pages.rows.items.len(),
    };
    // Search results load as the selection nears their end: say the count is of those.
    let loaded = match page {
        Page::Search(p) if p.more() => " loaded",
        _ => "",
    };
    let position = if items > 0 {
        format!(" {} of {items}{loaded} ", (page.selected() + 1).min(items))
    } else {
        String::new()
    };
    let block = pane_block(&app.theme, title, focused)
        .title_bottom(Line::styled(position, theme.muted))
        .title_bottom(Line::styled(" Backspace back ", theme.muted).alignment(Alignment::Right));
    let inner = padded(block.inner(area));
    block.render(area, buf);
    // Search results do not need the library; everything else does.
    let empty = Folder::default();
    let folder = match (&app.folder, page) {
        (Some(folder), _) => folder,
        (None, Page::Search(_)) => &empty,
        (None, _) => {
            render_wrapped(buf, inner, "Indexing the folder…", theme.muted);
            return;
        }
    };
    if let Page::Timeline(p) = page {
        render_timeline(app, folder, page, *p, buf, inner);
        return;
    }
    // Laid out by `update` for this page; drawn from nothing if they are somehow not.
    let fresh =
        app.pages.rows.key.as_ref() == Some(&page::RowsKey::of(page, app.folder_generation));
    let made;
    let (lines, items) = if fresh {
        (&app.pages.rows.lines, &app.pages.rows.items)
    } else {
        made = page::lines(folder, page);
        (&made.0, &made.1)
    };
    let rows = Rows {
        app,
        folder,
        page,
        items: items.len(),
        width: inner.width as usize,
        chart: fresh.then_some(app.pages.rows.chart.as_ref()).flatten(),
    };
    for (i, line) in lines
        .iter()
        .skip(page.offset())
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + i as u16;
        let row = Rect::new(inner.x, y, inner.width, 1);
        let selected = line.item.is_some_and(|it| it == page.selected());
        rows.draw(buf, row, line.kind, selected, focused);
    }
}

/// The folder timeline: drawn by event (two rows each) rather than from a list of lines,
/// since a large folder has a million of them.
fn render_timeline(
    app: &App,
    folder: &Folder,
    page: &Page,
    p: page::TimelinePage,
    buf: &mut Buffer,
    inner: Rect,
) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Reader;
    let events = folder.timeline_events(p.entity);
    let rows = Rows {
        app,
        folder,
        page,
        items: events.len(),
        width: inner.width as usize,
        chart: folder.dated_chart.as_ref(),
    };
    for i in 0..inner.height as usize {
        let r = p.offset + i;
        let row = Rect::new(inner.x, inner.y + i as u16, inner.width, 1);
        let header = page::timeline_header_rows(folder, p.entity);
        if r < header {
            if let Some(kind) = page::timeline_header_row(folder, p.entity, r) {
                rows.draw(buf, row, kind, false, focused);
            } else if r == 0 {
                let text = if events.is_empty() && p.entity.is_some() {
                    "No dated events name it (undated articles give none).".to_string()
                } else if events.is_empty() {
                    "No dated events here.".to_string()
                } else if p.entity.is_some() {
                    format!(
                        "{} naming it, oldest first (T: the whole folder's)",
                        counted(events.len(), "dated event")
                    )
                } else {
                    format!(
                        "{} of {}, oldest first (g top, G latest)",
                        counted(events.len(), "dated event"),
                        counted(folder.library.articles.len(), "article")
                    )
                };
                draw_row(
                    theme,
                    buf,
                    row,
                    Line::styled(text, theme.muted),
                    String::new(),
                    theme.muted,
                );
            }
            continue;
        }
        let item = (r - header) / 2;
        let Some(&event) = events.get(item) else {
            break;
        };
        let kind = if (r - header).is_multiple_of(2) {
            LineKind::EventDate(event)
        } else {
            LineKind::EventText(event)
        };
        rows.draw(buf, row, kind, item == p.selected, focused);
    }
}

/// What a row shows, for one page.
struct Rows<'a> {
    app: &'a App,
    folder: &'a Folder,
    page: &'a Page,
    /// Selectable items on the page.
    items: usize,
    width: usize,
    /// The page's chart, if it has one.
    chart: Option<&'a Histogram>,
}

impl Rows<'_> {
    /// Draws the row of `kind` in `row`, highlighted when selected.
    fn draw(&self, buf: &mut Buffer, row: Rect, kind: LineKind, selected: bool, focused: bool) {
        let theme = &self.app.theme;
        let style = theme.row(selected, focused);
        if selected {
            buf.set_style(row, style);
        }
        let (left, right) = self.row(kind, selected, style);
        let right_style = if selected { style } else { theme.muted };
        draw_row(theme, buf, row, left, right, right_style);
    }

    /// An article's date as a row shows it, or nothing.
    fn date_of(&self, article: usize) -> String {
        self.app
            .articles
            .get(article)
            .and_then(|a| a.date)
            .map(|d| d.display())
            .unwrap_or_default()
    }

    /// Text as the reader shows it (in Latin letters in the romanised view).
    fn shown(&self, text: &str) -> String {
        crate::tui::view::shown(self.app, text).into_owned()
    }

    /// A search result's sentence as the reader shows it, its matches moved with it.
    fn hit_text(&self, hit: &page::SearchHit) -> (String, Vec<(usize, usize)>) {
        if !self.app.romanized {
            return (hit.sentence.clone(), hit.highlights.clone());
        }
        let roman = romanize_mapped(&hit.sentence, RomanOptions::default());
        let highlights = hit
            .highlights
            .iter()
            .map(|&(s, e)| {
                let r = roman.range(s..e);
                (r.start, r.end)
            })
            .collect();
        (roman.into_string(), highlights)
    }

    /// A sentence as the reader shows it, its mention moved with it.
    fn sentence(&self, s: &crate::tui::page::Sentence) -> crate::tui::page::Sentence {
        if !self.app.romanized {
            return s.clone();
        }
        let roman = romanize_mapped(&s.text, RomanOptions::default());
        let range = roman.range(s.start..s.end);
        crate::tui::page::Sentence {
            text: roman.into_string(),
            start: range.start,
            end: range.end,
        }
    }

    /// A row's text: a styled left part, and a dim right-aligned part.
    fn row(&self, kind: LineKind, selected: bool, style: Style) -> (Line<'static>, String) {
        let theme = &self.app.theme;
        let library = &self.folder.library;
        let entity = match self.page {
            Page::Entity(p) => library.entity(p.entity),
            Page::Directory(_) | Page::Search(_) | Page::Timeline(_) => None,
        };
        let search = match self.page {
            Page::Search(p) => Some(p),
            _ => None,
        };
        // A story's row shows its best article.
        let best = |g: usize| search?.hit_of(page::Item::Hit(g));
        let dim = if selected { style } else { theme.muted };
        let bold = Style::new().add_modifier(Modifier::BOLD).patch(style);
        let plain = |s: String, st: Style| (Line::styled(s, st), String::new());
        match kind {
            LineKind::Blank => plain(String::new(), Style::new()),
            LineKind::ChartBars(_) | LineKind::ChartAxis | LineKind::ChartNote => {
                let noun = match self.page {
                    Page::Timeline(_) => "dated event",
                    _ => "article",
                };
                match self.chart {
                    Some(h) => (chart_row(theme, h, kind, self.width, noun), String::new()),
                    None => plain(String::new(), Style::new()),
                }
            }
            LineKind::Name => match entity {
                Some(e) => (
                    Line::from(vec![
                        Span::styled(
                            self.shown(&e.name),
                            theme.kind(e.kind).add_modifier(Modifier::BOLD),
                        ),
                        Span::styled(format!("  {}", self.shown(kind_name(e.kind))), theme.muted),
                    ]),
                    String::new(),
                ),
                None => plain(String::new(), Style::new()),
            },
            LineKind::Aliases => {
                let aliases = entity.map(|e| e.aliases.join(", ")).unwrap_or_default();
                let aliases = self.shown(&aliases);
                plain(format!("also: {aliases}"), theme.muted)
            }
            LineKind::Summary => {
                let (a, m) = entity.map_or((0, 0), |e| (e.occurrences.len(), e.mentions));
                plain(
                    format!("{} · {}", counted(a, "article"), counted(m, "mention")),
                    theme.muted,
                )
            }
            LineKind::Heading(label, n) => plain(
                // "appears with (52) (K: one kind)": the count before the hint.
                match label.split_once(" (") {
                    Some((head, hint)) => format!("{head} ({n}) ({hint}"),
                    None => format!("{label} ({n})"),
                },
                theme.accent.add_modifier(Modifier::BOLD),
            ),
            LineKind::ArticleTitle(o) => {
                let article = entity
                    .and_then(|e| e.occurrences.get(o))
                    .and_then(|occ| self.folder.article_id(occ.article))
                    .and_then(|id| self.app.articles.get(id));
                match article {
                    Some(a) => (
                        Line::styled(format!(" {}", self.shown(&a.title)), bold),
                        a.date.map(|d| d.display()).unwrap_or_default(),
                    ),
                    None => plain(String::new(), style),
                }
            }
            LineKind::ArticleSnippet(o) => {
                let occ = entity.and_then(|e| e.occurrences.get(o));
                let id = occ.and_then(|occ| self.folder.article_id(occ.article));
                let first = entity.zip(occ).and_then(|(e, o)| e.mentions_of(o).first());
                let text = match (id, first) {
                    (Some(id), Some(m)) => match self.app.pages.sentences.get(&(id, m.start())) {
                        Some(s) => page::snippet(&self.sentence(s), self.width.saturating_sub(3)),
                        None => "…".to_string(),
                    },
                    (Some(_), None) => "named in the dateline".to_string(),
                    _ => String::new(),
                };
                plain(format!("   {text}"), dim)
            }
            LineKind::ArticleJoin(o) => {
                let joined = entity.and_then(|e| e.joined_by(o));
                let text = match joined {
                    Some((form, why)) => format!(
                        "   as {} — {}",
                        self.shown(form),
                        self.shown(&why.to_string())
                    ),
                    None => String::new(),
                };
                plain(text, dim)
            }
            LineKind::Companion(other, n) => {
                let Some(e) = library.entity(other) else {
                    return plain(String::new(), style);
                };
                let name_style = if selected { style } else { theme.kind(e.kind) };
                (
                    Line::styled(format!(" {}", self.shown(&e.name)), name_style),
                    format!("{n} together"),
                )
            }
            LineKind::EventDate(i) => match library.event(i).zip(library.entry(i)) {
                Some((ev, entry)) => {
                    let title = library
                        .article(ev.article)
                        .map(|a| self.shown(&a.title))
                        .unwrap_or_default();
                    (
                        Line::from(vec![
                            Span::styled(
                                format!(
                                    " {}",
                                    self.shown(&crate::extract::time::display_value(&entry))
                                ),
                                bold,
                            ),
                            Span::styled(format!("  {title}"), dim),
                        ]),
                        String::new(),
                    )
                }
                None => plain(String::new(), style),
            },
            LineKind::EventText(i) => {
                let text = library
                    .event(i)
                    .map(|ev| self.shown(library.line(ev)))
                    .unwrap_or_default();
                plain(format!("   {text}"), dim)
            }
            LineKind::Filter => {
                let filter = match self.page {
                    Page::Directory(d) => d.filter.as_str(),
                    _ => "",
                };
                let hint = if filter.is_empty() {
                    Span::styled("  type a name to filter", theme.muted)
                } else {
                    Span::raw("")
                };
                (
                    Line::from(vec![
                        Span::styled("filter: ", theme.accent),
                        Span::raw(filter.to_string()),
                        Span::styled("▏", theme.accent),
                        hint,
                    ]),
                    format!("{} of {}", self.items, library.entities.len()),
                )
            }
            LineKind::KindHeading(kind) => (
                Line::styled(
                    self.shown(kind_heading(kind)),
                    theme.kind(kind).add_modifier(Modifier::BOLD),
                ),
                // The directory's narrow rows give bare numbers: say what they count.
                if matches!(self.page, Page::Directory(_)) && self.width < 70 {
                    "articles · mentions".to_string()
                } else {
                    String::new()
                },
            ),
            LineKind::Entry(i) => {
                let Some(e) = library.entity(i) else {
                    return plain(String::new(), style);
                };
                let counts = if self.width >= 70 {
                    format!(
                        "{} · {}",
                        counted(e.occurrences.len(), "article"),
                        counted(e.mentions, "mention")
                    )
                } else {
                    format!("{} · {}", e.occurrences.len(), e.mentions)
                };
                (
                    Line::styled(format!(" {}", self.shown(&e.name)), style),
                    counts,
                )
            }
            LineKind::Note(text) => plain(text.to_string(), theme.muted),
            LineKind::SearchSummary => {
                let query = search.map_or("", |p| p.query.as_str());
                (
                    Line::from(vec![
                        Span::styled("s ", theme.accent.add_modifier(Modifier::BOLD)),
                        Span::raw(query.to_string()),
                    ]),
                    String::new(),
                )
            }
            LineKind::SearchCounts => {
                let counts = search.map(search_counts).unwrap_or_default();
                plain(counts, theme.muted)
            }
            LineKind::HitTitle(g) => {
                let Some(hit) = best(g) else {
                    return plain(String::new(), style);
                };
                let date = self.date_of(hit.article);
                let copies = search
                    .and_then(|p| p.groups.get(g))
                    .map_or(0, |m| m.len().saturating_sub(1));
                let right = match copies {
                    0 => date,
                    n if self.width < 60 => format!("+{n}"),
                    1 => format!("+1 copy · {date}"),
                    n => format!("+{n} copies · {date}"),
                };
                (
                    Line::styled(format!(" {}", self.shown(&hit.title)), bold),
                    right.trim_end_matches(" · ").to_string(),
                )
            }
            LineKind::HitCopy(g, k) => {
                let Some(hit) = search.and_then(|p| p.hit_of(page::Item::Copy(g, k))) else {
                    return plain(String::new(), style);
                };
                let article = self.app.articles.get(hit.article);
                let file = article
                    .map(|a| crate::article::clean::display_path(&a.path))
                    .unwrap_or_default();
                let source = article.and_then(|a| a.source.as_deref());
                let text = match source {
                    Some(source) => format!("   ↳ copy: {} · {file}", self.shown(source)),
                    None => format!("   ↳ copy: {file}"),
                };
                (Line::styled(text, dim), self.date_of(hit.article))
            }
            LineKind::HitSentence(g) => {
                let Some(hit) = best(g) else {
                    return plain(String::new(), style);
                };
                let (sentence, highlights) = self.hit_text(hit);
                let mark = theme.accent.add_modifier(Modifier::BOLD).patch(style);
                // Start the line near the first match, so the match is in view.
                let first = highlights.first().map_or(0, |h| h.0);
                let from = sentence
                    .get(..first)
                    .filter(|before| str_width(before) > self.width / 3)
                    .and_then(|before| {
                        before
                            .char_indices()
                            .filter(|&(_, c)| c == ' ')
                            .map(|(i, _)| i + 1)
                            .find(|&i| str_width(&before[i..]) <= self.width / 3)
                    })
                    .unwrap_or(0);
                let lead = if from > 0 { "   …" } else { "   " };
                let mut spans = vec![Span::styled(lead, dim)];
                let mut at = from;
                for &(s, e) in highlights.iter().filter(|h| h.0 >= from) {
                    let (Some(before), Some(word)) = (sentence.get(at..s), sentence.get(s..e))
                    else {
                        continue;
                    };
                    spans.push(Span::styled(before.to_string(), dim));
                    spans.push(Span::styled(word.to_string(), mark));
                    at = e;
                }
                spans.push(Span::styled(
                    sentence.get(at..).unwrap_or("").to_string(),
                    dim,
                ));
                (Line::from(spans), String::new())
            }
        }
    }
}

/// How many articles a search found, how many of them are loaded while more are to
/// come, and in how many stories when copies were grouped: "50 of 893 articles · 31
/// stories", "893 articles".
pub(in crate::tui) fn search_counts(p: &page::SearchPage) -> String {
    let mut out = if p.more() {
        format!(
            "{} of {}",
            group_digits(p.hits.len()),
            counted(p.articles(), "article")
        )
    } else {
        counted(p.articles(), "article")
    };
    if p.groups.len() < p.hits.len() {
        let stories = match p.groups.len() {
            1 => "1 story".to_string(),
            n => format!("{} stories", group_digits(n)),
        };
        out.push_str(&format!(" · {stories}"));
    }
    if p.asking.is_some() {
        out.push_str(" · loading more…");
    }
    out
}

/// One row of a chart of `h`, `width` columns wide: a band of the bars (each period's
/// count in eighths of a cell, [`page::CHART_ROWS`] cells high, the busiest in the accent
/// colour), the axis under them with the first and last periods and the busiest marked, or
/// the busiest period in words.
fn chart_row(
    theme: &Theme,
    h: &Histogram,
    kind: LineKind,
    width: usize,
    noun: &str,
) -> Line<'static> {
    const EIGHTHS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let width = width.saturating_sub(1).max(1);
    let (bars, bar_of) = h.bars(width);
    let busiest = h.busiest().map(|(i, _)| bar_of(i));
    let max = bars.iter().copied().max().unwrap_or(0).max(1);
    // Bars as wide as fits, up to three columns, so a few periods are not three hairlines.
    let bar_w = (width / bars.len().max(1)).clamp(1, 3);
    let levels = (page::CHART_ROWS * 8) as u64;
    match kind {
        LineKind::ChartBars(row) => {
            let below = ((page::CHART_ROWS - 1 - row) * 8) as u64;
            let spans: Vec<Span<'static>> = bars
                .iter()
                .enumerate()
                .map(|(b, &n)| {
                    // Any count shows at least an eighth.
                    let level = if n == 0 {
                        0
                    } else {
                        (n * levels).div_ceil(max)
                    };
                    let part = level.saturating_sub(below).min(8) as usize;
                    let style = if Some(b) == busiest {
                        theme.accent
                    } else {
                        theme.muted
                    };
                    Span::styled(EIGHTHS[part].to_string().repeat(bar_w), style)
                })
                .collect();
            Line::from(spans)
        }
        LineKind::ChartAxis => {
            // The bars' columns, and room to the row's end for the labels.
            let cols = bars.len() * bar_w;
            let mut axis: Vec<char> = vec![' '; width];
            let mark = busiest.map(|b| b * bar_w);
            // A label keeps a column's gap from the mark, or is left out.
            let free = |from: usize, len: usize| {
                from + len <= width && mark.is_none_or(|m| m + 1 < from || m > from + len)
            };
            let mut put = |from: usize, label: &str| {
                for (i, c) in label.chars().enumerate() {
                    axis[from + i] = c;
                }
            };
            // The first period's label starts under the first bar, or after the mark on it.
            let first = h.label(0);
            let first_len = first.chars().count();
            let start = if mark == Some(0) { 2 } else { 0 };
            let mut used = 0;
            if free(start, first_len) {
                put(start, &first);
                used = start + first_len;
            }
            // The last ends under the last bar when it fits there, else is left out.
            let last = h.label(h.counts.len().saturating_sub(1));
            let last_len = last.chars().count();
            if h.counts.len() > 1
                && cols >= last_len
                && cols - last_len > used + 1
                && free(cols - last_len, last_len)
            {
                put(cols - last_len, &last);
            }
            if let Some(m) = mark {
                axis[m] = '▲';
            }
            let text: String = axis.into_iter().collect();
            Line::styled(text.trim_end().to_string(), theme.muted)
        }
        _ => {
            // Outliers left off the chart are said, not lost; the fullest wording that fits.
            let left_out = match h.left_out {
                (0, 0) => String::new(),
                (before, 0) => format!("{before} earlier not drawn"),
                (0, after) => format!("{after} later not drawn"),
                (before, after) => format!("{before} earlier, {after} later not drawn"),
            };
            let text = match h.busiest() {
                Some((i, n)) => {
                    let busiest =
                        format!("▲ busiest: {} — {}", h.label(i), counted(n as usize, noun));
                    let per = format!(" (per {})", h.unit());
                    let candidates = if left_out.is_empty() {
                        vec![format!("{busiest}{per}")]
                    } else {
                        let (before, after) = h.left_out;
                        vec![
                            format!("{busiest}{per} · {left_out}"),
                            format!("{busiest} · {left_out}"),
                            format!("{busiest} · {} off chart", before + after),
                            format!("{busiest}{per}"),
                        ]
                    };
                    let last = candidates.last().cloned().unwrap_or_default();
                    candidates
                        .into_iter()
                        .find(|t| crate::text::str_width(t) <= width)
                        .unwrap_or(last)
                }
                None => String::new(),
            };
            Line::styled(text, theme.muted)
        }
    }
}

/// Draws a row: the right part at the right edge (when there is room), the left part
/// truncated by whole clusters to the columns left of it.
fn draw_row(
    theme: &Theme,
    buf: &mut Buffer,
    row: Rect,
    left: Line<'_>,
    right: String,
    right_style: Style,
) {
    let right_w = if right.is_empty() {
        0
    } else {
        str_width(&right) as u16 + 1
    };
    let right_w = if right_w * 2 > row.width { 0 } else { right_w };
    let left_w = row.width - right_w;
    let left = fit(theme, left, left_w as usize);
    put_line(buf, row.x, row.y, left_w, left);
    if right_w > 0 {
        put_line(
            buf,
            row.right() - right_w,
            row.y,
            right_w,
            Line::styled(format!(" {}", right), right_style),
        );
    }
}

/// A line cut to `width` columns by whole clusters, ending in `…` when cut.
fn fit<'a>(theme: &Theme, line: Line<'a>, width: usize) -> Line<'a> {
    if line.width() <= width {
        return line;
    }
    let mut left = width.saturating_sub(1);
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let kept = truncate(&span.content, left).to_string();
        left -= str_width(&kept);
        spans.push(Span::styled(kept, span.style));
    }
    spans.push(Span::styled("…", theme.muted));
    Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// The chart's line in words says how many dates it left out, in the fullest wording
    /// that fits the row.
    #[test]
    fn the_chart_says_what_it_did_not_draw() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let mut dates: Vec<NaiveDate> = (0..300)
            .map(|i| day(2025, 1 + i % 12, 1 + i % 28))
            .collect();
        dates.extend([day(1819, 1, 1), day(1820, 1, 1), day(1821, 1, 1)]);
        let h = Histogram::of(dates).expect("histogram");
        assert_eq!(h.left_out, (3, 0));
        let theme = Theme::dark();
        let text = |width| {
            chart_row(&theme, &h, LineKind::ChartNote, width, "dated event")
                .spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        assert!(
            text(100).ends_with("(per month) · 3 earlier not drawn"),
            "{}",
            text(100)
        );
        assert!(text(54).ends_with(" · 3 off chart"), "{}", text(54));
        assert!(crate::text::str_width(&text(54)) <= 54);
    }
}
