//! How the terminal advances over a grapheme cluster, and keeping it the way khabar lays
//! text out.
//!
//! khabar (its wrapper in `crate::text`, and ratatui's buffer and diff) gives a cluster the
//! width of its characters added up: `कि` is 2 columns, `स्त्री` 4. Terminals without mode
//! 2027, and tmux, advance the same way. A terminal in grapheme mode (mode 2027 set:
//! Ghostty by default; Contour, foot, WezTerm on request) advances by the cluster's first
//! character only (1 for Devanagari), so a Devanagari cluster takes fewer columns there
//! than khabar left for it. ratatui then repositions the cursor after every wide cell, so
//! borders stay put, but the columns a cluster does not fill are never written and can
//! keep old characters. Laying out with the terminal's widths would need the cluster
//! width of `crate::text::width` to change *and* a diff that does not skip a symbol's
//! trailing cells by `unicode-width` (ratatui 0.29's does), so instead, at start, khabar
//! asks a terminal that may be in grapheme mode (DECRQM, `CSI ? 2027 $ p`; see
//! [`may_be_in_grapheme_mode`]) and, when the mode is on and can be turned off, turns it
//! off for the session and on again on exit.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What `--width-mode` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WidthMode {
    /// Ask the terminal (mode 2027) and keep it advancing by code point.
    #[default]
    Auto,
    /// Ask nothing: the terminal advances by code point (xterm, VTE, tmux…).
    Codepoint,
    /// Turn mode 2027 on. Only for trying terminals out: khabar still lays text out by
    /// code point, so Devanagari clusters leave gaps.
    Grapheme,
}

/// The state of mode 2027 a DECRPM reply reports (`CSI ? 2027 ; Ps $ y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeState {
    /// Ps 0: the terminal does not know the mode.
    Unknown,
    /// Ps 1: on, and can be turned off.
    Set,
    /// Ps 2: off, and can be turned on.
    Reset,
    /// Ps 3: on for good.
    PermanentlySet,
    /// Ps 4: off for good.
    PermanentlyReset,
}

/// The state of `mode` in a DECRPM reply somewhere in `bytes`.
pub fn parse_decrpm(bytes: &[u8], mode: u16) -> Option<ModeState> {
    let prefix = format!("\x1b[?{mode};");
    let at = find(bytes, prefix.as_bytes())? + prefix.len();
    let rest = &bytes[at..];
    let end = find(rest, b"$y")?;
    let ps: u8 = std::str::from_utf8(&rest[..end]).ok()?.parse().ok()?;
    Some(match ps {
        1 => ModeState::Set,
        2 => ModeState::Reset,
        3 => ModeState::PermanentlySet,
        4 => ModeState::PermanentlyReset,
        _ => ModeState::Unknown,
    })
}

/// Whether `bytes` hold a primary device attributes reply (`CSI ? … c`), which every
/// terminal sends and sends after the replies to earlier queries.
pub fn has_device_attributes(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some(at) = find(rest, b"\x1b[?") {
        let tail = &rest[at + 3..];
        let len = tail
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'))
            .unwrap_or(tail.len());
        if tail.get(len) == Some(&b'c') {
            return true;
        }
        rest = tail;
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether mode 2027 must be set again when the reader leaves the terminal.
static RESTORE_GRAPHEME: AtomicBool = AtomicBool::new(false);

/// Undoes what [`settle`] changed; safe to call more than once.
pub fn restore(out: &mut impl Write) {
    if RESTORE_GRAPHEME.swap(false, Ordering::SeqCst) {
        let _ = out.write_all(b"\x1b[?2027h");
        let _ = out.flush();
    }
}

/// Puts the terminal (already in raw mode, before anything reads its input) in the mode
/// khabar lays text out for; returns what it found, for the status line when it matters.
pub fn settle(mode: WidthMode) -> Option<String> {
    let mut out = std::io::stdout();
    match mode {
        WidthMode::Codepoint => None,
        WidthMode::Grapheme => {
            let _ = out.write_all(b"\x1b[?2027h");
            let _ = out.flush();
            Some("grapheme mode (2027) on: Devanagari clusters may leave gaps".into())
        }
        WidthMode::Auto if !may_be_in_grapheme_mode(&env("TERM"), &env("TERM_PROGRAM")) => None,
        WidthMode::Auto => match probe(Duration::from_millis(100)) {
            Some(ModeState::Set) => {
                let _ = out.write_all(b"\x1b[?2027l");
                let _ = out.flush();
                RESTORE_GRAPHEME.store(true, Ordering::SeqCst);
                None
            }
            Some(ModeState::PermanentlySet) => Some(
                "this terminal keeps grapheme mode on: Devanagari may look spaced; r shows \
                 Latin letters"
                    .into(),
            ),
            _ => None,
        },
    }
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

/// Whether the terminal may be one with grapheme mode (2027) on: Ghostty, WezTerm, Contour
/// and foot. Only those are asked, outside tmux and screen (which answer for themselves
/// and advance by code point): an answer takes up to 100 ms and keys typed meanwhile are
/// read as part of it and lost.
pub fn may_be_in_grapheme_mode(term: &str, term_program: &str) -> bool {
    let term = term.to_ascii_lowercase();
    let program = term_program.to_ascii_lowercase();
    if term.starts_with("screen") || term.starts_with("tmux") || program == "tmux" {
        return false;
    }
    matches!(program.as_str(), "ghostty" | "wezterm" | "contour")
        || term.contains("ghostty")
        || term.starts_with("contour")
        || term.starts_with("foot")
}

/// Asks the terminal for mode 2027's state, waiting at most `timeout` for the answer.
/// `None` when there is no terminal to ask or it did not answer.
fn probe(timeout: Duration) -> Option<ModeState> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return None;
    }
    let mut tty = std::fs::File::open("/dev/tty").ok()?;
    // Reads return after a tenth of a second without input, so a terminal that does not
    // answer cannot hang the start. std has no poll(2); stty sets the tty's read timeout.
    if !stty(&["min", "0", "time", "1"]) {
        return None;
    }
    let mut out = std::io::stdout();
    // Device attributes after the question: every terminal answers those, in order, so
    // their arrival says no other answer is coming.
    let asked = out
        .write_all(b"\x1b[?2027$p\x1b[c")
        .and_then(|()| out.flush());
    let mut got = Vec::new();
    if asked.is_ok() {
        let start = Instant::now();
        let mut buf = [0u8; 256];
        while start.elapsed() < timeout && !has_device_attributes(&got) {
            match tty.read(&mut buf) {
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(_) => break,
            }
        }
    }
    stty(&["min", "1", "time", "0"]);
    parse_decrpm(&got, 2027)
}

/// Runs `stty ARGS` on the terminal; says whether it worked.
fn stty(args: &[&str]) -> bool {
    let Ok(tty) = std::fs::File::open("/dev/tty") else {
        return false;
    };
    std::process::Command::new("stty")
        .args(args)
        .stdin(tty)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_terminals_that_may_be_in_grapheme_mode_are_asked() {
        assert!(may_be_in_grapheme_mode("xterm-ghostty", "ghostty"));
        assert!(may_be_in_grapheme_mode("xterm-256color", "WezTerm"));
        assert!(may_be_in_grapheme_mode("foot", ""));
        assert!(!may_be_in_grapheme_mode("xterm-256color", ""));
        assert!(!may_be_in_grapheme_mode("tmux-256color", "ghostty"));
        assert!(!may_be_in_grapheme_mode("screen-256color", ""));
        assert!(!may_be_in_grapheme_mode("xterm-256color", "tmux"));
    }

    #[test]
    fn replies_are_read() {
        assert_eq!(
            parse_decrpm(b"\x1b[?2027;1$y\x1b[?62;22c", 2027),
            Some(ModeState::Set)
        );
        assert_eq!(
            parse_decrpm(b"\x1b[?2027;2$y", 2027),
            Some(ModeState::Reset)
        );
        assert_eq!(
            parse_decrpm(b"\x1b[?2027;0$y", 2027),
            Some(ModeState::Unknown)
        );
        assert_eq!(
            parse_decrpm(b"\x1b[?2027;3$y", 2027),
            Some(ModeState::PermanentlySet)
        );
        assert_eq!(parse_decrpm(b"\x1b[?62;22c", 2027), None);
        assert_eq!(parse_decrpm(b"\x1b[?2026;1$y", 2027), None);
        assert!(has_device_attributes(b"\x1b[?2027;2$y\x1b[?62;22c"));
        assert!(has_device_attributes(b"\x1b[?1;2c"));
        assert!(!has_device_attributes(b"\x1b[?2027;2$y"));
    }
}
