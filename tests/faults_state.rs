//! Fault injection for the files a reader owns: the reading state (`state.json`) and the
//! config file. SQLite-style, each is truncated, zeroed, has bytes flipped and 4 KB
//! overwritten at random offsets (property tests; proptest prints the failing case and its
//! seed). Every run must end (each load runs under a timeout) without a panic, with the
//! user's read marks intact (the damaged bytes are still on disk, in place or set aside,
//! and whatever could be read is kept), with a message, and the next run must be healthy.
//!
//! Then the reader itself, in a pseudo-terminal: SIGTERM and SIGHUP save the state with the
//! reading position and restore the terminal; two readers on one state folder keep both
//! marks; a damaged state file is set aside and said, and the next run is clean.
//!
//! Cases default to a few dozen; `PROPTEST_CASES=100000` runs long.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use khabar::state::{ArticleState, ReadingState, StateStore};
use khabar::tui::config::{Config, DEFAULT_CONFIG, MAX_REPORTED};
use proptest::prelude::*;

/// Longest a single load may take before the run counts as hung.
const RUN_LIMIT: Duration = Duration::from_secs(60);

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Runs `f` on a thread of its own; fails if it panics or does not end within
/// [`RUN_LIMIT`].
fn ends<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(RUN_LIMIT) {
        Ok(value) => {
            let _ = worker.join();
            value
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} did not end within {RUN_LIMIT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let message = worker.join().err().map(|p| {
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            });
            panic!("{what} panicked: {message:?}")
        }
    }
}

/// How a file is damaged.
#[derive(Debug, Clone)]
enum Damage {
    /// Cut to this fraction (in thousandths) of its length.
    Truncate(u16),
    /// Every byte zero, same length.
    Zero,
    /// Bytes at these positions (in thousandths of the length) get these bits flipped.
    Flip(Vec<(u16, u8)>),
    /// 4 KB of these bytes (repeated) written at these positions (thousandths), growing
    /// the file where it runs past the end.
    Overwrite4k(Vec<(u16, Vec<u8>)>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0u16..1000).prop_map(Damage::Truncate),
        Just(Damage::Zero),
        prop::collection::vec((0u16..1000, 1u8..=255), 1..8).prop_map(Damage::Flip),
        prop::collection::vec(
            (0u16..1000, prop::collection::vec(any::<u8>(), 1..64)),
            1..4
        )
        .prop_map(Damage::Overwrite4k),
    ]
}

fn at(thousandths: u16, len: usize) -> usize {
    len * usize::from(thousandths) / 1000
}

fn apply(damage: &Damage, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match damage {
        Damage::Truncate(t) => out.truncate(at(*t, bytes.len())),
        Damage::Zero => out.iter_mut().for_each(|b| *b = 0),
        Damage::Flip(flips) => {
            for &(t, bits) in flips {
                let i = at(t, out.len()).min(out.len().saturating_sub(1));
                if let Some(b) = out.get_mut(i) {
                    *b ^= bits;
                }
            }
        }
        Damage::Overwrite4k(writes) => {
            for (t, pattern) in writes {
                let start = at(*t, bytes.len());
                let block: Vec<u8> = pattern.iter().copied().cycle().take(4096).collect();
                if out.len() < start + block.len() {
                    out.resize(start + block.len(), 0);
                }
                out[start..start + block.len()].copy_from_slice(&block);
            }
        }
    }
    out
}

/// A reading state of `n` articles with Devanagari names, some read, some with positions:
/// about 100 bytes an article, so 4 KB overwrites hit a few dozen of them.
fn reading_state(n: usize) -> ReadingState {
    let mut state = ReadingState::default();
    for i in 0..n {
        state.record_at(
            format!("/समाचार/लेख-{i:03}.txt"),
            ArticleState {
                read: i % 3 != 0,
                block: i % 7,
                offset: i * 11,
            },
            1_700_000_000_000 + i as u64,
        );
    }
    state
}

/// The files in `dir` whose names hold `.corrupt-`, with their bytes.
fn set_aside(dir: &Path) -> Vec<Vec<u8>> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// One damaged run and the next: loads the damaged file, records a change and saves it,
/// then loads again.
fn damaged_run_and_the_next(damaged: Vec<u8>) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let dir = tmp.path().to_path_buf();
    let store = StateStore::new(&dir);
    std::fs::write(store.path(), &damaged).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let readable: Option<ReadingState> = serde_json::from_slice(&damaged).ok();

    let run_dir = dir.clone();
    let (loaded, warning, saved) = ends("a run on the damaged state", move || {
        let store = StateStore::new(&run_dir);
        let (mut state, warning) = store.load();
        let loaded = state.clone();
        state.record(
            "/समाचार/नया.txt".into(),
            ArticleState {
                read: true,
                block: 2,
                offset: 5,
            },
        );
        let saved = store
            .save(&state)
            .map(|s| s.state)
            .map_err(|e| e.to_string());
        (loaded, warning, saved)
    });
    let saved = saved.map_err(TestCaseError::fail)?;

    match readable {
        // What could be read is what was loaded, and every mark of it is still saved.
        Some(expected) => {
            prop_assert_eq!(&warning, &None);
            prop_assert_eq!(&loaded.articles, &expected.articles);
            for (key, mark) in &expected.articles {
                prop_assert_eq!(saved.articles.get(key), Some(mark));
            }
        }
        // What could not be read is said, and its bytes are kept aside, untouched.
        None => {
            let warning = warning.unwrap_or_default();
            prop_assert!(warning.contains("kept it as"), "warning: {warning:?}");
            let aside = set_aside(&dir);
            prop_assert_eq!(aside.len(), 1);
            prop_assert!(aside[0] == damaged, "the set-aside copy differs");
        }
    }

    // The next run is healthy: no warning, this session's mark is there.
    let (next, warning) = ends("the next run", move || StateStore::new(&dir).load());
    prop_assert_eq!(warning, None);
    prop_assert!(next.articles.get("/समाचार/नया.txt").is_some_and(|a| a.read));
    Ok(())
}

proptest! {
    #![proptest_config(config(cases()))]

    #[test]
    fn a_damaged_state_file_is_kept_said_and_the_next_run_is_healthy(damage in damage()) {
        let original = serde_json::to_vec_pretty(&reading_state(120))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        damaged_run_and_the_next(apply(&damage, &original))?;
    }

    #[test]
    fn a_damaged_config_loads_with_a_bounded_report_and_a_way_out(damage in damage()) {
        let damaged = apply(&damage, DEFAULT_CONFIG.as_bytes());
        let tmp = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = tmp.path().join("config.toml");
        std::fs::write(&path, &damaged).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let run_path = path.clone();
        let loaded = ends("loading the damaged config", move || Config::load(&run_path, true));
        prop_assert!(loaded.errors.len() <= MAX_REPORTED + 1, "{} messages", loaded.errors.len());
        // Whatever the file says, quit has a key in every mode, and help shows one.
        let bindings = loaded.config.bindings();
        for mode in khabar::tui::config::keys::MODES {
            prop_assert!(
                bindings.iter().any(|b| b.mode == mode
                    && b.command == khabar::tui::keymap::Command::Quit),
                "no quit key in {:?}", mode
            );
        }
        // The file is the user's: loading never changes it.
        prop_assert!(std::fs::read(&path).ok() == Some(damaged));
        // The next run, with the file repaired, is clean.
        std::fs::write(&path, DEFAULT_CONFIG).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let next = ends("loading the repaired config", move || Config::load(&path, true));
        prop_assert!(next.errors.is_empty());
    }
}

#[test]
fn the_damage_kinds_each_reach_the_set_aside_path() {
    let original = serde_json::to_vec_pretty(&reading_state(120)).expect("json");
    for damage in [
        Damage::Truncate(500),
        Damage::Zero,
        Damage::Flip(vec![(0, 0x80)]),
        Damage::Overwrite4k(vec![(300, vec![0xff, 0x00])]),
    ] {
        let damaged = apply(&damage, &original);
        assert!(
            serde_json::from_slice::<ReadingState>(&damaged).is_err(),
            "{damage:?}"
        );
        damaged_run_and_the_next(damaged).unwrap_or_else(|e| panic!("{damage:?}: {e}"));
    }
}

// ---------------------------------------------------------------------------------------
// The reader in a pseudo-terminal.

#[cfg(unix)]
#[path = "support/pty.rs"]
mod pty;

#[cfg(unix)]
mod reader {
    use std::ffi::OsStr;
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::sync::mpsc::TryRecvError;
    use std::time::{Duration, Instant};

    use khabar::state::{ReadingState, StateStore};

    use super::pty::{Spawned, spawn_khabar};

    /// Bounds every wait: a reader that does not get there fails the test.
    const WAIT: Duration = Duration::from_secs(30);
    /// Output silence after which a redraw is taken to be complete.
    const QUIET: Duration = Duration::from_millis(150);

    const ENTER: &str = "\r";
    const PAGE_DOWN: &str = "\x1b[6~";

    /// What a reader leaves the terminal with: mouse reporting off, the main screen, the
    /// cursor shown.
    const MOUSE_ON: &[u8] = b"\x1b[?1000h";
    const MOUSE_OFF: &[u8] = b"\x1b[?1000l";
    const ENTER_ALTERNATE: &[u8] = b"\x1b[?1049h";
    const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";
    const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

    fn articles() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wide")
    }

    pub struct Reader {
        spawned: Spawned,
        parser: vt100::Parser,
        raw: Vec<u8>,
        _home: tempfile::TempDir,
    }

    impl Reader {
        /// `khabar tests/fixtures/wide --state-dir STATE` in an 80×16 pseudo-terminal.
        pub fn start(state_dir: &Path) -> Reader {
            Reader::start_with_config(state_dir, None, 80)
        }

        /// As [`Reader::start`], `cols` wide, with `config` as the user's config file.
        pub fn start_with_config(state_dir: &Path, config: Option<&str>, cols: u16) -> Reader {
            let home = tempfile::tempdir().expect("temp dir");
            if let Some(text) = config {
                let dir = home.path().join("config/khabar");
                std::fs::create_dir_all(&dir).expect("config dir");
                std::fs::write(dir.join("config.toml"), text).expect("write config");
            }
            let folder = articles();
            let args: Vec<&OsStr> = vec![
                folder.as_os_str(),
                OsStr::new("--state-dir"),
                state_dir.as_os_str(),
            ];
            let spawned = spawn_khabar(home.path(), cols, 16, &args, &[]);
            Reader {
                spawned,
                parser: vt100::Parser::new(16, cols, 0),
                raw: Vec::new(),
                _home: home,
            }
        }

        /// The terminal's size as the pseudo-terminal has it.
        pub fn size(&self) -> (u16, u16) {
            let size = self.spawned.master.get_size().expect("pty size");
            (size.cols, size.rows)
        }

        /// Reads what has arrived; says whether anything did.
        fn pump(&mut self) -> bool {
            let mut any = false;
            loop {
                match self.spawned.output.try_recv() {
                    Ok(chunk) => {
                        self.parser.process(&chunk);
                        self.raw.extend_from_slice(&chunk);
                        any = true;
                    }
                    Err(TryRecvError::Empty | TryRecvError::Disconnected) => return any,
                }
            }
        }

        fn screen_text(&self) -> String {
            self.parser.screen().contents()
        }

        pub fn wait_for(&mut self, what: &str, cond: impl Fn(&str) -> bool) {
            let start = Instant::now();
            loop {
                self.pump();
                if cond(&self.screen_text()) {
                    return;
                }
                assert!(
                    start.elapsed() < WAIT,
                    "waited for {what}; the screen:\n{}",
                    self.screen_text()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }

        /// Waits until the list is loaded and drawn.
        pub fn wait_for_list(&mut self) {
            self.wait_for("the article list", |s| {
                s.contains("articles") && !s.contains("loading")
            });
            self.settle();
        }

        /// Waits until output stops for a moment.
        fn settle(&mut self) {
            let mut last = Instant::now();
            let start = Instant::now();
            while last.elapsed() < QUIET && start.elapsed() < WAIT {
                if self.pump() {
                    last = Instant::now();
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }

        /// Sends a key and waits for its redraw.
        pub fn press(&mut self, key: &str) {
            let before = self.raw.len();
            self.spawned
                .writer
                .write_all(key.as_bytes())
                .expect("write key");
            self.spawned.writer.flush().expect("flush");
            let start = Instant::now();
            while self.raw.len() == before && start.elapsed() < WAIT {
                self.pump();
                std::thread::sleep(Duration::from_millis(10));
            }
            self.settle();
        }

        pub fn open_first_and_scroll(&mut self) {
            self.press(ENTER);
            for _ in 0..3 {
                self.press(PAGE_DOWN);
            }
        }

        /// Sends `signal` (`TERM`, `HUP`) with kill(1).
        pub fn signal(&mut self, signal: &str) {
            let pid = self.spawned.child.process_id().expect("pid");
            let status = std::process::Command::new("kill")
                .arg(format!("-{signal}"))
                .arg(pid.to_string())
                .status()
                .expect("kill");
            assert!(status.success());
        }

        /// Waits for the reader to end and returns whether it ended with status 0.
        pub fn wait_exit(&mut self) -> bool {
            let start = Instant::now();
            loop {
                self.pump();
                if let Some(status) = self.spawned.child.try_wait().expect("try_wait") {
                    // The last output may still be on its way.
                    std::thread::sleep(Duration::from_millis(100));
                    self.pump();
                    return status.success();
                }
                assert!(start.elapsed() < WAIT, "the reader did not end");
                std::thread::sleep(Duration::from_millis(20));
            }
        }

        /// Checks the terminal was left as it was found: after the last frame, mouse
        /// reporting is turned off, the alternate screen left and the cursor shown, and
        /// nothing but cursor-shows follows.
        pub fn assert_terminal_restored(&self, after: &str) {
            let tail = &self.raw[self.raw.len().saturating_sub(256)..];
            let shown = String::from_utf8_lossy(tail);
            let last = |needle: &[u8]| self.raw.windows(needle.len()).rposition(|w| w == needle);
            let left = last(LEAVE_ALTERNATE);
            assert!(
                left > last(ENTER_ALTERNATE) && last(MOUSE_OFF) > last(MOUSE_ON),
                "after {after} the terminal is not restored: {shown:?}"
            );
            let rest = &self.raw[left.unwrap_or(0) + LEAVE_ALTERNATE.len()..];
            assert!(
                !rest.is_empty() && rest.chunks(SHOW_CURSOR.len()).all(|c| c == SHOW_CURSOR),
                "after {after} the output ends with {shown:?}"
            );
        }
    }

    impl Drop for Reader {
        fn drop(&mut self) {
            if let Ok(None) = self.spawned.child.try_wait() {
                let _ = self.spawned.child.kill();
                let _ = self.spawned.child.wait();
            }
        }
    }

    pub fn saved(state_dir: &Path) -> ReadingState {
        let (state, warning) = StateStore::new(state_dir).load();
        assert_eq!(warning, None);
        state
    }

    fn a_signal_saves_the_position_and_restores_the_terminal(signal: &str) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let state_dir = tmp.path().join("state");
        let mut reader = Reader::start(&state_dir);
        assert_eq!(reader.size(), (80, 16));
        reader.wait_for_list();
        reader.open_first_and_scroll();
        reader.signal(signal);
        assert!(
            reader.wait_exit(),
            "SIG{signal} ends the reader with status 0"
        );
        reader.assert_terminal_restored(&format!("SIG{signal}"));
        let state = saved(&state_dir);
        let placed: Vec<_> = state
            .articles
            .values()
            .filter(|a| a.read && (a.block, a.offset) != (0, 0))
            .collect();
        assert_eq!(placed.len(), 1, "after SIG{signal}: {state:?}");
    }

    #[test]
    fn sigterm_saves_the_position_and_restores_the_terminal() {
        a_signal_saves_the_position_and_restores_the_terminal("TERM");
    }

    #[test]
    fn sighup_saves_the_position_and_restores_the_terminal() {
        a_signal_saves_the_position_and_restores_the_terminal("HUP");
    }

    #[test]
    fn two_readers_on_one_state_folder_keep_both_marks() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let state_dir = tmp.path().join("state");
        let mut a = Reader::start(&state_dir);
        let mut b = Reader::start(&state_dir);
        a.wait_for_list();
        b.wait_for_list();
        a.press(ENTER); // the first article
        b.press("j");
        b.press(ENTER); // the second
        a.press("q");
        assert!(a.wait_exit());
        b.press("q");
        assert!(b.wait_exit());
        let read = saved(&state_dir)
            .articles
            .values()
            .filter(|a| a.read)
            .count();
        assert_eq!(read, 2, "{:?}", saved(&state_dir));
    }

    #[test]
    fn a_state_file_that_cannot_be_read_is_set_aside_said_and_the_next_run_is_clean() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let state_dir = tmp.path().join("state");
        std::fs::create_dir_all(&state_dir).expect("mkdir");
        let damaged = b"{\"version\":1,\"articles\":{\"/x/\xff\xfe.txt\":{\"read\":true}}}";
        std::fs::write(state_dir.join("state.json"), damaged).expect("write");
        let mut reader = Reader::start(&state_dir);
        reader.wait_for("the warning", |s| s.contains("reading state"));
        reader.wait_for_list();
        reader.press(ENTER);
        reader.press("q");
        assert!(reader.wait_exit());
        assert_eq!(super::set_aside(&state_dir), [damaged.to_vec()]);
        // The next run starts without a word, with the mark of the run before.
        let state = saved(&state_dir);
        assert_eq!(state.articles.values().filter(|a| a.read).count(), 1);
        let mut next = Reader::start(&state_dir);
        next.wait_for_list();
        assert!(
            !next.screen_text().contains("reading state"),
            "{}",
            next.screen_text()
        );
        next.press("q");
        assert!(next.wait_exit());
    }

    #[test]
    fn a_file_where_the_state_folder_should_be_is_said_and_left_alone() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let state_file = tmp.path().join("state.json");
        std::fs::write(&state_file, "{\"articles\": {}}").expect("write");
        let mut reader = Reader::start_with_config(&state_file, None, 200);
        reader.wait_for("the warning", |s| {
            s.contains("is a file, not a folder; move it away or pass --state-dir")
        });
        reader.wait_for_list();
        reader.press(ENTER);
        reader.press("q");
        assert!(reader.wait_exit());
        assert_eq!(
            std::fs::read_to_string(&state_file).expect("still a file"),
            "{\"articles\": {}}"
        );
    }

    #[test]
    fn with_quit_unbound_the_config_error_is_said_and_ctrl_c_still_quits() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let state_dir = tmp.path().join("state");
        let mut reader =
            Reader::start_with_config(&state_dir, Some("[keys]\nquit = []\nhelp = \"q\"\n"), 200);
        reader.wait_for("the config error", |s| s.contains("quit has no key"));
        reader.wait_for_list();
        reader.press("\x03"); // Ctrl-c
        assert!(reader.wait_exit(), "Ctrl-c quits");
        reader.assert_terminal_restored("Ctrl-c");
    }
}
