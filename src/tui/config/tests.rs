use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Style};

use super::keys::{KeySpec, action_name, commands};
use super::*;
use crate::tui::keymap::{Command, lookup};

fn parse(text: &str) -> (Config, Vec<ConfigError>) {
    Config::parse(text, Path::new("config.toml"))
}

fn messages(errors: &[ConfigError]) -> Vec<String> {
    errors.iter().map(|e| e.to_string()).collect()
}

fn sorted(bindings: &[Binding]) -> Vec<String> {
    let mut out: Vec<String> = bindings.iter().map(|b| format!("{b:?}")).collect();
    out.sort();
    out
}

#[test]
fn the_shipped_config_is_exactly_the_defaults() {
    let (config, errors) = parse(DEFAULT_CONFIG);
    assert!(errors.is_empty(), "{:?}", messages(&errors));
    assert_eq!(
        format!("{:?}", config.bindings()),
        format!("{DEFAULT_BINDINGS:?}")
    );
    assert_eq!(config.theme, ThemeConfig::default());
    assert_eq!(config.layout, LayoutConfig::default());
    assert_eq!(config.library, LibraryConfig::default());
    // Every action is listed, so the file documents them all.
    for command in commands(DEFAULT_BINDINGS) {
        let name = action_name(command);
        assert!(
            config.keys.iter().any(|o| o.command == command),
            "assets/config.toml does not list {name}"
        );
    }
}

#[test]
fn the_shipped_config_lists_the_default_keys_of_every_mode() {
    // Re-deriving each mode's table from the file alone (every override applied to an
    // empty table in the modes where the defaults have the action) gives the defaults.
    let (config, _) = parse(DEFAULT_CONFIG);
    let bindings = config.bindings();
    assert_eq!(sorted(&bindings), sorted(DEFAULT_BINDINGS));
}

#[test]
fn a_missing_file_is_the_defaults_without_error() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = Config::load(&dir.path().join("config.toml"), false);
    assert!(loaded.errors.is_empty());
    assert_eq!(loaded.config, Config::default());
    assert!(loaded.path.is_none());
    // Given on the command line, it must exist.
    let loaded = Config::load(&dir.path().join("config.toml"), true);
    assert_eq!(loaded.errors.len(), 1);
    assert!(
        loaded.errors[0]
            .to_string()
            .starts_with("cannot read the config file")
    );
}

#[test]
fn a_file_on_disk_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys]\nquit = \"x\"\n").unwrap();
    let loaded = Config::load(&path, true);
    assert!(loaded.errors.is_empty());
    assert_eq!(loaded.path.as_deref(), Some(path.as_path()));
    let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    let bindings = loaded.config.bindings();
    assert_eq!(lookup(&bindings, KeyMode::Normal, x), Some(Command::Quit));
}

#[test]
fn the_path_is_the_given_one_or_under_the_config_folder() {
    assert_eq!(
        config_path(Some(Path::new("/tmp/k.toml"))),
        Some(PathBuf::from("/tmp/k.toml"))
    );
    if let Some(path) = config_path(None) {
        assert!(path.ends_with("khabar/config.toml"), "{}", path.display());
    }
}

#[test]
fn invalid_toml_names_the_line_and_column_and_keeps_the_defaults() {
    let (config, errors) = parse("[keys]\nquit = \"q\"\nsearch = \n");
    assert_eq!(config, Config::default());
    assert_eq!(errors.len(), 1);
    let ConfigError::Invalid { line, column, .. } = &errors[0] else {
        panic!("{:?}", errors[0]);
    };
    assert_eq!((*line, *column), (3, 10));
    let text = errors[0].to_string();
    assert!(text.starts_with("config.toml:3:10: "), "{text}");
    assert!(text.ends_with("khabar uses its default settings"), "{text}");
}

#[test]
fn an_unknown_section_or_field_is_an_error_on_its_line() {
    let (config, errors) =
        parse("[layout]\nsidebar_side = \"left\"\n\n[colours]\nperson = \"red\"\n");
    assert_eq!(config, Config::default());
    assert_eq!(errors[0].line(), Some(4), "{:?}", messages(&errors));
    assert!(errors[0].to_string().contains("colours"));

    let (_, errors) = parse("[layout]\nsidebar = 30\n");
    assert_eq!(errors[0].line(), Some(2), "{:?}", messages(&errors));
    assert!(errors[0].to_string().contains("sidebar_width"));
}

#[test]
fn bad_values_are_dropped_one_by_one_each_with_its_line() {
    let text = "\
[keys]
quit = [\"q\", \"ctrl-banana\"]
nxt_person = \"]\"
search = \"shift-1\"
help = \"h\"

[keys.pager]
top = \"t\"

[keys.directory]
down = [\"j\", \"ctrl-n\"]

[theme]
name = \"sepia\"
person = \"#12345\"
place = \"blue\"
heading = \"red\"

[layout]
sidebar_width = 500
sidebar_side = \"middle\"
";
    let (config, errors) = parse(text);
    let found: Vec<(Option<usize>, String)> =
        errors.iter().map(|e| (e.line(), e.to_string())).collect();
    let lines: Vec<usize> = found.iter().filter_map(|(l, _)| *l).collect();
    assert_eq!(lines, [2, 3, 4, 7, 11, 14, 15, 17, 20, 21], "{found:#?}");
    assert!(found[0].1.contains("unknown key \"ctrl-banana\""));
    assert!(found[1].1.contains("unknown action \"nxt_person\""));
    assert!(
        found[1].1.contains("next_person"),
        "the message lists the actions"
    );
    assert!(found[3].1.contains("[keys.pager]"));
    assert!(found[4].1.contains("types into the directory's filter"));
    assert!(found[5].1.contains("\"dark\" or \"light\""));
    assert!(found[6].1.contains("#rrggbb"));
    assert!(found[8].1.contains("12-120"));
    assert_eq!(found[0].1.split(": ").next(), Some("config.toml:2:14"));

    // What could be read is kept.
    let bindings = config.bindings();
    let key = |c, m| KeyEvent::new(KeyCode::Char(c), m);
    assert_eq!(
        lookup(&bindings, KeyMode::Normal, key('q', KeyModifiers::NONE)),
        Some(Command::Quit)
    );
    // Ctrl-c is no longer among quit's keys, yet it quits: it always does.
    assert_eq!(
        lookup(&bindings, KeyMode::Normal, key('c', KeyModifiers::CONTROL)),
        Some(Command::Quit)
    );
    assert_eq!(
        lookup(&bindings, KeyMode::Normal, key('h', KeyModifiers::NONE)),
        Some(Command::Help)
    );
    // `search = "shift-1"` read nothing: search has no key now.
    assert_eq!(
        lookup(&bindings, KeyMode::Normal, key('/', KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        lookup(
            &bindings,
            KeyMode::Directory,
            key('n', KeyModifiers::CONTROL)
        ),
        Some(Command::Down)
    );
    let theme = config.theme(false);
    assert_eq!(theme.place, Style::new().fg(Color::Blue));
    assert_eq!(theme.person, Theme::dark().person);
    assert_eq!(config.layout, LayoutConfig::default());
}

#[test]
fn a_key_given_twice_is_reported_on_the_later_line() {
    let (config, errors) = parse("[keys]\nhelp = \"x\"\nerrors = \"x\"\n");
    assert_eq!(errors.len(), 3, "{:?}", messages(&errors)); // normal, overlay, page
    assert!(errors.iter().all(|e| e.line() == Some(3)));
    let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(
        lookup(&config.bindings(), KeyMode::Normal, x),
        Some(Command::Help)
    );
}

#[test]
fn mode_tables_and_keys_mix() {
    let text = "\
[keys]
page_down = [\"space\", \"pgdn\", \"ctrl-f\"]

[keys.page]
top = [\"g\", \"home\", \"ctrl-a\"]
";
    let (config, errors) = parse(text);
    assert!(errors.is_empty(), "{:?}", messages(&errors));
    let bindings = config.bindings();
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    for mode in [
        KeyMode::Normal,
        KeyMode::Overlay,
        KeyMode::Page,
        KeyMode::Directory,
    ] {
        assert_eq!(
            lookup(&bindings, mode, ctrl('f')),
            Some(Command::PageDown),
            "{mode:?}"
        );
    }
    assert_eq!(
        lookup(&bindings, KeyMode::Page, ctrl('a')),
        Some(Command::Top)
    );
    assert_eq!(lookup(&bindings, KeyMode::Normal, ctrl('a')), None);
    let overrides: Vec<(Option<KeyMode>, Command, usize)> = config
        .keys
        .iter()
        .map(|o| (o.mode, o.command, o.line))
        .collect();
    assert_eq!(
        overrides,
        [
            (None, Command::PageDown, 2),
            (Some(KeyMode::Page), Command::Top, 5)
        ]
    );
    assert_eq!(
        config.keys[0].keys,
        [
            KeySpec::new(KeyCode::Char(' '), KeyModifiers::NONE),
            KeySpec::new(KeyCode::PageDown, KeyModifiers::NONE),
            KeySpec::new(KeyCode::Char('f'), KeyModifiers::CONTROL),
        ]
    );
}

#[test]
fn theme_layout_and_library_are_read() {
    let text = "\
[theme]
name = \"light\"
selection = \"black on #ffd700\"

[layout]
sidebar_width = \"25%\"
sidebar_side = \"left\"

[library]
default_folder = \"~/news\"
reopen_last = true
";
    let (config, errors) = parse(text);
    assert!(errors.is_empty(), "{:?}", messages(&errors));
    let theme = config.theme(false);
    assert_eq!(
        theme.selection,
        Style::new()
            .bg(Color::Rgb(0xff, 0xd7, 0x00))
            .fg(Color::Black)
    );
    assert_eq!(theme.person, Theme::light().person);
    assert_eq!(config.theme(true), Theme::plain());
    assert_eq!(
        config.layout,
        LayoutConfig {
            sidebar_width: Some(SidebarWidth::Percent(25)),
            sidebar_side: Side::Left,
        }
    );
    assert_eq!(SidebarWidth::Percent(25).columns(120), 30);
    assert_eq!(SidebarWidth::Columns(80).columns(120), 60);
    assert!(config.library.reopen_last);
    let folder = config.library.default_folder.unwrap();
    assert!(folder.ends_with("news"));
    if dirs::home_dir().is_some() {
        assert!(!folder.starts_with("~"), "{}", folder.display());
    }

    let (config, errors) = parse("[layout]\nsidebar_width = 30\n");
    assert!(errors.is_empty());
    assert_eq!(config.layout.sidebar_width, Some(SidebarWidth::Columns(30)));
}

#[test]
fn line_and_column_count_characters() {
    let text = "# टिप्पणी\nक = 1";
    assert_eq!(line_column(text, text.find('=').unwrap()), (2, 3));
    assert_eq!(line_column(text, 0), (1, 1));
    assert_eq!(line_start(text, 2), text.find('क').unwrap());
}

fn keys_of(bindings: &[Binding], mode: KeyMode, command: Command) -> Vec<String> {
    bindings
        .iter()
        .filter(|b| b.mode == mode && b.command == command)
        .map(|b| KeySpec::of(b).to_string())
        .collect()
}

#[test]
fn quit_without_keys_is_an_error_and_the_default_quit_keys_stay() {
    let (config, errors) = parse("[keys]\nsearch = \"/\"\nquit = []\n");
    assert_eq!(errors.len(), 1, "{:?}", messages(&errors));
    assert_eq!(errors[0].line(), Some(3));
    let text = errors[0].to_string();
    assert!(text.contains("quit has no key"), "{text}");
    assert!(text.contains("default quit keys (q, ctrl-c)"), "{text}");
    let bindings = config.bindings();
    for mode in keys::MODES {
        assert!(
            keys_of(&bindings, mode, Command::Quit).contains(&"ctrl-c".to_string()),
            "{mode:?}"
        );
    }
    assert_eq!(
        keys_of(&bindings, KeyMode::Normal, Command::Quit),
        ["q", "ctrl-c"]
    );
    // Help still shows a way out.
    let help = crate::tui::keymap::help_rows(&bindings, KeyMode::Normal);
    assert!(
        help.iter()
            .any(|(keys, what)| *what == "quit" && keys.contains('q'))
    );
}

#[test]
fn a_mode_table_that_leaves_quit_without_keys_is_an_error_for_that_mode() {
    let (config, errors) = parse("[keys.page]\nquit = []\n");
    assert_eq!(errors.len(), 1, "{:?}", messages(&errors));
    assert!(errors[0].to_string().contains("in page mode"));
    let bindings = config.bindings();
    assert_eq!(
        keys_of(&bindings, KeyMode::Page, Command::Quit),
        ["q", "ctrl-c"]
    );
}

#[test]
fn ctrl_c_quits_whatever_the_config_says() {
    let (config, errors) = parse("[keys]\nquit = [\"x\"]\nsearch = [\"/\", \"ctrl-c\"]\n");
    assert_eq!(errors.len(), 1, "{:?}", messages(&errors));
    assert!(errors[0].to_string().contains("ctrl-c always quits"));
    let bindings = config.bindings();
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for mode in keys::MODES {
        assert_eq!(
            lookup(&bindings, mode, ctrl_c),
            Some(Command::Quit),
            "{mode:?}"
        );
    }
    assert_eq!(
        keys_of(&bindings, KeyMode::Normal, Command::Quit),
        ["x", "ctrl-c"]
    );
    assert_eq!(keys_of(&bindings, KeyMode::Normal, Command::Search), ["/"]);
}

/// `n` unknown action names under `[keys]` and `n` unknown settings under `[theme]`.
fn config_with_unknown_names(n: usize) -> String {
    let mut text = String::from("[keys]\nquit = \"q\"\n");
    for i in 0..n {
        text.push_str(&format!("no_such_action_{i} = \"x\"\n"));
    }
    text.push_str("[theme]\n");
    for i in 0..n {
        text.push_str(&format!("no_such_colour_{i} = \"red\"\n"));
    }
    text
}

#[test]
fn a_config_of_many_unknown_names_loads_and_reports_the_first_few_and_a_count() {
    let n = 100_000; // 200,000 unknown names in all
    let text = config_with_unknown_names(n);
    let started = std::time::Instant::now();
    let (config, errors) = parse(&text);
    eprintln!("{} unknown names: parsed in {:?}", 2 * n, started.elapsed());
    assert_eq!(errors.len(), MAX_REPORTED + 1);
    assert_eq!(errors[0].line(), Some(3));
    assert!(errors[0].to_string().contains("no_such_action_0"));
    let ConfigError::More { count, .. } = &errors[MAX_REPORTED] else {
        panic!("{:?}", messages(&errors));
    };
    assert_eq!(*count, 2 * n - MAX_REPORTED);
    let last = errors[MAX_REPORTED].to_string();
    assert!(last.contains(&format!("and {count} more")), "{last}");
    assert_eq!(problem_count(&messages(&errors)), 2 * n);
    // The names that are known still count.
    assert_eq!(config.keys.len(), 1);
}
