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

use super::width::{Advance, cluster_width_by, legacy_pieces};

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

/// A paragraph's words, measured once for a terminal's advance: where each word is, how
/// wide, and the spaces after it. None of it depends on the line width, so a reflow (a
/// resize) only chooses the breaks again; segmenting into clusters, about half the work of
/// wrapping, is done once per text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measured {
    words: Vec<Word>,
    advance: Advance,
}

/// A word as measured: its byte range, width and the whitespace clusters after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word {
    start: u32,
    end: u32,
    width: u32,
    space: u32,
    /// Lone closing punctuation, kept with the word before when both fit.
    closing: bool,
}

impl Measured {
    /// Measures `text` (no newlines expected; any are treated as spaces) for a terminal
    /// that advances by `advance`.
    pub fn new(text: &str, advance: Advance) -> Measured {
        if advance == Advance::Codepoint && text.chars().all(is_plain_devanagari) {
            return Measured::plain_devanagari(text);
        }
        Measured::by_clusters(text, advance)
    }

    /// [`Measured::new`] of text in ASCII and Devanagari only, without segmenting it into
    /// clusters (segmentation is most of the time of laying an article out). Widths add up
    /// by character there, and a space is a cluster of its own unless a vowel sign or other
    /// mark follows it (UAX #29 GB9, GB9a), so words and widths are exactly those of
    /// [`Measured::by_clusters`].
    fn plain_devanagari(text: &str) -> Measured {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut words: Vec<Word> = Vec::new();
        let mut current: Option<Word> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next_is_mark = chars.peek().is_some_and(|&(_, n)| is_devanagari_mark(n));
            let is_space = c == '\n' || (c == ' ' && !next_is_mark);
            let width = narrow(unicode_width::UnicodeWidthChar::width(c).unwrap_or(0));
            let end = narrow(at + c.len_utf8());
            match (&mut current, is_space) {
                (Some(word), false) if word.space == 0 => {
                    word.end = end;
                    word.width += width;
                }
                (Some(word), true) => word.space += 1,
                (slot, false) => {
                    if let Some(done) = slot.take() {
                        words.push(done);
                    }
                    *slot = Some(Word {
                        start: narrow(at),
                        end,
                        width,
                        space: 0,
                        closing: false,
                    });
                }
                (None, true) => {}
            }
        }
        words.extend(current);
        Measured::with_closing(text, words, Advance::Codepoint)
    }

    /// Measures `text` cluster by cluster.
    fn by_clusters(text: &str, advance: Advance) -> Measured {
        let mut words: Vec<Word> = Vec::new();
        let mut current: Option<Word> = None;
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        for (at, g) in text.grapheme_indices(true) {
            let is_space = g == " " || g == "\n";
            match (&mut current, is_space) {
                (Some(word), false) if word.space == 0 => {
                    word.end = narrow(at + g.len());
                    word.width += narrow(cluster_width_by(advance, g));
                }
                (Some(word), true) => word.space += 1,
                (slot, false) => {
                    if let Some(done) = slot.take() {
                        words.push(done);
                    }
                    *slot = Some(Word {
                        start: narrow(at),
                        end: narrow(at + g.len()),
                        width: narrow(cluster_width_by(advance, g)),
                        space: 0,
                        closing: false,
                    });
                }
                // Leading whitespace is dropped.
                (None, true) => {}
            }
        }
        words.extend(current);
        Measured::with_closing(text, words, advance)
    }

    fn with_closing(text: &str, mut words: Vec<Word>, advance: Advance) -> Measured {
        for word in &mut words {
            word.closing = text
                .get(word.start as usize..word.end as usize)
                .is_some_and(is_closing_punctuation);
        }
        Measured { words, advance }
    }

    /// Whether the text has no words (it takes no lines).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Whether `c` is printable ASCII, a newline or in the Devanagari block: text of these
/// alone is measured without cluster segmentation.
fn is_plain_devanagari(c: char) -> bool {
    matches!(c, ' '..='~' | '\n' | '\u{0900}'..='\u{097f}')
}

/// The Devanagari signs that join the character before them into one cluster (Unicode's
/// Extend and SpacingMark in the block): candrabindu, anusvara, visarga, nukta, the vowel
/// signs, virama and the accents.
fn is_devanagari_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0900}'..='\u{0903}'
            | '\u{093a}'..='\u{093c}'
            | '\u{093e}'..='\u{094f}'
            | '\u{0951}'..='\u{0957}'
            | '\u{0962}'..='\u{0963}'
    )
}

/// Wraps one paragraph (no newlines expected; any are treated as spaces) to `max_width`
/// columns of a terminal that advances by `advance`. An empty paragraph gives no lines.
pub fn wrap(text: &str, max_width: usize, advance: Advance) -> Vec<LineSpan> {
    wrap_measured(text, &Measured::new(text, advance), max_width)
}

/// Wraps `text`, measured as `measured` (from this very text), to `max_width` columns.
pub fn wrap_measured(text: &str, measured: &Measured, max_width: usize) -> Vec<LineSpan> {
    let max = max_width.max(1);
    let pieces = pieces(text, measured, max);
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

/// The measured words as pieces for `max` columns: lone closing punctuation glued to the
/// word before, words wider than `max` cut at cluster boundaries.
fn pieces(text: &str, measured: &Measured, max: usize) -> Vec<Piece> {
    let mut words: Vec<Piece> = Vec::with_capacity(measured.words.len());
    for w in &measured.words {
        let word = Piece {
            start: w.start as usize,
            end: w.end as usize,
            width: w.width as usize,
            space: w.space as usize,
        };
        if text.get(word.start..word.end).is_none() {
            // Measured from another text: nothing sensible to wrap.
            return Vec::new();
        }
        push_word(&mut words, word, w.closing, max);
    }
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        if word.width <= max {
            out.push(word);
        } else {
            split_long_word(text, word, max, measured.advance, &mut out);
        }
    }
    out
}

/// Adds a word, gluing lone closing punctuation to the word before when both fit on one
/// line (an over-long pair is left apart, so it is never cut at the space inside it).
fn push_word(words: &mut Vec<Piece>, word: Piece, closing: bool, max: usize) {
    if let Some(prev) = words.last_mut()
        && closing
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
fn split_long_word(text: &str, word: Piece, max: usize, advance: Advance, out: &mut Vec<Piece>) {
    let mut piece = Piece {
        start: word.start,
        end: word.start,
        width: 0,
        space: 0,
    };
    let mut units = Vec::new();
    for (at, g) in text[word.start..word.end].grapheme_indices(true) {
        let at = word.start + at;
        let w = cluster_width_by(advance, g);
        if w > max {
            units.extend(
                letters(g, advance).map(|(i, l)| (at + i, l, cluster_width_by(advance, l))),
            );
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
fn letters(cluster: &str, advance: Advance) -> impl Iterator<Item = (usize, &str)> {
    let pieces: Vec<&str> = legacy_pieces(cluster).collect();
    let mut starts: Vec<usize> = if advance == Advance::LegacyGrapheme && pieces.len() > 1 {
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

    const CP: Advance = Advance::Codepoint;

    /// The layout turned back into text, one line per row, for readable assertions.
    fn render(text: &str, width: usize) -> String {
        wrap(text, width, CP)
            .iter()
            .map(|l| &text[l.start..l.end])
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn wraps_words_to_the_width() {
        let text = "रूस के शीर्ष सुरक्षा अधिकारी ने मुलाकात की";
        assert_eq!(render(text, 16), "रूस के शीर्ष सुरक्षा\nअधिकारी ने मुलाकात\nकी");
        for l in wrap(text, 16, CP) {
            assert!(l.width <= 16);
            assert_eq!(l.width, str_width(&text[l.start..l.end]));
        }
    }

    #[test]
    fn lone_danda_stays_with_its_word() {
        assert_eq!(render("यह सही है । अगला वाक्य", 10), "यह सही है ।\nअगला वाक्य");
        for l in wrap("यह सही है । अगला वाक्य", 10, CP) {
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
        for l in wrap(text, 2, CP) {
            assert!(l.width <= 2, "{l:?}");
        }
        assert_eq!(
            wrap(text, 2, CP)
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
        for l in wrap("CoronaVirus : दिल्ली", 12, CP) {
            let line = &"CoronaVirus : दिल्ली"[l.start..l.end];
            assert!(!line.starts_with(' ') && !line.ends_with(' '), "{line:?}");
        }
    }

    #[test]
    fn empty_and_blank_text_give_no_lines() {
        assert!(wrap("", 10, CP).is_empty());
        assert!(wrap("   ", 10, CP).is_empty());
    }

    #[test]
    fn whitespace_before_a_combining_mark_is_not_a_break() {
        let text = "क ँख";
        let lines = wrap(text, 2, CP);
        assert!(lines.iter().all(|l| !text[l.start..l.end].starts_with('ँ')));
    }

    #[test]
    fn a_conjunct_too_wide_for_the_line_is_cut_where_the_terminal_cuts_it() {
        use crate::text::width::with_advance;
        // स्त्री is 3 columns where conjuncts are cut at the virama (स् त् री): at width 2
        // it is cut there, and री keeps its vowel sign.
        let text = "स्त्रीक";
        let lines = wrap(text, 2, Advance::LegacyGrapheme);
        let shown: Vec<&str> = lines.iter().map(|l| &text[l.start..l.end]).collect();
        assert_eq!(shown, vec!["स्त्", "रीक"]);
        for l in &lines {
            let counted =
                with_advance(Advance::LegacyGrapheme, || str_width(&text[l.start..l.end]));
            assert_eq!(l.width, counted);
        }
    }

    #[test]
    fn words_measured_from_another_text_wrap_to_nothing_rather_than_panic() {
        let measured = Measured::new("एक बहुत लंबा वाक्य जिसमें कई शब्द हैं", CP);
        assert!(wrap_measured("छोटा", &measured, 10).is_empty());
    }

    #[test]
    fn widths_are_counted_by_the_advance_given() {
        let text = "स्त्री स्त्री";
        let by = |advance| {
            wrap(text, 80, advance)
                .iter()
                .map(|l| l.width)
                .collect::<Vec<_>>()
        };
        assert_eq!(by(Advance::Codepoint), vec![9]);
        assert_eq!(by(Advance::Grapheme), vec![3]);
        assert_eq!(by(Advance::LegacyGrapheme), vec![7]);
    }
}

#[cfg(test)]
mod plain_devanagari {
    use super::*;
    use proptest::prelude::*;

    /// Letters, marks, digits, spaces and punctuation the fast path must measure as the
    /// cluster-by-cluster path does, a space before a mark among them.
    const ALPHABET: &[char] = &[
        'क', 'ष', 'र', 'त', 'अ', 'ि', 'ी', 'ा', 'ं', 'ँ', 'ः', '्', '़', 'ॅ', '।', '॥', '०', '९', 'ॐ',
        ' ', ' ', ' ', '\n', '.', ',', '"', 'a', 'Z', '1', '-', 'ॉ', 'ृ', 'ॢ', '॑',
    ];

    proptest! {
        #[test]
        fn measures_as_cluster_by_cluster(chars in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..60)) {
            let text: String = chars.into_iter().collect();
            prop_assert!(text.chars().all(is_plain_devanagari));
            prop_assert_eq!(
                Measured::plain_devanagari(&text),
                Measured::by_clusters(&text, Advance::Codepoint),
                "{:?}", text
            );
        }
    }

    #[test]
    fn other_scripts_take_the_cluster_path() {
        for text in ["नमस्ते 👍🏽 दुनिया", "क\u{200d}ष", "a\tb", "a\r\nb", "ا ل"]
        {
            assert!(!text.chars().all(is_plain_devanagari), "{text:?}");
        }
        assert_eq!(
            Measured::new("क ि ख", Advance::Codepoint),
            Measured::by_clusters("क ि ख", Advance::Codepoint)
        );
    }
}
