//! Text cleaning on load: everything that reaches the screen or the extractor passes here;
//! and the one sanitiser ([`safe_text`], [`safe_line`], [`display_path`]) for what khabar
//! shows or writes that was not cleaned on load: paths, and text handed to an export.
//!
//! An article must never be able to drive the reader's terminal, so escape sequences (CSI,
//! OSC, DCS, …) are removed with their payload, and every other control character is dropped.
//! Line endings, byte-order marks, exotic spaces and invisible formatting characters are
//! normalised; ZWJ and ZWNJ stay, because they change how Devanagari is shaped.

use std::borrow::Cow;
use std::path::Path;

use crate::text::chars::is_alphanumeric;

/// Cleans raw file text: CRLF and CR become LF, escape sequences and control characters go,
/// tabs and Unicode spaces become plain spaces. Newlines are kept so paragraphs survive.
///
/// An escape sequence cut short (an `ESC ]` with no terminator, a CSI with no final byte)
/// ends at the line's end, or after [`MAX_SEQUENCE_BYTES`], and the text after it is kept.
pub fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // Characters that stay as they are (nearly all of an article) are copied a run at a time.
    let mut run = 0;
    // Where the characters are read from: past an escape sequence, reading starts again.
    let mut from = 0;
    'sequences: loop {
        for (i, c) in raw[from..].char_indices() {
            if is_plain(c) {
                continue;
            }
            let at = from + i;
            out.push_str(&raw[run..at]);
            run = at + c.len_utf8();
            match c {
                // CR LF: the LF makes the line break.
                '\r' if raw[run..].starts_with('\n') => {}
                '\r' | '\n' => out.push('\n'),
                '\t' => out.push(' '),
                // ESC, and the C1 controls that open a string (DCS, SOS, OSC, PM, APC) or a
                // CSI.
                '\u{1b}' | '\u{90}' | '\u{98}' | '\u{9b}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                    run = sequence_end(raw, at);
                    from = run;
                    continue 'sequences;
                }
                c if is_space(c) => out.push(' '),
                // Other controls and invisible characters.
                _ => {}
            }
        }
        break;
    }
    out.push_str(&raw[run..]);
    out
}

/// Whether [`clean_text`] keeps `c` as it is.
#[inline]
fn is_plain(c: char) -> bool {
    match c {
        ' '..='~' | '\u{900}'..='\u{97f}' => true,
        c if c.is_ascii() => false,
        c => !is_space(c) && !is_dropped(c),
    }
}

/// Cleans one line of text meant to stay a single line (a title, a field): newlines become
/// spaces and runs of spaces collapse.
pub fn clean_line(raw: &str) -> String {
    collapse_spaces(&clean_text(raw).replace('\n', " "))
}

/// Collapses runs of spaces to one, trims both ends, and puts a space after a danda that
/// runs into the next word (`हुआ ।दूसरा` → `हुआ । दूसरा`), so a sentence ends where it reads.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        if !word.contains(['।', '॥']) {
            out.push_str(word);
            continue;
        }
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            out.push(c);
            if matches!(c, '।' | '॥') && chars.peek().is_some_and(|&n| is_alphanumeric(n)) {
                out.push(' ');
            }
        }
    }
    out
}

/// Splits cleaned text into paragraphs: blank lines separate them, single line breaks
/// inside a paragraph are joined with a space.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut paras = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paras.push(collapse_spaces(&current));
                current.clear();
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paras.push(collapse_spaces(&current));
    }
    paras.retain(|p| !p.is_empty());
    paras
}

// ---------------------------------------------------------------------------------------
// Text made safe to show or write.

/// Whether `c` would act on a terminal, or change what a reader sees, if written as it is:
/// a control character (C0, DEL, C1), a bidi embedding, override, isolate or mark (U+202E
/// shows `txt.exe` as `exe.txt`), a line or paragraph separator, an interlinear annotation.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'
                ..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{206a}'..='\u{206f}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// Writes `c` as a visible escape: `\x1B` for an ASCII control, `\u{202E}` for the others.
fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = if c.is_ascii() {
        write!(out, "\\x{:02X}", c as u32)
    } else {
        write!(out, "\\u{{{:04X}}}", c as u32)
    };
}

/// `text` with every [`is_unsafe`] character but those `keep` allows written as a visible
/// escape; borrowed when there is none.
fn escape_unsafe(text: &str, keep: fn(char) -> bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && !keep(c);
    if !text.contains(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The one sanitiser for text khabar shows or writes (the screen, stderr, Markdown, CSV,
/// JSON paths) when it may not have been cleaned on load: a title, a name, a path, a
/// message. Every [`is_unsafe`] character but newline and tab becomes a visible escape
/// (`\x1B`, `\u{202E}`), so nothing reaches a terminal that it would act on, nothing is
/// silently reordered, and a reader still sees that something was there. Text without such
/// characters (all cleaned text) comes back as it is, and so does the sanitiser's output.
pub fn safe_text(text: &str) -> Cow<'_, str> {
    escape_unsafe(text, |c| c == '\n' || c == '\t')
}

/// Like [`safe_text`] for text that must stay on one line (a path, a Markdown code span, the
/// status line): newline and tab are escaped too.
pub fn safe_line(text: &str) -> Cow<'_, str> {
    escape_unsafe(text, |_| false)
}

/// A path as khabar prints it everywhere (`extract`, `index`, the reader, exports): each
/// byte of a name that is not UTF-8 reads `\xNN`, and every [`is_unsafe`] character is
/// escaped as [`safe_line`] does. The same text as [`Article::key`](super::Article::key)
/// gives, made safe.
pub fn display_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&safe_line(chunk.valid()));
            for byte in chunk.invalid() {
                let _ = write!(out, "\\x{byte:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        safe_line(&path.to_string_lossy()).into_owned()
    }
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{0b}'
                | '\u{0c}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
    )
}

/// Characters that carry no text: controls, zero-width spaces, BOMs, soft hyphens, bidi
/// overrides (which could reorder what the terminal shows), and noncharacters.
fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
                | '\u{ad}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{206a}'..='\u{206f}' | '\u{fff9}'..='\u{fffb}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// The most an escape sequence's payload may take before it is taken to be cut short and
/// the text after it kept: titles and clipboard payloads fit, an article does not vanish.
pub const MAX_SEQUENCE_BYTES: usize = 4096;

/// What kind of sequence an introducer opens.
enum Sequence {
    /// Control Sequence Introducer: parameters and intermediates, then a final byte.
    Csi,
    /// A string command (OSC, DCS, SOS, PM, APC): a payload up to a terminator.
    String,
    /// Over: the sequence ends at the given byte.
    End(usize),
}

/// Where the escape sequence or C1 string command that starts at byte `start` of `raw` (an
/// ESC or a C1 introducer) ends: after its terminator, or, cut short, before the first
/// character that cannot belong to it, before the line's end, or after
/// [`MAX_SEQUENCE_BYTES`]. An ESC inside a string ends it and opens the next sequence, as a
/// terminal reads it; sequences are followed in a loop, never by recursion.
fn sequence_end(raw: &str, start: usize) -> usize {
    let char_at = |at: usize| raw.get(at..).and_then(|s| s.chars().next());
    let mut at = start;
    loop {
        let Some(intro) = char_at(at) else {
            return raw.len();
        };
        let after = at + intro.len_utf8();
        let kind = match intro {
            '\u{1b}' => match char_at(after) {
                Some('[') => Sequence::Csi,
                Some(']' | 'P' | 'X' | '^' | '_') => Sequence::String,
                // ESC, intermediates, a final byte (ESC ( B); cut short, the intermediates.
                Some(' '..='/') => {
                    let mut end = after;
                    while matches!(char_at(end), Some(' '..='/'))
                        && end - after < MAX_SEQUENCE_BYTES
                    {
                        end += 1;
                    }
                    if matches!(char_at(end), Some('0'..='~')) {
                        end += 1;
                    }
                    Sequence::End(end)
                }
                // ESC and one final byte (ESC c, ESC 7).
                Some('0'..='~') => Sequence::End(after + 1),
                // A lone ESC: only the ESC goes.
                _ => Sequence::End(after),
            },
            '\u{9b}' => Sequence::Csi,
            _ => Sequence::String,
        };
        // Where the payload begins: after `ESC [` or `ESC ]`, or after the C1 introducer.
        let body = if intro == '\u{1b}' { after + 1 } else { after };
        match kind {
            Sequence::End(end) => return end,
            Sequence::Csi => return csi_end(raw, body),
            Sequence::String => match string_end(raw, body) {
                (end, false) => return end,
                // An ESC that is not ST: a new sequence starts there.
                (esc, true) => at = esc,
            },
        }
    }
}

/// The end of a CSI whose parameters start at `at`: after its final byte, or before the
/// first character that cannot belong to it.
fn csi_end(raw: &str, mut at: usize) -> usize {
    let limit = at + MAX_SEQUENCE_BYTES;
    // Parameters and intermediates are ASCII, one byte each.
    while let Some(&b) = raw.as_bytes().get(at) {
        match b {
            0x20..=0x3f if at < limit => at += 1,
            0x40..=0x7e => return at + 1,
            _ => return at,
        }
    }
    at
}

/// The end of a string command whose payload starts at `at`: after BEL, ST (`ESC \`) or
/// the C1 ST; cut short, before a line end or after [`MAX_SEQUENCE_BYTES`]. CAN and SUB
/// cancel it. `true` when it ends at an ESC that opens another sequence.
fn string_end(raw: &str, start: usize) -> (usize, bool) {
    let limit = start + MAX_SEQUENCE_BYTES;
    for (i, c) in raw[start..].char_indices() {
        let at = start + i;
        match c {
            '\u{7}' | '\u{9c}' | '\u{18}' | '\u{1a}' => return (at + c.len_utf8(), false),
            '\u{1b}' if raw[at + 1..].starts_with('\\') => return (at + 2, false),
            '\u{1b}' => return (at, true),
            '\n' | '\r' => return (at, false),
            _ if at >= limit => return (at, false),
            _ => {}
        }
    }
    (raw.len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_bom_and_spaces_are_normalised() {
        assert_eq!(
            clean_text("\u{feff}शीर्षक\r\n\r\nपाठ\u{a0}यहां\rअंत"),
            "शीर्षक\n\nपाठ यहां\nअंत"
        );
    }

    #[test]
    fn escape_sequences_are_removed_with_their_payload() {
        let raw =
            "a\u{1b}]2;PWNED\u{7}b\u{1b}]52;c;cHduZWQ=\u{1b}\\c\u{1b}[2Jd\u{1b}[31;1me\u{9b}1;1Hf";
        assert_eq!(clean_text(raw), "abcdef");
    }

    #[test]
    fn controls_and_invisible_characters_go_but_zwj_stays() {
        assert_eq!(clean_text("क\u{200b}ख\u{0}ग\u{202e}घ\u{8}"), "कखगघ");
        assert_eq!(clean_text("क्\u{200d}ष"), "क्\u{200d}ष");
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_join_wrapped_lines() {
        let text = "पहला  अनुच्छेद\nजारी है ।\n\n  \nदूसरा\n";
        assert_eq!(paragraphs(text), vec!["पहला अनुच्छेद जारी है ।", "दूसरा"]);
    }

    #[test]
    fn a_danda_run_into_the_next_word_gets_its_space() {
        assert_eq!(collapse_spaces("हुआ ।दूसरा वाक्य।"), "हुआ । दूसरा वाक्य।");
    }

    #[test]
    fn clean_line_makes_one_line() {
        assert_eq!(clean_line(" नई\nदिल्ली \t "), "नई दिल्ली");
    }

    #[test]
    fn an_unterminated_osc_ends_at_the_line_end_and_the_text_after_it_stays() {
        let raw = "शीर्षक\n\nपहला \u{1b}]0;छुपा शीर्षक\nदूसरी पंक्ति बची रहती है।\n\nतीसरा अनुच्छेद";
        assert_eq!(
            clean_text(raw),
            "शीर्षक\n\nपहला \nदूसरी पंक्ति बची रहती है।\n\nतीसरा अनुच्छेद"
        );
        // The same for DCS, SOS, PM, APC and their C1 forms, CR line ends included.
        for intro in [
            "\u{1b}P", "\u{1b}X", "\u{1b}^", "\u{1b}_", "\u{90}", "\u{9d}", "\u{9f}",
        ] {
            assert_eq!(
                clean_text(&format!("क{intro}x;y\r\nख")),
                "क\nख",
                "{intro:?}"
            );
        }
    }

    #[test]
    fn an_unterminated_string_on_one_long_line_ends_after_a_few_kilobytes() {
        let payload = "a".repeat(MAX_SEQUENCE_BYTES);
        let raw = format!("शुरू\u{1b}]52;c;{payload} बाकी लेख");
        let cleaned = clean_text(&raw);
        assert!(cleaned.starts_with("शुरू"), "{cleaned}");
        assert!(cleaned.ends_with(" बाकी लेख"), "{cleaned}");
        assert!(cleaned.len() < raw.len() - MAX_SEQUENCE_BYTES + 20);
    }

    #[test]
    fn a_csi_cut_short_keeps_the_character_that_ended_it() {
        assert_eq!(clean_text("\u{1b}[12मार्च"), "मार्च");
        assert_eq!(clean_text("क\u{1b}[31\nख"), "क\nख");
        assert_eq!(clean_text("क\u{9b}1;2ख"), "कख");
        // A CSI never runs on past a few kilobytes of parameters.
        let raw = format!("\u{1b}[{}अंत", "1;".repeat(MAX_SEQUENCE_BYTES));
        assert!(clean_text(&raw).ends_with("अंत"));
    }

    #[test]
    fn an_esc_before_a_letter_or_a_line_end_takes_only_itself() {
        assert_eq!(clean_text("क\u{1b}खग"), "कखग");
        assert_eq!(clean_text("क\u{1b}\nख"), "क\nख");
        assert_eq!(clean_text("क\u{1b}(\nख"), "क\nख");
        assert_eq!(clean_text("क\u{1b}(Bख"), "कख");
    }

    #[test]
    fn an_esc_inside_a_string_opens_the_next_sequence() {
        assert_eq!(clean_text("a\u{1b}]0;title\u{1b}[31mb"), "ab");
        // Thousands of nested openings are followed in a loop, not by recursion.
        let raw = format!("{}\nend", "\u{1b}]\u{1b}P".repeat(100_000));
        assert_eq!(clean_text(&raw), "\nend");
    }

    #[test]
    fn the_sanitiser_escapes_controls_and_bidi_visibly_and_keeps_text() {
        assert_eq!(
            safe_text("a\u{1b}]2;x\u{7}b\u{202e}c\u{9b}d\ne\tf"),
            "a\\x1B]2;x\\x07b\\u{202E}c\\u{009B}d\ne\tf"
        );
        assert_eq!(safe_line("a\nb\tc\rd"), "a\\x0Ab\\x09c\\x0Dd");
        // Clean text is borrowed as it is, ZWJ and ZWNJ included; escaping twice changes
        // nothing.
        let clean = "क्\u{200d}ष \\x1B";
        assert!(matches!(safe_text(clean), Cow::Borrowed(_)));
        let once = safe_line("\u{1b}[2J\u{2066}").into_owned();
        assert_eq!(safe_line(&once), once);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_prints_its_bad_bytes_and_controls_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(
            "news/\u{1b}]2;T\u{7}\u{202e}txt.exe\nक".as_bytes(),
        ));
        assert_eq!(
            display_path(path),
            "news/\\x1B]2;T\\x07\\u{202E}txt.exe\\x0Aक"
        );
        let bad = Path::new(std::ffi::OsStr::from_bytes(b"e_bad\xff\xfename.txt"));
        assert_eq!(display_path(bad), "e_bad\\xFF\\xFEname.txt");
        // The same text as the article's key, for a name that is not UTF-8.
        let article = super::super::Article {
            path: bad.to_path_buf(),
            ..Default::default()
        };
        assert_eq!(article.key(), display_path(bad));
    }
}
