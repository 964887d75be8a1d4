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
use crate::tui::update::geometry::list_page;
use crate::tui::update::list::select_by;
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
        other => return Outcome::Ignored(other),
    }
    Outcome::Consumed
}

pub(in crate::tui) fn render(app: &App, buf: &mut Buffer, area: Rect) {
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
