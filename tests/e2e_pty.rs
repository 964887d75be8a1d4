//! End-to-end smoke tests of the terminal's own path (the reader's behaviour is tested
//! through `update` and `TestBackend` screens in `src/tui/scenarios.rs`, in milliseconds):
//! the real `khabar` binary runs in a pseudo-terminal, its output is fed
//! to a `vt100` screen of the same size, keys are pressed as raw bytes, and after every key
//! the screen is checked the way a user would see it: every pane border intact from corner
//! to corner, no row running past the right edge, the opened article's title on screen.
//!
//! The fixtures in `tests/fixtures/wide/` are full of Devanagari clusters that take 3 or 4
//! columns (स्त्री, ष्ट्री, न्द्र, क्ष्म, द्ध्र्य), very long titles and words of 80+ columns with
//! no space, which are what break a reader that measures clusters wrongly.
//!
//! Helpers come first: [`Tui`] (spawn, keys, waiting, resizing, quitting) and
//! [`border_problems`] (the border check, a port of `tui_check.py`'s).

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use portable_pty::{Child, MasterPty};
use unicode_width::UnicodeWidthStr;

#[path = "support/grapheme_screen.rs"]
mod grapheme_screen;
#[path = "support/pty.rs"]
mod pty;
use grapheme_screen::GraphemeScreen;
use khabar::text::width::Advance;
use pty::{Spawned, size, spawn_khabar};

/// Keys as the bytes a terminal sends for them.
mod key {
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const SHIFT_TAB: &str = "\x1b[Z";
    pub const ESC: &str = "\x1b";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const BACKSPACE: &str = "\x7f";
}

/// How long to wait for the screen to reach an expected state before failing.
const WAIT: Duration = Duration::from_secs(5);
/// Output silence after which a redraw is taken to be complete.
const QUIET: Duration = Duration::from_millis(120);

/// Every box-drawing character a pane border may use (the set `tui_check.py` uses).
const BOX: &str = "│┃║┌┐└┘├┤┬┴┼╭╮╰╯═─━╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋";
/// The vertical box-drawing characters.
const VERT: &str = "│┃║";

/// The folder of test articles.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wide")
}

/// The first words of the title of the article the walk-through opens: the second in the
/// list, which is newest first (it is dated 12 November 2024; the first is 3 March 2025).
const OPENED_TITLE_START: &str = "स्त्रीराष्ट्रीयन्द्र नाम का";

/// What a test adds to the command line and the environment of [`Tui::spawn_with`].
#[derive(Default)]
struct Setup {
    /// Leave the folder off the command line.
    no_path: bool,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

/// A running `khabar` in a pseudo-terminal, with the screen it has drawn so far.
struct Tui {
    parser: vt100::Parser,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Output chunks from the reading thread; disconnected once the pty closes.
    output: Receiver<Vec<u8>>,
    /// Bytes of output parsed so far.
    bytes: usize,
    /// All the output, as written.
    raw: Vec<u8>,
    /// When output last arrived.
    last_output: Instant,
    /// Keys sent so far, for failure messages.
    keys: Vec<String>,
    /// Holds the state, cache, config and home folders; removed on drop.
    _home: tempfile::TempDir,
}

impl Tui {
    /// Starts `khabar FOLDER --state-dir TMP` in a `cols`×`rows` pseudo-terminal, with every
    /// XDG folder and HOME in a fresh temporary folder and TERM=xterm-256color.
    fn spawn(folder: &Path, cols: u16, rows: u16) -> Tui {
        Tui::spawn_with(folder, cols, rows, |_| Setup::default())
    }

    /// As [`Tui::spawn`], with `setup` given the temporary home folder first: it may write
    /// files there (the config folder is `HOME/config`, the data folder `HOME/data`) and
    /// returns more arguments and environment variables.
    fn spawn_with(folder: &Path, cols: u16, rows: u16, setup: impl FnOnce(&Path) -> Setup) -> Tui {
        let home = tempfile::tempdir().expect("temp dir");
        let extra = setup(home.path());
        let state_dir = home.path().join("state-dir");
        let mut args: Vec<&OsStr> = Vec::new();
        if !extra.no_path {
            args.push(folder.as_os_str());
        }
        args.push("--state-dir".as_ref());
        args.push(state_dir.as_os_str());
        args.extend(extra.args.iter().map(OsStr::new));
        let Spawned {
            master,
            writer,
            child,
            output,
        } = spawn_khabar(home.path(), cols, rows, &args, &extra.env);
        Tui {
            parser: vt100::Parser::new(rows, cols, 0),
            master,
            writer,
            child,
            output,
            bytes: 0,
            raw: Vec::new(),
            last_output: Instant::now(),
            keys: Vec::new(),
            _home: home,
        }
    }

    /// Feeds all output received so far to the screen; says whether there was any.
    fn pump(&mut self) -> bool {
        let mut any = false;
        loop {
            match self.output.try_recv() {
                Ok(chunk) => {
                    self.parser.process(&chunk);
                    self.raw.extend_from_slice(&chunk);
                    self.bytes += chunk.len();
                    self.last_output = Instant::now();
                    any = true;
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return any,
            }
        }
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Writes a key's bytes. After a lone Esc it pauses, so the next key is not read as
    /// Alt+key.
    fn send(&mut self, key: &str) {
        self.keys.push(key_label(key));
        self.writer.write_all(key.as_bytes()).expect("write key");
        self.writer.flush().expect("flush key");
        if key == key::ESC {
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sends a key and waits until the redraw it causes is complete.
    fn press(&mut self, key: &str) {
        let before = self.bytes;
        self.send(key);
        self.settle(before);
    }

    /// Waits until output has arrived beyond `before` bytes and then stopped for [`QUIET`].
    /// khabar redraws after every key, and every redraw writes at least a cursor hide.
    fn settle(&mut self, before: usize) {
        let start = Instant::now();
        loop {
            self.pump();
            if self.bytes > before && self.last_output.elapsed() >= QUIET {
                return;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "no redraw within {WAIT:?} after keys {:?}\n{}",
                    self.keys,
                    self.dump()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until no output has arrived for [`QUIET`].
    fn wait_quiet(&mut self) {
        loop {
            self.pump();
            if self.last_output.elapsed() >= QUIET {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Polls the screen until `cond` holds; fails with a screen dump after [`WAIT`].
    fn wait_for(&mut self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            self.pump();
            if cond(self.screen()) {
                return;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "waited {WAIT:?} for {what} after keys {:?}\n{}",
                    self.keys,
                    self.dump()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for the article list to be drawn with all `n` articles loaded.
    fn wait_for_list(&mut self, n: usize) {
        let want = format!("{n} articles");
        self.wait_for("the list and the status line", |s| {
            screen_has(s, &want) && !screen_has(s, "loading")
        });
        self.wait_quiet();
    }

    /// Resizes the terminal (the pty, which signals the child, and the screen) and waits for
    /// the redraw.
    fn resize(&mut self, cols: u16, rows: u16) {
        self.wait_quiet();
        let before = self.bytes;
        self.keys.push(format!("<resize {cols}x{rows}>"));
        self.master.resize(size(cols, rows)).expect("resize pty");
        self.parser.set_size(rows, cols);
        self.settle(before);
    }

    /// Fails with a screen dump if any border or row-width problem is on screen. With
    /// `KHABAR_E2E_DUMP` set, prints the screen (run with `--nocapture` to see it).
    fn check_borders(&self, step: &str) {
        if std::env::var_os("KHABAR_E2E_DUMP").is_some() {
            eprintln!("after {step} (keys {:?}):\n{}", self.keys, self.dump());
        }
        let problems = border_problems(self.screen());
        assert!(
            problems.is_empty(),
            "after {step} (keys {:?}):\n  {}\n{}",
            self.keys,
            problems.join("\n  "),
            self.dump()
        );
    }

    /// Fails with a screen dump unless `text` is on one row of the screen.
    fn check_visible(&self, text: &str, step: &str) {
        assert!(
            screen_has(self.screen(), text),
            "after {step} (keys {:?}): {text:?} is not on screen\n{}",
            self.keys,
            self.dump()
        );
    }

    /// Fails with a screen dump unless `text` is on one row inside the reader pane (the
    /// list shows titles too, so the whole screen would not do).
    fn check_in_reader(&self, text: &str, step: &str) {
        assert!(
            reader_has(self.screen(), text),
            "after {step} (keys {:?}): {text:?} is not in the reader pane\n{}",
            self.keys,
            self.dump()
        );
    }

    /// Presses q and checks that khabar exits with status 0 within [`WAIT`].
    fn quit(&mut self) {
        self.quit_with("q");
    }

    /// Presses `key` and checks that khabar exits with status 0 within [`WAIT`].
    fn quit_with(&mut self, key: &str) {
        self.send(key);
        let start = Instant::now();
        loop {
            self.pump();
            match self.child.try_wait().expect("try_wait") {
                Some(status) => {
                    assert!(
                        status.success(),
                        "khabar exited with {status:?} after q (keys {:?})\n{}",
                        self.keys,
                        self.dump()
                    );
                    return;
                }
                None if start.elapsed() > WAIT => panic!(
                    "khabar did not exit within {WAIT:?} of q (keys {:?})\n{}",
                    self.keys,
                    self.dump()
                ),
                None => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    }

    /// The screen as text with a column ruler, for failure messages.
    fn dump(&self) -> String {
        let screen = self.screen();
        let (rows, cols) = screen.size();
        let mut out = format!("screen {cols}x{rows}:\n    ");
        for c in 0..cols {
            out.push(char::from(b'0' + (c % 10) as u8));
        }
        out.push('\n');
        for r in 0..rows {
            out.push_str(&format!("{r:>2} |{}|\n", row_text(screen, r)));
        }
        out
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn key_label(key: &str) -> String {
    match key {
        key::ENTER => "Enter".into(),
        key::TAB => "Tab".into(),
        key::SHIFT_TAB => "Shift-Tab".into(),
        key::ESC => "Esc".into(),
        key::PAGE_DOWN => "PageDown".into(),
        key::BACKSPACE => "Backspace".into(),
        " " => "Space".into(),
        other => other.into(),
    }
}

/// The character that starts the cell at (`row`, `col`): the cell's first code point, so
/// combining marks attached to it are ignored. `None` for an empty cell and for the second
/// half of a double-width character (which the terminal keeps as an empty continuation).
fn cell_char(screen: &vt100::Screen, row: u16, col: u16) -> Option<char> {
    screen
        .cell(row, col)
        .filter(|c| !c.is_wide_continuation())
        .and_then(|c| c.contents().chars().next())
}

/// A row as the terminal shows it: each cell's text in column order (an empty cell is a
/// space; a wide character's continuation cell adds nothing).
fn row_text(screen: &vt100::Screen, row: u16) -> String {
    let (_, cols) = screen.size();
    row_text_between(screen, row, 0, cols)
}

/// The text of columns `from..to` of a row, as [`row_text`] gives a whole row.
fn row_text_between(screen: &vt100::Screen, row: u16, from: u16, to: u16) -> String {
    let mut s = String::new();
    for col in from..to {
        match screen.cell(row, col) {
            Some(c) if c.is_wide_continuation() => {}
            Some(c) if c.has_contents() => s.push_str(&c.contents()),
            _ => s.push(' '),
        }
    }
    s
}

/// The columns of the pane whose top border on the first row starts `┌` + `title`.
fn pane_columns(screen: &vt100::Screen, title: &str) -> Option<(u16, u16)> {
    let (_, cols) = screen.size();
    let title_w = title.chars().count() as u16;
    let left = (0..cols).find(|&c| {
        cell_char(screen, 0, c) == Some('┌')
            && row_text_between(screen, 0, c + 1, (c + 1 + title_w).min(cols)) == title
    })?;
    let right = (left + 1..cols).find(|&c| cell_char(screen, 0, c) == Some('┐'))?;
    Some((left, right))
}

/// Whether `text` appears within one row of the reader pane.
fn reader_has(screen: &vt100::Screen, text: &str) -> bool {
    pane_has(screen, " Reader ", text)
}

/// Whether `text` appears within one row of the pane titled `title` (ASCII).
fn pane_has(screen: &vt100::Screen, title: &str, text: &str) -> bool {
    let Some((left, right)) = pane_columns(screen, title) else {
        return false;
    };
    let (rows, _) = screen.size();
    (1..rows).any(|r| row_text_between(screen, r, left + 1, right).contains(text))
}

/// Whether `text` appears within one row of the screen.
fn screen_has(screen: &vt100::Screen, text: &str) -> bool {
    let (rows, _) = screen.size();
    (0..rows).any(|r| row_text(screen, r).contains(text))
}

/// The number of the current search match, from the status line's "match K of N".
fn match_number(screen: &vt100::Screen) -> Option<usize> {
    let (rows, _) = screen.size();
    let status = row_text(screen, rows - 1);
    let rest = &status[status.find("match ")? + "match ".len()..];
    rest.split(' ').next()?.parse().ok()
}

/// Border and width problems on the screen, as `tui_check.py` finds them.
///
/// For every column, the rows where that column holds a vertical box character (│) are
/// found; when there are at least 3, every row from the nearest other box character (a
/// corner, a horizontal line) at or above the first hit down to the nearest one at or
/// below the last hit must hold a box-drawing character in that column. A border broken by
/// text means text was drawn over it, or the row's text took a different number of
/// columns than the reader thought, shifting the border.
///
/// Also: no row may take more columns than the screen has (summing each cell's display
/// width), and no row may have run past the right edge into the next row (the terminal's
/// autowrap, which is what happens when a row is wider than the reader thought).
fn border_problems(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    let is_box = |c: Option<char>| c.is_some_and(|c| BOX.contains(c));
    let is_vert = |c: Option<char>| c.is_some_and(|c| VERT.contains(c));
    let mut problems = Vec::new();
    for col in 0..cols {
        let at = |row: u16| cell_char(screen, row, col);
        let hits: Vec<u16> = (0..rows).filter(|&r| is_vert(at(r))).collect();
        if hits.len() < 3 {
            continue;
        }
        let (first, last) = (hits[0], hits[hits.len() - 1]);
        let corner = |r: u16| is_box(at(r)) && !is_vert(at(r));
        let top = (0..=first).rev().find(|&r| corner(r)).unwrap_or(first);
        let bottom = (last..rows).find(|&r| corner(r)).unwrap_or(last);
        for row in top..=bottom {
            if !is_box(at(row)) {
                let found = screen
                    .cell(row, col)
                    .map(|c| c.contents())
                    .unwrap_or_default();
                problems.push(format!("row {row} col {col}: border replaced by {found:?}"));
            }
        }
    }
    for row in 0..rows {
        let width: usize = (0..cols)
            .filter_map(|col| screen.cell(row, col))
            .filter(|c| !c.is_wide_continuation())
            .map(|c| {
                if c.has_contents() {
                    c.contents().width()
                } else {
                    1
                }
            })
            .sum();
        if width > cols as usize {
            problems.push(format!(
                "row {row} is {width} columns wide, wider than {cols}"
            ));
        }
        if screen.row_wrapped(row) {
            problems.push(format!(
                "row {row} ran past the right edge (the terminal wrapped it)"
            ));
        }
    }
    problems
}

/// The walk-through of test 1 at one size: open the folder, j, Enter, Space, G, Tab, Tab,
/// ?, Esc, checking borders after each key and the title after Enter, then q.
fn walk_through(cols: u16, rows: u16) {
    let mut tui = Tui::spawn(&fixtures(), cols, rows);
    tui.wait_for_list(4);
    tui.check_visible(" Articles (4 · 4 unread) ", "start");
    tui.check_borders("start");

    let steps: &[(&str, &str)] = &[
        ("j", "j"),
        (key::ENTER, "Enter"),
        (" ", "Space"),
        ("G", "G"),
        (key::TAB, "Tab"),
        (key::TAB, "Tab Tab"),
        ("?", "?"),
        (key::ESC, "Esc"),
    ];
    for &(key, step) in steps {
        tui.press(key);
        match step {
            "Enter" => {
                tui.wait_for("the opened article in the reader", |s| {
                    reader_has(s, OPENED_TITLE_START)
                });
                tui.check_in_reader(OPENED_TITLE_START, step);
            }
            "?" => tui.wait_for("the help overlay", |s| screen_has(s, " Keys ")),
            "Esc" => tui.wait_for("the help overlay to close", |s| !screen_has(s, " Keys ")),
            _ => {}
        }
        tui.check_borders(step);
    }
    tui.quit();
}

#[test]
fn walk_through_80x24() {
    walk_through(80, 24);
}

/// Below 40×12 the reader draws only a "window too small" line, and q still quits.
#[test]
fn too_small_window_says_so_and_quits() {
    let mut tui = Tui::spawn(&fixtures(), 30, 8);
    tui.wait_for("the too-small message", |s| screen_has(s, "too small"));
    tui.check_borders("start");
    tui.quit();
}

/// Resizing with an article open reflows it without breaking a border, including a pass
/// through the too-small size and back.
#[test]
fn resize_reflows_without_breaking_borders() {
    let mut tui = Tui::spawn(&fixtures(), 120, 40);
    tui.wait_for_list(4);
    tui.press("j");
    tui.press(key::ENTER);
    tui.wait_for("the opened article in the reader", |s| {
        reader_has(s, OPENED_TITLE_START)
    });
    tui.check_borders("open at 120x40");
    tui.press(key::PAGE_DOWN);
    tui.check_borders("PageDown at 120x40");
    // A search highlights whole 3-column clusters (न्द्र), which split rows into more spans;
    // the reflows below happen with those highlights on screen.
    tui.press("/");
    for c in ["न", "्", "द", "्", "र"] {
        tui.press(c);
    }
    tui.press(key::ENTER);
    // The search starts from the first match in view, so its number depends on the page.
    tui.wait_for("a match", |s| screen_has(s, " for “न्द्र”"));
    tui.check_borders("search न्द्र at 120x40");
    let first = match_number(tui.screen()).expect("a match number on the status line");
    tui.press("n");
    tui.wait_for("the next match", |s| match_number(s) == Some(first + 1));
    tui.check_borders("n at 120x40");
    for (cols, rows) in [
        (70, 20),
        (100, 30),
        (41, 13),
        (30, 8),
        (150, 45),
        (72, 24),
        (109, 30),
    ] {
        tui.resize(cols, rows);
        let step = format!("resize to {cols}x{rows}");
        if cols < 40 || rows < 12 {
            tui.wait_for("the too-small message", |s| screen_has(s, "too small"));
        } else {
            tui.wait_for("the reader", |s| screen_has(s, " Reader "));
        }
        tui.check_borders(&step);
        if cols >= 40 && rows >= 12 {
            tui.press(key::SHIFT_TAB);
            tui.check_borders(&format!("{step}, Shift-Tab"));
            tui.press(key::TAB);
            tui.check_borders(&format!("{step}, Tab"));
        }
    }
    tui.quit();
}

/// The border check itself: an intact box passes; a border pushed right by a row whose
/// text is wider than it should be, or overwritten by text, is reported.
#[test]
fn border_check_finds_broken_borders() {
    // A 10-column screen with a spare row at the bottom, so nothing scrolls.
    let screen = |rows: &[&str]| {
        let mut p = vt100::Parser::new(rows.len() as u16 + 1, 10, 0);
        p.process(rows.join("\r\n").as_bytes());
        p
    };
    const EMPTY: &str = "│        │";
    let intact = screen(&["┌────────┐", "│ab स्त्री │", EMPTY, EMPTY, "└────────┘"]);
    assert_eq!(border_problems(intact.screen()), Vec::<String>::new());

    // स्त्री takes 4 columns: with one more letter the row takes 11 columns, so its last │
    // wraps onto the next row and column 9 loses its border on both.
    let pushed = screen(&[
        "┌────────┐",
        "│abc स्त्री │",
        EMPTY,
        EMPTY,
        EMPTY,
        "└────────┘",
    ]);
    assert_eq!(
        border_problems(pushed.screen()),
        vec![
            "row 1 col 9: border replaced by \" \"".to_string(),
            "row 2 col 9: border replaced by \"\"".to_string(),
            "row 1 ran past the right edge (the terminal wrapped it)".to_string(),
        ]
    );

    let overwritten = screen(&[
        "┌────────┐",
        EMPTY,
        "│abcdefghi",
        EMPTY,
        EMPTY,
        "└────────┘",
    ]);
    assert_eq!(
        border_problems(overwritten.screen()),
        vec!["row 2 col 9: border replaced by \"i\"".to_string()]
    );
}

/// The folder of three short articles about one person: नितिन गडकरी is named in full in
/// `01_sadak` (10 March) and `02_pul` (14 March), and as गडकरी alone in `03_bijli` (18 March).
fn people_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/people")
}

const PERSON: &str = "नितिन गडकरी";
const SADAK_TITLE: &str = "नए राजमार्ग का काम शुरू";
const PUL_TITLE: &str = "गंगा पर नए पुल को मंजूरी";
const BIJLI_TITLE: &str = "बिजली से चलने वाली बसें बढ़ेंगी";

/// Following a person across articles at one size: open the oldest article, select the
/// person in the sidebar, Enter opens their page (name and the articles that name them),
/// j and Enter open another article, Backspace returns to the page, Backspace again to the
/// first article. Borders are checked after every key.
fn follow_a_person(cols: u16, rows: u16) {
    let mut tui = Tui::spawn(&people_fixtures(), cols, rows);
    tui.wait_for("the list loaded and the folder indexed", |s| {
        screen_has(s, "3 articles") && !screen_has(s, "loading") && !screen_has(s, "indexing")
    });
    tui.wait_quiet();
    tui.check_borders("start");

    // The list is newest first: the oldest article, 01_sadak, is third.
    for (key, step) in [("j", "j"), ("j", "j j"), (key::ENTER, "Enter")] {
        tui.press(key);
        tui.check_borders(step);
    }
    tui.wait_for("the first article in the reader", |s| {
        reader_has(s, SADAK_TITLE)
    });
    if cols >= 110 {
        // The sidebar is beside the reader only on wide screens.
        tui.wait_for("its names in the sidebar", |s| {
            screen_has(s, "लोग · people")
        });
    }

    tui.press(key::TAB);
    tui.check_borders("Tab to the entity list");
    tui.press("j");
    tui.wait_for("the person selected", |s| {
        screen_has(s, &format!("{PERSON} — mention 1 of"))
    });
    tui.check_borders("j in the entity list");

    tui.press(key::ENTER);
    tui.wait_for("the person's page", |s| pane_has(s, " Entity ", PERSON));
    tui.check_borders("Enter on the person");
    for title in [BIJLI_TITLE, PUL_TITLE] {
        tui.wait_for("an article of the person on their page", |s| {
            pane_has(s, " Entity ", title)
        });
    }

    // The page lists the articles newest first: 03_bijli, then 02_pul.
    tui.press("j");
    tui.check_borders("j on the page");
    tui.press(key::ENTER);
    tui.wait_for("the other article in the reader", |s| {
        reader_has(s, PUL_TITLE)
    });
    tui.check_in_reader(PUL_TITLE, "Enter on the second article row");
    tui.check_borders("Enter on the second article row");

    tui.press(key::BACKSPACE);
    tui.wait_for("the person's page again", |s| {
        pane_has(s, " Entity ", PERSON)
    });
    tui.check_borders("Backspace to the page");

    tui.press(key::BACKSPACE);
    tui.wait_for("the first article again", |s| reader_has(s, SADAK_TITLE));
    tui.check_in_reader(SADAK_TITLE, "Backspace to the first article");
    tui.check_borders("Backspace to the first article");
    tui.quit();
}

#[test]
fn follow_a_person_80x24() {
    follow_a_person(80, 24);
}

/// The bundled seed article, which opens straight into the reader.
fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/seed-korea-russia.txt")
}

/// The first words of the seed article's title, as written and in Latin letters.
const SEED_TITLE: &str = "रूस के सुरक्षा अधिकारी";
const SEED_TITLE_LATIN: &str = "rūs kē surakṣā adhikārī";

/// The keys the help overlay lists for the command described as `help`: what stands
/// before the description on its row, without the border.
fn help_keys(screen: &vt100::Screen, help: &str) -> Option<String> {
    let (rows, _) = screen.size();
    (0..rows).find_map(|r| {
        let text = row_text(screen, r);
        let at = text.find(help)?;
        let before = &text[..at];
        let from = before
            .rfind(|c: char| VERT.contains(c))
            .map_or(0, |i| i + '│'.len_utf8());
        let keys = before[from..].trim();
        Some(keys.to_string())
    })
}

/// Whether any character of the reader pane is Devanagari.
fn reader_has_devanagari(screen: &vt100::Screen) -> bool {
    let Some((from, to)) = pane_columns(screen, " Reader ") else {
        return false;
    };
    let (rows, _) = screen.size();
    (1..rows.saturating_sub(2)).any(|r| {
        row_text_between(screen, r, from, to)
            .chars()
            .any(|c| ('\u{0900}'..='\u{097f}').contains(&c))
    })
}

/// A config file in the XDG config folder moves keys: quit to `Q`, next person to `>`. The
/// help overlay lists the keys in force, `q` no longer quits, `>` hops to a person and `Q`
/// quits.
#[test]
fn a_config_rebinds_keys_and_the_help_shows_them() {
    let mut tui = Tui::spawn_with(&seed(), 120, 40, |home| {
        let dir = home.join("config/khabar");
        std::fs::create_dir_all(&dir).expect("config dir");
        std::fs::write(
            dir.join("config.toml"),
            "[keys]\nquit = \"Q\"\nnext_person = \">\"\n",
        )
        .expect("write config");
        Setup::default()
    });
    tui.wait_for("the seed article", |s| reader_has(s, SEED_TITLE));
    tui.wait_for("the sidebar's entities", |s| screen_has(s, "लोग · people"));
    tui.press("?");
    tui.wait_for("the help overlay", |s| screen_has(s, " Keys "));
    assert_eq!(
        help_keys(tui.screen(), "next person in the article").as_deref(),
        Some(">"),
        "{}",
        tui.dump()
    );
    assert_eq!(
        help_keys(tui.screen(), "previous person in the article").as_deref(),
        Some("["),
        "{}",
        tui.dump()
    );
    // Ctrl-c quits whatever the config says, and help says so.
    assert_eq!(
        help_keys(tui.screen(), "quit").as_deref(),
        Some("Q Ctrl-c"),
        "{}",
        tui.dump()
    );
    tui.check_borders("? with a config");
    tui.press(key::ESC);
    // q is no longer bound: nothing happens, the reader stays.
    tui.send("q");
    std::thread::sleep(Duration::from_millis(300));
    tui.pump();
    assert!(
        tui.child.try_wait().expect("try_wait").is_none(),
        "q quit although the config moved quit to Q"
    );
    tui.press(">");
    tui.wait_for("the first person and a mention count", |s| {
        screen_has(s, "— mention 1 of")
    });
    tui.check_borders(">");
    tui.quit_with("Q");
}

/// A config file that is not valid TOML: the reader starts with the default keys and the
/// status line names the file, line and column; the next key clears it.
#[test]
fn an_invalid_config_starts_with_defaults_and_names_the_line() {
    let mut tui = Tui::spawn_with(&seed(), 120, 40, |home| {
        let file = home.join("bad.toml");
        std::fs::write(&file, "[keys]\nquit = \"q\"\n\n[theme]\nname = \"dark\n")
            .expect("write config");
        Setup {
            args: vec!["--config".into(), file.display().to_string()],
            ..Setup::default()
        }
    });
    tui.wait_for("the seed article", |s| reader_has(s, SEED_TITLE));
    tui.wait_for("the config's error in the status line", |s| {
        screen_has(s, "bad.toml:5:")
    });
    tui.check_borders("start with a bad config");
    tui.press("j");
    tui.wait_for("the error cleared by a key", |s| !screen_has(s, "bad.toml"));
    // The default keys work.
    tui.press("]");
    tui.wait_for("a person", |s| screen_has(s, "— mention 1 of"));
    tui.quit();
}

/// `r` shows the article in Latin letters (ISO 15919) — title, text and sidebar — with the
/// selected name's mention still marked, and again as written; `--romanize` starts so.
#[test]
fn r_switches_to_latin_letters_and_back() {
    let mut tui = Tui::spawn(&seed(), 120, 40);
    tui.wait_for("the seed article", |s| reader_has(s, SEED_TITLE));
    tui.wait_for("the sidebar's entities", |s| screen_has(s, "लोग · people"));
    tui.press("]");
    tui.wait_for("a person selected", |s| screen_has(s, "— mention 1 of"));
    tui.press("r");
    tui.wait_for("the title in Latin letters", |s| {
        reader_has(s, SEED_TITLE_LATIN)
    });
    assert!(
        !reader_has_devanagari(tui.screen()),
        "Devanagari left in the reader\n{}",
        tui.dump()
    );
    tui.check_visible("lōg · people", "r");
    tui.check_borders("r");
    // The selected person's mention is still marked (black on the kind's colour), on a
    // word in Latin letters.
    let screen = tui.screen();
    let (rows, cols) = screen.size();
    let marked: String = (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (r, c)))
        .filter_map(|(r, c)| screen.cell(r, c))
        .filter(|cell| cell.bgcolor() != vt100::Color::Default && cell.underline())
        .map(|cell| cell.contents())
        .collect();
    assert!(
        marked.chars().any(|c| c.is_ascii_alphabetic()),
        "no marked mention in Latin letters: {marked:?}\n{}",
        tui.dump()
    );
    tui.press(key::PAGE_DOWN);
    tui.check_borders("Page Down in Latin letters");
    tui.press("g");
    tui.press("r");
    tui.wait_for("the title as written again", |s| reader_has(s, SEED_TITLE));
    tui.check_borders("r again");
    tui.quit();

    let mut tui = Tui::spawn_with(&seed(), 40, 12, |_| Setup {
        args: vec!["--romanize".into()],
        ..Setup::default()
    });
    tui.wait_for("the title in Latin letters at once", |s| {
        reader_has(s, "rūs kē")
    });
    tui.check_borders("--romanize at 40x12");
    for key in ["j", key::PAGE_DOWN, key::TAB, "j", key::TAB, "j"] {
        tui.press(key);
        tui.check_borders(key);
    }
    tui.quit();
}

/// On a person's page, `x` writes the page as Markdown under the XDG data folder and says
/// where; a second `x` writes a second file rather than replacing the first.
#[test]
fn x_on_a_name_page_writes_markdown() {
    let mut tui = Tui::spawn(&people_fixtures(), 120, 40);
    tui.wait_for("the list loaded and the folder indexed", |s| {
        screen_has(s, "3 articles") && !screen_has(s, "loading") && !screen_has(s, "indexing")
    });
    tui.wait_quiet();
    for key in ["j", "j", key::ENTER] {
        tui.press(key);
    }
    tui.wait_for("the first article", |s| reader_has(s, SADAK_TITLE));
    tui.wait_for("its names in the sidebar", |s| {
        screen_has(s, "लोग · people")
    });
    tui.press(key::TAB);
    tui.press("j");
    tui.wait_for("the person selected", |s| {
        screen_has(s, &format!("{PERSON} — mention 1 of"))
    });
    tui.press(key::ENTER);
    tui.wait_for("the person's page", |s| pane_has(s, " Entity ", PERSON));
    tui.press("x");
    tui.wait_for("the saved file named", |s| screen_has(s, "saved "));
    tui.check_borders("x");
    let dir = tui._home.path().join("data/khabar/exports");
    let files = |dir: &Path| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    };
    let written = files(&dir);
    assert_eq!(written.len(), 1, "{written:?}");
    assert_eq!(written[0].extension().and_then(|e| e.to_str()), Some("md"));
    let markdown = std::fs::read_to_string(&written[0]).expect("read export");
    assert!(markdown.starts_with(&format!("# {PERSON}")), "{markdown}");
    for title in [SADAK_TITLE, PUL_TITLE] {
        assert!(markdown.contains(title), "{title} missing:\n{markdown}");
    }
    tui.press("x");
    tui.wait_for("a second file", |_| files(&dir).len() == 2);
    let second = files(&dir);
    let stem = written[0]
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    assert!(
        second.contains(&dir.join(format!("{stem}-2.md"))),
        "{second:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&written[0]).expect("first export"),
        markdown
    );
    tui.quit();
}

/// With `NO_COLOR` set, nothing on screen has a colour; without it, names are tinted.
#[test]
fn no_color_draws_without_colours() {
    let coloured = |screen: &vt100::Screen| {
        let (rows, cols) = screen.size();
        (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .filter_map(|(r, c)| screen.cell(r, c))
            .any(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
    };
    let mut tui = Tui::spawn_with(&seed(), 120, 40, |_| Setup {
        env: vec![("NO_COLOR".into(), "1".into())],
        ..Setup::default()
    });
    tui.wait_for("the sidebar's entities", |s| screen_has(s, "लोग · people"));
    tui.press("]");
    tui.wait_for("a person", |s| screen_has(s, "— mention 1 of"));
    assert!(!coloured(tui.screen()), "a colour under NO_COLOR");
    tui.check_borders("NO_COLOR");
    tui.quit();

    let mut tui = Tui::spawn(&seed(), 120, 40);
    tui.wait_for("the sidebar's entities", |s| screen_has(s, "लोग · people"));
    assert!(coloured(tui.screen()), "no colour without NO_COLOR");
    tui.quit();
}

/// Where `needle` occurs in `hay`, if it does.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Answers to the reader's width questions, typed ahead: they wait in the terminal's input
/// for the questions. Mode 2027's state, where the cursor ended after the probe (column,
/// 1-based), then the device attributes that end every answer.
fn width_answers(mode_2027: Option<u8>, cursor_column: u16) -> Vec<u8> {
    let mut answer = Vec::new();
    if let Some(ps) = mode_2027 {
        answer.extend_from_slice(format!("\x1b[?2027;{ps}$y").as_bytes());
    }
    answer.extend_from_slice(format!("\x1b[1;{cursor_column}R\x1b[?62;22c").as_bytes());
    answer
}

/// Border problems on a screen as a grapheme-mode terminal shows it: every column where
/// row 0 has a pane corner must hold a vertical border on every pane row.
fn grapheme_border_problems(screen: &GraphemeScreen) -> Vec<String> {
    let cols = screen.row(0).chars().count();
    let corners: Vec<usize> = (0..cols)
        .filter(|&x| matches!(screen.cell(x, 0), "┌" | "┐"))
        .collect();
    let mut problems = Vec::new();
    if corners.len() < 4 {
        problems.push(format!("row 0 has {} pane corners", corners.len()));
    }
    // The last row is the status line, the one above it the panes' bottom edge.
    for y in 1..screen.rows() - 1 {
        for &x in &corners {
            let cell = screen.cell(x, y);
            if !matches!(cell, "│" | "┌" | "┐" | "└" | "┘" | "├" | "┤") {
                problems.push(format!(
                    "row {y}, column {x}: {cell:?} where a border belongs"
                ));
            }
        }
    }
    problems
}

/// Fails with the screen unless its borders are all in place.
fn assert_grapheme_borders(screen: &GraphemeScreen, step: &str) {
    let problems = grapheme_border_problems(screen);
    assert!(
        problems.is_empty(),
        "after {step}:\n  {}\n{}",
        problems.join("\n  "),
        screen.text()
    );
}

/// Waits until `text` is on the screen as a terminal advancing by `advance` shows the
/// output; then until the output stops.
fn wait_for_replayed(tui: &mut Tui, (cols, rows): (u16, u16), advance: Advance, text: &str) {
    let start = Instant::now();
    loop {
        let screen = GraphemeScreen::replay(cols, rows, advance, &tui.raw);
        if screen.text().contains(text) {
            break;
        }
        assert!(
            start.elapsed() < WAIT,
            "no {text:?} within {WAIT:?}\n{}",
            screen.text()
        );
        std::thread::sleep(Duration::from_millis(20));
        tui.pump();
    }
    tui.wait_quiet();
}

/// Whether `bytes` hold a private-use character: the reader's stand-ins for clusters must
/// never reach the terminal.
fn has_stand_ins(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|c| ('\u{F0000}'..='\u{10FFFD}').contains(&c))
}

/// A terminal in grapheme mode (Ghostty, WezTerm, foot, Contour: mode 2027 on, the cursor
/// moved one column over the probe cluster) gets text laid out by grapheme cluster: more
/// words on a line than by code point, every border in place as such a terminal draws it,
/// after keys too, and the mode left on.
#[test]
fn a_grapheme_mode_terminal_gets_text_laid_out_by_cluster() {
    let raw = check_grapheme_layout(Some(1), 2, Advance::Grapheme);
    assert!(
        find_bytes(&raw, b"\x1b[?2027l").is_none(),
        "grapheme mode was turned off"
    );
}

/// A terminal that cuts clusters as Unicode did before 15.1 (foot 1.13 with grapheme
/// shaping: two columns over the probe, क् + षि) gets that layout, borders in place.
#[test]
fn a_terminal_cutting_conjuncts_at_the_virama_gets_that_layout() {
    check_grapheme_layout(None, 3, Advance::LegacyGrapheme);
}

/// Runs the seed in a terminal that answers the width questions with `mode_2027` and
/// `cursor_column`, replays the output as a terminal advancing by `advance` shows it and
/// checks the layout and the borders after a few keys; returns all output.
fn check_grapheme_layout(mode_2027: Option<u8>, cursor_column: u16, advance: Advance) -> Vec<u8> {
    let (cols, rows) = (120, 40);
    let mut tui = Tui::spawn(&seed(), cols, rows);
    tui.writer
        .write_all(&width_answers(mode_2027, cursor_column))
        .expect("answer");
    tui.writer.flush().expect("flush");
    let replay = |tui: &Tui| GraphemeScreen::replay(cols, rows, advance, &tui.raw);
    wait_for_replayed(&mut tui, (cols, rows), advance, "लोग · people");
    assert!(
        find_bytes(&tui.raw, b"\x1b[?2027$p").is_some(),
        "no mode 2027 question"
    );
    assert!(
        find_bytes(&tui.raw, b"\x1b[6n").is_some(),
        "no cursor probe"
    );
    let screen = replay(&tui);
    // By code point the title's first line ends at से; by cluster the next words fit too.
    let title_row = (0..screen.rows())
        .map(|y| screen.row(y))
        .find(|row| row.contains(SEED_TITLE) && row.contains("मुलाकात"));
    assert!(
        title_row.is_some(),
        "title not laid out by cluster:\n{}",
        screen.text()
    );
    for key in ["j", "]", key::TAB, "j", key::PAGE_DOWN, "r", "r"] {
        tui.press(key);
        assert_grapheme_borders(&replay(&tui), key);
    }
    assert!(!has_stand_ins(&tui.raw), "a stand-in reached the terminal");
    tui.quit();
    std::mem::take(&mut tui.raw)
}

/// A terminal that advances by code point (the cursor moved three columns over the probe)
/// gets the code-point layout, and `--width-mode codepoint` asks nothing at all.
#[test]
fn a_code_point_terminal_gets_the_code_point_layout() {
    let mut tui = Tui::spawn(&seed(), 120, 40);
    tui.writer
        .write_all(&width_answers(Some(2), 4))
        .expect("answer");
    tui.writer.flush().expect("flush");
    tui.wait_for("the sidebar's entities", |s| screen_has(s, "लोग · people"));
    tui.wait_quiet();
    assert!(
        find_bytes(&tui.raw, b"\x1b[6n").is_some(),
        "no cursor probe"
    );
    // The title's first line ends at से: मुलाकात does not fit by code point.
    assert!(screen_has(tui.screen(), "जोंग-उन से"), "{}", tui.dump());
    assert!(
        !screen_has(tui.screen(), "जोंग-उन से मुलाकात,"),
        "{}",
        tui.dump()
    );
    tui.check_borders("start");
    tui.press("]");
    tui.check_borders("]");
    tui.quit();

    let mut tui = Tui::spawn_with(&seed(), 120, 40, |_| Setup {
        args: vec!["--width-mode".into(), "codepoint".into()],
        ..Setup::default()
    });
    tui.wait_for("the seed article", |s| reader_has(s, SEED_TITLE));
    assert!(find_bytes(&tui.raw, b"\x1b[?2027").is_none());
    assert!(find_bytes(&tui.raw, b"\x1b[6n").is_none());
    tui.quit();
}

/// `--width-mode grapheme` turns mode 2027 on for a terminal that has it off, lays out by
/// cluster, and turns the mode off again at exit.
#[test]
fn width_mode_grapheme_turns_the_mode_on_and_off_again() {
    let (cols, rows) = (100, 30);
    let mut tui = Tui::spawn_with(&seed(), cols, rows, |_| Setup {
        args: vec!["--width-mode".into(), "grapheme".into()],
        ..Setup::default()
    });
    tui.writer
        .write_all(b"\x1b[?2027;2$y\x1b[?62;22c")
        .expect("answer");
    tui.writer.flush().expect("flush");
    wait_for_replayed(&mut tui, (cols, rows), Advance::Grapheme, "सोल · 21 मार्च");
    let screen = GraphemeScreen::replay(cols, rows, Advance::Grapheme, &tui.raw);
    assert_grapheme_borders(&screen, "start");
    let on = find_bytes(&tui.raw, b"\x1b[?2027h").expect("mode 2027 turned on");
    tui.quit();
    std::thread::sleep(Duration::from_millis(100));
    tui.pump();
    let off = find_bytes(&tui.raw, b"\x1b[?2027l").expect("mode 2027 off again at exit");
    assert!(off > on);
}

/// Without a PATH, the reader opens the config's `library.default_folder` (`~` is HOME),
/// with the sidebar on the left of the text as the config's `[layout]` asks.
#[test]
fn the_config_gives_the_default_folder_and_the_sidebar_side() {
    let mut tui = Tui::spawn_with(&people_fixtures(), 150, 40, |home| {
        let news = home.join("home/news");
        std::fs::create_dir_all(&news).expect("news folder");
        for entry in std::fs::read_dir(people_fixtures())
            .expect("fixtures")
            .flatten()
        {
            std::fs::copy(entry.path(), news.join(entry.file_name())).expect("copy");
        }
        let dir = home.join("config/khabar");
        std::fs::create_dir_all(&dir).expect("config dir");
        std::fs::write(
            dir.join("config.toml"),
            "[layout]\nsidebar_side = \"left\"\nsidebar_width = 30\n\n[library]\ndefault_folder = \"~/news\"\n",
        )
        .expect("write config");
        Setup {
            no_path: true,
            ..Setup::default()
        }
    });
    tui.wait_for("the default folder's articles", |s| {
        screen_has(s, "3 articles") && !screen_has(s, "loading")
    });
    tui.wait_quiet();
    let screen = tui.screen();
    let (list, _) = pane_columns(screen, " Articles ").expect("list pane");
    let (side, side_end) = pane_columns(screen, " Entities ").expect("sidebar");
    let (reader, _) = pane_columns(screen, " Reader ").expect("reader pane");
    assert!(list < side && side < reader, "{}", tui.dump());
    assert_eq!(side_end - side + 1, 30, "{}", tui.dump());
    tui.check_borders("sidebar on the left");
    for key in ["j", key::ENTER, key::TAB, "j", key::TAB, "j"] {
        tui.press(key);
        tui.check_borders(key);
    }
    tui.quit();
}

/// In the reader, `x` writes the open article — title, text, and its names as a table —
/// as Markdown under the XDG data folder.
#[test]
fn x_in_the_reader_writes_the_article() {
    let mut tui = Tui::spawn(&seed(), 120, 40);
    tui.wait_for("the seed article", |s| reader_has(s, SEED_TITLE));
    tui.wait_for("the sidebar's entities", |s| screen_has(s, "लोग · people"));
    tui.press("x");
    tui.wait_for("the saved file named", |s| screen_has(s, "saved "));
    tui.check_borders("x");
    let dir = tui._home.path().join("data/khabar/exports");
    let written: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert_eq!(written.len(), 1, "{written:?}");
    let markdown = std::fs::read_to_string(&written[0]).expect("read export");
    assert!(
        markdown.starts_with(&format!("# {SEED_TITLE}")),
        "{markdown}"
    );
    assert!(markdown.contains("पुतिन"), "{markdown}");
    tui.quit();
}

/// The folder is watched while the reader is open: an article written into it appears in
/// the list, and one deleted goes, without a key pressed.
#[test]
fn files_added_and_removed_while_open_show_in_the_list() {
    let folder = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(people_fixtures())
        .expect("fixtures")
        .flatten()
    {
        std::fs::copy(entry.path(), folder.path().join(entry.file_name())).expect("copy");
    }
    let mut tui = Tui::spawn(folder.path(), 120, 40);
    tui.wait_for_list(3);
    std::fs::write(
        folder.path().join("04_naya.txt"),
        "नया पुल खुला\n\nपटना, 12 मार्च (भाषा) राज्य में नया पुल आज खुल गया।\n",
    )
    .expect("write an article");
    tui.wait_for("the new article", |s| {
        screen_has(s, "4 articles") && screen_has(s, "नया पुल खुला")
    });
    std::fs::remove_file(folder.path().join("02_pul.txt")).expect("remove an article");
    tui.wait_for("the removed article gone", |s| {
        screen_has(s, "3 articles") && !screen_has(s, PUL_TITLE)
    });
    tui.check_borders("after the folder changed");
    tui.quit();
}
