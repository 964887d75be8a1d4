//! Hardening, part 2: a hostile folder, built in a temporary folder by each test.
//!
//! It holds six good articles, three of them full of escape sequences (OSC 52 clipboard,
//! OSC 2 title, CSI 2J, BEL) in titles and bodies, two with file names holding a newline,
//! an invalid UTF-8 byte or an escape sequence; and bad files: a 50 MB single-line file,
//! JSON nested 100,000 deep, JSON with raw control characters, a symlink to a file that is
//! gone, and 10,000 empty files. `khabar extract`, `khabar index --no-cache` and the reader
//! in a pseudo-terminal must all stay up, show the good articles, list the bad files, and
//! never let a byte of an escape sequence reach the terminal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use khabar::article::{LoadErrorKind, MAX_FILE_BYTES, load_file, load_path};
use portable_pty::{Child, MasterPty};

#[path = "support/pty.rs"]
mod pty;
use pty::{Spawned, spawn_khabar};
use serde_json::Value;

/// The first word of each good article's title, as it must appear once cleaned.
const GOOD_TITLES: [&str; 6] = ["पहली", "दूसरी", "तीसरी", "चौथी", "पांचवीं", "छठी"];
/// How many empty files the folder holds.
const EMPTY_FILES: usize = 10_000;
/// Size of the single-line file that must be refused unread.
const HUGE_BYTES: u64 = 50 * 1024 * 1024;
/// Bad files other than the empty ones: huge.txt, nested.json, nested.jsonl (one line),
/// raw_controls.json, gone.txt (a dangling symlink).
const OTHER_BAD: usize = 5;

const OSC52: &str = "\u{1b}]52;c;cHduZWQ=\u{7}";
const OSC2: &str = "\u{1b}]2;PWNED\u{7}";
const OSC2_ST: &str = "\u{1b}]0;PWNED\u{1b}\\";
const CLEAR: &str = "\u{1b}[2J";

fn body() -> String {
    "नागपुर, 10 मार्च (भाषा) केंद्रीय मंत्री नितिन गडकरी ने सोमवार को नागपुर में नए राजमार्ग की \
     आधारशिला रखी।\n\nउन्होंने कहा कि सड़क अगले साल जून तक बनकर तैयार हो जाएगी।"
        .to_string()
}

/// Builds the folder; returns its path (inside `tmp`).
fn hostile_folder(tmp: &Path) -> PathBuf {
    let root = tmp.join("news");
    std::fs::create_dir_all(&root).expect("mkdir");
    let write = |name: &std::ffi::OsStr, bytes: &[u8]| {
        std::fs::write(root.join(name), bytes).expect("write fixture");
    };
    let txt = |title: &str, body: &str| format!("{title}\n\n{body}\n");
    write(
        "a_plain.txt".as_ref(),
        txt("पहली खबर साफ़", &body()).as_bytes(),
    );
    write(
        "b_escapes.txt".as_ref(),
        txt(
            &format!("दूसरी{OSC2} खबर{OSC52} ZZ{CLEAR}YY\u{7}"),
            &format!(
                "{OSC52}{}{OSC2_ST} QQ{CLEAR}WW \u{9b}2J\u{9d}2;PWNED\u{9c}",
                body()
            ),
        )
        .as_bytes(),
    );
    let json = serde_json::json!({
        "title": format!("तीसरी खबर{OSC2}{OSC52} ZZ{CLEAR}YY"),
        "body": format!("{}{OSC2_ST}{CLEAR}\u{7}", body()),
        "source": format!("स्रोत{OSC2}"),
        "tags": [format!("टैग{OSC52}")],
    });
    write("c_escapes.json".as_ref(), json.to_string().as_bytes());
    write(
        "d_new\nline.txt".as_ref(),
        txt("चौथी खबर", &body()).as_bytes(),
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        write(
            std::ffi::OsStr::from_bytes(b"e_bad\xff\xfename.txt"),
            txt("पांचवीं खबर", &body()).as_bytes(),
        );
    }
    #[cfg(not(unix))]
    write(
        "e_bad_name.txt".as_ref(),
        txt("पांचवीं खबर", &body()).as_bytes(),
    );
    write(
        format!("f_\u{1b}]2;FILENAME\u{7}{CLEAR}name.txt").as_ref(),
        txt("छठी खबर", &body()).as_bytes(),
    );

    // 50 MB on one line, with no newline at all.
    let huge = std::fs::File::create(root.join("huge.txt")).expect("create huge");
    let mut huge = std::io::BufWriter::new(huge);
    let chunk = "क".repeat(20_000) + "a";
    let mut written = 0u64;
    while written < HUGE_BYTES {
        huge.write_all(chunk.as_bytes()).expect("write huge");
        written += chunk.len() as u64;
    }
    huge.flush().expect("flush huge");
    drop(huge);

    write("nested.json".as_ref(), "[".repeat(100_000).as_bytes());
    write(
        "nested.jsonl".as_ref(),
        "{\"a\":".repeat(100_000).as_bytes(),
    );
    // Raw control characters inside JSON strings are not JSON.
    write(
        "raw_controls.json".as_ref(),
        format!("{{\"title\": \"x{OSC2}\", \"body\": \"y{CLEAR}\"}}").as_bytes(),
    );
    #[cfg(unix)]
    {
        let target = root.join("vanished.dat");
        std::fs::write(&target, "soon gone").expect("write target");
        std::os::unix::fs::symlink(&target, root.join("gone.txt")).expect("symlink");
        std::fs::remove_file(&target).expect("remove target");
    }
    #[cfg(not(unix))]
    write("gone.txt".as_ref(), b"");

    let empty = root.join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir empty");
    for i in 0..EMPTY_FILES {
        std::fs::File::create(empty.join(format!("{i:05}.txt"))).expect("empty file");
    }
    root
}

fn khabar(args: &[&std::ffi::OsStr], home: &Path) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khabar"));
    cmd.args(args);
    for (var, sub) in [
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
        ("HOME", "home"),
    ] {
        cmd.env(var, home.join(sub));
    }
    cmd.output().expect("run khabar")
}

fn assert_no_escape_bytes(what: &str, out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    // A file name is reported as it is, JSON-escaped; what the files hold never is.
    for bad in [
        "PWNED", "cHduZWQ", "\u{1b}", "\u{7}", "\u{9b}", "\u{9d}", "\u{9c}",
    ] {
        assert!(!text.contains(bad), "{what} carries {bad:?} from the files");
    }
}

/// Checks the errors listed by `extract` or `index`: every bad file, and no good one.
fn check_errors(json: &Value, root: &Path) {
    let huge_len = std::fs::metadata(root.join("huge.txt"))
        .expect("huge.txt")
        .len();
    assert!(huge_len >= HUGE_BYTES);
    let errors = json["errors"].as_array().expect("errors");
    let path_of = |e: &Value| e["path"].as_str().expect("path").to_string();
    let message_of = |name: &str| -> String {
        let e = errors
            .iter()
            .find(|e| path_of(e).ends_with(name))
            .unwrap_or_else(|| panic!("no error for {name}"));
        e["error"].as_str().expect("error").to_string()
    };
    assert_eq!(errors.len(), EMPTY_FILES + OTHER_BAD, "errors listed");
    // Refused by its size on disk, not after reading it.
    assert!(
        message_of("huge.txt").contains(&huge_len.to_string()),
        "{}",
        message_of("huge.txt")
    );
    assert!(message_of("nested.json").contains("JSON"));
    assert!(message_of("nested.jsonl").contains("JSON"));
    assert!(message_of("raw_controls.json").contains("JSON"));
    let _ = message_of("gone.txt");
    let empties = errors
        .iter()
        .filter(|e| path_of(e).contains("empty"))
        .count();
    assert_eq!(empties, EMPTY_FILES);
}

#[test]
fn the_loader_refuses_a_huge_file_by_its_size_without_reading_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    // A sparse file: reading it would give NUL bytes (a binary file) or stop at the limit
    // (8 MiB + 1); only a check of its size on disk gives its real size.
    file.set_len(HUGE_BYTES).expect("set_len");
    let started = Instant::now();
    let outcome = load_file(&path);
    let took = started.elapsed();
    assert!(outcome.articles.is_empty());
    match &outcome.errors[..] {
        [e] => assert!(
            matches!(e.kind, LoadErrorKind::TooLarge { size } if size == HUGE_BYTES),
            "{e}"
        ),
        other => panic!("expected one error, got {other:?}"),
    }
    const { assert!(HUGE_BYTES > MAX_FILE_BYTES) };
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[test]
fn files_deleted_while_the_folder_loads_are_errors_not_panics() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("news");
    std::fs::create_dir_all(&root).expect("mkdir");
    let n = 2_000;
    let paths: Vec<PathBuf> = (0..n)
        .map(|i| {
            let p = root.join(format!("{i:05}.txt"));
            std::fs::write(&p, format!("खबर {i}\n\n{}", body())).expect("write");
            p
        })
        .collect();
    let deleter = {
        let paths = paths.clone();
        std::thread::spawn(move || {
            for p in paths.iter().rev().step_by(2) {
                let _ = std::fs::remove_file(p);
            }
        })
    };
    let (mut articles, mut errors) = (0, 0);
    load_path(&root, |o| {
        articles += o.articles.len();
        errors += o.errors.len();
    });
    deleter.join().expect("deleter");
    assert!(articles >= n / 2, "{articles} of {n} loaded");
    assert!(articles + errors <= n);
    // Once the deleter is done, the folder loads cleanly: every remaining file, no error.
    let (mut articles, mut errors) = (0, 0);
    load_path(&root, |o| {
        articles += o.articles.len();
        errors += o.errors.len();
    });
    assert_eq!((articles, errors), (n / 2, 0));
}

#[test]
fn extract_and_index_list_the_good_articles_and_every_bad_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = hostile_folder(tmp.path());

    let out = khabar(&["extract".as_ref(), root.as_os_str()], tmp.path());
    assert!(
        out.status.success(),
        "extract: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_escape_bytes("extract's output", &out.stdout);
    let json: Value = serde_json::from_slice(&out.stdout).expect("extract prints JSON");
    let articles = json["articles"].as_array().expect("articles");
    let titles: Vec<&str> = articles
        .iter()
        .map(|a| a["title"].as_str().expect("title"))
        .collect();
    assert_eq!(articles.len(), GOOD_TITLES.len(), "{titles:?}");
    for want in GOOD_TITLES {
        assert!(
            titles.iter().any(|t| t.starts_with(want)),
            "{want} in {titles:?}"
        );
    }
    assert!(titles.iter().any(|t| t.contains("ZZYY")), "{titles:?}");
    for a in articles {
        assert!(
            a["entities"].as_array().is_some_and(|e| !e.is_empty()),
            "{}",
            a["title"]
        );
    }
    check_errors(&json, &root);

    let out = khabar(
        &["index".as_ref(), "--no-cache".as_ref(), root.as_os_str()],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "index: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_escape_bytes("index's output", &out.stdout);
    let json: Value = serde_json::from_slice(&out.stdout).expect("index prints JSON");
    let gadkari = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["name"].as_str().is_some_and(|n| n.contains("गडकरी")))
        .expect("गडकरी is found");
    assert_eq!(
        gadkari["articles"].as_array().map(Vec::len),
        Some(GOOD_TITLES.len()),
        "every good article is indexed: {gadkari}"
    );
    check_errors(&json, &root);
}

// The reader in a pseudo-terminal: a trimmed copy of the helpers of tests/e2e_pty.rs.

const WAIT: Duration = Duration::from_secs(10);
const QUIET: Duration = Duration::from_millis(120);

struct Tui {
    parser: vt100::Parser,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    /// Every byte the reader wrote, to search for leaked sequences.
    raw: Vec<u8>,
    last_output: Instant,
    _master: Box<dyn MasterPty + Send>,
    _home: tempfile::TempDir,
}

impl Tui {
    fn spawn(folder: &Path, cols: u16, rows: u16) -> Tui {
        let home = tempfile::tempdir().expect("temp dir");
        let state_dir = home.path().join("state-dir");
        let Spawned {
            master,
            writer,
            child,
            output,
        } = spawn_khabar(
            home.path(),
            cols,
            rows,
            &[
                folder.as_os_str(),
                "--state-dir".as_ref(),
                state_dir.as_os_str(),
            ],
            &[],
        );
        Tui {
            parser: vt100::Parser::new(rows, cols, 0),
            writer,
            child,
            output,
            raw: Vec::new(),
            last_output: Instant::now(),
            _master: master,
            _home: home,
        }
    }

    fn pump(&mut self) {
        loop {
            match self.output.try_recv() {
                Ok(chunk) => {
                    self.parser.process(&chunk);
                    self.raw.extend_from_slice(&chunk);
                    self.last_output = Instant::now();
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return,
            }
        }
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    fn send(&mut self, key: &str) {
        self.writer.write_all(key.as_bytes()).expect("write key");
        self.writer.flush().expect("flush key");
    }

    fn wait_for(&mut self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            self.pump();
            if cond(self.screen()) {
                while self.last_output.elapsed() < QUIET {
                    std::thread::sleep(Duration::from_millis(10));
                    self.pump();
                }
                return;
            }
            if start.elapsed() > WAIT {
                panic!("waited {WAIT:?} for {what}\n{}", self.dump());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Fails if anything from the files reached the terminal: the title, the bell, the
    /// clipboard, a clear.
    fn check_untouched(&self, step: &str) {
        let screen = self.screen();
        assert_eq!(screen.title(), "", "title changed after {step}");
        assert_eq!(screen.icon_name(), "", "icon name changed after {step}");
        assert_eq!(screen.audible_bell_count(), 0, "bell rang after {step}");
        let raw = String::from_utf8_lossy(&self.raw);
        for bad in [
            "PWNED",
            "FILENAME",
            "cHduZWQ",
            "\u{1b}]",
            "\u{7}",
            "\u{1b}[2JYY",
            "ZZ\u{1b}[2J",
            "QQ\u{1b}[2J",
            "\u{1b}[2JWW",
        ] {
            assert!(
                !raw.contains(bad),
                "after {step} the reader wrote {bad:?}\n{}",
                self.dump()
            );
        }
        assert!(
            !screen.contents().contains("PWNED"),
            "after {step}\n{}",
            self.dump()
        );
    }

    fn quit(&mut self) {
        self.send("q");
        let start = Instant::now();
        loop {
            self.pump();
            match self.child.try_wait().expect("try_wait") {
                Some(status) => {
                    assert!(status.success(), "exited with {status:?}\n{}", self.dump());
                    return;
                }
                None if start.elapsed() > WAIT => panic!("no exit after q\n{}", self.dump()),
                None => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    }

    fn dump(&self) -> String {
        let screen = self.screen();
        let (rows, _) = screen.size();
        (0..rows)
            .map(|r| format!("{r:>2} |{}|\n", row_text(screen, r)))
            .collect()
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

fn row_text(screen: &vt100::Screen, row: u16) -> String {
    let (_, cols) = screen.size();
    let mut s = String::new();
    for col in 0..cols {
        match screen.cell(row, col) {
            Some(c) if c.is_wide_continuation() => {}
            Some(c) if c.has_contents() => s.push_str(&c.contents()),
            _ => s.push(' '),
        }
    }
    s
}

fn screen_has(screen: &vt100::Screen, text: &str) -> bool {
    let (rows, _) = screen.size();
    (0..rows).any(|r| row_text(screen, r).contains(text))
}

#[test]
fn the_reader_stays_up_and_shows_nothing_the_files_try_to_send_the_terminal() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = hostile_folder(tmp.path());
    let unreadable = format!(
        "{},{:03} unreadable",
        (EMPTY_FILES + OTHER_BAD) / 1000,
        (EMPTY_FILES + OTHER_BAD) % 1000
    );
    let mut tui = Tui::spawn(&root, 120, 40);
    let articles = format!("{} articles", GOOD_TITLES.len());
    tui.wait_for("every good article and the count of bad files", |s| {
        screen_has(s, &articles) && screen_has(s, &unreadable) && !screen_has(s, "loading")
    });
    for title in GOOD_TITLES {
        assert!(
            screen_has(tui.screen(), title),
            "{title} is not listed\n{}",
            tui.dump()
        );
    }
    tui.check_untouched("loading");

    // Open every article in turn, the escape-laden ones too: Enter opens the selected one
    // (its title then shows in the list and in the reader), Shift-Tab goes back to the
    // list, j selects the next.
    for (i, title) in GOOD_TITLES.iter().enumerate() {
        tui.send("\r");
        tui.wait_for(&format!("article {i} in the reader"), |s| {
            s.contents().matches(title).count() >= 2 && screen_has(s, "गडकरी")
        });
        tui.check_untouched(&format!("opening article {i}"));
        if std::env::var_os("KHABAR_E2E_DUMP").is_some() {
            eprintln!("article {i}:\n{}", tui.dump());
        }
        tui.send("\x1b[Z");
        std::thread::sleep(Duration::from_millis(50));
        tui.send("j");
        std::thread::sleep(Duration::from_millis(50));
    }

    tui.send("E");
    tui.wait_for("the list of unreadable files", |s| {
        screen_has(s, "Files that could not be read")
    });
    tui.check_untouched("E");
    let screen = tui.screen().contents();
    assert!(
        [
            "huge.txt",
            "nested.json",
            "gone.txt",
            "raw_controls.json",
            "empty"
        ]
        .iter()
        .any(|name| screen.contains(name)),
        "no bad file listed\n{}",
        tui.dump()
    );
    tui.send("E");
    tui.wait_for("the list again", |s| {
        !screen_has(s, "Files that could not be read")
    });
    tui.check_untouched("closing the errors");
    tui.quit();
    tui.check_untouched("quitting");
}

#[test]
fn the_reader_stays_up_on_a_folder_where_nothing_can_be_read() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("bad");
    std::fs::create_dir_all(&root).expect("mkdir");
    std::fs::write(root.join("nested.json"), "[".repeat(100_000)).expect("write");
    std::fs::write(root.join("binary.txt"), b"\0\x01\x02").expect("write");
    std::fs::write(root.join("latin1.txt"), b"caf\xe9").expect("write");
    std::fs::write(root.join("blank.txt"), " \n\r\n\t").expect("write");
    std::fs::write(
        root.join("only_escapes.txt"),
        format!("{OSC2}{CLEAR}\n\n{OSC52}"),
    )
    .expect("write");
    let mut tui = Tui::spawn(&root, 80, 24);
    tui.wait_for("the count of unreadable files", |s| {
        screen_has(s, "5 unreadable") && !screen_has(s, "loading")
    });
    tui.check_untouched("loading");
    tui.send("\r");
    tui.send("E");
    tui.wait_for("the list of unreadable files", |s| {
        screen_has(s, "Files that could not be read (5)")
    });
    for name in [
        "nested.json",
        "binary.txt",
        "latin1.txt",
        "blank.txt",
        "only_escapes",
    ] {
        assert!(
            tui.screen().contents().contains(name),
            "{name} is not listed\n{}",
            tui.dump()
        );
    }
    tui.check_untouched("E");
    tui.quit();

    // extract says so with exit status 1, and lists all five.
    let out = khabar(&["extract".as_ref(), root.as_os_str()], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(5), "{json}");
}
