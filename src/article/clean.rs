//! Text cleaning on load: everything that reaches the screen or the extractor passes here.
//!
//! An article must never be able to drive the reader's terminal, so escape sequences (CSI,
//! OSC, DCS, …) are removed with their payload, and every other control character is dropped.
//! Line endings, byte-order marks, exotic spaces and invisible formatting characters are
//! normalised; ZWJ and ZWNJ stay, because they change how Devanagari is shaped.

use crate::text::chars::is_alphanumeric;

/// Cleans raw file text: CRLF and CR become LF, escape sequences and control characters go,
/// tabs and Unicode spaces become plain spaces. Newlines are kept so paragraphs survive.
pub fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    // Characters that stay as they are (nearly all of an article) are copied a run at a time.
    let mut run = 0;
    while let Some((at, c)) = chars.next() {
        if is_plain(c) {
            continue;
        }
        out.push_str(&raw[run..at]);
        match c {
            '\r' if chars.peek().map(|&(_, n)| n) != Some('\n') => out.push('\n'),
            // CR LF: the LF makes the line break.
            '\r' => {}
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            // C1 controls that open a string (DCS, SOS, OSC, PM, APC) or a CSI.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            c if is_space(c) => out.push(' '),
            _ => {}
        }
        run = chars.peek().map_or(raw.len(), |&(next, _)| next);
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
            '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
                | '\u{ad}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{206a}'..='\u{206f}' | '\u{fff9}'..='\u{fffb}' | '\u{fffe}' | '\u{ffff}'
        )
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// Skips what follows an ESC: a CSI, a string command (OSC, DCS, SOS, PM, APC) up to its
/// terminator, or a single intermediate/final character.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next().map(|(_, c)| c) {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            // ESC + intermediates + final byte (e.g. ESC ( B).
            while let Some(&(_, n)) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&n) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Skips a CSI's parameters and intermediates up to and including its final byte.
fn skip_csi(chars: &mut Chars<'_>) {
    for (_, c) in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            // Malformed: stop at the first character that cannot belong to a CSI.
            break;
        }
    }
}

/// Skips a string command's payload up to BEL, ST (ESC \) or the C1 ST, dropping it whole so
/// that no part of a title or clipboard payload is shown as text.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some((_, c)) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek().map(|&(_, n)| n) == Some('\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
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
}
