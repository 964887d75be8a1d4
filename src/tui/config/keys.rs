//! The `[keys]` section: key strings (`q`, `ctrl-c`, `shift-backspace`, `pgdn`, `f1`),
//! action names (`quit`, `next_person`), and the user's overrides applied to the reader's
//! default key table ([`crate::tui::keymap::DEFAULT_BINDINGS`]).
//!
//! ```toml
//! [keys]                       # everywhere the action has keys by default
//! quit = ["q", "ctrl-c"]
//! next_person = "]"
//! search = []                  # no key at all
//!
//! [keys.page]                  # only on a name's page (also: normal, overlay, directory)
//! top = ["g", "home", "ctrl-a"]
//! ```
//!
//! An entry in `[keys]` replaces the action's keys in every mode where it has keys by
//! default; in the directory, keys that would type into its filter (characters without
//! Ctrl) are left out. An entry in a mode's table replaces them in that mode only, and may
//! give an action keys in a mode where it had none. A key given to an action is taken from
//! whatever else had it by default in that mode.

use std::fmt;

use crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::keymap::{Binding, Command, KeyMode};

/// One key with its modifiers, as [`crate::tui::keymap::lookup`] compares them: a character
/// carries its case (`Q`, never `shift-q`), Shift-Tab is [`KeyCode::BackTab`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Why a key string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("empty key: write a key such as \"q\", \"ctrl-f\" or \"enter\"")]
    Empty,
    #[error(
        "unknown key \"{0}\": write one character (\"q\", \"/\", \"<\") or a key name: enter, \
         esc, tab, backtab, backspace, delete, insert, space, up, down, left, right, home, end, \
         pgup, pgdn, f1 … f12; with ctrl-, alt- or shift- before it"
    )]
    Unknown(String),
    #[error(
        "\"{0}\": Shift with a character other than a letter depends on the keyboard; write the \
         character itself (\"!\" rather than \"shift-1\")"
    )]
    ShiftedSymbol(String),
}

/// Key names and the codes they stand for; the first name of a code is the one
/// [`KeySpec`]'s `Display` writes.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("bs", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("ins", KeyCode::Insert),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("minus", KeyCode::Char('-')),
];

impl KeySpec {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> KeySpec {
        KeySpec { code, modifiers }
    }

    /// Reads a key string: `q`, `Q`, `<`, `ctrl-f`, `alt-x`, `shift-backspace`, `enter`,
    /// `esc`, `tab`, `backtab` (= `shift-tab`), `up`, `pgdn`, `f1`, `space`. Modifier and key
    /// names are case-insensitive; a single character keeps its case.
    pub fn parse(text: &str) -> Result<KeySpec, KeyError> {
        if text.is_empty() {
            return Err(KeyError::Empty);
        }
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        // A single character is the key itself, even `-`.
        while rest.chars().count() > 1 {
            let Some((prefix, tail)) = rest.split_once('-') else {
                break;
            };
            let modifier = match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "control" | "c" => KeyModifiers::CONTROL,
                "alt" | "meta" | "m" | "a" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => break,
            };
            if tail.is_empty() {
                break;
            }
            modifiers |= modifier;
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => named_key(rest).ok_or_else(|| KeyError::Unknown(text.to_string()))?,
        };
        KeySpec::normalise(code, modifiers, text)
    }

    /// The form lookups compare: Shift folded into a letter's case and into BackTab.
    fn normalise(code: KeyCode, modifiers: KeyModifiers, text: &str) -> Result<KeySpec, KeyError> {
        let shift = modifiers.contains(KeyModifiers::SHIFT);
        let rest = modifiers - KeyModifiers::SHIFT;
        match code {
            KeyCode::Char(c) if shift && c.is_alphabetic() => {
                let upper = c.to_uppercase().next().unwrap_or(c);
                Ok(KeySpec::new(KeyCode::Char(upper), rest))
            }
            KeyCode::Char(' ') => Ok(KeySpec::new(code, modifiers)),
            KeyCode::Char(_) if shift => Err(KeyError::ShiftedSymbol(text.to_string())),
            KeyCode::Tab if shift => Ok(KeySpec::new(KeyCode::BackTab, rest)),
            KeyCode::BackTab => Ok(KeySpec::new(code, rest)),
            _ => Ok(KeySpec::new(code, modifiers)),
        }
    }

    /// The key of a binding.
    pub fn of(binding: &Binding) -> KeySpec {
        KeySpec::new(binding.code, binding.modifiers)
    }

    /// A binding of this key to `command` in `mode`.
    pub fn bind(self, mode: KeyMode, command: Command) -> Binding {
        Binding {
            mode,
            code: self.code,
            modifiers: self.modifiers,
            command,
        }
    }

    /// Whether, in the directory, this key would type into the filter.
    pub fn types_text(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.modifiers.contains(KeyModifiers::CONTROL)
    }
}

fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix('f')
        && let Ok(n) = n.parse::<u8>()
        && (1..=24).contains(&n)
    {
        return Some(KeyCode::F(n));
    }
    NAMED_KEYS
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|&(_, code)| code)
}

/// Writes the canonical key string, which [`KeySpec::parse`] reads back: `ctrl-c`, `space`,
/// `pgdn`, `shift-backspace`, `G`.
impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (modifier, name) in [
            (KeyModifiers::CONTROL, "ctrl-"),
            (KeyModifiers::ALT, "alt-"),
            (KeyModifiers::SHIFT, "shift-"),
        ] {
            if self.modifiers.contains(modifier) {
                f.write_str(name)?;
            }
        }
        if let Some((name, _)) = NAMED_KEYS.iter().find(|(_, c)| *c == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{}", other.to_string().to_lowercase().replace(' ', "")),
        }
    }
}

/// The name an action has in the config file. Every [`Command`] has one: a new command is a
/// compile error here until it is named.
pub fn action_name(command: Command) -> &'static str {
    match command {
        Command::Quit => "quit",
        Command::Down => "down",
        Command::Up => "up",
        Command::PageDown => "page_down",
        Command::PageUp => "page_up",
        Command::Top => "top",
        Command::Bottom => "bottom",
        Command::Open => "open",
        Command::FocusNext => "focus_next",
        Command::FocusPrev => "focus_prev",
        Command::Search => "search",
        Command::NextMatch => "next_match",
        Command::PrevMatch => "prev_match",
        Command::Help => "help",
        Command::Errors => "errors",
        Command::Close => "close",
        Command::PrevPerson => "prev_person",
        Command::NextPerson => "next_person",
        Command::EntityAtView => "entity_at_view",
        Command::ShowInText => "show_in_text",
        Command::Directory => "open_directory",
        Command::FolderSearch => "folder_search",
        Command::FolderTimeline => "folder_timeline",
        Command::HistoryBack => "history_back",
        Command::HistoryForward => "history_forward",
        Command::Activate => "activate",
        Command::FilterBackspace => "filter_backspace",
        Command::Romanize => "romanize",
        Command::AllTimes => "all_times",
        Command::Export => "export",
        Command::NextUnread => "next_unread",
        Command::ToggleRead => "toggle_read",
        Command::OpenUrl => "open_url",
        Command::SortList => "sort_list",
        Command::FilterByName => "filter_by_name",
        Command::ClearFilter => "clear_filter",
        Command::GoToDate => "go_to_date",
        Command::FilterList => "filter_list",
        Command::MergeName => "merge_name",
        Command::CompanionKind => "companion_kind",
        Command::SplitName => "split_name",
        Command::ToggleCopies => "toggle_copies",
    }
}

/// Every command of a key table, once each, in the order of their first binding.
pub fn commands(bindings: &[Binding]) -> Vec<Command> {
    let mut out: Vec<Command> = Vec::new();
    for b in bindings {
        if !out.contains(&b.command) {
            out.push(b.command);
        }
    }
    out
}

/// The command an action name stands for, among the commands of `bindings`.
pub fn parse_action(name: &str, bindings: &[Binding]) -> Option<Command> {
    commands(bindings)
        .into_iter()
        .find(|&c| action_name(c) == name)
}

/// The name of a key mode in the config file (`[keys.page]`).
pub fn mode_name(mode: KeyMode) -> &'static str {
    match mode {
        KeyMode::Normal => "normal",
        KeyMode::Overlay => "overlay",
        KeyMode::Page => "page",
        KeyMode::Directory => "directory",
    }
}

/// Every key mode, in the order the config file lists them.
pub const MODES: [KeyMode; 4] = [
    KeyMode::Normal,
    KeyMode::Overlay,
    KeyMode::Page,
    KeyMode::Directory,
];

pub fn parse_mode(name: &str) -> Option<KeyMode> {
    MODES.into_iter().find(|&m| mode_name(m) == name)
}

/// One `action = keys` line of the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    /// `None` for `[keys]` itself (every mode where the action has keys by default).
    pub mode: Option<KeyMode>,
    pub command: Command,
    pub keys: Vec<KeySpec>,
    /// Where it was written (1-based), for messages.
    pub line: usize,
}

/// A key given to two actions in one mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyConflict {
    pub mode: KeyMode,
    pub key: KeySpec,
    /// The action that keeps it (written first) and the one that loses it.
    pub kept: Command,
    pub dropped: Command,
    /// The line of the override that loses it.
    pub line: usize,
}

impl fmt::Display for KeyConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "key \"{}\" is given to both {} and {} in {} mode; {} keeps it",
            self.key,
            action_name(self.kept),
            action_name(self.dropped),
            mode_name(self.mode),
            action_name(self.kept),
        )
    }
}

/// The effective key table: `defaults` with `overrides` applied (see the module docs), and
/// the keys that two overrides both claimed (the first written keeps it). Bindings keep the
/// defaults' order; an action's new keys stand where its first default key stood.
pub fn apply(defaults: &[Binding], overrides: &[KeyOverride]) -> (Vec<Binding>, Vec<KeyConflict>) {
    // The keys each (mode, command) gets. A mode's own table wins over `[keys]`.
    let mut wanted: Vec<(KeyMode, Command, Vec<KeySpec>, usize)> = Vec::new();
    let mut ordered: Vec<&KeyOverride> = overrides.iter().collect();
    ordered.sort_by_key(|o| (o.mode.is_some(), o.line));
    for o in ordered {
        let modes: Vec<KeyMode> = match o.mode {
            Some(mode) => vec![mode],
            None => MODES
                .into_iter()
                .filter(|&m| {
                    defaults
                        .iter()
                        .any(|b| b.mode == m && b.command == o.command)
                })
                .collect(),
        };
        for mode in modes {
            let keys: Vec<KeySpec> = o
                .keys
                .iter()
                .copied()
                .filter(|k| o.mode.is_some() || mode != KeyMode::Directory || !k.types_text())
                .collect();
            wanted.retain(|(m, c, _, _)| !(*m == mode && *c == o.command));
            wanted.push((mode, o.command, keys, o.line));
        }
    }

    // Who gets each claimed key: the override written first.
    wanted.sort_by_key(|w| w.3);
    let mut claimed: Vec<(KeyMode, KeySpec, Command)> = Vec::new();
    let mut conflicts: Vec<KeyConflict> = Vec::new();
    for (mode, command, keys, line) in &mut wanted {
        keys.retain(
            |&key| match claimed.iter().find(|(m, k, _)| m == mode && *k == key) {
                Some(&(_, _, kept)) if kept != *command => {
                    conflicts.push(KeyConflict {
                        mode: *mode,
                        key,
                        kept,
                        dropped: *command,
                        line: *line,
                    });
                    false
                }
                Some(_) => false,
                None => {
                    claimed.push((*mode, key, *command));
                    true
                }
            },
        );
    }

    let mut out: Vec<Binding> = Vec::with_capacity(defaults.len());
    let mut placed: Vec<(KeyMode, Command)> = Vec::new();
    for b in defaults {
        let replaced = wanted
            .iter()
            .find(|(m, c, _, _)| *m == b.mode && *c == b.command);
        match replaced {
            // The same keys as before: the default bindings stay as they are.
            Some((mode, command, keys, _)) if same_keys(keys, defaults, *mode, *command) => {
                if !placed.contains(&(*mode, *command)) {
                    placed.push((*mode, *command));
                }
                out.push(*b);
            }
            Some((mode, command, keys, _)) => {
                if !placed.contains(&(*mode, *command)) {
                    placed.push((*mode, *command));
                    out.extend(keys.iter().map(|k| k.bind(*mode, *command)));
                }
            }
            None => {
                let key = KeySpec::of(b);
                let taken = claimed.iter().any(|(m, k, _)| *m == b.mode && *k == key);
                if !taken {
                    out.push(*b);
                }
            }
        }
    }
    // Actions given keys in a mode where they had none.
    for (mode, command, keys, _) in &wanted {
        if !placed.contains(&(*mode, *command)) {
            out.extend(keys.iter().map(|k| k.bind(*mode, *command)));
        }
    }
    (out, conflicts)
}

/// Whether `keys` are exactly the keys `command` has in `mode` in `defaults`.
fn same_keys(keys: &[KeySpec], defaults: &[Binding], mode: KeyMode, command: Command) -> bool {
    let had: Vec<KeySpec> = defaults
        .iter()
        .filter(|b| b.mode == mode && b.command == command)
        .map(KeySpec::of)
        .collect();
    had.len() == keys.len() && had.iter().all(|k| keys.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::DEFAULT_BINDINGS;

    fn key(text: &str) -> KeySpec {
        match KeySpec::parse(text) {
            Ok(k) => k,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn key_strings_read_as_the_terminal_sends_them() {
        let cases: &[(&str, KeyCode, KeyModifiers)] = &[
            ("q", KeyCode::Char('q'), KeyModifiers::NONE),
            ("Q", KeyCode::Char('Q'), KeyModifiers::NONE),
            ("shift-q", KeyCode::Char('Q'), KeyModifiers::NONE),
            ("<", KeyCode::Char('<'), KeyModifiers::NONE),
            ("-", KeyCode::Char('-'), KeyModifiers::NONE),
            ("ctrl--", KeyCode::Char('-'), KeyModifiers::CONTROL),
            ("ctrl-f", KeyCode::Char('f'), KeyModifiers::CONTROL),
            ("Ctrl-F", KeyCode::Char('F'), KeyModifiers::CONTROL),
            ("ctrl-shift-f", KeyCode::Char('F'), KeyModifiers::CONTROL),
            ("alt-x", KeyCode::Char('x'), KeyModifiers::ALT),
            ("shift-backspace", KeyCode::Backspace, KeyModifiers::SHIFT),
            ("enter", KeyCode::Enter, KeyModifiers::NONE),
            ("ESC", KeyCode::Esc, KeyModifiers::NONE),
            ("tab", KeyCode::Tab, KeyModifiers::NONE),
            ("backtab", KeyCode::BackTab, KeyModifiers::NONE),
            ("shift-tab", KeyCode::BackTab, KeyModifiers::NONE),
            ("up", KeyCode::Up, KeyModifiers::NONE),
            ("pgdn", KeyCode::PageDown, KeyModifiers::NONE),
            ("PageUp", KeyCode::PageUp, KeyModifiers::NONE),
            ("f1", KeyCode::F(1), KeyModifiers::NONE),
            ("F12", KeyCode::F(12), KeyModifiers::NONE),
            ("space", KeyCode::Char(' '), KeyModifiers::NONE),
            (" ", KeyCode::Char(' '), KeyModifiers::NONE),
            ("ctrl-space", KeyCode::Char(' '), KeyModifiers::CONTROL),
            ("]", KeyCode::Char(']'), KeyModifiers::NONE),
            ("?", KeyCode::Char('?'), KeyModifiers::NONE),
        ];
        for &(text, code, modifiers) in cases {
            assert_eq!(key(text), KeySpec::new(code, modifiers), "{text}");
        }
    }

    #[test]
    fn bad_key_strings_say_what_to_write() {
        assert_eq!(KeySpec::parse(""), Err(KeyError::Empty));
        assert!(matches!(
            KeySpec::parse("ctrl-banana"),
            Err(KeyError::Unknown(_))
        ));
        assert!(matches!(KeySpec::parse("f0"), Err(KeyError::Unknown(_))));
        assert!(matches!(
            KeySpec::parse("hyper-x"),
            Err(KeyError::Unknown(_))
        ));
        let err = KeySpec::parse("shift-1").map(|_| ()).unwrap_err();
        assert!(err.to_string().contains("\"!\" rather than"), "{err}");
    }

    #[test]
    fn every_default_key_writes_and_reads_back() {
        for b in DEFAULT_BINDINGS {
            let spec = KeySpec::of(b);
            assert_eq!(key(&spec.to_string()), spec, "{spec}");
        }
        assert_eq!(key("ctrl-c").to_string(), "ctrl-c");
        assert_eq!(key("shift-backspace").to_string(), "shift-backspace");
        assert_eq!(key(" ").to_string(), "space");
        assert_eq!(key("PageDown").to_string(), "pgdn");
    }

    #[test]
    fn every_command_has_one_name_that_reads_back() {
        let all = commands(DEFAULT_BINDINGS);
        for &c in &all {
            assert_eq!(parse_action(action_name(c), DEFAULT_BINDINGS), Some(c));
            assert!(
                parse_mode(action_name(c)).is_none(),
                "{c:?} reads as a mode"
            );
        }
        let mut names: Vec<&str> = all.iter().map(|&c| action_name(c)).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len());
    }

    fn over(mode: Option<KeyMode>, command: Command, keys: &[&str], line: usize) -> KeyOverride {
        KeyOverride {
            mode,
            command,
            keys: keys.iter().map(|k| key(k)).collect(),
            line,
        }
    }

    fn keys_of(bindings: &[Binding], mode: KeyMode, command: Command) -> Vec<String> {
        bindings
            .iter()
            .filter(|b| b.mode == mode && b.command == command)
            .map(|b| KeySpec::of(b).to_string())
            .collect()
    }

    #[test]
    fn an_override_replaces_the_keys_in_every_mode_it_had_keys() {
        let overrides = [over(None, Command::Down, &["n", "down"], 1)];
        let (bindings, conflicts) = apply(DEFAULT_BINDINGS, &overrides);
        assert!(conflicts.is_empty());
        for mode in [KeyMode::Normal, KeyMode::Overlay, KeyMode::Page] {
            assert_eq!(keys_of(&bindings, mode, Command::Down), ["n", "down"]);
        }
        // In the directory, `n` would type into the filter.
        assert_eq!(
            keys_of(&bindings, KeyMode::Directory, Command::Down),
            ["down"]
        );
        // `n` was next_match's in normal mode: it is down's now.
        assert!(keys_of(&bindings, KeyMode::Normal, Command::NextMatch).is_empty());
        assert_eq!(
            keys_of(&bindings, KeyMode::Normal, Command::PrevMatch),
            ["N"]
        );
    }

    #[test]
    fn a_mode_table_wins_over_keys_and_can_add_a_mode() {
        let overrides = [
            over(None, Command::Top, &["g"], 1),
            over(Some(KeyMode::Page), Command::Top, &["t"], 5),
            over(Some(KeyMode::Overlay), Command::Top, &["g"], 6),
        ];
        let (bindings, conflicts) = apply(DEFAULT_BINDINGS, &overrides);
        assert!(conflicts.is_empty());
        assert_eq!(keys_of(&bindings, KeyMode::Normal, Command::Top), ["g"]);
        assert_eq!(keys_of(&bindings, KeyMode::Page, Command::Top), ["t"]);
        assert_eq!(keys_of(&bindings, KeyMode::Overlay, Command::Top), ["g"]);
        // `home` is gone from normal mode; End still goes to the bottom.
        assert_eq!(
            keys_of(&bindings, KeyMode::Normal, Command::Bottom),
            ["G", "end"]
        );
    }

    #[test]
    fn an_empty_list_unbinds_and_two_claims_keep_the_first() {
        let overrides = [
            over(None, Command::Search, &[], 1),
            over(None, Command::Help, &["h"], 2),
            over(None, Command::Errors, &["h", "x"], 3),
        ];
        let (bindings, conflicts) = apply(DEFAULT_BINDINGS, &overrides);
        assert!(keys_of(&bindings, KeyMode::Normal, Command::Search).is_empty());
        assert_eq!(keys_of(&bindings, KeyMode::Normal, Command::Help), ["h"]);
        assert_eq!(keys_of(&bindings, KeyMode::Normal, Command::Errors), ["x"]);
        assert_eq!(conflicts.len(), 3, "{conflicts:?}"); // normal, overlay, page
        assert_eq!(conflicts[0].line, 3);
        assert_eq!(
            conflicts[0].to_string(),
            "key \"h\" is given to both help and errors in normal mode; help keeps it"
        );
    }

    #[test]
    fn no_overrides_is_the_default_table() {
        let (bindings, conflicts) = apply(DEFAULT_BINDINGS, &[]);
        assert!(conflicts.is_empty());
        assert_eq!(format!("{bindings:?}"), format!("{DEFAULT_BINDINGS:?}"));
    }
}
