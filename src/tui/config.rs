//! The user's config file: keys, theme, layout and library, as TOML under the XDG config
//! folder (`~/.config/khabar/config.toml`, or `--config FILE`).
//!
//! Loading never stops the reader: a missing file is the defaults; a file that is not valid
//! TOML, or has an unknown section or field, is the defaults plus one error; a bad value (an
//! unknown action, key, colour or width) drops that value alone, keeps the rest, and adds an
//! error. Every error names the file, line and column, and says what to write instead.
//! `assets/config.toml` ([`DEFAULT_CONFIG`]) is the commented default file.
//!
//! - [`keys`]: key strings, action names, overrides applied to the reader's key table;
//! - [`theme`]: dark and light palettes, colour overrides, `NO_COLOR`.

pub mod keys;
pub mod theme;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use thiserror::Error;
use toml::Spanned;

use crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::keymap::{Binding, Command, DEFAULT_BINDINGS, KeyMode};

use keys::{KeyOverride, KeySpec};
use theme::{ColorSpec, Role, Theme, ThemeConfig, ThemeName};

/// The commented default config, every action with its default keys.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

/// The key that always quits.
const CTRL_C: KeySpec = KeySpec::new(KeyCode::Char('c'), KeyModifiers::CONTROL);

/// The config file's name inside the `khabar` config folder.
pub const FILE_NAME: &str = "config.toml";

/// Where the config is read from: `given` (`--config`) when there is one, else
/// `$XDG_CONFIG_HOME/khabar/config.toml` (usually `~/.config/khabar/config.toml`); `None`
/// when the platform has no config folder.
pub fn config_path(given: Option<&Path>) -> Option<PathBuf> {
    match given {
        Some(path) => Some(path.to_path_buf()),
        None => dirs::config_dir().map(|d| d.join("khabar").join(FILE_NAME)),
    }
}

/// Everything the config file can set. [`Config::default`] is what the reader does without
/// one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// `[keys]` and `[keys.MODE]`, in file order; apply with [`Config::bindings`].
    pub keys: Vec<KeyOverride>,
    pub theme: ThemeConfig,
    pub layout: LayoutConfig,
    pub library: LibraryConfig,
}

/// `[layout]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayoutConfig {
    /// `None`: the reader's own width for the window.
    pub sidebar_width: Option<SidebarWidth>,
    pub sidebar_side: Side,
}

/// `sidebar_width = 30` (columns) or `sidebar_width = "25%"` (of the window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarWidth {
    Columns(u16),
    Percent(u16),
}

impl SidebarWidth {
    pub const COLUMNS: std::ops::RangeInclusive<u16> = 12..=120;
    pub const PERCENT: std::ops::RangeInclusive<u16> = 10..=60;

    /// The width in columns in a window `total` columns wide (never more than half of it).
    pub fn columns(self, total: u16) -> u16 {
        let wanted = match self {
            SidebarWidth::Columns(n) => n,
            SidebarWidth::Percent(p) => (u32::from(total) * u32::from(p) / 100) as u16,
        };
        wanted.min(total / 2)
    }
}

/// Which side of the reader the sidebar stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    Left,
    #[default]
    Right,
}

/// `[library]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LibraryConfig {
    /// The folder opened when `khabar` is started without one (`~` expanded).
    pub default_folder: Option<PathBuf>,
    /// `reopen_last = true`: at start, open the article of the folder read last, where it
    /// was left.
    pub reopen_last: bool,
}

impl Config {
    /// The reader's key table: [`DEFAULT_BINDINGS`] with the `[keys]` overrides applied.
    pub fn bindings(&self) -> Vec<Binding> {
        self.bindings_over(DEFAULT_BINDINGS)
    }

    /// `defaults` with the `[keys]` overrides applied (see [`keys`]). Ctrl-c quits in every
    /// mode whatever the overrides say, so there is always a way out, and help shows it.
    pub fn bindings_over(&self, defaults: &[Binding]) -> Vec<Binding> {
        let mut bindings = keys::apply(defaults, &self.keys).0;
        bindings.retain(|b| KeySpec::of(b) != CTRL_C || b.command == Command::Quit);
        for mode in keys::MODES {
            let has = bindings
                .iter()
                .any(|b| b.mode == mode && KeySpec::of(b) == CTRL_C);
            if !has {
                bindings.push(CTRL_C.bind(mode, Command::Quit));
            }
        }
        bindings
    }

    /// The styles to draw with; no colour when `NO_COLOR` is set (see
    /// [`theme::no_color_from_env`]).
    pub fn theme(&self, no_color: bool) -> Theme {
        self.theme.resolve(no_color)
    }

    /// Reads a config file's text; `path` only names it in errors. Returns what could be
    /// read (the defaults where nothing could) and every problem found, by line.
    pub fn parse(text: &str, path: &Path) -> (Config, Vec<ConfigError>) {
        let mut errors = Vec::new();
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let at = e.span().map_or(0, |s| s.start);
                let message = format!(
                    "{}; khabar uses its default settings",
                    e.message().trim_end()
                );
                errors.push(ConfigError::at(path, &Lines::new(text), at, message));
                return (Config::default(), errors);
            }
        };
        let mut problems: Vec<(usize, String)> = Vec::new();
        let lines = Lines::new(text);
        let mut keys = read_keys(&raw.keys, &lines, &mut problems);
        keep_a_quit_key(&mut keys, &lines, &mut problems);
        let config = Config {
            keys,
            theme: read_theme(&raw.theme, &mut problems),
            layout: read_layout(&raw.layout, &mut problems),
            library: read_library(&raw.library, &mut problems),
        };
        let (_, conflicts) = keys::apply(DEFAULT_BINDINGS, &config.keys);
        for c in conflicts {
            problems.push((lines.start_of(c.line), c.to_string()));
        }
        // However many problems the file has, the user is shown the first few and a count:
        // a file of 200,000 unknown names must load as fast as a clean one.
        problems.sort_by_key(|p| p.0);
        let more = problems.len().saturating_sub(MAX_REPORTED);
        problems.truncate(MAX_REPORTED);
        errors.extend(
            problems
                .into_iter()
                .map(|(at, message)| ConfigError::at(path, &lines, at, message)),
        );
        if more > 0 {
            errors.push(ConfigError::More {
                path: path.to_path_buf(),
                count: more,
            });
        }
        (config, errors)
    }

    /// Reads the config at `path`. A missing file is the defaults, without error, unless
    /// `required` (a path the user gave with `--config`).
    pub fn load(path: &Path, required: bool) -> Loaded {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let (config, errors) = Config::parse(&text, path);
                Loaded {
                    config,
                    path: Some(path.to_path_buf()),
                    errors,
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Loaded {
                config: Config::default(),
                path: None,
                errors: Vec::new(),
            },
            Err(source) => Loaded {
                config: Config::default(),
                path: None,
                errors: vec![ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                }],
            },
        }
    }

    /// Reads the config from `--config FILE` when given (it must exist), else from the XDG
    /// config folder (it may not).
    pub fn load_default(given: Option<&Path>) -> Loaded {
        match config_path(given) {
            Some(path) => Config::load(&path, given.is_some()),
            None => Loaded::default(),
        }
    }
}

/// What loading found: the config to use, the file it came from (`None` when there was
/// none), and the problems to show the user.
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
    pub errors: Vec<ConfigError>,
}

/// A problem with the config file, in words the user can act on.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the config file {}: {source}; khabar uses its default settings", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Line and column are 1-based; the column counts characters.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Problems beyond the first [`MAX_REPORTED`], counted rather than listed.
    #[error("{}: {MORE_PREFIX}{count} more problems after these; fix these and look again", path.display())]
    More { path: PathBuf, count: usize },
}

/// How many problems of a config file are reported one by one.
pub const MAX_REPORTED: usize = 20;

/// How a [`ConfigError::More`] message starts, after the path.
const MORE_PREFIX: &str = "and ";

/// How many problems a list of config messages stands for: each message counts one, and a
/// [`ConfigError::More`] message the problems it counts.
pub fn problem_count(messages: &[String]) -> usize {
    messages
        .iter()
        .map(|m| {
            m.rsplit_once(": ")
                .and_then(|(_, tail)| tail.strip_prefix(MORE_PREFIX))
                .and_then(|tail| {
                    tail.strip_suffix(" more problems after these; fix these and look again")
                })
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(1)
        })
        .sum()
}

impl ConfigError {
    fn at(path: &Path, lines: &Lines<'_>, offset: usize, message: String) -> ConfigError {
        let (line, column) = lines.line_column(offset);
        ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    }

    /// The 1-based line the problem is on, when it is on one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ConfigError::Invalid { line, .. } => Some(*line),
            ConfigError::Read { .. } | ConfigError::More { .. } => None,
        }
    }
}

/// The text with where each line starts, found once: turning an offset into a line is a
/// binary search, so reporting problems stays linear in the file's size.
struct Lines<'a> {
    text: &'a str,
    /// Byte offset of each line's start; the first is 0.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// 1-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let mut at = offset.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.line_of(at);
        let start = self.starts[line - 1];
        (line, text[start..at].chars().count() + 1)
    }

    /// Byte offset where 1-based `line` starts.
    fn start_of(&self, line: usize) -> usize {
        match line {
            0 | 1 => 0,
            n => self.starts.get(n - 1).copied().unwrap_or(self.text.len()),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
#[cfg(test)]
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    Lines::new(text).line_column(offset)
}

/// Byte offset where 1-based `line` starts.
#[cfg(test)]
fn line_start(text: &str, line: usize) -> usize {
    Lines::new(text).start_of(line)
}

fn line_of(lines: &Lines<'_>, span: &Range<usize>) -> usize {
    lines.line_of(span.start)
}

// ---------------------------------------------------------------------------------------
// The file as TOML gives it, with spans.

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawConfig {
    keys: RawTable,
    theme: BTreeMap<Spanned<String>, Spanned<String>>,
    layout: RawLayout,
    library: RawLibrary,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawLayout {
    sidebar_width: Option<Spanned<toml::Value>>,
    sidebar_side: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawLibrary {
    default_folder: Option<Spanned<String>>,
    reopen_last: Option<Spanned<bool>>,
}

/// A table under `[keys]`: names with their values, in file order.
#[derive(Debug, Default)]
struct RawTable(Vec<Entry>);

type Entry = (Spanned<String>, Spanned<RawKeys>);

/// One value under `[keys]`: a key, a list of keys, or a mode's table.
#[derive(Debug)]
enum RawKeys {
    One(String),
    Many(Vec<Spanned<String>>),
    Table(RawTable),
}

impl<'de> Deserialize<'de> for RawTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawTable;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of actions and keys")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTable, A::Error> {
                let mut out = Vec::new();
                while let Some(name) = map.next_key::<Spanned<String>>()? {
                    out.push((name, map.next_value::<Spanned<RawKeys>>()?));
                }
                Ok(RawTable(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for RawKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawKeys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key (\"q\"), a list of keys ([\"q\", \"ctrl-c\"]) or a mode's table")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawKeys, E> {
                Ok(RawKeys::One(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawKeys, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = seq.next_element::<Spanned<String>>()? {
                    out.push(key);
                }
                Ok(RawKeys::Many(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawKeys, A::Error> {
                RawTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawKeys::Table)
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------------------
// From the raw file to the config, one problem per bad value.

type Problems = Vec<(usize, String)>;

/// The actions keys can be given to, by name, and the list of their names for messages;
/// found once per file rather than once per entry.
struct Actions {
    by_name: Vec<(&'static str, Command)>,
    list: String,
}

impl Actions {
    fn new() -> Actions {
        let by_name: Vec<(&'static str, Command)> = keys::commands(DEFAULT_BINDINGS)
            .into_iter()
            .map(|c| (keys::action_name(c), c))
            .collect();
        let list = by_name
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ");
        Actions { by_name, list }
    }

    fn parse(&self, name: &str) -> Option<Command> {
        self.by_name
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, c)| c)
    }
}

/// A `quit` override that leaves a mode where quit had keys without any is dropped, with
/// an error: the mode keeps its default quit keys.
fn keep_a_quit_key(keys: &mut Vec<KeyOverride>, lines: &Lines<'_>, problems: &mut Problems) {
    loop {
        let (bindings, _) = keys::apply(DEFAULT_BINDINGS, keys);
        let has_quit = |bs: &[Binding], mode: KeyMode| {
            bs.iter()
                .any(|b| b.mode == mode && b.command == Command::Quit)
        };
        // `[keys]` leaves out of the directory the keys that would type into its filter
        // (Ctrl-c quits there whatever the config says): only `[keys.directory]` can leave
        // it without a quit key of its own.
        let named = |m: KeyMode| {
            keys.iter()
                .any(|o| o.command == Command::Quit && o.mode == Some(m))
        };
        let bare: Vec<KeyMode> = keys::MODES
            .into_iter()
            .filter(|&m| has_quit(DEFAULT_BINDINGS, m) && !has_quit(&bindings, m))
            .filter(|&m| m != KeyMode::Directory || named(m))
            .collect();
        let culprit = keys.iter().rposition(|o| {
            o.command == Command::Quit
                && match o.mode {
                    Some(m) => bare.contains(&m),
                    None => bare.iter().any(|&m| !named(m)),
                }
        });
        let Some(i) = culprit else { return };
        let dropped = keys.remove(i);
        let modes: Vec<&str> = bare.iter().map(|&m| keys::mode_name(m)).collect();
        problems.push((
            lines.start_of(dropped.line),
            format!(
                "quit has no key left in {} mode: khabar keeps its default quit keys (q, \
                 ctrl-c) there; give quit a key, such as quit = [\"q\"]",
                modes.join(", ")
            ),
        ));
    }
}

fn read_keys(raw: &RawTable, lines: &Lines<'_>, problems: &mut Problems) -> Vec<KeyOverride> {
    let actions = Actions::new();
    let mut out = Vec::new();
    let mut direct: Vec<&Entry> = Vec::new();
    for entry in &raw.0 {
        let (name, value) = entry;
        let RawKeys::Table(table) = value.get_ref() else {
            direct.push(entry);
            continue;
        };
        match keys::parse_mode(name.get_ref()) {
            Some(mode) => {
                let entries: Vec<&Entry> = table.0.iter().collect();
                read_mode(Some(mode), &entries, (&actions, lines), problems, &mut out);
            }
            None => problems.push((
                name.span().start,
                format!(
                    "unknown key mode [keys.{}]: the modes are normal, overlay, page and \
                     directory",
                    name.get_ref()
                ),
            )),
        }
    }
    read_mode(None, &direct, (&actions, lines), problems, &mut out);
    out.sort_by_key(|o| o.line);
    out
}

fn read_mode(
    mode: Option<KeyMode>,
    entries: &[&Entry],
    (actions, lines): (&Actions, &Lines<'_>),
    problems: &mut Problems,
    out: &mut Vec<KeyOverride>,
) {
    for (name, value) in entries.iter().map(|e| (&e.0, &e.1)) {
        let at = name.span().start;
        let Some(command) = actions.parse(name.get_ref()) else {
            problems.push((
                at,
                format!(
                    "unknown action \"{}\"; the actions are: {}",
                    name.get_ref(),
                    actions.list
                ),
            ));
            continue;
        };
        let written: Vec<(String, Range<usize>)> = match value.get_ref() {
            RawKeys::One(s) => vec![(s.clone(), value.span())],
            RawKeys::Many(list) => list
                .iter()
                .map(|s| (s.get_ref().clone(), s.span()))
                .collect(),
            RawKeys::Table(_) => {
                problems.push((
                    value.span().start,
                    format!(
                        "\"{}\" is a table; write its keys as \"q\" or [\"q\", \"ctrl-c\"]",
                        name.get_ref()
                    ),
                ));
                continue;
            }
        };
        let mut specs = Vec::new();
        for (key, span) in written {
            match KeySpec::parse(&key) {
                Ok(spec) if mode == Some(KeyMode::Directory) && spec.types_text() => {
                    problems.push((
                        span.start,
                        format!(
                            "\"{key}\" types into the directory's filter; bind a key that types \
                             nothing there (ctrl-…, enter, esc, arrows, f1 …)"
                        ),
                    ));
                }
                Ok(spec) if spec == CTRL_C && command != Command::Quit => {
                    problems.push((
                        span.start,
                        format!(
                            "ctrl-c always quits; give {} another key",
                            keys::action_name(command)
                        ),
                    ));
                }
                Ok(spec) if !specs.contains(&spec) => specs.push(spec),
                Ok(_) => {}
                Err(e) => problems.push((span.start, e.to_string())),
            }
        }
        out.push(KeyOverride {
            mode,
            command,
            keys: specs,
            line: line_of(lines, &name.span()),
        });
    }
}

fn read_theme(
    raw: &BTreeMap<Spanned<String>, Spanned<String>>,
    problems: &mut Problems,
) -> ThemeConfig {
    let mut config = ThemeConfig::default();
    let mut entries: Vec<_> = raw.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (key, value) in entries {
        let at = value.span().start;
        if key.get_ref() == "name" {
            match ThemeName::parse(value.get_ref()) {
                Some(name) => config.name = name,
                None => problems.push((
                    at,
                    format!(
                        "unknown theme \"{}\": write \"dark\" or \"light\"",
                        value.get_ref()
                    ),
                )),
            }
            continue;
        }
        let Some(role) = Role::parse(key.get_ref()) else {
            let roles: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
            problems.push((
                key.span().start,
                format!(
                    "unknown theme setting \"{}\": write name, or a colour for one of {}",
                    key.get_ref(),
                    roles.join(", ")
                ),
            ));
            continue;
        };
        match ColorSpec::parse(value.get_ref(), role) {
            Ok(spec) => config.overrides.push((role, spec)),
            Err(e) => problems.push((at, e.to_string())),
        }
    }
    config
}

fn read_layout(raw: &RawLayout, problems: &mut Problems) -> LayoutConfig {
    let mut config = LayoutConfig::default();
    if let Some(width) = &raw.sidebar_width {
        let (c, p) = (SidebarWidth::COLUMNS, SidebarWidth::PERCENT);
        let help = format!(
            "write columns ({}-{}) as a number, or a share of the window ({}%-{}%) as \"25%\"",
            c.start(),
            c.end(),
            p.start(),
            p.end()
        );
        let parsed = match width.get_ref() {
            toml::Value::Integer(n) => u16::try_from(*n)
                .ok()
                .filter(|n| c.contains(n))
                .map(SidebarWidth::Columns),
            toml::Value::String(s) => s
                .trim()
                .strip_suffix('%')
                .and_then(|n| n.trim().parse::<u16>().ok())
                .filter(|n| p.contains(n))
                .map(SidebarWidth::Percent),
            _ => None,
        };
        match parsed {
            Some(w) => config.sidebar_width = Some(w),
            None => problems.push((
                width.span().start,
                format!("sidebar_width = {}: {help}", width.get_ref()),
            )),
        }
    }
    if let Some(side) = &raw.sidebar_side {
        match side.get_ref().to_ascii_lowercase().as_str() {
            "left" => config.sidebar_side = Side::Left,
            "right" => config.sidebar_side = Side::Right,
            other => problems.push((
                side.span().start,
                format!("sidebar_side = \"{other}\": write \"left\" or \"right\""),
            )),
        }
    }
    config
}

fn read_library(raw: &RawLibrary, problems: &mut Problems) -> LibraryConfig {
    let mut config = LibraryConfig::default();
    if let Some(folder) = &raw.default_folder {
        let text = folder.get_ref().trim();
        if text.is_empty() {
            problems.push((
                folder.span().start,
                "default_folder is empty: write a folder such as \"~/news\"".to_string(),
            ));
        } else {
            config.default_folder = Some(expand_home(text));
        }
    }
    config.reopen_last = raw.reopen_last.as_ref().is_some_and(|r| *r.get_ref());
    config
}

/// `~` and `~/…` as the home folder.
fn expand_home(path: &str) -> PathBuf {
    let home = dirs::home_dir();
    match (path.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home,
        (Some(rest), Some(home)) if rest.starts_with('/') => home.join(&rest[1..]),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests;
