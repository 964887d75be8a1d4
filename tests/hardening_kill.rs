//! Hardening, part 3: what khabar writes survives being killed at any moment.
//!
//! - the reading state: a writer saving state in a loop (this test binary run again as a
//!   child) and the reader itself, opening articles in a pseudo-terminal, are SIGKILLed at
//!   moments spread over their work; the state file must always load without a "corrupt"
//!   warning;
//! - the cache: `khabar index --cache-dir DIR` is SIGKILLed mid-run several times; a normal
//!   run afterwards must succeed and print exactly what `--no-cache` prints.
//!
//! `Child::kill` sends SIGKILL on unix.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use khabar::state::{ArticleState, ReadingState, StateStore};

#[cfg(unix)]
#[path = "support/pty.rs"]
mod pty;
#[cfg(unix)]
use pty::{Spawned, spawn_khabar};

/// Set in the child that [`state_writer_child`] runs as: the state folder to write to.
const CHILD_ENV: &str = "KHABAR_HARDENING_STATE_WRITER";

/// Not a test on its own: when run as a child by
/// [`killing_a_state_writer_never_corrupts_the_state`], saves growing reading states in a
/// loop until it is killed.
#[test]
fn state_writer_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let store = StateStore::new(PathBuf::from(dir));
    let mut state = ReadingState::default();
    let started = Instant::now();
    let mut i = 0usize;
    // Bounded, in case the parent dies without killing us.
    while started.elapsed() < Duration::from_secs(20) {
        state.articles.insert(
            format!("/news/लेख-{:04}.txt", i % 500),
            ArticleState {
                read: i.is_multiple_of(2),
                block: i % 7,
                offset: i,
            },
        );
        store.save(&state).expect("save state");
        if i == 0 {
            // Tell the parent the first save is done.
            println!("saving");
            let _ = std::io::stdout().flush();
        }
        i += 1;
    }
}

/// Moments to kill at, spread over `0..span` (deterministic, so a failure repeats).
fn kill_moments(n: u32, span: Duration) -> impl Iterator<Item = Duration> {
    (0..n).map(move |i| span * ((i * 7919) % n) / n)
}

fn assert_state_loads(dir: &Path, step: &str) -> ReadingState {
    let (state, warning) = StateStore::new(dir).load();
    assert_eq!(warning, None, "after {step}");
    let corrupt: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains("corrupt"))
                .collect()
        })
        .unwrap_or_default();
    assert!(corrupt.is_empty(), "after {step}: {corrupt:?}");
    // A save killed half-way may leave its temporary file, but killed saves must not
    // pile up files in the state folder: one temporary file and one lock at most.
    let others: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n != "state.json")
                .collect()
        })
        .unwrap_or_default();
    assert!(
        others.len() <= 2,
        "after {step} the state folder holds {others:?}"
    );
    state
}

#[test]
fn killing_a_state_writer_never_corrupts_the_state() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("state");
    let mut seen = 0;
    for (round, delay) in kill_moments(16, Duration::from_millis(60)).enumerate() {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "state_writer_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the writer");
        // Wait until it writes, then let it run on for a while and kill it mid-loop.
        // (libtest prints its own lines first.)
        let out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let first_save = std::io::BufRead::lines(out)
            .map_while(Result::ok)
            .any(|l| l.contains("saving"));
        assert!(first_save, "round {round}: the writer never saved");
        std::thread::sleep(delay);
        child.kill().expect("kill the writer");
        let status = child.wait().expect("wait");
        assert!(
            !status.success(),
            "round {round}: the writer ended by itself"
        );
        let state = assert_state_loads(&dir, &format!("kill {round} after {delay:?}"));
        assert!(!state.articles.is_empty());
        seen = seen.max(state.articles.len());
    }
    assert!(seen > 1, "the writer never got past its first save");
}

/// Copies of the test articles, enough for an index run to take a noticeable time.
fn article_folder(root: &Path, copies: usize) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let sources: Vec<PathBuf> = ["people", "library", "timeline", "wide"]
        .iter()
        .flat_map(|d| std::fs::read_dir(fixtures.join(d)).expect("fixtures"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    assert!(!sources.is_empty());
    std::fs::create_dir_all(root).expect("mkdir");
    for i in 0..copies {
        let src = &sources[i % sources.len()];
        let text = std::fs::read_to_string(src).expect("fixture");
        // Each copy different, so no two files give the same facts.
        let text = text.replacen('\n', &format!(" {i}\n"), 1);
        std::fs::write(root.join(format!("{i:04}.txt")), text).expect("write copy");
    }
}

fn khabar(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khabar"));
    for (var, sub) in [
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
        ("HOME", "home"),
    ] {
        cmd.env(var, home.join(sub));
    }
    cmd
}

#[test]
fn killing_index_mid_run_leaves_a_cache_that_gives_the_same_answer() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let folder = tmp.path().join("news");
    article_folder(&folder, 300);
    let cache = tmp.path().join("cache-dir");

    let started = Instant::now();
    let fresh = khabar(tmp.path())
        .args(["index", "--no-cache"])
        .arg(&folder)
        .output()
        .expect("index --no-cache");
    let full_run = started.elapsed();
    assert!(
        fresh.status.success(),
        "{}",
        String::from_utf8_lossy(&fresh.stderr)
    );

    let mut killed = 0;
    for (round, delay) in kill_moments(6, full_run + full_run / 2).enumerate() {
        let mut child = khabar(tmp.path())
            .args(["index", "--cache-dir"])
            .arg(&cache)
            .arg(&folder)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn index");
        std::thread::sleep(delay);
        match child.try_wait().expect("try_wait") {
            None => {
                child.kill().expect("kill index");
                let _ = child.wait();
                killed += 1;
            }
            Some(status) => assert!(status.success(), "round {round}: index failed: {status:?}"),
        }
    }
    assert!(killed > 0, "no run was killed mid-way");

    let cached = khabar(tmp.path())
        .args(["index", "--cache-dir"])
        .arg(&cache)
        .arg(&folder)
        .output()
        .expect("index with the cache");
    assert!(
        cached.status.success(),
        "after {killed} kills: {}",
        String::from_utf8_lossy(&cached.stderr)
    );
    assert!(
        cached.stdout == fresh.stdout,
        "after {killed} kills the cached run prints something else\n{}",
        String::from_utf8_lossy(&cached.stderr)
    );
    // And once more, now everything comes from the cache.
    let again = khabar(tmp.path())
        .args(["index", "--cache-dir"])
        .arg(&cache)
        .arg(&folder)
        .output()
        .expect("index again");
    assert!(again.status.success() && again.stdout == fresh.stdout);
}

#[cfg(unix)]
#[test]
fn killing_the_reader_while_it_saves_never_corrupts_the_state() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let folder = tmp.path().join("news");
    article_folder(&folder, 12);
    let state_dir = tmp.path().join("state-dir");
    for (round, delay) in kill_moments(6, Duration::from_millis(900)).enumerate() {
        // The master and the output stay alive (and drained) until the round ends, so the
        // reader never blocks on a full pty.
        let Spawned {
            mut writer,
            mut child,
            master: _master,
            output: _output,
        } = spawn_khabar(
            tmp.path(),
            100,
            30,
            &[
                folder.as_os_str(),
                "--state-dir".as_ref(),
                state_dir.as_os_str(),
            ],
            &[],
        );
        // Open article after article (each open marks it read and saves), then kill.
        let started = Instant::now();
        let until = Duration::from_millis(1000) + delay;
        while started.elapsed() < until {
            let _ = writer.write_all(b"\r\x1b[Zj");
            let _ = writer.flush();
            std::thread::sleep(Duration::from_millis(15));
        }
        child.kill().expect("kill the reader");
        let _ = child.wait();
        assert_state_loads(&state_dir, &format!("kill {round} after {until:?}"));
    }
    let state = assert_state_loads(&state_dir, "the last kill");
    assert!(
        state.articles.values().any(|a| a.read),
        "the reader never saved a read mark"
    );
}
