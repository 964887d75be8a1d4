//! The sidebar beside the text: the article's people, places and organisations, and the
//! timeline of the events it dates; moving over them and going to them in the text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::tui::action::{Action, Focus};
use crate::tui::app::App;
use crate::tui::view::{pane_block, put_item, put_line, render_wrapped, shown};

use crate::extract::Kind;
use crate::text::{str_width, truncate};
use crate::tui::panes::TIMELINE_ITEM_HEIGHT;
use crate::tui::reader::SidebarRow;

use super::Outcome;
use super::pages::kind_name;
use super::status::counted;
use crate::tui::page::Page;
use crate::tui::update::article::{
    select_entity_by, select_event_by, show_current_event, show_current_mention, step_mention,
};

/// While the sidebar has the focus: movement keys move over its names or its events, and
/// Enter or `o` goes to the selected one in the text (Enter on a name opens its page,
/// which the keys turn into its own action once the folder is indexed).
pub fn handle(app: &mut App, action: Action) -> Outcome {
    let entities = app.focus == Focus::Entities;
    match action {
        Action::SelectBy(n) if entities => select_entity_by(app, n),
        Action::SelectPage(n) if entities => select_entity_by(app, n * 10),
        Action::SelectFirst if entities => select_entity_by(app, isize::MIN / 2),
        Action::SelectLast if entities => select_entity_by(app, isize::MAX / 2),
        Action::NextMatch if entities => step_mention(app, 1),
        Action::PrevMatch if entities => step_mention(app, -1),
        Action::ShowInText if entities => {
            if app.reader.as_ref().is_some_and(|r| r.entity.is_some()) {
                app.pages.page = None;
                show_current_mention(app);
                app.focus = Focus::Reader;
            }
        }
        Action::OpenSelected if entities => {
            app.status.message = Some(if app.reader.as_ref().is_none_or(|r| r.entity.is_none()) {
                "select a name first (j/k)".into()
            } else if app.folder.is_some() {
                "this name is not in the folder's index".into()
            } else {
                "still indexing the folder; o goes to the mention meanwhile".into()
            });
        }
        Action::SelectBy(n) if !entities => select_event_by(app, n),
        Action::SelectPage(n) if !entities => select_event_by(app, n * 5),
        Action::SelectFirst if !entities => select_event_by(app, isize::MIN / 2),
        Action::SelectLast if !entities => select_event_by(app, isize::MAX / 2),
        Action::NextMatch if !entities => select_event_by(app, 1),
        Action::PrevMatch if !entities => select_event_by(app, -1),
        Action::OpenSelected | Action::ShowInText if !entities => {
            if app.reader.as_ref().is_some_and(|r| r.event.is_some()) {
                show_current_event(app);
                app.focus = Focus::Reader;
            }
        }
        other => return Outcome::Ignored(other),
    }
    Outcome::Consumed
}

pub(in crate::tui) fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let top_h = area.height / 2;
    let top = Rect::new(area.x, area.y, area.width, top_h);
    let bottom = Rect::new(area.x, area.y + top_h, area.width, area.height - top_h);
    match &app.pages.page {
        None => {
            render_entities(app, buf, top);
            render_timeline(app, buf, bottom);
        }
        // A page is about its subject, not about the article beneath it.
        Some(Page::Entity(p)) => render_page_entity(app, p.entity, buf, top, bottom),
        Some(_) => {
            for (area, title) in [(top, " Entities "), (bottom, " Timeline ")] {
                let block = pane_block(&app.theme, title.into(), false);
                let inner = block.inner(area);
                block.render(area, buf);
                let hint = "Backspace returns to the article.";
                render_wrapped(buf, inner, hint, app.theme.muted);
            }
        }
    }
}

/// Beside a name's page: the name, its kind and counts, and the other forms it is written
/// in across the folder.
fn render_page_entity(
    app: &App,
    entity: crate::library::EntityId,
    buf: &mut Buffer,
    top: Rect,
    bottom: Rect,
) {
    let theme = &app.theme;
    let entity = app.folder.as_ref().and_then(|f| f.library.entity(entity));
    let about = pane_block(theme, " Name ".into(), false);
    let inner = about.inner(top);
    about.render(top, buf);
    let aliases = entity.map_or(&[][..], |e| e.aliases.as_slice());
    let also = pane_block(theme, format!(" Also written ({}) ", aliases.len()), false);
    let also_inner = also.inner(bottom);
    also.render(bottom, buf);
    let Some(entity) = entity else { return };
    let (articles, mentions) = (
        counted(entity.occurrences.len(), "article"),
        counted(entity.mentions, "mention"),
    );
    let both = format!(" {articles} · {mentions}");
    // The counts on one line when they fit, else one under the other: never cut short.
    let counts = if str_width(&both) <= inner.width as usize {
        vec![both]
    } else {
        vec![format!(" {articles}"), format!(" {mentions}")]
    };
    let lines = [
        Line::styled(
            format!(" {}", shown(app, &entity.name)),
            theme.kind(entity.kind).add_modifier(Modifier::BOLD),
        ),
        Line::styled(
            format!(" {}", shown(app, kind_name(entity.kind))),
            theme.muted,
        ),
    ]
    .into_iter()
    .chain(counts.into_iter().map(|c| Line::styled(c, theme.muted)));
    for (y, line) in (inner.y..inner.bottom()).zip(lines) {
        put_line(buf, inner.x, y, inner.width, line);
    }
    if aliases.is_empty() {
        render_wrapped(buf, also_inner, "Only this spelling.", theme.muted);
    }
    for (y, alias) in (also_inner.y..also_inner.bottom()).zip(aliases) {
        let alias = shown(app, alias);
        let line = Line::raw(format!(
            " {}",
            truncate(&alias, also_inner.width as usize - 1)
        ));
        put_line(buf, also_inner.x, y, also_inner.width, line);
    }
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
    // The fullest title that fits the border, shortening before leaving out; what does not
    // fit is said inside instead (the year) or is one key away (t).
    let (more_long, more_short) = match hidden {
        0 => (String::new(), String::new()),
        n => (format!(" · t: {n} more"), format!(" · +{n} (t)")),
    };
    let (year_long, year_short) = if inferred {
        (" · year inferred", " · year?")
    } else {
        ("", "")
    };
    let candidates = [
        (more_long.as_str(), year_long),
        (more_short.as_str(), year_long),
        (more_short.as_str(), year_short),
        (more_short.as_str(), ""),
        ("", ""),
    ];
    let (title, year_said) = candidates
        .iter()
        .map(|&(m, y)| {
            (
                format!(" Timeline ({count}){m}{y} "),
                !y.is_empty() || !inferred,
            )
        })
        .find(|(t, _)| str_width(t) + 2 <= area.width as usize)
        .unwrap_or_else(|| (format!(" Timeline ({count}) "), !inferred));
    let block = pane_block(&app.theme, title, focused);
    let mut inner = block.inner(area);
    block.render(area, buf);
    if !year_said && inner.height > 2 {
        let note = Line::styled(" year inferred from the article's date", theme.muted);
        put_line(buf, inner.x, inner.y, inner.width, note);
        inner.y += 1;
        inner.height -= 1;
    }
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
