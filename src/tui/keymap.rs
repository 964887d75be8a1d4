//! Key bindings: one table of `(mode, key) → command`. The help overlay is drawn from the
//! same table, so what it shows is always what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Focus};

/// A bindable command: an action without data, with a name and a line of help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    FocusNext,
    FocusPrev,
    Search,
    NextMatch,
    PrevMatch,
    Help,
    Errors,
    Close,
    PrevPerson,
    NextPerson,
    EntityAtView,
    ShowInText,
    Directory,
    HistoryBack,
    HistoryForward,
    /// Enter on a page: open what the selected row names.
    Activate,
    FilterBackspace,
    FolderSearch,
    FolderTimeline,
    /// Show the text in Latin letters (ISO 15919), or in Devanagari again.
    Romanize,
    /// List every time expression in the timeline, or dated events only.
    AllTimes,
    /// Write the article or the name's page shown as Markdown.
    Export,
    NextUnread,
    ToggleRead,
    OpenUrl,
    SortList,
    FilterByName,
    ClearFilter,
    /// On the timeline: type a date or month to go to.
    GoToDate,
    /// Type a source or dates to narrow the list to.
    FilterList,
    /// On a name's page: the names it appears with, one kind at a time.
    CompanionKind,
    /// On a name's page: say it is the same as another name (aliases.toml).
    MergeName,
    /// On a name's page: say a form joined to it is someone else (aliases.toml).
    SplitName,
    /// On search results: list a story's copies under it, or fold them away.
    ToggleCopies,
}

impl Command {
    /// What the command does, for the help overlay.
    pub fn help(self) -> &'static str {
        match self {
            Command::Quit => "quit",
            Command::Down => "move down / scroll down",
            Command::Up => "move up / scroll up",
            Command::PageDown => "page down",
            Command::PageUp => "page up",
            Command::Top => "go to the top",
            Command::Bottom => "go to the bottom",
            Command::Open => "open the selected article (from the sidebar: the name's page)",
            Command::FocusNext => "focus the next pane",
            Command::FocusPrev => "focus the previous pane",
            Command::Search => "search in the article",
            Command::NextMatch => "next match (next mention, from the sidebar)",
            Command::PrevMatch => "previous match (previous mention, from the sidebar)",
            Command::Help => "show or hide this help",
            Command::Errors => "files that could not be read, warnings, every message said",
            Command::Close => "close the overlay or search; else go back; else to the list",
            Command::PrevPerson => "previous person in the article",
            Command::NextPerson => "next person in the article",
            Command::EntityAtView => "select the name nearest the top of the text",
            Command::ShowInText => "from the sidebar: go to the mention or event in the text",
            Command::Directory => "people, places and organisations of the whole folder",
            Command::HistoryBack => "go back (article, page, directory), keeping positions",
            Command::HistoryForward => "go forward again",
            Command::Activate => "open the row: an article at the mention, a name's page",
            Command::FilterBackspace => "delete the last typed character; when empty, go back",
            Command::FolderSearch => "search every article of the folder (putin finds पुतिन)",
            Command::FolderTimeline => {
                "the folder's timeline: every dated event, in date order (on a name's page: its events)"
            }
            Command::Romanize => "show the text in Latin letters (ISO 15919), or as written",
            Command::AllTimes => {
                "timeline: every time expression (durations, how often), or dated events only"
            }
            Command::Export => "save the article or the name's page as Markdown",
            Command::NextUnread => "open the next unread article in the list",
            Command::ToggleRead => "mark the selected article read or unread",
            Command::OpenUrl => "open the article's web address in the browser ($BROWSER)",
            Command::SortList => "list the articles newest first, or by file",
            Command::FilterByName => "list only the articles naming this name (again: and another)",
            Command::ClearFilter => "list every article again",
            Command::GoToDate => {
                "on the timeline: go to a date or month (2024-03, march 2024, 12 मार्च)"
            }
            Command::FilterList => {
                "list only the articles of a source or place, or of dates (2025-01..2025-03)"
            }
            Command::MergeName => "merge with another name: the same one (aliases.toml)",
            Command::CompanionKind => "appears with: people only, places, organisations, all",
            Command::SplitName => "split a form off: someone else (aliases.toml)",
            Command::ToggleCopies => {
                "on search results: list a story's copies under it (+N copies), or fold them"
            }
        }
    }

    /// The action this command asks for when the given pane has the focus.
    pub fn action(self, focus: Focus) -> Action {
        let in_reader = focus == Focus::Reader;
        match self {
            Command::Quit => Action::Quit,
            Command::Down if in_reader => Action::ScrollBy(1),
            Command::Up if in_reader => Action::ScrollBy(-1),
            Command::PageDown if in_reader => Action::ScrollPage(1),
            Command::PageUp if in_reader => Action::ScrollPage(-1),
            Command::Top if in_reader => Action::ScrollToTop,
            Command::Bottom if in_reader => Action::ScrollToBottom,
            Command::Down => Action::SelectBy(1),
            Command::Up => Action::SelectBy(-1),
            Command::PageDown => Action::SelectPage(1),
            Command::PageUp => Action::SelectPage(-1),
            Command::Top => Action::SelectFirst,
            Command::Bottom => Action::SelectLast,
            Command::Open => Action::OpenSelected,
            Command::FocusNext => Action::FocusNext,
            Command::FocusPrev => Action::FocusPrev,
            Command::Search => Action::StartSearch,
            Command::NextMatch => Action::NextMatch,
            Command::PrevMatch => Action::PrevMatch,
            Command::Help => Action::ToggleHelp,
            Command::Errors => Action::ToggleErrors,
            Command::Close => Action::Close,
            Command::PrevPerson => Action::StepPerson(-1),
            Command::NextPerson => Action::StepPerson(1),
            Command::EntityAtView => Action::SelectEntityInView,
            Command::ShowInText => Action::ShowInText,
            Command::Directory => Action::OpenDirectory,
            Command::HistoryBack => Action::Back,
            Command::HistoryForward => Action::Forward,
            // Resolved against the page by `input`; without a page it opens the selection.
            Command::Activate => Action::OpenSelected,
            Command::FilterBackspace => Action::FilterBackspace,
            Command::FolderSearch => Action::StartFolderSearch,
            Command::FolderTimeline => Action::OpenTimeline,
            Command::Romanize => Action::ToggleRomanized,
            Command::AllTimes => Action::ToggleAllTimes,
            Command::Export => Action::Export,
            Command::NextUnread => Action::NextUnread,
            Command::ToggleRead => Action::ToggleRead,
            Command::OpenUrl => Action::OpenUrl,
            Command::SortList => Action::ToggleSort,
            Command::FilterByName => Action::FilterByPage,
            Command::ClearFilter => Action::ClearListFilter,
            Command::GoToDate => Action::StartDateJump,
            Command::FilterList => Action::StartListFilter,
            Command::MergeName => Action::StartMerge,
            Command::CompanionKind => Action::NextCompanionKind,
            Command::SplitName => Action::StartSplit,
            Command::ToggleCopies => Action::ToggleCopies,
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    /// Everywhere except while typing a search.
    Normal,
    /// While an overlay (help, errors) is open.
    Overlay,
    /// On a page (an entity's, search results, the folder timeline), when the reader pane
    /// has the focus.
    Page,
    /// In the directory, when the reader pane has the focus: characters type into the
    /// filter, so only keys that type nothing are bound.
    Directory,
}

impl KeyMode {
    /// The help overlay's sections: each mode that has its own keys, with a heading.
    pub const SECTIONS: [(KeyMode, &'static str); 3] = [
        (KeyMode::Normal, ""),
        (
            KeyMode::Page,
            "on a page: a name's, search results, the timeline",
        ),
        (
            KeyMode::Directory,
            "in the directory (p); letters type into the filter",
        ),
    ];
}

/// One key binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: KeyMode,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub command: Command,
}

const fn key(mode: KeyMode, code: KeyCode, command: Command) -> Binding {
    Binding {
        mode,
        code,
        modifiers: KeyModifiers::NONE,
        command,
    }
}

const fn shift(mode: KeyMode, code: KeyCode, command: Command) -> Binding {
    Binding {
        mode,
        code,
        modifiers: KeyModifiers::SHIFT,
        command,
    }
}

const fn ctrl(mode: KeyMode, c: char, command: Command) -> Binding {
    Binding {
        mode,
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
        command,
    }
}

use Command as C;
use KeyCode as K;
use KeyMode::{Directory as D, Normal as N, Overlay as O, Page as P};

/// The default bindings.
pub const DEFAULT_BINDINGS: &[Binding] = &[
    key(N, K::Char('q'), C::Quit),
    ctrl(N, 'c', C::Quit),
    ctrl(O, 'c', C::Quit),
    key(N, K::Char('j'), C::Down),
    key(N, K::Down, C::Down),
    key(N, K::Char('k'), C::Up),
    key(N, K::Up, C::Up),
    key(N, K::Char(' '), C::PageDown),
    key(N, K::PageDown, C::PageDown),
    key(N, K::Char('b'), C::PageUp),
    key(N, K::PageUp, C::PageUp),
    key(N, K::Char('g'), C::Top),
    key(N, K::Home, C::Top),
    key(N, K::Char('G'), C::Bottom),
    key(N, K::End, C::Bottom),
    key(N, K::Enter, C::Open),
    key(N, K::Tab, C::FocusNext),
    key(N, K::BackTab, C::FocusPrev),
    key(N, K::Char('/'), C::Search),
    key(N, K::Char('n'), C::NextMatch),
    key(N, K::Char('N'), C::PrevMatch),
    key(N, K::Char('?'), C::Help),
    key(N, K::Char('E'), C::Errors),
    key(N, K::Char('['), C::PrevPerson),
    key(N, K::Char(']'), C::NextPerson),
    key(N, K::Char('e'), C::EntityAtView),
    key(N, K::Char('o'), C::ShowInText),
    key(N, K::Char('p'), C::Directory),
    key(N, K::Char('s'), C::FolderSearch),
    ctrl(N, 'f', C::FolderSearch),
    key(N, K::Char('T'), C::FolderTimeline),
    key(N, K::Char('r'), C::Romanize),
    key(N, K::Char('t'), C::AllTimes),
    key(N, K::Char('x'), C::Export),
    key(N, K::Char('u'), C::NextUnread),
    key(N, K::Char('m'), C::ToggleRead),
    key(N, K::Char('O'), C::OpenUrl),
    key(N, K::Char('S'), C::SortList),
    key(N, K::Char('f'), C::FilterList),
    key(N, K::Char('F'), C::ClearFilter),
    key(N, K::Backspace, C::HistoryBack),
    key(N, K::Char('L'), C::HistoryForward),
    shift(N, K::Backspace, C::HistoryForward),
    key(N, K::Esc, C::Close),
    key(O, K::Esc, C::Close),
    key(O, K::Char('q'), C::Quit),
    key(O, K::Char('?'), C::Help),
    key(O, K::Char('E'), C::Errors),
    key(O, K::Char('j'), C::Down),
    key(O, K::Down, C::Down),
    key(O, K::Char('k'), C::Up),
    key(O, K::Up, C::Up),
    key(O, K::Char(' '), C::PageDown),
    key(O, K::PageDown, C::PageDown),
    key(O, K::Char('b'), C::PageUp),
    key(O, K::PageUp, C::PageUp),
    key(O, K::Char('g'), C::Top),
    key(O, K::Home, C::Top),
    key(O, K::Char('G'), C::Bottom),
    key(O, K::End, C::Bottom),
    key(P, K::Char('j'), C::Down),
    key(P, K::Down, C::Down),
    key(P, K::Char('k'), C::Up),
    key(P, K::Up, C::Up),
    key(P, K::Char(' '), C::PageDown),
    key(P, K::PageDown, C::PageDown),
    key(P, K::Char('b'), C::PageUp),
    key(P, K::PageUp, C::PageUp),
    key(P, K::Char('g'), C::Top),
    key(P, K::Home, C::Top),
    key(P, K::Char('G'), C::Bottom),
    key(P, K::End, C::Bottom),
    key(P, K::Enter, C::Activate),
    key(P, K::Backspace, C::HistoryBack),
    key(P, K::Char('L'), C::HistoryForward),
    shift(P, K::Backspace, C::HistoryForward),
    key(P, K::Esc, C::Close),
    key(P, K::Char('p'), C::Directory),
    key(P, K::Char('s'), C::FolderSearch),
    ctrl(P, 'f', C::FolderSearch),
    key(P, K::Char('T'), C::FolderTimeline),
    key(P, K::Char('r'), C::Romanize),
    key(P, K::Char('x'), C::Export),
    key(P, K::Char('f'), C::FilterByName),
    key(P, K::Char('F'), C::ClearFilter),
    key(P, K::Char('d'), C::GoToDate),
    key(P, K::Char('K'), C::CompanionKind),
    key(P, K::Char('M'), C::MergeName),
    key(P, K::Char('D'), C::SplitName),
    key(P, K::Char('c'), C::ToggleCopies),
    key(P, K::Tab, C::FocusNext),
    key(P, K::BackTab, C::FocusPrev),
    key(P, K::Char('?'), C::Help),
    key(P, K::Char('E'), C::Errors),
    key(P, K::Char('q'), C::Quit),
    ctrl(P, 'c', C::Quit),
    key(D, K::Down, C::Down),
    key(D, K::Up, C::Up),
    key(D, K::PageDown, C::PageDown),
    key(D, K::PageUp, C::PageUp),
    key(D, K::Home, C::Top),
    key(D, K::End, C::Bottom),
    key(D, K::Enter, C::Activate),
    key(D, K::Backspace, C::FilterBackspace),
    shift(D, K::Backspace, C::HistoryForward),
    key(D, K::Esc, C::Close),
    key(D, K::Tab, C::FocusNext),
    key(D, K::BackTab, C::FocusPrev),
    ctrl(D, 'c', C::Quit),
];

/// Looks a key up in `bindings`. Shift is ignored for characters, whose case already says it.
/// Ctrl-c quits whatever the table says: there is always a way out.
pub fn lookup(bindings: &[Binding], mode: KeyMode, event: KeyEvent) -> Option<Command> {
    let mods = match event.code {
        KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
        _ => event.modifiers,
    };
    if event.code == KeyCode::Char('c') && mods == KeyModifiers::CONTROL {
        return Some(Command::Quit);
    }
    bindings
        .iter()
        .find(|b| b.mode == mode && b.code == event.code && b.modifiers == mods)
        .map(|b| b.command)
}

/// A key as the help overlay writes it: `j`, `Space`, `Ctrl-c`, `PageDown`.
pub fn key_name(b: &Binding) -> String {
    let name = match b.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Up => "↑".to_string(),
        other => other.to_string(),
    };
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else if b.modifiers.contains(KeyModifiers::SHIFT) {
        format!("Shift-{name}")
    } else {
        name
    }
}

/// The help overlay's rows: each command of `mode` with every key bound to it.
pub fn help_rows(bindings: &[Binding], mode: KeyMode) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Command, Vec<String>)> = Vec::new();
    for b in bindings.iter().filter(|b| b.mode == mode) {
        match rows.iter_mut().find(|(c, _)| *c == b.command) {
            Some((_, keys)) => keys.push(key_name(b)),
            None => rows.push((b.command, vec![key_name(b)])),
        }
    }
    rows.into_iter()
        .map(|(c, keys)| (keys.join(" "), c.help()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_mean_what_the_help_says() {
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            lookup(DEFAULT_BINDINGS, KeyMode::Normal, j),
            Some(Command::Down)
        );
        let big_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(DEFAULT_BINDINGS, KeyMode::Normal, big_g),
            Some(Command::Bottom)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(DEFAULT_BINDINGS, KeyMode::Normal, ctrl_c),
            Some(Command::Quit)
        );
    }

    #[test]
    fn ctrl_c_quits_even_when_the_table_has_no_quit_key() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let no_quit: Vec<Binding> = DEFAULT_BINDINGS
            .iter()
            .filter(|b| b.command != Command::Quit)
            .copied()
            .collect();
        for mode in [
            KeyMode::Normal,
            KeyMode::Overlay,
            KeyMode::Page,
            KeyMode::Directory,
        ] {
            assert_eq!(lookup(&no_quit, mode, ctrl_c), Some(Command::Quit));
        }
    }

    #[test]
    fn help_lists_every_key_of_a_command() {
        let rows = help_rows(DEFAULT_BINDINGS, KeyMode::Normal);
        assert!(rows.contains(&("j ↓".to_string(), "move down / scroll down")));
        assert!(rows.contains(&("Space Page Down".to_string(), "page down")));
        let rows = help_rows(DEFAULT_BINDINGS, KeyMode::Page);
        assert!(rows.contains(&("Backspace".to_string(), Command::HistoryBack.help())));
        assert!(rows.contains(&(
            "L Shift-Backspace".to_string(),
            Command::HistoryForward.help()
        )));
    }

    #[test]
    fn shift_backspace_goes_forward_and_backspace_back() {
        let bs = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        let shift_bs = KeyEvent::new(KeyCode::Backspace, KeyModifiers::SHIFT);
        for mode in [KeyMode::Normal, KeyMode::Page] {
            assert_eq!(
                lookup(DEFAULT_BINDINGS, mode, bs),
                Some(Command::HistoryBack)
            );
            assert_eq!(
                lookup(DEFAULT_BINDINGS, mode, shift_bs),
                Some(Command::HistoryForward)
            );
        }
        assert_eq!(
            lookup(DEFAULT_BINDINGS, KeyMode::Directory, bs),
            Some(Command::FilterBackspace)
        );
        // Letters are not bound in the directory: they type into the filter.
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(lookup(DEFAULT_BINDINGS, KeyMode::Directory, j), None);
    }
}
