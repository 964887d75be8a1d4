//! Word wrapping by grapheme clusters.
//!
//! Rules: no line wider than asked, no cluster ever split, a word broken only when it alone
//! is wider than the line (then at cluster boundaries), a lone punctuation mark such as `।`
//! kept with the word before it. textwrap's optimal-fit algorithm chooses the breaks; this
//! module decides what the fragments are and how wide, cluster by cluster.
//!
//! The one exception to "no cluster split": a single cluster wider than the whole line
//! (a width under 5) is split into its letters, each with its marks, so it still fits.

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_segmentation::UnicodeSegmentation;

use super::width::{Advance, advance, cluster_width, legacy_pieces};

/// One wrapped line: the byte range `start..end` of the wrapped text, and its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpan {
    pub start: usize,
    pub end: usize,
    pub width: usize,
}

/// A piece that wrapping never splits: a word (or part of an over-long word) and the
/// whitespace after it.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    width: usize,
    space: usize,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Punctuation that belongs to the word before it even when written after a space
/// ("है ।"), so that it never starts a line.
fn is_closing_punctuation(word: &str) -> bool {
    word.chars().all(|c| {
        matches!(
            c,
            '।' | '॥'
                | '.'
                | ','
                | ';'
                | ':'
                | '?'
                | '!'
                | ')'
                | ']'
                | '}'
                | '”'
                | '’'
                | '"'
                | '\''
                | '…'
                | '-'
                | '–'
                | '—'
        )
    })
}

/// Wraps one paragraph (no newlines expected; any are treated as spaces) to `max_width`
/// columns. An empty paragraph gives no lines.
pub fn wrap(text: &str, max_width: usize) -> Vec<LineSpan> {
    let max = max_width.max(1);
    let pieces = pieces(text, max);
    if pieces.is_empty() {
        return Vec::new();
    }
    let mut penalties = Penalties::new();
    // Never trade an overflowing line for fewer lines.
    penalties.overflow_penalty = 1_000_000_000;
    let widths = [max as f64];
    let lines = match wrap_optimal_fit(&pieces, &widths, &penalties) {
        Ok(lines)
            if lines
                .iter()
                .all(|l| line_of(l).width <= max || l.len() == 1) =>
        {
            lines
        }
        _ => wrap_first_fit(&pieces, &widths),
    };
    lines.iter().map(|l| line_of(l)).collect()
}

fn line_of(pieces: &[Piece]) -> LineSpan {
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return LineSpan {
            start: 0,
            end: 0,
            width: 0,
        };
    };
    let inner_space: usize = pieces[..pieces.len() - 1].iter().map(|p| p.space).sum();
    LineSpan {
        start: first.start,
        end: last.end,
        width: pieces.iter().map(|p| p.width).sum::<usize>() + inner_space,
    }
}

/// Splits text into words at whitespace clusters, glues lone closing punctuation to the word
/// before, and cuts words wider than `max` at cluster boundaries.
fn pieces(text: &str, max: usize) -> Vec<Piece> {
    let mut words: Vec<Piece> = Vec::new();
    let mut current: Option<Piece> = None;
    for (at, g) in text.grapheme_indices(true) {
        let is_space = g == " " || g == "\n";
        match (&mut current, is_space) {
            (Some(word), false) if word.space == 0 => {
                word.end = at + g.len();
                word.width += cluster_width(g);
            }
            (Some(word), true) => word.space += 1,
            (slot, false) => {
                if let Some(done) = slot.take() {
                    push_word(&mut words, text, done, max);
                }
                *slot = Some(Piece {
                    start: at,
                    end: at + g.len(),
                    width: cluster_width(g),
                    space: 0,
                });
            }
            // Leading whitespace is dropped.
            (None, true) => {}
        }
    }
    if let Some(done) = current {
        push_word(&mut words, text, done, max);
    }
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        if word.width <= max {
            out.push(word);
        } else {
            split_long_word(text, word, max, &mut out);
        }
    }
    out
}

/// Adds a word, gluing lone closing punctuation to the word before when both fit on one
/// line (an over-long pair is left apart, so it is never cut at the space inside it).
fn push_word(words: &mut Vec<Piece>, text: &str, word: Piece, max: usize) {
    if let Some(prev) = words.last_mut()
        && is_closing_punctuation(&text[word.start..word.end])
        && prev.width + prev.space + word.width <= max
    {
        prev.width += prev.space + word.width;
        prev.end = word.end;
        prev.space = word.space;
        return;
    }
    words.push(word);
}

/// Cuts an over-long word into pieces of at most `max` columns at cluster boundaries; only a
/// cluster wider than `max` by itself is cut further, into letters with their marks.
fn split_long_word(text: &str, word: Piece, max: usize, out: &mut Vec<Piece>) {
    let mut piece = Piece {
        start: word.start,
        end: word.start,
        width: 0,
        space: 0,
    };
    let mut units = Vec::new();
    for (at, g) in text[word.start..word.end].grapheme_indices(true) {
        let at = word.start + at;
        let w = cluster_width(g);
        if w > max {
            units.extend(letters(g).map(|(i, l)| (at + i, l, cluster_width(l))));
        } else {
            units.push((at, g, w));
        }
    }
    for (at, unit, w) in units {
        if piece.width + w > max && piece.end > piece.start {
            out.push(piece);
            piece = Piece {
                start: at,
                end: at,
                width: 0,
                space: 0,
            };
        }
        piece.end = at + unit.len();
        piece.width += w;
    }
    piece.space = word.space;
    out.push(piece);
}

/// A cluster's letters, each with the zero-width marks that follow it. Where the terminal
/// cuts conjuncts at the virama, a conjunct is cut into those pieces instead (a vowel sign
/// stays with its consonant, or the piece would be drawn one column narrower than counted).
fn letters(cluster: &str) -> impl Iterator<Item = (usize, &str)> {
    let pieces: Vec<&str> = legacy_pieces(cluster).collect();
    let mut starts: Vec<usize> = if advance() == Advance::LegacyGrapheme && pieces.len() > 1 {
        pieces
            .iter()
            .scan(0, |at, piece| {
                let start = *at;
                *at += piece.len();
                Some(start)
            })
            .collect()
    } else {
        cluster
            .char_indices()
            .filter(|(i, c)| *i == 0 || unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0) > 0)
            .map(|(i, _)| i)
            .collect()
    };
    starts.push(cluster.len());
    (0..starts.len() - 1).map(move |k| (starts[k], &cluster[starts[k]..starts[k + 1]]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::str_width;

    /// The layout turned back into text, one line per row, for readable assertions.
    fn render(text: &str, width: usize) -> String {
        wrap(text, width)
            .iter()
            .map(|l| &text[l.start..l.end])
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn wraps_words_to_the_width() {
        let text = "रूस के शीर्ष सुरक्षा अधिकारी ने मुलाकात की";
        assert_eq!(render(text, 16), "रूस के शीर्ष सुरक्षा\nअधिकारी ने मुलाकात\nकी");
        for l in wrap(text, 16) {
            assert!(l.width <= 16);
            assert_eq!(l.width, str_width(&text[l.start..l.end]));
        }
    }

    #[test]
    fn lone_danda_stays_with_its_word() {
        assert_eq!(render("यह सही है । अगला वाक्य", 10), "यह सही है ।\nअगला वाक्य");
        for l in wrap("यह सही है । अगला वाक्य", 10) {
            assert!(l.width <= 10);
        }
        assert!(
            !render("यह सही है । अगला", 9)
                .lines()
                .any(|l| l.starts_with('।'))
        );
    }

    #[test]
    fn long_words_break_between_clusters() {
        let text = "स्त्रीस्त्रीस्त्री";
        assert_eq!(render(text, 9), "स्त्रीस्त्री\nस्त्री");
        assert_eq!(render("राष्ट्रपति", 4), "रा\nष्ट्रप\nति");
    }

    #[test]
    fn a_cluster_wider_than_the_line_is_split_into_letters() {
        let text = "स्त्री";
        for l in wrap(text, 2) {
            assert!(l.width <= 2, "{l:?}");
        }
        assert_eq!(
            wrap(text, 2)
                .iter()
                .map(|l| &text[l.start..l.end])
                .collect::<String>(),
            text
        );
    }

    #[test]
    fn an_over_long_word_is_not_cut_at_the_space_before_its_punctuation() {
        assert_eq!(render("इस्लामाबाद : पाकिस्तान", 10), "इस्लामाबाद\n: पाकिस्तान");
        assert_eq!(render("abcdefghi ।", 10), "abcdefghi\n।");
        for l in wrap("CoronaVirus : दिल्ली", 12) {
            let line = &"CoronaVirus : दिल्ली"[l.start..l.end];
            assert!(!line.starts_with(' ') && !line.ends_with(' '), "{line:?}");
        }
    }

    #[test]
    fn empty_and_blank_text_give_no_lines() {
        assert!(wrap("", 10).is_empty());
        assert!(wrap("   ", 10).is_empty());
    }

    #[test]
    fn whitespace_before_a_combining_mark_is_not_a_break() {
        let text = "क ँख";
        let lines = wrap(text, 2);
        assert!(lines.iter().all(|l| !text[l.start..l.end].starts_with('ँ')));
    }

    #[test]
    fn a_conjunct_too_wide_for_the_line_is_cut_where_the_terminal_cuts_it() {
        use crate::text::width::{Advance, with_advance};
        // स्त्री is 3 columns where conjuncts are cut at the virama (स् त् री): at width 2
        // it is cut there, and री keeps its vowel sign.
        let text = "स्त्रीक";
        let lines = with_advance(Advance::LegacyGrapheme, || wrap(text, 2));
        let shown: Vec<&str> = lines.iter().map(|l| &text[l.start..l.end]).collect();
        assert_eq!(shown, vec!["स्त्", "रीक"]);
        for l in &lines {
            let counted =
                with_advance(Advance::LegacyGrapheme, || str_width(&text[l.start..l.end]));
            assert_eq!(l.width, counted);
        }
    }
}
