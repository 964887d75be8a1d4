//! Time from starting `khabar` to its first frame, and to the end of loading, in a real
//! pseudo-terminal.
//!
//! Runs the release binary (`target/release/khabar`; build it first with
//! `cargo build --release`) in a 120×40 pty on the corpus folder (`../shared/corpus/articles`
//! next to the crate, or `$KHABAR_CORPUS`), with its state directory, `HOME` and `XDG_*`
//! pointing into a fresh temporary folder, and feeds its output to a vt100 parser. Records:
//! - first frame: the screen shows `Articles (N)` with N > 0 and a pane border;
//! - all loaded: the status line says `… articles` and no longer `loading`.
//!
//! Then presses `q` and waits for the reader to exit. Ten runs; prints min/median/max.
//! `KHABAR_BIN` overrides the binary, `KHABAR_RUNS` the number of runs.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const DEFAULT_RUNS: usize = 10;
/// Give up on a run after this long.
const TIMEOUT: Duration = Duration::from_secs(30);
/// How long to wait for the reader to exit after `q`.
const EXIT_TIMEOUT: Duration = Duration::from_secs(5);

fn corpus_dir() -> PathBuf {
    match std::env::var_os("KHABAR_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles"),
    }
}

fn binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("KHABAR_BIN") {
        return PathBuf::from(bin);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("release").join("khabar")
}

/// The newest modification time of the crate's sources, to warn about a stale binary.
fn newest_source() -> Option<SystemTime> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut newest = std::fs::metadata(root.join("Cargo.toml"))
        .and_then(|m| m.modified())
        .ok();
    let mut stack = vec![root.join("src")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(modified) = entry.metadata().and_then(|m| m.modified()) {
                newest = newest.max(Some(modified));
            }
        }
    }
    newest
}

/// The count in the list pane's title, `Articles (N)`, if shown.
fn listed_count(contents: &str) -> Option<usize> {
    let at = contents.find("Articles (")? + "Articles (".len();
    let digits: String = contents[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn has_border(contents: &str) -> bool {
    contents.contains(['┌', '╭']) && contents.contains('│')
}

#[derive(Debug, Clone, Copy)]
struct Run {
    first_frame: Duration,
    all_loaded: Duration,
    exit: Duration,
}

/// Output chunks from the pty, each with the time it was read.
type Chunks = Receiver<(Instant, Vec<u8>)>;

fn one_run(bin: &Path, corpus: &Path) -> Result<Run, String> {
    let home = tempfile::tempdir().map_err(|e| format!("temporary folder: {e}"))?;
    let state = home.path().join("state-dir");
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| format!("openpty: {e}"))?;
    let mut cmd = CommandBuilder::new(bin);
    cmd.arg(corpus);
    cmd.arg("--state-dir");
    cmd.arg(&state);
    cmd.cwd(home.path());
    cmd.env("HOME", home.path());
    for (var, sub) in [
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ] {
        let dir = home.path().join(sub);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        cmd.env(var, dir);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");

    let mut reader = pair
        .master
        .try_clone_reader()
        .map_err(|e| format!("pty reader: {e}"))?;
    let mut writer = pair
        .master
        .take_writer()
        .map_err(|e| format!("pty writer: {e}"))?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                        break;
                    }
                }
            }
        }
    });

    let started = Instant::now();
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    drop(pair.slave);
    // Answer the width questions as a code-point terminal does (vt100 answers nothing, and
    // khabar would wait out its timeout): the cursor moved 3 columns, then the device
    // attributes. Typed ahead, they wait in the input for the questions.
    writer
        .write_all(b"\x1b[1;4R\x1b[?62;22c")
        .and_then(|()| writer.flush())
        .map_err(|e| format!("pty writer: {e}"))?;

    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
    let mut first_frame = None;
    let mut all_loaded = None;
    let outcome = watch(&rx, &mut parser, &mut *writer, started, |screen, at| {
        let contents = screen.contents();
        if first_frame.is_none()
            && listed_count(&contents).is_some_and(|n| n > 0)
            && has_border(&contents)
        {
            first_frame = Some(at - started);
        }
        let status = screen.rows(0, COLS).last().unwrap_or_default();
        if first_frame.is_some() && status.contains("articles") && !status.contains("loading") {
            all_loaded = Some(at - started);
            return true;
        }
        false
    });
    let screen_dump = parser.screen().contents();

    // Quit, and keep draining the pty so the reader is never blocked writing.
    let quit_at = Instant::now();
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let exited = loop {
        match child.try_wait() {
            Ok(Some(_)) => break Some(quit_at.elapsed()),
            Ok(None) if quit_at.elapsed() > EXIT_TIMEOUT => break None,
            Ok(None) => {}
            Err(e) => return Err(format!("waiting for khabar: {e}")),
        }
        let _ = rx.recv_timeout(Duration::from_millis(2));
    };
    let Some(exit) = exited else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(format!(
            "khabar did not exit within {EXIT_TIMEOUT:?} of `q`"
        ));
    };
    outcome.map_err(|e| format!("{e}; screen was:\n{screen_dump}"))?;
    match (first_frame, all_loaded) {
        (Some(first_frame), Some(all_loaded)) => Ok(Run {
            first_frame,
            all_loaded,
            exit,
        }),
        _ => Err(format!(
            "the expected screens never appeared; screen was:\n{screen_dump}"
        )),
    }
}

/// Feeds output to the parser until `done` says so, answering cursor-position queries.
fn watch(
    rx: &Chunks,
    parser: &mut vt100::Parser,
    writer: &mut dyn Write,
    started: Instant,
    mut done: impl FnMut(&vt100::Screen, Instant) -> bool,
) -> Result<(), String> {
    loop {
        let left = TIMEOUT.saturating_sub(started.elapsed());
        let (at, bytes) = match rx.recv_timeout(left) {
            Ok(chunk) => chunk,
            Err(RecvTimeoutError::Timeout) => return Err(format!("timed out after {TIMEOUT:?}")),
            Err(RecvTimeoutError::Disconnected) => {
                return Err("khabar closed the terminal early".to_string());
            }
        };
        parser.process(&bytes);
        if bytes.windows(4).any(|w| w == b"\x1b[6n") {
            let (row, col) = parser.screen().cursor_position();
            let _ = write!(writer, "\x1b[{};{}R", row + 1, col + 1);
            let _ = writer.flush();
        }
        if done(parser.screen(), at) {
            return Ok(());
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Min, median and max in milliseconds.
fn summary(mut values: Vec<Duration>) -> (f64, f64, f64) {
    values.sort();
    let n = values.len();
    let median = if n % 2 == 1 {
        ms(values[n / 2])
    } else {
        (ms(values[n / 2 - 1]) + ms(values[n / 2])) / 2.0
    };
    (ms(values[0]), median, ms(values[n - 1]))
}

fn main() -> ExitCode {
    let bin = binary();
    if !bin.is_file() {
        eprintln!(
            "first_frame: {} not found.\n\
             Build the release binary first:  cargo build --release\n\
             (or point KHABAR_BIN at a khabar binary)",
            bin.display()
        );
        return ExitCode::FAILURE;
    }
    let corpus = corpus_dir();
    if !corpus.is_dir() {
        println!(
            "first_frame: corpus folder {} not found (set KHABAR_CORPUS); nothing to measure",
            corpus.display()
        );
        return ExitCode::SUCCESS;
    }
    if let (Ok(built), Some(source)) = (
        std::fs::metadata(&bin).and_then(|m| m.modified()),
        newest_source(),
    ) && built < source
    {
        println!(
            "first_frame: warning: {} is older than the sources; run `cargo build --release`",
            bin.display()
        );
    }
    let runs: usize = std::env::var("KHABAR_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_RUNS);
    println!(
        "first_frame: {} on {} in a {COLS}x{ROWS} pty, {runs} runs",
        bin.display(),
        corpus.display()
    );
    let mut results = Vec::new();
    for i in 1..=runs {
        match one_run(&bin, &corpus) {
            Ok(run) => {
                println!(
                    "  run {i:2}: first frame {:7.2} ms, all loaded {:7.2} ms, exit after q {:6.2} ms",
                    ms(run.first_frame),
                    ms(run.all_loaded),
                    ms(run.exit)
                );
                results.push(run);
            }
            Err(e) => {
                eprintln!("  run {i:2} failed: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    for (name, values) in [
        (
            "first frame",
            results.iter().map(|r| r.first_frame).collect::<Vec<_>>(),
        ),
        ("all loaded", results.iter().map(|r| r.all_loaded).collect()),
        ("exit after q", results.iter().map(|r| r.exit).collect()),
    ] {
        let (min, median, max) = summary(values);
        println!("{name:>12}: min {min:7.2} ms  median {median:7.2} ms  max {max:7.2} ms");
    }
    ExitCode::SUCCESS
}
