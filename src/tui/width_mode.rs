//! Finding out how the terminal advances over a grapheme cluster, so khabar lays text out
//! the same way (`crate::text::width::Advance`).
//!
//! Terminals without mode 2027 (xterm, VTE, Konsole, alacritty, tmux…) advance by code
//! point: `क्षि` takes 3 columns. A terminal in grapheme mode (mode 2027 set: Ghostty by
//! default; Contour, foot, WezTerm on request) advances by cluster: `क्षि` takes 1. At
//! start khabar asks the terminal, in one write: the state of mode 2027 (DECRQM,
//! `CSI ? 2027 $ p`), where the cursor ends after printing `क्षि` (a cursor-position report,
//! `CSI 6 n`), and its device attributes (`CSI c`), which every terminal answers last, so
//! their arrival ends the wait at once. The cursor's advance decides (3 columns by code
//! point, 1 by grapheme, 2 by grapheme cut as before Unicode 15.1); the mode's state
//! decides when the terminal does not report the cursor or moves some other way.
//! `--width-mode` skips the asking.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use crate::text::width::{Advance, cluster_width_by};

/// What `--width-mode` asks for (the variants' comments are its help).
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WidthMode {
    /// Ask the terminal how it advances (mode 2027, cursor position) and lay out that way
    #[default]
    Auto,
    /// Ask nothing: the terminal advances by code point (xterm, VTE, tmux)
    Codepoint,
    /// Turn the terminal's grapheme mode (2027) on and lay out by grapheme cluster
    Grapheme,
    /// Ask nothing: the terminal advances by grapheme cluster cut as before Unicode 15.1,
    /// a column per consonant of a conjunct (foot 1.13 with grapheme shaping)
    LegacyGrapheme,
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

/// The cluster printed to see how far the cursor goes: 3 columns by code point, 1 by
/// grapheme.
pub const PROBE: &str = "क्षि";

/// What the terminal answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answers {
    /// Mode 2027's state, when the terminal reported it.
    pub mode_2027: Option<ModeState>,
    /// Columns the cursor moved over [`PROBE`], when the terminal reported its position.
    pub advance: Option<u16>,
}

/// How to lay out, given what the terminal answered, and a note for the status line when
/// the answers were not what either kind of terminal gives.
pub fn decide(answers: Answers) -> (Advance, Option<String>) {
    let kinds = [
        Advance::Grapheme,
        Advance::LegacyGrapheme,
        Advance::Codepoint,
    ];
    let mode_on = matches!(
        answers.mode_2027,
        Some(ModeState::Set | ModeState::PermanentlySet)
    );
    let by_mode = if mode_on {
        Advance::Grapheme
    } else {
        Advance::Codepoint
    };
    let Some(n) = answers.advance else {
        return (by_mode, None);
    };
    if let Some(&advance) = kinds
        .iter()
        .find(|&&a| cluster_width_by(a, PROBE) == usize::from(n))
    {
        return (advance, None);
    }
    let note = format!(
        "this terminal moved {n} columns over {PROBE} (3 by code point, 1 by grapheme, 2 by \
         pre-15.1 grapheme): laid out {}; --width-mode overrides, r shows Latin letters",
        describe(by_mode)
    );
    (by_mode, Some(note))
}

/// How an advance is called in messages.
pub fn describe(advance: Advance) -> &'static str {
    match advance {
        Advance::Codepoint => "by code point",
        Advance::Grapheme => "by grapheme",
        Advance::LegacyGrapheme => "by pre-15.1 grapheme",
    }
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

/// The numeric replies in `bytes` (`CSI [?] digits-and-semicolons final`), each as
/// whether it is private (`?`), its parameters and its final byte.
fn replies(bytes: &[u8]) -> impl Iterator<Item = (bool, &[u8], u8)> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        loop {
            let at = find(rest, b"\x1b[")?;
            let mut tail = &rest[at + 2..];
            let private = tail.first() == Some(&b'?');
            if private {
                tail = &tail[1..];
            }
            rest = tail;
            let len = tail
                .iter()
                .position(|b| !(b.is_ascii_digit() || *b == b';'))
                .unwrap_or(tail.len());
            if let Some(&last) = tail.get(len) {
                return Some((private, &tail[..len], last));
            }
        }
    })
}

/// The column (1-based) of the first cursor-position report (`CSI row ; col R`) in `bytes`.
pub fn parse_cursor_column(bytes: &[u8]) -> Option<u16> {
    let (_, params, _) = replies(bytes).find(|&(private, _, last)| !private && last == b'R')?;
    let params = std::str::from_utf8(params).ok()?;
    let (_row, col) = params.split_once(';')?;
    col.parse().ok()
}

/// Whether `bytes` hold a primary device attributes reply (`CSI ? … c`), which every
/// terminal sends and sends after the replies to earlier queries.
pub fn has_device_attributes(bytes: &[u8]) -> bool {
    replies(bytes).any(|(private, _, last)| private && last == b'c')
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

const RESTORE_NOTHING: u8 = 0;
const RESTORE_OFF: u8 = 1;

/// What [`restore`] must undo.
static RESTORE: AtomicU8 = AtomicU8::new(RESTORE_NOTHING);

/// Undoes what [`settle`] changed; safe to call more than once.
pub fn restore(out: &mut impl Write) {
    if RESTORE.swap(RESTORE_NOTHING, Ordering::SeqCst) == RESTORE_OFF {
        let _ = out.write_all(b"\x1b[?2027l");
        let _ = out.flush();
    }
}

/// Finds out (or, with a `--width-mode`, decides) how the terminal advances; called in raw
/// mode on the alternate screen, before anything reads the terminal's input (the answers
/// are input) and before the first frame (the probe prints). Returns the advance to lay
/// out by and a note for the status line when it matters.
pub fn settle(mode: WidthMode) -> (Advance, Option<String>) {
    let mut out = std::io::stdout();
    match mode {
        WidthMode::Codepoint => (Advance::Codepoint, None),
        WidthMode::LegacyGrapheme => (Advance::LegacyGrapheme, None),
        WidthMode::Grapheme => {
            let before = ask(b"\x1b[?2027$p", Duration::from_millis(200)).mode_2027;
            let _ = out.write_all(b"\x1b[?2027h");
            let _ = out.flush();
            if matches!(before, Some(ModeState::Reset) | None) {
                RESTORE.store(RESTORE_OFF, Ordering::SeqCst);
            }
            let note = match before {
                Some(ModeState::Set | ModeState::Reset | ModeState::PermanentlySet) => None,
                _ => {
                    Some("--width-mode grapheme: this terminal did not say it has mode 2027".into())
                }
            };
            (Advance::Grapheme, note)
        }
        WidthMode::Auto => {
            let question = format!("\x1b[?2027$p\x1b[1;1H{PROBE}\x1b[6n\x1b[1;1H\x1b[2K");
            decide(ask(question.as_bytes(), Duration::from_millis(200)))
        }
    }
}

/// Writes `question` followed by a device attributes request and reads the answers until
/// those attributes arrive, waiting at most `timeout`. Nothing when there is no terminal.
fn ask(question: &[u8], timeout: Duration) -> Answers {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Answers::default();
    }
    let Ok(tty) = std::fs::File::open("/dev/tty") else {
        return Answers::default();
    };
    ask_on(&tty, &mut std::io::stdout(), question, timeout)
}

/// [`ask`] on a terminal: `question` goes to `out`, the answers come from `tty`.
fn ask_on(
    tty: &std::fs::File,
    out: &mut impl Write,
    question: &[u8],
    timeout: Duration,
) -> Answers {
    // Reads return after a tenth of a second without input, so a terminal that does not
    // answer cannot hang the start (std has no poll(2)).
    let Some(_restore) = ReadTimeout::set(tty) else {
        return Answers::default();
    };
    let asked = out
        .write_all(question)
        .and_then(|()| out.write_all(b"\x1b[c"))
        .and_then(|()| out.flush());
    let mut got = Vec::new();
    if asked.is_ok() {
        let start = Instant::now();
        let mut buf = [0u8; 256];
        let mut tty = tty;
        while start.elapsed() < timeout && !has_device_attributes(&got) {
            match tty.read(&mut buf) {
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(_) => break,
            }
        }
    }
    Answers {
        mode_2027: parse_decrpm(&got, 2027),
        advance: parse_cursor_column(&got).map(|col| col.saturating_sub(1)),
    }
}

/// A terminal whose reads give up after a tenth of a second without input (`VMIN` 0,
/// `VTIME` 1, as `stty min 0 time 1`) until this is dropped, which puts back the settings
/// it found (raw mode's `VMIN` 1, `VTIME` 0 in the reader).
#[cfg(unix)]
struct ReadTimeout<'a> {
    tty: &'a std::fs::File,
    before: rustix::termios::Termios,
}

#[cfg(unix)]
impl<'a> ReadTimeout<'a> {
    /// `None` when `tty` is not a terminal or its settings cannot be changed.
    fn set(tty: &'a std::fs::File) -> Option<ReadTimeout<'a>> {
        use rustix::termios::{OptionalActions, SpecialCodeIndex, tcgetattr, tcsetattr};
        let before = tcgetattr(tty).ok()?;
        let mut timed = before.clone();
        timed.special_codes[SpecialCodeIndex::VMIN] = 0;
        timed.special_codes[SpecialCodeIndex::VTIME] = 1;
        tcsetattr(tty, OptionalActions::Now, &timed).ok()?;
        Some(ReadTimeout { tty, before })
    }
}

#[cfg(unix)]
impl Drop for ReadTimeout<'_> {
    fn drop(&mut self) {
        use rustix::termios::{OptionalActions, tcsetattr};
        let _ = tcsetattr(self.tty, OptionalActions::Now, &self.before);
    }
}

/// Elsewhere nothing is asked.
#[cfg(not(unix))]
struct ReadTimeout;

#[cfg(not(unix))]
impl ReadTimeout {
    fn set(_tty: &std::fs::File) -> Option<ReadTimeout> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_decides_and_the_mode_when_the_cursor_is_not_reported() {
        let answers = |mode_2027, advance| Answers { mode_2027, advance };
        assert_eq!(decide(answers(None, Some(3))), (Advance::Codepoint, None));
        assert_eq!(decide(answers(None, Some(1))), (Advance::Grapheme, None));
        // The cursor wins over what the mode says.
        assert_eq!(
            decide(answers(Some(ModeState::Set), Some(3))),
            (Advance::Codepoint, None)
        );
        assert_eq!(
            decide(answers(Some(ModeState::Set), None)),
            (Advance::Grapheme, None)
        );
        assert_eq!(
            decide(answers(Some(ModeState::PermanentlySet), None)),
            (Advance::Grapheme, None)
        );
        assert_eq!(
            decide(answers(Some(ModeState::Reset), None)),
            (Advance::Codepoint, None)
        );
        assert_eq!(decide(Answers::default()), (Advance::Codepoint, None));
        // Grapheme clusters cut at the virama, as before Unicode 15.1 (foot 1.13).
        assert_eq!(
            decide(answers(None, Some(2))),
            (Advance::LegacyGrapheme, None)
        );
        // None of the kinds: said so, and laid out by what the mode says.
        let (advance, note) = decide(answers(None, Some(4)));
        assert_eq!(advance, Advance::Codepoint);
        assert!(note.expect("a note").contains("moved 4 columns"));
        let (advance, _) = decide(answers(Some(ModeState::Set), Some(5)));
        assert_eq!(advance, Advance::Grapheme);
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
        assert_eq!(
            parse_cursor_column(b"\x1b[?2027;1$y\x1b[1;4R\x1b[?62;22c"),
            Some(4)
        );
        assert_eq!(parse_cursor_column(b"\x1b[12;2R"), Some(2));
        assert_eq!(parse_cursor_column(b"\x1b[?62;22c"), None);
        assert_eq!(parse_cursor_column(b""), None);
    }

    /// A pseudo-terminal in raw mode, as the reader has it when it probes: the side khabar
    /// uses, and the terminal's side.
    #[cfg(unix)]
    fn raw_pty() -> (std::fs::File, Box<dyn portable_pty::MasterPty + Send>) {
        use portable_pty::{PtySize, native_pty_system};
        use rustix::termios::{OptionalActions, tcgetattr, tcsetattr};
        let pair = native_pty_system()
            .openpty(PtySize::default())
            .expect("a pty");
        let name = pair.master.tty_name().expect("the pty's name");
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name)
            .expect("the pty opens");
        let mut raw = tcgetattr(&tty).expect("its settings");
        raw.make_raw();
        tcsetattr(&tty, OptionalActions::Now, &raw).expect("raw mode");
        (tty, pair.master)
    }

    /// The read timeout's settings of `tty`: (VMIN, VTIME).
    #[cfg(unix)]
    fn min_time(tty: &std::fs::File) -> (u8, u8) {
        use rustix::termios::{SpecialCodeIndex, tcgetattr};
        let t = tcgetattr(tty).expect("its settings");
        (
            t.special_codes[SpecialCodeIndex::VMIN],
            t.special_codes[SpecialCodeIndex::VTIME],
        )
    }

    #[cfg(unix)]
    #[test]
    fn a_terminal_is_asked_and_its_settings_put_back() {
        let (tty, master) = raw_pty();
        assert_eq!(min_time(&tty), (1, 0));
        let mut from_khabar = master.try_clone_reader().expect("a reader");
        let mut to_khabar = master.take_writer().expect("a writer");
        // The terminal: reads the questions, then answers mode 2027 off, the cursor at
        // column 4 (3 columns over the probe) and its attributes.
        let terminal = std::thread::spawn(move || {
            let mut asked = Vec::new();
            let mut buf = [0u8; 256];
            while !asked.ends_with(b"\x1b[c") {
                match from_khabar.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => asked.extend_from_slice(&buf[..n]),
                }
            }
            to_khabar
                .write_all(b"\x1b[?2027;2$y\x1b[1;4R\x1b[?62;22c")
                .expect("answered");
            asked
        });
        let mut out = tty.try_clone().expect("a second handle");
        let answers = ask_on(
            &tty,
            &mut out,
            b"\x1b[?2027$p\x1b[6n",
            Duration::from_secs(5),
        );
        assert_eq!(
            answers,
            Answers {
                mode_2027: Some(ModeState::Reset),
                advance: Some(3)
            }
        );
        assert_eq!(
            terminal.join().expect("the terminal's thread"),
            b"\x1b[?2027$p\x1b[6n\x1b[c"
        );
        assert_eq!(min_time(&tty), (1, 0), "raw mode's read settings are back");
    }

    #[cfg(unix)]
    #[test]
    fn a_silent_terminal_does_not_hang_the_start() {
        let (tty, _master) = raw_pty();
        let mut out = tty.try_clone().expect("a second handle");
        let start = Instant::now();
        let answers = ask_on(&tty, &mut out, b"\x1b[6n", Duration::from_millis(300));
        assert_eq!(answers, Answers::default());
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(min_time(&tty), (1, 0));
    }

    #[test]
    fn a_file_is_not_asked() {
        let file = tempfile::tempfile().expect("a file");
        let mut out = Vec::new();
        let answers = ask_on(&file, &mut out, b"\x1b[6n", Duration::from_secs(5));
        assert_eq!(answers, Answers::default());
        assert!(out.is_empty(), "nothing written to what is not a terminal");
    }
}
