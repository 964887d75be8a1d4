//! The parts of the screen. Each module owns one part's state, handles the actions meant
//! for it, and draws it:
//!
//! - [`list`]: the article list;
//! - [`reader`]: the open article's text;
//! - [`sidebar`]: the article's names and its timeline;
//! - [`pages`]: a page in the reader's place (a name's page, the directory, folder search,
//!   the folder timeline) and the history of views;
//! - [`status`]: the status line and the search being typed;
//! - [`overlay`]: the keys (`?`) and the list of problems (`E`) over the panes.
//!
//! An action from the keys or the mouse passes down the [`stack`] of layers, top first, until
//! one takes it ([`Outcome::Consumed`]); what no layer takes is the reader's as a whole
//! (opening pages, focus, the history: `super::update`). So which part answers a key is
//! data — the order of the stack — not a chain of early returns.

pub mod list;
pub mod overlay;
pub mod pages;
pub mod reader;
pub mod sidebar;
pub mod status;

use super::action::{Action, Focus};
use super::app::App;

/// What a layer did with an action.
#[derive(Debug)]
pub enum Outcome {
    /// The layer took it: the layers beneath do not see it.
    Consumed,
    /// Not this layer's: handed on, unchanged.
    Ignored(Action),
}

/// A layer of the screen that can take an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Status,
    Overlay,
    Page,
    Sidebar,
    Reader,
    List,
}

impl Layer {
    /// Offers `action` to this layer.
    pub fn handle(self, app: &mut App, action: Action) -> Outcome {
        match self {
            Layer::Status => status::handle(app, action),
            Layer::Overlay => overlay::handle(app, action),
            Layer::Page => pages::handle(app, action),
            Layer::Sidebar => sidebar::handle(app, action),
            Layer::Reader => reader::handle(app, action),
            Layer::List => list::handle(app, action),
        }
    }
}

/// The layers an action passes through now, top first: the status line (messages, the
/// search being typed), an open overlay, a page with the focus, the sidebar with the focus,
/// then the reader and the list, which take what is left of their kind whatever has the
/// focus (the keys already chose by focus).
pub fn stack(app: &App) -> Vec<Layer> {
    let mut layers = vec![Layer::Status];
    if app.overlay.is_some() {
        layers.push(Layer::Overlay);
    }
    if app.pages.page.is_some() && app.focus == Focus::Reader {
        layers.push(Layer::Page);
    }
    if app.focus.in_sidebar() {
        layers.push(Layer::Sidebar);
    }
    layers.extend([Layer::Reader, Layer::List]);
    layers
}

#[cfg(test)]
mod tests {
    use super::overlay::Overlay;
    use super::*;
    use crate::tui::page::{Directory, Page};
    use crate::tui::update::update;

    fn app() -> App {
        App::new(std::path::PathBuf::from("/nowhere"), Default::default())
    }

    #[test]
    fn the_stack_follows_what_is_open_and_where_the_focus_is() {
        let mut app = app();
        assert_eq!(stack(&app), [Layer::Status, Layer::Reader, Layer::List]);
        app.focus = Focus::Entities;
        app.overlay = Some(Overlay::Help { scroll: 0 });
        assert_eq!(
            stack(&app),
            [
                Layer::Status,
                Layer::Overlay,
                Layer::Sidebar,
                Layer::Reader,
                Layer::List
            ]
        );
        app.overlay = None;
        app.focus = Focus::Reader;
        app.pages.page = Some(Page::Directory(Directory::default()));
        assert_eq!(
            stack(&app),
            [Layer::Status, Layer::Page, Layer::Reader, Layer::List]
        );
        // A page shown while the list has the focus does not take the keys.
        app.focus = Focus::List;
        assert_eq!(stack(&app), [Layer::Status, Layer::Reader, Layer::List]);
    }

    #[test]
    fn esc_closes_only_what_is_on_top() {
        let mut app = app();
        app.focus = Focus::Reader;
        app.pages.page = Some(Page::Directory(Directory {
            filter: "मो".into(),
            ..Directory::default()
        }));
        app.overlay = Some(Overlay::Errors { scroll: 0 });
        update(&mut app, Action::Close);
        assert_eq!(app.overlay, None, "the overlay closes first");
        assert!(
            matches!(&app.pages.page, Some(Page::Directory(d)) if d.filter == "मो"),
            "the page beneath keeps its filter"
        );
        update(&mut app, Action::Close);
        assert!(matches!(&app.pages.page, Some(Page::Directory(d)) if d.filter.is_empty()));
        update(&mut app, Action::Close);
        assert_eq!(
            app.pages.page, None,
            "with nothing to go back to, the page closes"
        );
        assert_eq!(app.focus, Focus::Reader);
        update(&mut app, Action::Close);
        assert_eq!(app.focus, Focus::List, "then Esc returns to the list");
    }

    #[test]
    fn movement_goes_to_the_top_layer_that_takes_it() {
        let mut app = app();
        app.overlay = Some(Overlay::Help { scroll: 0 });
        update(&mut app, Action::SelectBy(3));
        assert_eq!(app.overlay, Some(Overlay::Help { scroll: 3 }));
        assert_eq!(app.list.selected, 0, "the list beneath did not move");
        // The other overlay's key shows that one instead; its own key closes it.
        update(&mut app, Action::ToggleErrors);
        assert_eq!(app.overlay, Some(Overlay::Errors { scroll: 0 }));
        update(&mut app, Action::ToggleErrors);
        assert_eq!(app.overlay, None);
    }

    #[test]
    fn typing_a_search_is_the_status_lines_and_a_warning_stays_under_e() {
        let mut app = app();
        update(&mut app, Action::StartFolderSearch);
        for c in "मोदी".chars() {
            update(&mut app, Action::SearchType(c));
        }
        update(&mut app, Action::SearchBackspace);
        assert_eq!(app.status.search.as_deref(), Some("मोद"));
        update(&mut app, Action::SearchCancel);
        assert_eq!(app.status.search, None);
        update(&mut app, Action::Warning("the cache was set aside".into()));
        update(&mut app, Action::ClearMessage);
        assert_eq!(app.status.message, None);
        assert_eq!(app.status.warnings, ["the cache was set aside"]);
    }
}
