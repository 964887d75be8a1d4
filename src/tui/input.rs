//! Turning terminal events into actions, through the key table. Reads the app (which keys
//! apply now), never changes it.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

use super::action::{Action, Focus, Jump};
use super::app::App;
use super::event::AppEvent;
use super::keymap::{Command, KeyMode, lookup};
use super::page::{self, Folder, Page};

/// The actions an event asks for, in order: none, one, or (a key) the clearing of the last
/// message and then the key's action.
pub fn to_actions(app: &App, event: AppEvent) -> Vec<Action> {
    let key =
        matches!(&event, AppEvent::Terminal(Event::Key(k)) if k.kind != KeyEventKind::Release);
    let typing = app.status.search.is_some();
    let action = to_action(app, event);
    if key && !typing {
        // A key clears the last message; its action may set a new one.
        std::iter::once(Action::ClearMessage)
            .chain(action)
            .collect()
    } else {
        action.into_iter().collect()
    }
}

/// The action an event asks for, if any.
fn to_action(app: &App, event: AppEvent) -> Option<Action> {
    match event {
        AppEvent::ScanStarted => Some(Action::ScanStarted),
        AppEvent::Loaded(outcomes) => Some(Action::Loaded(outcomes)),
        AppEvent::LoadingDone => Some(Action::LoadingDone),
        AppEvent::Indexing { done, total } => Some(Action::Indexing { done, total }),
        AppEvent::Warning(w) => Some(Action::Warning(w)),
        AppEvent::ModelLoaded(result) => Some(Action::ModelLoaded(result)),
        AppEvent::Indexed(folder) => Some(Action::Indexed(folder)),
        AppEvent::SearchReady(searcher) => Some(Action::SearchReady(searcher)),
        AppEvent::Done(action) => Some(*action),
        AppEvent::Terminal(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            Some(key_action(app, key)?)
        }
        AppEvent::Terminal(Event::Mouse(mouse)) => mouse_action(mouse),
        AppEvent::Terminal(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
        AppEvent::Terminal(_) => None,
        // The reader's loop handles these itself (see `super::handle`).
        AppEvent::Signal | AppEvent::WorkerFailed { .. } => None,
    }
}

fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if app.status.search.is_some() {
        return match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::Quit),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchType(c)),
            _ => None,
        };
    }
    let mode = key_mode(app);
    let Some(command) = lookup(&app.bindings, mode, key) else {
        return match key.code {
            // In the directory a key with no other use types into the filter.
            KeyCode::Char(c)
                if !ctrl
                    && (mode == KeyMode::Directory
                        || mode == KeyMode::Page && directory_shown(app)) =>
            {
                Some(Action::FilterType(c))
            }
            _ => None,
        };
    };
    resolve(app, command)
}

/// Which keys apply now: an overlay's, a page's (when the reader pane holds one and has the
/// focus), or the normal ones.
pub fn key_mode(app: &App) -> KeyMode {
    if app.overlay.is_some() {
        return KeyMode::Overlay;
    }
    match &app.pages.page {
        Some(Page::Entity(_) | Page::Search(_) | Page::Timeline(_))
            if app.focus == Focus::Reader =>
        {
            KeyMode::Page
        }
        Some(Page::Directory(d)) if app.focus == Focus::Reader && d.typing => KeyMode::Directory,
        Some(Page::Directory(_)) if app.focus == Focus::Reader => KeyMode::Page,
        _ => KeyMode::Normal,
    }
}

/// Whether the directory has the keys (typing into its filter or not).
fn directory_shown(app: &App) -> bool {
    app.focus == Focus::Reader && matches!(app.pages.page, Some(Page::Directory(_)))
}

/// A command as an action, with what it refers to looked up: Enter on a page opens what its
/// row names; Enter on a name in the sidebar opens that name's page.
fn resolve(app: &App, command: Command) -> Option<Action> {
    match command {
        Command::Activate => target(
            app.folder.as_ref(),
            app.pages.page.as_ref()?,
            &app.pages.rows,
        ),
        Command::Open if app.focus == Focus::Entities => Some(match sidebar_folder_entity(app) {
            Some(id) => Action::OpenEntityPage(id),
            None => Action::OpenSelected,
        }),
        _ => Some(command.action(app.focus)),
    }
}

/// The folder entity of the name selected in the sidebar, once the library is built.
fn sidebar_folder_entity(app: &App) -> Option<crate::library::EntityId> {
    app.folder.as_ref()?;
    let reader = app.reader.as_ref()?;
    *reader.folder_ids.get(reader.entity?)?
}

fn mouse_action(mouse: MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            delta: 1,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            delta: -1,
        }),
        MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
            Some(Action::Click { column, row })
        }
        _ => None,
    }
}

/// What Enter on the page's selected item asks for.
fn target(folder: Option<&Folder>, page: &Page, rows: &page::PageRows) -> Option<Action> {
    match page {
        Page::Search(p) => {
            // A story opens at its best article; a copy listed under it, at itself.
            let hit = p.hit_of(*rows.items.get(p.selected)?)?;
            return Some(Action::OpenArticleFind {
                article: hit.article,
                find: hit.find(&p.query),
            });
        }
        Page::Timeline(p) => {
            let folder = folder?;
            let event = folder
                .library
                .event(*folder.timeline_events(p.entity).get(p.selected)?)?;
            return Some(Action::OpenArticleAt {
                article: folder.article_id(event.article)?,
                jump: Jump::Event {
                    start: event.span.start(),
                },
            });
        }
        Page::Entity(_) | Page::Directory(_) => {}
    }
    let folder = folder?;
    let items = &rows.items;
    let library = &folder.library;
    match *items.get(page.selected())? {
        page::Item::Article(o) => {
            let Page::Entity(p) = page else { return None };
            let entity = library.entity(p.entity)?;
            let occurrence = entity.occurrences.get(o)?;
            Some(Action::OpenArticleAt {
                article: folder.article_id(occurrence.article)?,
                jump: Jump::Mention {
                    entity: p.entity,
                    start: entity.mentions_of(occurrence).first().map(|m| m.start()),
                },
            })
        }
        page::Item::Companion(other, _) | page::Item::Entity(other) => {
            Some(Action::OpenEntityPage(other))
        }
        page::Item::Hit(_) | page::Item::Copy(..) => None,
        page::Item::Event(i) => {
            let event = library.event(i)?;
            Some(Action::OpenArticleAt {
                article: folder.article_id(event.article)?,
                jump: Jump::Event {
                    start: event.span.start(),
                },
            })
        }
    }
}
