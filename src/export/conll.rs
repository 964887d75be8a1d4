//! `khabar tag --conll`: CoNLL columns in (one token per line, the first tab-separated
//! column used, a blank line between sentences), `token TAB tag` out. Pure: a reader, a
//! writer and a tagger in.
//!
//! Input is whatever a script pipes in, so a line that is not UTF-8 is reported by its
//! number and skipped, the sentence around it kept; and tokens are cleaned as article text
//! is ([`clean_text`]), so nothing written can drive the terminal it is printed on.

use std::io::{BufRead, Write};

use thiserror::Error;

use crate::article::clean::clean_text;
use crate::extract::Tag;

/// What a token that cleaning leaves empty (`ESC [31m` alone) is written as: CoNLL's
/// placeholder for an empty field, so every token line still gives one output line.
pub const EMPTY_TOKEN: &str = "_";

/// Why tagging stopped.
#[derive(Debug, Error)]
pub enum ConllError {
    #[error("cannot read the input at line {line}: {source}")]
    Read { line: usize, source: std::io::Error },
    #[error("cannot write the tags: {0}")]
    Write(#[from] std::io::Error),
}

/// The longest input line kept: a token line is a few bytes, and a stream with no line
/// breaks must not be held in memory whole.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// A line that could not be used, for stderr: `line 3: not UTF-8, skipped`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {why}, skipped")]
pub struct SkippedLine {
    /// 1-based.
    pub line: usize,
    pub why: SkipReason,
}

/// Why a line was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SkipReason {
    #[error("not UTF-8")]
    NotUtf8,
    #[error("longer than {} MiB", MAX_LINE_BYTES / (1024 * 1024))]
    TooLong,
}

/// Reads one line, its line break included, into `line` (cleared first), keeping at most
/// `max` bytes: a longer line is read to its end and dropped. Gives how many bytes were
/// read (0 at the end of the input) and whether the line was too long.
fn read_line<R: BufRead>(
    input: &mut R,
    line: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    line.clear();
    let mut read = 0;
    let mut too_long = false;
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((read, too_long));
        }
        let (taken, ends) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        if !too_long {
            if line.len() + taken > max {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(&available[..taken]);
            }
        }
        input.consume(taken);
        read += taken;
        if ends {
            return Ok((read, too_long));
        }
    }
}

/// A token as it is tagged and written: escape sequences and control and bidi characters
/// removed, spaces tidied, [`EMPTY_TOKEN`] when nothing is left.
pub fn clean_token(raw: &str) -> String {
    let cleaned = clean_text(raw).replace('\n', " ");
    let token = cleaned.trim();
    if token.is_empty() {
        EMPTY_TOKEN.to_string()
    } else {
        token.to_string()
    }
}

/// Tags the CoNLL tokens of `input` sentence by sentence with `tag` and writes
/// `token TAB tag` lines to `out`, blank lines kept. A line that is not UTF-8, or longer
/// than [`MAX_LINE_BYTES`], goes to `on_skip` and is left out; the sentence it was in goes
/// on. When reading fails, the
/// sentence read so far is tagged and written first. Returns how many lines were skipped.
pub fn tag_conll<R: BufRead, W: Write>(
    mut input: R,
    mut out: W,
    tag: impl Fn(&[&str]) -> Vec<Tag>,
    mut on_skip: impl FnMut(SkippedLine),
) -> Result<usize, ConllError> {
    let mut sentence: Vec<String> = Vec::new();
    let flush = |sentence: &mut Vec<String>, out: &mut W| -> std::io::Result<()> {
        if sentence.is_empty() {
            return Ok(());
        }
        let words: Vec<&str> = sentence.iter().map(String::as_str).collect();
        let tags = tag(&words);
        for (i, word) in words.iter().enumerate() {
            // A tagger gives one tag per word; should it not, the rest are O.
            let tag = tags.get(i).copied().unwrap_or(Tag::O);
            writeln!(out, "{word}\t{}", tag.to_conll())?;
        }
        sentence.clear();
        Ok(())
    };
    let mut line = Vec::new();
    let mut number = 0;
    let mut skipped = 0;
    loop {
        number += 1;
        let too_long = match read_line(&mut input, &mut line, MAX_LINE_BYTES) {
            Ok((0, _)) => break,
            Ok((_, too_long)) => too_long,
            Err(source) => {
                flush(&mut sentence, &mut out)?;
                out.flush()?;
                return Err(ConllError::Read {
                    line: number,
                    source,
                });
            }
        };
        let why = if too_long {
            SkipReason::TooLong
        } else {
            SkipReason::NotUtf8
        };
        let text = match std::str::from_utf8(&line) {
            Ok(text) if !too_long => text,
            _ => {
                skipped += 1;
                on_skip(SkippedLine { line: number, why });
                continue;
            }
        };
        let text = text.strip_suffix('\n').unwrap_or(text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        let token = text.split('\t').next().unwrap_or("").trim();
        if token.is_empty() {
            flush(&mut sentence, &mut out)?;
            writeln!(out)?;
        } else {
            sentence.push(clean_token(token));
        }
    }
    flush(&mut sentence, &mut out)?;
    out.flush()?;
    Ok(skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Kind;

    /// Tags every word that starts with क as a one-word person, the rest O.
    fn tag_ka(words: &[&str]) -> Vec<Tag> {
        words
            .iter()
            .map(|w| {
                if w.starts_with('क') {
                    Tag::B(Kind::Person)
                } else {
                    Tag::O
                }
            })
            .collect()
    }

    fn run(input: &[u8]) -> (String, Vec<usize>) {
        let mut out = Vec::new();
        let mut skipped = Vec::new();
        tag_conll(input, &mut out, tag_ka, |s| skipped.push(s.line)).unwrap();
        (String::from_utf8(out).unwrap(), skipped)
    }

    #[test]
    fn a_line_that_is_not_utf8_is_skipped_by_number_and_the_sentence_goes_on() {
        let (out, skipped) = run(b"\xe0\xa4\x95\xe0\xa4\xae\xe0\xa4\xb2\tX\n\xff\xfe\nab\n\ncd\n");
        assert_eq!(out, "कमल\tB-PER\nab\tO\n\ncd\tO\n");
        assert_eq!(skipped, [2]);
    }

    #[test]
    fn a_line_longer_than_the_limit_is_skipped_without_being_kept() {
        let mut input = b"ab\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 1));
        input.extend_from_slice(b"\ncd\n".as_slice());
        let mut out = Vec::new();
        let mut skipped = Vec::new();
        // A small buffer: the long line arrives in many pieces.
        let reader = std::io::BufReader::with_capacity(100, input.as_slice());
        tag_conll(reader, &mut out, tag_ka, |s| skipped.push(s)).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "ab\tO\ncd\tO\n");
        assert_eq!(
            skipped,
            [SkippedLine {
                line: 2,
                why: SkipReason::TooLong
            }]
        );
        assert_eq!(skipped[0].to_string(), "line 2: longer than 1 MiB, skipped");
    }

    #[test]
    fn tokens_lose_escape_sequences_and_controls_but_keep_their_line() {
        let (out, _) = run("\u{1b}]2;PWNED\u{7}कमल\r\n\u{1b}[31m\na\u{202e}b\u{0}\n".as_bytes());
        assert_eq!(out, "कमल\tB-PER\n_\tO\nab\tO\n");
    }
}
